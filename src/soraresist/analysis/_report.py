"""Validation report: scenario results grouped by mechanism family, as Markdown or HTML.

Each family gets a pass-rate row, a bar chart of its effects and, for every failure, the reason
read from the data: the signed path from the perturbed nodes to the readout with each node's
value in both arms, the node where the difference stops and why (its rule, saturation), and the
model edges that leave the perturbed nodes with their atlas evidence.
"""

from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pandas as pd

from soraresist.analysis._readouts import EFFECT_THRESHOLD
from soraresist.analysis._scenarios import STATUSES
from soraresist.errors import InvalidValueError, OutputPathError
from soraresist.model import edges, model_spec

__all__ = ["FAILURE_CAUSES", "failure_cause", "failure_reason", "family_summary",
           "write_report"]

_COLOURS = {"pass": "#2da44e", "fail": "#cf222e"}
_SATURATED = 0.05
FAILURE_CAUSES = {  # failure_cause's labels, in the order the report lists them
    "opposite": "the model predicts the opposite direction",
    "no path": "no path from the perturbed nodes to the read-out (mechanism missing)",
    "nothing to act on": "the perturbed node is the same in both arms of the reference tumour",
    "saturated": "a node on the path is on (or off) in both arms",
    "unresponsive": "a node on the path does not respond",
    "over-determined": "a read-out moved but the viability index did not (the cells reached "
                       "still die another way or do not divide)",
    "too small": "the change travels the whole path, too weakly to be called",
}


def family_summary(results: pd.DataFrame) -> pd.DataFrame:
    """Counts of each status per family, with the pass rate over scored (pass + fail) claims.

    Examples
    --------
    >>> table = pd.DataFrame({"family": ["a", "a", "b"], "status": ["pass", "fail", "untestable"]})
    >>> float(family_summary(table).loc["a", "pass_rate"])
    0.5
    """
    counts = pd.crosstab(results.family, results.status).reindex(columns=list(STATUSES),
                                                                   fill_value=0)
    total = counts.sum().rename("all")
    counts = pd.concat([counts, total.to_frame().T])
    scored = counts["pass"] + counts["fail"]
    counts["pass_rate"] = (counts["pass"] / scored.where(scored > 0)).round(3)
    return counts


@cache
def _rules() -> dict[str, str]:
    return {node["id"]: str(node["rule"]) for node in model_spec()["nodes"]}


def _outgoing(nodes: list[str]) -> list[str]:
    table = edges()
    lines = []
    for row in table[table.source.isin(nodes)].itertuples(index=False):
        verb = "activates" if row.sign > 0 else "inhibits"
        basis = ", ".join(row.evidence_ids) or f"canonical {row.canonical}"
        lines.append(f"{row.source} {verb} {row.target} ({basis})")
    return lines


def _components_line(components: Mapping[str, tuple[float, float]], effect: float) -> str:
    """The viability index's read-outs in both arms, and what it means when some moved alone."""
    text = ", ".join(f"{name} {a:.2f}/{b:.2f}" for name, (a, b) in components.items())
    line = f"Read-outs behind the index (arm A/arm B): {text}."
    moved = _moved_alone(components, effect)
    if moved:
        line += (f" {' and '.join(moved)} moved but the index did not: it counts a cell only if "
                 "the cell divides and escapes every death route, so the cells this change "
                 "reaches still die another way or do not divide.")
    return line


def _stop(trace: str) -> tuple[str, float] | None:
    """The node where the difference stops travelling, with its value in arm A."""
    stop = re.search(r"the difference stops at (\w+)", trace)
    if stop is None:
        return None
    node = stop.group(1)
    value = re.search(rf"(?<!\w){node} \(([\d.]+)/([\d.]+)\)", trace)
    return node, float(value.group(1)) if value else float("nan")


def _moved_alone(components: object, effect: float) -> list[str]:
    """Read-outs behind the index that moved while the index did not."""
    if not isinstance(components, Mapping) or abs(effect) > EFFECT_THRESHOLD:
        return []
    return [name for name, (a, b) in components.items() if abs(a - b) > EFFECT_THRESHOLD]


def failure_cause(row: Mapping[str, object]) -> str:
    """The kind of a failure, a key of `FAILURE_CAUSES`, read from its call, trace and read-outs.

    Examples
    --------
    >>> failure_cause({"expected": "sensitizes", "predicted": "desensitizes", "trace": ""})
    'opposite'
    >>> failure_cause({"expected": "increases", "predicted": "no_change", "trace":
    ...                "Sorafenib (1.00/0.00) -> SorafenibIn (1.00/0.00) -| TP53 (0.00/0.00); "
    ...                "the difference stops at TP53"})
    'saturated'
    """
    if row["predicted"] != "no_change" and row["predicted"] != row["expected"]:
        return "opposite"
    trace = str(row.get("trace") or "")
    stop = _stop(trace)
    if trace.startswith("no path"):
        return "no path"
    if stop is not None:
        node, a = stop
        if trace.startswith(f"{node} ("):
            return "nothing to act on"
        return "saturated" if a >= 1 - _SATURATED or a <= _SATURATED else "unresponsive"
    if _moved_alone(row.get("components"), float(row.get("effect", 0.0))):  # type: ignore[arg-type]
        return "over-determined"
    return "too small"


