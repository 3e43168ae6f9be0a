from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """What every app of the platform shares; it knows none of them."""

    name = "core"
    # In the admin, the section of the e-mails the platform sends.
    verbose_name = _("Platform")

    def ready(self):
        from django.db.backends.signals import connection_created

        from core import checks, collation, history, search  # noqa: F401  (checks register)

        # The e-mails' admin: ``core.admin`` is imported with the settings (the admin site's
        # class), before the admin looks for each app's admin module, so it is loaded here.
        from core.admin import mail  # noqa: F401
        from core.page_cache import connect_signals

        connection_created.connect(collation.register)
        connection_created.connect(search.register)
        connect_signals()
        history.connect()
