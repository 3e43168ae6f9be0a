"""What the open data archive holds: one table per kind of public record, each column
described, in both languages where the record has both.

A dataset names its model's fields; their columns follow from the fields: a translated
field gives one column per language (``title_en``, ``title_fr``), a foreign key its
identifier (``meeting_id``), a many-to-many field the identifiers of its records
(``addressees_ids``), a field with choices its codes, which the description lists. Only
public records are read, and only their public fields: never a working note on the
sources, a restricted document or an unpublished meeting.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Count, Prefetch
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from core.fallback import fallback_marker
from governance.models import (
    Action,
    ActionCrosswalk,
    Domain,
    Framework,
    Objective,
    Partner,
    Presidency,
    ReferenceCountry,
    SteeringCommitteeMembership,
)
from meetings.models import Document, Meeting, MeetingRole
from news.models import NewsPost
from projects.models import Organisation, Project
from recommendations.models import ImplementationReport, Recommendation, ReportingRound

LANGUAGES = [code for code, _name in settings.LANGUAGES]
LIST_SEPARATOR = ";"


@dataclass
class Column:
    name: str
    # A type of the Table Schema (https://specs.frictionlessdata.io/table-schema/).
    type: str
    # A function of nothing giving the description in the active language.
    describe: object
    value: object


def _translated_fields(model):
    try:
        return translator.get_options_for_model(model).fields
    except NotRegistered:
        return ()


def _type_of(model_field):
    if isinstance(model_field, models.BooleanField):
        return "boolean"
    if isinstance(model_field, models.DateTimeField):
        return "datetime"
    if isinstance(model_field, models.DateField):
        return "date"
    if isinstance(model_field, models.IntegerField | models.AutoField):
        return "integer"
    if isinstance(model_field, models.DecimalField):
        return "number"
    return "string"


def _description(model_field, suffix=""):
    def describe():
        text = capfirst(str(model_field.verbose_name)) + suffix
        if model_field.choices:
            codes = "; ".join(f"{code}: {label}" for code, label in model_field.choices)
            text += " " + gettext("(codes: %(codes)s)") % {"codes": codes}
        return text

    return describe


def _language_name(code):
    return fallback_marker(code)


def _plain(value):
    """What a CSV cell and a JSON value hold: text, a number, true or false, or nothing."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def columns_of(model, names):
    columns = [
        Column("id", "integer", lambda: gettext("Identifier of the record"), lambda row: row.pk)
    ]
    translated = _translated_fields(model)
    for name in names:
        model_field = model._meta.get_field(name)
        if name in translated:
            for code in LANGUAGES:
                columns.append(
                    Column(
                        f"{name}_{code}",
                        "string",
                        _description(model_field, f" ({_language_name(code)})"),
                        lambda row, attribute=f"{name}_{code}": getattr(row, attribute) or "",
                    )
                )
        elif model_field.many_to_many:
            target = model_field.related_model._meta.verbose_name_plural
            columns.append(
                Column(
                    f"{name}_ids",
                    "array",
                    lambda target=target: (
                        gettext(
                            "Identifiers of the %(records)s (in the CSV file, separated by "
                            "semicolons)"
                        )
                        % {"records": target}
                    ),
                    lambda row, name=name: sorted(linked.pk for linked in getattr(row, name).all()),
                )
            )
        elif model_field.many_to_one:
            columns.append(
                Column(
                    f"{name}_id",
                    "integer",
                    lambda model_field=model_field: (
                        gettext("Identifier of the %(record)s")
                        % {"record": model_field.related_model._meta.verbose_name}
                    ),
                    lambda row, attribute=f"{name}_id": getattr(row, attribute),
                )
            )
        else:
            columns.append(
                Column(
                    name,
                    _type_of(model_field),
                    _description(model_field),
                    lambda row, name=name: _plain(getattr(row, name)),
                )
            )
    return columns


def page_columns():
    """The address of each record's page, in each language."""
    return [
        Column(
            f"page_{code}",
            "string",
            lambda code=code: (
                gettext("Address of its page (%(language)s)") % {"language": _language_name(code)}
            ),
            lambda row, code=code: page_address(row, code),
        )
        for code in LANGUAGES
    ]


def page_address(row, code):
    with translation.override(code):
        return settings.SITE_URL + row.get_absolute_url()


