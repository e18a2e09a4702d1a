"""The REST API: atlas queries, models, simulation jobs, bounds and error answers."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from soraresist.errors import InvalidValueError
from soraresist.web import create_app
from soraresist.web.schemas import MAX_BODY_BYTES

SLOW_JOB = {"model": "bbm001_SIGNALING-IN-MACROPHAGE-ACTIVATION", "samples": 20000,
            "max_time": 200}
"""A job of a few seconds on two cores (321 nodes, two conditions)."""


# ---- atlas ----------------------------------------------------------------------------------

def ids(client: TestClient, **params) -> list[str]:
    response = client.get("/api/atlas/search", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["count"] == len(body["records"])
    return [r["evidence_id"] for r in body["records"]]


def test_search_resolves_synonyms(client):
    found = ids(client, q="HIF-2α")
    assert found and "T4-07" in found
    assert found == ids(client, q="EPAS1") == ids(client, q="hif2a")


@pytest.mark.parametrize(("field", "param", "value"), [
    ("category", "category", "hypoxia"),
    ("effect_on_sorafenib", "effect", "sensitises"),
])
def test_search_filters_by_controlled_value(client, field, param, value):
    records = client.get("/api/atlas/search", params={param: value}).json()["records"]
    assert records
    assert {r[field] for r in records} == {value}


def test_search_filters_by_pathway_and_reference(client):
    records = client.get("/api/atlas/search", params={"pathway": "nf-κb"}).json()["records"]
    assert records and all("NF-κB" in r["pathway"] for r in records)
    cited = client.get("/api/atlas/search", params={"reference": 21}).json()["records"]
    assert "T1-01" in [r["evidence_id"] for r in cited]
    assert all(21 in r["references"] for r in cited)


def test_search_unknown_filter_is_400_listing_allowed_values(client):
    response = client.get("/api/atlas/search", params={"category": "hypoxya"})
    assert response.status_code == 400
    assert "unknown category 'hypoxya'" in response.json()["detail"]
    assert "hypoxia" in response.json()["detail"]


def test_search_text_is_never_query_syntax(client):
    for text in ['" OR 1=1 --', "NEAR(a b)", "*", "'; DROP TABLE evidence; --"]:
        assert client.get("/api/atlas/search", params={"q": text}).status_code == 200
    assert len(ids(client)) > 200  # the table is still there


def test_record_has_doi_links(client):
    record = client.get("/api/atlas/records/T1-01").json()
    assert record["subject"] == "SNHG1"
    reference = next(r for r in record["references"] if r["number"] == 21)
    assert reference["doi"] == "10.1186/s13046-019-1177-0"
    assert reference["url"] == "https://doi.org/10.1186/s13046-019-1177-0"
    ends = {i[end] for i in record["interactions"] for end in ("source", "target")}
    assert {e["id"] for e in record["entities"]} == {"SNHG1"} | ends


def test_unknown_record_is_404_with_closest_ids(client):
    response = client.get("/api/atlas/records/T1-999")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("unknown record id 'T1-999'; closest:")


def test_entity_by_synonym(client):
    entity = client.get("/api/atlas/entities/HIF-2alpha").json()
    assert entity["id"] == "EPAS1" and "HIF-2α" in entity["synonyms"]
    listed = client.get("/api/atlas/entities", params={"q": "hif2a"}).json()
    assert [e["id"] for e in listed] == ["EPAS1"]
    assert client.get("/api/atlas/entities/NOT-A-GENE-XYZ").status_code == 404


def test_references_interactions_stats_vocabulary(client):
    references = client.get("/api/atlas/references").json()
    assert [r["number"] for r in references] == list(range(1, len(references) + 1))
    assert all(r["url"] == f"https://doi.org/{r['doi']}" for r in references if r["doi"])
    interactions = client.get("/api/atlas/interactions").json()
    assert {"hsa-miR-21", "SNHG1"} <= {i["source"] for i in interactions}
    assert {i["sign"] for i in interactions} <= {-1, 1}
    stats = client.get("/api/atlas/stats").json()
    by_source = {s["name"]: s["count"] for s in stats if s["group"] == "source"}
    assert sum(by_source.values()) == len(ids(client))
    vocabulary = client.get("/api/atlas/vocabulary").json()
    assert "hypoxia" in vocabulary["categories"] and "Table 1" in vocabulary["sources"]


# ---- models and simulations -----------------------------------------------------------------

def test_models_and_node_rules(client):
    names = [m["name"] for m in client.get("/api/models").json()]
    assert names[0] == "sorafenib_hcc" and "toy" in names
    graph = client.get("/api/models/toy").json()
    assert {(e["source"], e["target"]) for e in graph["edges"]} == {("A", "B"), ("C", "B"),
                                                                     ("B", "C")}
    node = client.get("/api/models/toy/nodes/B").json()
    assert node["rule"] == "A & !C" and node["regulators"] == ["A", "C"]
    assert client.get("/api/models/toy/nodes/Z").status_code == 404
    assert client.get("/api/models/no-such-model").status_code == 404


def test_sorafenib_model_graph_marks_drugs_phenotypes_and_evidence(client):
    graph = client.get("/api/models/sorafenib_hcc").json()
    kinds = {n["id"]: n["kind"] for n in graph["nodes"]}
    assert {kinds[p] for p in graph["phenotypes"]} == {"phenotype"}
    assert kinds["drug_erlotinib"] == "drug"
    assert {"source": "drug_erlotinib", "target": "EGFR", "sign": -1} in [
        {k: e[k] for k in ("source", "target", "sign")} for e in graph["edges"]]
    assert all(n["module"] for n in graph["nodes"])
    node = client.get("/api/models/sorafenib_hcc/nodes/SorafenibIn").json()
    linked = {i for edge in node["inputs"] for i in edge["evidence_ids"]}
    assert linked and linked == {r["evidence_id"] for r in node["evidence"]}


def test_sorafenib_lowers_viability(client, finished):
    job = client.post("/api/simulations", json={
        "model": "sorafenib_hcc", "drugs": [{"name": "BAY 43-9006"}], "samples": 2000,
        "max_time": 20, "seed": 1}).json()
    result = finished(client, "simulations", job["id"])["result"]
    untreated, treated = result["conditions"]
    assert treated["applied"] == ["BAY 43-9006 (1)"]
    assert "viability" in result["readouts"] and "Proliferation" in result["readouts"]
    difference = untreated["final"]["viability"] - treated["final"]["viability"]
    assert difference > 3 * (untreated["final_stderr"]["viability"]
                             + treated["final_stderr"]["viability"])


def test_perturbation_names_resolve_to_model_nodes(client, finished):
    job = client.post("/api/simulations", json={
        "model": "sorafenib_hcc", "perturbations": [{"target": "MAPK3", "type": "knockout"}],
        "nodes": ["MAPK3"], "samples": 100, "max_time": 5, "baseline": False}).json()
    result = finished(client, "simulations", job["id"])["result"]
    assert "ERK" in result["readouts"]
    assert result["conditions"][0]["final"]["ERK"] == 0.0


def test_simulation_job_knockout(client, finished):
    response = client.post("/api/simulations", json={
        "model": "toy", "perturbations": [{"target": "C", "type": "knockout"}],
        "samples": 400, "max_time": 6, "tick": 0.5, "seed": 3})
    assert response.status_code == 202
    assert response.headers["location"] == f"/api/simulations/{response.json()['id']}"
    job = finished(client, "simulations", response.json()["id"])
    assert job["status"] == "done" and job["progress"] == 1.0
    result = job["result"]
    assert len(result["times"]) == 12
    baseline, scenario = result["conditions"]
    assert (baseline["name"], scenario["name"]) == ("untreated", "scenario")
    assert scenario["applied"] == ["knockout C"]
    assert scenario["final"]["C"] == 0.0 and set(scenario["series"]["C"]["probability"]) == {0.0}
    # without C's repression B settles on, while in the baseline B and C keep cycling
    assert scenario["final"]["B"] > 0.9 > baseline["final"]["B"]


def test_every_perturbation_type_acts_as_in_the_analysis_layer(client, finished):
    job = client.post("/api/simulations", json={
        "model": "sorafenib_hcc", "nodes": ["ERK", "AKT"], "samples": 800, "max_time": 30,
        "tick": 10, "seed": 5, "perturbations": [
            {"target": "MAPK1", "type": "knockdown", "efficacy": 0.5},
            {"target": "AKT", "type": "inhibitor"}]}).json()
    result = finished(client, "simulations", job["id"])["result"]
    untreated, scenario = result["conditions"]
    assert scenario["applied"] == ["knockdown MAPK1 (0.5)", "inhibitor AKT"]
    assert scenario["final"]["AKT"] == 0.0 < untreated["final"]["AKT"]
    erk, se = scenario["final"]["ERK"], scenario["final_stderr"]["ERK"]
    assert untreated["final"]["ERK"] > 0.9
    assert abs(erk - 0.5 * untreated["final"]["ERK"]) < 4 * max(se, 0.01)
    assert result["times"] == [0.0, 10.0, 20.0]


def test_activator_on_a_network_without_drug_library(client, finished):
    job = client.post("/api/simulations", json={
        "model": "toy", "perturbations": [{"target": "C", "type": "activator"}],
        "samples": 300, "max_time": 8, "seed": 2}).json()
    result = finished(client, "simulations", job["id"])["result"]
    untreated, scenario = result["conditions"]
    assert scenario["applied"] == ["activator C"]
    # C = B | act_C: C switches on and stays on, so B = A & !C switches off
    assert scenario["final"]["C"] > 0.98 > untreated["final"]["C"]
    assert scenario["final"]["B"] < 0.1 < untreated["final"]["B"]


def test_drug_efficacy_defaults_to_the_library_and_can_be_partial(client, finished):
    job = client.post("/api/simulations", json={
        "model": "sorafenib_hcc", "drugs": [{"name": "erlotinib", "efficacy": 0.25},
                                            {"name": "sorafenib"}],
        "perturbations": [{"target": "ABCG2", "type": "overexpression"}],
        "samples": 100, "max_time": 4, "seed": 1}).json()
    result = finished(client, "simulations", job["id"])["result"]
    names = [c["name"] for c in result["conditions"]]
    assert names == ["untreated", "drugs only", "scenario"]
    assert result["conditions"][1]["applied"] == ["erlotinib (0.25)", "sorafenib (1)"]


def test_same_seed_same_numbers(client, finished):
    request = {"model": "toy", "samples": 300, "max_time": 5, "seed": 11, "baseline": False}
    first, second = (finished(client, "simulations",
                              client.post("/api/simulations", json=request).json()["id"])
                     for _ in range(2))
    assert first["result"]["conditions"] == second["result"]["conditions"]


@pytest.mark.parametrize(("change", "status", "words"), [
    ({"samples": 20001}, 422, "samples: Input should be less than or equal to 20000"),
    ({"samples": 0}, 422, "samples"),
    ({"max_time": 200.5}, 422, "max_time: Input should be less than or equal to 200"),
    ({"max_time": 100, "tick": 0.01}, 422, "at most 1000 time windows"),
    ({"perturbations": [{"target": "C", "type": "explode"}]}, 422, "perturbations.0.type"),
    ({"perturbations": [{"target": "Z", "type": "knockout"}]}, 400, "unknown model node 'Z'"),
    ({"perturbations": [{"target": "C", "type": "knockout", "efficacy": 0.5}]}, 422,
     "a knockout takes no efficacy; only knockdown, inhibitor, activator do"),
    ({"perturbations": [{"target": "C", "type": "inhibitor", "efficacy": 1.2}]}, 422,
     "perturbations.0.efficacy"),
    ({"drugs": [{"name": "sorafenib"}]}, 400, "no drug library"),
    ({"model": "sorafenib_hcc", "drugs": [{"name": "sorafenibb"}]}, 400,
     "unknown drug 'sorafenibb'; closest: sorafenib"),
    ({"model": "sorafenib_hcc", "drugs": [{"name": "sorafenib", "efficacy": 1.5}]}, 422,
     "drugs.0.efficacy"),
    ({"nodes": ["Q"]}, 400, "unknown model node 'Q'"),
    ({"model": "nope"}, 404, "unknown model 'nope'"),
    ({"extra": 1}, 422, "extra"),
])
def test_simulation_request_bounds(client, change, status, words):
    response = client.post("/api/simulations", json={"model": "toy", **change})
    assert response.status_code == status
    assert words in response.json()["detail"]
    assert "Traceback" not in response.text


def test_unknown_job_is_404(client):
    assert client.get("/api/simulations/0123abcd").status_code == 404


def test_body_size_is_bounded(client):
    big = b'{"model": "toy", "nodes": [' + b'"A",' * MAX_BODY_BYTES + b'"A"]}'
    response = client.post("/api/simulations", content=big,
                           headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert f"at most {MAX_BODY_BYTES} bytes" in response.json()["detail"]

    def streamed() -> Iterator[bytes]:  # no Content-Length: counted while read
        yield from (big[i:i + 4096] for i in range(0, len(big), 4096))

    response = client.post("/api/simulations", content=streamed(),
                           headers={"content-type": "application/json"})
    assert response.status_code == 413


def test_server_keeps_serving_while_a_job_runs(finished):
    with TestClient(create_app(max_jobs=1)) as client:
        job = client.post("/api/simulations", json=SLOW_JOB).json()
        started = time.perf_counter()
        health = client.get("/api/health")
        search = client.get("/api/atlas/search", params={"q": "SNHG1"})
        answered = time.perf_counter() - started
        running = client.get(f"/api/simulations/{job['id']}").json()
        refused = client.post("/api/simulations", json={"model": "toy"})
        assert health.status_code == search.status_code == 200
        assert running["status"] in ("queued", "running")  # the answers came during the job
        assert answered < 1.0
        assert refused.status_code == 429 and "retry" in refused.json()["detail"]
        assert refused.headers["retry-after"] == "5"
        assert finished(client, "simulations", job["id"])["status"] == "done"


def test_errors_never_leak_tracebacks():
    app = create_app()

    def boom() -> None:
        raise RuntimeError("secret internal state")

    def bad() -> None:
        raise InvalidValueError("rate must lie in [0, 1]")

    app.add_api_route("/api/boom", boom)
    app.add_api_route("/api/bad", bad)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/api/boom")
        assert response.status_code == 500
        assert response.json() == {"detail": "internal server error"}
        assert client.get("/api/bad").json() == {"detail": "rate must lie in [0, 1]"}


def test_openapi_docs_and_pages(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/atlas/search", "/api/simulations", "/api/models/{name}"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 200
    for page in ("/", "/records/T1-01", "/network", "/scenarios"):
        response = client.get(page)
        assert response.status_code == 200 and "<html" in response.text
    vendor = client.get("/static/vendor/cytoscape.min.js")
    assert vendor.status_code == 200 and "cytoscape" in vendor.text[:2000].lower()
