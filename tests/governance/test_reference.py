"""The reference data loader: counts, idempotency, and respect for the secretariat's edits."""

import datetime
import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

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
from meetings.models import Meeting, MeetingRole
from tests.factories import SecretariatUserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    Partner,
    Framework,
    Domain,
    Objective,
    Action,
    Presidency,
    SteeringCommitteeMembership,
    ReferenceCountry,
    Meeting,
    MeetingRole,
]


def load(**options):
    output = StringIO()
    call_command("load_reference_data", stdout=output, **options)
    return output.getvalue()


def snapshot():
    return {
        model.__name__: sorted(
            (row.pop("id"), tuple(sorted((k, str(v)) for k, v in row.items())))
            for row in model.objects.values()
        )
        for model in MODELS
    }


@pytest.fixture
def loaded():
    load()


def test_cadiz_has_5_areas_10_objectives_and_29_actions(loaded):
    cadiz = Framework.objects.get(slug="cadiz-action-plan")
    assert cadiz.domains.count() == 5
    assert cadiz.objective_count() == 10
    assert list(cadiz.objectives.values_list("number", flat=True)) == [
        "1", "2", "3", "4", "5a", "5b", "6", "7", "8", "9", "10",
    ]  # fmt: skip
    assert cadiz.actions.count() == 29
    assert cadiz.get_domain_level_display() == "area"
    assert Framework.objects.in_force() == cadiz


def test_unknown_titles_stay_empty_and_show_their_number(loaded):
    cadiz = Framework.objects.get(slug="cadiz-action-plan")
    objective_7 = cadiz.objectives.get(number="7")
    assert objective_7.title == ""
    assert str(objective_7) == "Objective 7"
    assert cadiz.actions.get(number="17").title.startswith("Ensure that the disappearance")
    # Paraphrases are kept as notes, not passed off as the adopted wording.
    action_3 = cadiz.actions.get(number="3")
    assert action_3.title == "" and "paraphrase" in action_3.source_note
    assert cadiz.actions.filter(objective__isnull=True).count() == 10


def test_dakar_strategy_has_three_pillars_and_a_transversal_objective(loaded):
    dakar = Framework.objects.get(slug="dakar-strategy")
    assert dakar.domains.count() == 3
    assert dakar.objective_count() == 10
    transversal = dakar.objectives.get(transversal=True)
    assert transversal.number == "10" and transversal.domain is None
    with translation.override("fr"):
        assert transversal.title.startswith("Fonder la cohérence")
        assert dakar.domains.get(number="1").title == "Organiser la migration légale"


def test_every_framework_is_loaded(loaded):
    assert set(Framework.objects.values_list("slug", flat=True)) == {
        "cadiz-action-plan",
        "marrakesh-action-plan",
        "joint-valletta-action-plan",
        "rome-programme",
        "dakar-strategy",
        "paris-programme",
        "rabat-action-plan",
    }
    marrakesh = Framework.objects.get(slug="marrakesh-action-plan")
    assert (marrakesh.domains.count(), marrakesh.objective_count(), marrakesh.actions.count()) == (
        5,
        10,
        23,
    )


def test_partners_in_both_languages_with_regions(loaded):
    current = Partner.objects.current()
    assert current.countries().filter(region="europe").count() == 29
    assert current.countries().exclude(region="europe").count() == 28
    assert set(Partner.objects.former().values_list("iso_code", flat=True)) == {"GB", "EG", "IS"}
    morocco = Partner.objects.get(iso_code="MA")
    assert morocco.region == "north_africa" and morocco.founding_member
    with translation.override("fr"):
        assert Partner.objects.get(iso_code="DE").name == "Allemagne"
    assert Partner.objects.get(slug="icmpd").status == Partner.Status.SECRETARIAT
    assert Partner.objects.organisations().filter(status="observer").count() == 4


# As a French editor writes them: the article, and "in" and "of" with their contractions.
FRENCH_FORMS = {
    "SN": ("le Sénégal", "au Sénégal", "du Sénégal"),
    "ML": ("le Mali", "au Mali", "du Mali"),
    "NL": ("les Pays-Bas", "aux Pays-Bas", "des Pays-Bas"),
    "CI": ("la Côte d’Ivoire", "en Côte d’Ivoire", "de la Côte d’Ivoire"),
    "MT": ("Malte", "à Malte", "de Malte"),
    "ES": ("l’Espagne", "en Espagne", "de l’Espagne"),
    "NE": ("le Niger", "au Niger", "du Niger"),
    "CY": ("Chypre", "à Chypre", "de Chypre"),
}
ARTICLES = ("le ", "la ", "l’", "les ", "")
IN = ("au ", "aux ", "en ", "à ", "à la ", "à l’")
OF = ("du ", "des ", "de la ", "de l’", "de ")


