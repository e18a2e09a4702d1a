"""How the review's validation result depends on the constants behind it, one at a time.

The default run (`soraresist validate`: 4000 samples, seed 0, effect threshold 0.05, read-out at
t = 30, the reference tumour of `docs/model.md`) is repeated with one constant changed: the
effect threshold, the read-out time, the sample count, the fraction of cells given each growth
factor (EGF, IGF, GAS6 together), the fraction in hypoxic regions (OxygenDemand), the
fraction reached by immune cells (ImmuneInfiltrate) and the fraction with TGF-β (TGFbMilieu).
Each row gives the pass count over the scored claims and which claims changed status against
the default run of the same command.
The point is to show what the result rests on, not to pick the best setting.

    .venv/bin/python benchmarks/validation_sensitivity.py
"""

from __future__ import annotations

import argparse
import time

from soraresist.analysis import EFFECT_THRESHOLD, READOUT_TIME, review_scenarios, run_scenarios
from soraresist.model import sorafenib_model

GROWTH_FACTORS = ("EGF", "IGF", "GAS6")


def _variants(samples: int) -> list[tuple[str, str, dict]]:
    """(constant, value, run_scenarios settings) for each one-at-a-time change."""
    default = sorafenib_model().initial
    rows = [("default", "", {})]
    rows += [("effect threshold", f"{t:g}", {"threshold": t}) for t in (0.03, 0.1)]
    rows += [("read-out time", f"{t:g}", {"max_time": t}) for t in (20.0, 60.0)]
    rows += [("samples", str(n), {"n_trajectories": n}) for n in (samples // 2, samples * 2)]
    for name, nodes, values in (("growth-factor fraction", GROWTH_FACTORS, (0.1, 0.5)),
                                ("OxygenDemand fraction", ("OxygenDemand",), (0.25, 0.75)),
                                ("ImmuneInfiltrate fraction", ("ImmuneInfiltrate",), (0.25, 0.75)),
                                ("TGF-β milieu fraction", ("TGFbMilieu",), (0.0, 0.5))):
        was = "/".join(f"{default[n]:g}" for n in nodes)
        for value in values:
            rows.append((name, f"{value:g} (default {was})",
                         {"network": sorafenib_model().replace(
                             initial=dict.fromkeys(nodes, value))}))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=4000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    scenarios = review_scenarios()
    print(f"defaults: threshold {EFFECT_THRESHOLD}, read-out time {READOUT_TIME:g}, "
          f"{args.samples} samples, seed {args.seed}\n")
    print("| constant | value | pass | fail | pass rate | gained | lost | seconds |")
    print("|---|---|---|---|---|---|---|---|")
    reference = None
    for constant, value, settings in _variants(args.samples):
        started = time.perf_counter()
        results = run_scenarios(scenarios, **{"n_trajectories": args.samples, "seed": args.seed,
                                              **settings}).set_index("id").status
        seconds = time.perf_counter() - started
        if reference is None:
            reference = results
        scored = results[results.isin(["pass", "fail"])]
        gained = sorted(results.index[(results == "pass") & (reference != "pass")])
        lost = sorted(results.index[(results != "pass") & (reference == "pass")])
        passed = int((scored == "pass").sum())
        print(f"| {constant} | {value} | {passed} | {len(scored) - passed} | "
              f"{passed / len(scored):.1%} | {', '.join(gained) or '-'} | "
              f"{', '.join(lost) or '-'} | {seconds:.1f} |")


if __name__ == "__main__":
    main()
