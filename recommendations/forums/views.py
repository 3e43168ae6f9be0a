"""The thematic forums of the private area, for focal points and the secretariat.

Focal points see what is visible; the secretariat also sees hidden threads and posts,
marked as such, and moderates them in the admin.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Max, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView

from governance.access import PrivateAreaMixin, is_secretariat
from recommendations.forums import services as forum_services
from recommendations.forums.forms import ReplyForm, ThreadForm
from recommendations.models import Forum, Thread

AUTHOR = "author__focal_point__partner"


class ForumAccessMixin(PrivateAreaMixin):
    """What the person may see: everything for the secretariat, the visible part otherwise."""

    @property
    def moderator(self):
        return is_secretariat(self.request.user)

    def threads(self):
        threads = Thread.objects.filter(forum__active=True)
        return threads if self.moderator else threads.filter(hidden=False)

    def post_filter(self, prefix=""):
        return Q() if self.moderator else Q(**{f"{prefix}hidden": False})

    def get_context_data(self, **kwargs):
        return super().get_context_data(moderator=self.moderator, **kwargs)


def thread_url(thread):
    return reverse("private:thread-detail", kwargs={"pk": thread.pk})


class ForumListView(ForumAccessMixin, ListView):
    """The active forums, with how many threads each holds and when it last moved."""

    template_name = "private/forums/forum_list.html"
    context_object_name = "forums"

    def get_queryset(self):
        threads = None if self.moderator else Q(threads__hidden=False)
        return (
            Forum.objects.filter(active=True)
            .select_related("domain__framework")
            .annotate(
                thread_count=Count("threads", filter=threads),
                last_activity=Max("threads__last_post_at", filter=threads),
            )
        )


class InForumMixin:
    """Pages under one active forum, named by its slug in the address."""

    @cached_property
    def forum(self):
        return get_object_or_404(
            Forum.objects.select_related("domain__framework"), slug=self.kwargs["slug"], active=True
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(forum=self.forum, **kwargs)


class ForumDetailView(ForumAccessMixin, InForumMixin, ListView):
    """One forum's threads, the latest activity first."""

    template_name = "private/forums/forum_detail.html"
    context_object_name = "threads"
    paginate_by = 25

    def get_queryset(self):
        return (
            self.threads()
            .filter(forum=self.forum)
            .select_related(AUTHOR)
            .annotate(post_count=Count("posts", filter=self.post_filter("posts__")))
            .order_by(F("last_post_at").desc(nulls_last=True), "-pk")
        )


class ThreadCreateView(ForumAccessMixin, InForumMixin, FormView):
    """A new thread in a forum, with its first post."""

    template_name = "private/forums/thread_form.html"
    form_class = ThreadForm

    def form_valid(self, form):
        try:
            thread = forum_services.start_thread(
                forum=self.forum,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                author=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your thread is open."))
        return HttpResponseRedirect(thread_url(thread))


class ThreadDetailView(ForumAccessMixin, DetailView):
    """A thread's posts in order, and a reply form while the thread is open."""

    template_name = "private/forums/thread_detail.html"
    context_object_name = "thread"

    def get_queryset(self):
        return self.threads().select_related("forum", AUTHOR)

    def get_context_data(self, form=None, **kwargs):
        thread = self.object
        if form is None and self.open_for_replies(thread):
            form = ReplyForm()
        posts = thread.posts.filter(self.post_filter()).select_related(AUTHOR)
        return super().get_context_data(posts=posts, form=form, **kwargs)

    @staticmethod
    def open_for_replies(thread):
        return not (thread.locked or thread.hidden)

    def post(self, request, *args, **kwargs):
        self.object = thread = self.get_object()
        if not self.open_for_replies(thread):
            if thread.locked:
                messages.error(request, _("This thread is locked: it takes no more replies."))
            else:
                messages.error(request, _("This thread is hidden: it takes no replies."))
            return redirect(thread_url(thread))
        form = ReplyForm(request.POST)
        if form.is_valid():
            try:
                post = forum_services.reply(
                    thread=thread,
                    body=form.cleaned_data["body"],
                    author=request.user,
                    site_root=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                if not hasattr(error, "error_dict"):
                    messages.error(request, " ".join(error.messages))
                    return redirect(thread_url(thread))
                form.add_error(None, error)
            else:
                messages.success(request, _("Your reply is posted."))
                return HttpResponseRedirect(f"{thread_url(thread)}#post-{post.pk}")
        return self.render_to_response(self.get_context_data(form=form))
