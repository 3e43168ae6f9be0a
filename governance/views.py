"""Public pages of the governance layer: action plans, presidencies, committee, partners.

The presidency "at a glance" page counts meetings and recommendations, so it lives in
``recommendations.presidencies``; everything here reaches higher layers only through
reverse relations of governance models.
"""

from django.db.models import F, Prefetch, prefetch_related_objects
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from core.csv_download import CsvListView
from governance.filters import CommitteeFilterSet, PartnerFilterSet
from governance.models import (
    Action,
    Framework,
    Partner,
    Presidency,
    ReferenceCountry,
    SteeringCommitteeMembership,
    by_name,
    in_directory_groups,
)


class FrameworkListView(ListView):
    template_name = "governance/framework_list.html"
    context_object_name = "frameworks"

    def get_queryset(self):
        return Framework.objects.with_totals().in_display_order()

    def get_context_data(self, **kwargs):
        return super().get_context_data(framework_in_force=Framework.objects.in_force(), **kwargs)


class FrameworkDetailView(DetailView):
    template_name = "governance/framework_detail.html"
    queryset = Framework.objects.all()

    def get_context_data(self, **kwargs):
        tree = self.plan_tree()
        return super().get_context_data(
            tree=tree, coverage=tree.coverage(), crosswalks=tree.has_crosswalks, **kwargs
        )

    def plan_tree(self):
        tree = self.object.plan_tree()
        prefetch_related_objects(
            tree.domains,
            Prefetch(
                "reference_countries",
                queryset=ReferenceCountry.objects.select_related("partner").order_by("start"),
            ),
        )
        crosswalk = Action.objects.select_related("framework")
        prefetch_related_objects(
            tree.actions,
            Prefetch("continues", queryset=crosswalk),
            Prefetch("continued_by", queryset=crosswalk),
        )
        return tree


class PresidencyListView(ListView):
    template_name = "governance/presidency_list.html"
    context_object_name = "presidencies"

    def get_queryset(self):
        return Presidency.objects.select_related("partner").order_by("-start")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The column shows only once a motto is recorded.
        context["with_mottos"] = any(presidency.motto for presidency in context["presidencies"])
        return context


class SteeringCommitteeView(TemplateView):
    """The committee today, on a chosen date, and every seat ever held."""

    template_name = "governance/steering_committee.html"

    def get_context_data(self, **kwargs):
        seats = SteeringCommitteeMembership.objects.select_related("partner")
        filterset = CommitteeFilterSet(self.request.GET or None, queryset=seats)
        chosen_date = filterset.form.cleaned_data.get("date") if filterset.is_valid() else None
        return super().get_context_data(
            filter=filterset,
            chosen_date=chosen_date,
            members_on_date=filterset.qs.order_by(by_name("partner__")) if chosen_date else None,
            current_members=seats.current().order_by(by_name("partner__")),
            former_seats=seats.ended().order_by("-end", by_name("partner__")),
            **kwargs,
        )


class PartnerListView(FilterView):
    filterset_class = PartnerFilterSet
    template_name = "governance/partner_list.html"
    queryset = Partner.objects.order_by("name")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["groups"] = in_directory_groups(context["object_list"])
        return context


class PartnerDetailView(DetailView):
    """A partner's memory in the dialogue: the roles it held and the meetings it took part in."""

    template_name = "governance/partner_detail.html"

    def get_queryset(self):
        return Partner.objects.prefetch_related(
            Prefetch("presidencies", queryset=Presidency.objects.order_by("-start")),
            Prefetch(
                "committee_seats", queryset=SteeringCommitteeMembership.objects.order_by("-start")
            ),
            Prefetch(
                "reference_roles",
                queryset=ReferenceCountry.objects.select_related("domain__framework").order_by(
                    "-start", "domain__sort_order"
                ),
            ),
        )

    def get_context_data(self, **kwargs):
        partner = self.object
        # Recommendations, whose app lies above, read through the relation it names.
        addressed = partner.recommendations.published()
        # And the projects of the inventory in the country, likewise.
        projects = partner.projects.published()
        return super().get_context_data(
            projects_total=projects.count(),
            projects=projects.order_by(F("start").desc(nulls_last=True), "identifier")[:5],
            addressed_total=addressed.count(),
            addressed=addressed.select_related("meeting").order_by(
                F("meeting__start").desc(nulls_last=True), "sort_order", "pk"
            )[:5],
            hosted_meetings=partner.hosted_meetings.filter(published=True),
            chair_roles=partner.chaired.filter(meeting__published=True)
            .select_related("meeting__host_country")
            .order_by(F("meeting__start").desc(nulls_last=True), "meeting__title"),
            attended_meetings=partner.attended_meetings.filter(published=True).select_related(
                "host_country"
            ),
            # Posts of the news, whose app lies above: read through the relation it names.
            news=partner.news_posts.published().newest_first()[:5],
            **kwargs,
        )


class PartnerCsvView(CsvListView):
    """The partners list, filtered as on its page, as a CSV file."""

    filterset_class = PartnerFilterSet
    filename = "partners.csv"
    columns = (
        (_("Name"), lambda partner: partner.name),
        (_("Short name"), lambda partner: partner.short_name),
        (_("Kind"), lambda partner: partner.get_kind_display()),
        (_("ISO code"), lambda partner: partner.iso_code),
        (_("Region"), lambda partner: partner.get_region_display()),
        (_("Status"), lambda partner: partner.get_status_display()),
        (_("Founding member"), lambda partner: _("yes") if partner.founding_member else ""),
        (_("Joined"), lambda partner: partner.joined),
        (_("Left"), lambda partner: partner.left),
    )

    def get_queryset(self):
        return Partner.objects.order_by("name", "pk")


class SteeringCommitteeCsvView(CsvListView):
    """The members on the chosen date, or every seat ever held, as a CSV file."""

    filterset_class = CommitteeFilterSet
    filename = "steering-committee.csv"
    columns = (
        (_("Member"), lambda seat: seat.partner),
        (_("From"), lambda seat: seat.start_display),
        (_("To"), lambda seat: seat.end_display if seat.end else ""),
    )

    def get_queryset(self):
        return SteeringCommitteeMembership.objects.select_related("partner").order_by(
            "-start", "partner__name", "pk"
        )

    def page_of(self, seat):
        return seat.partner.get_absolute_url()
