from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Coalesce, Collate, NullIf
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from simple_history.models import HistoricalRecords

from core import collation
from core.models import SourcedModel, StampedModel
from core.search import words_in
from governance.contact import (
    language_codes,
    language_names,
    normalise_phone,
    validate_international_phone,
    validate_language_codes,
)


class Region(models.TextChoices):
    NORTH_AFRICA = "north_africa", _("North Africa")
    WEST_AFRICA = "west_africa", _("West Africa")
    CENTRAL_AFRICA = "central_africa", _("Central Africa")
    EAST_AFRICA = "east_africa", _("East Africa")
    EUROPE = "europe", _("Europe")


AFRICAN_REGIONS = (
    Region.NORTH_AFRICA,
    Region.WEST_AFRICA,
    Region.CENTRAL_AFRICA,
    Region.EAST_AFRICA,
)


class Bloc(models.TextChoices):
    """The groups in which the dialogue counts participation."""

    AFRICAN = "african", _("African partners")
    EUROPEAN = "european", _("European partners")
    ORGANISATIONS = "organisations", _("Organisations")
    OBSERVERS = "observers", _("Observers")


class PartnerQuerySet(models.QuerySet):
    def countries(self):
        return self.filter(kind=Partner.Kind.COUNTRY)

    def organisations(self):
        return self.filter(kind=Partner.Kind.ORGANISATION)

    def current(self):
        """Partners that have not left the dialogue."""
        return self.on(timezone.localdate())

    def on(self, date):
        """Partners taking part in the dialogue on ``date`` (joined dates are often unknown)."""
        return self.filter(Q(joined__isnull=True) | Q(joined__lte=date)).filter(
            Q(left__isnull=True) | Q(left__gt=date)
        )

    def tally(self):
        """How many partner countries (observers apart) and organisations, in one query."""
        return self.aggregate(
            partner_countries=Count(
                "pk", filter=Q(kind=Partner.Kind.COUNTRY, status=Partner.Status.PARTNER)
            ),
            organisations=Count("pk", filter=Q(kind=Partner.Kind.ORGANISATION)),
        )

    def former(self):
        return self.filter(left__lte=timezone.localdate())

    def search(self, text):
        """Partners whose names or short names (in any language) hold every word of
        ``text``, whatever the accents, or whose ISO code is ``text``."""
        text = text.strip()
        if not text:
            return self
        names = [
            build_localized_fieldname(field, language)
            for language, _name in settings.LANGUAGES
            for field in ("name", "short_name")
        ]
        return self.filter(Q(iso_code__iexact=text) | words_in(names, text))


def by_name(prefix=""):
    """An ordering by the partner's name in the page's language (the other languages where
    it has none), alphabetical with accents on every database: for lists of rows that name a
    partner, which their own ordering cannot make follow the language."""
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    codes = [current, *(code for code, _name in settings.LANGUAGES if code != current)]
    names = [
        NullIf(F(f"{prefix}{build_localized_fieldname('name', code)}"), Value("")) for code in codes
    ]
    return Collate(Coalesce(*names), collation.NAME).asc()


class DirectoryGroup(models.TextChoices):
    """The groups of the partner list, in their order: regions, observers, organisations,
    and the partners that have left."""

    NORTH_AFRICA = Region.NORTH_AFRICA.value, Region.NORTH_AFRICA.label
    WEST_AFRICA = Region.WEST_AFRICA.value, Region.WEST_AFRICA.label
    CENTRAL_AFRICA = Region.CENTRAL_AFRICA.value, Region.CENTRAL_AFRICA.label
    EAST_AFRICA = Region.EAST_AFRICA.value, Region.EAST_AFRICA.label
    EUROPE = Region.EUROPE.value, Region.EUROPE.label
    OBSERVERS = "observers", _("Observers")
    ORGANISATIONS = "organisations", _("Organisations")
    FORMER = "former", _("Former partners")


def in_directory_groups(partners):
    """``(group, partners)`` pairs in the directory's order, empty groups left out."""
    groups = {group: [] for group in DirectoryGroup}
    for partner in partners:
        groups[partner.directory_group].append(partner)
    return [(group, members) for group, members in groups.items() if members]


# Names sort as a reader expects in both languages, accented letters with their base letter
# ("Égypte" between "Danemark" and "Espagne"), on every database: see core.collation.
ALPHABETICAL = collation.NAME

