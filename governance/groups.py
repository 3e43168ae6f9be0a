"""The two groups every installation has, and what each may do."""

from django.contrib.auth.models import Group, Permission

SECRETARIAT = "Secretariat"
FOCAL_POINTS = "Focal points"

# The secretariat edits everything the platform records, and the accounts of the people
# who use it; what it may not do to accounts (make anyone a superuser) the admin enforces.
# It also lifts sign-in lockouts (axes), enrols colleagues' authenticator apps (otp_totp)
# and follows the e-mails the platform sends (core).
SECRETARIAT_APPS = (
    "core",
    "governance",
    "meetings",
    "recommendations",
    "news",
    "pages",
    "projects",
    "auth",
    "axes",
    "otp_totp",
)


def grant_secretariat_permissions(sender, using="default", **kwargs):
    """Give the Secretariat group every permission of the platform's apps."""
    group = Group.objects.using(using).filter(name=SECRETARIAT).first()
    if group is None:
        return
    permissions = Permission.objects.using(using).filter(
        content_type__app_label__in=SECRETARIAT_APPS
    )
    group.permissions.add(*permissions)


def ensure_groups():
    """Create the two groups if they are missing (a flushed database loses them)."""
    for name in (SECRETARIAT, FOCAL_POINTS):
        Group.objects.get_or_create(name=name)
    grant_secretariat_permissions(sender=None)
