"""Directions of the model's signalling layer against phosphoprotein measurements in HCC lines.

Not a fit and not a timing: a qualitative check. The data are the CellNOpt set
"HepG2CancerRes2011" (Saez-Rodriguez et al., Cancer Res 2011; ``shared/data/hcc-phospho-saez2011``,
a MIDAS file): 18 phosphoproteins in HepG2, Hep3B, Huh7, Focus and primary hepatocytes, 30 min
after a stimulus (IL1α, TGFα, IL6, insulin, TNFα) with or without PI3K, MEK1/2 or IKK
inhibitors. For each comparison (a stimulus against none, an inhibitor plus a stimulus against
the stimulus alone) this script takes the measured fold change in each of the four HCC lines
(primary hepatocytes left out), calls it up or down when |log2 fold| > 0.5, and sets the call
held by at least 3 of the 4 lines against the model's call.

The model is ``sorafenib_model()`` without sorafenib, held as a serum-starved culture (EGF,
IGF, GAS6, OxygenDemand, ImmuneInfiltrate and the TGF-β milieu off; all other initial values as
in the spec):
TGFα is the node TGFA held on, insulin is the IGF input held on (the model has no insulin
receptor; IGF1R stands in), TNFα the TNF input; the PI3K, MEK and IKK inhibitors are full
inhibitors of the nodes PI3K, MEK and NFKB (no IKK node). A model difference is a call when it
exceeds 0.05 and 3 standard errors. In the tumour, TGF-β (TGFbMilieu on) keeps p38 (MAPK14),
and through it RAF -> MEK -> ERK, on in every untreated cell, so the same arms are rerun with
the milieu on: where that changes the call, TGF-β alone decides the model's answer.

    .venv/bin/python benchmarks/phospho_check.py
"""

from __future__ import annotations

import argparse
import math
import time
from pathlib import Path

import pandas as pd

from soraresist.analysis import Arm, Perturbation, simulate_arms
from soraresist.model import sorafenib_model

DATA = (Path(__file__).resolve().parents[1].parent / "shared" / "data" / "hcc-phospho-saez2011"
        / "MD-HepG2CancerRes2011.csv")
LINES = ("HepG2", "Hep3B", "Huh7", "Focus")
TIME = 30  # the one time after stimulation in the file (DA: columns are 0 or 30)
DATA_LOG2, MODEL_DIFF, MODEL_SE = 0.5, 0.05, 3.0
CULTURE = dict.fromkeys(("EGF", "IGF", "GAS6", "OxygenDemand", "ImmuneInfiltrate",
                         "TGFbMilieu"), 0.0)

# read-out: (MIDAS DV: column, model node or None, model node is the inverse of the phosphosite)
READOUTS = {
    "ERK": ("DV:ERK12 (38)", "ERK", False),
    "AKT": ("DV:AKT (75)", "AKT", False),
    "p70S6K": ("DV:p70S6 (55)", "RPS6KB1", False),
    "GSK3": ("DV:GSK3 (18)", "GSK3B", True),  # phospho-GSK3 (S9/S21) is inactive GSK3
    "MEK": ("DV:MEK12 (40)", "MEK", False),
    "JNK": ("DV:JNK12 (34)", "JNK", False),
    "p38": ("DV:p38 (36)", "MAPK14", False),
    "IκB": ("DV:Ikb (58)", "NFKB", False),
    "c-Jun": ("DV:cJUN (56)", "JUN", False),
    "p90RSK": ("DV:p90RSK (35)", None, False),
}
GROWTH = ("ERK", "AKT", "p70S6K", "GSK3", "MEK")
# (label, data treatment A, data treatment B, model perturbations A, B, read-outs): A against B
OE = {"TGFa": Perturbation("TGFA", "overexpression"), "INS": Perturbation("IGF", "overexpression"),
      "TNFa": Perturbation("TNF", "overexpression")}
INH = {"PI3Ki": Perturbation("PI3K", "inhibitor"), "MEK12i": Perturbation("MEK", "inhibitor"),
       "IKKi": Perturbation("NFKB", "inhibitor")}