@dataclass
class Dataset:
    name: str
    title: object
    description: object
    # A function of nothing giving the rows: records, or dicts for figures.
    rows: object
    columns: list = field(default_factory=list)
    # The models whose records make its rows, and their links: what a change of the data
    # touches (``archive.fingerprint``).
    models: tuple = ()


def dataset(name, title, description, queryset, fields, *, pages=True, extra=(), links=None):
    """A dataset of the records of ``queryset``; ``links`` restricts the records a
    many-to-many field lists (the published meetings of a news post)."""
    model = queryset.model
    many = [
        name
        for name in fields
        if model._meta.get_field(name).many_to_many and name not in (links or {})
    ]
    prefetch = [
        *(
            Prefetch(name, queryset=model._meta.get_field(name).related_model.objects.only("pk"))
            for name in many
        ),
        *(
            Prefetch(name, queryset=restricted.only("pk"))
            for name, restricted in (links or {}).items()
        ),
    ]
    links_models = [
        model._meta.get_field(name).remote_field.through
        for name in fields
        if model._meta.get_field(name).many_to_many
    ]
    return Dataset(
        name,
        title,
        description,
        lambda: queryset.all().prefetch_related(*prefetch).order_by("pk").iterator(chunk_size=2000),
        [*columns_of(model, fields), *extra, *(page_columns() if pages else ())],
        (model, *links_models),
    )


def _document_addresses():
    """The address of a document's file, or its link, in each language."""

    def address(document, code):
        for language, _name, where in document.languages():
            if language == code:
                return settings.SITE_URL + where if where.startswith("/") else where
        return ""

    return [
        Column(
            f"address_{code}",
            "string",
            lambda code=code: (
                gettext("Address of its file or link (%(language)s)")
                % {"language": _language_name(code)}
            ),
            lambda row, code=code: address(row, code),
        )
        for code in LANGUAGES
    ]


def _figures():
    rows = (
        ImplementationReport.objects.validated()
        .about_public_subjects()
        .order_by()
        .values("round", "recommendation", "action", "status")
        .annotate(reports=Count("pk"))
        .order_by("round", "recommendation", "action", "status")
    )
    return rows.iterator()


def _figure_columns():
    status = ImplementationReport._meta.get_field("status")
    return [
        Column(
            "round_id",
            "integer",
            lambda: gettext("Identifier of the reporting round"),
            lambda row: row["round"],
        ),
        Column(
            "recommendation_id",
            "integer",
            lambda: gettext("Identifier of the recommendation (empty for an action)"),
            lambda row: row["recommendation"],
        ),
        Column(
            "action_id",
            "integer",
            lambda: gettext("Identifier of the action (empty for a recommendation)"),
            lambda row: row["action"],
        ),
        Column("status", "string", _description(status), lambda row: row["status"]),
        Column(
            "reports",
            "integer",
            lambda: gettext("How many partners' validated reports give this status"),
            lambda row: row["reports"],
        ),
    ]


