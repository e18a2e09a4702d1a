"""The sorafenib/HCC specification: structure, traceability and the review's baseline behaviour."""

from __future__ import annotations

import pytest

from soraresist.atlas import load_atlas
from soraresist.engine import Condition, simulate
from soraresist.errors import RecordFileError, RuleSyntaxError, UnknownNameError
from soraresist.model._drugs import apply_drugs, drug_node
from soraresist.model._sorafenib import (
    PHENOTYPES,
    VIABILITY_NODES,
    _check_node,
    edges,
    explain,
    model_spec,
    resolve_node,
    sorafenib_model,
    viability_index,
)

NODES = {node["id"]: node for node in model_spec()["nodes"]}


def test_spec_loads_into_a_network_with_every_node():
    net = sorafenib_model()
    assert set(net.nodes) == set(NODES)
    assert 100 <= len(net.nodes) <= 170


MODULES = {"signalling": "", "environment": ""}
GOOD = {"id": "ERK", "module": "signalling", "rule": "MEK & !DUSP6",
        "regulators": {"MEK": {"sign": "+", "evidence": ["T1-01"]},
                       "DUSP6": {"sign": "-", "evidence": ["canonical"],
                                 "canonical": "KEGG:hsa04010"}}}


@pytest.mark.parametrize(("change", "field"), [
    ({"id": "2ERK"}, "id"),
    ({"module": "cytoplasm"}, "module"),
    ({"rule": "MEK"}, "regulators"),  # DUSP6 declared but unused
    ({"rule": "MEK & !DUSP6 & !PP2A"}, "regulators"),  # PP2A used but undeclared
    ({"rule": "!ERK", "regulators": {}}, "regulators"),  # not an input: ERK regulates itself
    ({"rule": "ERK", "regulators": {}}, "initial"),  # an input without its initial value
    ({"regulators": {**GOOD["regulators"], "MEK": {"sign": "up", "evidence": ["T1-01"]}}},
     "sign"),
    ({"regulators": {**GOOD["regulators"], "MEK": {"sign": "+", "evidence": ["canonical"]}}},
     "evidence"),
])
def test_check_node_refuses_a_malformed_entry_naming_the_field(change, field):
    _check_node(GOOD, MODULES, "spec.yaml")
    with pytest.raises(RecordFileError) as caught:
        _check_node({**GOOD, **change}, MODULES, "spec.yaml")
    assert caught.value.field == field
    assert str(caught.value).startswith(f"spec.yaml: field '{field}':")


def test_check_node_takes_an_input_with_its_initial_value_and_refuses_a_bad_rule():
    _check_node({"id": "EGF", "module": "environment", "rule": "EGF", "initial": 0.25},
                MODULES, "spec.yaml")
    with pytest.raises(RuleSyntaxError):
        _check_node({**GOOD, "rule": "MEK & & DUSP6"}, MODULES, "spec.yaml")


def test_every_edge_has_atlas_evidence_or_a_canonical_pathway_id():
    known = {record.values["id"] for record in load_atlas().evidence}
    table = edges()
    assert len(table) > 200
    for row in table.itertuples():
        assert row.evidence_ids or (row.canonical or "").startswith("KEGG:hsa"), row
        missing = set(row.evidence_ids) - known
        assert not missing, f"{row.source} -> {row.target}: unknown evidence {missing}"


def test_modules_cover_every_mechanism_family():
    spec = model_spec()
    modules = {node["module"] for node in spec["nodes"]}
    assert modules == set(spec["modules"])


def test_phenotypes_are_fed_only_by_effector_nodes():
    effectors = {name for name, node in NODES.items() if node.get("effector")}
    assert set(PHENOTYPES) == set(model_spec()["phenotypes"])
    for phenotype in PHENOTYPES:
        assert NODES[phenotype]["module"] == "phenotype"
        feeding = set(NODES[phenotype]["regulators"])
        assert feeding <= effectors, f"{phenotype} read from non-effectors {feeding - effectors}"
        free = {name for name in feeding if not NODES[name].get("regulators")}
        assert not free, f"{phenotype} read straight from free inputs {free}"
    assert not any(node.get("effector") for node in NODES.values()
                   if node["module"] == "phenotype")