SENTENCE_FORMS = ("name_with_article", "name_with_in", "name_with_of")


class Partner(StampedModel, SourcedModel):
    """A country or an organisation taking part in the dialogue."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("country")
        ORGANISATION = "organisation", _("organisation")

    class Status(models.TextChoices):
        PARTNER = "partner", _("partner")
        OBSERVER = "observer", _("observer")
        SECRETARIAT = "secretariat", _("secretariat")

    name = models.CharField(_("name"), max_length=200, db_collation=ALPHABETICAL)
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        blank=True,
        db_collation=ALPHABETICAL,
        help_text=_("Acronym of an organisation."),
    )
    # The name as sentences use it: with its article, and after "in" and "of", whose
    # forms French contracts ("au Mali", "aux Pays-Bas", "du Niger", "de l'Espagne").
    name_with_article = models.CharField(
        _("name with its article"),
        max_length=220,
        blank=True,
        help_text=_("As in a sentence: “the Netherlands”, “le Sénégal”, “l’Espagne”, “Malte”."),
    )
    name_with_in = models.CharField(
        _("name after “in”"),
        max_length=220,
        blank=True,
        help_text=_(
            "“in the Netherlands”, “au Mali”, “aux Pays-Bas”, “en Côte d’Ivoire”, “à Malte”."
        ),
    )
    name_with_of = models.CharField(
        _("name after “of”"),
        max_length=220,
        blank=True,
        help_text=_(
            "“of the Netherlands”, “du Niger”, “de l’Espagne”, “des Pays-Bas”, “de Malte”."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind)
    iso_code = models.CharField(
        _("ISO 3166 code"),
        max_length=2,
        blank=True,
        help_text=_("Two-letter country code; empty for an organisation."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status, default=Status.PARTNER)
    founding_member = models.BooleanField(_("founding member"), default=False)
    joined = models.DateField(_("joined"), null=True, blank=True)
    left = models.DateField(
        _("left"),
        null=True,
        blank=True,
        help_text=_("Day after which the partner no longer takes part; empty while it does."),
    )

    objects = PartnerQuerySet.as_manager()
    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="partner_kind_valid", condition=Q(kind__in=["country", "organisation"])
            ),
            models.CheckConstraint(
                name="partner_status_valid",
                condition=Q(status__in=["partner", "observer", "secretariat"]),
            ),
            models.CheckConstraint(
                name="partner_region_valid",
                condition=Q(region__in=["", *(choice.value for choice in Region)]),
            ),
            models.CheckConstraint(
                name="partner_country_has_iso_code_and_region",
                condition=Q(kind="organisation") | (~Q(iso_code="") & ~Q(region="")),
            ),
            models.CheckConstraint(
                name="partner_organisation_has_no_iso_code",
                condition=Q(kind="country") | Q(iso_code=""),
            ),
            models.UniqueConstraint(
                fields=["iso_code"], condition=~Q(iso_code=""), name="partner_iso_code_unique"
            ),
            models.CheckConstraint(
                name="partner_left_after_joined",
                condition=Q(joined__isnull=True) | Q(left__isnull=True) | Q(left__gte=F("joined")),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("governance:partner-detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.kind == self.Kind.COUNTRY:
            if not self.iso_code:
                errors["iso_code"] = _("A country needs its ISO 3166 code.")
            if not self.region:
                errors["region"] = _("A country needs a region.")
        elif self.iso_code:
            errors["iso_code"] = _("An organisation has no ISO country code.")
        if self.iso_code:
            self.iso_code = self.iso_code.upper()
        if self.joined and self.left and self.left < self.joined:
            errors["left"] = _("A partner cannot leave before it joined.")
        for language, _language_name in settings.LANGUAGES:
            if not getattr(self, build_localized_fieldname("name", language)):
                continue
            for form in SENTENCE_FORMS:
                field = build_localized_fieldname(form, language)
                if not getattr(self, field):
                    errors[field] = _("Sentences that name the partner need this form.")
        if errors:
            raise ValidationError(errors)

    def sentence_form(self, form):
        """``form`` of the name in the active language; the bare name where it is missing,
        never the other language's form."""
        language = get_language() or settings.LANGUAGE_CODE
        return getattr(self, build_localized_fieldname(form, language[:2]), "") or self.name

    @property
    def with_article(self):
        return self.sentence_form("name_with_article")

    @property
    def with_in(self):
        return self.sentence_form("name_with_in")

    @property
    def with_of(self):
        return self.sentence_form("name_with_of")

    @property
    def is_country(self):
        return self.kind == self.Kind.COUNTRY

    @property
    def is_former(self):
        return self.left is not None and self.left <= timezone.localdate()

    @property
    def directory_group(self):
        """Where the partner list shows it: former partners last, then by status and region."""
        if self.is_former:
            return DirectoryGroup.FORMER
        if self.status == self.Status.OBSERVER:
            return DirectoryGroup.OBSERVERS
        if self.kind == self.Kind.ORGANISATION:
            return DirectoryGroup.ORGANISATIONS
        return DirectoryGroup(self.region)

    @property
    def bloc(self):
        if self.status == self.Status.OBSERVER:
            return Bloc.OBSERVERS
        if self.kind == self.Kind.ORGANISATION:
            return Bloc.ORGANISATIONS
        if self.region in AFRICAN_REGIONS:
            return Bloc.AFRICAN
        return Bloc.EUROPEAN


