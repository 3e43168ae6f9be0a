"""Writes that span several records: creating focal points and inviting them."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from governance.groups import FOCAL_POINTS
from governance.models import FocalPoint, Partner


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


def send_invitation(*, focal_point: FocalPoint, request) -> None:
    """E-mail the person a link to choose a password, valid PASSWORD_RESET_TIMEOUT, in the
    person's language and linking to the pages in that language."""
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
    send_mail(subject, body, None, [user.email])


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
