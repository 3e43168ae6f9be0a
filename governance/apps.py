from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance and action plans")
    # What public pages show: a change to one of these retires every kept page
    # (core.page_cache); the others are seen only in the admin and the private area.
    public_models = (
        "partner",
        "framework",
        "domain",
        "objective",
        "action",
        "actioncrosswalk",
        "referencecountry",
        "presidency",
        "steeringcommitteemembership",
    )
    private_models = ("focalpoint",)

    def ready(self):
        from governance.groups import grant_secretariat_permissions

        # Permissions are created app by app after the migrations, so the Secretariat
        # group is completed after each app's turn; this also covers models added later.
        post_migrate.connect(grant_secretariat_permissions)
