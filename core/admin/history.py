"""The history of every record in the admin: what changed, who changed it and when, going
back to an earlier version, and bringing a deleted record back.

django-simple-history keeps the versions and gives the history page, and the page of one
version with its "Revert" button. On top of it:

- one save in the admin is one version, with the links and inline rows it saved;
- the history page says what changed in each version, links and chairs included, in a
  constant number of queries;
- restoring a version restores its many-to-many links and the rows named in
  ``history_related`` (a meeting's chairs), not only its fields;
- "Recover deleted …" on each list leads to the records deleted from it, each restored
  from the version it had when it was deleted, with the rows of ``recovered_with`` (a
  meeting's documents) that were deleted with it.
"""

import datetime

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models, router, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_history_manager_for_model, get_history_model_for_model

from core.history import DELETED_WITH, deleted_with, link_history_model, tracked_links
from core.models import stamp

# Who created a row and who changed it last: they follow every save, not its content.
STAMP_FIELDS = ("created_at", "created_by", "updated_at", "updated_by")
# An empty translation is None or "", depending on who saved it.
EMPTY = (None, "")


def related_objects(versions):
    """The objects the versions' foreign keys point to, one instance per object, from the
    ``select_related`` of the versions' query; a key to a deleted object is left out."""
    objects = {}
    for version in versions:
        for field in version.tracked_fields:
            if not field.is_relation:
                continue
            historical_field = version._meta.get_field(field.name)
            if historical_field.is_cached(version):
                target = historical_field.get_cached_value(version)
                if target is not None:
                    objects.setdefault((field.related_model, target.pk), target)
    return objects


def version_object(version, objects):
    """The record as the version has it, its foreign keys filled from ``objects``."""
    instance = version.history_object
    for field in instance._meta.concrete_fields:
        if field.is_relation and (field.many_to_one or field.one_to_one):
            target = objects.get((field.related_model, getattr(instance, field.attname)))
            if target is not None:
                field.set_cached_value(instance, target)
    return instance


def shown(field, value, objects):
    """A field's value as the history page shows it."""
    if value in EMPTY:
        return "—"
    if field.is_relation:
        target = objects.get((field.related_model, value))
        return str(target) if target is not None else _("#%(pk)s (deleted)") % {"pk": value}
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.BooleanField):
        return _("yes") if value else _("no")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value)
    return Truncator(str(value)).chars(120)


def targets_of(model, pks):
    """The objects ``pks`` of ``model``, with what their names need (their required keys)."""
    required = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and field.many_to_one and not field.null
    ]
    return model._base_manager.select_related(*required).in_bulk(pks)


def foreign_keys(model):
    """The names of the foreign keys of ``model``, which its versions keep too."""
    return [field.name for field in model._meta.concrete_fields if field.many_to_one]


class Links:
    """A many-to-many field's links in each of some versions, read in two queries."""

    def __init__(self, model, field, versions):
        self.field = field
        m2m_history = link_history_model(field)
        target = f"{field.m2m_reverse_field_name()}_id"
        self.by_version = {version.history_id: set() for version in versions}
        rows = m2m_history._default_manager.filter(history_id__in=self.by_version)
        for history_id, pk in rows.values_list("history_id", target):
            self.by_version[history_id].add(pk)
        self.targets = targets_of(field.related_model, set().union(*self.by_version.values()))

    def of(self, version):
        return self.by_version.get(version.history_id, set())

    def labels(self, pks):
        return sorted(
            str(self.targets[pk]) if pk in self.targets else _("#%(pk)s (deleted)") % {"pk": pk}
            for pk in pks
        )


class RelatedRows:
    """The rows of a reverse relation (a meeting's chairs) at any date, from their own
    history, read in one query."""

    def __init__(self, model, name, pk):
        relation = model._meta.get_field(name)
        self.verbose_name = relation.related_model._meta.verbose_name_plural
        self.key = relation.field.attname
        self.pk = pk
        history = relation.related_model.history
        ever_related = history.filter(**{self.key: pk}).values("id")
        self.versions = list(
            history.filter(id__in=ever_related)
            .select_related(*foreign_keys(relation.related_model))
            .order_by("history_date", "history_id")
        )
        self.objects = related_objects(self.versions)

    def at(self, date):
        """{row pk: its version} of the rows related at ``date``."""
        latest = {}
        for version in self.versions:
            if version.history_date > date:
                break
            latest[version.id] = version
        return {
            pk: version
            for pk, version in latest.items()
            if version.history_type != "-" and getattr(version, self.key) == self.pk
        }

    def labels_at(self, date):
        return {
            pk: str(version_object(version, self.objects)) for pk, version in self.at(date).items()
        }


def same_content(row, version):
    """Whether a row holds what a version of it holds, stamps aside."""
    return all(
        getattr(row, field.attname) == getattr(version, field.attname)
        for field in version.tracked_fields
        if field.name not in STAMP_FIELDS
    )


