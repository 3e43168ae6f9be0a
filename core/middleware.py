"""Site-wide middleware of the project."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


def permissions_policy(features):
    """The Permissions-Policy header value: ``camera=(), fullscreen=(self)``."""
    return ", ".join(
        f"{feature}=({' '.join(allowlist)})" for feature, allowlist in features.items()
    )


class PermissionsPolicyMiddleware:
    """Tells browsers which powerful features the site's pages may use.

    ``settings.PERMISSIONS_POLICY`` maps a feature to the origins allowed to use it
    (``[]`` refuses it everywhere, ``["self"]`` keeps it to the site itself).
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response


class RequestSizeLimitMiddleware:
    """Refuses, with 413, a request whose body is declared larger than
    ``settings.REQUEST_MAX_BYTES``, before anything reads it.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE leaves out uploaded files, which it spools to disk
    whatever their size; this limit covers the whole body. The reverse proxy in front should
    refuse such requests first (see the README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.REQUEST_MAX_BYTES
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return HttpResponse(
                _("The request is too large: it may not be larger than %(limit)s.")
                % {"limit": filesizeformat(limit)},
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class NulCharacterMiddleware:
    """Answers 400 to a request with a NUL character in its path or its parameters: no
    address of the site holds one, and PostgreSQL refuses it in any text it compares."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        parameters = [text for key, values in request.GET.lists() for text in (key, *values)]
        if any("\x00" in text for text in (request.path, *parameters)):
            raise BadRequest("A NUL character in the address.")
        return self.get_response(request)
