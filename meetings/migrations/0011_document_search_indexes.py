from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# One GIN index per language on the expression core.search.search_vector() builds for
# documents (their title and the text of their file); PostgreSQL only.
CONFIGS = {"en": "rabat_english", "fr": "rabat_french"}


def indexes():
    return [
        GinIndex(
            SearchVector(f"title_{language}", f"text_{language}", config=config),
            name=f"document_search_{language}",
        )
        for language, config in CONFIGS.items()
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in indexes():
            schema_editor.add_index(apps.get_model("meetings", "Document"), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in indexes():
            schema_editor.remove_index(apps.get_model("meetings", "Document"), index)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_unaccented_search"),
        ("meetings", "0010_document_texts"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
