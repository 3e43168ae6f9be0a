from modeltranslation.translator import TranslationOptions, register

from core.models import register_translated_history
from pages.models import Page


@register(Page)
class PageTranslationOptions(TranslationOptions):
    fields = ("title", "body")


register_translated_history(Page)
