from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Institutional pages")
    # What public pages show (core.page_cache): a change retires every kept page.
    public_models = ("page",)
    private_models = ()