def failure_reason(row: Mapping[str, object]) -> str:
    """Why the model misses a claim, from its trace and the readout values of both arms.

    Examples
    --------
    >>> failure_reason({"expected": "increases", "predicted": "no_change", "effect": 0.0,
    ...                 "stderr": 0.0, "readout": "node:TP53", "value_a": 0.0, "value_b": 0.0,
    ...                 "trace": "Sorafenib (1.00/0.00) -> SorafenibIn (1.00/0.00) -| TP53 "
    ...                          "(0.00/0.00); the difference stops at TP53", "nodes": []}
    ...                ).splitlines()[0][:48]
    'Expected increases, the model predicts no_change'
    """
    trace = str(row.get("trace") or "")
    lines = [f"Expected {row['expected']}, the model predicts {row['predicted']}: "
             f"{row['readout']} {float(row['value_b']):.2f} -> {float(row['value_a']):.2f} "
             f"(effect {float(row['effect']):+.3f} ± {float(row['stderr']):.3f})."]
    stop = _stop(trace)
    if trace.startswith("no path"):
        lines.append(f"Mechanism missing: {trace}.")
    elif stop:
        node, a = stop
        rule = _rules().get(node, "?")
        if trace.startswith(f"{node} ("):
            lines.append(f"Perturbed node unchanged: {node} is at {a:.2f} in both arms (rule "
                         f"`{rule}`), so the perturbation has nothing to act on in the model's "
                         "reference tumour.")
        elif a >= 1 - _SATURATED or a <= _SATURATED:
            state = "on" if a >= 1 - _SATURATED else "off"
            lines.append(f"Mechanism blocked: {node} (rule `{rule}`) is {state} in both arms, "
                         "so the change cannot pass it.")
        else:
            lines.append(f"Mechanism blocked: {node} (rule `{rule}`) does not respond.")
        lines.append(f"Path (values arm A/arm B): {trace.split(';')[0]}.")
    else:
        lines.append(f"The change travels the whole path but with the opposite or too small a "
                     f"net effect (contradicted): {trace}.")
    components = row.get("components")
    if isinstance(components, Mapping):
        lines.append(_components_line(components, float(row["effect"])))
    outgoing = _outgoing(list(row.get("nodes") or []))
    if outgoing:
        lines.append("Model edges from the perturbed nodes: " + "; ".join(outgoing) + ".")
    return "\n".join(lines)


