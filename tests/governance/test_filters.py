"""The drop-down lists and checkboxes of the public filters: rendered in one pass, options
kept cached."""

import pytest
from django import forms
from django.forms.renderers import get_default_renderer
from django.test.html import parse_html

from governance.widgets import QuickCheckboxes, QuickSelect, quick_renderer
from tests.factories import CountryFactory, MeetingFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db


class TestQuickSelect:
    def test_renders_like_a_select(self):
        widget = QuickSelect(choices=[("", "All"), ("cabo-verde", "Cabo Verde"), ("x", "<b>&")])
        html = widget.render("host", "cabo-verde", attrs={"id": "id_host", "aria-invalid": "true"})
        assert html == (
            '<select aria-invalid="true" id="id_host" name="host">'
            '<option value="">All</option>'
            '<option value="cabo-verde" selected>Cabo Verde</option>'
            '<option value="x">&lt;b&gt;&amp;</option></select>'
        )

    def test_nothing_chosen_selects_the_empty_option(self):
        html = QuickSelect(choices=[("", "All"), ("a", "A")]).render("kind", None)
        assert '<option value="" selected>All</option>' in html


class TestQuickCheckboxes:
    CHOICES = [("webinar", "webinar"), ("workshop", "<workshop> & co")]

    @pytest.mark.parametrize(
        ("value", "attrs"),
        [(["workshop"], {"id": "id_kind"}), ([], {"id": "id_kind"}), (["webinar"], {})],
    )
    def test_renders_the_markup_of_djangos_checkboxes(self, value, attrs):
        ours = QuickCheckboxes(choices=self.CHOICES).render("kind", value, attrs=attrs)
        djangos = forms.CheckboxSelectMultiple(choices=self.CHOICES).render(
            "kind", value, attrs=attrs
        )
        assert parse_html(ours) == parse_html(djangos)

    def test_the_meetings_filters_use_it(self):
        from meetings.filters import MeetingFilterSet

        assert isinstance(MeetingFilterSet().form.fields["kind"].widget, QuickCheckboxes)


class TestFilterForms:
    def test_filter_sets_share_a_form_class_not_its_fields(self):
        from meetings.filters import MeetingFilterSet

        first, second = MeetingFilterSet({"host": "gambia"}).form, MeetingFilterSet({}).form
        assert type(first) is type(second)
        assert first.fields["host"] is not second.fields["host"]
        assert type(type(first).base_fields["host"].widget) is forms.Select
        assert isinstance(first.fields["host"].widget, QuickSelect)


class TestQuickRenderer:
    @pytest.mark.parametrize(
        "data",
        [
            {},
            {"q": 'border "posts" <b>', "year": "2024", "date_from": "2024-05-01"},
            {"year": "abc", "date_to": "2024-13-45", "order": "-date"},
        ],
    )
    def test_labels_and_boxes_render_as_djangos_templates_do(self, data):
        from meetings.filters import MeetingFilterSet

        quick = MeetingFilterSet(data).form
        plain = MeetingFilterSet(data).form
        plain.renderer = get_default_renderer()
        assert quick.renderer is not plain.renderer
        for name in ("q", "year", "date_from", "date_to", "order"):
            ours = quick[name].label_tag() + str(quick[name])
            djangos = plain[name].label_tag() + str(plain[name])
            assert parse_html(ours) == parse_html(djangos)

    def test_drop_down_lists_with_groups_render_as_djangos_templates_do(self):
        class Form(forms.Form):
            region = forms.ChoiceField(
                choices=[
                    ("", "All"),
                    ("Africa", [("west", "West & <b>")]),
                    ("Europe", [("n", "N")]),
                ]
            )

        quick = Form({"region": "west"}, renderer=quick_renderer)
        plain = Form({"region": "west"})
        assert parse_html(str(quick["region"])) == parse_html(str(plain["region"]))
        assert "<optgroup" in str(quick["region"])


class TestFilterChoices:
    def test_options_are_read_once_until_the_data_changes(
        self, client, django_assert_max_num_queries
    ):
        MeetingFactory()
        CountryFactory(name="Gambia", slug="gambia")
        first = client.get(url("meetings:list"))
        assert '<option value="gambia">Gambia</option>' in first.content.decode()
        # Another filter combination: a page not seen before, whose options are.
        with django_assert_max_num_queries(4) as captured:
            other = client.get(url("meetings:list") + "?kind=workshop")
        assert '<option value="gambia">Gambia</option>' in other.content.decode()
        assert not any("governance_partner" in query["sql"] for query in captured)

    def test_lists_offering_the_same_records_read_them_once(
        self, client, django_assert_max_num_queries
    ):
        chair = CountryFactory(name="Gambia", slug="gambia")
        MeetingFactory().participants.add(chair)
        with django_assert_max_num_queries(10) as captured:
            page = client.get(url("meetings:list")).content.decode()
        partner_lists = [
            query["sql"]
            for query in captured
            # PostgreSQL reads them through a server-side cursor (DECLARE … FOR SELECT).
            if 'SELECT "governance_partner"."id"' in query["sql"]
        ]
        # All partners (co-chair, participant) and the countries (host).
        assert len(partner_lists) == 2
        for name in ("chair", "participant", "host"):
            select = page[page.index(f'id="id_{name}" name="{name}"') :]
            assert '<option value="gambia">Gambia</option>' in select[: select.index("</select>")]
        listed = client.get(url("meetings:list"), {"participant": "gambia", "chair": "gambia"})
        assert listed.status_code == 200
        assert "has-error" not in listed.content.decode()


def field_renders(response):
    return [template.name for template in response.templates].count("includes/filter_field.html")


@pytest.mark.usefixtures("page_cache_off")
class TestFilterFields:
    """Each field of a filter form is rendered once for each value it takes, until the data
    changes; text typed by visitors and fields in error are rendered for their request."""

    def test_only_fields_with_a_value_not_seen_before_are_rendered(self, client):
        from meetings.filters import MeetingFilterSet

        CountryFactory(name="Gambia", slug="gambia")
        first = client.get(url("meetings:list") + "?host=gambia")
        assert field_renders(first) == len(MeetingFilterSet().form.visible_fields())
        second = client.get(url("meetings:list") + "?host=gambia&kind=workshop")
        assert field_renders(second) == 1
        page = second.content.decode()
        assert '<option value="gambia" selected>Gambia</option>' in page
        assert 'value="workshop" checked' in page
        again = client.get(url("meetings:list") + "?kind=workshop&host=gambia")
        assert field_renders(again) == 0
        assert 'value="workshop" checked' in again.content.decode()

    def test_a_changed_record_is_shown_at_once(self, client):
        gambia = CountryFactory(name="Gambia", slug="gambia")
        client.get(url("meetings:list") + "?host=gambia")
        gambia.name_en = "The Gambia"
        gambia.save()
        page = client.get(url("meetings:list") + "?host=gambia").content.decode()
        assert '<option value="gambia" selected>The Gambia</option>' in page

    @pytest.mark.parametrize(
        "query", ["?q=border+posts", "?year=abc", "?host=atlantis", "?kind=webinar&kind=party"]
    )
    def test_typed_text_and_errors_are_not_kept(self, client, query):
        first = client.get(url("meetings:list") + query)
        again = client.get(url("meetings:list") + query)
        assert field_renders(first) > field_renders(again) == 1
