"""The unkeyed chain's columns go: migration 0003 verified them and sealed every event into the keyed
chain. (A separate migration: PostgreSQL refuses to alter a table in the transaction that still has
deferred constraint checks pending on it, as 0003's seals have.)"""

from django.db import migrations


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
    ]
