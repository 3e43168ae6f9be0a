"""Frameworks and their levels: domain -> objective -> action, and the crosswalk."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from core.admin.base import (
    ChoiceLabelsMixin,
    MissingTranslationFilter,
    StampedAdmin,
    TranslatedAdmin,
    TranslatedTabularInline,
    with_record,
)
from core.admin.deletion import RefuseDeletingReferencedFormSet, RefuseDeletingReferencedMixin
from core.models import localized_fields
from governance.admin.partners import SOURCES_FIELDSET
from governance.models import Action, ActionCrosswalk, Domain, Framework, Objective
from governance.models.frameworks import with_implied_levels

SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


class ImpliedPlanLevelsFormMixin:
    """Form mixin: coverage derives upward, so the domains and objectives that the chosen
    actions and objectives imply are added to those chosen (``with_implied_levels``).

    ``plan_level_fields`` names the form's domains, objectives and actions fields.
    """

    plan_level_fields = ("domains", "objectives", "actions")

    def clean(self):
        cleaned_data = super().clean()
        domains, objectives, actions = self.plan_level_fields
        if all(name in cleaned_data for name in self.plan_level_fields):
            cleaned_data[domains], cleaned_data[objectives] = with_implied_levels(
                domains=cleaned_data[domains],
                objectives=cleaned_data[objectives],
                actions=cleaned_data[actions],
            )
        return cleaned_data


class PlanLevelInline(TranslatedTabularInline):
    """A level of the plan edited under its framework, its parent chosen in that framework."""

    parent_field = None
    formset = RefuseDeletingReferencedFormSet
    extra = 0
    ordering = ("sort_order", "number")
    show_change_link = True
    formfield_overrides = SHORT_TEXT

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.parent_field:
            framework_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = (
                db_field.related_model.objects.filter(framework_id=framework_id)
                .select_related("framework")
                .order_by("sort_order", "number")
            )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == self.parent_field:
            # Evaluated once, not once per row: a plan has dozens of actions.
            field.choices = list(field.choices)
        return field


class DomainInline(PlanLevelInline):
    model = Domain
    fields = ("number", "sort_order", "title")


class ObjectiveInline(PlanLevelInline):
    model = Objective
    parent_field = "domain"
    fields = ("number", "sort_order", "domain", "transversal", "part_of", "title")


class ActionInline(PlanLevelInline):
    model = Action
    parent_field = "objective"
    fields = ("number", "sort_order", "objective", "title")
    classes = ("collapse",)


@admin.register(Framework)
class FrameworkAdmin(RefuseDeletingReferencedMixin, StampedAdmin, TranslatedAdmin):
    list_display = (
        "short_name",
        "name",
        "kind",
        "domain_level",
        "adopted_on",
        "years",
        "domain_count",
        "objective_count",
        "action_count",
        "translation_status",
    )
    list_filter = (MissingTranslationFilter, "kind", "domain_level")
    search_fields = (*localized_fields("name", "short_name"), "slug")
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = (DomainInline, ObjectiveInline, ActionInline)
    fieldsets = with_record(
        (_("Framework"), {"fields": ("name", "short_name", "slug", "kind", "domain_level")}),
        (_("Dates"), {"fields": ("adopted_on", ("first_year", "last_year"))}),
        (
            _("Content"),
            {"fields": ("summary", ("stated_domains", "stated_objectives", "stated_actions"))},
        ),
        SOURCES_FIELDSET,
    )

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                domains_recorded=Count("domains", distinct=True),
                objectives_recorded=Count("objectives", distinct=True),
                actions_recorded=Count("actions", distinct=True),
            )
        )

    @admin.display(description=_("years"), ordering="first_year")
    def years(self, framework):
        return framework.years

    @admin.display(description=_("domains"), ordering="domains_recorded")
    def domain_count(self, framework):
        return framework.domains_recorded

    @admin.display(description=_("objectives"), ordering="objectives_recorded")
    def objective_count(self, framework):
        return framework.objectives_recorded

    @admin.display(description=_("actions"), ordering="actions_recorded")
    def action_count(self, framework):
        return framework.actions_recorded


class PlanLevelAdmin(RefuseDeletingReferencedMixin, StampedAdmin, TranslatedAdmin):
    """A level of a plan. Wherever it is chosen (autocompletes, chosen values) it names its
    framework, "Cadiz Action Plan · Action 17 – …", and the framework in force comes first."""

    list_filter = (MissingTranslationFilter, "framework")
    list_select_related = ("framework",)
    search_fields = ("number", *localized_fields("title", "framework__short_name"))
    autocomplete_fields = ("framework",)
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 3})}}

    def get_queryset(self, request):
        # Every label names the framework, also in autocompletes.
        # (The changelist ignores list_select_related once the queryset has its own.)
        return super().get_queryset(request).select_related(*self.list_select_related)

    def get_search_results(self, request, queryset, search_term):
        # The changelist applies its own ordering afterwards; autocompletes keep this one.
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        return queryset.in_force_first(), may_have_duplicates

    @staticmethod
    def choice_label(level):
        return f"{level.framework} · {Truncator(level.display_title).chars(140)}"

    @staticmethod
    def choice_queryset(queryset):
        return queryset.select_related("framework").in_force_first()


@admin.register(Domain)
class DomainAdmin(PlanLevelAdmin):
    list_display = ("number", "title", "framework", "sort_order", "translation_status")
    fieldsets = with_record(
        (_("Domain"), {"fields": ("framework", ("number", "sort_order"), "title")}),
        SOURCES_FIELDSET,
    )


@admin.register(Objective)
class ObjectiveAdmin(PlanLevelAdmin):
    list_display = ("number", "title", "domain", "framework", "sort_order", "translation_status")
    list_filter = (*PlanLevelAdmin.list_filter, "transversal")
    list_select_related = ("framework", "domain__framework")
    autocomplete_fields = ("framework", "domain")
    fieldsets = with_record(
        (
            _("Objective"),
            {
                "fields": (
                    "framework",
                    ("number", "sort_order", "part_of"),
                    ("domain", "transversal"),
                    "title",
                )
            },
        ),
        SOURCES_FIELDSET,
    )


class CrosswalkInline(ChoiceLabelsMixin, admin.TabularInline):
    model = ActionCrosswalk
    fk_name = "action"
    extra = 0
    autocomplete_fields = ("earlier_action",)
    verbose_name = _("earlier action continued")
    verbose_name_plural = _("earlier actions continued")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("earlier_action__framework")


@admin.register(Action)
class ActionAdmin(PlanLevelAdmin):
    list_display = ("number", "title", "objective", "framework", "sort_order", "translation_status")
    list_select_related = ("framework", "objective")
    autocomplete_fields = ("framework", "objective")
    inlines = (CrosswalkInline,)
    fieldsets = with_record(
        (_("Action"), {"fields": ("framework", ("number", "sort_order"), "objective", "title")}),
        SOURCES_FIELDSET,
    )


@admin.register(ActionCrosswalk)
class ActionCrosswalkAdmin(StampedAdmin, admin.ModelAdmin):
    list_display = ("action", "action_framework", "earlier_action", "earlier_framework")
    list_filter = ("action__framework", "earlier_action__framework")
    list_select_related = ("action__framework", "earlier_action__framework")
    search_fields = (
        "action__number",
        "earlier_action__number",
        *localized_fields("action__title", "earlier_action__title"),
    )
    autocomplete_fields = ("action", "earlier_action")
    fieldsets = with_record((_("Crosswalk"), {"fields": ("action", "earlier_action")}))

    @admin.display(description=_("framework"), ordering="action__framework")
    def action_framework(self, crosswalk):
        return crosswalk.action.framework

    @admin.display(description=_("earlier framework"), ordering="earlier_action__framework")
    def earlier_framework(self, crosswalk):
        return crosswalk.earlier_action.framework
