"""The admin refusing to delete what something refers to (``core.deletion``): the delete
page and the list's delete action list what refers to the record, as Django lists what a
``PROTECT`` foreign key protects, and an inline row is refused with a message."""

from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from core.deletion import describe, referrers, refusal


class RefuseDeletingReferencedMixin:
    """ModelAdmin mixin."""

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = [*protected, *(describe(record) for obj in objs for record in referrers(obj))]
        return deleted, counts, perms_needed, protected


class RefuseDeletingReferencedFormSet(BaseInlineFormSet):
    """Inline formset whose rows marked for deletion must have nothing referring to them."""

    def clean(self):
        super().clean()
        errors = [
            refusal(form.instance, found)
            for form in self.deleted_forms
            if form.instance.pk is not None and (found := referrers(form.instance))
        ]
        if errors:
            raise ValidationError(errors)
