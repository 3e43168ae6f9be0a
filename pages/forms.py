from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StatedLimitsMixin


class ContactForm(StatedLimitsMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)
    # Left empty by people, whose browsers hide it; filled in by many robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    trap_field = "website"

    @property
    def from_a_robot(self):
        return bool(self.cleaned_data.get("website"))