def test_sorafenib_kinase_inhibition_acts_through_the_intracellular_node():
    table = edges()
    for target in ("RAF1", "BRAF", "KDR", "PDGFRB", "KIT"):
        row = table[(table.source == "SorafenibIn") & (table.target == target)]
        assert row.sign.tolist() == [-1]
        assert {"CLN-05", "CLN-06"} & set(row.evidence_ids.item())
    pumps = set(table.loc[table.target == "Efflux", "source"])
    assert pumps == {"ABCB1", "ABCC1", "ABCC2", "ABCC3", "ABCG2"}
    targets = table[table.target.isin(["RAF1", "BRAF", "KDR", "PDGFRB", "KIT"])]
    assert "Sorafenib" not in set(targets.source)


def test_resolve_node_and_explain():
    assert resolve_node("mapk1") == ["ERK"]
    assert resolve_node("EPAS1") == ["EPAS1"]
    assert resolve_node("HIF-2α") == resolve_node("HIF-2a") == resolve_node("hif2a") == ["EPAS1"]
    with pytest.raises(UnknownNameError, match="closest"):
        resolve_node("EPAS")
    text = explain("ABCG2")
    assert "TXT-TRN-15" in text and "refs 67" in text
    with pytest.raises(UnknownNameError):
        explain("NotANode")


def test_viability_index_counts_a_cell_that_dies_two_ways_once():
    # 60% of cells proliferate; 20% of them die by apoptosis and ferroptosis at once
    states = {"Proliferation": 0.48, "Apoptosis -- Ferroptosis -- Proliferation": 0.12,
              "<nil>": 0.4}
    value, error = viability_index(states, 400)
    assert value == pytest.approx(0.48)
    assert error == pytest.approx((0.48 * 0.52 / 400) ** 0.5)
    assert viability_index({"<nil>": 1.0}, 10) == (0.0, 0.0)


# ---------------------------------------------------------------- simulation (the engine)

N, T, SEED = 3000, 30.0, 11


@pytest.fixture(scope="module")
def runs():
    net = apply_drugs(sorafenib_model(), [("sorafenib", 0.0)])
    on = {drug_node("sorafenib"): 1.0}
    conditions = [Condition("untreated"), Condition("sorafenib", initial=on),
                  Condition("sorafenib, MT1G knockout", initial=on, off=("MT1G",)),
                  Condition("sorafenib, NRF2 knockout", initial=on, off=("NRF2",)),
                  Condition("sorafenib, ABCG2 high", initial=on, on=("ABCG2",)),
                  Condition("sorafenib, normoxic", initial=on, off=("OxygenDemand",)),
                  Condition("sorafenib, SHP-1 knockout", initial=on, off=("PTPN6",)),
                  Condition("sorafenib, CCR2 knockout", initial=on, off=("CCR2",)),
                  Condition("sorafenib, CXCR4 knockout", initial=on, off=("CXCR4",)),
                  Condition("sorafenib, PD-1 knockout", initial=on, off=("PDCD1",)),
                  Condition("sorafenib, normoxic, AKT knockout", initial=on,
                            off=("OxygenDemand", "AKT")),
                  Condition("sorafenib, normoxic, AKT knockout, PTK2 high", initial=on,
                            off=("OxygenDemand", "AKT"), on=("PTK2",)),
                  Condition("sorafenib, PFKFB3 high", initial=on, on=("PFKFB3",)),
                  Condition("sorafenib, ADRB2 high", initial=on, on=("ADRB2",)),
                  Condition("sorafenib, ADRB2 and BNIP3 high", initial=on, on=("ADRB2", "BNIP3"))]
    return simulate(net, conditions, n_trajectories=N, max_time=T, seed=SEED,
                    output_nodes=VIABILITY_NODES)


def _lower(runs, node, low, high):
    """`node` is lower in condition `low` than in `high` by more than 3 standard errors."""
    p, se = runs.final[node], runs.final_stderr[node]
    return p[high] - p[low] > 3 * (se[high] ** 2 + se[low] ** 2) ** 0.5


@pytest.mark.parametrize("node", ["ERK", "Proliferation", "Angiogenesis"])
def test_sorafenib_lowers_erk_proliferation_and_angiogenesis(runs, node):
    assert _lower(runs, node, "sorafenib", "untreated")


@pytest.mark.parametrize("node", ["Hypoxia", "EPAS1", "AKT"])
def test_sustained_sorafenib_raises_hypoxia_hif2a_and_akt(runs, node):
    assert _lower(runs, node, "untreated", "sorafenib")


def test_sorafenib_induces_ferroptosis_that_mt1g_and_nrf2_oppose(runs):
    assert _lower(runs, "Ferroptosis", "untreated", "sorafenib")
    assert _lower(runs, "Ferroptosis", "sorafenib", "sorafenib, MT1G knockout")
    assert _lower(runs, "Ferroptosis", "sorafenib", "sorafenib, NRF2 knockout")


