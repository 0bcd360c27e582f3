"""Error reports (e-mails to administrators, logs) never contain decrypted personal data."""

import sys

from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from portal.accounts.models import CitizenIdentity


def test_a_crash_report_does_not_show_the_personal_data_in_play(citizen):
    personal_code = "".join(reversed("54718130783"))  # not written out, so the report's source lines miss it
    request = RequestFactory().post("/somewhere/", {"personal_code": personal_code})
    identity = CitizenIdentity.objects.get(user=citizen)
    family_name = identity.family_name  # a decrypted value in a local variable, as in any service
    try:
        raise ValueError("something went wrong")
    except ValueError:
        reporter = ExceptionReporter(request, *sys.exc_info())
        html = reporter.get_traceback_html()
        text = reporter.get_traceback_text()
    for report in (html, text):
        assert family_name not in report
        assert personal_code not in report
        assert "something went wrong" in report  # the report itself is still useful
