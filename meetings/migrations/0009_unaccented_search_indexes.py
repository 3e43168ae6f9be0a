from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

# The search indexes of meetings again, on the expression core.search.search_vector()
# now builds: with the configurations that strip accents (core 0004). PostgreSQL only.
OLD = {"en": "english", "fr": "french"}
NEW = {"en": "rabat_english", "fr": "rabat_french"}


def indexes(configs):
    return [
        GinIndex(
            SearchVector(f"title_{language}", f"city_{language}", config=config),
            name=f"meeting_search_{language}",
        )
        for language, config in configs.items()
    ]


def replace(old, new):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model("meetings", "Meeting")
        for index in indexes(old):
            schema_editor.remove_index(model, index)
        for index in indexes(new):
            schema_editor.add_index(model, index)

    return run


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_unaccented_search"),
        ("meetings", "0008_meeting_reminders"),
    ]

    operations = [
        migrations.RunPython(replace(OLD, NEW), replace(NEW, OLD)),
    ]
