"""Extract the review's bibliography into ``src/soraresist/atlas/data/references.tsv``.

Run at development time from the repository root::

    python scripts/extract_references.py [SEED] [--out PATH]

SEED defaults to ``../shared/seed/000_a456214616a530e3.txt``. Each bibliography entry is
split into authors, title, journal, year, volume, pages and DOI as printed (only the stop
that separates two elements is dropped); a field that cannot be told apart is left empty,
never guessed. PMIDs are not printed in the seed,
so the ``pmid`` column stays empty.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

from soraresist.atlas._schema import REFERENCE_COLUMNS

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEED = REPO.parent / "shared" / "seed" / "000_a456214616a530e3.txt"
DEFAULT_OUT = REPO / "src" / "soraresist" / "atlas" / "data" / "references.tsv"

ENTRY = re.compile(r"^\s*•\s*(\d+)\.(.*\S)\s*$")
LINK_LABELS = re.compile(r"(?:\s*\[[^\]]+\])+$")
DOI = re.compile(r"\s*doi:\s*(\S+?)\.?$")
# Vancouver style: "Journal. 2015;65:87–108."
VANCOUVER_SOURCE = re.compile(
    r"^(?P<head>.*?)\s*(?P<year>(?:19|20)\d\d);(?P<volume>[^:;]*):(?P<pages>[^\s;]+?)\.?$")
# Nature style: "Ann. Oncol.30, ix186–ix187 (2019)." / "Autophagy 1–24 (2019)." /
# "Cancer Gene Ther. (2019)."
NATURE_SOURCE = re.compile(
    r"^(?P<head>.*?)\s*(?:(?P<volume>\d+),\s*(?P<pages>\S+)|(?P<pages_only>\d+[–-]\d+))?"
    r"\s*\((?P<year>(?:19|20)\d\d)\)\.?$")
# "Surname AB, Surname C." / "Surname AB, et al." / "Surname, A. B." / "Surname, A. et al."
AUTHORS = re.compile(
    r"^(?P<authors>.*?\bet al\.|[^,.]+, (?:[A-Z]\.\s?)*[A-Z]\."
    r"|(?:[^,.]+ [A-Z]{1,3}, )*[^,.]+ [A-Z]{1,3}\.)\s+")
# Where a title may end: after ". " or "? ", or (rarely, with no stop printed) after ") ".
TITLE_END = re.compile(r"(?<=[.?])\s+|(?<=\))\s+")


def read_entries(text: str) -> list[tuple[int, str]]:
    """Return ``(number, entry)`` for every bibliography line after the ``References`` heading."""
    lines = text.splitlines()
    try:
        start = lines.index("References")
    except ValueError:
        raise SystemExit("no line 'References' in the seed text") from None
    entries = []
    for line in lines[start + 1:]:
        match = ENTRY.match(line)
        if match:
            entries.append((int(match.group(1)), match.group(2).strip()))
    return entries


def looks_like_journal(text: str) -> bool:
    """Tell whether every word of ``text`` starts with a capital, as journal abbreviations do."""
    words = text.rstrip(".").split()
    return bool(words) and all(word[0].isupper() for word in words)


def split_title_journal(head: str) -> tuple[str, str]:
    """Split "Title. Journal" at the first title end after which only a journal name follows.

    The stop that closes the title is a separator and is dropped; the journal keeps its
    printed form, since its last dot may belong to an abbreviation ("Cancer J. Clin.").
    """
    for match in TITLE_END.finditer(head):
        rest = head[match.end():]
        if looks_like_journal(rest):
            title = head[:match.start()]
            return title.removesuffix("."), rest
    return "", ""


def parse_entry(number: int, entry: str) -> dict[str, str]:
    """Split one printed entry into the TSV columns; unknown parts stay empty."""
    citation = LINK_LABELS.sub("", entry).strip()
    row = dict.fromkeys(REFERENCE_COLUMNS, "")
    row["number"], row["citation"] = str(number), citation
    body = citation
    doi = DOI.search(body)
    if doi:
        row["doi"] = doi.group(1)
        body = body[:doi.start()]
    authors = AUTHORS.match(body)
    if not authors:
        return row
    row["authors"] = authors.group("authors")
    body = body[authors.end():].rstrip()
    source = VANCOUVER_SOURCE.match(body) or NATURE_SOURCE.match(body)
    if not source:
        return row
    parts = source.groupdict()
    row["year"] = parts["year"]
    row["volume"] = (parts["volume"] or "").strip()
    row["pages"] = parts["pages"] or parts.get("pages_only") or ""
    row["title"], row["journal"] = split_title_journal(parts["head"])
    return row


def write_references(rows: list[dict[str, str]], out: Path) -> None:
    """Write the rows as a tab-separated file with ``\\n`` line ends, for byte-stable output."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=REFERENCE_COLUMNS, delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> int:
    """Parse the seed's bibliography, write the TSV and list entries with empty fields."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed", nargs="?", type=Path, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    entries = read_entries(args.seed.read_text(encoding="utf-8"))
    rows = [parse_entry(number, entry) for number, entry in entries]
    write_references(rows, args.out)
    with_doi = sum(1 for row in rows if row["doi"])
    print(f"{len(rows)} references, {with_doi} with a DOI -> {args.out}")
    for row in rows:
        empty = [c for c in REFERENCE_COLUMNS if not row[c] and c not in ("doi", "pmid")]
        if empty:
            print(f"  {row['number']}: empty {', '.join(empty)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
