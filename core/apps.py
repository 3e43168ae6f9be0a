from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the platform shares; it knows none of them."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django.db.backends.signals import connection_created

        from core import checks, collation, history  # noqa: F401  (checks register themselves)
        from core.page_cache import connect_signals

        connection_created.connect(collation.register)
        connect_signals()
        history.connect()
