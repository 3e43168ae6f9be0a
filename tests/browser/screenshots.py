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
    "library": ("/en/library/", "/fr/bibliotheque/"),
    "about": ("/en/about/", "/fr/a-propos/"),
    "contact": ("/en/contact/", "/fr/contact/"),
    "accessibility": ("/en/accessibility/", "/fr/accessibilite/"),
    "search": ("/en/search/?q=missing+persons+geneve", "/fr/recherche/?q=Genève+familles"),
}
SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


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


PRIVATE_PAGES = {
    "dashboard": ("/en/private/", "/fr/espace-prive/"),
    "directory": ("/en/private/directory/", "/fr/espace-prive/annuaire/"),
    "reporting": ("/en/private/reporting/", "/fr/espace-prive/collecte/"),
    "forums": ("/en/private/forums/", "/fr/espace-prive/forums/"),
    "card": ("/en/private/my-card/", "/fr/espace-prive/ma-fiche/"),
    "assistance": ("/en/private/assistance/", "/fr/espace-prive/assistance/"),
    "assistance-new": ("/en/private/assistance/new/", "/fr/espace-prive/assistance/nouvelle/"),
}


def test_private_screenshots(reference_site, browser):
    import datetime

    from django.utils import timezone

    from governance.models import Framework, Partner
    from recommendations.models import Forum
    from tests.factories import FocalPointFactory, ReportingRoundFactory

    today = timezone.localdate()
    cadiz = Framework.objects.get(slug="cadiz-action-plan")
    reporting_round = ReportingRoundFactory(
        name="Cadiz data collection 2026",
        framework=cadiz,
        opens_on=today - datetime.timedelta(days=10),
        closes_on=today + datetime.timedelta(days=30),
    )
    reporting_round.actions.add(*cadiz.actions.all()[:8])
    Forum.objects.create(title="Return and reintegration", slug="return")
    focal_point = FocalPointFactory(
        partner=Partner.objects.get(iso_code="PT"),
        user__first_name="Ana",
        user__last_name="Silva",
        institution="AIMA",
    )
    from projects.models import AssistanceRequest

    AssistanceRequest.objects.create(
        partner=focal_point.partner,
        requested_by=focal_point.user,
        subject="Training of border officials on document fraud",
        description="Three days in Lisbon for twenty officials.",
        action=cadiz.actions.order_by("sort_order").first(),
        wished_from=today + datetime.timedelta(days=60),
        contact_name="Ana Silva",
        contact_email=focal_point.user.email,
        status="accepted",
        answer="An expert of the support project will come; dates to agree.",
    )
    folder = Path(settings.BASE_DIR) / "screenshots"
    folder.mkdir(exist_ok=True)
    context = browser.new_context(viewport=SIZES["desktop"])
    page = context.new_page()
    page.goto(reference_site.url + "/en/private/sign-in/")
    page.get_by_label("E-mail address").fill(focal_point.user.email)
    page.get_by_label("Password").fill("a-long-test-password")
    page.get_by_role("button", name="Sign in").click()
    pages = {**PRIVATE_PAGES, "round": (
        f"/en/private/reporting/{reporting_round.slug}/",
        f"/fr/espace-prive/collecte/{reporting_round.slug}/",
    )}  # fmt: skip
    for name, paths in pages.items():
        for language, path in zip(("en", "fr"), paths, strict=True):
            response = page.goto(reference_site.url + path)
            assert response.status == 200, path
            page.screenshot(path=folder / f"private-{name}-{language}.png", full_page=True)
    context.close()


