from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import StatedLimitsMixin
from governance.models import Action, Domain, Framework
from projects.models import AssistanceRequest


class AssistanceRequestForm(StatedLimitsMixin, forms.ModelForm):
    """What a focal point asks for: a level of the plan in force, dates wished, a contact."""

    class Meta:
        model = AssistanceRequest
        fields = [
            "subject",
            "description",
            "domain",
            "action",
            "wished_from",
            "wished_until",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {
            "wished_from": forms.DateInput(attrs={"type": "date"}),
            "wished_until": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        plan = Framework.objects.in_force()
        self.fields["domain"].queryset = (
            Domain.objects.filter(framework=plan)
            .select_related("framework")
            .order_by("sort_order", "number")
        )
        self.fields["action"].queryset = (
            Action.objects.filter(framework=plan)
            .select_related("framework")
            .order_by("sort_order", "number")
        )
        self.fields["domain"].label_from_instance = lambda level: str(level.display_title)
        self.fields["action"].label_from_instance = lambda level: str(level.display_title)
        self.fields["domain"].help_text = _("Of the action plan in force, if one concerns it.")
