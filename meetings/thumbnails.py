"""The pictures shown in place of videos, kept by this site so that a visitor's browser
asks nothing of the video's host until the visitor opens the video.

The secretariat may upload one; otherwise the worker asks YouTube or Vimeo for the
video's thumbnail through their oEmbed endpoints, once per video address, and keeps it
reduced to 640 × 360 JPEG without the original's metadata. Only those two hosts are
asked, only pictures from their image servers are fetched, and a response larger than
``MAX_BYTES`` or slower than ``TIMEOUT`` is given up: a video without a picture is shown as
a link.
"""

import io
import json
import logging
import urllib.request
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django_tasks import task
from PIL import Image, ImageOps, UnidentifiedImageError

from meetings.models import Document

logger = logging.getLogger(__name__)
LANGUAGES = [code for code, _name in settings.LANGUAGES]

OEMBED = {
    "youtube": "https://www.youtube.com/oembed",
    "vimeo": "https://vimeo.com/api/oembed.json",
}
VIDEO_HOSTS = {
    "youtube.com": "youtube",
    "www.youtube.com": "youtube",
    "m.youtube.com": "youtube",
    "youtu.be": "youtube",
    "vimeo.com": "vimeo",
    "www.vimeo.com": "vimeo",
    "player.vimeo.com": "vimeo",
}
PICTURE_HOSTS = ("i.ytimg.com", "img.youtube.com", "i.vimeocdn.com")
MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 10
SIZE = (640, 360)


class NoThumbnail(Exception):
    """The host gave no usable picture for the video."""


class KnownHostsRedirect(urllib.request.HTTPRedirectHandler):
    """Follows a redirection only to the video hosts and their image servers."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        parts = urlsplit(newurl)
        if parts.scheme != "https" or parts.hostname not in (*VIDEO_HOSTS, *PICTURE_HOSTS):
            return None
        return super().redirect_request(req, fp, code, msg, headers, newurl)


OPENER = urllib.request.build_opener(KnownHostsRedirect)


def fetch(address):
    """The bytes at ``address``, at most ``MAX_BYTES``."""
    request = urllib.request.Request(address, headers={"User-Agent": "rabat-process-platform"})
    with OPENER.open(request, timeout=TIMEOUT) as response:
        content = response.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise NoThumbnail(f"{address} is larger than {MAX_BYTES} bytes")
    return content


def host_of(address):
    """``"youtube"`` or ``"vimeo"`` for a video address of those sites, else None."""
    parts = urlsplit(address)
    return VIDEO_HOSTS.get(parts.hostname or "") if parts.scheme in ("http", "https") else None


def picture_address(video_address):
    """The address of the video's thumbnail, as its host's oEmbed endpoint gives it."""
    endpoint = OEMBED[host_of(video_address)]
    try:
        answer = json.loads(fetch(f"{endpoint}?{urlencode({'url': video_address})}"))
        address = answer["thumbnail_url"]
    except (ValueError, KeyError, TypeError) as error:
        raise NoThumbnail(f"no thumbnail in the oEmbed answer for {video_address}") from error
    parts = urlsplit(str(address))
    if parts.scheme != "https" or parts.hostname not in PICTURE_HOSTS:
        raise NoThumbnail(f"the thumbnail of {video_address} is not on the host's images")
    return address


def reduced(picture):
    """The picture as a 640 × 360 JPEG (cropped to fill), without its metadata."""
    try:
        with Image.open(io.BytesIO(picture)) as image:
            image.load()
            fitted = ImageOps.fit(image.convert("RGB"), SIZE)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise NoThumbnail("the thumbnail is not a readable image") from error
    output = io.BytesIO()
    fitted.save(output, "JPEG", quality=85, optimize=True)
    return output.getvalue()


def wanted():
    """Videos given as a link whose picture is not the secretariat's own and was not
    fetched for their current link."""
    has_link = Q()
    for code in LANGUAGES:
        has_link |= Q(**{f"url_{code}__gt": ""})
    not_uploaded = Q(thumbnail="") | ~Q(thumbnail_source="")
    return Document.objects.filter(has_link, not_uploaded, kind=Document.Kind.VIDEO)


def keep_thumbnail(document):
    """Fetch and keep the thumbnail of ``document``'s video; whether one was kept. The
    link it was fetched for is recorded either way, so a host that has none is not asked
    again until the link changes."""
    video = next(
        (
            address
            for address in (getattr(document, f"url_{code}") for code in LANGUAGES)
            if address and host_of(address)
        ),
        "",
    )
    if not video or video == document.thumbnail_source:
        return False
    try:
        picture = reduced(fetch(picture_address(video)))
    except (NoThumbnail, OSError) as error:
        logger.warning("No thumbnail for the video %s: %s", video, error)
        picture = None
    storage = Document.thumbnail.field.storage
    name = (
        storage.save(f"thumbnails/video-{document.pk}.jpg", ContentFile(picture)) if picture else ""
    )
    # Written aside from the document's own saving: no new version in its history.
    Document.objects.filter(pk=document.pk).update(thumbnail=name, thumbnail_source=video)
    # The picture of its former link, fetched too, goes.
    if previous := (document.thumbnail.name if document.thumbnail_source else ""):
        transaction.on_commit(lambda: storage.delete(previous))
    return bool(name)


def keep_wanted():
    """The scheduled job: the thumbnails of videos that need one; how many were kept."""
    return sum(keep_thumbnail(document) for document in wanted().order_by("pk").iterator())


@task()
def keep_document_thumbnail(document_id: int) -> bool:
    """The task queued when the secretariat saves a video."""
    document = wanted().filter(pk=document_id).first()
    return keep_thumbnail(document) if document is not None else False
