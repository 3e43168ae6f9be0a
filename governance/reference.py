"""Loading the reference data shipped in reference/rabat_process.json.

The rule that keeps the secretariat's work safe: the loader creates what is missing and
refreshes what it created itself, but a record that somebody has changed by hand
(its "last changed by" is set) is left exactly as it is. Nothing is ever deleted.
Running it twice changes nothing the second time.
"""

import datetime
import json
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from core.models import localized_fields
from governance.models import (
    Action,
    Domain,
    Framework,
    Objective,
    Partner,
    Presidency,
    ReferenceCountry,
    SteeringCommitteeMembership,
)
from governance.models.partners import SENTENCE_FORMS


class ReferenceDataError(Exception):
    """The reference file cannot be loaded; the message says which record and why."""


@dataclass
class LoadReport:
    """What a load did, model by model."""

    created: dict = field(default_factory=dict)
    updated: dict = field(default_factory=dict)
    kept: dict = field(default_factory=dict)

    def count(self, outcome, model):
        tally = getattr(self, outcome)
        name = model._meta.verbose_name_plural
        tally[name] = tally.get(name, 0) + 1

    @property
    def changed_anything(self):
        return bool(self.created or self.updated)

    def lines(self):
        for outcome, label in (
            ("created", "created"),
            ("updated", "updated"),
            ("kept", "kept as edited by the secretariat"),
        ):
            for name, number in sorted(getattr(self, outcome).items()):
                yield f"{number} {name} {label}"


