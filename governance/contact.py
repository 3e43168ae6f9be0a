"""What a contact card holds beyond free text: working languages and phone numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

# The languages the partners of the dialogue work in, as Django names them.
WORKING_LANGUAGES = (
    "ar", "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "hr", "hu", "ig", "it",
    "lt", "lv", "nl", "no", "pl", "pt", "ro", "sk", "sl", "sv", "sw",
)  # fmt: skip

# Spaces, dots, hyphens and brackets group digits for the reader; they are not stored.
PHONE_SEPARATORS = re.compile(r"[\s.\-()]+")
INTERNATIONAL_PHONE = re.compile(r"\+[1-9]\d{6,14}")


# Names that Django's catalogues leave untranslated.
LANGUAGE_NAMES = {"no": _("Norwegian")}


def language_name(code):
    """The name of a working language in the active language."""
    return str(LANGUAGE_NAMES.get(code) or get_language_info(code)["name_translated"])


def working_language_choices():
    """(code, name) of the working languages, by name in the active language."""
    names = {code: language_name(code) for code in WORKING_LANGUAGES}
    return sorted(names.items(), key=lambda choice: choice[1].casefold())


def language_codes(text):
    """The codes of a stored list such as ``"fr, en"``, in their order."""
    return [code for code in re.split(r"[\s,;]+", text.strip().lower()) if code]


def language_names(text):
    """The names of the languages of a stored list, in the active language."""
    return [language_name(code) for code in language_codes(text) if code in WORKING_LANGUAGES]


def validate_language_codes(text):
    unknown = [code for code in language_codes(text) if code not in WORKING_LANGUAGES]
    if unknown:
        raise ValidationError(
            _("Choose working languages from the list (unknown: %(codes)s)."),
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )


def normalise_phone(text):
    """A phone number without its separators nor the national trunk prefix written "(0)";
    ``00`` before the country code becomes ``+``."""
    number = PHONE_SEPARATORS.sub("", text.replace("(0)", ""))
    return "+" + number[2:] if number.startswith("00") else number


def validate_international_phone(number):
    if number and not INTERNATIONAL_PHONE.fullmatch(number):
        raise ValidationError(
            _(
                "Enter the number in international form: + then the country code and the "
                "number, such as +221 33 123 45 67."
            ),
            code="phone_not_international",
        )
