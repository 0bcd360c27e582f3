"""The caseworkers' activity for administrators: per caseworker, office and ISO week, the assisted
applications sent and the drafts not sent yet; as a table and as CSV for spreadsheet applications.

Nothing about the people helped: only counts, and the caseworker's name, e-mail address and office.
"""

import csv
import datetime
import io
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, ExtractIsoYear, ExtractWeek
from django.utils.translation import gettext as _

from portal.accounts.models import User
from portal.applications.models import Application
from portal.assisted.models import AssistedCase
from portal.institutions.models import Office

# A cell that starts with one of these is a formula to a spreadsheet application: it is kept as text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ActivityRow:
    iso_year: int
    iso_week: int
    office: str
    caseworker: str
    caseworker_email: str
    sent: int  # assisted applications sent in that week
    drafts: int  # cases started in that week and not sent (yet)

    @property
    def week(self) -> str:
        return f"{self.iso_year}-W{self.iso_week:02d}"

    @property
    def week_starts(self) -> datetime.date:
        return datetime.date.fromisocalendar(self.iso_year, self.iso_week, 1)


def caseworker_activity() -> list[ActivityRow]:
    """Every week with activity, newest first; within a week by office, then caseworker.

    A sent application counts in the week it was sent (in the portal's time zone), a draft in the week
    its case was started; the office is the one the case was filed for, wherever the caseworker works
    now.
    """
    sent_at = Application.objects.filter(source_draft=OuterRef("draft_id")).values("submitted_at")[:1]
    counted = (
        AssistedCase.objects.annotate(sent_at=Subquery(sent_at))
        .annotate(when=Coalesce("sent_at", "created_at"))
        .annotate(iso_year=ExtractIsoYear("when"), iso_week=ExtractWeek("when"))
        .values("iso_year", "iso_week", "office_id", "caseworker_id")
        .annotate(
            sent=Count("pk", filter=Q(sent_at__isnull=False)),
            drafts=Count("pk", filter=Q(sent_at__isnull=True)),
        )
        .order_by()
    )
    rows = list(counted)
    offices = Office.objects.select_related("institution").in_bulk({row["office_id"] for row in rows})
    caseworkers = User.objects.in_bulk({row["caseworker_id"] for row in rows})
    report = []
    for row in rows:
        caseworker = caseworkers[row["caseworker_id"]]
        report.append(
            ActivityRow(
                iso_year=row["iso_year"],
                iso_week=row["iso_week"],
                office=str(offices[row["office_id"]]),
                caseworker=caseworker.get_full_name() or caseworker.email,
                caseworker_email=caseworker.email,
                sent=row["sent"],
                drafts=row["drafts"],
            )
        )
    report.sort(key=lambda row: (row.office, row.caseworker))
    report.sort(key=lambda row: (row.iso_year, row.iso_week), reverse=True)
    return report


def _cell(value: object) -> str:
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def caseworker_activity_csv(rows: list[ActivityRow]) -> bytes:
    """The report as CSV: UTF-8 with a byte order mark (so spreadsheet applications read the letters
    right), a header row in the reader's language, one row per caseworker, office and week."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [
            _("Week"),
            _("Week starts"),
            _("Office"),
            _("Caseworker"),
            _("Caseworker's e-mail address"),
            _("Applications sent"),
            _("Drafts not sent"),
        ]
    )
    for row in rows:
        writer.writerow(
            [
                row.week,
                row.week_starts.isoformat(),
                _cell(row.office),
                _cell(row.caseworker),
                _cell(row.caseworker_email),
                row.sent,
                row.drafts,
            ]
        )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
