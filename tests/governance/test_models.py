import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from governance.models import (
    Action,
    Bloc,
    DatePrecision,
    Domain,
    Objective,
    Partner,
    Presidency,
    SteeringCommitteeMembership,
)
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    MembershipFactory,
    ObjectiveFactory,
    OrganisationFactory,
    PresidencyFactory,
)
from tests.helpers import refused_by_database

pytestmark = pytest.mark.django_db

day = datetime.date


class TestPartner:
    def test_country_without_iso_code_is_refused_by_the_database(self):
        refused_by_database(
            lambda: Partner.objects.create(
                name="Nowhere", slug="nowhere", kind="country", region="europe"
            )
        )

    def test_organisation_with_a_country_code_is_refused_by_the_database(self):
        refused_by_database(
            lambda: Partner.objects.create(
                name="Org", slug="org", kind="organisation", iso_code="XX"
            )
        )

    def test_iso_codes_are_unique(self):
        CountryFactory(iso_code="SN")
        refused_by_database(lambda: CountryFactory(iso_code="SN"))

    def test_leaving_before_joining_is_refused_by_the_database(self):
        refused_by_database(lambda: CountryFactory(joined=day(2010, 1, 1), left=day(2009, 1, 1)))

    def test_clean_explains_what_a_country_lacks(self):
        partner = Partner(name="Nowhere", slug="nowhere", kind="country")
        with pytest.raises(ValidationError) as error:
            partner.full_clean()
        assert set(error.value.message_dict) >= {"iso_code", "region"}

    def test_blocs(self):
        assert CountryFactory(region="north_africa").bloc == Bloc.AFRICAN
        assert CountryFactory(region="europe").bloc == Bloc.EUROPEAN
        assert OrganisationFactory().bloc == Bloc.ORGANISATIONS
        assert CountryFactory(region="north_africa", status="observer").bloc == Bloc.OBSERVERS

    def test_current_leaves_out_former_partners(self):
        staying = CountryFactory()
        CountryFactory(left=day(2014, 11, 27))
        assert list(Partner.objects.current()) == [staying]

    def test_on_a_date_before_a_partner_left(self):
        former = CountryFactory(left=day(2014, 11, 27))
        assert former in Partner.objects.on(day(2010, 1, 1))
        assert former not in Partner.objects.on(day(2014, 11, 27))


class TestPresidency:
    @pytest.fixture
    def presidencies(self):
        return [
            PresidencyFactory(start=day(2024, 2, 1), end=day(2025, 1, 30)),
            PresidencyFactory(start=day(2025, 1, 30), end=day(2026, 1, 29)),
            PresidencyFactory(start=day(2026, 1, 29), end=None),
        ]

    def test_presidency_on_a_date(self, presidencies):
        assert Presidency.objects.on(day(2024, 6, 1)).get() == presidencies[0]
        assert Presidency.objects.on(day(2025, 7, 1)).get() == presidencies[1]

    def test_handover_day_belongs_to_the_incoming_chair(self, presidencies):
        assert Presidency.objects.on(day(2025, 1, 30)).get() == presidencies[1]

    def test_open_term_is_current(self, presidencies):
        assert Presidency.objects.current().get() == presidencies[2]
        assert presidencies[2].is_current

    def test_no_presidency_before_the_first(self, presidencies):
        assert not Presidency.objects.on(day(2020, 1, 1)).exists()

    def test_during_a_period(self, presidencies):
        assert list(Presidency.objects.during(presidencies[1])) == [presidencies[1]]

    def test_end_before_start_is_refused_by_the_database(self):
        refused_by_database(lambda: PresidencyFactory(start=day(2024, 1, 1), end=day(2023, 1, 1)))

    def test_overlapping_terms_are_refused_with_a_message(self, presidencies):
        overlapping = Presidency(
            partner=CountryFactory(), start=day(2024, 6, 1), end=day(2024, 12, 1)
        )
        with pytest.raises(ValidationError, match="overlaps the presidency"):
            overlapping.full_clean()

    def test_open_term_overlaps_any_later_term(self, presidencies):
        later = Presidency(partner=CountryFactory(), start=day(2027, 1, 1))
        with pytest.raises(ValidationError, match="overlaps"):
            later.full_clean()

    def test_terms_known_to_the_year_do_not_overlap_when_they_only_may(self):
        PresidencyFactory(
            start=day(2015, 1, 1), start_precision="year", end=day(2016, 1, 1), end_precision="year"
        )
        following = Presidency(
            partner=CountryFactory(),
            start=day(2016, 1, 1),
            start_precision="year",
            end=day(2017, 3, 21),
        )
        following.full_clean()

    def test_an_organisation_cannot_preside(self):
        presidency = Presidency(partner=OrganisationFactory(), start=day(2030, 1, 1))
        with pytest.raises(ValidationError, match="partner country"):
            presidency.full_clean()

    def test_partial_dates_are_stored_as_the_first_day_and_shown_as_known(self):
        presidency = PresidencyFactory(start=day(2016, 7, 9), start_precision=DatePrecision.YEAR)
        presidency.refresh_from_db()
        assert presidency.start == day(2016, 1, 1)
        assert presidency.start_display == "2016"

    def test_deleting_a_partner_that_presided_is_refused(self, presidencies):
        from django.db.models import ProtectedError

        with pytest.raises(ProtectedError):
            presidencies[0].partner.delete()


