"""The forms of the thematic forums: a new thread and a reply, both plain text."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.forms import StatedLimitsMixin
from recommendations.forums.services import MAX_POST_LENGTH, normalise_body
from recommendations.models import Thread


class PlainTextField(forms.CharField):
    """A message in plain text; line endings count as one character, as browsers count them."""

    widget = forms.Textarea(attrs={"rows": 8, "cols": 60})

    def to_python(self, value):
        return normalise_body(super().to_python(value))


def message_field():
    return PlainTextField(
        label=_("Message"),
        max_length=MAX_POST_LENGTH,
        help_text=_("Plain text; web addresses become links."),
        error_messages={"required": _("Write a message.")},
    )


class ReplyForm(StatedLimitsMixin, forms.Form):
    body = message_field()


class ThreadForm(StatedLimitsMixin, forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=Thread._meta.get_field("title").max_length,
        error_messages={
            "required": _("Give the thread a title."),
            "max_length": ngettext_lazy(
                "Shorten the title to %(limit_value)d character at most (it has "
                "%(show_value)d); the message can say more.",
                "Shorten the title to %(limit_value)d characters at most (it has "
                "%(show_value)d); the message can say more.",
                "limit_value",
            ),
        },
    )
    body = message_field()
