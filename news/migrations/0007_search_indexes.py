from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# One GIN index per language on the expression core.search.search_vector() builds for
# news posts (title, summary, body); PostgreSQL only.
CONFIGS = {"en": "rabat_english", "fr": "rabat_french"}


def indexes():
    return [
        GinIndex(
            SearchVector(
                f"title_{language}", f"summary_{language}", f"body_{language}", config=config
            ),
            name=f"newspost_search_{language}",
        )
        for language, config in CONFIGS.items()
    ]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in indexes():
            schema_editor.add_index(apps.get_model("news", "NewsPost"), index)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in indexes():
            schema_editor.remove_index(apps.get_model("news", "NewsPost"), index)


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_unaccented_search"),
        ("news", "0006_news_notices"),
    ]

    operations = [
        migrations.RunPython(create, drop),
    ]
