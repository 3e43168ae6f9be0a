"""Site-wide middleware of the project."""

from django.conf import settings


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
