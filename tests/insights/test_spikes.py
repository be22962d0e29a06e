from datetime import UTC, datetime, timedelta

import pytest

from tactful.insights.spikes import Bucket, SpikeSettings, detect_spikes

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def series(volumes, negatives=None):
    negatives = negatives or [v // 5 for v in volumes]
    pairs = zip(volumes, negatives, strict=True)
    return [Bucket(T0 + timedelta(hours=i), v, n) for i, (v, n) in enumerate(pairs)]


STEADY = [20, 22, 19, 21, 20, 23, 18, 20, 22, 21, 19, 20]


def test_a_steady_stream_raises_nothing():
    assert detect_spikes(series(STEADY * 3)) == []


def test_a_volume_spike_is_raised_once_with_its_numbers():
    (spike,) = detect_spikes(series(STEADY + [90] + STEADY))
    assert spike.kind == "volume" and spike.start == T0 + timedelta(hours=12)
    assert spike.observed == 90 and 19 < spike.expected < 22 and spike.zscore >= 3
    assert "90 posts" in spike.describe()


def test_a_negative_share_spike_at_normal_volume():
    volumes = STEADY + [21] + STEADY
    negatives = [4] * 12 + [18] + [4] * 12
    (spike,) = detect_spikes(series(volumes, negatives))
    assert spike.kind == "negative_share" and spike.observed == pytest.approx(18 / 21)


def test_cooldown_merges_a_sustained_spike_into_one_alert():
    spikes = detect_spikes(series(STEADY + [90, 95, 100, 98] + STEADY), SpikeSettings(cooldown=6))
    assert [s.kind for s in spikes] == ["volume"]


def test_after_the_cooldown_a_new_spike_is_raised_again():
    volumes = STEADY + [90] + STEADY + [95]
    assert len(detect_spikes(series(volumes), SpikeSettings(cooldown=3))) == 2


@pytest.mark.parametrize(("sensitivity", "count"), [(2.0, 1), (50.0, 0)])
def test_sensitivity_in_standard_deviations(sensitivity, count):
    spikes = detect_spikes(series(STEADY + [40] + STEADY), SpikeSettings(sensitivity=sensitivity))
    assert len([s for s in spikes if s.kind == "volume"]) == count


def test_tiny_buckets_and_short_histories_never_alert():
    assert detect_spikes(series([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 9])) == []
    assert detect_spikes(series([20, 90])) == []


def test_dedupe_keys_are_stable_and_distinct():
    spikes = detect_spikes(series(STEADY + [90] + STEADY + [95]), SpikeSettings(cooldown=3))
    assert len({s.dedupe_key for s in spikes}) == 2
    assert spikes == detect_spikes(series(STEADY + [90] + STEADY + [95]), SpikeSettings(cooldown=3))
