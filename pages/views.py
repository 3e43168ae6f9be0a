from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView

from core.security import client_ip_address
from pages import contact
from pages.forms import ContactForm
from pages.models import Page


class PageView(DetailView):
    template_name = "pages/page.html"
    context_object_name = "page"
    key = None

    def get_object(self, queryset=None):
        return get_object_or_404(Page, key=self.key)


class ContactView(FormView):
    """The contact page: its text, then the form. Not kept whole for visitors, so that
    its form carries its own CSRF token."""

    template_name = "pages/contact.html"
    form_class = ContactForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page=get_object_or_404(Page, key=Page.Key.CONTACT), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        if form.from_a_robot:
            return redirect("contact-sent")
        if not contact.message_allowed(
            email=data["email"], client_address=client_ip_address(self.request)
        ):
            form.add_error(None, _("Too many messages were sent. Try again in an hour."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        contact.send_message(
            name=data["name"],
            email=data["email"],
            subject=data["subject"],
            message=data["message"],
            language=get_language(),
        )
        return redirect("contact-sent")


class ContactSentView(TemplateView):
    template_name = "pages/contact_sent.html"
