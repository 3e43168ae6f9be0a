from modeltranslation.translator import TranslationOptions, register

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