def test_every_partner_has_its_sentence_forms_in_both_languages(loaded):
    partners = Partner.objects.all()
    assert partners.count() == 67
    for partner in partners:
        name = partner.name_fr
        article, in_form, of_form = (
            partner.name_with_article_fr,
            partner.name_with_in_fr,
            partner.name_with_of_fr,
        )
        # Each French form is the name behind one of the forms French allows, and the
        # article agrees with the preposition ("la France", "de la France", "en France").
        assert any(article == prefix + name for prefix in ARTICLES), partner
        assert in_form.endswith(name) and in_form[: -len(name)] in IN, partner
        assert any(of_form == prefix + name for prefix in OF), partner
        contracted = {"le ": ("au ", "du "), "les ": ("aux ", "des ")}
        for prefix, (in_prefix, of_prefix) in contracted.items():
            if article.startswith(prefix):
                assert in_form.startswith(in_prefix) or partner.kind == "organisation"
                assert of_form.startswith(of_prefix), partner
        if article.startswith(("la ", "l’")):
            assert of_form.startswith(("de la ", "de l’")), partner
        assert partner.name_en in partner.name_with_article_en
        assert partner.name_with_in_en.startswith(("in ", "at "))
        assert partner.name_with_of_en.startswith("of ")
        assert "'" not in article + in_form + of_form  # one apostrophe in French: ’
    for iso_code, forms in FRENCH_FORMS.items():
        partner = Partner.objects.get(iso_code=iso_code)
        with translation.override("fr"):
            assert (partner.with_article, partner.with_in, partner.with_of) == forms
    with translation.override("en"):
        assert Partner.objects.get(iso_code="NL").with_in == "in the Netherlands"


def test_presidencies_follow_each_other_without_overlap(loaded):
    presidencies = list(Presidency.objects.order_by("start"))
    assert len(presidencies) == 12
    assert Presidency.objects.current().get().partner.iso_code == "CH"
    assert Presidency.objects.on(datetime.date(2024, 6, 1)).get().partner.iso_code == "PT"
    for presidency in presidencies:
        presidency.full_clean()


def test_presidencies_with_their_priorities(loaded):
    with_priorities = Presidency.objects.exclude(priorities_en="")
    assert with_priorities.count() == 8
    assert not with_priorities.filter(priorities_fr="").exists()
    assert set(
        Presidency.objects.filter(priorities_en="").values_list("partner__iso_code", "start")
    ) == {
        ("MA", datetime.date(2015, 1, 1)),
        ("PT", datetime.date(2016, 1, 1)),
        ("ML", datetime.date(2016, 1, 1)),
        ("BF", datetime.date(2018, 5, 2)),
    }
    portugal = Presidency.objects.on(datetime.date(2024, 6, 1)).get()
    assert portugal.priorities_en.startswith("Three keywords: sharing, trust and dynamism.")
    morocco = Presidency.objects.on(datetime.date(2023, 6, 1)).get()
    assert morocco.motto_en.startswith("Let us act together") and morocco.motto_fr == ""
    with translation.override("fr"):
        assert "\u00a0;" in portugal.priorities and "’" in morocco.priorities


def test_steering_committee_seats_by_date(loaded):
    seats = SteeringCommitteeMembership.objects
    assert seats.count() == 16
    assert seats.on(datetime.date(2020, 1, 1)).count() == 12
    assert seats.on(datetime.date(2025, 6, 1)).count() == 16
    added = seats.filter(start=datetime.date(2022, 12, 1))
    assert {seat.partner.iso_code for seat in added} == {"NE", "NG", "CH", "NL"}
    assert {seat.start_precision for seat in added} == {"month"}


