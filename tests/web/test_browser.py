"""The pages in a real browser: Playwright driving Debian's headless Chromium.

A live server runs on a free loopback port for the module. Skipped only when Debian's Chromium
(/usr/bin/chromium, package ``chromium``) is not installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from soraresist.analysis import review_scenarios
from soraresist.web import create_app
from soraresist.web.live import CHROMIUM, CHROMIUM_ARGS, running_server

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"Debian's Chromium is not installed at {CHROMIUM} "
                                       "(apt-get install chromium)")

sync_api = pytest.importorskip("playwright.sync_api")


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with running_server(create_app()) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"script errors on the page: {errors}"


def test_search_filter_sort_and_open_a_record(page):
    page.goto("/")
    page.fill("#q", "HIF-2α")
    page.click("#search-button")
    page.wait_for_selector("#results tbody tr[data-id='T4-07']")
    page.wait_for_function(  # the count line is written with the rows; wait rather than race
        "document.querySelector('#count').textContent === "
        "document.querySelectorAll('#results tbody tr').length + ' records'")
    page.select_option("#effect", "sensitises")
    page.wait_for_function("!document.querySelector(\"#results tr[data-id='T4-07']\")")
    effects = page.locator("#results tbody td:nth-child(4)").all_inner_texts()
    assert effects and set(effects) == {"sensitises"}
    page.select_option("#effect", "")
    page.wait_for_selector("#results tbody tr[data-id='T4-07']")
    page.click("th[data-key='evidence_id']")
    page.click("th[data-key='evidence_id']")  # descending
    page.wait_for_function(
        "(() => { const ids = [...document.querySelectorAll('#results tbody td:first-child')]"
        ".map(td => td.textContent.toLowerCase());"
        " return ids.length > 1 && ids.every((id, i) => i === 0 || ids[i - 1] >= id); })()")
    ids = page.locator("#results tbody td:first-child").all_inner_texts()
    assert ids == sorted(ids, key=str.lower, reverse=True)
    page.click("a[href='/records/T4-07']")
    page.wait_for_selector("#references a")
    assert page.inner_text("#title").startswith("T4-07")
    link = page.locator("#references a").first.get_attribute("href")
    assert link.startswith("https://doi.org/10.")


def test_unknown_record_shows_the_api_message(page):
    page.goto("/records/T1-999")
    assert "unknown record id 'T1-999'" in page.inner_text("[role=alert]")


def test_click_a_node_shows_its_rule_and_evidence(page):
    page.goto("/network?model=sorafenib_hcc")
    page.wait_for_function("window.soraresistGraph && window.soraresistGraph.nodes().length > 100")
    position = page.evaluate("""() => {
        const node = window.soraresistGraph.getElementById('SorafenibIn');
        const box = document.getElementById('cy').getBoundingClientRect();
        const p = node.renderedPosition();
        return {x: box.left + p.x, y: box.top + p.y};
    }""")
    page.mouse.click(position["x"], position["y"])  # a real click on the drawn node
    page.wait_for_selector("#node-rule")
    assert page.inner_text("#node-name") == "SorafenibIn"
    assert page.inner_text("#node-rule").startswith("SorafenibIn = Sorafenib")
    assert page.locator("#details a[href^='/records/']").count() > 0
    shapes = page.evaluate("""() => {
        const g = window.soraresistGraph;
        return [g.getElementById('drug_erlotinib').data('shape'),
                g.getElementById('Proliferation').data('shape')];
    }""")
    assert shapes == ["diamond", "star"]


def test_run_a_scenario_and_see_its_plots(page):
    page.goto("/scenarios?model=sorafenib_hcc")
    page.wait_for_selector("#drugs input[value='sorafenib']")
    page.check("#drugs input[value='sorafenib']")
    page.select_option("#pert-target", "miR21")
    page.select_option("#pert-type", "knockout")
    page.click("#add-pert")
    assert page.inner_text("#perturbations").startswith("knockout miR21")
    page.fill("#samples", "300")
    page.fill("#max_time", "15")
    page.click("#run")
    page.wait_for_selector("#bars svg", timeout=60_000)
    assert page.inner_text("#state").startswith("done 100%")
    bars = page.locator("#bars rect.bar")
    assert bars.count() == 3 * 9  # untreated, drugs only, scenario x 8 phenotypes + viability
    assert page.locator("#bars line.errorbar").count() == bars.count()
    assert page.locator("#trajectories polyline").count() == 3 * 9


def test_out_of_bounds_request_shows_a_clear_message(page):
    page.goto("/scenarios?model=toy")
    page.wait_for_selector("#readouts input")
    page.evaluate("document.getElementById('samples').removeAttribute('max')")
    page.fill("#samples", "50000")
    page.click("#run")
    message = page.wait_for_selector("[role=alert]")
    assert "samples: Input should be less than or equal to 20000" in message.inner_text()


def test_run_the_validation_and_see_the_family_bars(page):
    families = sorted({s.family for s in review_scenarios()})
    page.goto("/")
    page.click("header a[href='/validation']")
    page.wait_for_selector("#validation-form")
    page.fill("#samples", "200")
    page.click("#run")
    page.wait_for_selector("#families .family-bar", timeout=60_000)
    assert page.inner_text("#state") == "done"
    bars = page.locator("#families .family-bar")
    assert bars.count() == 1 + len(families)  # the total, then one bar per family
    assert sorted(page.locator("#families button").all_inner_texts()) == families
    total = len(review_scenarios())
    assert page.inner_text("#claim-count") == f"{total} of {total} claims"
    assert page.locator("#families .total .seg.pass").count() == 1
    page.click(f"#families button[data-family='{families[0]}']")
    shown = page.locator("#claims tbody td:nth-child(2)").all_inner_texts()
    assert shown and set(shown) == {families[0]}
    page.select_option("#family-filter", "")
    page.click("th[data-key='id']")
    ids = page.locator("#claims tbody td:first-child").all_inner_texts()
    assert ids == sorted(ids, key=str.lower) and len(ids) == total
    link = page.locator("#claims tbody a[href^='/records/']").first
    assert link.get_attribute("href") == f"/records/{link.inner_text()}"
    page.select_option("#source", "file")
    bad = b'[{"id": "x", "claim": "y", "readout": "viability", "expect": "up"}]'
    page.set_input_files("#file", files=[{"name": "mine.json", "mimeType": "application/json",
                                          "buffer": bad}])
    page.click("#run")
    message = page.wait_for_selector("[role=alert]").inner_text()
    assert "scenario 'x'" in message and "field 'expect'" in message