def test_sorafenib_raises_apoptosis_and_autophagic_death(runs):
    assert _lower(runs, "Apoptosis", "untreated", "sorafenib")
    assert _lower(runs, "AutophagicDeath", "untreated", "sorafenib")


def test_sorafenib_raises_hif2a_only_where_oxygen_is_short(runs):
    assert runs.final.loc["sorafenib, normoxic", "Hypoxia"] == 0.0
    assert runs.final.loc["sorafenib, normoxic", "EPAS1"] == 0.0
    assert _lower(runs, "AKT", "sorafenib, normoxic", "sorafenib")


def test_shp1_loss_blunts_sorafenib_autophagic_death_through_stat3(runs):
    assert _lower(runs, "STAT3", "sorafenib", "sorafenib, SHP-1 knockout")
    assert _lower(runs, "AutophagicDeath", "sorafenib, SHP-1 knockout", "sorafenib")


def test_abc_pump_over_expression_restores_erk_under_sorafenib(runs):
    assert _lower(runs, "ERK", "sorafenib", "sorafenib, ABCG2 high")
    assert runs.final.loc["sorafenib, ABCG2 high", "SorafenibIn"] == 0.0


def test_sorafenib_lowers_the_viability_index(runs):
    treated = viability_index(runs.final_states.loc["sorafenib"], N)
    untreated = viability_index(runs.final_states.loc["untreated"], N)
    assert untreated[0] - treated[0] > 3 * (treated[1] ** 2 + untreated[1] ** 2) ** 0.5


def test_sorafenib_silences_cd8_t_cells_only_with_its_whole_suppressive_programme(runs):
    """Revision 3: one blockade (CCR2, CXCR4 or PD-1) restores CD8 T cells under sorafenib."""
    assert runs.final.loc["sorafenib", "CD8T"] == 0.0
    for blocked in ("CCR2", "CXCR4", "PD-1"):
        assert _lower(runs, "CD8T", "sorafenib", f"sorafenib, {blocked} knockout"), blocked
        assert _lower(runs, "ImmuneKilling", "sorafenib", f"sorafenib, {blocked} knockout")


def test_myc_drives_glycolysis_so_beta_catenin_restores_normoxic_proliferation(runs):
    """Revision 3: c-Myc induces GLUT1/HK2/PKM2 (KEGG hsa05230) without HIF or ERK."""
    low, high = "sorafenib, normoxic, AKT knockout", "sorafenib, normoxic, AKT knockout, PTK2 high"
    assert runs.final.loc[low, "Glycolysis"] == 0.0
    assert runs.final.loc[low, "Proliferation"] == 0.0
    assert _lower(runs, "Glycolysis", low, high)
    assert _lower(runs, "Proliferation", low, high)


def test_akt_releases_beta_catenin_from_gsk3b_in_normoxic_treated_cells(runs):
    """Revision 3: AKT inhibits GSK3-beta (KEGG hsa04151), so AKT-on cells keep dividing."""
    assert runs.final.loc["sorafenib, normoxic, AKT knockout", "CTNNB1"] == 0.0
    assert _lower(runs, "CTNNB1", "sorafenib, normoxic, AKT knockout", "sorafenib, normoxic")
    assert _lower(runs, "Proliferation", "sorafenib, normoxic, AKT knockout",
                  "sorafenib, normoxic")


def test_pfkfb3_and_adrb2_keep_hif1a_on_under_sorafenib(runs):
    """Revision 4: the HIF-1-alpha that these resistance factors need survives sorafenib."""
    assert runs.final.loc["sorafenib", "HIF1A"] == 0.0
    assert _lower(runs, "HIF1A", "sorafenib", "sorafenib, PFKFB3 high")
    assert _lower(runs, "HIF1A", "sorafenib", "sorafenib, ADRB2 high")


def test_adrb2_holds_autophagy_down_whatever_bnip3_does(runs):
    """Revision 4: BNIP3 acts through Beclin-1 (KEGG hsa04140), which ADRB2 disables."""
    assert runs.final.loc["sorafenib, ADRB2 high", "BNIP3"] == 1.0
    for arm in ("sorafenib, ADRB2 high", "sorafenib, ADRB2 and BNIP3 high"):
        assert runs.final.loc[arm, "Autophagy"] == 0.0, arm