def test_meetings_the_audit_and_the_search_added(loaded):
    marrakesh = Meeting.objects.get(slug="thematic-meeting-on-humanised-border-management-2023")
    assert [role.partner.iso_code for role in marrakesh.chairs.all()] == ["MA", "ES"]
    assert (marrakesh.participants_count, marrakesh.status) == (90, "held")
    assert marrakesh.domains.get().number == "4"
    with translation.override("fr"):
        assert marrakesh.title == "Réunion thématique sur la gestion humanisée des frontières"
        assert marrakesh.city == "Marrakech"
    assert Meeting.objects.filter(start__year=2010).count() == 1
    label = Meeting.objects.get(slug__startswith="rabat-process-label-webinar")
    assert label.status == "confirmed" and label.online
    network = Meeting.objects.filter(title_en__contains="Network of National Focal Points")
    assert network.count() == 3
    assert (
        Meeting.objects.get(slug="steering-committee-ad-hoc-meeting-2018").chairs.get().role
        == "chair"
    )


def test_partial_dates_stay_partial(loaded):
    som_2014 = Meeting.objects.get(slug__startswith="senior-officials-meeting-preparing-the-4th")
    assert som_2014.date_precision == "year" and som_2014.dates_display == "2014"
    assert "26–27 June 2014" in som_2014.source_note  # a date no stored copy confirms is a note
    oeiras = Meeting.objects.get(city_en="Oeiras")
    assert oeiras.start is None and "April" in oeiras.dates_display


def test_meetings_with_co_chairs_and_plan_references(loaded):
    lisbon = Meeting.objects.get(
        slug__startswith="thematic-meeting-on-the-positive-effects", start__year=2024
    )
    assert [role.partner.iso_code for role in lisbon.chairs.all()] == ["PT", "SN"]
    assert list(lisbon.actions.values_list("number", flat=True)) == ["3"]
    assert lisbon.plan_objectives.get().number == "1"
    assert Meeting.objects.count() == 92
    assert Meeting.objects.published().count() == 92


# One fact of each kind that the public record corrected: place, dates and status, the
# precision of a date, co-chairs, a French title and a status the record gives.
def test_corrections_from_the_public_record(loaded):
    crisis = Meeting.objects.get(slug="thematic-meeting-on-migration-in-crisis-situations-2014")
    assert (crisis.city_en, crisis.status, crisis.tentative) == ("Paris", "held", False)
    assert crisis.dates_display == "24–25 April 2014"
    assert not crisis.co_chairs_to_be_determined and not crisis.chairs.exists()
    assert "do not name the co-chairs" in crisis.source_note
    bamako = Meeting.objects.get(slug__startswith="thematic-meeting-on-diaspora-engagement")
    assert (bamako.date_precision, bamako.start, bamako.end) == (
        "day",
        datetime.date(2016, 10, 5),
        datetime.date(2016, 10, 6),
    )
    the_hague = Meeting.objects.get(slug="thematic-meeting-on-migration-youth-and-development-2023")
    assert [role.partner.iso_code for role in the_hague.chairs.all()] == ["NL", "NG"]
    assert the_hague.status == "held"
    lisbon = Meeting.objects.get(slug__startswith="joint-high-level-meeting-of-the-khartoum")
    assert [role.partner.iso_code for role in lisbon.chairs.all()] == ["PT", "EG"]
    geneva = Meeting.objects.get(slug__startswith="thematic-meeting-on-family-separation")
    assert geneva.status == "held" and geneva.title_fr.startswith("Réunion thématique sur la")
    paris_2020 = Meeting.objects.get(slug__startswith="workshop-international-migration-and-dev")
    assert paris_2020.status == "postponed"


def test_a_count_given_as_about_stays_a_note(loaded):
    abuja = Meeting.objects.get(slug__startswith="thematic-meeting-youth-innovation")
    assert abuja.participants_count is None
    assert "from 38 African" in abuja.participation_note_en and "57" in abuja.source_note
    assert Meeting.objects.get(slug="senior-officials-meeting-2024").participants_count == 115


def test_reference_countries_of_cadiz(loaded):
    area_4 = Domain.objects.get(framework__slug="cadiz-action-plan", number="4")
    leads = ReferenceCountry.objects.current().filter(domain=area_4)
    assert {lead.partner.iso_code for lead in leads} == {"BF", "CI", "NE", "ES"}


def test_loading_twice_changes_nothing():
    load()
    before = snapshot()
    assert "already up to date" in load()
    assert snapshot() == before


