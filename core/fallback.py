"""Content in the page's language, or in another one, said so in the page's language."""

from django.conf import settings
from django.utils.translation import get_language, get_language_info, gettext, gettext_lazy
from modeltranslation.utils import build_localized_fieldname


def in_some_language(obj, field):
    """``(text, language)``: the field in the current language, or else in the first other
    language that has it (``("", None)`` when none has)."""
    current = get_language()
    value = getattr(obj, build_localized_fieldname(field, current), None)
    if value:
        return value, current
    for code, _name in settings.LANGUAGES:
        fallback = getattr(obj, build_localized_fieldname(field, code), None)
        if code != current and fallback:
            return fallback, code
    return "", None


def is_fallback(language):
    return language not in (None, get_language())


# The languages of the site, as a text's language is named after it.
IN_LANGUAGE = {"en": gettext_lazy("in English"), "fr": gettext_lazy("in French")}


def fallback_marker(language):
    """ "in English", "en anglais": the language of a text, named in the page's language."""
    if language in IN_LANGUAGE:
        return str(IN_LANGUAGE[language])
    name = get_language_info(language)["name_translated"]
    return gettext("in %(language)s") % {"language": name}


def marked_text(obj, field):
    """The field as plain text, followed by its language where it falls back: for places
    that cannot hold markup, such as the options of a select."""
    text, language = in_some_language(obj, field)
    if is_fallback(language):
        return f"{text} ({fallback_marker(language)})"
    return text
