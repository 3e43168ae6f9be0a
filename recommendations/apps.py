from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations and follow-up")
    # What public pages show: a change to one of these retires every kept page
    # (core.page_cache); the forums are seen only in the private area.
    public_models = ("recommendation", "reportinground", "implementationreport")
    private_models = ("forum", "thread", "post", "roundnotice")
