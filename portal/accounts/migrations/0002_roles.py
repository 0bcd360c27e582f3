"""Create the three role groups with their permissions (see portal/accounts/roles.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE_PERMISSIONS = {
    "citizen": [],
    "caseworker": ["accounts.act_on_behalf"],
    "administrator": [
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_caseworker_report",
        "institutions.view_institution",
        "institutions.add_institution",
        "institutions.change_institution",
        "institutions.view_office",
        "institutions.add_office",
        "institutions.change_office",
        "audit.view_auditevent",
        "pages.view_feedback",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations ran; the groups need them now.
    for app_config in apps.get_app_configs():
        models_module, app_config.models_module = getattr(app_config, "models_module", None), True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for dotted in permissions:
            app_label, codename = dotted.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("institutions", "0001_initial"),
        ("audit", "0001_initial"),
        ("pages", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