def read_reference_file(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except OSError as error:
        raise ReferenceDataError(f"Cannot read {path}: {error.strerror}.") from error
    except json.JSONDecodeError as error:
        raise ReferenceDataError(f"{path} is not valid JSON: {error}.") from error


def parse_date(value):
    return datetime.date.fromisoformat(value) if value else None


def sources_text(record):
    return "\n".join(record.get("sources", []))


def upsert(model, lookup, values, report, hold_version=False):
    """Create the record, or refresh it unless a person has changed it since.

    With ``hold_version`` its history records nothing yet: the caller sets the record's
    links and rows, then records one version of the whole (``record_version``)."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values)
        if hold_version:
            instance.skip_history_when_saving = True
        save_valid(instance)
        report.count("created", model)
        return instance, True
    if instance.edited_by_a_person:
        report.count("kept", model)
        return instance, False
    if hold_version:
        instance.skip_history_when_saving = True
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        save_valid(instance)
        report.count("updated", model)
    return instance, True


def record_version(instance, history_type):
    """Record the version that ``upsert(..., hold_version=True)`` held back, as the record's
    creation ("+") or a change ("~"); ``None``, or a record the loader kept as a person
    edited it, records nothing."""
    if not hasattr(instance, "skip_history_when_saving"):
        return
    del instance.skip_history_when_saving
    if history_type is not None:
        instance.history_recorded_as = history_type
        instance.save(update_fields=["updated_at"])
        del instance.history_recorded_as


def save_valid(instance):
    """Save after the model's own rules; the database checks its constraints on saving."""
    described = f"{instance._meta.verbose_name} “{instance}”"
    try:
        instance.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        raise ReferenceDataError(
            f"{described} is not valid: "
            + "; ".join(
                f"{name}: {' '.join(messages)}" for name, messages in error.message_dict.items()
            )
        ) from error
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ReferenceDataError(f"{described} is refused by the database: {error}") from error


class PartnerIndex:
    """Finds the partners that the reference file names by ISO code or key."""

    def __init__(self):
        self.by_key = {}

    def add(self, key, partner):
        self.by_key[key] = partner

    def __getitem__(self, key):
        try:
            return self.by_key[key]
        except KeyError:
            raise ReferenceDataError(f"Unknown partner “{key}” in the reference file.") from None


def load_partners(records, report):
    index = PartnerIndex()
    for record in records:
        is_country = record["kind"] == Partner.Kind.COUNTRY
        lookup = {"iso_code": record["iso_code"]} if is_country else {"slug": record["key"]}
        values = {
            "name_en": record["name_en"],
            "name_fr": record.get("name_fr", ""),
            "short_name_en": record.get("short_name_en", ""),
            "short_name_fr": record.get("short_name_fr", ""),
            **{field: record.get(field, "") for field in localized_fields(*SENTENCE_FORMS)},
            "kind": record["kind"],
            "region": record["region"],
            "status": record["status"],
            "founding_member": record["founding_member"],
            "left": parse_date(record.get("left")),
            "sources": sources_text(record),
            "source_note": record.get("source_note", ""),
        }
        if is_country:
            values["slug"] = slugify(record["name_en"])
        else:
            values["iso_code"] = ""
        partner, _fresh = upsert(Partner, lookup, values, report)
        index.add(record["key"], partner)
    return index


class PlanIndex:
    """Finds frameworks and their levels by slug and number."""

    def __init__(self):
        self.frameworks, self.levels = {}, {}

    def framework(self, slug):
        try:
            return self.frameworks[slug]
        except KeyError:
            raise ReferenceDataError(f"Unknown framework “{slug}”.") from None

    def level(self, model, slug, number):
        try:
            return self.levels[model, slug, number]
        except KeyError:
            name = model._meta.verbose_name
            raise ReferenceDataError(f"Unknown {name} {number} of “{slug}”.") from None


def level_values(record):
    return {
        "sort_order": record["sort_order"],
        "title_en": record.get("title_en", ""),
        "title_fr": record.get("title_fr", ""),
        "sources": sources_text(record),
        "source_note": record.get("source_note", ""),
    }


def load_frameworks(records, report):
    index = PlanIndex()
    for record in records:
        framework, _fresh = upsert(
            Framework,
            {"slug": record["slug"]},
            {
                "name_en": record["name_en"],
                "name_fr": record.get("name_fr", ""),
                "short_name_en": record["short_name_en"],
                "short_name_fr": record.get("short_name_fr", ""),
                "kind": record["kind"],
                "domain_level": record["domain_level"],
                "adopted_on": parse_date(record.get("adopted_on")),
                "first_year": record.get("first_year"),
                "last_year": record.get("last_year"),
                "summary_en": record.get("summary_en", ""),
                "summary_fr": record.get("summary_fr", ""),
                "stated_domains": record.get("stated_domains"),
                "stated_objectives": record.get("stated_objectives"),
                "stated_actions": record.get("stated_actions"),
                "sources": sources_text(record),
                "source_note": record.get("source_note", ""),
            },
            report,
        )
        slug = record["slug"]
        index.frameworks[slug] = framework
        for domain_record in record["domains"]:
            domain = load_level(Domain, framework, domain_record, {}, index, report)
            for objective_record in domain_record["objectives"]:
                load_objective(framework, objective_record, domain, index, report)
        for objective_record in record.get("transversal_objectives", []):
            load_objective(framework, objective_record, None, index, report, transversal=True)
        for action_record in record.get("unplaced_actions", []):
            load_level(Action, framework, action_record, {"objective": None}, index, report)
    return index


def load_objective(framework, record, domain, index, report, transversal=False):
    extra = {"domain": domain, "transversal": transversal, "part_of": record.get("part_of", "")}
    objective = load_level(Objective, framework, record, extra, index, report)
    for action_record in record.get("actions", []):
        load_level(Action, framework, action_record, {"objective": objective}, index, report)


def load_level(model, framework, record, extra, index, report):
    lookup = {"framework": framework, "number": record["number"]}
    instance, _fresh = upsert(model, lookup, {**level_values(record), **extra}, report)
    index.levels[model, framework.slug, record["number"]] = instance
    return instance


def term_values(record):
    return {
        "start": parse_date(record["start"]),
        "start_precision": record["start_precision"],
        "end": parse_date(record.get("end")),
        "end_precision": record.get("end_precision", "day"),
        "sources": sources_text(record),
        "source_note": record.get("source_note", ""),
    }


def load_presidencies(records, partners, report):
    for record in records:
        values = {
            **term_values(record),
            **{name: record.get(name, "") for name in localized_fields("motto", "priorities")},
            "handover_note_en": record.get("handover_note_en", ""),
        }
        start = values.pop("start")
        upsert(Presidency, {"partner": partners[record["partner"]], "start": start}, values, report)


def load_committee_seats(records, partners, report):
    for record in records:
        values = term_values(record)
        start = values.pop("start")
        lookup = {"partner": partners[record["partner"]], "start": start}
        upsert(SteeringCommitteeMembership, lookup, values, report)


def load_reference_countries(records, partners, plan, report):
    for record in records:
        values = term_values(record)
        domain = plan.level(Domain, record["framework"], record["domain"])
        lookup = {"partner": partners[record["partner"]], "domain": domain}
        lookup["start"] = values.pop("start")
        upsert(ReferenceCountry, lookup, values, report)


def load_governance(data, report):
    """Load partners, plans and roles; returns the indexes the meetings need."""
    partners = load_partners(data["partners"], report)
    plan = load_frameworks(data["frameworks"], report)
    load_presidencies(data["presidencies"], partners, report)
    load_committee_seats(data["committee_seats"], partners, report)
    load_reference_countries(data["reference_countries"], partners, plan, report)
    return partners, plan
