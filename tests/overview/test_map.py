"""The map of the dialogue: partner countries as links with their status, the presidency
and the committee, meetings hosted; a light page; a partner's own country on its page."""

import datetime
import gzip
import re

import pytest

from overview.maps import OUTLINES
from tests.factories import CountryFactory, MeetingFactory, MembershipFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    senegal = CountryFactory(name="Senegal", name_fr="Sénégal", iso_code="SN", slug="senegal")
    spain = CountryFactory(name="Spain", iso_code="ES", region="europe", slug="spain")
    CountryFactory(name="Norway", iso_code="NO", region="europe", status="observer", slug="norway")
    CountryFactory(name="Former", iso_code="MR", slug="former", left=datetime.date(2015, 1, 1))
    MeetingFactory.create_batch(3, host_country=senegal)
    MeetingFactory(host_country=senegal, published=False)
    MembershipFactory(partner=spain, start=datetime.date(2020, 1, 1))
    from governance.models import Presidency

    Presidency.objects.create(partner=senegal, start=datetime.date(2025, 1, 1))
    return {"senegal": senegal, "spain": spain}


def test_the_outlines_cover_both_continents():
    for code in ("SN", "ES", "CV", "ST", "MT", "NG", "NO", "MA", "ZA"):
        assert code in OUTLINES["countries"], code


def test_each_country_of_the_dialogue_is_a_named_link(client, dialogue):
    page = client.get(url("overview:map")).content.decode()
    assert (
        f'<a href="{dialogue["senegal"].get_absolute_url()}" aria-label="Senegal, partner country, '
        'holds the presidency, hosted 3 meetings">'
    ) in page
    assert 'aria-label="Spain, partner country, sits on the steering committee"' in page
    assert 'aria-label="Norway, observer"' in page and 'fill="url(#map-hatch)"' in page
    assert 'aria-label="Former, former partner"' in page and 'fill="url(#map-dots)"' in page
    assert '<text x="' in page and ">3</text>" in page
    # Countries outside the dialogue are drawn, not linked.
    assert page.count('<path d="') >= len(OUTLINES["countries"]) - 4


def test_the_page_stays_light(client, dialogue):
    content = client.get(url("overview:map")).content
    assert len(gzip.compress(content)) < 150_000


def test_in_french(client, dialogue):
    page = client.get(url("overview:map", "fr")).content.decode()
    assert "Carte du dialogue" in page
    assert (
        'aria-label="Sénégal, pays partenaire, assure la présidence, a accueilli 3 réunions"'
        in page
    )
    assert not re.search(r'cx="[0-9]+,[0-9]', page)


def test_a_partners_page_shows_its_country(client, dialogue):
    page = client.get(dialogue["senegal"].get_absolute_url()).content.decode()
    assert "Senegal on the map of the dialogue" in page
    assert 'class="map-partner map-highlight"' in page
    assert re.search(r'viewBox="[0-9.]+ [0-9.]+ 360 360"', page)


@pytest.mark.parametrize("hosts", [1, 12])
def test_queries_do_not_grow(client, page_cache_off, django_assert_num_queries, dialogue, hosts):
    for number in range(hosts):
        MeetingFactory(host_country=CountryFactory(iso_code=f"Z{chr(65 + number)}"))
    with django_assert_num_queries(5):
        client.get(url("overview:map"))
