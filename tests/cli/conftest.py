"""Run the real `soraresist` entry point: errors become one line and an exit status."""

import sys
from collections.abc import Callable

import pytest

from soraresist import cli


@pytest.fixture
def run_main(monkeypatch: pytest.MonkeyPatch,
             capsys: pytest.CaptureFixture) -> Callable[..., tuple[int, str, str]]:
    """Call ``soraresist ARGS...``; return its exit status, standard output and error."""

    def run(*args: str) -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "argv", ["soraresist", *args])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
            sys.exit(0)
        captured = capsys.readouterr()
        return exit_info.value.code, captured.out, captured.err

    return run
