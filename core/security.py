"""Security helpers that settings refer to by their dotted path."""

from django.conf import settings


def client_ip_address(request):
    """The address of the person signing in, as far as our own proxies can tell.

    With ``PROXY_COUNT`` proxies in front of the site, each appending the address it
    received from to X-Forwarded-For, the client is the entry that many places from the
    right; what a client writes further left is its own invention and is ignored.
    """
    count = settings.PROXY_COUNT
    if count:
        forwarded = [
            address.strip()
            for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if address.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
