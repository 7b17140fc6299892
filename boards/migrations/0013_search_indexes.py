"""GIN indexes for the search across boards (boards/search.py), on PostgreSQL only.

Expression indexes, not a stored tsvector column: nothing has to keep them in step (the
history's writer, the imports, the minutes' edits, a person's rename or merge), nothing is
backfilled, and they cannot go stale. The price is that the search's WHERE clause must repeat
each indexed expression exactly as written here: boards/search.py builds them with Django's
SearchVector over the same fields (search.DOCUMENTS), and tests/test_search.py reads EXPLAIN to
hold the two together.

SQLite has no GIN indexes and no text search; its fallback (substring matches per word) needs
none, so there these operations do nothing, both ways.
"""

from django.db import migrations

# (index name, table, the fields joined into the document: search.DOCUMENTS)
INDEXES = (
    ("boards_action_search", "boards_action", ("reference", "description", "latest_comment")),
    ("boards_actionupdate_search", "boards_actionupdate", ("comment",)),
    ("boards_minuteitem_search", "boards_minuteitem", ("title", "text")),
    ("boards_resolution_search", "boards_resolution", ("text",)),
    ("boards_person_search", "boards_person", ("name",)),
)


def document_sql(fields):
    """The SQL Django's SearchVector(*fields, config="english") writes, unqualified."""
    joined = " || ' ' || ".join(f"COALESCE({field}, '')" for field in fields)
    return f"to_tsvector('english'::regconfig, {joined})"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, fields in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({document_sql(fields)})"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _fields in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0012_exempt_items"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
