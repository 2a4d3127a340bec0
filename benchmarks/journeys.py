"""The six journeys of issue 24, asked of a running site as a person would ask them: the place
typed in « Où ? » and its first suggestion taken, the sentence typed whole, the stage chosen.
Prints, for each, the structures shown above the list and the first programmes with their
operators, as a Markdown table, so that a before/after comparison is one diff.

    python benchmarks/journeys.py http://127.0.0.1:8000 [top]
    python benchmarks/journeys.py http://127.0.0.1:8000 --shots DIR

With ``--shots``, each journey's page is also opened at 375 × 667 in Debian's chromium
(Playwright, as the browser tests do): a screenshot of the first screen goes to DIR, and the
table says where the first result's name ends (visible without scrolling when ≤ 667 px).
"""

import json
import sys
import urllib.parse
import urllib.request

JOURNEYS = [
    ("Ernée", "ouvrir une épicerie dans mon village", "idee"),
    ("Aubusson", "céramiste, tester mon activité en coopérative", "creation"),
    ("59300", "on est 5, on veut créer une SCIC", "creation"),
    ("Pouzauges", "notre association veut se développer et embaucher", "developpement"),
    ("75018", "je suis réfugiée, je veux créer une coopérative de cuisine", "idee"),
    ("Annemasse", "incubateur pour mon projet zéro déchet", "creation"),
]


def get(base, path, **params):
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a local site)
        return json.load(response)


def place_value(base, typed):
    """The value of the first suggestion for what was typed, as the form would send it."""
    suggestions = get(base, "/territoires/autocomplete/", q=typed)["results"]
    return (suggestions[0]["code"], suggestions[0]["label"]) if suggestions else (typed, typed)


def operators(programme):
    return ", ".join(s["name"] for s in programme.get("structures", [])[:2])


def page_url(base, value, words, stage):
    query = urllib.parse.urlencode({"territoire": value, "etape": stage, "q": words})
    return f"{base}/programmes/?{query}"


def shots(base, folder):
    from pathlib import Path

    from playwright.sync_api import sync_playwright

    Path(folder).mkdir(parents=True, exist_ok=True)
    print("| Journey | First result's name ends at (px, 375 × 667) | First result | Screenshot |")
    print("|---|---:|---|---|")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        page = browser.new_page(viewport={"width": 375, "height": 667})
        for n, (typed, words, stage) in enumerate(JOURNEYS, 1):
            value, _ = place_value(base, typed)
            page.goto(page_url(base, value, words, stage))
            title = page.locator(".results .card .card-title").first
            box = title.bounding_box() if title.count() else None
            path = f"{folder}/journey-{n}-375.png"
            page.screenshot(path=path)
            bottom = f"{box['y'] + box['height']:.0f}" if box else "no result"
            name = title.inner_text() if box else "—"
            print(f"| {typed} · « {words} » | {bottom} | {name} | {path} |")
        browser.close()


def main(base, top=3):
    print("| Journey | Place understood | Structures shown first | First programmes (operators) |")
    print("|---|---|---|---|")
    for typed, words, stage in JOURNEYS:
        value, label = place_value(base, typed)
        answer = get(base, "/programmes/", format="json", territoire=value, etape=stage, q=words)
        if "error" in answer:
            print(f"| {typed} · « {words} » · {stage} | {label} | error: {answer['error']} | |")
            continue
        structures = "; ".join(s["name"] for s in answer.get("structures", [])[:top]) or "—"
        programmes = "; ".join(
            f"{i}. {p['name']} ({operators(p)})" for i, p in enumerate(answer["results"][:top], 1)
        )
        print(
            f"| {typed} · « {words} » · {stage} | {label} | {structures} | "
            f"{programmes or '— (' + str(answer['count']) + ')'} |"
        )


if __name__ == "__main__":
    if "--shots" in sys.argv:
        shots(sys.argv[1].rstrip("/"), sys.argv[sys.argv.index("--shots") + 1])
    else:
        main(sys.argv[1].rstrip("/"), *(int(a) for a in sys.argv[2:3]))