class TestSteeringCommittee:
    def test_committee_on_a_date(self):
        old = MembershipFactory(start=day(2015, 1, 1), end=day(2022, 10, 20))
        lasting = MembershipFactory(start=day(2015, 1, 1))
        new = MembershipFactory(start=day(2022, 10, 20))
        assert set(SteeringCommitteeMembership.objects.on(day(2018, 1, 1))) == {old, lasting}
        assert set(SteeringCommitteeMembership.objects.on(day(2023, 1, 1))) == {lasting, new}
        assert set(SteeringCommitteeMembership.objects.current()) == {lasting, new}

    def test_same_partner_cannot_start_twice_on_one_day(self):
        seat = MembershipFactory()
        refused_by_database(lambda: MembershipFactory(partner=seat.partner, start=seat.start))

    def test_overlapping_seats_of_one_partner_are_refused(self):
        seat = MembershipFactory(start=day(2015, 1, 1))
        second = SteeringCommitteeMembership(partner=seat.partner, start=day(2020, 1, 1))
        with pytest.raises(ValidationError, match="already sits"):
            second.full_clean()


class TestPlan:
    def test_numbers_are_unique_within_a_framework(self):
        domain = DomainFactory(number="1")
        refused_by_database(lambda: Domain.objects.create(framework=domain.framework, number="1"))
        DomainFactory(number="1")  # another framework may reuse it

    def test_objective_numbers_are_labels(self):
        domain = DomainFactory()
        ObjectiveFactory(domain=domain, number="5a", part_of="5")
        ObjectiveFactory(domain=domain, number="5b", part_of="5")
        ObjectiveFactory(domain=domain, number="6")
        assert domain.framework.objective_count() == 2

    def test_action_numbers_are_unique_across_the_plan(self):
        action = ActionFactory(number="20")
        other_objective = ObjectiveFactory(domain__framework=action.framework)
        refused_by_database(
            lambda: Action.objects.create(
                framework=action.framework, objective=other_objective, number="20"
            )
        )

    def test_an_untitled_level_shows_its_number(self):
        action = ActionFactory(number="12", title="")
        assert str(action) == "Action 12"
        assert action.display_title == "Action 12"

    def test_a_titled_level_shows_number_and_title(self):
        objective = ObjectiveFactory(number="10", title="Encourage safe return")
        assert str(objective) == "Objective 10 – Encourage safe return"

    def test_domain_label_follows_the_framework(self):
        domain = DomainFactory(framework=FrameworkFactory(domain_level="area"), number="4")
        assert domain.label == "Area 4"

    def test_title_in_french_falls_back_to_english(self):
        from django.utils import translation

        objective = ObjectiveFactory(title_en="Encourage safe return", title_fr="")
        with translation.override("fr"):
            assert objective.title == "Encourage safe return"

    def test_transversal_objective_has_no_domain(self):
        domain = DomainFactory()
        refused_by_database(
            lambda: Objective.objects.create(
                framework=domain.framework, domain=domain, number="10", transversal=True
            )
        )

    def test_parent_of_another_framework_is_refused(self):
        objective = ObjectiveFactory()
        action = Action(framework=FrameworkFactory(), objective=objective, number="1")
        with pytest.raises(ValidationError, match="same framework"):
            action.full_clean()

    def test_framework_in_force_is_the_latest_strategic_one(self):
        FrameworkFactory(adopted_on=day(2018, 5, 2))
        cadiz = FrameworkFactory(adopted_on=day(2022, 12, 14))
        FrameworkFactory(adopted_on=day(2023, 1, 1), kind="related")
        assert type(cadiz).objects.in_force() == cadiz


