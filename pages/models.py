"""The institutional pages: about, contact, legal notice, privacy, accessibility and open
data. Their set is fixed (the site links each of them); their text is the secretariat's,
in each language, with the formatting of news posts."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import StampedModel


class Page(StampedModel):
    class Key(models.TextChoices):
        ABOUT = "about", _("About")
        CONTACT = "contact", _("Contact")
        LEGAL = "legal", _("Legal notice")
        PRIVACY = "privacy", _("Privacy")
        ACCESSIBILITY = "accessibility", _("Accessibility")
        OPEN_DATA = "open-data", _("Open data")

    key = models.CharField(_("page"), max_length=20, choices=Key, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Paragraphs separated by a blank line; ## for a heading; - or 1. for lists; "
            "*emphasis*, **strong**; [words](https://…) for a link."
        ),
    )

    class Meta:
        verbose_name = _("institutional page")
        verbose_name_plural = _("institutional pages")
        ordering = ["key"]

    def __str__(self):
        return self.get_key_display()

    def get_absolute_url(self):
        return reverse(self.key)
