"""Site-wide middleware of the project."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.cache import patch_cache_control
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
    """Answers 400 to a request with a NUL character in its path: no address of the site
    holds one, and PostgreSQL refuses it in any text it compares. (The forms that read
    parameters refuse it with a message of their own.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("A NUL character in the address.")
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Marks ``Cache-Control: private, no-store`` every response to a signed-in person and
    every page under the URL namespaces of ``settings.PRIVATE_URL_NAMESPACES`` (sign-in and
    password pages included): no browser, proxy or shared computer keeps restricted pages,
    documents or evidence files."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        namespaces = set(match.namespaces) if match else set()
        # Without a session cookie nobody is signed in: the session is left unread. (The API
        # authenticates nobody: it leaves no user on the request.)
        user = (
            getattr(request, "user", None)
            if settings.SESSION_COOKIE_NAME in request.COOKIES
            else None
        )
        signed_in = user is not None and user.is_authenticated
        if signed_in or namespaces & set(settings.PRIVATE_URL_NAMESPACES):
            patch_cache_control(response, private=True, no_store=True)
        return response
