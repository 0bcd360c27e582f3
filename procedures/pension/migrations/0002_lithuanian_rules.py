"""The Lithuanian pension rules as the default data (administrators change them in admin), with two other
states' ages as examples.

Lithuania, statutory old-age pension age (Law on State Social Insurance Pensions, Art. 21 and 57(2) as
amended on 9 June 2011, No XI-1250; kept by the Law on Social Insurance Pensions in force since 2018): from
1 January 2012 the age rises every year by 4 months for women (from 60) and by 2 months for men (from
62 years 6 months) until it is 65 for both in 2026. The age that applies is the age of the calendar year
in which the person reaches it, so each year's age covers the people born on the dates that reach it that
year; the table below follows that rule (tests/procedures/pension/test_lithuanian_table.py checks it) and
agrees with the table by date of birth published in the press (finopus.lt, "Kada išeisiu į pensiją:
lentelė"; Sodra offers a calculator instead), except for one day: the published men's table ends the 2019 row on 28 February 1956,
while by the rule a man born on 29 February 1956 reaches 63 years 10 months on 29 December 2019, so in
that row (marked "to verify"). The early old-age pension (išankstinė senatvės pensija) may start at most
5 years before the person's own age (Sodra's page on it: "iki senatvės pensijos amžiaus likus penkeriems
metams"; EURAXESS Lithuania: "within five years of retirement age"), hence the early ages.
People born before 1952 (women) or July 1949 (men) reached their age before 2012, under earlier rules
with lower ages; their rows keep the last age before the rise and say so.

Sodra: a claim may be made no earlier than 3 months before the pension age (sodra.lt, "Kada kreiptis į
Sodrą?": "likus ne daugiau nei trims mėnesiams iki senatvės pensijos amžiaus").

Bilateral agreements on pensions (Sodra, as published on renkuosilietuva.lt, updated 30 September 2024):
Russia, Belarus, Ukraine, Moldova and Canada; one with the United States was still being negotiated, so
it is not in the list. Treaty texts seen: Belarus (4 February 1999), Russia (29 June 1999), Canada (signed
5 July 2005, in force 1 November 2006).

The United Kingdom: old-age pension periods are coordinated under the Protocol on Social Security
Coordination of the EU–UK Trade and Cooperation Agreement, so periods there are covered.

Minimum age for periods: 14. Directive 94/33/EC on young people at work lets member states allow light
work and combined work and training from 14 (13 only for light work of a few hours), and Lithuania
allows light work from 14. A period starting earlier is only a warning, so the rare real case goes on.

Lithuania has no statutory pre-retirement benefit.

Examples (optional data): Germany's Regelaltersgrenze, § 235(2) SGB VI: 65 for people born before 1947,
then one month more per year of birth to 66 for 1958 and two months more per year to 67 for 1964 and
later. Poland: 60 for women and 65 for men since 1 October 2017 (the Act of 16 November 2016 reversing
the rise to 67); people born earlier reached their age under the 2013–2017 rules and have no row (the
state decides).
"""

import datetime

from django.db import migrations

D = datetime.date
EARLY_NOTE = "Early pension: at most 5 years before the age."


