from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")
    # What public pages show (core.page_cache): a change retires every kept page.
    public_models = ("newspost", "edition", "editionpost", "editionmeeting", "editionpdf")
    private_models = ("subscriber", "editiondelivery")
