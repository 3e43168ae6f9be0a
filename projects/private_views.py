"""Technical assistance in the private area: a focal point sees its partner's requests
and their answers, and asks for more. Another partner's requests are never shown."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView

from governance.access import FocalPointRequiredMixin
from projects import assistance
from projects.forms import AssistanceRequestForm
from projects.models import AssistanceRequest


class AssistanceListView(FocalPointRequiredMixin, ListView):
    template_name = "private/assistance/list.html"
    context_object_name = "requests"

    def get_queryset(self):
        return AssistanceRequest.objects.of_partner(self.focal_point.partner).select_related(
            "domain__framework", "action__framework", "meeting"
        )


class AssistanceRequestView(FocalPointRequiredMixin, FormView):
    template_name = "private/assistance/form.html"
    form_class = AssistanceRequestForm

    def get_initial(self):
        user = self.request.user
        return {"contact_name": user.get_full_name(), "contact_email": user.email}

    def form_valid(self, form):
        assistance.submit(self.focal_point, **form.cleaned_data)
        messages.success(
            self.request, _("Your request was sent to the secretariat, which will answer here.")
        )
        return redirect("private:assistance")