def test_never_overwrites_what_the_secretariat_edited(loaded):
    secretariat = SecretariatUserFactory()
    meeting = Meeting.objects.get(slug="valletta-summit-on-migration-2015")
    meeting.title_en = "Valletta Summit on Migration (edited)"
    meeting.updated_by = secretariat
    meeting.save()
    meeting.chairs.all().delete()
    Partner.objects.filter(iso_code="SN").update(
        name_en="Republic of Senegal", updated_by=secretariat
    )

    output = load()

    meeting.refresh_from_db()
    assert meeting.title_en == "Valletta Summit on Migration (edited)"
    assert Partner.objects.get(iso_code="SN").name_en == "Republic of Senegal"
    assert "kept as edited by the secretariat" in output


def test_refreshes_what_nobody_edited(loaded):
    Meeting.objects.filter(slug="valletta-summit-on-migration-2015").update(city_en="")
    assert "1 meetings updated" in load()
    assert Meeting.objects.get(slug="valletta-summit-on-migration-2015").city_en == "Valletta"


def test_a_corrected_fact_reaches_a_database_that_loaded_the_old_value(tmp_path, settings):
    data = json.loads((settings.REFERENCE_DATA_DIR / "rabat_process.json").read_text())
    edited_slug = "valletta-summit-on-migration-2015"
    first, corrected = json.loads(json.dumps(data)), json.loads(json.dumps(data))
    for version, city, chairs in ((first, "Oporto", []), (corrected, "Porto", ["PT", "ML", "FR"])):
        record = next(
            m
            for m in version["meetings"]
            if m["slug"].startswith("senior-officials-meeting-valletta")
        )
        record["city_en"] = city
        record["chairs"] = [{"partner": key, "role": "co_chair"} for key in chairs]
        version["meetings"][0]["title_fr"] = f"Titre {city}"
        presidency = next(p for p in version["presidencies"] if p["partner"] == "GQ")
        presidency["priorities_en"] = f"Priorities as of {city}"
        edited = next(m for m in version["meetings"] if m["slug"] == edited_slug)
        edited["city_en"] = city
    old_file, new_file = tmp_path / "old.json", tmp_path / "new.json"
    old_file.write_text(json.dumps(first))
    new_file.write_text(json.dumps(corrected))
    load(file=old_file)
    Meeting.objects.filter(slug=edited_slug).update(
        title_en="Valletta Summit (edited)", updated_by=SecretariatUserFactory()
    )

    load(file=new_file)

    porto = Meeting.objects.get(slug__startswith="senior-officials-meeting-valletta")
    assert porto.city_en == "Porto"
    assert [role.partner.iso_code for role in porto.chairs.all()] == ["PT", "ML", "FR"]
    assert Meeting.objects.get(slug=data["meetings"][0]["slug"]).title_fr == "Titre Porto"
    assert Presidency.objects.get(partner__iso_code="GQ").priorities_en == "Priorities as of Porto"
    edited = Meeting.objects.get(slug=edited_slug)
    assert (edited.title_en, edited.city_en) == ("Valletta Summit (edited)", "Oporto")


def test_unreadable_file_is_a_readable_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        load(file=tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        load(file=broken)


def test_invalid_record_loads_nothing(tmp_path, settings):
    data = json.loads((settings.REFERENCE_DATA_DIR / "rabat_process.json").read_text())
    data["presidencies"].append(dict(data["presidencies"][-1], partner="FR", start="2026-06-01"))
    bad = tmp_path / "overlap.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(CommandError, match=r"Nothing was loaded.*overlaps"):
        load(file=bad)
    assert not Partner.objects.exists()


def test_unknown_partner_is_named(tmp_path, settings):
    data = json.loads((settings.REFERENCE_DATA_DIR / "rabat_process.json").read_text())
    data["meetings"][0]["host"] = "XX"
    bad = tmp_path / "unknown.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(CommandError, match="Unknown partner “XX”"):
        load(file=bad)


def test_french_texts_of_the_reference_file_follow_french_typography(settings):
    """One apostrophe (’) and a non-breaking space before : ; ? ! in every French text."""

    def french_texts(value, key=""):
        if isinstance(value, dict):
            for name, item in value.items():
                yield from french_texts(item, name)
        elif isinstance(value, list):
            for item in value:
                yield from french_texts(item, key)
        elif isinstance(value, str) and key.endswith("_fr"):
            yield value

    path = settings.REFERENCE_DATA_DIR / "rabat_process.json"
    texts = list(french_texts(json.loads(path.read_text(encoding="utf-8"))))
    assert len(texts) > 500
    for text in texts:
        assert not re.search(r"\w'\w", text), text
        assert not re.search(r" [:;?!]", text), text
