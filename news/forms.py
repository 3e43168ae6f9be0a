from django import forms
from django.utils.translation import gettext_lazy as _

from governance.filters import PLAN_LEVEL_OPTION, plan_level_label
from governance.models import Domain, Framework
from news.models import Subscriber


class DomainChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, domain):
        return plan_level_label(domain)


class SubscriptionForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    languages = forms.ChoiceField(
        label=_("Newsletter"),
        choices=Subscriber.Languages.choices,
        initial=Subscriber.Languages.FRENCH,
    )
    domains = DomainChoiceField(
        label=_("Domains you follow (optional)"),
        help_text=_("Choosing none is following them all."),
        queryset=Domain.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    news_notices = forms.BooleanField(
        label=_("Also tell me when a news post is published in a domain I follow"),
        required=False,
    )
    # Left empty by people, whose browsers hide it; filled in by many robots.
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        framework = Framework.objects.in_force()
        self.fields["domains"].queryset = (
            Domain.objects.filter(framework=framework)
            .select_related("framework")
            .only(*PLAN_LEVEL_OPTION)
            .order_by("sort_order", "number")
            if framework
            else Domain.objects.none()
        )

    @property
    def from_a_robot(self):
        return bool(self.cleaned_data.get("website"))
