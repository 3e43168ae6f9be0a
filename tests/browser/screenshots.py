"""Screenshots of the main pages in both languages, for people to look at.

Not part of the suite: `make screenshots` runs this file alone and writes the images to
screenshots/ (ignored by git).
"""

from pathlib import Path

import pytest
from django.conf import settings

pytestmark = pytest.mark.browser

PAGES = {
    "home": ("/en/", "/fr/"),
    "meetings": ("/en/meetings/", "/fr/reunions/"),
    "meeting": (
        "/en/meetings/thematic-meeting-on-migration-in-crisis-situations-2014/",
        "/fr/reunions/thematic-meeting-on-migration-in-crisis-situations-2014/",
    ),
    "recommendations": ("/en/recommendations/", "/fr/recommandations/"),
    "action-plans": ("/en/action-plans/", "/fr/plans-d-action/"),
    "cadiz": ("/en/action-plans/cadiz-action-plan/", "/fr/plans-d-action/cadiz-action-plan/"),
    "presidencies": ("/en/presidencies/", "/fr/presidences/"),
    "steering-committee": ("/en/steering-committee/", "/fr/comite-de-pilotage/"),
    "partners": ("/en/partners/", "/fr/partenaires/"),
    "partner": ("/en/partners/portugal/", "/fr/partenaires/portugal/"),
}
SIZES = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", SIZES)
def test_screenshots(reference_site, browser, size):
    folder = Path(settings.BASE_DIR) / "screenshots"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    for name, paths in PAGES.items():
        for language, path in zip(("en", "fr"), paths, strict=True):
            response = page.goto(reference_site.url + path)
            assert response.status == 200, path
            page.screenshot(path=folder / f"{name}-{language}-{size}.png", full_page=True)
    context.close()