def _lithuania():
    """(sex, born_from, born_to, years, months, note); the early age is always 5 years less."""
    before = "Reached before 2012 under earlier rules (lower ages for earlier births)."
    rows = [
        ("female", None, D(1951, 12, 31), 60, 0, before),
        ("female", D(1952, 1, 1), D(1952, 8, 31), 60, 4, "Reached in 2012."),
        ("female", D(1952, 9, 1), D(1953, 4, 30), 60, 8, "Reached in 2013."),
        ("female", D(1953, 5, 1), D(1953, 12, 31), 61, 0, "Reached in 2014."),
        ("female", D(1954, 1, 1), D(1954, 8, 31), 61, 4, "Reached in 2015."),
        ("female", D(1954, 9, 1), D(1955, 4, 30), 61, 8, "Reached in 2016."),
        ("female", D(1955, 5, 1), D(1955, 12, 31), 62, 0, "Reached in 2017."),
        ("female", D(1956, 1, 1), D(1956, 8, 31), 62, 4, "Reached in 2018."),
        ("female", D(1956, 9, 1), D(1957, 4, 30), 62, 8, "Reached in 2019."),
        ("female", D(1957, 5, 1), D(1957, 12, 31), 63, 0, "Reached in 2020."),
        ("female", D(1958, 1, 1), D(1958, 8, 31), 63, 4, "Reached in 2021."),
        ("female", D(1958, 9, 1), D(1959, 4, 30), 63, 8, "Reached in 2022."),
        ("female", D(1959, 5, 1), D(1959, 12, 31), 64, 0, "Reached in 2023."),
        ("female", D(1960, 1, 1), D(1960, 8, 31), 64, 4, "Reached in 2024."),
        ("female", D(1960, 9, 1), D(1961, 4, 30), 64, 8, "Reached in 2025."),
        ("male", None, D(1949, 6, 30), 62, 6, before),
        ("male", D(1949, 7, 1), D(1950, 4, 30), 62, 8, "Reached in 2012."),
        ("male", D(1950, 5, 1), D(1951, 2, 28), 62, 10, "Reached in 2013."),
        ("male", D(1951, 3, 1), D(1951, 12, 31), 63, 0, "Reached in 2014."),
        ("male", D(1952, 1, 1), D(1952, 10, 31), 63, 2, "Reached in 2015."),
        ("male", D(1952, 11, 1), D(1953, 8, 31), 63, 4, "Reached in 2016."),
        ("male", D(1953, 9, 1), D(1954, 6, 30), 63, 6, "Reached in 2017."),
        ("male", D(1954, 7, 1), D(1955, 4, 30), 63, 8, "Reached in 2018."),
        (
            "male",
            D(1955, 5, 1),
            D(1956, 2, 29),
            63,
            10,
            "Reached in 2019. To verify: the published table ends this row on 28 February 1956, but a man "
            "born on 29 February 1956 reaches 63 years 10 months on 29 December 2019.",
        ),
        ("male", D(1956, 3, 1), D(1956, 12, 31), 64, 0, "Reached in 2020."),
        ("male", D(1957, 1, 1), D(1957, 10, 31), 64, 2, "Reached in 2021."),
        ("male", D(1957, 11, 1), D(1958, 8, 31), 64, 4, "Reached in 2022."),
        ("male", D(1958, 9, 1), D(1959, 6, 30), 64, 6, "Reached in 2023."),
        ("male", D(1959, 7, 1), D(1960, 4, 30), 64, 8, "Reached in 2024."),
        ("male", D(1960, 5, 1), D(1961, 2, 28), 64, 10, "Reached in 2025."),
        ("male", D(1961, 3, 1), D(1961, 4, 30), 65, 0, "Reached in 2026."),
        ("", D(1961, 5, 1), None, 65, 0, "65 for women and men from 2026."),
    ]
    return [
        {
            "state": "LT",
            "sex": sex,
            "born_from": born_from,
            "born_to": born_to,
            "years": years,
            "months": months,
            "early_years": years - 5,
            "early_months": months,
            "note": f"{note} {EARLY_NOTE}",
        }
        for sex, born_from, born_to, years, months, note in rows
    ]


def _germany():
    source = "§ 235(2) SGB VI. German law completes an age the day before the birthday; the portal counts the birthday."
    rows = [{"born_from": None, "born_to": D(1946, 12, 31), "years": 65, "months": 0}]
    for year in range(1947, 1964):
        months = year - 1946 if year <= 1958 else 12 + 2 * (year - 1958)
        rows.append(
            {
                "born_from": D(year, 1, 1),
                "born_to": D(year, 12, 31),
                "years": 65 + months // 12,
                "months": months % 12,
            }
        )
    rows.append({"born_from": D(1964, 1, 1), "born_to": None, "years": 67, "months": 0})
    return [{"state": "DE", "sex": "", "note": source, **row} for row in rows]


def _poland():
    source = "Since 1 October 2017 (Act of 16 November 2016). Earlier births: to verify."
    return [
        {
            "state": "PL",
            "sex": "female",
            "born_from": D(1957, 10, 1),
            "born_to": None,
            "years": 60,
            "months": 0,
            "note": source,
        },
        {
            "state": "PL",
            "sex": "male",
            "born_from": D(1952, 10, 1),
            "born_to": None,
            "years": 65,
            "months": 0,
            "note": source,
        },
    ]


SETTINGS = {
    "advance_window_months": 3,
    "minimum_period_age": 14,
    "united_kingdom": True,
    "bilateral_states": "BY,CA,MD,RU,UA",
    "pre_retirement_scheme": False,
}


def load(apps, schema_editor):
    PensionSettings = apps.get_model("pension", "PensionSettings")
    PensionAgeRule = apps.get_model("pension", "PensionAgeRule")
    if not PensionSettings.objects.exists():
        PensionSettings.objects.create(**SETTINGS)
    for row in _lithuania() + _germany() + _poland():
        key = {name: row.pop(name) for name in ("state", "sex", "born_from", "born_to")}
        PensionAgeRule.objects.get_or_create(**key, defaults=row)


class Migration(migrations.Migration):
    dependencies = [("pension", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
