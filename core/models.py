"""Building blocks shared by the models of every app: who created and changed a record,
every version of it (django-simple-history), and where its facts come from."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname
from simple_history import register


class StampedModel(models.Model):
    """Who created a record and who changed it last, and when."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def source_list(self):
        """The sources, one per line, each as ``(address, label)``: a web address links to
        its page, labelled by its site and path; anything else (a document the secretariat
        holds) is shown as written, with no address."""
        entries = []
        for line in self.sources.splitlines():
            line = line.strip()
            if not line:
                continue
            parts = urlsplit(line)
            if parts.scheme in ("http", "https") and parts.netloc:
                site = parts.netloc.removeprefix("www.")
                entries.append((line, f"{site}{parts.path}".rstrip("/")))
            else:
                entries.append(("", line))
        return entries

    @property
    def edited_by_a_person(self):
        """True once somebody changed the record by hand (the loader leaves it alone then)."""
        return self.updated_by_id is not None


def stamp(obj, user):
    """Set who created (when new) and who last changed a stamped record."""
    if not isinstance(obj, StampedModel):
        return
    if obj._state.adding and obj.created_by_id is None:
        obj.created_by = user
    obj.updated_by = user


def translated_field_names(model):
    """Names of the translated fields of a model; empty if it is not registered."""
    try:
        return list(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return []


def content_languages():
    """(code, name) of every language that content is translated into."""
    return [
        (code, name) for code, name in settings.LANGUAGES if code in mt_settings.AVAILABLE_LANGUAGES
    ]


def localized_fields(*names):
    """Every language's version of the given translated fields: ("title_en", "title_fr")."""
    codes = [code for code, _name in content_languages()]
    return tuple(build_localized_fieldname(name, code) for name in names for code in codes)


def _empty_q(model, fieldname):
    field = model._meta.get_field(fieldname)
    empty = models.Q(**{f"{fieldname}__isnull": True})
    if field.empty_strings_allowed:
        empty |= models.Q(**{fieldname: ""})
    return empty


def missing_translation_q(model, code):
    """Rows where a field is empty in language ``code`` but filled in another language."""
    codes = [other for other, _name in content_languages()]
    condition = models.Q(pk__in=[])
    for name in translated_field_names(model):
        here = build_localized_fieldname(name, code)
        filled_elsewhere = models.Q(pk__in=[])
        for other in codes:
            if other != code:
                filled_elsewhere |= ~_empty_q(model, build_localized_fieldname(name, other))
        condition |= _empty_q(model, here) & filled_elsewhere
    return condition


class TranslatedQuerySet(models.QuerySet):
    """QuerySet of a model whose content is translated."""

    def missing_translation(self, code=None):
        """Records with a text given in one language but missing in ``code``, or in any
        language when none is named."""
        codes = [code] if code else [other for other, _name in content_languages()]
        condition = models.Q(pk__in=[])
        for language in codes:
            condition |= missing_translation_q(self.model, language)
        return self.filter(condition)


def register_translated_history(model, **options):
    """Record the history of a translated model; call it in translation.py, after the
    model's translation is registered, so that the history has every language's columns.

    The language-neutral column of a translated field (``title`` beside ``title_en`` and
    ``title_fr``) follows whichever language was active when saving: it is left out, with
    the ``excluded_fields`` given.
    """
    neutral = list(translator.get_options_for_model(model).fields)
    register(
        model,
        app=model._meta.app_label,
        excluded_fields=[*neutral, *options.pop("excluded_fields", ())],
        **options,
    )


class SourcedModel(models.Model):
    """Where a fact comes from. The sources show on the record's public page; the note on
    them is the secretariat's working note, never shown to visitors."""

    sources = models.TextField(
        _("sources"), blank=True, help_text=_("Addresses of the sources, one per line.")
    )
    source_note = models.TextField(
        _("note on the sources"),
        blank=True,
        help_text=_("What is uncertain, paraphrased or inferred about this record."),
    )

    class Meta:
        abstract = True


# An e-mail still "being sent" after this long was interrupted (the worker stopped while
# talking to the mail server): it may or may not have left, so only a person sends it again.
EMAIL_INTERRUPTED_AFTER = timedelta(minutes=15)


class OutgoingEmailQuerySet(models.QuerySet):
    def interrupted(self):
        return self.filter(
            status=OutgoingEmail.Status.SENDING,
            last_attempt_at__lt=timezone.now() - EMAIL_INTERRUPTED_AFTER,
        )

    def not_delivered(self):
        """Given up after every attempt, or interrupted: what the secretariat should see."""
        return self.filter(status=OutgoingEmail.Status.FAILED) | self.interrupted()


class OutgoingEmail(models.Model):
    """One e-mail to one person, from the moment a request decides to send it until the
    background worker has handed it to the mail server (core.mail).

    The row is written in the same transaction as the data it tells of, so an e-mail
    exists exactly when its cause does; the worker claims it before sending, so it is
    never sent twice, and retries later when the mail server is unreachable.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be sent")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not sent")

    class Purpose(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        PASSWORD_RESET = "password-reset", _("new password")
        FORUM_REPLY = "forum-reply", _("forum reply")
        ERROR_REPORT = "error-report", _("error report")
        SUBSCRIPTION = "subscription", _("subscription confirmation")
        NEWSLETTER = "newsletter", _("newsletter")
        NEWS_NOTICE = "news-notice", _("news notice")
        ROUND_OPENING = "round-opening", _("reporting round opens")
        ROUND_REMINDER = "round-reminder", _("reporting round closes soon")
        REPORT_RECEIPT = "report-receipt", _("answers submitted")
        REPORT_REVIEW = "report-review", _("answers reviewed")
        MEETING_REMINDER = "meeting-reminder", _("meeting reminder")
        CONTACT = "contact", _("message from the contact page")
        ASSISTANCE = "assistance", _("technical assistance request")

    to = models.EmailField(_("to"), max_length=254)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    html_body = models.TextField(_("HTML text"), blank=True)
    # Extra headers, such as List-Unsubscribe.
    headers = models.JSONField(_("headers"), default=dict, blank=True)
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_(
            "It holds a link for its addressee alone (to choose a password, to confirm or "
            "end a subscription): its text is never shown and is erased once sent."
        ),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)
    last_attempt_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="sent") | models.Q(sent_at__isnull=False),
                name="outgoing_email_sent_has_a_date",
            )
        ]

    def __str__(self):
        return f"{self.subject} → {self.to}"

    def message(self):
        """The message to hand to the mail server: its text, and its HTML version if any."""
        message = EmailMultiAlternatives(
            self.subject, self.body, to=[self.to], headers=self.headers or None
        )
        if self.html_body:
            message.attach_alternative(self.html_body, "text/html")
        return message