COMPARISONS = [
    ("(a) TGFα vs none", ("TGFa",), (), GROWTH),
    ("(b) insulin vs none", ("INS",), (), GROWTH),
    ("(c) TNFα vs none", ("TNFa",), (), ("JNK", "p38", "IκB", "c-Jun")),
    ("(d) MEKi+TGFα vs TGFα", ("TGFa", "MEK12i"), ("TGFa",), ("ERK", "p90RSK")),
    ("(e) PI3Ki+TGFα vs TGFα", ("TGFa", "PI3Ki"), ("TGFa",), ("AKT", "p70S6K", "GSK3")),
    ("(e) PI3Ki+insulin vs insulin", ("INS", "PI3Ki"), ("INS",), ("AKT", "p70S6K", "GSK3")),
    ("(f) IKKi+TNFα vs TNFα", ("TNFa", "IKKi"), ("TNFa",), ("IκB",)),
]


def _wells(data: pd.DataFrame, line: str, treatment: tuple[str, ...], time: int) -> pd.DataFrame:
    """Rows of `line` at `time` with exactly `treatment` on (plus NOCYTO / NOINHIB if none)."""
    on = set(treatment) | ({"NOCYTO"} if not set(treatment) & set(OE) else set())
    on |= {"NOINHIB"} if not set(treatment) & set(INH) else set()
    treatment_columns = [c for c in data if c.startswith("TR:") and not c.endswith(":CellLine")]
    mask = (data[f"TR:{line}:CellLine"] == 1) & (data["DA:AKT (75)"] == time)
    for column in treatment_columns:
        mask &= (data[column] == 1) == (column[3:] in on)
    return data[mask]


def measured(data: pd.DataFrame, line: str, a: tuple[str, ...], b: tuple[str, ...],
             readout: str) -> float | None:
    """Fold change A/B of one read-out; the no-stimulus reference is the mean of its t = 0 wells."""
    column = READOUTS[readout][0]
    well_a = _wells(data, line, a, TIME)
    well_b = _wells(data, line, b, TIME) if b else _wells(data, line, b, 0)
    if well_a.empty or well_b.empty:
        return None
    return float(well_a[column].mean() / well_b[column].mean())


def data_call(fold: float) -> str:
    log2 = math.log2(fold)
    return "up" if log2 > DATA_LOG2 else "down" if log2 < -DATA_LOG2 else "none"


def model_values(initial: dict[str, float]) -> dict[tuple[str, ...], pd.Series]:
    """Node values (value, stderr) of every treatment the comparisons use, inputs as given."""
    treatments = sorted({t for _, a, b, _ in COMPARISONS for t in (a, b)})
    arms = [Arm(" + ".join(t) or "none", perturbations=tuple({**OE, **INH}[x] for x in t))
            for t in treatments]
    table = simulate_arms(arms, network=sorafenib_model().replace(initial=initial),
                          n_trajectories=2000, seed=0)
    table = table[table.readout.str.startswith("node:")]
    table = table.assign(node=table.readout.str[5:]).set_index(["arm", "node"])
    return {t: table.loc[arm.name] for t, arm in zip(treatments, arms, strict=True)}


