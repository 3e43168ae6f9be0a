from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# One GIN index per language on the expression that governance.search.search_vector()
# builds for meetings; PostgreSQL only, other databases search without them.
SEARCH_CONFIGS = {"en": "english", "fr": "french"}


def search_indexes():
    return [
        GinIndex(
            SearchVector(f"title_{language}", f"city_{language}", config=config),
            name=f"meeting_search_{language}",
        )
        for language, config in SEARCH_CONFIGS.items()
    ]


def create_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in search_indexes():
            schema_editor.add_index(apps.get_model("meetings", "Meeting"), index)


def drop_search_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in search_indexes():
            schema_editor.remove_index(apps.get_model("meetings", "Meeting"), index)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0004_history"),
    ]

    operations = [
        migrations.RunPython(create_search_indexes, drop_search_indexes),
    ]
