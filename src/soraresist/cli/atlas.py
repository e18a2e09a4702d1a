"""`soraresist atlas ...`: search, show, stats and export of the evidence atlas."""

from __future__ import annotations

import json
import textwrap

import click

from soraresist import atlas as A


@click.group()
def atlas() -> None:
    """Query and export the evidence atlas of the review."""


def _cell(value: object) -> str:
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return "" if value is None else str(value)


@atlas.command()
@click.argument("text", required=False)
@click.option("--entity", help="Entity id or synonym the records are about.")
@click.option("--category", help="Category, e.g. ncRNA, hypoxia, strategy.")
@click.option("--pathway", help="Pathway of the controlled list, e.g. PI3K/AKT/mTOR.")
@click.option("--effect", help="Effect on sorafenib, e.g. 'confers resistance', sensitises.")
@click.option("--reference", type=int, help="Reference number of the review (1-172).")
@click.option("--source", help="'Table 1'..'Table 5' or a section heading.")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
def search(text: str | None, *, entity: str | None, category: str | None, pathway: str | None,
           effect: str | None, reference: int | None, source: str | None,
           as_json: bool) -> None:
    """Records matching TEXT (an entity name or synonym, or words) and every option given.

    One line per record, tab-separated: id, source, subject, category, effect, references,
    mechanism.
    """
    found = A.search(text, entity=entity, category=category, pathway=pathway, effect=effect,
                     reference=reference, source=source)
    if as_json:
        click.echo(found.to_json(orient="records", force_ascii=False, indent=1))
        return
    for row in found.itertuples(index=False):
        click.echo("\t".join(_cell(v) for v in (
            row.evidence_id, row.source, row.subject, row.category, row.effect_on_sorafenib,
            row.references, " ".join(row.mechanism.split()))))
    if found.empty:
        click.echo("no matching record", err=True)


def _wrapped(label: str, text: str | None) -> str:
    return textwrap.fill(f"{label}: {text}", width=100, subsequent_indent="  ")


@atlas.command()
@click.argument("record_id")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
def show(record_id: str, *, as_json: bool) -> None:
    """One record: its fields, its entities and its references with DOI links."""
    rec = A.record(record_id)
    if as_json:
        click.echo(json.dumps(rec, ensure_ascii=False, indent=1))
        return
    where = rec["source"] + (f" / {rec['table_section']} / row {rec['table_row']}"
                             if rec.get("table_row") else "")
    lines = [f"{rec['id']}  ({rec['kind']}; {where})",
             _wrapped("subject", f"{rec['subject']} ({rec['subject_type']}), written "
                                 f"'{rec['subject_as_written']}'"),
             f"category: {rec['category']}",
             f"change in resistance: {rec['change_in_resistance']}",
             f"effect on sorafenib: {rec['effect_on_sorafenib']}",
             _wrapped("pathway", f"{', '.join(rec['pathway']) or '-'} "
                                 f"(as written: {rec.get('pathway_as_written') or '-'})"),
             _wrapped("model system", rec["model_system"] or "not stated"),
             _wrapped("mechanism", " ".join(rec["mechanism"].split()))]
    if rec["interactions"]:
        lines += ["interactions:"] + [f"  {e['source']} {e['type']} {e['target']}"
                                      for e in rec["interactions"]]
    lines.append("entities:")
    for e in rec["entities"]:
        xrefs = ", ".join(f"{k}:{v}" if not str(v).startswith(f"{k.upper()}:") else str(v)
                          for k, v in e["xrefs"].items())
        lines.append(_wrapped(f"  {e['id']}", f"{e['symbol']}, {e['type']}"
                              + (f", {e['name']}" if e["name"] else "")
                              + (f"; synonyms {', '.join(e['synonyms'])}" if e["synonyms"] else "")
                              + (f"; {xrefs}" if xrefs else "")))
    lines.append("references:")
    for r in rec["references"]:
        text = r["citation"] or f"{r['authors']} {r['title']}. {r['journal']} {r['year']}."
        lines.append(_wrapped(f"  [{r['number']}]", text + (f" {r['url']}" if r["url"] else "")))
    click.echo("\n".join(lines))


@atlas.command()
def stats() -> None:
    """Counts by source table and sub-section, kind, category and effect; references, DOIs."""
    counts = A.stats()
    sections = counts[counts["group"] == "table section"]
    titles = {"source": "records by source (tables with their sub-sections)",
              "kind": "records by kind", "category": "records by category",
              "effect": "records by effect on sorafenib", "references": "bibliography",
              "entities": "entities by type"}
    for group, rows in counts[counts["group"] != "table section"].groupby("group", sort=False):
        click.echo(f"{titles.get(group, group)}:")
        for row in rows.itertuples(index=False):
            click.echo(f"  {row.name:<60} {row.count:>5}")
            for sub in sections[sections["name"].str.startswith(f"{row.name} / ")].itertuples():
                click.echo(f"    {sub.name.split(' / ', 1)[1]:<58} {sub.count:>5}")
    total = int(counts.loc[counts["group"] == "kind", "count"].sum())
    click.echo(f"records: {total}")


@atlas.command()
@click.option("--format", "fmt", type=click.Choice(A.FORMATS), required=True,
              help="json (one file), tsv (four tables) or graphml (the interaction network).")
@click.option("--out", "out_dir", required=True,
              type=click.Path(exists=True, file_okay=False, writable=True),
              help="Existing folder to write into.")
def export(*, fmt: str, out_dir: str) -> None:
    """Export the atlas to an existing folder; prints the files written."""
    for path in A.export(out_dir, fmt):
        click.echo(str(path))