def datasets():
    """Every dataset of the archive, in the order its description lists them."""
    published_meetings = Meeting.objects.published()
    implementation = Dataset(
        "implementation",
        _("Implementation figures"),
        _(
            "For each reporting round, how many partners' validated reports give each "
            "status of implementation, for each action and each published recommendation. "
            "What each country wrote stays private."
        ),
        _figures,
        _figure_columns(),
        (ImplementationReport,),
    )
    return [
        dataset(
            "partners",
            _("Partners"),
            _("The countries and organisations of the dialogue, present and former."),
            Partner.objects.all(),
            [
                "name",
                "short_name",
                "slug",
                "kind",
                "iso_code",
                "region",
                "status",
                "founding_member",
                "joined",
                "left",
                "sources",
            ],
        ),
        dataset(
            "presidencies",
            _("Presidencies"),
            _("The rotating presidency of the dialogue, partner by partner."),
            Presidency.objects.all(),
            [
                "partner",
                "start",
                "start_precision",
                "end",
                "end_precision",
                "motto",
                "priorities",
                "sources",
            ],
        ),
        dataset(
            "steering_committee",
            _("Steering committee"),
            _("The members of the steering committee over time."),
            SteeringCommitteeMembership.objects.all(),
            ["partner", "start", "start_precision", "end", "end_precision", "sources"],
            pages=False,
        ),
        dataset(
            "reference_countries",
            _("Reference countries"),
            _("The partners that lead a domain of an action plan, over time."),
            ReferenceCountry.objects.all(),
            ["partner", "domain", "start", "start_precision", "end", "end_precision", "sources"],
            pages=False,
        ),
        dataset(
            "frameworks",
            _("Action plans and declarations"),
            _("The programmes, declarations and action plans of the dialogue."),
            Framework.objects.all(),
            [
                "name",
                "short_name",
                "slug",
                "kind",
                "adopted_on",
                "first_year",
                "last_year",
                "summary",
                "sources",
            ],
        ),
        dataset(
            "domains",
            _("Domains"),
            _("The domains of the action plans."),
            Domain.objects.all(),
            ["framework", "number", "sort_order", "title", "sources"],
            pages=False,
        ),
        dataset(
            "objectives",
            _("Objectives"),
            _("The objectives of the action plans."),
            Objective.objects.all(),
            [
                "framework",
                "domain",
                "part_of",
                "number",
                "sort_order",
                "title",
                "transversal",
                "sources",
            ],
            pages=False,
        ),
        dataset(
            "actions",
            _("Actions"),
            _("The actions of the action plans."),
            Action.objects.all(),
            ["framework", "objective", "number", "sort_order", "title", "continues", "sources"],
            pages=False,
        ),
        dataset(
            "action_crosswalk",
            _("Actions carried over"),
            _("Which action of an earlier plan an action of a later plan takes up."),
            ActionCrosswalk.objects.all(),
            ["action", "earlier_action", "note"],
            pages=False,
        ),
        dataset(
            "meetings",
            _("Meetings"),
            _("The published meetings of the dialogue, past and planned."),
            published_meetings,
            [
                "title",
                "slug",
                "kind",
                "status",
                "start",
                "date_precision",
                "end",
                "tentative",
                "date_note",
                "city",
                "host_country",
                "online",
                "objectives",
                "outcomes",
                "participants_count",
                "participation_note",
                "participants",
                "frameworks",
                "domains",
                "plan_objectives",
                "actions",
                "sources",
            ],
        ),
        dataset(
            "meeting_chairs",
            _("Chairs and co-chairs"),
            _("Who chaired or co-chaired each published meeting."),
            MeetingRole.objects.filter(meeting__published=True),
            ["meeting", "partner", "role", "order"],
            pages=False,
        ),
        dataset(
            "recommendations",
            _("Recommendations and conclusions"),
            _("What the published meetings recommended or concluded, and to whom."),
            Recommendation.objects.published(),
            [
                "meeting",
                "kind",
                "number",
                "paragraph",
                "sort_order",
                "text",
                "addressee_note",
                "addressees",
                "domains",
                "objectives",
                "actions",
                "sources",
            ],
        ),
        dataset(
            "reporting_rounds",
            _("Reporting rounds"),
            _("The rounds in which partners report on the implementation of the plan."),
            ReportingRound.objects.all(),
            ["name", "slug", "framework", "opens_on", "closes_on", "description"],
            pages=False,
        ),
        implementation,
        dataset(
            "library",
            _("Library"),
            _("The public documents and publications, with the address of each version."),
            Document.objects.public().published(),
            [
                "meeting",
                "kind",
                "title",
                "published_on",
                "original_language",
                "domains",
                "partners",
            ],
            extra=_document_addresses(),
        ),
        dataset(
            "organisations",
            _("Organisations"),
            _("The organisations that implement or fund the projects of the inventory."),
            Organisation.objects.all(),
            ["name"],
            pages=False,
        ),
        dataset(
            "projects",
            _("Projects and initiatives"),
            _("Technical-assistance projects and initiatives in partner countries."),
            Project.objects.published(),
            [
                "identifier",
                "title",
                "summary",
                "status",
                "start",
                "start_precision",
                "end",
                "end_precision",
                "countries",
                "implementers",
                "funders",
                "domains",
                "objectives",
                "actions",
                "budget",
                "currency",
                "links",
                "sources",
            ],
        ),
        dataset(
            "news",
            _("News"),
            _("The published news posts."),
            NewsPost.objects.published(),
            [
                "title",
                "slug",
                "published_on",
                "summary",
                "body",
                "meetings",
                "partners",
                "domains",
                "actions",
            ],
            links={"meetings": published_meetings},
        ),
    ]
