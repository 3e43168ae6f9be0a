from django.db import migrations

# PostgreSQL sorts text by the database's collation, often C.UTF-8, which puts every
# accented capital after Z: "Égypte" after "Tunisie", "Sénégal" after "Suède". The
# names of partners, which every French page lists, get ICU's root collation, which
# sorts accented letters with their base letter in both languages of the site. Other
# databases, and a PostgreSQL built without ICU, keep their own order.
COLLATION = "und-x-icu"
# Each column and its length, as the model declares it.
COLUMNS = {
    **dict.fromkeys(("name", "name_en", "name_fr"), 200),
    **dict.fromkeys(("short_name", "short_name_en", "short_name_fr"), 60),
}


def set_collation(schema_editor, collation):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [COLLATION])
        if cursor.fetchone() is None:
            return
    quote = schema_editor.quote_name
    for column, length in COLUMNS.items():
        schema_editor.execute(
            f"ALTER TABLE {quote('governance_partner')} ALTER COLUMN {quote(column)} "
            f"TYPE varchar({length}) COLLATE {quote(collation)}"
        )


def alphabetical(apps, schema_editor):
    set_collation(schema_editor, COLLATION)


def by_database_default(apps, schema_editor):
    set_collation(schema_editor, "default")


class Migration(migrations.Migration):

    dependencies = [
        ("governance", "0004_history"),
    ]

    operations = [
        migrations.RunPython(alphabetical, by_database_default),
    ]
