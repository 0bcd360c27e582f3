"""The unkeyed chain's columns go: migration 0003 verified them and sealed every event into the keyed
chain. (A separate migration: PostgreSQL refuses to alter a table in the transaction that still has
deferred constraint checks pending on it, as 0003's seals have.)

SQLite (development) drops columns by rebuilding the table, which loses its triggers: the trigger that
puts new events on the sealer's list is created again afterwards.
"""

from django.db import migrations

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS audit_event_to_seal AFTER INSERT ON audit_auditevent
BEGIN
    INSERT INTO audit_unsealedevent (event_id) VALUES (NEW.id);
END;
"""


def sqlite_trigger_create(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(SQLITE_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_keyed_chain")]

    operations = [
        migrations.AlterModelOptions(
            name="auditevent",
            options={
                "default_permissions": ("view",),
                "ordering": ["id"],
                "verbose_name": "audit event",
                "verbose_name_plural": "audit events",
            },
        ),
        migrations.RemoveField(model_name="auditevent", name="sequence"),
        migrations.RemoveField(model_name="auditevent", name="previous_hash"),
        migrations.RemoveField(model_name="auditevent", name="hash"),
        migrations.RunPython(sqlite_trigger_create, migrations.RunPython.noop),
    ]