class FocalPoint(StampedModel):
    """A person who represents a partner on the platform, with a contact card."""

    class Role(models.TextChoices):
        NATIONAL_FOCAL_POINT = "national", _("national focal point")
        CONTRIBUTOR = "contributor", _("contributor")
        THEMATIC_CONTACT = "thematic", _("thematic contact")

    # The roles that answer in reporting rounds for their partner.
    REPORTING_ROLES = (Role.NATIONAL_FOCAL_POINT, Role.CONTRIBUTOR)

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.CASCADE,
        related_name="focal_point",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )
    role = models.CharField(
        _("role"), max_length=20, choices=Role, default=Role.NATIONAL_FOCAL_POINT
    )
    named_by = models.ForeignKey(
        "self",
        verbose_name=_("named by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributors",
        help_text=_("The national focal point who named this contributor."),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    languages = models.CharField(
        _("working languages"), max_length=100, blank=True, help_text=_("For example: fr, en.")
    )
    theme = models.CharField(
        _("theme"), max_length=200, blank=True, help_text=_("For a thematic contact.")
    )
    notify_forum_replies = models.BooleanField(
        _("e-mail me replies in forum threads I take part in"), default=True
    )
    # What the platform tells the people who report (each may be turned off on the card).
    notify_round_opening = models.BooleanField(
        _("e-mail me when a reporting round opens"), default=True
    )
    notify_round_reminders = models.BooleanField(
        _("remind me before a round closes while answers of my partner are missing"), default=True
    )
    notify_report_receipts = models.BooleanField(
        _("e-mail me a receipt when answers of my partner are submitted"), default=True
    )
    notify_report_reviews = models.BooleanField(
        _("e-mail me when the secretariat validates or returns answers of my partner"),
        default=True,
    )
    notify_meeting_reminders = models.BooleanField(
        _("remind me of the meetings my partner takes part in, some days before"), default=True
    )
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The platform writes to this person in this language, with links to it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["partner__name", "user__last_name", "user__first_name"]
        constraints = [
            models.CheckConstraint(
                name="focal_point_role_valid",
                condition=Q(role__in=["national", "contributor", "thematic"]),
            ),
        ]

    def __str__(self):
        return f"{self.user.get_full_name() or self.user.get_username()} ({self.partner})"

    @property
    def can_report(self):
        """National focal points and their contributors report; thematic contacts do not."""
        return self.role in self.REPORTING_ROLES

    @property
    def can_name_contributors(self):
        return self.role == self.Role.NATIONAL_FOCAL_POINT

    @property
    def language_names(self):
        """The working languages, named in the active language."""
        return language_names(self.languages)

    def clean(self):
        errors = {}
        self.phone = normalise_phone(self.phone)
        self.languages = ", ".join(language_codes(self.languages))
        if self.named_by_id and self.named_by.partner_id != self.partner_id:
            errors["named_by"] = _("A contributor is named by a focal point of the same partner.")
        for field, validate in (
            ("phone", validate_international_phone),
            ("languages", validate_language_codes),
        ):
            try:
                validate(getattr(self, field))
            except ValidationError as error:
                errors[field] = error
        if errors:
            raise ValidationError(errors)
