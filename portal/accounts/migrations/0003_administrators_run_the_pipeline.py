"""Administrators look after what happens after "Send": delivery routes and deliveries, the institutions'
API credentials, issued documents and the letters waiting to be printed."""

from importlib import import_module

from django.db import migrations

ADDED_PERMISSIONS = {
    "administrator": [
        "backoffice.view_deliveryroute",
        "backoffice.add_deliveryroute",
        "backoffice.change_deliveryroute",
        "backoffice.view_delivery",
        "backoffice.change_delivery",
        "backoffice.view_apicredential",
        "backoffice.add_apicredential",
        "backoffice.change_apicredential",
        "documents.view_document",
        "notifications.view_notification",
        "notifications.change_notification",
    ],
}

_roles = import_module("portal.accounts.migrations.0002_roles")


def add_permissions(apps, schema_editor):
    _roles.create_roles(apps, schema_editor)  # the permissions of new models exist only after this
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in ADDED_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role, permissions in ADDED_PERMISSIONS.items():
        group = Group.objects.get(name=role)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            group.permissions.remove(
                *group.permissions.filter(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_roles"),
        ("backoffice", "0002_apicredential"),
        ("documents", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [migrations.RunPython(add_permissions, remove_permissions)]