class HistoryAdmin(SimpleHistoryAdmin):
    """simple-history's admin, recording one version per save, showing what changed, and
    restoring links, related rows and deleted records."""

    object_history_list_template = "admin/history/object_history_list.html"
    object_history_form_template = "admin/history/object_history_form.html"
    change_list_template = "admin/history/change_list.html"
    recover_list_template = "admin/history/recover_list.html"
    history_list_per_page = 50
    # Reverse relations whose rows belong to a version of the record, such as a meeting's
    # chairs: the history page shows their changes and restoring a version restores them.
    history_related = ()
    # Relations whose rows deleted with a record come back when it is brought back; rows
    # deleted on their own stay deleted, and restoring a version of a record that exists
    # leaves them as they are.
    recovered_with = ()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "recover/",
                self.admin_site.admin_view(self.recover_list_view),
                name="{}_{}_recoverlist".format(*info),
            ),
            *super().get_urls(),
        ]

    # One version per save

    def save_model(self, request, obj, form, change):
        # The version is recorded in save_related, once the links and inline rows are saved.
        obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.finish_version(request, form.instance, "~" if change else "+")

    def finish_version(self, request, obj, history_type):
        """Record the version that save_model held back, now that everything is saved."""
        if hasattr(obj, "skip_history_when_saving"):
            del obj.skip_history_when_saving
            obj._history_user = request.user
            obj.history_recorded_as = history_type
            obj.save(update_fields=["updated_at"])
            del obj.history_recorded_as

    def response_delete(self, request, obj_display, obj_id):
        if self.has_add_permission(request):
            self.message_user(
                request,
                _("It can be brought back from “Recover deleted %(name)s” on their list.")
                % {"name": self.opts.verbose_name_plural},
                messages.INFO,
            )
        return super().response_delete(request, obj_display, obj_id)

    # What changed

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        paginator = getattr(historical_records, "paginator", None)
        if paginator is None:
            versions = list(historical_records)
        else:
            # The page's versions and the one before its oldest, so that it too says what
            # it changed, in one query.
            bottom = (historical_records.number - 1) * paginator.per_page
            versions = list(paginator.object_list[bottom : bottom + paginator.per_page + 1])
            historical_records.object_list = versions[: paginator.per_page]
        if not versions:
            return
        objects = related_objects(versions)
        links = [Links(self.model, field, versions) for field in tracked_links(self.model)]
        related = [RelatedRows(self.model, name, versions[0].id) for name in self.history_related]
        for version, earlier in zip(versions, [*versions[1:], None], strict=True):
            version.label = str(version_object(version, objects))
            version.reason = (
                _("Deleted with the record it belongs to")
                if version.history_change_reason == DELETED_WITH
                else version.history_change_reason
            )
            version.compared = earlier is not None and version.history_type == "~"
            version.history_delta_changes = (
                self.changes(earlier, version, objects, links, related) if version.compared else []
            )

    def changes(self, earlier, version, objects, links, related):
        """What ``version`` changed since ``earlier``: fields, then links, then rows."""
        changes = []
        for field in version.tracked_fields:
            if field.primary_key or field.name in STAMP_FIELDS:
                continue
            before, after = getattr(earlier, field.attname), getattr(version, field.attname)
            if before != after and not (before in EMPTY and after in EMPTY):
                changes.append(
                    {
                        "field": capfirst(field.verbose_name),
                        "old": shown(field, before, objects),
                        "new": shown(field, after, objects),
                    }
                )
        for field_links in links:
            before, after = field_links.of(earlier), field_links.of(version)
            if before != after:
                changes.append(
                    {
                        "field": capfirst(field_links.field.verbose_name),
                        "added": field_links.labels(after - before),
                        "removed": field_links.labels(before - after),
                    }
                )
        for rows in related:
            before = set(rows.labels_at(earlier.history_date).items())
            after = set(rows.labels_at(version.history_date).items())
            if before != after:
                changes.append(
                    {
                        "field": capfirst(rows.verbose_name),
                        "added": sorted(label for _pk, label in after - before),
                        "removed": sorted(label for _pk, label in before - after),
                    }
                )
        return changes

    # Restoring a version

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        version = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if version is None:
            return form
        # The page of a version shows the links it had, not today's.
        initial = {field.name: version_links(version, field) for field in tracked_links(self.model)}

        class VersionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                self.initial.update(initial)

        return VersionForm

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        pk_name = self.opts.pk.attname
        version = get_object_or_404(
            get_history_model_for_model(self.model),
            **{pk_name: unquote(object_id), "history_id": version_id},
        )
        exists = self.model._default_manager.filter(pk=getattr(version, pk_name)).exists()
        if request.method == "POST":
            if not self.has_restore_permission(request, exists):
                raise PermissionDenied
            response = self.restore(request, version, exists)
            if response is not None:
                return response
        context = {
            "deleted": not exists,
            "related_rows": [
                (rows.verbose_name, sorted(rows.labels_at(restored_date(version)).values()))
                for rows in (
                    RelatedRows(self.model, name, version.id) for name in self.history_related
                )
            ],
            **(extra_context or {}),
        }
        return super().history_form_view(request, object_id, version_id, context)

    def revert_disabled(self, request, obj=None):
        """No "Revert" button for those who may not restore the version."""
        if super().revert_disabled(request, obj) or not self.has_change_permission(request):
            return True
        if obj is None or self.has_add_permission(request):
            return False
        return not self.model._default_manager.filter(pk=obj.pk).exists()

    def has_restore_permission(self, request, exists):
        """Restoring a version changes the record; bringing a deleted one back adds it."""
        return self.has_change_permission(request) and (exists or self.has_add_permission(request))

    def restore(self, request, version, exists):
        """Save the version's fields, links and related rows as the record's own; the
        response, or None when the form shows errors."""
        obj = version.instance
        obj._state.adding = False
        form = self.get_form(request, obj, change=True)(request.POST, request.FILES, instance=obj)
        if not form.is_valid():
            return None
        with transaction.atomic(using=router.db_for_write(self.model)):
            obj = self.save_form(request, form, change=True)
            self.save_model(request, obj, form, change=True)
            form.save_m2m()
            for name in self.history_related:
                self.restore_related(request, obj, name, version)
            recovered = [] if exists else self.recover_deleted_with(request, obj)
            self.finish_version(request, obj, "~" if exists else "+")
        when = formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
        message = _("Restored the version of %(date)s.") % {"date": when}
        (self.log_change if exists else self.log_addition)(request, obj, message)
        self.message_user(
            request,
            _("The %(name)s “%(obj)s” was restored to its version of %(date)s.")
            % {"name": self.opts.verbose_name, "obj": obj, "date": when},
            messages.SUCCESS,
        )
        if recovered:
            self.message_user(
                request,
                _("Brought back with it: %(rows)s.") % {"rows": ", ".join(recovered)},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(
            reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk])
        )

    def recover_deleted_with(self, request, obj):
        """Bring back the rows of ``recovered_with`` deleted with ``obj``; a phrase per
        relation that had any ("2 documents")."""
        recovered = []
        for name in self.recovered_with:
            versions = deleted_with(self.model, name, obj.pk)
            for version in versions:
                row = version.instance
                stamp(row, request.user)
                row.save()
            if versions:
                rows = self.model._meta.get_field(name).related_model._meta
                label = rows.verbose_name if len(versions) == 1 else rows.verbose_name_plural
                recovered.append(f"{len(versions)} {label}")
        return recovered

    def restore_related(self, request, obj, name, version):
        """Make the rows of relation ``name`` what they were in ``version``: rows added since
        are deleted, rows deleted since come back, changed rows are put back."""
        then = RelatedRows(self.model, name, obj.pk).at(restored_date(version))
        relation = self.model._meta.get_field(name)
        now = relation.related_model._default_manager.filter(**{relation.field.attname: obj.pk})
        # Rows that differ go first, so that those coming back meet no unique constraint.
        kept = set()
        for row in now:
            if row.pk in then and same_content(row, then[row.pk]):
                kept.add(row.pk)
            else:
                row.delete()
        for pk, row_version in then.items():
            if pk not in kept:
                row = row_version.instance
                stamp(row, request.user)
                row.save()

    # Deleted records

    def recover_list_view(self, request):
        """The records deleted from this list, each with the version it had when deleted."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        pk_name = self.opts.pk.attname
        deletions = (
            get_history_manager_for_model(self.model)
            .latest_of_each()
            .filter(history_type="-")
            .exclude(**{f"{pk_name}__in": self.model._default_manager.values("pk")})
            .select_related(*foreign_keys(self.model), "history_user")
            .order_by("-history_date", "-history_id")
        )
        page = Paginator(deletions, self.history_list_per_page).get_page(request.GET.get("p"))
        objects = related_objects(page)
        for version in page:
            version.label = str(version_object(version, objects))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Recover deleted %(name)s") % {"name": self.opts.verbose_name_plural},
            "page_obj": page,
            "may_recover": self.has_restore_permission(request, exists=False),
        }
        return TemplateResponse(request, self.recover_list_template, context)


def version_links(version, field):
    """The pks a version links to through a many-to-many field."""
    target = f"{field.m2m_reverse_field_name()}_id"
    return list(getattr(version, field.name).values_list(target, flat=True))


def restored_date(version):
    """The date whose related rows a version stands for. A deletion removes the related
    rows first: restoring it brings back those of the last version before it."""
    if version.history_type == "-" and version.prev_record is not None:
        return version.prev_record.history_date
    return version.history_date
