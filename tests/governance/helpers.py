"""What the tests of the governance pages and of the presidency brief share."""

import datetime

from django.urls import reverse
from django.utils import translation

from tests.factories import (
    ActionFactory,
    DomainFactory,
    FrameworkFactory,
    ObjectiveFactory,
)

day = datetime.date


def url(name, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"governance:{name}", kwargs=kwargs or None)


def page(client, address, **params):
    response = client.get(address, params)
    assert response.status_code == 200
    return response, response.content.decode()


def assert_constant_queries(client, django_assert_num_queries, address, grow, expected):
    """The page costs ``expected`` queries, and still does once ``grow`` added more rows."""
    with django_assert_num_queries(expected):
        assert client.get(address).status_code == 200
    grow()
    with django_assert_num_queries(expected):
        assert client.get(address).status_code == 200


def small_cadiz_plan():
    """A small plan: two domains, objectives 5a and 5b, a transversal objective, actions."""
    framework = FrameworkFactory(
        slug="cadiz", short_name="Cadiz", domain_level="area", stated_objectives=10
    )
    framework.stated_actions = 29
    framework.save()
    area_1 = DomainFactory(framework=framework, number="1", title="Root causes", sort_order=1)
    area_2 = DomainFactory(framework=framework, number="2", title="", sort_order=2)
    objective_5a = ObjectiveFactory(domain=area_1, number="5a", part_of="5", sort_order=1)
    objective_5b = ObjectiveFactory(domain=area_1, number="5b", part_of="5", sort_order=2)
    objective_7 = ObjectiveFactory(domain=area_2, number="7", title="", sort_order=3)
    transversal = ObjectiveFactory(
        domain=None, framework=framework, number="11", transversal=True, title="Gender"
    )
    return {
        "framework": framework,
        "area_1": area_1,
        "area_2": area_2,
        "objective_5a": objective_5a,
        "objective_5b": objective_5b,
        "objective_7": objective_7,
        "transversal": transversal,
        "action_1": ActionFactory(objective=objective_5a, number="1", sort_order=1),
        "action_2": ActionFactory(objective=objective_5b, number="2", sort_order=2),
        "action_20": ActionFactory(objective=objective_7, number="20", sort_order=20),
        "unplaced": ActionFactory(
            objective=None, framework=framework, number="29", sort_order=29, title="Returns"
        ),
    }
