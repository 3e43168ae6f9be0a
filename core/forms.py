"""Form helpers shared by the apps."""

from django.utils.formats import number_format
from django.utils.translation import ngettext


class StatedLimitsMixin:
    """Forms whose text fields state their length limit in their help text.

    The browser is not told the limit (no ``maxlength``), since it would silently cut a
    pasted text; the server refuses a text too long with a message that says by how much.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            limit = getattr(field, "max_length", None)
            if not limit:
                continue
            field.widget.attrs.pop("maxlength", None)
            stated = ngettext(
                "At most %(limit)s character.", "At most %(limit)s characters.", limit
            ) % {"limit": number_format(limit, force_grouping=True)}
            field.help_text = f"{field.help_text} {stated}" if field.help_text else stated