def _chart(rows: pd.DataFrame, family: str) -> bytes:
    """PNG bar chart of a family's effects with ± 3 standard errors and the threshold."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 0.3 * len(rows) + 1.2), layout="tight")
    ax = fig.subplots()
    y = range(len(rows))
    ax.barh(list(y), rows.effect, xerr=3 * rows.stderr,
            color=[_COLOURS[s] for s in rows.status], height=0.7)
    ax.set_yticks(list(y), [f"{i} ({e})" for i, e in zip(rows.id, rows.expected, strict=True)],
                  fontsize=7)
    ax.invert_yaxis()
    for x in (-EFFECT_THRESHOLD, EFFECT_THRESHOLD):
        ax.axvline(x, color="grey", linestyle=":", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_xlabel("effect: readout(arm A) - readout(arm B); green pass, red fail")
    ax.set_title(family)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "family"


def _md_table(frame: pd.DataFrame) -> str:
    head = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    body = ["| " + " | ".join("" if pd.isna(v) else str(v) for v in row) + " |"
            for row in frame.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _results_table(rows: pd.DataFrame) -> pd.DataFrame:
    effect = [f"{e:+.3f} ± {s:.3f}" if pd.notna(e) else "" for e, s in
              zip(rows.effect, rows.stderr, strict=True)]
    return pd.DataFrame({"id": rows.id, "expected": rows.expected.fillna(""),
                         "predicted": rows.predicted.fillna(""), "effect ± se": effect,
                         "status": [s + (" ~" if b else "") for s, b in
                                    zip(rows.status, rows.borderline, strict=True)]})


def _sections(results: pd.DataFrame, settings: Mapping[str, object]
              ) -> list[tuple[str, object]]:
    """The report as a list of (kind, content): heading, text, table, chart, pre."""
    summary = family_summary(results)
    totals = summary.loc["all"]
    out: list[tuple[str, object]] = [
        ("h1", "Validation of the model against the review's claims"),
        ("text", ", ".join(f"{k} {v}" for k, v in settings.items())
         + f"; effect threshold {EFFECT_THRESHOLD} and 3 standard errors."),
        ("text", f"{totals['pass']:.0f} passed, {totals['fail']:.0f} failed, "
                 f"{totals['out_of_scope']:.0f} out of scope, {totals['error']:.0f} errors, "
                 f"{totals['untestable']:.0f} untestable; pass rate over scored claims "
                 f"{totals['pass_rate']:.1%}."),
        ("text", f"{int(results.borderline.sum())} calls, marked ~, would change if their effect "
                 "moved by two standard errors: they sit near the threshold, and another seed "
                 "may call them otherwise."),
        ("h2", "Pass rate per family"),
        ("table", summary.reset_index(names="family")),
    ]
    failed = results[results.status == "fail"]
    if not failed.empty:
        causes = pd.Series([failure_cause(r) for r in failed.to_dict("records")],
                           index=failed.id)
        out += [("h2", "Why claims fail"),
                ("table", pd.DataFrame([(FAILURE_CAUSES[c], int((causes == c).sum()),
                                         ", ".join(causes.index[causes == c]))
                                        for c in FAILURE_CAUSES if (causes == c).any()],
                                       columns=["cause", "claims", "ids"]))]
    for family, rows in results.groupby("family", sort=True):
        out.append(("h2", str(family)))
        scored = rows[rows.status.isin(["pass", "fail"])]
        if not scored.empty:
            out.append(("chart", (family, _chart(scored, str(family)))))
        out.append(("table", _results_table(rows)))
        for row in rows[rows.status == "fail"].to_dict("records"):
            out.append(("h3", f"Failure {row['id']}"))
            out.append(("text", f"Claim: {row['claim']} (evidence {', '.join(row['evidence'])};"
                                f" references {', '.join(row['references']) or 'none'})"))
            out.append(("pre", failure_reason(row)))
        for status, title in (("out_of_scope", "Out of scope"), ("error", "Errors"),
                              ("untestable", "Untestable")):
            listed = rows[rows.status == status]
            if not listed.empty:
                out.append(("h3", title))
                out.append(("list", [f"{r.id}: {r.message}" for r in listed.itertuples()]))
    return out


def _markdown(sections: list[tuple[str, object]], images: Path, link: str) -> str:
    parts = []
    for kind, content in sections:
        if kind in ("h1", "h2", "h3"):
            parts.append("#" * int(kind[1]) + f" {content}")
        elif kind == "text":
            parts.append(str(content))
        elif kind == "table":
            parts.append(_md_table(content))  # type: ignore[arg-type]
        elif kind == "list":
            parts.append("\n".join(f"- {item}" for item in content))  # type: ignore[union-attr]
        elif kind == "pre":
            parts.append("\n".join(f"- {line}" for line in str(content).splitlines()))
        elif kind == "chart":
            family, png = content  # type: ignore[misc]
            name = f"{_slug(family)}.png"
            (images / name).write_bytes(png)
            parts.append(f"![{family}]({link}/{name})")
    return "\n\n".join(parts) + "\n"


def _html(sections: list[tuple[str, object]]) -> str:
    parts = ["<!doctype html><html><head><meta charset='utf-8'><title>soraresist validation"
             "</title><style>body{font-family:sans-serif;max-width:60em;margin:auto}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}"
             "pre{white-space:pre-wrap;background:#f6f8fa;padding:6px}</style></head><body>"]
    for kind, content in sections:
        if kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{html.escape(str(content))}</{kind}>")
        elif kind == "text":
            parts.append(f"<p>{html.escape(str(content))}</p>")
        elif kind == "table":
            parts.append(content.to_html(index=False, na_rep=""))  # type: ignore[union-attr]
        elif kind == "list":
            items = "".join(f"<li>{html.escape(str(i))}</li>" for i in content)  # type: ignore
            parts.append(f"<ul>{items}</ul>")
        elif kind == "pre":
            parts.append(f"<pre>{html.escape(str(content))}</pre>")
        elif kind == "chart":
            family, png = content  # type: ignore[misc]
            data = base64.b64encode(png).decode("ascii")
            parts.append(f"<img alt='{html.escape(family)}' src='data:image/png;base64,{data}'>")
    return "\n".join(parts) + "</body></html>\n"


def write_report(results: pd.DataFrame, path: str | Path,
                 settings: Mapping[str, object] | None = None) -> Path:
    """Write the validation report as ``.md`` (charts as PNG files in a folder named after the
    report, beside it) or ``.html`` (charts embedded).

    Parameters
    ----------
    results
        From :func:`run_scenarios`.
    path
        Report file; its suffix chooses the format.
    settings
        Run settings shown in the header (samples, seed...).

    Returns
    -------
    The report's path.

    Examples
    --------
    >>> import tempfile
    >>> from soraresist.analysis import review_scenarios, run_scenarios
    >>> results = run_scenarios(review_scenarios()[:3], n_trajectories=200)
    >>> with tempfile.TemporaryDirectory() as out:
    ...     write_report(results, f"{out}/report.html").stat().st_size > 1000
    True
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".md", ".html", ".htm"):
        raise InvalidValueError(f"report '{path}': the suffix must be .md or .html")
    if not path.parent.is_dir():
        raise OutputPathError(f"report '{path}': folder '{path.parent}' does not exist")
    sections = _sections(results, settings or {})
    if suffix == ".md":
        images = path.with_suffix("")
        images.mkdir(exist_ok=True)
        path.write_text(_markdown(sections, images, images.name), encoding="utf-8")
    else:
        path.write_text(_html(sections), encoding="utf-8")
    return path
