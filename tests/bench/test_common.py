"""The rule every benchmark keeps: one wrong answer among the requests it counts, and it reports no figure."""

import json

import pytest

from bench import common


def test_a_page_that_answers_as_expected_every_time_has_no_error():
    outcomes = {"GET /": {"200": 950}, "POST /a1/<draft>/posting/": {"302": 410}}
    expected = {"GET /": "200", "POST /a1/<draft>/posting/": "302"}

    assert common.outcome_errors(outcomes, expected) == []


def test_a_single_wrong_status_among_thousands_is_an_error_naming_the_url_and_the_status():
    outcomes = {"GET /": {"200": 4999, "500": 1}}

    assert common.outcome_errors(outcomes, {"GET /": "200"}) == ["GET /: 1 times 500 (expected 200)"]


def test_a_page_that_does_not_exist_is_an_error_not_a_figure():
    # The old benchmark measured /procedures/pension/, a 404 on every request, and reported a ratio.
    outcomes = {"GET /procedures/pension/": {"404": 3120}}

    errors = common.outcome_errors(outcomes, {"GET /procedures/pension/": "200"})

    assert errors == ["GET /procedures/pension/: 3120 times 404 (expected 200)"]


def test_a_valid_wizard_post_must_redirect_to_the_next_step():
    post = "POST /applicable-legislation/<draft>/posting/"
    # 200: the form came back with errors; a redirect elsewhere: a stop page instead of the next step.
    outcomes = {post: {"302": 80, "200": 2, "302 to /applicable-legislation/x/stop/too-long/": 1}}

    errors = common.outcome_errors(outcomes, {post: "302"})

    assert errors == [
        f"{post}: 2 times 200 (expected 302)",
        f"{post}: 1 times 302 to /applicable-legislation/x/stop/too-long/ (expected 302)",
    ]


def test_a_request_that_never_got_an_answer_is_an_error():
    outcomes = {"GET /": {"200": 10, "no answer (ConnectionResetError)": 1}, "POST /step/": {}}

    errors = common.outcome_errors(outcomes, {"GET /": "200", "POST /step/": "302"})

    assert errors == [
        "GET /: 1 times no answer (ConnectionResetError) (expected 200)",
        "POST /step/: no answer counted (expected 302)",
    ]


def test_refusing_prints_the_failures_exits_non_zero_and_leaves_no_figure_behind(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(common, "OUT_DIR", tmp_path)
    earlier_figures = tmp_path / "page_overhead.json"
    earlier_figures.write_text(json.dumps({"ratios_to_bare": {"procedure page": 0.9}}))

    with pytest.raises(SystemExit) as exit_:
        common.refuse(
            "page overhead",
            ["GET /procedures/pension/: 3120 times 404 (expected 200)"],
            report="page_overhead",
        )

    assert exit_.value.code == common.EXIT_FAILED != 0
    output = capsys.readouterr()
    assert "GET /procedures/pension/: 3120 times 404 (expected 200)" in output.err
    assert "ratio" not in output.out + output.err
    assert not earlier_figures.exists()


def test_a_missed_target_exits_with_its_own_status_after_the_figures(capsys):
    with pytest.raises(SystemExit) as exit_:
        common.finish("page overhead", [common.target_verdict("wizard step ratio", 0.23, at_least=0.5)])

    assert exit_.value.code == common.EXIT_TARGET_MISSED
    assert "wizard step ratio 0.23 is below the target 0.5" in capsys.readouterr().err


def test_targets_met_let_the_benchmark_end_normally():
    common.finish("PDF benchmark", [common.target_verdict("receipt / weasyprint", 1.04, at_most=1.1)])
