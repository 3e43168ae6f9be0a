from modeltranslation.translator import TranslationOptions, register

from meetings.models import Document, Meeting


@register(Meeting)
class MeetingTranslationOptions(TranslationOptions):
    fields = ("title", "city", "date_note", "objectives", "outcomes", "participation_note")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    # One file and one link per language: the French and the English version of a text.
    fields = ("title", "file", "url")
