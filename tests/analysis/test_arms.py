"""Arms: perturbations and drugs become engine conditions with the documented semantics."""

import pytest

from soraresist.analysis import Arm, Perturbation, arm_conditions, simulate_arms
from soraresist.errors import InvalidValueError, UnknownNameError
from soraresist.model import format_expression


def _values(table, readout):
    return table[table.readout == readout].set_index("arm")


@pytest.fixture(scope="module")
def table():
    arms = [
        Arm("untreated"),
        Arm("ERK knockout", perturbations=(Perturbation("MAPK1", "knockout"),)),
        Arm("ERK inhibitor", perturbations=(Perturbation("ERK", "inhibitor"),)),
        Arm("ERK half inhibitor", perturbations=(Perturbation("ERK", "inhibitor", 0.5),)),
        Arm("sorafenib", drugs=(("sorafenib", 1.0),)),
        Arm("sorafenib + SHC3", drugs=(("Sorafenib", 1.0),),
            perturbations=(Perturbation("Shc3", "overexpression"),)),
    ]
    return simulate_arms(arms, n_trajectories=1500, seed=7)


def test_full_inhibitor_turns_an_active_target_off(table):
    erk = _values(table, "node:ERK")
    assert erk.loc["untreated", "value"] > 0.9
    assert erk.loc["ERK inhibitor", "value"] == 0.0
    assert erk.loc["ERK knockout", "value"] == 0.0


def test_partial_inhibitor_acts_in_its_fraction_of_trajectories(table):
    erk = _values(table, "node:ERK")
    row = erk.loc["ERK half inhibitor"]
    expected = 0.5 * erk.loc["untreated", "value"]
    assert abs(row.value - expected) < 4 * max(row.stderr, 0.01)


def test_overexpression_restores_erk_under_sorafenib_through_shc3(table):
    erk = _values(table, "node:ERK")
    assert erk.loc["sorafenib", "value"] < 0.05
    assert erk.loc["sorafenib + SHC3", "value"] > 0.9


def test_viability_is_a_readout_with_an_error(table):
    viability = _values(table, "viability")
    low = viability.loc["sorafenib"]
    high = viability.loc["untreated"]
    assert high.value - low.value > 3 * (high.stderr ** 2 + low.stderr ** 2) ** 0.5


def test_targets_resolve_through_atlas_synonyms():
    assert Perturbation("HIF-2α", "knockout").nodes() == ["EPAS1"]
    assert Perturbation("hif2a", "knockout").nodes() == ["EPAS1"]


def test_controls_are_added_once_and_rules_rewritten():
    arms = [Arm("a", perturbations=(Perturbation("ERK", "knockdown", 0.3),)),
            Arm("b", perturbations=(Perturbation("ERK", "inhibitor", 0.6),))]
    network, conditions = arm_conditions(arms)
    assert format_expression(network.rules["ERK"]).endswith("& !inh_ERK")
    assert [c.initial["inh_ERK"] for c in conditions] == [0.3, 0.6]


def test_bad_perturbations_are_refused_with_the_allowed_values():
    with pytest.raises(UnknownNameError, match="knockout"):
        Perturbation("ERK", "silence")
    with pytest.raises(InvalidValueError, match=r"\[0, 1\]"):
        Perturbation("ERK", "inhibitor", 1.5)
    with pytest.raises(UnknownNameError, match="NOT_A_GENE"):
        arm_conditions([Arm("x", perturbations=(Perturbation("NOT_A_GENE", "knockout"),))])


def test_a_progress_callable_gets_the_fraction_of_arms_done_after_each_batch():
    arms = [Arm(f"sorafenib {e}", drugs=(("sorafenib", e),)) for e in (0.2, 0.4, 0.6, 0.8, 1.0)]
    seen: list[float] = []
    calls = simulate_arms(arms, n_trajectories=50, seed=7, batch_size=2, progress=seen.append)
    assert seen == [0.4, 0.8, 1.0]
    assert set(calls.arm) == {arm.name for arm in arms}
