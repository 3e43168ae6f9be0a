from modeltranslation.translator import TranslationOptions, register

from core.models import register_translated_history
from recommendations.models import Forum, Recommendation, ReportingRound


@register(Recommendation)
class RecommendationTranslationOptions(TranslationOptions):
    fields = ("text", "addressee_note")


@register(ReportingRound)
class ReportingRoundTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Forum)
class ForumTranslationOptions(TranslationOptions):
    fields = ("title", "description")


# History after translation: the historical models copy the per-language fields.
register_translated_history(
    Recommendation, m2m_fields=["addressees", "domains", "objectives", "actions"]
)
register_translated_history(ReportingRound, m2m_fields=["actions", "recommendations"])
register_translated_history(Forum)
