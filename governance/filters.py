import functools

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from governance.models import FocalPoint, Partner, Region, SteeringCommitteeMembership
from rabatprocess.page_cache import cached


class QuickSelect(forms.Select):
    """A drop-down list rendered in one pass: the template of a plain Select renders each
    of a list's hundreds of options separately, which made filter forms the slowest part
    of the list pages.

    ``options_html``, if given, is a callable that returns the options already rendered
    with none selected (from the cache, say); the chosen ones are then marked in it.
    """

    def __init__(self, *args, options_html=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.options_html = options_html or self.render_options

    def render_options(self):
        return format_html_join(
            "", '<option value="{}">{}</option>', ((value, label) for value, label in self.choices)
        )

    def render(self, name, value, attrs=None, renderer=None):
        options = self.options_html()
        for chosen in self.format_value(value):
            unmarked = format_html('<option value="{}">', chosen)
            options = options.replace(unmarked, unmarked[:-1] + " selected>", 1)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes rendered in one pass, in the markup of Django's own: its templates render
    each box and its label separately, a dozen includes for a list of kinds."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = {str(item) for item in self.format_value(value)}
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        box_id = final_attrs.pop("id", None)
        boxes = format_html_join(
            "",
            '<div><label{}><input type="checkbox" name="{}" value="{}"{}{}> {}</label></div>',
            (
                (
                    format_html(' for="{}_{}"', box_id, index) if box_id else "",
                    name,
                    option,
                    format_html(' id="{}_{}"', box_id, index) if box_id else "",
                    " checked" if str(option) in chosen else "",
                    label,
                )
                for index, (option, label) in enumerate(self.choices)
            ),
        )
        return format_html("<div{}>{}</div>", flatatt({"id": box_id} if box_id else {}), boxes)


def _quick_label(context):
    if not context["use_tag"]:
        return conditional_escape(context["label"])
    tag = context["tag"]
    return format_html("<{}{}>{}</{}>", tag, flatatt(context["attrs"] or {}), context["label"], tag)


def _quick_input(context):
    widget = context["widget"]
    value = "" if widget["value"] is None else format_html(' value="{}"', widget["value"])
    return format_html(
        '<input type="{}" name="{}"{}{}>',
        widget["type"],
        widget["name"],
        value,
        flatatt(widget["attrs"]),
    )


class QuickRenderer(DjangoTemplates):
    """Renders the labels and the text, number and date boxes of a form in one pass each,
    in the markup of Django's templates, which a filter form would otherwise render a
    dozen times; anything else goes to those templates."""

    quick = {
        "django/forms/label.html": _quick_label,
        "django/forms/widgets/text.html": _quick_input,
        "django/forms/widgets/number.html": _quick_input,
        "django/forms/widgets/date.html": _quick_input,
    }

    def render(self, template_name, context, request=None):
        quick = self.quick.get(template_name)
        if quick is None:
            return super().render(template_name, context, request)
        return quick(context)


quick_renderer = QuickRenderer()


class ListFilterSet(django_filters.FilterSet):
    """The filters of a public list: drop-down lists render quickly, and the options of
    those that list records are kept rendered in the cache until the data changes.

    The form's class is built once per filter set, as a form class is: no filter of
    these lists depends on the request.
    """

    _form_classes = {}

    def get_form_class(self):
        form_class = self._form_classes.get(type(self))
        if form_class is None:
            form_class = self._form_classes[type(self)] = super().get_form_class()
        return form_class

    @property
    def form(self):
        if not hasattr(self, "_form"):
            super().form.renderer = quick_renderer
            for name, field in self._form.fields.items():
                if type(field.widget) is forms.CheckboxSelectMultiple:
                    field.widget = QuickCheckboxes(attrs=field.widget.attrs, choices=field.choices)
                if type(field.widget) is not forms.Select:
                    continue
                widget = QuickSelect(attrs=field.widget.attrs, choices=field.choices)
                if isinstance(field, forms.ModelChoiceField):
                    kept_as = f"{type(self).__name__}:{name}"
                    # Read when the list is rendered: a feed validates filters only.
                    widget.options_html = functools.partial(
                        cached, f"options:{kept_as}", widget.render_options
                    )
                    field.to_python = functools.partial(known_record, field, f"records:{kept_as}")
                field.widget = widget
        return self._form


def known_record(field, kept_as, value):
    """The record chosen in a drop-down list of records, found among those the list
    offers, which are kept in the cache until the data changes: a list filtered by three
    of them would otherwise ask the database three times before its own query."""
    if value in field.empty_values:
        return None
    key = field.to_field_name or "pk"
    records = cached(
        kept_as, lambda: {str(getattr(record, key)): record for record in field.queryset}
    )
    try:
        return records[str(value)]
    except KeyError:
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        ) from None


class PartnerFilterSet(ListFilterSet):
    """The filters of the partner list."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    region = django_filters.ChoiceFilter(
        label=_("Region"), choices=Region.choices, empty_label=_("All")
    )
    kind = django_filters.ChoiceFilter(
        label=_("Country or organisation"), choices=Partner.Kind.choices, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Partner.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = Partner
        fields = ["q", "region", "kind", "status"]

    def search(self, queryset, name, value):
        return queryset.search(value)


class CommitteeFilterSet(ListFilterSet):
    """The steering committee on a chosen date."""

    date = django_filters.DateFilter(
        label=_("Members on"),
        method="on_date",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = SteeringCommitteeMembership
        fields = ["date"]

    def on_date(self, queryset, name, value):
        return queryset.on(value)


class FocalPointFilterSet(ListFilterSet):
    """The directory of focal points and thematic contacts."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    partner = django_filters.ModelChoiceFilter(
        label=_("Partner"),
        to_field_name="slug",
        queryset=Partner.objects.all(),
        empty_label=_("All"),
    )
    region = django_filters.ChoiceFilter(
        label=_("Region"),
        field_name="partner__region",
        choices=Region.choices,
        empty_label=_("All"),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=FocalPoint.Role.choices, empty_label=_("All")
    )

    class Meta:
        model = FocalPoint
        fields = []

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(
                Q(user__first_name__icontains=word)
                | Q(user__last_name__icontains=word)
                | Q(email__icontains=word)
                | Q(institution__icontains=word)
                | Q(theme__icontains=word)
                | Q(partner__name_en__icontains=word)
                | Q(partner__name_fr__icontains=word)
            )
        return queryset
