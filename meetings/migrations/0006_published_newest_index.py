from django.db import migrations, models
from django.db.models import F, Q

# The public list: published meetings, newest first, undated ones last. PostgreSQL only:
# SQLite cannot index NULLS LAST, and already sorts NULL last when descending.
INDEX = models.Index(
    F("start").desc(nulls_last=True),
    name="meeting_published_newest",
    condition=Q(published=True),
)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("meetings", "Meeting"), INDEX)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("meetings", "Meeting"), INDEX)


class Migration(migrations.Migration):

    dependencies = [
        ("meetings", "0005_search_indexes"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index),
    ]
