"""The private area's reporting pages, spliced into the ``private`` namespace."""

from django.urls import path, register_converter
from django.urls.converters import StringConverter
from django.utils.translation import gettext_lazy as _

from recommendations.reporting import views


class ItemKindConverter(StringConverter):
    """What a round asks about: an action or a recommendation."""

    regex = "action|recommendation"


register_converter(ItemKindConverter, "item_kind")

urlpatterns = [
    path(_("reporting/"), views.RoundListView.as_view(), name="round-list"),
    path(
        _("reporting/evidence/<int:pk>/"),
        views.EvidenceFileView.as_view(),
        name="evidence-file",
    ),
    path(_("reporting/<slug:slug>/"), views.RoundDetailView.as_view(), name="round-detail"),
    path(
        _("reporting/<slug:slug>/submit/"),
        views.RoundSubmitView.as_view(),
        name="round-submit",
    ),
    path(
        _("reporting/<slug:slug>/matrix/"),
        views.RoundMatrixView.as_view(),
        name="round-matrix",
    ),
    path(
        _("reporting/<slug:slug>/matrix.csv"),
        views.RoundMatrixCsvView.as_view(),
        name="round-matrix-csv",
    ),
    path(
        _("reporting/<slug:slug>/<item_kind:kind>/<int:pk>/"),
        views.ReportEditView.as_view(),
        name="report-edit",
    ),
]
