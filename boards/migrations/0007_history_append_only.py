"""History is append-only in the database too, and minutes are never deleted with a meeting.

On PostgreSQL a trigger refuses any UPDATE or DELETE of a history row (action updates,
refused changes, published logs), from the app or from SQL. The one way round it is
for a documented procedure (erasing a person's data) to set boards.allow_history_rewrite
to 'on' for its own transaction: SET LOCAL boards.allow_history_rewrite = 'on'.
TRUNCATE (a test database's flush, a full restore) is not a row change and still works.
SQLite has no such setting; there the app's own guards apply (AppendOnlyQuerySet,
the models' save() and delete()).
"""

import django.db.models.deletion
from django.db import migrations, models

HISTORY_TABLES = ("boards_actionupdate", "boards_refusedchange", "boards_publishedlog")

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION boards_history_is_append_only() RETURNS trigger AS $$
BEGIN
    IF current_setting('boards.allow_history_rewrite', true) = 'on' THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    RAISE EXCEPTION 'History is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
"""


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE_FUNCTION, None)  # None: the % in it are not placeholders
    for table in HISTORY_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION boards_history_is_append_only()"
        )


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in HISTORY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS boards_history_is_append_only()")


class Migration(migrations.Migration):
    dependencies = [
        ("boards", "0006_limits"),
    ]

    operations = [
        migrations.AlterField(
            model_name="minuteitem",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="items", to="boards.meeting"
            ),
        ),
        migrations.AlterField(
            model_name="resolution",
            name="minute_item",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="resolutions",
                to="boards.minuteitem",
            ),
        ),
        migrations.RunPython(add_triggers, drop_triggers),
    ]
