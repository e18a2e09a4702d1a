"""Errors raised where the knowledge is; interfaces translate them to one-line messages."""

from __future__ import annotations


class SoraresistError(Exception):
    """Base class: every error the CLI and web layer turn into a clean message."""


class RecordFileError(SoraresistError, ValueError):
    """A curated file (or a user's input file) is malformed; names file, line and field."""

    def __init__(self, path: str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = path, line, field, message
        where = path + (f":{line}" if line is not None else "")
        what = f" field '{field}':" if field else ""
        super().__init__(f"{where}:{what} {message}")


class RuleSyntaxError(SoraresistError, ValueError):
    """A logical rule or model file does not parse; names the line, column and token."""

    def __init__(self, message: str, *, source: str = "<rule>", line: int = 1,
                 column: int = 1, token: str = ""):
        self.source, self.line, self.column, self.token = source, line, column, token
        shown = f" at '{token}'" if token else ""
        super().__init__(f"{source}:{line}:{column}: {message}{shown}")


class InvalidValueError(SoraresistError, ValueError):
    """A number or setting is outside its allowed range; the message states the range."""


class OutputPathError(SoraresistError, FileNotFoundError):
    """An output folder or file cannot be written where the user asked."""


class UnknownNameError(SoraresistError, KeyError):
    """A name (record id, node, drug, category...) is not known; lists the closest known ones."""

    def __init__(self, kind: str, name: str, known: list[str] | tuple[str, ...] = ()):
        import difflib

        self.kind, self.name = kind, name
        known = sorted(map(str, known))
        close = difflib.get_close_matches(name, known, n=5, cutoff=0.5)
        if close:
            hint = f"; closest: {', '.join(close)}"
        elif 0 < len(known) <= 20:
            hint = f"; allowed: {', '.join(known)}"
        else:
            hint = ""
        super().__init__(f"unknown {kind} '{name}'{hint}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])
