"""Form widgets and a form renderer that write their markup in one pass.

Django renders every option of a drop-down list, every checkbox and every label through
templates of their own: in the filter forms of the public lists, with hundreds of
options, that would be the slowest part of the list pages. These write the same markup
directly.

The quick widgets take ``keep``: a callable given a function that renders the widget's
markup with nothing chosen, which it may keep (in the cache, until the data changes);
the chosen values are then marked in it.
"""

from django import forms
from django.forms.renderers import DjangoTemplates
from django.forms.utils import flatatt
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe


def _render_now(render):
    return render()


class QuickSelect(forms.Select):
    """A drop-down list whose options are rendered in one pass."""

    def __init__(self, *args, keep=_render_now, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep = keep

    def render_options(self):
        return format_html_join(
            "", '<option value="{}">{}</option>', ((value, label) for value, label in self.choices)
        )

    def render(self, name, value, attrs=None, renderer=None):
        options = self.keep(self.render_options)
        for chosen in self.format_value(value):
            unmarked = format_html('<option value="{}">', chosen)
            options = options.replace(unmarked, unmarked[:-1] + " selected>", 1)
        final_attrs = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html("<select{}>{}</select>", flatatt(final_attrs), mark_safe(options))


class QuickCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes rendered in one pass, in the markup of Django's own."""

    def __init__(self, *args, keep=_render_now, **kwargs):
        super().__init__(*args, **kwargs)
        self.keep = keep

    def render_boxes(self, name, box_id):
        return format_html_join(
            "",
            '<div><label{}><input type="checkbox" name="{}" value="{}"{}> {}</label></div>',
            (
                (
                    format_html(' for="{}_{}"', box_id, index) if box_id else "",
                    name,
                    option,
                    format_html(' id="{}_{}"', box_id, index) if box_id else "",
                    label,
                )
                for index, (option, label) in enumerate(self.choices)
            ),
        )

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs or {})
        box_id = final_attrs.pop("id", None)
        boxes = self.keep(lambda: self.render_boxes(name, box_id))
        for chosen in {str(item) for item in self.format_value(value)}:
            unmarked = format_html(' value="{}"', chosen)
            boxes = boxes.replace(unmarked, f"{unmarked} checked", 1)
        return format_html(
            "<div{}>{}</div>", flatatt({"id": box_id} if box_id else {}), mark_safe(boxes)
        )


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


def _quick_select(context):
    widget = context["widget"]
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], flatatt(option["attrs"]), option["label"]) for option in options),
        )
        if group_name:
            rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
        groups.append(rendered)
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        flatatt(widget["attrs"]),
        mark_safe("".join(groups)),
    )


class QuickRenderer(DjangoTemplates):
    """Renders labels, text, number and date boxes and drop-down lists in one pass each,
    in the markup of Django's templates; anything else goes to those templates."""

    quick = {
        "django/forms/label.html": _quick_label,
        "django/forms/widgets/text.html": _quick_input,
        "django/forms/widgets/number.html": _quick_input,
        "django/forms/widgets/date.html": _quick_input,
        "django/forms/widgets/select.html": _quick_select,
    }

    def render(self, template_name, context, request=None):
        quick = self.quick.get(template_name)
        if quick is None:
            return super().render(template_name, context, request)
        return quick(context)


quick_renderer = QuickRenderer()
