"""The archive of all the public data, made by the worker (``opendata.archive``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataArchiveQuerySet(models.QuerySet):
    def newest(self):
        return self.order_by("-built_at", "-pk").first()


class DataArchive(models.Model):
    """One archive of CSV and JSON files; the newest is the one offered, the former ones
    are deleted with their files once a new one is made."""

    file = models.FileField(_("file"), max_length=255)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    built_at = models.DateTimeField(_("extracted at"))
    # The hash of the data files' content: an archive is made only when it changes.
    digest = models.CharField(max_length=64)
    # What the data looked like when it was checked last (``archive.fingerprint``): the
    # files are remade and hashed only when it changes.
    fingerprint = models.CharField(max_length=64)

    objects = DataArchiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("open data archive")
        verbose_name_plural = _("open data archives")

    def __str__(self):
        return self.file.name
