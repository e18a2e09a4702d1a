"""The drug library: name resolution, efficacy checks and the inhibitor/activator rewriting."""

from __future__ import annotations

import pytest

from soraresist.atlas import load_atlas
from soraresist.engine import simulate
from soraresist.errors import UnknownNameError
from soraresist.model import BooleanNetwork, format_expression
from soraresist.model._drugs import apply_drugs, drug, drug_library, drug_node, resolve_drug
from soraresist.model._sorafenib import sorafenib_model


@pytest.mark.parametrize(("name", "expected"), [
    ("Sorafenib", "sorafenib"), ("BAY 43-9006", "sorafenib"), ("amd3100", "plerixafor"),
    ("5-FU", "fluorouracil"), ("ADRIAMYCIN", "doxorubicin"), ("2me2", "2-methoxyestradiol"),
    ("Anti-PD-1", "anti_pd1_antibody"), ("hdac inhibitors", "histone_deacetylase_inhibitor"),
    ("CRYO", "caryophyllene_oxide"), ("PT2385", "pt-2385"), ("747", "compound_747"),
    ("IFN-α", "interferon_alpha"), ("IFN-a", "interferon_alpha"), ("ifna", "interferon_alpha"),
    ("Interferon-a", "interferon_alpha"), ("Nexavar", "sorafenib"), ("STIVARGA", "regorafenib"),
    ("CPT-11", "irinotecan"), ("Tarceva", "erlotinib"),
])
def test_names_resolve_through_synonyms_whatever_case_punctuation_or_greek(name, expected):
    assert resolve_drug(name) == expected


def test_unknown_drug_lists_close_names():
    with pytest.raises(UnknownNameError) as caught:
        resolve_drug("regorafenb")
    assert "regorafenib" in str(caught.value) and "regorafenb" in str(caught.value)


def test_every_named_drug_is_in_the_library():
    named = ["sorafenib", "regorafenib", "lenvatinib", "copanlisib", "palbociclib", "ribociclib",
             "everolimus", "PKI-587", "NSC74859", "erlotinib", "cetuximab", "PT-2385", "EF24",
             "2ME2", "melatonin", "metformin", "genistein", "LB-100", "AMD3100", "747",
             "anti-PD-1", "anti-PD-L1", "anti-CD47", "caryophyllene oxide", "5-azacytidine",
             "HDAC inhibitors", "capsaicin", "ulinastatin", "ZLDI-8", "deferoxamine",
             "2-deoxyglucose", "irinotecan", "doxorubicin", "5-FU", "oxaliplatin", "gemcitabine"]
    assert len({resolve_drug(name) for name in named}) == len(named)


def test_targets_exist_and_evidence_is_in_the_atlas():
    nodes = set(sorafenib_model().nodes)
    known = {record.values["id"] for record in load_atlas().evidence}
    table = drug_library()
    assert set(table.node.dropna()) <= nodes
    for ids in table.evidence_ids:
        assert ids and set(ids) <= known, ids


@pytest.mark.parametrize("efficacy", [-0.1, 1.5])
def test_efficacy_outside_unit_interval_is_refused(efficacy):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        apply_drugs(sorafenib_model(), [("erlotinib", efficacy)])


def test_inhibitor_and_activator_rewrite_rules():
    net = BooleanNetwork.from_rules({"EGFR": "EGF", "ERK": "EGFR", "PTEN": "0"})
    treated = apply_drugs(net, [("erlotinib", 0.3), "Ad5-AlncRNA"])
    assert format_expression(treated.rules["EGFR"]) == "EGF & !drug_erlotinib"
    assert format_expression(treated.rules["PTEN"]) == "0 | drug_Ad5_AlncRNA"
    assert treated.initial["drug_erlotinib"] == 0.3
    assert treated.initial[drug_node("Ad5-AlncRNA")] == drug("Ad5-AlncRNA").default_efficacy


def test_full_inhibitor_turns_an_active_target_off():
    net = BooleanNetwork.from_rules({"EGFR": "EGF", "ERK": "EGFR"}, initial={"EGF": 1.0,
                                                                             "EGFR": 1.0})
    result = simulate(apply_drugs(net, [("erlotinib", 1.0)]), n_trajectories=2000,
                      max_time=20, seed=3)
    assert result.final.loc["default", "EGFR"] == 0.0
    assert result.final.loc["default", "ERK"] == 0.0
    half = simulate(apply_drugs(net, [("erlotinib", 0.5)]), n_trajectories=2000, max_time=20,
                    seed=3)
    p, se = half.final.loc["default", "EGFR"], half.final_stderr.loc["default", "EGFR"]
    assert abs(p - 0.5) < 3 * se + 1e-9


def test_activator_of_an_input_moves_it():
    result = simulate(apply_drugs(sorafenib_model(), ["sorafenib"]), n_trajectories=500,
                      max_time=20, seed=5)
    assert result.final.loc["default", "Sorafenib"] == 1.0
    assert result.final.loc["default", "ERK"] < 0.05
