"""The Lithuanian card rules as the default data (administrators change them in admin).

Employees and the self-employed: 4 years; pupils and students: until the end of the academic year
(31 August); registered unemployed: 2 months; pensioners: 5 years; children and other people insured by
the state: 4 years; voluntarily insured: 1 year. A card for a minor ends the day before the 18th birthday,
and no card is issued for less than 2 months (a provisional certificate is offered instead).
"""

from django.db import migrations

RULES = [
    ("employed", "months", 48, None, None),
    ("self_employed", "months", 48, None, None),
    ("pupil_or_student", "academic_year", None, 8, 31),
    ("unemployed", "months", 2, None, None),
    ("pensioner", "months", 60, None, None),
    ("child", "months", 48, None, None),
    ("state_insured", "months", 48, None, None),
    ("voluntary", "months", 12, None, None),
]


def load(apps, schema_editor):
    EhicRules = apps.get_model("ehic", "EhicRules")
    CardValidityRule = apps.get_model("ehic", "CardValidityRule")
    if not EhicRules.objects.exists():
        EhicRules.objects.create()  # the model's defaults are Lithuania's
    for category, kind, months, end_month, end_day in RULES:
        CardValidityRule.objects.get_or_create(
            category=category,
            defaults={
                "kind": kind,
                "months": months,
                "academic_year_end_month": end_month,
                "academic_year_end_day": end_day,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("ehic", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
