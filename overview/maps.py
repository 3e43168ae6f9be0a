"""The map of the dialogue: Africa and Europe drawn from Natural Earth's outlines
(``geodata/map.json``, built by ``geodata/build.py``), each partner country a link to
its page, its status told by colour and by pattern, the presidency and the steering
committee outlined, the meetings each country hosted counted on it, and its projects.
Five queries."""

import json
from dataclasses import dataclass
from pathlib import Path

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from governance.models import Partner, Presidency, SteeringCommitteeMembership
from meetings.models import Meeting

# The outlines, read once per process: part of the code, like a template.
OUTLINES = json.loads((Path(__file__).parent / "geodata" / "map.json").read_text())
STATUSES = {
    "partner": _("partner country"),
    "observer": _("observer"),
    "former": _("former partner"),
}


@dataclass
class Country:
    code: str
    outline: str
    x: float
    y: float
    partner: Partner | None = None
    status: str = ""
    presidency: bool = False
    committee: bool = False
    hosted: int = 0
    projects: int = 0
    highlighted: bool = False

    @property
    def name(self):
        """What a screen reader says of it: its name, status, roles and meetings hosted."""
        parts = [str(self.partner), str(STATUSES[self.status])]
        if self.presidency:
            parts.append(gettext("holds the presidency"))
        if self.committee:
            parts.append(gettext("sits on the steering committee"))
        if self.hosted:
            parts.append(
                ngettext("hosted %(count)s meeting", "hosted %(count)s meetings", self.hosted)
                % {"count": self.hosted}
            )
        if self.projects:
            parts.append(
                ngettext("%(count)s project", "%(count)s projects", self.projects)
                % {"count": self.projects}
            )
        return ", ".join(parts)

    @property
    def status_label(self):
        return STATUSES[self.status]

    @property
    def roles(self):
        """ "presidency, steering committee", or a dash."""
        roles = [
            str(label)
            for held, label in (
                (self.presidency, _("presidency")),
                (self.committee, _("steering committee")),
            )
            if held
        ]
        return ", ".join(roles) or "–"

    @property
    def pattern(self):
        """Observers and former partners are told apart by a pattern as well as a colour."""
        return {"observer": "hatch", "former": "dots"}.get(self.status, "")

    @property
    def marker_radius(self):
        return round(9 + 2.5 * self.hosted**0.5, 1) if self.hosted else 0


def status_of(partner, today):
    if partner.left and partner.left <= today:
        return "former"
    return "observer" if partner.status == Partner.Status.OBSERVER else "partner"


class DialogueMap:
    """Every country of the outlines; those of the dialogue with their partner."""

    width = OUTLINES["width"]
    height = OUTLINES["height"]

    def __init__(self, highlight=None):
        today = timezone.localdate()
        partners = {
            partner.iso_code.upper(): partner
            for partner in Partner.objects.countries().exclude(iso_code="")
        }
        presidency = set(Presidency.objects.current().values_list("partner__iso_code", flat=True))
        committee = set(
            SteeringCommitteeMembership.objects.current().values_list(
                "partner__iso_code", flat=True
            )
        )
        hosted = dict(
            Meeting.objects.published()
            .filter(host_country__isnull=False)
            .order_by()
            .values_list("host_country__iso_code")
            .annotate(count=Count("pk"))
        )
        projects = dict(
            Partner.objects.countries()
            .filter(projects__published=True)
            .order_by()
            .values_list("iso_code")
            .annotate(count=Count("projects"))
        )
        self.countries = []
        for code, shape in OUTLINES["countries"].items():
            partner = partners.get(code)
            country = Country(code, shape["d"], shape["x"], shape["y"])
            if partner is not None:
                country.partner = partner
                country.status = status_of(partner, today)
                country.presidency = partner.iso_code in presidency
                country.committee = partner.iso_code in committee
                country.hosted = hosted.get(partner.iso_code, 0)
                country.projects = projects.get(partner.iso_code, 0)
                country.highlighted = partner == highlight
            self.countries.append(country)
        self.highlight = highlight

    @property
    def others(self):
        return [country for country in self.countries if country.partner is None]

    @property
    def members(self):
        return [country for country in self.countries if country.partner is not None]

    @property
    def hosts(self):
        return [country for country in self.members if country.hosted]

    @property
    def by_region(self):
        """(region, countries of the dialogue in it by name) for the table."""
        regions = {}
        for country in sorted(self.members, key=lambda c: str(c.partner)):
            regions.setdefault(country.partner.get_region_display(), []).append(country)
        return sorted(regions.items())

    @property
    def view_box(self):
        """The whole map, or a square around the highlighted country."""
        focus = next((c for c in self.countries if c.highlighted), None)
        if focus is None:
            return f"0 0 {self.width:g} {self.height:g}"
        side = 360
        left = min(max(focus.x - side / 2, 0), self.width - side)
        top = min(max(focus.y - side / 2, 0), self.height - side)
        return f"{left:g} {top:g} {side} {side}"
