from modeltranslation.translator import TranslationOptions, register

from governance.models import Action, Domain, Framework, Objective, Partner, Presidency


@register(Partner)
class PartnerTranslationOptions(TranslationOptions):
    fields = ("name", "short_name")


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