def news_posts():
    """Three posts on the record's own events, with a meeting and a partner each."""
    import datetime

    from governance.models import Partner
    from meetings.models import Meeting
    from tests.factories import NewsPostFactory

    nigeria, portugal = Partner.objects.get(iso_code="NG"), Partner.objects.get(iso_code="PT")
    posts = [
        NewsPostFactory(
            slug="nigeria-chairs-the-rabat-process",
            title_en="Nigeria chairs the Rabat Process",
            title_fr="Le Nigeria préside le Processus de Rabat",
            summary_en="Portugal handed over the chairmanship to Nigeria in Porto.",
            summary_fr="Le Portugal a transmis la présidence au Nigeria à Porto.",
            body_en="## Priorities\n\n- youth and innovation\n- the diaspora\n- regular pathways",
            body_fr=(
                "## Priorités\n\n- la jeunesse et l’innovation\n- la diaspora\n"
                "- les voies régulières"
            ),
            published_on=datetime.date(2025, 1, 30),
        ),
        NewsPostFactory(
            slug="youth-and-innovation-in-abuja",
            title_en="Youth and innovation: a thematic meeting in Abuja",
            title_fr="Jeunesse et innovation\u00a0: une réunion thématique à Abuja",
            summary_en="More than 120 participants from 38 countries met on 13 and 14 May.",
            summary_fr="Plus de 120 participants de 38 pays se sont réunis les 13 et 14 mai.",
            published_on=datetime.date(2025, 5, 15),
        ),
        NewsPostFactory(
            slug="trafficking-and-smuggling-in-lagos",
            title_en="Trafficking and smuggling: partners meet in Lagos",
            title_fr="Traite et trafic\u00a0: les partenaires réunis à Lagos",
            summary_en="166 representatives of 41 countries, co-chaired by Nigeria and France.",
            summary_fr=(
                "166 représentants de 41 pays, sous la coprésidence du Nigeria et de la France."
            ),
            published_on=datetime.date(2025, 11, 6),
        ),
    ]
    for post in posts:
        post.partners.add(nigeria)
    posts[0].partners.add(portugal)
    posts[2].meetings.add(*Meeting.objects.filter(start__year=2025)[:1])
    return posts


def test_news_screenshots(reference_site, browser):
    import datetime

    import pypdfium2

    from news import printing
    from news.editions import fill_from_period
    from tests.factories import DocumentFactory, EditionFactory

    posts = news_posts()
    edition = EditionFactory(
        number=1,
        year=2025,
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 12, 31),
        editorial_en="A year of the **Nigerian chairmanship**.",
        editorial_fr="Une année de **présidence nigériane**.",
    )
    fill_from_period(edition)
    brochure = DocumentFactory(
        meeting=None,
        kind="brochure",
        title_en="The Rabat Process in brief",
        title_fr="Le Processus de Rabat en bref",
        published_on=datetime.date(2025, 3, 1),
        url_en="https://example.org/brief-en.pdf",
        url_fr="https://example.org/en-bref.pdf",
    )
    printing.refresh(printing.editions_to_print().get(pk=edition.pk))
    folder = Path(settings.BASE_DIR) / "screenshots"
    folder.mkdir(exist_ok=True)
    pages = {
        "news": ("/en/news/", "/fr/actualites/"),
        "news-post": (
            f"/en/news/{posts[0].slug}/",
            f"/fr/actualites/{posts[0].slug}/",
        ),
        "home-news": ("/en/", "/fr/"),
        "newsletter": ("/en/news/newsletter/", "/fr/actualites/lettre-d-information/"),
        "privacy": ("/en/privacy/", "/fr/confidentialite/"),
        "edition": ("/en/news/rabat-review/1-2025/", "/fr/actualites/rabat-review/1-2025/"),
        "library-brochure": ("/en/library/", "/fr/bibliotheque/"),
        "publication": (f"/en/library/{brochure.pk}/", f"/fr/bibliotheque/{brochure.pk}/"),
    }
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, paths in pages.items():
            for language, path in zip(("en", "fr"), paths, strict=True):
                response = page.goto(reference_site.url + path)
                assert response.status == 200, path
                page.screenshot(path=folder / f"{name}-{language}-{size}.png", full_page=True)
        context.close()
    # The printed edition, each page of each language as a picture.
    for pdf in edition.generated_pdfs.all():
        with pdf.file.open("rb") as file:
            document = pypdfium2.PdfDocument(file.read())
        for number, pdf_page in enumerate(document, start=1):
            picture = pdf_page.render(scale=1.5).to_pil()
            picture.save(folder / f"edition-pdf-{pdf.language}-page{number}.png")