def model_call(values: dict, a: tuple[str, ...], b: tuple[str, ...], node: str, *,
               inverse: bool) -> tuple[str, str]:
    va, vb = values[a].loc[node], values[b].loc[node]
    diff = va.value - vb.value
    se = math.hypot(va.stderr, vb.stderr)
    call = "none"
    if abs(diff) > MODEL_DIFF and abs(diff) > MODEL_SE * se:
        call = "up" if (diff > 0) != inverse else "down"
    return f"{va.value:.2f}/{vb.value:.2f}", call


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    started = time.perf_counter()
    data = pd.read_csv(args.data)
    culture = model_values(CULTURE)
    milieu = model_values({**CULTURE, "TGFbMilieu": 1.0})

    print(f"Measured: fold = A/B at {TIME} min, call up/down when |log2 fold| > {DATA_LOG2}. "
          f"Model (culture setting, 2000 samples, seed 0): A/B node values, call when the "
          f"difference > {MODEL_DIFF} and > {MODEL_SE:g} SE. Data majority: a call held by at "
          f"least 3 of the {len(LINES)} HCC lines ('none' included); a row agrees when the "
          f"model's call equals it.\n")
    print("| comparison (A vs B) | read-out (model node) | " + " | ".join(LINES)
          + " | data majority | model A/B | model call | verdict | TGF-β milieu on: A/B, call |")
    print("|---|---|" + "---|" * (len(LINES) + 5))
    agree = agree_milieu = comparable = 0
    for label, a, b, readouts in COMPARISONS:
        for readout in readouts:
            folds = [measured(data, line, a, b, readout) for line in LINES]
            if any(f is None for f in folds):
                print(f"| {label} | {readout} | not in the data |" + " |" * (len(LINES) + 4))
                continue
            calls = [data_call(f) for f in folds]
            top = max(set(calls), key=calls.count)
            majority = top if calls.count(top) >= 3 else "no majority"
            cells = " | ".join(f"{f:.2f} {c}" for f, c in zip(folds, calls, strict=True))
            _, node, inverse = READOUTS[readout]
            if node is None:
                print(f"| {label} | {readout} (not in model) | {cells} | {majority} | - | - | "
                      f"not comparable | - |")
                continue
            values, call = model_call(culture, a, b, node, inverse=inverse)
            on_values, on_call = model_call(milieu, a, b, node, inverse=inverse)
            lock = f"{on_values}, {on_call}" + (" (TGF-β decides)" if on_call != call else "")
            if node in {INH[x].target for x in a if x in INH}:
                verdict = "by construction"  # the read-out is the node the inhibitor switches off
            elif majority == "no majority":
                verdict = "not comparable"
            else:
                comparable += 1
                agree += call == majority
                agree_milieu += on_call == majority
                verdict = "agree" if call == majority else "disagree"
            name = f"{node}, inverted" if inverse else node
            print(f"| {label} | {readout} ({name}) | {cells} | {majority} | {values} | {call} | "
                  f"{verdict} | {lock} |")
    print(f"\nAgreement: {agree} / {comparable} comparable rows (the model's call against the "
          f"majority call of the 4 HCC lines); with the TGF-β milieu on, as in the tumour: "
          f"{agree_milieu} / {comparable}.\n")
    _notes(data)
    print(f"\nRun time: {time.perf_counter() - started:.1f} s")


def _notes(data: pd.DataFrame) -> None:
    """What the data format leaves open, with the numbers that show it."""
    values = [c for c in data if c.startswith("DV:")]
    copies = sum(
        len(_wells(data, line, (inh,), TIME)[values].merge(_wells(data, line, (inh,), 0)[values]))
        for line in LINES for inh in ("NOINHIB", *INH))
    print(f"- No-stimulus reference: the file's no-cytokine rows at {TIME} min are copies of a "
          f"t = 0 well ({copies} of {len(LINES) * (1 + len(INH))} identical to one t = 0 row, "
          "the same measurement repeated), so there is no separate unstimulated well at 30 min; "
          "the reference for (a)-(c) is the mean of the two unstimulated t = 0 wells per line.")
    spread = []
    for readout in sorted({r for *_, rs in COMPARISONS for r in rs}):
        column = READOUTS[readout][0]
        per_line = []
        for line in LINES:
            wells = _wells(data, line, (), 0)[column].drop_duplicates()
            per_line.append(f"{abs(math.log2(wells.max() / wells.min())):.2f}")
        spread.append(f"{readout} {'/'.join(per_line)}")
    print("- Noise gauge (one well per condition, no replicates): |log2| between the two "
          f"unstimulated t = 0 wells, {'/'.join(LINES)}: " + "; ".join(spread) + ".")
    print("- Insulin: the model has no insulin receptor; the IGF input (IGF1R) stands in.")
    print("- IKK inhibitor: the model has no IKK node; it inhibits NFKB, which is also the "
          "read-out for phospho-IκB, so row (f) holds by construction and is not counted.")
    print("- GSK3: phospho-GSK3 marks inactive GSK3, so the model's call is the inverse of the "
          "direction of its GSK3B node.")


if __name__ == "__main__":
    main()
