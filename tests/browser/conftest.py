"""Browser tests: Playwright drives Debian's chromium against the live test server.

They are skipped where /usr/bin/chromium is missing (a laptop without it); CI installs
it with `make browsers` first, so there they always run.
"""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from governance.groups import ensure_groups

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make between page actions are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason="Debian's chromium is not installed (make browsers)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


@pytest.fixture
def site(live_server, transactional_db):
    """The live server on a database whose groups survive the flushes between tests (the
    institutional pages are there too: tests/conftest.py)."""
    ensure_groups()
    return live_server


@pytest.fixture
def reference_site(site):
    """The live server with the reference data loaded."""
    call_command("load_reference_data", verbosity=0)
    return site


@pytest.fixture
def axe_violations():
    """Serious or critical accessibility violations that axe-core finds on a page."""
    script = AXE.read_text(encoding="utf-8")

    def check(page):
        # Evaluated through the browser's debugging protocol: the site's
        # Content-Security-Policy refuses inline <script> tags, as it should.
        page.evaluate(script)
        results = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} elements)"
            for violation in results["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]

    return check
