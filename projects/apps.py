from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects and technical assistance")
    # What public pages show (core.page_cache): a change retires every kept page.
    public_models = ("project", "organisation")
    private_models = ("assistancerequest",)
