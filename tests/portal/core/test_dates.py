"""Dates as people read them: GOV.UK style in English, the Lithuanian norm in Lithuanian, always in
Vilnius time, written by one function (``human_date``) and its template filter."""

import datetime
import zoneinfo

import pytest
from django.template import Context, Template
from django.utils import timezone, translation
from django.utils.formats import date_format

from portal.core.formats.dates import human_date

UTC = datetime.UTC
VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")
# Fixed calendar values are only formatted here: nothing compares them with today.
WINTER_EVENING_UTC = datetime.datetime(2026, 11, 29, 22, 36, tzinfo=UTC)  # 00:36 on 30 November in Vilnius
SUMMER_EVENING_UTC = datetime.datetime(2027, 7, 1, 21, 30, tzinfo=UTC)  # 00:30 on 2 July (UTC+3)
MIDNIGHT_IN_VILNIUS = datetime.datetime(2026, 11, 30, 22, 0, tzinfo=UTC)
SINGLE_DIGIT_DAY = datetime.date(2027, 3, 5)

LITHUANIAN_MONTHS = [
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "5 March 2027"), ("lt", "2027 m. kovo 5 d.")],
)
def test_a_date_is_day_month_year_in_english_and_year_month_day_in_lithuanian(language, expected):
    with translation.override(language):
        assert human_date(SINGLE_DIGIT_DAY) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 November 2026 at 00:36"),
        ("lt", "2026 m. lapkričio 30 d. 00:36"),
    ],
)
def test_a_date_time_from_utc_is_shown_in_vilnius_time_on_the_vilnius_day(language, expected):
    with translation.override(language):
        assert human_date(WINTER_EVENING_UTC) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "2 July 2027 at 00:30"), ("lt", "2027 m. liepos 2 d. 00:30")],
)
def test_summer_time_is_three_hours_ahead_of_utc(language, expected):
    with translation.override(language):
        assert human_date(SUMMER_EVENING_UTC) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "1 December 2026 at 00:00"), ("lt", "2026 m. gruodžio 1 d. 00:00")],
)
def test_midnight_belongs_to_the_day_that_starts(language, expected):
    with translation.override(language):
        assert human_date(MIDNIGHT_IN_VILNIUS) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "30 November 2026"), ("lt", "2026 m. lapkričio 30 d.")],
)
def test_the_date_of_a_date_time_is_its_vilnius_date(language, expected):
    with translation.override(language):
        assert human_date(WINTER_EVENING_UTC, with_time=False) == expected


def test_vilnius_time_whatever_time_zone_is_active():
    with translation.override("en"), timezone.override(datetime.timezone(datetime.timedelta(hours=-5))):
        assert human_date(WINTER_EVENING_UTC) == "30 November 2026 at 00:36"


def test_lithuanian_months_are_in_the_genitive():
    with translation.override("lt"):
        days = [human_date(datetime.date(2027, month, 1)) for month in range(1, 13)]
    assert days == [f"2027 m. {month} 1 d." for month in LITHUANIAN_MONTHS]


def test_english_has_no_us_style_abbreviations_or_am_pm():
    with translation.override("en"):
        for hour in (0, 11, 12, 13, 23):
            shown = human_date(datetime.datetime(2026, 11, 30, hour, 5, tzinfo=VILNIUS))
            assert "." not in shown  # no "Nov.", no "a.m."
            assert shown.endswith(f"at {hour:02d}:05")


def test_iso_text_from_the_application_json_is_read():
    with translation.override("en"):
        assert human_date("2026-11-30T00:36:00+02:00") == "30 November 2026 at 00:36"
        assert human_date("1990-06-21") == "21 June 1990"
        assert human_date("") == human_date(None) == human_date("not a date") == ""


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 November 2026 at 00:36 / 30 November 2026 / 5 March 2027"),
        ("lt", "2026 m. lapkričio 30 d. 00:36 / 2026 m. lapkričio 30 d. / 2027 m. kovo 5 d."),
    ],
)
def test_the_template_filter_writes_the_same(language, expected):
    template = Template(
        '{% load dates %}{{ moment|human_date }} / {{ moment|human_date:"date" }} / {{ day|human_date }}'
    )
    with translation.override(language):
        rendered = template.render(Context({"moment": WINTER_EVENING_UTC, "day": SINGLE_DIGIT_DAY}))
    assert rendered == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "30 November 2026 at 00:36"), ("lt", "2026 m. lapkričio 30 d. 00:36")],
)
def test_djangos_own_formats_follow_the_same_style(language, expected):
    """The admin and anything else formatting by locale read the same format modules."""
    local = timezone.localtime(WINTER_EVENING_UTC)
    with translation.override(language):
        assert date_format(local, "DATETIME_FORMAT") == expected
