from modeltranslation.translator import TranslationOptions, register
from simple_history import register as record_history

from core.models import register_translated_history
from news.models import Edition, EditionMeeting, EditionPost, NewsPost


@register(NewsPost)
class NewsPostTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body", "image_alt")


@register(Edition)
class EditionTranslationOptions(TranslationOptions):
    # One PDF per language for the editions from before the platform.
    fields = ("editorial", "pdf")


register_translated_history(NewsPost, m2m_fields=["meetings", "partners", "domains", "actions"])
register_translated_history(Edition)
# The chosen posts and meetings are rows of their own, restored with their edition.
record_history(EditionPost, app="news")
record_history(EditionMeeting, app="news")
