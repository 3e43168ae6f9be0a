import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation


def refused_by_database(create):
    """The database itself refuses the row, whatever a form would have said."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def url(name, in_language="en", **kwargs):
    """The address of a page in one language."""
    with translation.override(in_language):
        return reverse(name, kwargs=kwargs or None)


def listed(response):
    return list(response.context["object_list"])
