"""Thematic forums of the private area: forum -> thread -> post."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import StampedModel
from governance.models import Domain


class Forum(StampedModel):
    """A theme of discussion for focal points: a plan domain or a free theme."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    domain = models.ForeignKey(
        Domain,
        verbose_name=_("plan domain"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="forums",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    active = models.BooleanField(_("active"), default=True)

    # Its history is registered in translation.py, once the per-language fields exist.

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["order", "title"]

    def __str__(self):
        return self.title


class ThreadQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(hidden=False, forum__active=True)


class Thread(StampedModel):
    """A conversation in a forum, which the secretariat may lock, hide or move."""

    forum = models.ForeignKey(
        Forum, verbose_name=_("forum"), on_delete=models.PROTECT, related_name="threads"
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_threads",
    )
    locked = models.BooleanField(_("locked"), default=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    last_post_at = models.DateTimeField(_("last post at"), null=True, blank=True)

    objects = ThreadQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        ordering = ["-last_post_at", "-pk"]

    def __str__(self):
        return self.title


class Post(StampedModel):
    """A plain-text message in a thread."""

    thread = models.ForeignKey(
        Thread, verbose_name=_("thread"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="forum_posts",
    )
    body = models.TextField(_("message"))
    hidden = models.BooleanField(_("hidden"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["thread", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(name="post_body_not_empty", condition=~Q(body="")),
        ]

    def __str__(self):
        return f"{self.thread} – {self.created_at:%Y-%m-%d %H:%M}"
