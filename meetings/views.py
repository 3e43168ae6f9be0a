from pathlib import Path

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.db.models import F, Prefetch
from django.db.models.functions import Coalesce
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.csv_download import CsvListView
from governance.access import is_secretariat
from governance.models import Action, Domain, Objective, Partner, by_name
from meetings.filters import LibraryFilterSet, MeetingFilterSet
from meetings.models import Document, Meeting, MeetingRole
from meetings.models.documents import readable_by_anyone

# Ordered within the meeting: the default ordering would join every meeting to sort by it.
CHAIRS = Prefetch(
    "chairs", queryset=MeetingRole.objects.select_related("partner").order_by("order", "pk")
)
PUBLIC_DOCUMENTS = Prefetch(
    "documents", queryset=Document.objects.public().filter(published=True).order_by("order", "pk")
)


class MeetingListView(FilterView):
    filterset_class = MeetingFilterSet
    template_name = "meetings/meeting_list.html"
    paginate_by = 20

    def get_queryset(self):
        # Undated meetings last on every database (PostgreSQL would put them first).
        return (
            Meeting.objects.published()
            .select_related("host_country")
            .prefetch_related(CHAIRS)
            .order_by(F("start").desc(nulls_last=True), "title", "pk")
        )


class MeetingDetailView(DetailView):
    template_name = "meetings/meeting_detail.html"

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .with_neighbours()
            .select_related("host_country")
            .prefetch_related(
                CHAIRS,
                PUBLIC_DOCUMENTS,
                "participants",
                "frameworks",
                Prefetch("domains", queryset=Domain.objects.select_related("framework")),
                Prefetch("plan_objectives", queryset=Objective.objects.select_related("framework")),
                Prefetch("actions", queryset=Action.objects.select_related("framework")),
            )
        )

    def get_context_data(self, **kwargs):
        meeting = self.object
        previous, following = meeting.neighbours()
        return super().get_context_data(
            recommendations=meeting.recommendations.filter(published=True).order_by(
                "kind", "sort_order", "number"
            ),
            previous_meeting=previous,
            next_meeting=following,
            # Posts of the news, whose app lies above: read through the relation it names.
            news=meeting.news_posts.published().newest_first(),
            reserved_documents=self.reserved_documents(),
            **kwargs,
        )

    def reserved_documents(self):
        """The documents of the meeting that the signed-in user may read and the public not."""
        if not self.request.user.is_authenticated:
            return Document.objects.none()
        return (
            Document.objects.visible_to(self.request.user)
            .filter(meeting=self.object, published=True)
            .exclude(readable_by_anyone())
            .order_by("order", "pk")
        )


class LibraryView(FilterView):
    """The library: every public document and publication, newest first."""

    filterset_class = LibraryFilterSet
    template_name = "meetings/library.html"
    paginate_by = 20

    def get_queryset(self):
        return (
            Document.objects.public()
            .published()
            .select_related("meeting")
            .order_by(
                Coalesce("published_on", "meeting__start").desc(nulls_last=True), "title", "pk"
            )
        )


class LibraryCsvView(CsvListView):
    """The library, filtered as on its page, as a CSV file."""

    filterset_class = LibraryFilterSet
    filename = "library.csv"
    columns = (
        (_("Title"), lambda document: document.title),
        (_("Kind"), lambda document: document.get_kind_display()),
        (_("Date"), lambda document: document.date),
        (_("Meeting"), lambda document: document.meeting or ""),
        (
            _("Languages"),
            lambda document: ", ".join(code for code, _name, _address in document.languages()),
        ),
    )

    def get_queryset(self):
        return LibraryView().get_queryset()


class PublicationView(DetailView):
    """A document or publication with its versions in each language."""

    template_name = "meetings/publication.html"
    context_object_name = "document"

    def get_queryset(self):
        return (
            Document.objects.public()
            .published()
            .select_related("meeting__host_country")
            .prefetch_related(
                Prefetch("domains", queryset=Domain.objects.select_related("framework")),
                Prefetch("partners", queryset=Partner.objects.order_by(by_name())),
            )
        )


class DocumentFileView(View):
    """Streams a document's file in one language to whoever may read it.

    Files have no URL of their own; a visitor asking for a restricted file is sent to
    sign in, and a signed-in person without the right gets a 404, as if it did not exist.
    """

    def get(self, request, pk, language):
        if language not in dict(settings.LANGUAGES):
            raise Http404
        return self.serve(request, pk, f"file_{language}")

    def serve(self, request, pk, field):
        documents = Document.objects.visible_to(request.user).filter(pk=pk)
        if not is_secretariat(request.user):
            documents = documents.published()
        document = documents.first()
        if document is None:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        file = getattr(document, field)
        if not file:
            raise Http404
        return FileResponse(file.open("rb"), filename=Path(file.name).name)


class ThumbnailView(DocumentFileView):
    """The picture of a video, kept by this site, to whoever may see the video."""

    def get(self, request, pk):
        return self.serve(request, pk, "thumbnail")


class MeetingCsvView(CsvListView):
    """The meetings list, filtered as on its page, as a CSV file."""

    filterset_class = MeetingFilterSet
    filename = "meetings.csv"
    columns = (
        (_("Title"), lambda meeting: meeting.title),
        (_("Kind"), lambda meeting: meeting.get_kind_display()),
        (_("Status"), lambda meeting: meeting.get_status_display()),
        (_("Dates"), lambda meeting: meeting.dates_display),
        (_("Start"), lambda meeting: meeting.start),
        (_("End"), lambda meeting: meeting.end),
        (_("City"), lambda meeting: meeting.city),
        (_("Host country"), lambda meeting: meeting.host_country or ""),
        (
            _("Chairs and co-chairs"),
            lambda meeting: "; ".join(str(role.partner) for role in meeting.chairs.all()),
        ),
    )

    def get_queryset(self):
        return (
            Meeting.objects.published()
            .select_related("host_country")
            .prefetch_related(CHAIRS)
            .order_by(F("start").desc(nulls_last=True), "title", "pk")
        )
