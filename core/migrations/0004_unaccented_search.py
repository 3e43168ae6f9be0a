# Text search that ignores accents, on PostgreSQL: the unaccent extension (trusted since
# PostgreSQL 13, so the site's own role may create it) and, for each stemmer the platform
# uses, a copy of PostgreSQL's configuration that strips accents before stemming. The
# names are those core.search.search_config() gives. Other databases have nothing to do.

from django.db import migrations

CONFIGS = {"rabat_english": "english", "rabat_french": "french", "rabat_simple": "simple"}


def create_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        for name, base in CONFIGS.items():
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")
            cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {base})")
            stem = "simple" if base == "simple" else f"{base}_stem"
            cursor.execute(
                f"ALTER TEXT SEARCH CONFIGURATION {name} "
                f"ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem}"
            )


def drop_configs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in CONFIGS:
            cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0003_reporting_purposes"),
    ]

    operations = [
        migrations.RunPython(create_configs, drop_configs),
    ]
