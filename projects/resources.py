"""The columns of the projects sheet the admin imports and exports. A project is found
again by its identifier, so a second import of the same sheet updates the projects it
holds; organisations are named as written and added when new; plan levels are the
numbers of the domains and actions of the plan in force."""

import datetime
import re

from django.utils.translation import gettext as _
from import_export import fields

from core.admin.exchange.resources import StampedImportResource
from core.admin.exchange.widgets import DayWidget, RecordsWidget, label_text
from core.models import localized_fields
from governance.models import Action, Domain, Framework, Partner
from projects.models import Organisation, Project


class OrganisationsWidget(RecordsWidget):
    """Organisations by name, separated by semicolons; one not known yet is added."""

    def __init__(self):
        super().__init__(Organisation, "name")

    def clean(self, value, row=None, **kwargs):
        return [Organisation.objects.get_or_create(name=name)[0] for name in self.names(value)]


class PlanLevelsWidget(RecordsWidget):
    """Domains or actions of the plan in force by their numbers ("1; 5; 17")."""

    def find(self, names, row):
        return self.model.objects.filter(framework=Framework.objects.in_force(), number__in=names)

    def clean(self, value, row=None, **kwargs):
        names = self.names(value)
        found = list(self.find(names, row))
        missing = sorted(set(names) - {level.number for level in found})
        if missing:
            raise ValueError(
                _("The plan in force has no %(level)s numbered %(numbers)s.")
                % {"level": self.model._meta.verbose_name, "numbers": ", ".join(missing)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return "; ".join(level.number for level in value.all()) if value is not None else ""


PARTIAL_DATE = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{1,2}))?$|(?P<m>\d{1,2})/(?P<y>\d{4})$")


class PartialDayWidget(DayWidget):
    """A date, or only its year ("2014") or month ("2014-03", "03/2014"): the first day of
    that period, whose precision the next column gives."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, int | float) and 1900 <= value <= 2200:
            value = str(int(value))
        found = PARTIAL_DATE.match(label_text(value)) if isinstance(value, str) else None
        if found is None:
            return super().clean(value, row, **kwargs)
        year = int(found["year"] or found["y"])
        month = int(found["month"] or found["m"] or 1)
        if not 1 <= month <= 12:
            raise ValueError(_("“%(value)s” is not a month.") % {"value": value})
        return datetime.date(year, month, 1)


class ProjectResource(StampedImportResource):
    start = fields.Field(attribute="start", column_name="start", widget=PartialDayWidget())
    end = fields.Field(attribute="end", column_name="end", widget=PartialDayWidget())
    countries = fields.Field(
        attribute="countries", column_name="countries", widget=RecordsWidget(Partner)
    )
    implementers = fields.Field(
        attribute="implementers", column_name="implementers", widget=OrganisationsWidget()
    )
    funders = fields.Field(attribute="funders", column_name="funders", widget=OrganisationsWidget())
    domains = fields.Field(
        attribute="domains", column_name="domains", widget=PlanLevelsWidget(Domain, "number")
    )
    actions = fields.Field(
        attribute="actions", column_name="actions", widget=PlanLevelsWidget(Action, "number")
    )

    import_example = {
        "identifier": "rp-2014-017",
        "title_en": "Strengthening labour migration statistics",
        "title_fr": "Renforcer les statistiques des migrations de travail",
        "countries": "senegal; mali",
        "implementers": "ICMPD",
        "funders": "European Union",
        "domains": "1",
        "actions": "2; 3",
        "start": "2014-03-01",
        "start_precision": "month",
        "end": "2016",
        "end_precision": "year",
        "status": "completed",
        "budget": "450000",
        "currency": "EUR",
        "published": "yes",
    }

    class Meta:
        model = Project
        fields = [
            "identifier",
            *localized_fields("title", "summary"),
            "countries",
            "implementers",
            "funders",
            "domains",
            "actions",
            "start",
            "start_precision",
            "end",
            "end_precision",
            "status",
            "budget",
            "currency",
            "links",
            "published",
        ]
        import_id_fields = ["identifier"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
