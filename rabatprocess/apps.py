from django.apps import AppConfig


class RabatProcessConfig(AppConfig):
    name = "rabatprocess"
    verbose_name = "Rabat Process"

    def ready(self):
        from rabatprocess import checks  # noqa: F401  (registers them)
        from rabatprocess.page_cache import connect_signals

        connect_signals()
