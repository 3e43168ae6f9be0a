"""The crosswalk between successive frameworks: which action continues which."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.models import StampedModel
from governance.models.frameworks import Action


class ActionCrosswalk(StampedModel):
    """An action of a later framework continues an action of an earlier one."""

    action = models.ForeignKey(
        Action,
        verbose_name=_("action"),
        on_delete=models.CASCADE,
        related_name="crosswalk_to_earlier",
    )
    earlier_action = models.ForeignKey(
        Action,
        verbose_name=_("continues the earlier action"),
        on_delete=models.CASCADE,
        related_name="crosswalk_to_later",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("crosswalk between actions")
        verbose_name_plural = _("crosswalk between actions")
        constraints = [
            models.UniqueConstraint(
                fields=["action", "earlier_action"], name="crosswalk_pair_unique"
            ),
            models.CheckConstraint(
                name="crosswalk_not_to_itself", condition=~Q(action=F("earlier_action"))
            ),
        ]

    def __str__(self):
        later, earlier = self.action, self.earlier_action
        return f"{later.framework} {later.label} ← {earlier.framework} {earlier.label}"

    def clean(self):
        if not (self.action_id and self.earlier_action_id):
            return
        if self.action.framework_id == self.earlier_action.framework_id:
            raise ValidationError(_("A crosswalk links actions of two different frameworks."))
        earlier, later = self.earlier_action.framework, self.action.framework
        if earlier.adopted_on and later.adopted_on and earlier.adopted_on >= later.adopted_on:
            raise ValidationError(
                {"earlier_action": _("The earlier action must belong to an earlier framework.")}
            )
