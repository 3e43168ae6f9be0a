from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app of the platform shares; it knows none of them."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from core import checks, history  # noqa: F401  (checks register themselves)
        from core.page_cache import connect_signals

        connect_signals()
        history.connect()