@pytest.mark.parametrize(
    ("start", "start_precision", "end", "end_precision", "shown"),
    [
        (day(2016, 1, 1), "year", day(2016, 1, 1), "year", "2016"),
        (day(2024, 2, 1), "day", day(2025, 1, 30), "day", "1 February 2024 – 30 January 2025"),
        (day(2026, 1, 29), "day", None, "day", "29 January 2026 – today"),
    ],
)
def test_period_display(start, start_precision, end, end_precision, shown):
    presidency = Presidency(
        start=start, start_precision=start_precision, end=end, end_precision=end_precision
    )
    assert presidency.period_display == shown


@pytest.mark.parametrize(
    ("language", "names"),
    [
        (
            "fr",
            [
                *("Allemagne", "Bénin", "Burkina Faso", "Chypre", "Côte d’Ivoire", "Croatie"),
                *("Égypte", "Espagne", "France", "Portugal"),
            ],
        ),
        (
            "en",
            [
                *("Benin", "Burkina Faso", "Côte d'Ivoire", "Croatia", "Cyprus", "Egypt"),
                *("France", "Germany", "Portugal", "Spain"),
            ],
        ),
    ],
)
def test_partners_in_alphabetical_order_with_accents(language, names):
    """Accented capitals sort with their letter, not after Z as in a binary or C
    collation, on SQLite as on PostgreSQL."""
    french = ["Espagne", "Égypte", "Croatie", "Côte d’Ivoire", "Burkina Faso", "Bénin"]
    french += ["Portugal", "France", "Chypre", "Allemagne"]
    english = ["Spain", "Egypt", "Croatia", "Côte d'Ivoire", "Burkina Faso", "Benin"]
    english += ["Portugal", "France", "Cyprus", "Germany"]
    for name_fr, name_en in zip(french, english, strict=True):
        CountryFactory(name_fr=name_fr, name_en=name_en)
    with translation.override(language):
        assert [partner.name for partner in Partner.objects.all()] == names


class TestSentenceForms:
    def test_each_language_of_the_name_needs_its_forms(self):
        partner = CountryFactory.build(name_en="Mali", name_fr="Mali", iso_code="ML")
        for field in ("name_with_article_fr", "name_with_in_fr", "name_with_of_fr"):
            setattr(partner, field, "")
        with pytest.raises(ValidationError) as error:
            partner.full_clean(exclude=["slug"])
        assert set(error.value.message_dict) == {
            "name_with_article_fr",
            "name_with_in_fr",
            "name_with_of_fr",
        }

    def test_forms_follow_the_language_and_never_borrow_another(self):
        partner = CountryFactory(
            name_en="Netherlands",
            name_fr="Pays-Bas",
            name_with_article_en="the Netherlands",
            name_with_in_en="in the Netherlands",
            name_with_of_en="of the Netherlands",
            name_with_article_fr="les Pays-Bas",
            name_with_in_fr="aux Pays-Bas",
            name_with_of_fr="",
        )
        with translation.override("fr"):
            assert (partner.with_article, partner.with_in) == ("les Pays-Bas", "aux Pays-Bas")
            # Missing, it is the bare French name, not the English "of the Netherlands".
            assert partner.with_of == "Pays-Bas"
        with translation.override("en"):
            assert partner.with_of == "of the Netherlands"
