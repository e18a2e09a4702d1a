"""`/api/validations`: scoring a posted scenario list or the review's set as a job."""

from __future__ import annotations

from soraresist.analysis import DEFAULT_SAMPLES, load_scenarios, review_scenarios, run_scenarios
from soraresist.model import VIABILITY_NODES
from soraresist.web.schemas import MAX_VALIDATION_SAMPLES

SORAFENIB_LOWERS_ERK = {
    "id": "sorafenib-lowers-erk", "claim": "Sorafenib blocks Raf and so lowers ERK activity.",
    "family": "baseline", "evidence": ["CLN-05"], "references": [6],
    "drugs": ["sorafenib"], "readout": "node:MAPK1", "expect": "decreases"}
"""Sorafenib's defining action: a claim the model must reproduce."""
SCENARIOS = [
    SORAFENIB_LOWERS_ERK,
    {**SORAFENIB_LOWERS_ERK, "id": "sorafenib-raises-erk", "expect": "increases"},
    {"id": "unknown-gene", "claim": "A gene the model lacks desensitizes.", "family": "other",
     "perturbations": [{"target": "NOTAGENE999", "type": "overexpression"}],
     "drugs": ["sorafenib"], "readout": "viability", "expect": "desensitizes"},
    {"id": "not-testable", "claim": "Patients live longer.", "family": "other",
     "testable": False, "reason": "no clinical read-out in the model"},
]


def test_posted_scenarios_are_scored_as_the_command_line_scores_them(client, tmp_path, finished):
    response = client.post("/api/validations",
                           json={"scenarios": SCENARIOS, "samples": 400, "seed": 3})
    assert response.status_code == 202, response.text
    assert response.headers["location"] == f"/api/validations/{response.json()['id']}"
    job = finished(client, "validations", response.json()["id"])
    assert job["status"] == "done", job["error"]
    result = job["result"]
    assert (result["source"], result["samples"], result["seed"]) == ("posted", 400, 3)
    by_id = {row["id"]: row for row in result["results"]}
    assert [row["id"] for row in result["results"]] == [s["id"] for s in SCENARIOS]
    assert {k: v["status"] for k, v in by_id.items()} == {
        "sorafenib-lowers-erk": "pass", "sorafenib-raises-erk": "fail",
        "unknown-gene": "out_of_scope", "not-testable": "untestable"}
    lowers = by_id["sorafenib-lowers-erk"]
    assert lowers["predicted"] == "decreases" and lowers["effect"] < -result["threshold"]
    assert lowers["evidence"] == ["CLN-05"] and lowers["references"] == ["6"]
    assert "NOTAGENE999" in by_id["unknown-gene"]["message"]
    assert by_id["unknown-gene"]["effect"] is None
    assert lowers["borderline"] is False and by_id["unknown-gene"]["borderline"] is False
    assert lowers["cause"] is None
    assert by_id["sorafenib-raises-erk"]["cause"] == "the model predicts the opposite direction"

    path = tmp_path / "s.json"
    path.write_text(__import__("json").dumps(SCENARIOS))
    expected = run_scenarios(load_scenarios(path), n_trajectories=400, seed=3)
    assert lowers["effect"] == float(expected.set_index("id").loc["sorafenib-lowers-erk", "effect"])

    families = {f["family"]: f for f in result["families"]}
    assert families["baseline"]["counts"] == {"pass": 1, "fail": 1, "out_of_scope": 0,
                                              "error": 0, "untestable": 0}
    assert families["baseline"]["pass_rate"] == 0.5
    assert families["other"]["pass_rate"] is None  # nothing scored in that family
    assert result["total"]["counts"]["untestable"] == 1
    assert sum(result["total"]["counts"].values()) == len(SCENARIOS)


def test_without_a_body_the_reviews_set_is_scored(client, finished):
    job = finished(client, "validations", client.post("/api/validations").json()["id"])
    assert job["status"] == "done" and job["progress"] == 1.0
    review = review_scenarios()
    result = job["result"]
    assert result["source"] == "review" and len(result["results"]) == len(review)
    assert (result["samples"], result["seed"]) == (DEFAULT_SAMPLES, 0)
    assert {f["family"] for f in result["families"]} == {s.family for s in review}
    assert result["total"]["counts"]["untestable"] == sum(not s.testable for s in review)
    counted = sum(f["counts"]["pass"] + f["counts"]["fail"] for f in result["families"])
    assert counted == sum(r["status"] in ("pass", "fail") for r in result["results"])
    scored = [r for r in result["results"] if r["status"] in ("pass", "fail")]
    for row in scored:  # the read-outs behind the index come with every viability claim
        if row["readout"] == "viability":
            assert list(row["components"]) == list(VIABILITY_NODES)
        else:
            assert row["components"] is None


def test_a_malformed_posted_scenario_is_a_400_naming_its_id_and_field(client):
    bad = {**SORAFENIB_LOWERS_ERK, "expect": "goes up"}
    response = client.post("/api/validations", json={"scenarios": [bad]})
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "scenario 'sorafenib-lowers-erk'" in detail and "field 'expect'" in detail
    assert "goes up" in detail and "/tmp" not in detail
    nameless = client.post("/api/validations", json={"scenarios": [{"claim": "x"}]})
    assert nameless.status_code == 400
    assert "entry 1: 'id' is required" in nameless.json()["detail"]
    twice = client.post("/api/validations", json={"scenarios": [SORAFENIB_LOWERS_ERK] * 2})
    assert twice.status_code == 400 and "duplicate id" in twice.json()["detail"]


def test_bounds_and_unknown_jobs(client, finished):
    too_many = client.post("/api/validations", json={"samples": MAX_VALIDATION_SAMPLES + 1})
    assert too_many.status_code == 422
    assert too_many.json()["errors"][0]["field"] == "samples"
    assert client.post("/api/validations", json={"scenarios": []}).status_code == 422
    assert client.post("/api/validations", json={"seeds": 1}).status_code == 422
    assert client.get("/api/validations/0123abcd").status_code == 404
    simulation = client.post("/api/simulations", json={"model": "toy", "samples": 10}).json()
    response = client.get(f"/api/validations/{simulation['id']}")
    assert response.status_code == 404 and "unknown validation job" in response.json()["detail"]
    validation = client.post("/api/validations", json={"scenarios": SCENARIOS[-1:]}).json()
    response = client.get(f"/api/simulations/{validation['id']}")
    assert response.status_code == 404 and "unknown simulation job" in response.json()["detail"]
    assert finished(client, "validations", validation["id"])["status"] == "done"


def test_validation_page_is_served(client):
    response = client.get("/validation")
    assert response.status_code == 200 and "/static/validation.js" in response.text
    assert 'href="/validation"' in client.get("/").text
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/validations", "/api/validations/{job_id}"} <= set(paths)
    assert not paths["/api/validations"]["post"]["requestBody"].get("required", False)
