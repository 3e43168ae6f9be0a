"""The country x item matrix of a reporting round, for the private area, the admin and CSV."""

import csv
from dataclasses import dataclass, field

from django.db.models import Q
from django.http import HttpResponse
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.csv_download import spreadsheet_safe
from governance.models import Partner
from recommendations.models import ImplementationReport, ReportingRound
from recommendations.reporting.models import RoundItem

State = ImplementationReport.State


@dataclass
class MatrixRow:
    partner: Partner
    cells: list[ImplementationReport | None]  # one per item, in the order of the items
    own: bool = False


@dataclass
class Matrix:
    round: ReportingRound
    items: list[RoundItem]
    rows: list[MatrixRow] = field(default_factory=list)

    @property
    def validated_counts(self):
        """How many validated reports each item has: the figures that count."""
        return [
            sum(1 for row in self.rows if row.cells[i] and row.cells[i].state == State.VALIDATED)
            for i in range(len(self.items))
        ]


def build_matrix(
    reporting_round: ReportingRound, *, user, own_partner: Partner | None = None
) -> Matrix:
    """Rows: the partner countries taking part when the round opened, the user's own partner
    and any partner with a report the user may see; columns: the items of the round; cells:
    the reports the user may see (``ImplementationReportQuerySet.in_matrix_of``).

    Four queries whatever the size: actions, recommendations, partners, reports.
    """
    items = reporting_round.items()
    reports = (
        ImplementationReport.objects.filter(round=reporting_round)
        .in_matrix_of(user)
        .defer("narrative", "evidence", "review_comment")
        .order_by()
    )
    rows = Q(pk__in=Partner.objects.countries().on(reporting_round.opens_on).values("pk"))
    rows |= Q(pk__in=reports.values("partner"))
    if own_partner is not None:
        rows |= Q(pk=own_partner.pk)
    by_cell = {(report.partner_id, report.item_key): report for report in reports}
    matrix = Matrix(round=reporting_round, items=items)
    for partner in Partner.objects.filter(rows).order_by("name"):
        matrix.rows.append(
            MatrixRow(
                partner=partner,
                cells=[by_cell.get((partner.pk, item.key)) for item in items],
                own=own_partner is not None and partner.pk == own_partner.pk,
            )
        )
    return matrix


def cell_text(report: ImplementationReport | None) -> str:
    """A cell as words: the status, and the state while the report is not validated."""
    if report is None:
        return ""
    status = capfirst(report.get_status_display())
    if report.state == State.VALIDATED:
        return status
    return f"{status} ({report.get_state_display()})"


def matrix_csv_response(matrix: Matrix) -> HttpResponse:
    """The matrix as a CSV download: a row per partner, a column per item. It starts with a
    byte order mark so that spreadsheets read the accents of French names right."""
    response = HttpResponse("\ufeff", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{matrix.round.slug}-implementation-matrix.csv"'
    )
    writer = csv.writer(response)
    headings = [_("Partner"), _("ISO code"), *(item.column_label for item in matrix.items)]
    writer.writerow([spreadsheet_safe(heading) for heading in headings])
    for row in matrix.rows:
        cells = [row.partner.name, row.partner.iso_code, *(cell_text(cell) for cell in row.cells)]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
    return response
