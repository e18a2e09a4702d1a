"""Screenshots of each page of the web app, for the README (docs/img/*.png).

Serves the app on a free loopback port and drives Debian's Chromium with Playwright.

    .venv/bin/python scripts/screenshots.py [--out docs/img]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

from soraresist.web import create_app
from soraresist.web.live import CHROMIUM, CHROMIUM_ARGS, running_server


def take(base: str, out: Path, model: str) -> list[Path]:
    """Open each page, wait for its content, save a PNG; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    shots = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})

        page.goto(f"{base}/?q=HIF-2%CE%B1")
        page.wait_for_selector("#results tbody tr")
        shots.append(out / "atlas.png")
        page.screenshot(path=shots[-1])

        page.goto(f"{base}/records/T1-01")
        page.wait_for_selector("#references a")
        shots.append(out / "record.png")
        page.screenshot(path=shots[-1], full_page=True)

        page.goto(f"{base}/network?model={model}")
        page.wait_for_function("window.soraresistGraph && window.soraresistGraph.nodes().length")
        page.evaluate("window.soraresistGraph.getElementById('SorafenibIn').select()"
                      ".emit('tap')")
        page.wait_for_selector("#node-rule")
        shots.append(out / "network.png")
        page.screenshot(path=shots[-1])

        page.goto(f"{base}/scenarios?model={model}")
        page.wait_for_selector("#drugs input[value='sorafenib']")
        page.check("#drugs input[value='sorafenib']")
        page.select_option("#pert-target", "miR21")
        page.select_option("#pert-type", "knockout")
        page.click("#add-pert")
        page.click("#run")
        page.wait_for_selector("#bars svg", timeout=60_000)
        shots.append(out / "scenarios.png")
        page.screenshot(path=shots[-1], full_page=True)

        page.goto(f"{base}/validation")
        page.click("#run")
        page.wait_for_selector("#families .family-bar", timeout=120_000)
        shots.append(out / "validation.png")
        page.screenshot(path=shots[-1], full_page=True,  # the bars and the table's first rows
                        clip={"x": 0, "y": 0, "width": 1400, "height": 1500})
        browser.close()
    return shots


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/img"))
    parser.add_argument("--model", default="sorafenib_hcc")
    args = parser.parse_args()
    with running_server(create_app()) as base:
        for path in take(base, args.out, args.model):
            print(path)


if __name__ == "__main__":
    main()
