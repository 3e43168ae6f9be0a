from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from django_filters.views import FilterView

from core.csv_download import CsvListView
from governance.models import Action, Domain, Objective, Partner, by_name
from projects.filters import ProjectFilterSet
from projects.models import Organisation, Project

COUNTRIES = Prefetch("countries", queryset=Partner.objects.order_by(by_name()))
ORGANISATIONS = [
    Prefetch(name, queryset=Organisation.objects.order_by("name"))
    for name in ("implementers", "funders")
]


def listed():
    return (
        Project.objects.published()
        .prefetch_related(COUNTRIES, *ORGANISATIONS)
        .order_by("-start", "identifier")
    )


class ProjectListView(FilterView):
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    paginate_by = 20

    def get_queryset(self):
        return listed()


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"
    context_object_name = "project"
    slug_field = slug_url_kwarg = "identifier"

    def get_queryset(self):
        return listed().prefetch_related(
            Prefetch("domains", queryset=Domain.objects.select_related("framework")),
            Prefetch("objectives", queryset=Objective.objects.select_related("framework")),
            Prefetch("actions", queryset=Action.objects.select_related("framework")),
        )


def names(records):
    return "; ".join(str(record) for record in records.all())


class ProjectCsvView(CsvListView):
    filterset_class = ProjectFilterSet
    filename = "projects.csv"
    columns = (
        (_("Identifier"), lambda project: project.identifier),
        (_("Title"), lambda project: project.title),
        (_("Status"), lambda project: project.get_status_display()),
        (_("Dates"), lambda project: project.dates_display),
        (_("Countries"), lambda project: names(project.countries)),
        (_("Implementing organisations"), lambda project: names(project.implementers)),
        (_("Funding organisations"), lambda project: names(project.funders)),
        (_("Budget"), lambda project: project.budget if project.budget is not None else ""),
        (_("Currency"), lambda project: project.currency if project.budget is not None else ""),
    )

    def get_queryset(self):
        return listed()
