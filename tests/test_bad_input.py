"""A NUL character or broken UTF-8 in an address is a 400 or a 404, on every database."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "address",
    [
        "/api/meetings/%00/",
        "/api/partners/%00/",
        "/api/frameworks/%00/",
        "/en/meetings/%00/",
        "/en/meetings/conclusions%00.pdf",
    ],
)
def test_a_nul_character_in_the_path_is_a_bad_request(client, address):
    response = client.get(address)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "address",
    [
        "/api/meetings/?search=a%00b",
        "/api/meetings/?a%00=1",
        "/api/partners/?kind=%00",
        "/en/meetings/?q=%00",
        "/en/meetings/?host=%00",
    ],
)
def test_a_nul_character_in_a_parameter_is_never_a_server_error(client, address):
    assert client.get(address).status_code in (200, 400, 404)


@pytest.mark.parametrize(
    "address",
    [
        "/api/meetings/%FF/",
        "/api/partners/%C3%28/",
        "/api/frameworks/%ED%A0%80/",
        "/en/meetings/%FF/",
        "/api/meetings/?search=%FF",
    ],
)
def test_broken_utf_8_is_not_found_or_ignored(client, address):
    assert client.get(address).status_code in (200, 400, 404)


def test_the_bad_request_page_is_in_the_sites_language(client):
    response = client.get("/fr/reunions/%00/")
    assert response.status_code == 400
    assert 'lang="fr"' in response.content.decode()
