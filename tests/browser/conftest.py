"""Playwright driving Debian's chromium against Django's live server."""

import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

# Playwright's synchronous API runs an event loop in the test thread; the ORM calls made by
# the tests' own fixtures happen outside it, so Django's async guard does not apply.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = "chromium (paquet Debian) absent : `make test` l’installe quand il est root"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_at(browser):
    """Open a page of the given width; closed after the test."""
    pages = []

    def open_page(width=1280):
        page = browser.new_page(viewport={"width": width, "height": 900}, locale="fr-FR")
        pages.append(page)
        return page

    yield open_page
    for page in pages:
        page.close()
