"""Writes that span several records: creating focal points and inviting them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from core.mail import queue_email
from core.models import OutgoingEmail
from core.rate_limit import within_limit
from governance.groups import FOCAL_POINTS
from governance.models import FocalPoint, Partner
from governance.tasks import send_password_reset


@transaction.atomic
def create_focal_point(
    *,
    email: str,
    first_name: str,
    last_name: str,
    partner: Partner,
    role: str,
    created_by,
    named_by: FocalPoint | None = None,
    language: str | None = None,
) -> FocalPoint:
    """A user account without a password yet, in the Focal points group, and its card.

    The person is written to in ``language``, by default the one in which they are invited.
    """
    User = get_user_model()
    email = User.objects.normalize_email(email).lower()
    # Nobody is invited to an address an account already has, as its name or its e-mail
    # (a staff account's address, say).
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError({"email": _("An account with this e-mail address already exists.")})
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.full_clean()
    user.save()
    user.groups.add(Group.objects.get(name=FOCAL_POINTS))
    focal_point = FocalPoint(
        user=user,
        partner=partner,
        role=role,
        named_by=named_by,
        email=email,
        language=language or translation.get_language(),
        created_by=created_by,
        updated_by=created_by,
    )
    focal_point.full_clean()
    focal_point.save()
    return focal_point


@transaction.atomic
def invite_focal_point(*, request, **fields) -> FocalPoint:
    """``create_focal_point`` with ``fields``, and the invitation queued in the same
    transaction: the account exists exactly when its invitation does."""
    focal_point = create_focal_point(**fields)
    send_invitation(focal_point=focal_point, request=request)
    return focal_point


def send_invitation(*, focal_point: FocalPoint, request) -> None:
    """E-mail the person a link to choose a password, valid PASSWORD_RESET_TIMEOUT, in the
    person's language and linking to the pages in that language; sent by the worker once
    the request's transaction commits."""
    user = focal_point.user
    with translation.override(focal_point.language):
        path = reverse(
            "private:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        inviter = request.user
        inviter_card = getattr(inviter, "focal_point", None)
        context = {
            "focal_point": focal_point,
            "link": request.build_absolute_uri(path),
            "invited_by": inviter.get_full_name() or inviter.get_username(),
            # The partner after "of", with its article: "of Senegal", "du Sénégal".
            "on_behalf_of": (
                inviter_card.partner.with_of if inviter_card else _("of the secretariat")
            ),
        }
        subject = _("Your access to the Rabat Process private area")
        body = render_to_string("private/emails/invitation.txt", context)
    queue_email(
        to=user.email,
        subject=subject,
        body=body,
        purpose=OutgoingEmail.Purpose.INVITATION,
        confidential=True,
    )


# Links to choose a new password, asked per hour: for one address, and from one client
# address (an office behind one public address may hold several colleagues).
PASSWORD_RESETS_PER_ADDRESS = 5
PASSWORD_RESETS_PER_CLIENT = 20


def password_reset_allowed(*, email: str, client_address: str | None) -> bool:
    """Whether a link to choose a new password may be asked for ``email`` from
    ``client_address`` now. Every asking counts, whether or not the address has an account,
    so that the answer says nothing about it."""
    per_address = within_limit(
        "password-reset-address",
        email.strip().lower(),
        limit=PASSWORD_RESETS_PER_ADDRESS,
        period=3600,
    )
    per_client = within_limit(
        "password-reset-client", client_address, limit=PASSWORD_RESETS_PER_CLIENT, period=3600
    )
    return per_address and per_client


def ask_password_reset(*, email: str, domain: str, use_https: bool) -> None:
    """Queue the search for accounts with ``email`` and their links to choose a new password,
    in the current language for the accounts that have none of their own."""
    send_password_reset.enqueue(
        email=email, domain=domain, use_https=use_https, language=translation.get_language()
    )


@transaction.atomic
def withdraw_contributor(*, contributor: FocalPoint, withdrawn_by: FocalPoint) -> None:
    """A national focal point ends a contributor's access; the record of its work stays."""
    if (
        contributor.partner_id != withdrawn_by.partner_id
        or contributor.role != FocalPoint.Role.CONTRIBUTOR
    ):
        raise ValidationError(_("You can only withdraw contributors of your own partner."))
    user = contributor.user
    user.is_active = False
    user.save(update_fields=["is_active"])
