"""Private pages of the governance layer: the directory, one's contact card, contributors."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, UpdateView
from django_filters.views import FilterView

from core.security import client_ip_address
from governance.access import (
    FocalPointRequiredMixin,
    NationalFocalPointRequiredMixin,
    PrivateAreaMixin,
)
from governance.filters import FocalPointFilterSet
from governance.forms import ContactCardForm, ContributorInvitationForm, PasswordResetForm
from governance.models import FocalPoint, by_name
from governance.services import (
    ask_password_reset,
    invite_focal_point,
    password_reset_allowed,
    withdraw_contributor,
)


class PasswordResetView(auth_views.PasswordResetView):
    """Asking for a link to choose a new password. The answer is the same, and takes the
    same time, whether or not an account has the address: the worker looks it up. Too many
    askings for one address or from one client are refused (429)."""

    form_class = PasswordResetForm
    success_url = reverse_lazy("private:password_reset_done")

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        if not password_reset_allowed(email=email, client_address=client_ip_address(self.request)):
            form.add_error(None, _("A link was asked for too many times. Try again in an hour."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        ask_password_reset(
            email=email, domain=self.request.get_host(), use_https=self.request.is_secure()
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeView(PrivateAreaMixin, auth_views.PasswordChangeView):
    success_url = reverse_lazy("private:password_change_done")


class PasswordChangeDoneView(PrivateAreaMixin, auth_views.PasswordChangeDoneView):
    pass


class DirectoryView(PrivateAreaMixin, FilterView):
    """Every focal point and thematic contact whose account is active."""

    filterset_class = FocalPointFilterSet
    template_name = "private/directory.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            FocalPoint.objects.filter(user__is_active=True)
            .select_related("user", "partner")
            .order_by(by_name("partner__"), "user__last_name", "user__first_name")
        )


class ContactCardView(FocalPointRequiredMixin, UpdateView):
    form_class = ContactCardForm
    template_name = "private/profile.html"
    success_url = reverse_lazy("private:profile")

    def get_object(self, queryset=None):
        return self.focal_point

    def form_valid(self, form):
        form.instance.updated_by = self.request.user
        messages.success(self.request, _("Your contact card is saved."))
        return super().form_valid(form)


class ContributorsView(NationalFocalPointRequiredMixin, FormView):
    """A national focal point names the people who help it report, and withdraws them."""

    form_class = ContributorInvitationForm
    template_name = "private/contributors.html"
    success_url = reverse_lazy("private:contributors")

    def get_context_data(self, **kwargs):
        contributors = (
            FocalPoint.objects.filter(
                partner=self.focal_point.partner, role=FocalPoint.Role.CONTRIBUTOR
            )
            .select_related("user")
            .order_by("-user__is_active", "user__last_name")
        )
        return super().get_context_data(contributors=contributors, **kwargs)

    def form_valid(self, form):
        try:
            contributor = invite_focal_point(
                request=self.request,
                **form.cleaned_data,
                partner=self.focal_point.partner,
                role=FocalPoint.Role.CONTRIBUTOR,
                named_by=self.focal_point,
                created_by=self.request.user,
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s is invited and will receive an e-mail to choose a password.")
            % {"email": contributor.user.email},
        )
        return super().form_valid(form)


class WithdrawContributorView(NationalFocalPointRequiredMixin, View):
    def post(self, request, pk):
        contributor = get_object_or_404(
            FocalPoint.objects.select_related("user"),
            pk=pk,
            partner=self.focal_point.partner,
            role=FocalPoint.Role.CONTRIBUTOR,
        )
        try:
            withdraw_contributor(contributor=contributor, withdrawn_by=self.focal_point)
        except ValidationError as error:
            raise Http404 from error
        messages.success(
            request,
            _("%(name)s can no longer sign in.")
            % {"name": contributor.user.get_full_name() or contributor.user.email},
        )
        return redirect("private:contributors")
