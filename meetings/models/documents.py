"""The documents of meetings and the publications of the library, with a file or link per
language, and who may read them."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.fallback import fallback_marker, is_fallback
from core.models import StampedModel, TranslatedQuerySet
from governance.access import is_secretariat
from governance.models import (
    FocalPoint,
    SteeringCommitteeMembership,
)
from meetings.storage import protected_storage
from meetings.validators import (
    document_upload_to,
    thumbnail_upload_to,
    validate_document_file,
    validate_thumbnail,
)


def readable_by_anyone():
    """Public documents, and restricted ones whose embargo has lifted."""
    return Q(visibility=Document.Visibility.PUBLIC) | Q(
        embargo_until__isnull=False, embargo_until__lte=timezone.localdate()
    )


class DocumentQuerySet(TranslatedQuerySet):
    def public(self):
        return self.filter(readable_by_anyone())

    def published(self):
        """Documents out for those entitled to them: published, and of a published meeting
        if they belong to one."""
        return self.filter(published=True).filter(
            Q(meeting__isnull=True) | Q(meeting__published=True)
        )

    def visible_to(self, user):
        if is_secretariat(user):
            return self.all()
        focal_point = FocalPoint.objects.filter(user=user).first() if user.is_active else None
        if focal_point is None:
            return self.public()
        visible = Q(visibility=Document.Visibility.PARTNERS)
        sits_on_committee = (
            SteeringCommitteeMembership.objects.current()
            .filter(partner=focal_point.partner_id)
            .exists()
        )
        if sits_on_committee:
            visible |= Q(visibility=Document.Visibility.STEERING_COMMITTEE)
        return self.filter(visible | readable_by_anyone())


class Document(StampedModel):
    """A document or publication of the dialogue, with one file or link per language: the
    documents of a meeting, and those that stand alone in the library (brochures,
    reports, videos…), which may also name the meeting they come from."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        CONCEPT_NOTE = "concept_note", _("concept note")
        REPORT = "report", _("report")
        CONCLUSIONS = "conclusions", _("conclusions")
        RECOMMENDATIONS = "recommendations", _("recommendations")
        DECLARATION = "declaration", _("declaration")
        ACTION_PLAN = "action_plan", _("action plan")
        PRESENTATION = "presentation", _("presentation")
        PARTICIPANTS_LIST = "participants_list", _("list of participants")
        BROCHURE = "brochure", _("brochure")
        STOCKTAKING = "stocktaking", _("stocktaking report")
        INFOGRAPHIC = "infographic", _("infographic")
        NEWSLETTER = "newsletter", _("newsletter")
        VIDEO = "video", _("video")
        PODCAST = "podcast", _("podcast")
        OTHER = "other", _("other")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        PARTNERS = "partners", _("partners only")
        STEERING_COMMITTEE = "steering_committee", _("steering committee only")

    meeting = models.ForeignKey(
        "meetings.Meeting",
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="documents",
        null=True,
        blank=True,
        help_text=_("Empty for a publication that stands alone in the library."),
    )
    published_on = models.DateField(
        _("date"), null=True, blank=True, help_text=_("Empty: the date of its meeting.")
    )
    published = models.BooleanField(
        _("published"),
        default=True,
        help_text=_("Shown in the library, and on its meeting's page if it has one."),
    )
    domains = models.ManyToManyField(
        "governance.Domain", verbose_name=_("domains"), blank=True, related_name="documents"
    )
    partners = models.ManyToManyField(
        "governance.Partner", verbose_name=_("partners"), blank=True, related_name="documents"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to=document_upload_to,
        storage=protected_storage,
        validators=[validate_document_file],
        blank=True,
        max_length=255,
    )
    url = models.URLField(_("link"), blank=True, max_length=500)
    thumbnail = models.FileField(
        _("thumbnail"),
        upload_to=thumbnail_upload_to,
        storage=protected_storage,
        validators=[validate_thumbnail],
        blank=True,
        max_length=255,
        help_text=_(
            "For a video: the picture shown in its place, kept by this site. PNG or JPEG, "
            "5 MB at most. Left empty, it is fetched from YouTube or Vimeo."
        ),
    )
    # The video address a thumbnail was last fetched for (meetings.thumbnails); empty when
    # the secretariat uploaded it.
    thumbnail_source = models.CharField(max_length=500, blank=True, editable=False)
    original_language = models.CharField(
        _("original language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    visibility = models.CharField(
        _("visibility"), max_length=20, choices=Visibility, default=Visibility.PUBLIC
    )
    embargo_until = models.DateField(
        _("public from"),
        null=True,
        blank=True,
        help_text=_("A restricted document becomes public on this date."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The text of each language's file, for search (meetings.texts), and the name of the
    # file it was read from: read again when the file changes. Not kept in the history.
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    text_source = models.CharField(max_length=255, blank=True, editable=False)

    objects = DocumentQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["meeting", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                name="document_visibility_valid",
                condition=Q(visibility__in=["public", "partners", "steering_committee"]),
            ),
            models.CheckConstraint(
                name="document_public_has_no_embargo",
                condition=~Q(visibility="public") | Q(embargo_until__isnull=True),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("library:detail", kwargs={"pk": self.pk})

    @property
    def date(self):
        """Its own date, or its meeting's."""
        return self.published_on or (self.meeting.start if self.meeting_id else None)

    def languages(self):
        """``[(code, name, address)]`` of the languages it exists in: its file (served by
        ``document-file``) or its link."""
        versions = []
        for code, name in settings.LANGUAGES:
            if getattr(self, f"file_{code}"):
                address = reverse("meetings:document-file", args=[self.pk, code])
            else:
                address = getattr(self, f"url_{code}")
            if address:
                versions.append((code, name, address))
        return versions

    def video_link(self):
        """``(address, host, language)`` of the video in the language of the page, or else
        in another, then named ("in English"; empty in the page's language); None for a
        document that is not a video given as a link."""
        if self.kind != self.Kind.VIDEO:
            return None
        current = get_language()
        codes = sorted((code for code, _name in settings.LANGUAGES), key=lambda c: c != current)
        for code in codes:
            if address := getattr(self, f"url_{code}"):
                language = fallback_marker(code) if is_fallback(code) else ""
                return address, urlsplit(address).hostname or "", language
        return None

    def clean(self):
        languages = [code for code, _name in settings.LANGUAGES]
        has_file_or_link = any(
            getattr(self, f"file_{code}", None) or getattr(self, f"url_{code}", "")
            for code in languages
        )
        if not has_file_or_link:
            raise ValidationError(_("Attach a file or give a link in at least one language."))
        if self.embargo_until and self.visibility == self.Visibility.PUBLIC:
            raise ValidationError(
                {"embargo_until": _("Only a restricted document can have an embargo date.")}
            )
