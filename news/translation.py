from modeltranslation.translator import TranslationOptions, register

from core.models import register_translated_history
from news.models import NewsPost


@register(NewsPost)
class NewsPostTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")


register_translated_history(NewsPost, m2m_fields=["meetings", "partners", "domains", "actions"])
