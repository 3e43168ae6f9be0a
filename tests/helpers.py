import os
import subprocess
import sys

import pytest
from django.conf import settings
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


def manage_in_subprocess(*arguments, **environment):
    """``manage.py *arguments`` in another process, with the settings that the environment
    gives it: none of this one's ``DJANGO_`` variables nor its ``REDIS_URL``, only those of
    ``environment``."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(environment)
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
