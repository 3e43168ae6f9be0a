from django.db import migrations, models
from django.db.models import F, Q

# The public list in the order it shows, per language: published meetings newest first,
# undated ones last, then by title. A page of the list reads its keys from the index
# alone, however deep. They replace the newest-first index, which only had the date.
# PostgreSQL only: SQLite cannot index NULLS LAST.
NEWEST = models.Index(
    F("start").desc(nulls_last=True),
    name="meeting_published_newest",
    condition=Q(published=True),
)


def list_order_indexes():
    return [
        models.Index(
            F("start").desc(nulls_last=True),
            F(f"title_{language}"),
            F("id"),
            name=f"meeting_list_order_{language}",
            condition=Q(published=True),
        )
        for language in ("en", "fr")
    ]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        meeting = apps.get_model("meetings", "Meeting")
        for index in list_order_indexes():
            schema_editor.add_index(meeting, index)
        schema_editor.remove_index(meeting, NEWEST)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        meeting = apps.get_model("meetings", "Meeting")
        schema_editor.add_index(meeting, NEWEST)
        for index in list_order_indexes():
            schema_editor.remove_index(meeting, index)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0006_published_newest_index"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
