"""How the cells of a sheet become values, and values cells. A cell the import cannot read
is an error of its row, in words the secretariat understands, never a silent default."""

import datetime
import re
import time
import unicodedata

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import widgets

# Written in a clerk's own way, in either language; "x" ticks a box. French spreadsheets
# write the booleans TRUE and FALSE as VRAI and FAUX.
YES = ("yes", "oui", "x", "1", "true", "vrai", "y", "o")
NO = ("no", "non", "0", "false", "faux", "n")
ACCEPTED_YES_NO = ("yes", "no", "oui", "non", "x", "1", "0", "true", "false")
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def label_text(value):
    """A cell as trimmed text; the number 12.0 a spreadsheet made of "12" becomes "12"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return "" if value is None else str(value).strip()


def folded(text):
    """Text compared as a reader would: without accents, case or punctuation, so that
    "Réunion thématique", "reunion thematique" and "thematic_meeting"'s words match."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.split(r"[\W_]+", bare.casefold())).strip()


class NameWidget(widgets.ForeignKeyWidget):
    """A related record, exported by its name."""

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NamesWidget(widgets.ManyToManyWidget):
    """Related records, exported by their names, separated by semicolons."""

    def render(self, value, obj=None, **kwargs):
        return "; ".join(str(related) for related in value.all()) if value is not None else ""


class RecordWidget(widgets.ForeignKeyWidget):
    """A related record named by a unique field (its slug, say); an unknown one is an error
    of its row, in words the secretariat understands."""

    def clean(self, value, row=None, **kwargs):
        value = label_text(value)
        if not value:
            return None
        try:
            return self.model.objects.get(**{self.field: value})
        except self.model.DoesNotExist:
            raise ValueError(
                _("No %(record)s has the %(field)s “%(value)s”.")
                % {"record": self.model._meta.verbose_name, "field": self.field, "value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(getattr(value, self.field))


class RecordsWidget(widgets.ManyToManyWidget):
    """Related records named by a unique field, separated by semicolons; an unknown one is
    an error of its row."""

    def __init__(self, model, field="slug"):
        super().__init__(model, separator=";", field=field)

    def names(self, value):
        return [name.strip() for name in label_text(value).split(self.separator) if name.strip()]

    def find(self, names, row):
        return self.model.objects.filter(**{f"{self.field}__in": names})

    def clean(self, value, row=None, **kwargs):
        names = self.names(value)
        found = {str(getattr(record, self.field)): record for record in self.find(names, row or {})}
        unknown = sorted(set(names) - set(found))
        if unknown:
            raise ValueError(
                _("Unknown %(records)s: %(names)s.")
                % {"records": self.model._meta.verbose_name_plural, "names": ", ".join(unknown)}
            )
        # In the order of the sheet, which is the order of a meeting's co-chairs.
        return [found[name] for name in dict.fromkeys(names)]

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return "; ".join(str(getattr(record, self.field)) for record in value.all())


class LabelWidget(widgets.CharWidget):
    """A short label such as a number, "12" or "5a", which a spreadsheet may have turned
    into the number 12.0."""

    def clean(self, value, row=None, **kwargs):
        return label_text(value)


class YesNoWidget(widgets.BooleanWidget):
    """Yes or no, as a clerk writes it in either language, in any case; an empty cell is
    the field's default, anything else an error."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = folded(label_text(value))
        if not text:
            return None
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(
            _("“%(value)s” is neither yes nor no. Write one of: %(accepted)s.")
            % {
                "value": label_text(value),
                "accepted": ", ".join(ACCEPTED_YES_NO),
            }
        )


class ChoiceWidget(widgets.CharWidget):
    """One of a field's choices, by its stored value or by its label in any of the site's
    languages, whatever the case and accents."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = list(choices)

    def clean(self, value, row=None, **kwargs):
        text = label_text(value)
        if not text:
            return ""
        wanted = folded(text)
        for stored, label in self.choices:
            if wanted == folded(stored) or wanted in labels(label):
                return stored
        raise ValueError(
            _("“%(value)s” is not one of the accepted values: %(accepted)s.")
            % {
                "value": text,
                "accepted": "; ".join(f"{label} ({stored})" for stored, label in self.choices),
            }
        )


def labels(label):
    """A choice's label, folded, in each of the site's languages."""
    folded_labels = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            folded_labels.add(folded(label))
    return folded_labels


class DayWidget(widgets.DateWidget):
    """A date as 2025-03-31 or as 31/03/2025 (day first, as both languages write it), or a
    date cell of a workbook."""

    def __init__(self, **kwargs):
        super().__init__(format=DATE_FORMATS[0], **kwargs)

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = label_text(value)
        if not text:
            return None
        for date_format in DATE_FORMATS:
            try:
                return datetime.date(*time.strptime(text, date_format)[:3])
            except ValueError:
                continue
        raise ValueError(
            _("“%(value)s” is not a date. Write it as 2025-03-31 or as 31/03/2025.")
            % {"value": text}
        )


class WholeNumberWidget(widgets.IntegerWidget):
    """A whole number, which a spreadsheet may have written 12.0."""

    def clean(self, value, row=None, **kwargs):
        text = label_text(value)
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            raise ValueError(_("“%(value)s” is not a whole number.") % {"value": text}) from None
