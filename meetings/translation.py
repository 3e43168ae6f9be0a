from modeltranslation.settings import AVAILABLE_LANGUAGES as LANGUAGES
from modeltranslation.translator import TranslationOptions, register

from core.models import register_translated_history
from meetings.models import Document, Meeting


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "city", "date_note", "objectives", "outcomes", "participation_note")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    # One file and one link per language: the French and the English version of a text.
    fields = ("title", "file", "url", "text", "text_source")


# History after translation: the historical models copy the per-language fields. The
# chairs are rows of their own (MeetingRole), with their own history.
register_translated_history(
    Meeting, m2m_fields=["participants", "frameworks", "domains", "plan_objectives", "actions"]
)
register_translated_history(
    Document,
    m2m_fields=["domains", "partners"],
    excluded_fields=[f"{field}_{code}" for field in ("text", "text_source") for code in LANGUAGES],
)
