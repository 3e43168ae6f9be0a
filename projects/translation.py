from modeltranslation.translator import TranslationOptions, register

from core.models import register_translated_history
from projects.models import Project


@register(Project)
class ProjectTranslationOptions(TranslationOptions):
    fields = ("title", "summary")


register_translated_history(
    Project,
    m2m_fields=["countries", "implementers", "funders", "domains", "objectives", "actions"],
)
