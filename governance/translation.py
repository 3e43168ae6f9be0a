from modeltranslation.translator import TranslationOptions, register

from core.models import register_translated_history
from governance.models import Action, Domain, Framework, Objective, Partner, Presidency


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "name_with_article", "name_with_in", "name_with_of")


@register(Presidency)
class PresidencyTranslationOptions(TranslationOptions):
    fields = ("motto", "priorities", "handover_note")


@register(Framework)
class FrameworkTranslationOptions(TranslationOptions):
    fields = ("name", "short_name", "summary")


@register(Domain)
class DomainTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Objective)
class ObjectiveTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Action)
class ActionTranslationOptions(TranslationOptions):
    fields = ("title",)


# History after translation: the historical models copy the per-language fields.
for model in (Partner, Presidency, Framework, Domain, Objective, Action):
    register_translated_history(model)
