"""The forums in the secretariat's admin: themes, threads and the moderation of posts."""

from django.contrib import admin
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    set_flags,
    with_record,
)
from core.models import localized_fields
from recommendations.models import (
    Forum,
    Post,
    Thread,
)


@admin.register(Forum)
class ForumAdmin(StampedAdmin, TranslatedAdmin):
    list_display = ("title", "domain", "order", "active", "thread_count", "translation_status")
    list_filter = (MissingTranslationFilter, "active")
    list_select_related = ("domain__framework",)
    search_fields = (*localized_fields("title", "description"), "slug")
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("domain",)
    fieldsets = with_record(
        (_("Forum"), {"fields": ("title", "slug", "description", "domain", "order", "active")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(threads_count=Count("threads"))

    @admin.display(description=_("threads"), ordering="threads_count")
    def thread_count(self, forum):
        return forum.threads_count


@admin.register(Thread)
class ThreadAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("title", "forum", "author", "post_count", "last_post_at", "locked", "hidden")
    list_filter = ("forum", "locked", "hidden")
    list_select_related = ("forum", "author")
    search_fields = ("title", "author__username", "author__last_name")
    autocomplete_fields = ("forum", "author")
    actions = ("lock", "unlock", "hide", "unhide")
    recovered_with = ("posts",)
    fieldsets = with_record(
        (_("Thread"), {"fields": ("forum", "title", "author", "last_post_at")}),
        (_("Moderation"), {"fields": ("locked", "hidden")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(posts_count=Count("posts"))

    @admin.display(description=_("posts"), ordering="posts_count")
    def post_count(self, thread):
        return thread.posts_count

    @admin.action(description=_("Lock the selected threads"))
    def lock(self, request, queryset):
        set_flags(self, request, queryset, locked=True)

    @admin.action(description=_("Unlock the selected threads"))
    def unlock(self, request, queryset):
        set_flags(self, request, queryset, locked=False)

    @admin.action(description=_("Hide the selected threads"))
    def hide(self, request, queryset):
        set_flags(self, request, queryset, hidden=True)

    @admin.action(description=_("Show the selected threads again"))
    def unhide(self, request, queryset):
        set_flags(self, request, queryset, hidden=False)


@admin.register(Post)
class PostAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("excerpt", "thread", "author", "created_at", "hidden")
    list_filter = ("hidden", "thread__forum")
    list_select_related = ("thread", "author")
    search_fields = ("body", "thread__title", "author__username", "author__last_name")
    autocomplete_fields = ("thread", "author")
    actions = ("hide", "unhide")
    date_hierarchy = "created_at"
    fieldsets = with_record((_("Post"), {"fields": ("thread", "author", "body", "hidden")}))

    @admin.display(description=_("message"))
    def excerpt(self, post):
        return Truncator(post.body).chars(80)

    @admin.action(description=_("Hide the selected posts"))
    def hide(self, request, queryset):
        set_flags(self, request, queryset, hidden=True)

    @admin.action(description=_("Show the selected posts again"))
    def unhide(self, request, queryset):
        set_flags(self, request, queryset, hidden=False)
