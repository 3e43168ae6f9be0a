"""News posts: what the dialogue announces ("In action"), in French and English."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.fallback import in_some_language
from core.models import OutgoingEmail, StampedModel, TranslatedQuerySet
from core.uploads import check_upload, clean_file_name
from meetings.models import Meeting

IMAGE_EXTENSIONS = (".png", ".jpg", ".jpeg")
IMAGE_MAX_BYTES = 5 * 1024 * 1024


def validate_image(file):
    check_upload(
        file,
        extensions=IMAGE_EXTENSIONS,
        max_bytes=IMAGE_MAX_BYTES,
        type_message=_("The image must be a PNG or JPEG file."),
    )


def validate_edition_pdf(file):
    check_upload(
        file,
        extensions=(".pdf",),
        max_bytes=30 * 1024 * 1024,
        type_message=_("The edition must be a PDF file."),
    )


def image_upload_to(post, filename):
    return f"news/{timezone.now():%Y}/{clean_file_name(filename)}"


class NewsPostQuerySet(TranslatedQuerySet):
    def published(self):
        """Posts visitors see: published, on or after their publication date."""
        return self.filter(status=NewsPost.Status.PUBLISHED, published_on__lte=timezone.localdate())

    def newest_first(self):
        return self.order_by("-published_on", "-pk")


class NewsPost(StampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"), max_length=600, help_text=_("One or two sentences, shown in lists.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Paragraphs separated by a blank line; ## for a heading; - or 1. for lists; "
            "*emphasis*, **strong**; [words](https://…) for a link."
        ),
    )
    image = models.FileField(
        _("image"),
        blank=True,
        upload_to=image_upload_to,
        validators=[validate_image],
        help_text=_("PNG or JPEG, 5 MB at most."),
    )
    image_alt = models.CharField(
        _("description of the image"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for those who cannot see it."),
    )
    notices_sent_at = models.DateTimeField(_("notices sent"), null=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_on = models.DateField(
        _("publication date"),
        default=timezone.localdate,
        help_text=_("A later date schedules the post: it appears on that day."),
    )
    meetings = models.ManyToManyField(
        "meetings.Meeting", verbose_name=_("meetings"), blank=True, related_name="news_posts"
    )
    partners = models.ManyToManyField(
        "governance.Partner", verbose_name=_("partners"), blank=True, related_name="news_posts"
    )
    domains = models.ManyToManyField(
        "governance.Domain", verbose_name=_("domains"), blank=True, related_name="news_posts"
    )
    actions = models.ManyToManyField(
        "governance.Action", verbose_name=_("actions"), blank=True, related_name="news_posts"
    )

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        verbose_name = _("news post")
        verbose_name_plural = _("news posts")
        ordering = ["-published_on", "-pk"]
        indexes = [models.Index(fields=["status", "published_on"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})

    @property
    def is_scheduled(self):
        return self.published_on > timezone.localdate()

    def clean(self):
        if self.image and not in_some_language(self, "image_alt")[0]:
            # On the field of the page's language, in whichever tab the writer is.
            field = build_localized_fieldname("image_alt", get_language())
            raise ValidationError({field: _("Describe the image for those who cannot see it.")})


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def reading(self, language):
        """Confirmed subscribers who read the newsletter in ``language``."""
        return self.confirmed().filter(languages__in=[language, Subscriber.Languages.BOTH])

    def to_notify_of(self, post):
        """Confirmed subscribers who asked for news notices and follow a domain of ``post``,
        or follow none (which is to follow them all)."""
        return (
            self.confirmed()
            .filter(news_notices=True)
            .filter(
                models.Q(domains__isnull=True) | models.Q(domains__in=post.domains.values("pk"))
            )
            .distinct()
        )


class Subscriber(models.Model):
    """Someone who asked for the newsletter, with no account: the least needed to send it
    and to show their consent. Erasing one removes everything kept about them."""

    class Languages(models.TextChoices):
        FRENCH = "fr", _("in French")
        ENGLISH = "en", _("in English")
        BOTH = "both", _("in French and in English")

    email = models.EmailField(_("e-mail address"), unique=True)
    languages = models.CharField(_("languages"), max_length=4, choices=Languages.choices)
    domains = models.ManyToManyField(
        "governance.Domain",
        verbose_name=_("domains followed"),
        blank=True,
        related_name="subscribers",
    )
    news_notices = models.BooleanField(
        _("news notices"),
        default=False,
        help_text=_("A short e-mail when a news post is published in a domain followed."),
    )
    requested_at = models.DateTimeField(_("asked on"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["email"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(email=models.functions.Lower("email")),
                name="subscriber_email_in_lower_case",
            )
        ]

    def __str__(self):
        return self.email

    @property
    def language_codes(self):
        """The languages of the e-mails, as codes: ["fr"], ["en"] or ["fr", "en"]."""
        if self.languages == self.Languages.BOTH:
            return ["fr", "en"]
        return [self.languages]


class EditionQuerySet(TranslatedQuerySet):
    def published(self):
        return self.filter(published=True)

    def with_public_items(self):
        """Each edition with what visitors may see of it, in two queries: a post or meeting
        chosen before its publication shows once it is published."""
        return self.prefetch_related(
            models.Prefetch(
                "post_items",
                queryset=EditionPost.objects.filter(
                    post__in=NewsPost.objects.published()
                ).select_related("post"),
            ),
            models.Prefetch(
                "meeting_items",
                queryset=EditionMeeting.objects.filter(meeting__published=True).select_related(
                    "meeting__host_country"
                ),
            ),
        )

    def with_progress(self):
        """Each edition with the number of its deliveries, sent and failed, in the query."""
        status = "deliveries__email__status"
        return self.annotate(
            deliveries_total=models.Count("deliveries"),
            deliveries_sent=models.Count(
                "deliveries", filter=models.Q(**{status: OutgoingEmail.Status.SENT})
            ),
            deliveries_failed=models.Count(
                "deliveries", filter=models.Q(**{status: OutgoingEmail.Status.FAILED})
            ),
        )


class Edition(StampedModel):
    """An edition of the Rabat Review, the dialogue's newsletter: "#1/2017", a period, an
    editorial, and the news posts and meetings of its period that the secretariat chose and
    ordered. Editions from before the platform carry their PDF instead."""

    number = models.PositiveSmallIntegerField(_("number"))
    year = models.PositiveSmallIntegerField(_("year"))
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    editorial = models.TextField(
        _("editorial"), blank=True, help_text=NewsPost._meta.get_field("body").help_text
    )
    pdf = models.FileField(
        _("PDF"),
        blank=True,
        upload_to="rabat-review/",
        validators=[validate_edition_pdf],
        help_text=_("For an edition from before the platform: its PDF, shown instead."),
    )
    published = models.BooleanField(_("published"), default=False)
    posts = models.ManyToManyField(
        NewsPost, through="EditionPost", verbose_name=_("news posts"), related_name="editions"
    )
    meetings = models.ManyToManyField(
        Meeting, through="EditionMeeting", verbose_name=_("meetings"), related_name="editions"
    )

    objects = EditionQuerySet.as_manager()

    class Meta:
        verbose_name = _("edition of the Rabat Review")
        verbose_name_plural = _("editions of the Rabat Review")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="one_edition_number_a_year"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="edition_period_in_order",
            ),
        ]

    def __str__(self):
        return f"Rabat Review #{self.number}/{self.year}"

    @property
    def slug(self):
        return f"{self.number}-{self.year}"

    def get_absolute_url(self):
        return reverse("news:edition", kwargs={"year": self.year, "number": self.number})

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period ends before it starts.")})

    def pdf_languages(self):
        """The languages in which the edition has a PDF, uploaded or generated, as
        ``[(code, name)]``; reads ``generated_pdfs`` (to prefetch)."""
        generated = {pdf.language for pdf in self.generated_pdfs.all()}
        return [
            (code, name)
            for code, name in settings.LANGUAGES
            if getattr(self, build_localized_fieldname("pdf", code)) or code in generated
        ]

    def sending_progress(self):
        """How far sending has gone: ``{"total", "sent", "failed"}`` over its deliveries,
        as ``EditionQuerySet.with_progress()`` read them."""
        return {
            "total": self.deliveries_total,
            "sent": self.deliveries_sent,
            "failed": self.deliveries_failed,
        }

    def proposed_posts(self):
        """Published posts of the period not in the edition yet."""
        return (
            NewsPost.objects.published()
            .filter(published_on__range=(self.period_start, self.period_end))
            .exclude(editions=self)
            .order_by("published_on", "pk")
        )

    def proposed_meetings(self):
        """Published meetings that started in the period, not in the edition yet."""
        return (
            Meeting.objects.published()
            .filter(start__range=(self.period_start, self.period_end))
            .exclude(editions=self)
            .order_by("start", "pk")
        )


class EditionPost(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="post_items")
    post = models.ForeignKey(
        NewsPost,
        verbose_name=_("news post"),
        on_delete=models.PROTECT,
        related_name="edition_items",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("news post of the edition")
        verbose_name_plural = _("news posts of the edition")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "post"], name="a_post_once_an_edition")
        ]

    def __str__(self):
        return str(self.post)


class EditionMeeting(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="meeting_items")
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="edition_items",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("meeting of the edition")
        verbose_name_plural = _("meetings of the edition")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "meeting"], name="a_meeting_once_an_edition")
        ]

    def __str__(self):
        return str(self.meeting)


class EditionPdf(models.Model):
    """The PDF of an edition in one language, generated from its own content by the
    worker (``news.printing``). ``source_hash`` is that of what it was made from, so that
    it is made again only when what it shows has changed."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="generated_pdfs")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    file = models.FileField(_("PDF"), upload_to="rabat-review/generated/")
    source_hash = models.CharField(max_length=64)
    generated_at = models.DateTimeField(_("generated at"), default=timezone.now)

    class Meta:
        verbose_name = _("generated PDF")
        verbose_name_plural = _("generated PDFs")
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="one_pdf_a_language")
        ]

    def __str__(self):
        return f"{self.edition} ({self.language})"


class EditionDelivery(models.Model):
    """An edition sent to one subscriber in one language: written once, so that sending an
    edition again reaches only those it has not reached yet. Erased with its subscriber."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    language = models.CharField(_("language"), max_length=2)
    email = models.ForeignKey(OutgoingEmail, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber", "language"], name="an_edition_once_an_address"
            )
        ]

    def __str__(self):
        return f"{self.edition} → {self.subscriber} ({self.language})"