def test_glance_screenshots(reference_site, browser):
    """The dialogue at a glance, the open data archive and a video of the library."""
    import datetime
    import io

    from django.core.files.base import ContentFile
    from PIL import Image, ImageDraw

    from opendata import archive
    from tests.factories import DocumentFactory

    archive.refresh()
    picture = Image.new("RGB", (640, 360), (11, 79, 138))
    ImageDraw.Draw(picture).ellipse((270, 130, 370, 230), fill=(255, 255, 255))
    output = io.BytesIO()
    picture.save(output, "JPEG")
    video = DocumentFactory(
        meeting=None,
        kind="video",
        title_en="The Cadiz Action Plan in three minutes",
        title_fr="Le plan d'action de Cadix en trois minutes",
        published_on=datetime.date(2025, 6, 1),
        url_en="https://www.youtube.com/watch?v=abc123",
    )
    video.thumbnail.save("video.jpg", ContentFile(output.getvalue()))
    follow_up_reports()
    folder = Path(settings.BASE_DIR) / "screenshots"
    folder.mkdir(exist_ok=True)
    pages = {
        "overview": ("/en/overview/", "/fr/apercu/"),
        "over-time": ("/en/overview/over-time/", "/fr/apercu/dans-le-temps/"),
        "gaps": ("/en/overview/gaps/", "/fr/apercu/lacunes/"),
        "open-data": ("/en/open-data/", "/fr/donnees-ouvertes/"),
        "open-data-archive": ("/en/open-data/archive/", "/fr/donnees-ouvertes/archive/"),
        "video": (f"/en/library/{video.pk}/", f"/fr/bibliotheque/{video.pk}/"),
        "map": ("/en/overview/map/", "/fr/apercu/carte/"),
        "presidencies-compared": ("/en/overview/presidencies/", "/fr/apercu/presidences/"),
        "follow-up": ("/en/overview/follow-up/", "/fr/apercu/suivi/"),
        "partner-map": ("/en/partners/senegal/", "/fr/partenaires/senegal/"),
        "library-video": ("/en/library/?kind=video", "/fr/bibliotheque/?kind=video"),
    }
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        for name, paths in pages.items():
            for language, path in zip(("en", "fr"), paths, strict=True):
                response = page.goto(reference_site.url + path)
                assert response.status == 200, path
                page.screenshot(path=folder / f"{name}-{language}-{size}.png", full_page=True)
        context.close()


def follow_up_reports():
    """Two rounds of validated reports on the actions of the plan in force, from a dozen
    partner countries."""
    import datetime
    import random

    from django.utils import timezone

    from governance.models import Framework, Partner
    from recommendations.models import ImplementationReport
    from tests.factories import ReportingRoundFactory

    rng = random.Random(3)
    framework = Framework.objects.in_force()
    actions = list(framework.actions.all())
    countries = list(Partner.objects.countries()[:12])
    now = timezone.now()
    for year in (2024, 2025):
        collection = ReportingRoundFactory(
            framework=framework,
            name=f"Data collection {year}",
            slug=f"data-collection-{year}",
            opens_on=datetime.date(year, 1, 15),
            closes_on=datetime.date(year, 3, 31),
        )
        for country in countries:
            for action in rng.sample(actions, 10):
                ImplementationReport.objects.create(
                    round=collection,
                    partner=country,
                    action=action,
                    status=rng.choice(ImplementationReport.Status.values),
                    state="validated",
                    submitted_at=now,
                    validated_at=now,
                )
