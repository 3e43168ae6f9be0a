"""Videos: a link to where they are hosted, shown with a picture this site keeps, so that
nothing loads from the host until the visitor opens the video."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from meetings import thumbnails
from meetings.models import Document
from rabatprocess.management.commands.run_scheduled_jobs import run_jobs
from tests.factories import DocumentFactory, FocalPointFactory, SecretariatUserFactory
from tests.helpers import url

pytestmark = pytest.mark.django_db
VIDEO = "https://www.youtube.com/watch?v=abc123"
PICTURE = "https://i.ytimg.com/vi/abc123/hqdefault.jpg"


def image(size=(480, 360), kind="JPEG"):
    output = io.BytesIO()
    Image.new("RGB", size, (20, 80, 140)).save(output, kind)
    return output.getvalue()


@pytest.fixture
def video_host(monkeypatch):
    """YouTube as the tests see it: its oEmbed answer and its picture; the addresses asked
    for are kept in ``asked``."""
    answers = {PICTURE: image()}

    def fetch(address):
        fetch.asked.append(address)
        if address.startswith(thumbnails.OEMBED["youtube"]):
            return json.dumps({"thumbnail_url": answers["thumbnail_url"]}).encode()
        if address in answers:
            return answers[address]
        raise OSError(f"nothing at {address}")

    fetch.asked = []
    answers["thumbnail_url"] = PICTURE
    monkeypatch.setattr("meetings.thumbnails.fetch", fetch)
    fetch.answers = answers
    return fetch


@pytest.fixture
def video():
    return DocumentFactory(
        meeting=None, kind=Document.Kind.VIDEO, title="Cadiz in 3 minutes", url=VIDEO
    )


class TestFetching:
    def test_the_job_keeps_a_reduced_copy_once_per_link(self, video, video_host):
        assert run_jobs()["thumbnails of videos kept"] == 1
        video.refresh_from_db()
        assert video.thumbnail_source == VIDEO
        with Image.open(video.thumbnail.open("rb")) as kept:
            assert (kept.format, kept.size) == ("JPEG", thumbnails.SIZE)
        asked = len(video_host.asked)
        assert run_jobs()["thumbnails of videos kept"] == 0
        assert len(video_host.asked) == asked

    def test_a_new_link_gets_a_new_picture_and_the_old_one_goes(
        self, video, video_host, django_capture_on_commit_callbacks
    ):
        run_jobs()
        video.refresh_from_db()
        old = video.thumbnail.name
        Document.objects.filter(pk=video.pk).update(url_en="https://youtu.be/xyz789")
        with django_capture_on_commit_callbacks(execute=True):
            run_jobs()
        video.refresh_from_db()
        assert video.thumbnail_source == "https://youtu.be/xyz789"
        assert video.thumbnail.name != old
        assert not Document.thumbnail.field.storage.exists(old)

    def test_fetching_leaves_no_version_in_the_history(self, video, video_host):
        versions = video.history.count()
        run_jobs()
        assert video.history.count() == versions

    @pytest.mark.parametrize(
        "picture",
        [
            "http://i.ytimg.com/vi/abc123/hqdefault.jpg",
            "https://evil.example/picture.jpg",
            "https://i.ytimg.com.evil.example/picture.jpg",
        ],
    )
    def test_only_pictures_of_the_hosts_image_servers_are_fetched(self, video, video_host, picture):
        video_host.answers["thumbnail_url"] = picture
        video_host.answers[picture] = image()
        assert run_jobs()["thumbnails of videos kept"] == 0
        assert picture not in video_host.asked
        video.refresh_from_db()
        assert not video.thumbnail
        # Not asked again until the link changes.
        asked = len(video_host.asked)
        run_jobs()
        assert len(video_host.asked) == asked

    def test_what_is_not_an_image_is_not_kept(self, video, video_host):
        video_host.answers[PICTURE] = b"<html>not a picture</html>"
        assert run_jobs()["thumbnails of videos kept"] == 0
        video.refresh_from_db()
        assert not video.thumbnail

    @pytest.mark.parametrize(
        "address",
        [
            "https://example.org/video.mp4",
            "ftp://youtube.com/watch?v=1",
            "https://youtube.com.example/x",
        ],
    )
    def test_other_hosts_are_never_asked(self, video_host, address):
        DocumentFactory(meeting=None, kind=Document.Kind.VIDEO, url=address)
        run_jobs()
        assert video_host.asked == []

    def test_an_unreachable_host_gives_a_link_without_picture(self, client, video):
        run_jobs()
        response = client.get(video.get_absolute_url())
        assert response.status_code == 200
        assert f'href="{VIDEO}"' in response.content.decode()
        assert (
            "<img" not in response.content.decode().split('class="video-link"')[1].split("</a>")[0]
        )

    def test_the_secretariats_own_picture_is_never_replaced(self, client, video_host):
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:meetings_document_add"),
            {
                "kind": "video",
                "title_en": "Cadiz in 3 minutes",
                "order": 0,
                "published": "on",
                "visibility": "public",
                "url_en": VIDEO,
                "thumbnail": SimpleUploadedFile("poster.png", image((1280, 720), "PNG")),
            },
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        document = Document.objects.get()
        assert document.thumbnail.name.endswith("poster.png")
        run_jobs()
        document.refresh_from_db()
        assert document.thumbnail.name.endswith("poster.png")
        assert video_host.asked == []

    def test_a_picture_that_is_not_an_image_is_refused_in_the_admin(self, client):
        client.force_login(SecretariatUserFactory())
        response = client.post(
            reverse("admin:meetings_document_add"),
            {
                "kind": "video",
                "title_en": "Cadiz in 3 minutes",
                "order": 0,
                "visibility": "public",
                "url_en": VIDEO,
                "thumbnail": SimpleUploadedFile("poster.png", b"<script>"),
            },
        )
        assert response.status_code == 200
        assert "thumbnail" in response.context["adminform"].form.errors
        assert not Document.objects.exists()


class TestShowing:
    def test_the_page_loads_nothing_from_the_host(self, client, video, video_host):
        run_jobs()
        page = client.get(video.get_absolute_url()).content.decode()
        picture = reverse("meetings:document-thumbnail", args=[video.pk])
        assert f'src="{picture}"' in page
        assert f'href="{VIDEO}"' in page
        assert "Watch the video on www.youtube.com" in page
        assert "youtube" not in "".join(part.split('"')[0] for part in page.split('src="')[1:])
        assert "<iframe" not in page
        listed = client.get(url("library:list")).content.decode()
        assert f'src="{picture}"' in listed

    def test_the_link_of_the_pages_language_comes_first(self, client, video):
        Document.objects.filter(pk=video.pk).update(url_fr="https://vimeo.com/76979871")
        page = client.get(url("library:detail", "fr", pk=video.pk)).content.decode()
        assert 'href="https://vimeo.com/76979871"' in page
        assert "Regarder la vidéo sur vimeo.com</span>\n" in page
        Document.objects.filter(pk=video.pk).update(url_fr="")
        page = client.get(url("library:detail", "fr", pk=video.pk)).content.decode()
        assert f'href="{VIDEO}"' in page
        assert '<span class="fallback">(en anglais)</span>' in page

    def test_the_picture_is_served_as_the_video_is_visible(self, client, video, video_host):
        run_jobs()
        picture = reverse("meetings:document-thumbnail", args=[video.pk])
        response = client.get(picture)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        Document.objects.filter(pk=video.pk).update(visibility=Document.Visibility.PARTNERS)
        response = client.get(picture)
        assert response.status_code == 302
        assert "next=" in response["Location"]
        client.force_login(FocalPointFactory().user)
        assert client.get(picture).status_code == 200
        Document.objects.filter(pk=video.pk).update(published=False)
        assert client.get(picture).status_code == 404

    def test_a_document_without_picture_has_none(self, client):
        document = DocumentFactory()
        response = client.get(reverse("meetings:document-thumbnail", args=[document.pk]))
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("target", "followed"),
    [
        ("https://i.ytimg.com/vi/abc123/maxresdefault.jpg", True),
        ("https://www.youtube.com/oembed?url=x", True),
        ("http://i.ytimg.com/vi/abc123/hqdefault.jpg", False),
        ("https://169.254.169.254/latest/meta-data/", False),
        ("https://evil.example/picture.jpg", False),
    ],
)
def test_a_redirection_is_followed_only_to_the_hosts_known(target, followed):
    import urllib.request

    handler = thumbnails.KnownHostsRedirect()
    request = urllib.request.Request("https://i.ytimg.com/vi/abc123/hqdefault.jpg")
    redirected = handler.redirect_request(request, None, 302, "Found", {}, target)
    assert (redirected is not None) == followed
