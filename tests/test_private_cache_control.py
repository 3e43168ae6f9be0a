"""Private pages, restricted documents and evidence files are kept by no cache."""

import pytest
from django.core.files.base import ContentFile

from tests.factories import DocumentFactory, FocalPointFactory, SecretariatUserFactory
from tests.helpers import url
from tests.recommendations.reporting.helpers import PDF, make_round, report_of

pytestmark = pytest.mark.django_db


def not_stored(response):
    directives = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    return {"private", "no-store"} <= directives


def test_private_pages_are_not_stored(client):
    focal_point = FocalPointFactory()
    client.force_login(focal_point.user)
    for name in ("private:dashboard", "private:directory", "private:profile"):
        response = client.get(url(name))
        assert response.status_code == 200, name
        assert not_stored(response), name


def test_the_sign_in_and_password_pages_are_not_stored(client):
    for name in ("private:login", "private:password_reset"):
        response = client.get(url(name))
        assert response.status_code == 200
        assert not_stored(response), name


def test_a_restricted_document_is_not_stored(client, file_storage):
    document = DocumentFactory(url="", visibility="partners")
    document.file_en.save("conclusions.pdf", ContentFile(PDF))
    client.force_login(FocalPointFactory().user)
    response = client.get(url("meetings:document-file", pk=document.pk, language="en"))
    assert response.status_code == 200
    assert not_stored(response)


def test_an_evidence_file_is_not_stored(client, file_storage):
    mine = FocalPointFactory()
    reporting_round = make_round()
    report = report_of(mine, reporting_round, evidence_file=ContentFile(PDF, "law.pdf"))
    client.force_login(SecretariatUserFactory())
    response = client.get(url("private:evidence-file", pk=report.pk))
    assert response.status_code == 200
    assert not_stored(response)


def test_public_pages_for_anonymous_visitors_may_be_kept(client):
    response = client.get(url("meetings:list"))
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
