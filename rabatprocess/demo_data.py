"""Synthetic, deterministic history on top of the reference data, to see how the platform
behaves with a hundred times today's record.

Everything is written with ``bulk_create`` in one transaction: tens of thousands of
meetings and hundreds of thousands of links take a minute, not an hour. Bulk writes send
no signals, so no version history is recorded for these rows, and the caller clears the
page cache once at the end.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from governance.models import DatePrecision, Framework, Partner
from governance.models.dates import normalise_partial_date
from meetings.models import Document, Meeting, MeetingRole
from projects.models import Organisation, Project
from rabatprocess.demo_vocabulary import (
    ADDRESSEES,
    CITIES,
    KIND_TITLES,
    KIND_WEIGHTS,
    MEANS,
    REPORT_STATES,
    THEMES,
    VERBS,
)
from recommendations.models import ImplementationReport, Recommendation, ReportingRound

SLUG_PREFIX = "demo"
BATCH = 2000
FIRST_YEAR, LAST_YEAR = 2006, 2030


class DemoDataError(Exception):
    """The demo data cannot be generated; the message says why."""


@dataclass
class DemoDataReport:
    counts: dict = field(default_factory=dict)

    def lines(self):
        return [f"{count:>9,} {name}" for name, count in self.counts.items()]


@dataclass
class _Plan:
    """A strategic framework with its levels, preloaded."""

    framework: Framework
    domains: list
    objectives: list
    actions: list


@transaction.atomic
def generate_demo_data(*, meetings: int, recommendations: int, reports: int, seed: int):
    """Create ``meetings`` meetings, ``recommendations`` recommendations and about
    ``reports`` implementation reports, the same for the same seed."""
    if min(meetings, recommendations, reports) < 0:
        raise DemoDataError("Counts cannot be negative.")
    prefix = f"{SLUG_PREFIX}-{seed}-"
    if Meeting.objects.filter(slug__startswith=prefix).exists():
        raise DemoDataError(
            f"Demo data with seed {seed} is already in this database; choose another seed."
        )
    countries = list(Partner.objects.countries().order_by("iso_code"))
    partners = list(Partner.objects.order_by("slug"))
    plans = _load_plans()
    if not countries or not plans:
        raise DemoDataError("Load the reference data first: manage.py load_reference_data.")
    generator = _Generator(random.Random(seed), prefix, countries, partners, plans)
    report = DemoDataReport()
    created = generator.meetings(meetings)
    report.counts["meetings"] = len(created)
    report.counts.update(generator.meeting_links(created))
    issued = generator.recommendations(created, recommendations)
    report.counts["recommendations"] = len(issued)
    report.counts.update(generator.reports(issued, reports))
    # The inventory counted about 340 projects for 2012–2015: one for every 25 meetings.
    report.counts.update(generator.projects(max(1, meetings // 25)))
    return report


def _load_plans():
    plans = []
    frameworks = Framework.objects.strategic().filter(adopted_on__isnull=False)
    for framework in frameworks.order_by("adopted_on"):
        actions = list(framework.actions.select_related("objective__domain"))
        plans.append(
            _Plan(
                framework, list(framework.domains.all()), list(framework.objectives.all()), actions
            )
        )
    return plans


class _Generator:
    def __init__(self, rng, prefix, countries, partners, plans):
        self.rng = rng
        self.prefix = prefix
        self.countries = countries
        self.partners = partners
        self.plans = plans
        self.hosts = [country for country in countries if country.iso_code in CITIES]
        self.today = timezone.localdate()

    def plan_on(self, date):
        in_force = [plan for plan in self.plans if plan.framework.adopted_on <= date]
        return in_force[-1] if in_force else self.plans[0]

    def meetings(self, count):
        rng = self.rng
        kinds = list(KIND_WEIGHTS)
        weights = list(KIND_WEIGHTS.values())
        span = (datetime.date(LAST_YEAR, 12, 31) - datetime.date(FIRST_YEAR, 1, 1)).days
        rows = []
        for number in range(1, count + 1):
            kind = rng.choices(kinds, weights)[0]
            start = datetime.date(FIRST_YEAR, 1, 1) + datetime.timedelta(rng.randrange(span))
            precision = rng.choices(
                [DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.MID_YEAR], [90, 8, 2]
            )[0]
            start = normalise_partial_date(start, precision)
            end = None
            if precision == DatePrecision.DAY and rng.random() < 0.6:
                end = start + datetime.timedelta(rng.randint(1, 3))
            theme_en, theme_fr = rng.choice(THEMES)
            kind_en, kind_fr = KIND_TITLES[kind]
            online = kind == Meeting.Kind.WEBINAR or rng.random() < 0.05
            host = None if online else rng.choice(self.hosts)
            city_en, city_fr = CITIES[host.iso_code] if host else ("", "")
            title_en = f"{kind_en} on {theme_en}" + (f", {city_en}" if city_en else "")
            title_fr = f"{kind_fr} : {theme_fr}" + (f", {city_fr}" if city_fr else "")
            past = start < self.today
            status = (
                rng.choices(
                    [Meeting.Status.HELD, Meeting.Status.CANCELLED, Meeting.Status.POSTPONED],
                    [94, 4, 2],
                )[0]
                if past
                else rng.choice([Meeting.Status.PLANNED, Meeting.Status.CONFIRMED])
            )
            participants = rng.randint(15, 180) if status == Meeting.Status.HELD else None
            rows.append(
                Meeting(
                    slug=f"{self.prefix}{number}-{slugify(title_en)}-{start.year}"[:120],
                    kind=kind,
                    status=status,
                    start=start,
                    end=end,
                    date_precision=precision,
                    tentative=not past and rng.random() < 0.3,
                    title_en=title_en,
                    title_fr=title_fr,
                    city_en=city_en,
                    city_fr=city_fr,
                    host_country=host,
                    online=online,
                    objectives_en=f"To take stock of {theme_en} and agree on next steps.",
                    objectives_fr=f"Faire le point sur : {theme_fr}, et convenir des suites.",
                    outcomes_en=f"Partners agreed on recommendations on {theme_en}."
                    if participants
                    else "",
                    outcomes_fr=f"Les partenaires ont adopté des recommandations : {theme_fr}."
                    if participants
                    else "",
                    participants_count=participants,
                    co_chairs_to_be_determined=not past and rng.random() < 0.2,
                    published=rng.random() < 0.96,
                )
            )
        return Meeting.objects.bulk_create(rows, batch_size=BATCH)

    def meeting_links(self, meetings):
        """Chairs, participants, plan references and documents of the new meetings."""
        rng = self.rng
        chairs, participants, documents = [], [], []
        plan_links = {"domains": [], "plan_objectives": [], "actions": []}
        for meeting in meetings:
            if not meeting.co_chairs_to_be_determined:
                for order, partner in enumerate(rng.sample(self.countries, rng.randint(1, 3))):
                    chairs.append(MeetingRole(meeting=meeting, partner=partner, order=order))
            for partner in rng.sample(self.partners, rng.randint(5, 40)):
                participants.append((meeting.pk, partner.pk))
            plan = self.plan_on(meeting.start)
            if plan.actions:
                for action in rng.sample(plan.actions, min(len(plan.actions), rng.randint(0, 3))):
                    plan_links["actions"].append((meeting.pk, action.pk))
            if plan.objectives and rng.random() < 0.3:
                plan_links["plan_objectives"].append((meeting.pk, rng.choice(plan.objectives).pk))
            if plan.domains and rng.random() < 0.2:
                plan_links["domains"].append((meeting.pk, rng.choice(plan.domains).pk))
            documents.extend(self._documents(meeting))
        MeetingRole.objects.bulk_create(chairs, batch_size=BATCH)
        Document.objects.bulk_create(documents, batch_size=BATCH)
        counts = {"chairs and co-chairs": len(chairs), "documents": len(documents)}
        counts["participations"] = _link(Meeting.participants, participants)
        counts["plan references of meetings"] = sum(
            _link(getattr(Meeting, name), pairs) for name, pairs in plan_links.items()
        )
        return counts

    def _documents(self, meeting):
        rng = self.rng
        kinds = [Document.Kind.AGENDA, Document.Kind.CONCEPT_NOTE, Document.Kind.REPORT]
        if meeting.status == Meeting.Status.HELD:
            kinds.append(Document.Kind.CONCLUSIONS)
        for order, kind in enumerate(rng.sample(kinds, rng.randint(1, len(kinds)))):
            restricted = rng.random() < 0.15
            label = Document.Kind(kind).label
            yield Document(
                meeting=meeting,
                kind=kind,
                order=order,
                title_en=f"{str(label).capitalize()} – {meeting.title_en}",
                title_fr=f"{str(label).capitalize()} – {meeting.title_fr}",
                url_en=f"https://example.org/documents/{meeting.slug}/{kind}-en.pdf",
                url_fr=f"https://example.org/documents/{meeting.slug}/{kind}-fr.pdf",
                original_language=rng.choice(["en", "fr"]),
                visibility=Document.Visibility.PARTNERS
                if restricted
                else Document.Visibility.PUBLIC,
            )

    def recommendations(self, meetings, count):
        rng = self.rng
        issuing = [m for m in meetings if m.status == Meeting.Status.HELD]
        if not issuing or not count:
            return []
        numbers = {}
        rows, links = [], {"addressees": [], "actions": [], "objectives": []}
        for _ in range(count):
            meeting = rng.choice(issuing)
            kind = (
                Recommendation.Kind.CONCLUSION
                if rng.random() < 0.2
                else Recommendation.Kind.RECOMMENDATION
            )
            number = numbers.get((meeting.pk, kind), 0) + 1
            numbers[(meeting.pk, kind)] = number
            who_en, who_fr = rng.choice(ADDRESSEES)
            verb_en, verb_fr = rng.choice(VERBS)
            theme_en, theme_fr = rng.choice(THEMES)
            means_en, means_fr = rng.choice(MEANS)
            rows.append(
                Recommendation(
                    meeting=meeting,
                    kind=kind,
                    number=str(number),
                    sort_order=min(number, 32767),
                    paragraph=str(number + 2),
                    text_en=f"{who_en} {verb_en} {theme_en} {means_en}.",
                    text_fr=f"{who_fr} {verb_fr} : {theme_fr}, {means_fr}.",
                    published=rng.random() < 0.97,
                )
            )
        created = Recommendation.objects.bulk_create(rows, batch_size=BATCH)
        for recommendation in created:
            plan = self.plan_on(recommendation.meeting.start)
            if plan.actions and rng.random() < 0.7:
                action = rng.choice(plan.actions)
                links["actions"].append((recommendation.pk, action.pk))
            elif plan.objectives:
                links["objectives"].append((recommendation.pk, rng.choice(plan.objectives).pk))
            if rng.random() < 0.2:
                links["addressees"].append((recommendation.pk, rng.choice(self.countries).pk))
        for name, pairs in links.items():
            _link(getattr(Recommendation, name), pairs)
        return created

    def reports(self, recommendations, count):
        """Reporting rounds since the Marrakesh Action Plan, and reports in them."""
        rng = self.rng
        rounds = {}
        for year in range(2019, min(self.today.year, LAST_YEAR) + 1):
            plan = self.plan_on(datetime.date(year, 1, 15))
            rounds[year] = ReportingRound(
                slug=f"{self.prefix}{year}",
                name_en=f"Data collection {year}",
                name_fr=f"Collecte de données {year}",
                framework=plan.framework,
                opens_on=datetime.date(year, 1, 15),
                closes_on=datetime.date(year, 3, 31),
            )
        ReportingRound.objects.bulk_create(rounds.values())
        eligible = [r for r in recommendations if r.meeting.start.year < max(rounds, default=0)]
        rows, seen, asked = [], set(), set()
        attempts = 0
        while len(rows) < count and eligible and attempts < count * 3:
            attempts += 1
            recommendation = rng.choice(eligible)
            year = rng.randint(max(recommendation.meeting.start.year + 1, min(rounds)), max(rounds))
            partner = rng.choice(self.countries)
            key = (year, partner.pk, recommendation.pk)
            if key in seen:
                continue
            seen.add(key)
            asked.add((rounds[year].pk, recommendation.pk))
            rows.append(self._report(rounds[year], partner, recommendation=recommendation))
        for reporting_round in rounds.values():
            plan = self.plan_on(reporting_round.opens_on)
            for partner in rng.sample(self.countries, min(20, len(self.countries))):
                for action in plan.actions:
                    rows.append(self._report(reporting_round, partner, action=action))
        _link(ReportingRound.recommendations, sorted(asked))
        _link(
            ReportingRound.actions,
            [(r.pk, a.pk) for r in rounds.values() for a in self.plan_on(r.opens_on).actions],
        )
        ImplementationReport.objects.bulk_create(rows, batch_size=BATCH)
        return {"reporting rounds": len(rounds), "implementation reports": len(rows)}

    def projects(self, count):
        return _projects(self, count)

    def _report(self, reporting_round, partner, **subject):
        rng = self.rng
        state = rng.choice(REPORT_STATES)
        moment = timezone.make_aware(
            datetime.datetime.combine(reporting_round.closes_on, datetime.time(12))
        )
        return ImplementationReport(
            round=reporting_round,
            partner=partner,
            status=rng.choice(ImplementationReport.Status.values),
            narrative=rng.choice(
                [
                    "A national programme is under way with the support of partners.",
                    "Un programme national est en cours avec l'appui des partenaires.",
                    "",
                ]
            ),
            state=state,
            submitted_at=None if state == ImplementationReport.State.DRAFT else moment,
            validated_at=moment if state == ImplementationReport.State.VALIDATED else None,
            **subject,
        )


ORGANISATIONS = [
    "ICMPD",
    "IOM",
    "UNHCR",
    "ILO",
    "UNODC",
    "GIZ",
    "Expertise France",
    "Enabel",
    "FIIAPP",
    "AFD",
    "European Union",
    "ECOWAS Commission",
    "African Union",
    "Spanish Agency for International Development Cooperation",
    "Italian Agency for Development Cooperation",
]


def _projects(generator, count):
    """Projects of the inventory in partner countries, with their organisations and the
    actions of the plan in force when they started."""
    rng = generator.rng
    organisations = [Organisation.objects.get_or_create(name=name)[0] for name in ORGANISATIONS]
    rows, countries, implementers, funders, actions = [], [], [], [], []
    for number in range(1, count + 1):
        start = datetime.date(rng.randint(FIRST_YEAR, 2026), rng.randint(1, 12), 1)
        end = start + datetime.timedelta(days=rng.randint(180, 1500))
        theme_en, theme_fr = rng.choice(THEMES)
        status = (
            Project.Status.COMPLETED
            if end < generator.today
            else Project.Status.PLANNED
            if start > generator.today
            else Project.Status.ONGOING
        )
        rows.append(
            Project(
                identifier=f"{generator.prefix}project-{number}",
                title_en=f"Support to {theme_en}",
                title_fr=f"Appui : {theme_fr}",
                summary_en=f"Technical assistance on {theme_en}.",
                summary_fr=f"Assistance technique : {theme_fr}.",
                start=start,
                start_precision=DatePrecision.MONTH,
                end=end,
                end_precision=DatePrecision.MONTH,
                status=status,
                budget=rng.randint(50, 5000) * 1000 if rng.random() < 0.7 else None,
            )
        )
    Project.objects.bulk_create(rows, batch_size=BATCH)
    for project in rows:
        for country in rng.sample(generator.countries, rng.randint(1, 3)):
            countries.append((project.pk, country.pk))
        implementers.append((project.pk, rng.choice(organisations).pk))
        funders.append((project.pk, rng.choice(organisations).pk))
        plan = generator.plan_on(project.start)
        for action in rng.sample(plan.actions, min(len(plan.actions), rng.randint(1, 3))):
            actions.append((project.pk, action.pk))
    _link(Project.countries, countries)
    _link(Project.implementers, implementers)
    _link(Project.funders, funders)
    _link(Project.actions, actions)
    return {"projects": len(rows)}


def _link(relation, pairs):
    """Insert the rows of a many-to-many relation, given as (source pk, target pk) pairs."""
    through = relation.through
    source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
    through.objects.bulk_create(
        [through(**{f"{source}_id": a, f"{target}_id": b}) for a, b in pairs],
        batch_size=BATCH,
        ignore_conflicts=True,
    )
    return len(pairs)
