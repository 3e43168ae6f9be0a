from django import forms
from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.forms import StatedLimitsMixin
from core.mail import queue_email
from core.models import OutgoingEmail
from governance.contact import (
    language_codes,
    normalise_phone,
    validate_international_phone,
    working_language_choices,
)
from governance.models import FocalPoint


class EmailAuthenticationForm(auth_forms.AuthenticationForm):
    """Sign-in with the e-mail address, whatever its case; a username still works for the
    secretariat's accounts that have no address of their own."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "Enter a correct e-mail address and password. The password is case-sensitive."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        field = self.fields["username"]
        field.label = _("E-mail address")
        field.widget.attrs.update(
            {"autocomplete": "email", "inputmode": "email", "autocapitalize": "none"}
        )

    def clean_username(self):
        """The username of the one account with this address, or what was typed."""
        typed = self.cleaned_data["username"].strip()
        usernames = list(
            get_user_model()
            .objects.filter(Q(email__iexact=typed) | Q(username__iexact=typed))
            .values_list("username", flat=True)[:2]
        )
        return usernames[0] if len(usernames) == 1 else typed


class PhoneField(forms.CharField):
    """A phone number in international form, typed with spaces if one likes, stored without."""

    default_validators = [validate_international_phone]

    def to_python(self, value):
        return normalise_phone(super().to_python(value))


# The e-mails about reporting rounds, for those who report.
REPORTING_NOTICES = (
    "notify_round_opening",
    "notify_round_reminders",
    "notify_report_receipts",
    "notify_report_reviews",
)


class ContactCardForm(StatedLimitsMixin, forms.ModelForm):
    """What a focal point keeps up to date about themself."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    phone = PhoneField(
        label=_("Phone"),
        required=False,
        max_length=FocalPoint._meta.get_field("phone").max_length,
        help_text=_("In international form: + then the country code, such as +221 33 123 45 67."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    languages = forms.MultipleChoiceField(
        label=_("Working languages"),
        required=False,
        choices=working_language_choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = FocalPoint
        fields = [
            "job_title",
            "institution",
            "email",
            "phone",
            "languages",
            "theme",
            "language",
            "notify_forum_replies",
            *REPORTING_NOTICES,
            "notify_meeting_reminders",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.instance.user
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.initial["languages"] = language_codes(self.instance.languages)
        self.fields["language"].label = _("Language of e-mails")
        self.fields["language"].help_text = _(
            "The platform writes to you in this language, with links to its pages in it."
        )
        if self.instance.role != FocalPoint.Role.THEMATIC_CONTACT:
            del self.fields["theme"]
        if not self.instance.can_report:
            for name in REPORTING_NOTICES:
                del self.fields[name]
        for field in self.fields.values():
            if isinstance(field, forms.BooleanField):
                field.label_suffix = ""  # a check box's label is a sentence
        self.order_fields(["first_name", "last_name"])

    def clean_languages(self):
        return ", ".join(self.cleaned_data["languages"])

    def save(self, commit=True):
        user = self.instance.user
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        if commit:
            user.save(update_fields=["first_name", "last_name"])
        return super().save(commit)


class ContributorInvitationForm(StatedLimitsMixin, forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(
        label=_("Language of e-mails"),
        choices=settings.LANGUAGES,
        help_text=_("The invitation and every later e-mail are written in this language."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = translation.get_language()


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's form, whose e-mails go through the worker, in the person's language and
    with a link to the pages in it. The request does not use it to look the address up:
    the worker does (``governance.tasks.send_password_reset``)."""

    def send_links(self, *, domain, use_https):
        """A link to each active account with this address and a password (Django's
        rule), for pages at ``domain``."""
        self.save(
            domain_override=domain,
            use_https=use_https,
            email_template_name="registration/password_reset_email.txt",
        )

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        focal_point = FocalPoint.objects.filter(user=context["user"]).first()
        language = focal_point.language if focal_point else translation.get_language()
        with translation.override(language):
            subject = render_to_string(subject_template_name, context)
            body = render_to_string(email_template_name, context)
        queue_email(
            to=to_email,
            subject=subject,
            body=body,
            purpose=OutgoingEmail.Purpose.PASSWORD_RESET,
            confidential=True,
        )
