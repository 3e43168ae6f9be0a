"""The projects inventory: a public list with filters, a page per project, CSV and API;
an import that previews every row's mistakes and updates on a second run; unpublished
projects nowhere."""

import csv
import datetime
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from projects.models import Organisation, Project
from tests.factories import (
    ActionFactory,
    CountryFactory,
    DomainFactory,
    FrameworkFactory,
    ProjectFactory,
    SecretariatUserFactory,
)
from tests.helpers import url
from tests.test_admin_imports import confirm, csv_text, problems, upload

pytestmark = pytest.mark.django_db
PROJECTS = "projects_project"


@pytest.fixture
def inventory():
    senegal = CountryFactory(name="Senegal", name_fr="Sénégal", slug="senegal")
    mali = CountryFactory(name="Mali", slug="mali")
    icmpd = Organisation.objects.create(name="ICMPD")
    labour = ProjectFactory(
        title_en="Labour migration statistics",
        title_fr="Statistiques des migrations de travail",
        start=datetime.date(2013, 1, 1),
        start_precision="year",
        end=datetime.date(2015, 6, 30),
        status="completed",
        budget=450000,
    )
    labour.countries.add(senegal)
    labour.implementers.add(icmpd)
    border = ProjectFactory(title_en="Border management", start=datetime.date(2020, 1, 1))
    border.countries.add(mali)
    hidden = ProjectFactory(title_en="Draft project", published=False)
    hidden.countries.add(senegal)
    return {
        "senegal": senegal,
        "labour": labour,
        "border": border,
        "hidden": hidden,
        "icmpd": icmpd,
    }


def listed(client, **filters):
    response = client.get(url("projects:list"), filters)
    return [project.identifier for project in response.context["object_list"]]


class TestThePublicList:
    def test_newest_first_and_never_an_unpublished_one(self, client, inventory):
        assert listed(client) == [inventory["border"].identifier, inventory["labour"].identifier]
        hidden = inventory["hidden"]
        assert client.get(hidden.get_absolute_url()).status_code == 404
        api = client.get("/api/projects/").json()
        assert hidden.identifier not in str(api)
        assert client.get(f"/api/projects/{hidden.identifier}/").status_code == 404

    def test_filters(self, client, inventory):
        labour = inventory["labour"].identifier
        assert listed(client, country="senegal") == [labour]
        assert listed(client, status="completed") == [labour]
        assert listed(client, year=2014) == [labour]
        assert listed(client, year=2016) == []
        assert listed(client, organisation=inventory["icmpd"].pk) == [labour]
        assert listed(client, q="statistiques travail") == [labour]
        response = client.get(url("projects:list"), {"year": "soon", "status": "x"})
        assert response.status_code == 200
        assert "Some filters are not valid" in response.content.decode()

    def test_a_projects_page_in_both_languages(self, client, inventory):
        labour = inventory["labour"]
        page = client.get(labour.get_absolute_url()).content.decode()
        assert "Labour migration statistics" in page and "2013 – 30 June 2015" in page
        assert "450,000 EUR" in page and "ICMPD" in page
        french = client.get(url("projects:detail", "fr", identifier=labour.identifier)).content
        assert "Statistiques des migrations de travail" in french.decode()

    def test_csv_and_api_follow_the_filters(self, client, inventory):
        response = client.get(url("projects:csv"), {"country": "senegal"})
        rows = list(
            csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig")))
        )
        assert [row[0] for row in rows[1:]] == [inventory["labour"].identifier]
        api = client.get("/api/projects/", {"country": "senegal"}).json()
        assert [project["identifier"] for project in api["results"]] == [
            inventory["labour"].identifier
        ]
        assert api["results"][0]["implementers"] == ["ICMPD"]

    def test_on_the_countrys_page(self, client, inventory):
        page = client.get(inventory["senegal"].get_absolute_url()).content.decode()
        assert "1 project or initiative in Senegal in the inventory" in page
        assert "Draft project" not in page

    @pytest.mark.parametrize("count", [1, 25])
    def test_the_list_reads_as_much_with_more_projects(
        self, client, page_cache_off, django_assert_num_queries, count
    ):
        organisation = Organisation.objects.create(name="IOM")
        for _ in range(count):
            project = ProjectFactory()
            project.countries.add(CountryFactory())
            project.implementers.add(organisation)
        # Filter records (countries, domains, organisations), count, page, its countries,
        # implementers and funders.
        with django_assert_num_queries(8):
            client.get(url("projects:list"))


class TestRules:
    def test_a_project_cannot_end_before_it_starts(self):
        project = ProjectFactory.build(
            start=datetime.date(2020, 1, 1), end=datetime.date(2019, 1, 1)
        )
        with pytest.raises(Exception, match="cannot end before it starts"):
            project.full_clean()
        with pytest.raises(IntegrityError), transaction.atomic():
            project.save()

    def test_links_are_web_addresses(self):
        project = ProjectFactory.build(links="https://example.org/a\njavascript:alert(1)")
        with pytest.raises(Exception, match="is not a web address"):
            project.full_clean()


HEADER = [
    "identifier",
    "title_en",
    "countries",
    "implementers",
    "actions",
    "start",
    "start_precision",
    "status",
    "budget",
]


class TestImport:
    @pytest.fixture
    def plan(self):
        framework = FrameworkFactory(adopted_on=datetime.date(2022, 12, 14))
        domain = DomainFactory(framework=framework, number="1")
        ActionFactory(
            framework=framework,
            objective__domain=domain,
            objective__framework=framework,
            number="3",
        )
        return framework

    def test_previews_every_mistake_then_a_second_import_updates(self, client, plan):
        client.force_login(SecretariatUserFactory())
        CountryFactory(slug="senegal")
        bad = csv_text(
            [
                HEADER,
                ["rp-1", "Statistics", "atlantis", "ICMPD", "99", "2014", "year", "someday", "-5"],
            ]
        ).encode()
        preview = upload(client, PROJECTS, bad)
        found = {(column, message) for _line, column, message in problems(preview)}
        columns = {column for column, _message in found}
        assert {"countries", "actions", "status"} <= columns, found
        assert not Project.objects.exists() and not Organisation.objects.exists()
        good = [
            HEADER,
            ["rp-1", "Statistics", "senegal", "ICMPD; GIZ", "3", "2014", "year", "ongoing", "1000"],
        ]
        confirm(client, PROJECTS, upload(client, PROJECTS, csv_text(good).encode()))
        project = Project.objects.get(identifier="rp-1")
        assert [str(o) for o in project.implementers.order_by("name")] == ["GIZ", "ICMPD"]
        assert [a.number for a in project.actions.all()] == ["3"]
        assert project.start == datetime.date(2014, 1, 1)
        good[1][1] = "Migration statistics"
        confirm(client, PROJECTS, upload(client, PROJECTS, csv_text(good).encode()))
        assert Project.objects.get().title_en == "Migration statistics"
        assert Organisation.objects.count() == 2

    def test_visitors_and_focal_points_cannot_reach_the_admin(self, client):
        response = client.get(reverse("admin:projects_project_changelist"))
        assert response.status_code == 302
