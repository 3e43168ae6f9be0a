"""The pages that the bench measures, read from its database: for each page, its kind
(list or detail), the address requested when warm, and the addresses cycled through when
cold. Run by bench.py in the environment of its servers: ``python bench/pages.py``;
prints ``PAGES=`` and the list as JSON."""

import os
import sys
from pathlib import Path

# The project first, in place of bench/ itself, whose bench.py would hide the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

import json  # noqa: E402
import random  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

from django.urls import reverse  # noqa: E402
from django.utils import translation  # noqa: E402

from governance.models import Action, Framework, Partner, Presidency  # noqa: E402
from meetings.models import Meeting, MeetingRole  # noqa: E402
from recommendations.models import Recommendation, ReportingRound  # noqa: E402


def main():
    rng = random.Random(7)
    translation.activate("en")
    framework = Framework.objects.in_force()
    actions = list(Action.objects.filter(framework=framework).values_list("pk", flat=True))
    # A co-chair and an action that one published meeting has: a list that is not empty.
    chair, action = (
        MeetingRole.objects.filter(meeting__published=True, meeting__actions__in=actions)
        .order_by("pk")
        .values_list("partner__slug", "meeting__actions")
        .first()
    )
    # A year in which published conclusions were issued.
    conclusions_year = (
        Recommendation.objects.published()
        .filter(kind="conclusion")
        .order_by("pk")
        .values_list("meeting__start__year", flat=True)
        .first()
    )

    def slugs(partners):
        return list(partners.distinct().values_list("slug", flat=True))

    chairs = slugs(Partner.objects.filter(chaired__isnull=False))
    hosts = slugs(Partner.objects.filter(hosted_meetings__isnull=False))
    kinds = list(Meeting.Kind.values)
    meetings = list(Meeting.objects.published().order_by("pk").values_list("slug", flat=True))
    frameworks = list(Framework.objects.values_list("slug", flat=True))
    presidencies = list(Presidency.objects.exclude(end=None).values_list("pk", flat=True))
    rounds = list(ReportingRound.objects.values_list("slug", flat=True)) or [""]
    # The last full term is the one a visitor of the brief most often opens.
    presidency = Presidency.objects.exclude(end=None).order_by("-start").first()
    words = [
        "migration",
        "remittances",
        "border",
        "diaspora",
        "protection",
        "youth",
        "asylum",
        "return",
        "trafficking",
        "labour",
        "data",
        "visa",
        "climate",
        "students",
        "smuggling",
    ]
    meetings_list = reverse("meetings:list")
    # Four fifths of the way down the list: a page deep in the record.
    deep_page = max(1, len(meetings) // 20 * 4 // 5)
    recommendations_list = reverse("recommendations:list")

    def query(**params):
        return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

    def meeting_filters():
        params = {
            "kind": rng.choice(kinds),
            "chair": rng.choice([*chairs, ""]),
            "action": rng.choice([*actions, "", ""]),
            "year": rng.choice(["", rng.randint(2006, 2030)]),
            "host": rng.choice([*hosts, "", "", "", "", ""]),
        }
        return meetings_list + query(**params)

    def recommendation_filters():
        params = {
            "kind": rng.choice(["", "recommendation", "conclusion"]),
            "year": rng.choice(["", rng.randint(2006, 2026)]),
            "action": rng.choice([*actions, "", ""]),
        }
        return recommendations_list + query(**params)

    def site_searches():
        return reverse("search") + query(q=" ".join(rng.sample(words, rng.randint(1, 2))))

    def recommendation_searches():
        params = {
            "q": " ".join(rng.sample(words, rng.randint(1, 2))),
            "kind": rng.choice(["", "recommendation", "conclusion"]),
            "year": rng.choice(["", rng.randint(2006, 2026)]),
        }
        return recommendations_list + query(**params)

    def many(make, count=4000):
        return [make() for _ in range(count)]

    pages = [
        ["home", "list", reverse("home"), [reverse("home")]],
        ["meetings list", "list", meetings_list, many(meeting_filters)],
        [
            "meetings by co-chair and action",
            "list",
            meetings_list + query(chair=chair, action=action),
            many(meeting_filters),
        ],
        [
            "meetings deep page",
            "list",
            meetings_list + f"?page={deep_page}",
            [meetings_list + f"?page={n}" for n in range(1, len(meetings) // 20)],
        ],
        [
            "meeting detail",
            "detail",
            reverse("meetings:detail", args=[meetings[len(meetings) // 2]]),
            [
                reverse("meetings:detail", args=[slug])
                for slug in rng.sample(meetings, min(4000, len(meetings)))
            ],
        ],
        [
            "recommendations list",
            "list",
            recommendations_list + query(kind="conclusion", year=conclusions_year),
            many(recommendation_filters),
        ],
        # Free-text searches are never kept: no warm figure.
        [
            "recommendations search",
            "search",
            recommendations_list + "?q=remittances",
            many(recommendation_searches),
        ],
        [
            "site search",
            "search",
            reverse("search") + "?q=migration",
            many(site_searches),
        ],
        [
            "framework detail",
            "detail",
            reverse("governance:framework-detail", args=[framework.slug]),
            [reverse("governance:framework-detail", args=[slug]) for slug in frameworks],
        ],
        [
            "presidency at a glance",
            "detail",
            reverse("governance:presidency-detail", args=[presidency.pk]),
            [reverse("governance:presidency-detail", args=[pk]) for pk in presidencies],
        ],
        [
            "ical feed",
            "list",
            reverse("meetings:ical"),
            [
                reverse("meetings:ical")
                + query(kind=rng.choice(kinds), chair=rng.choice([*chairs, ""]))
                for _ in range(2000)
            ],
        ],
        # The dialogue at a glance: pages of the whole record, one address each (the
        # follow-up a round, the comparison two presidencies).
        ["map of the dialogue", "detail", reverse("overview:map"), [reverse("overview:map")]],
        [
            "follow-up dashboard",
            "detail",
            reverse("overview:follow-up"),
            [reverse("overview:follow-up") + query(round=slug) for slug in rounds],
        ],
        [
            "dialogue over time",
            "detail",
            reverse("overview:timeline"),
            [reverse("overview:timeline")],
        ],
        ["gap finder", "detail", reverse("overview:gaps"), [reverse("overview:gaps")]],
        [
            "presidencies compared",
            "detail",
            reverse("overview:presidencies"),
            [
                reverse("overview:presidencies")
                + "?"
                + urlencode([("presidencies", pk) for pk in rng.sample(presidencies, 2)])
                for _ in range(200)
            ],
        ],
    ]
    print("PAGES=" + json.dumps(pages))


if __name__ == "__main__":
    main()
