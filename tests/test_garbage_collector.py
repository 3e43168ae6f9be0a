"""The garbage collector of a server process: tuned once, frozen after its first requests."""

import gc
import itertools
import subprocess
import sys

import pytest
from django.core.signals import request_finished

from core import garbage_collector

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuned(monkeypatch):
    """The collector tuned as in a server that freezes after three requests; the test
    process's collector as it was afterwards."""
    threshold = gc.get_threshold()
    monkeypatch.setattr(garbage_collector, "REQUESTS_BEFORE_FREEZE", 3)
    monkeypatch.setattr(garbage_collector, "_served", itertools.count(1))
    garbage_collector.tune_for_server()
    yield
    request_finished.disconnect(dispatch_uid="garbage-collector-freeze")
    gc.unfreeze()
    gc.set_threshold(*threshold)


def test_the_young_generation_collects_less_often(tuned):
    assert gc.get_threshold()[0] == garbage_collector.YOUNG_GENERATION_THRESHOLD


def test_what_the_process_holds_is_frozen_after_its_first_requests(tuned, client):
    gc.unfreeze()
    for _ in range(2):
        assert client.get("/health/").status_code == 200
    assert gc.get_freeze_count() == 0
    client.get("/health/")
    frozen = gc.get_freeze_count()
    assert frozen > 1000
    # Once only: objects created later stay in the collector's sight (and frozen ones
    # are still freed when nothing refers to them).
    for _ in range(3):
        client.get("/health/")
    assert gc.get_freeze_count() <= frozen


def test_the_wsgi_application_tunes_its_process():
    script = "import gc, rabatprocess.wsgi; print(gc.get_threshold()[0])"
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "rabatprocess.settings", "PATH": ""},
    )
    assert int(result.stdout) == garbage_collector.YOUNG_GENERATION_THRESHOLD
