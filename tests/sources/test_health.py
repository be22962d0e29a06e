from datetime import UTC, datetime, timedelta

from tactful.sources.health import SourceHealth, check_quiet, needs_alert, on_error, on_events, on_stop

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_events_make_a_source_running_with_its_lag():
    h = on_events(SourceHealth("jetstream"), 10, T0 - timedelta(seconds=4), T0)
    assert h.state == "running" and h.events == 10 and h.lag_seconds() == 4


def test_repeated_errors_turn_backing_off_into_failing_and_events_recover():
    h = SourceHealth("reddit")
    for _ in range(4):
        h = on_error(h, "http_503", T0)
    assert h.state == "backing_off" and h.errors == 4
    failing = on_error(h, "http_503", T0)
    assert failing.state == "failing" and needs_alert(h, failing)
    recovered = on_events(failing, 1, T0, T0)
    assert recovered.state == "running" and recovered.consecutive_errors == 0 and recovered.errors == 5


def test_a_source_without_events_goes_quiet_once():
    running = on_events(SourceHealth("rss"), 1, T0, T0)
    assert check_quiet(running, T0 + timedelta(minutes=5), quiet_after_seconds=600) is running
    quiet = check_quiet(running, T0 + timedelta(minutes=11), quiet_after_seconds=600)
    assert quiet.state == "quiet" and needs_alert(running, quiet)
    assert not needs_alert(quiet, check_quiet(quiet, T0 + timedelta(hours=1), quiet_after_seconds=600))


def test_error_reasons_are_truncated_and_stopped_sources_stay_stopped():
    h = on_error(SourceHealth("x"), "e" * 1000, T0)
    assert len(h.last_error) == 200
    stopped = on_stop(h, T0)
    assert check_quiet(stopped, T0 + timedelta(days=1), quiet_after_seconds=1).state == "stopped"
