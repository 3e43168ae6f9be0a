from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpenDataConfig(AppConfig):
    name = "opendata"
    verbose_name = _("Open data")
    # What public pages show (core.page_cache): the archive's page gives its date and size.
    public_models = ("dataarchive",)
    private_models = ()
