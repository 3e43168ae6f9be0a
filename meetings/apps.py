from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")
    # What public pages show: a change to one of these retires every kept page
    # (core.page_cache).
    public_models = ("meeting", "meetingrole", "document")
    private_models = ("meetingreminder",)
