from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import StatedLimitsMixin
from rabatprocess.search import SECTIONS

# A search is a few words: a longer text is refused with a message, not searched.
MAX_QUERY_LENGTH = 200


class SearchForm(StatedLimitsMixin, forms.Form):
    q = forms.CharField(label=_("Search for"), max_length=MAX_QUERY_LENGTH, required=False)
    type = forms.ChoiceField(
        label=_("Among"),
        choices=[("", _("everything")), *((section.key, section.label) for section in SECTIONS)],
        required=False,
    )
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100, required=False)
    language = forms.ChoiceField(
        label=_("In"),
        choices=[("", _("either language")), *settings.LANGUAGES],
        required=False,
    )
