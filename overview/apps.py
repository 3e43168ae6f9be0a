from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OverviewConfig(AppConfig):
    name = "overview"
    verbose_name = _("The dialogue at a glance")
    # Pictures of what the other apps record: no records of its own.
    public_models = ()
    private_models = ()
