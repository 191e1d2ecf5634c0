"""The anonymous throttle: a sliding-window limit kept in a record of constant size."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory

from api.throttling import AnonRateThrottle


class Clock:
    def __init__(self, now: float):
        self.now = now


@pytest.fixture
def clock():
    cache.clear()
    yield Clock(600_000.0)  # the start of a one-minute window
    cache.clear()


def throttle_at(clock, rate="3/minute", address="10.0.0.1", forwarded_for=None):
    """A fresh throttle (one per request, as DRF makes them) reading ``clock``."""

    class Throttle(AnonRateThrottle):
        def timer(self):
            return clock.now

    Throttle.rate = rate
    throttle = Throttle()
    extra = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    request = Request(APIRequestFactory().get("/api/events/", REMOTE_ADDR=address, **extra))
    return throttle, request


def allowed(clock, **kwargs) -> bool:
    throttle, request = throttle_at(clock, **kwargs)
    return throttle.allow_request(request, None)


def test_the_rate_is_enforced_within_a_window(clock):
    assert [allowed(clock) for _ in range(5)] == [True, True, True, False, False]


def test_clients_are_counted_apart(clock):
    assert [allowed(clock) for _ in range(3)] == [True] * 3
    assert allowed(clock, address="10.0.0.2")
    assert not allowed(clock)


def test_a_burst_at_the_end_of_a_window_still_counts_early_in_the_next(clock):
    clock.now += 59
    assert sum(allowed(clock, rate="10/minute") for _ in range(10)) == 10
    clock.now += 2  # a new fixed window, but the last minute already had 10 requests
    # The previous window's share (10 x 58/60) leaves room for one, not ten.
    assert sum(allowed(clock, rate="10/minute") for _ in range(10)) == 1
    clock.now += 30  # about half of the burst has slid out: 10 x 29/60 + 1 counted, room for 5
    assert sum(allowed(clock, rate="10/minute") for _ in range(10)) == 5


def test_requests_are_allowed_again_once_the_window_has_passed(clock):
    assert [allowed(clock) for _ in range(4)] == [True, True, True, False]
    clock.now += 121  # two windows later nothing is remembered
    assert [allowed(clock) for _ in range(4)] == [True, True, True, False]


@pytest.mark.parametrize("offset", [0.0, 10.0, 59.0])
def test_retry_after_is_when_a_request_is_allowed_again(clock, offset):
    clock.now += offset
    for _ in range(3):
        assert allowed(clock)
    throttle, request = throttle_at(clock)
    assert not throttle.allow_request(request, None)
    wait = throttle.wait()
    assert 0 < wait <= 120
    start = clock.now
    clock.now = start + wait - 0.5
    assert not allowed(clock)
    clock.now = start + wait + 0.5
    assert allowed(clock)


def test_the_record_stays_small_however_many_requests_were_served(clock):
    for _ in range(5000):
        allowed(clock, rate="100000/minute")
    throttle, request = throttle_at(clock, rate="100000/minute")
    record = cache.get(throttle.get_cache_key(request, None))
    assert record == (int(clock.now // 60), 5000, 0)


def test_the_api_uses_this_throttle():
    assert AnonRateThrottle in api_settings.DEFAULT_THROTTLE_CLASSES


def test_records_do_not_share_keys_with_drfs_request_lists(clock):
    from rest_framework.throttling import AnonRateThrottle as DRFThrottle

    throttle, request = throttle_at(clock)
    cache.set(DRFThrottle().get_cache_key(request, None), [clock.now] * 10, 60)  # left by DRF's throttle
    assert [allowed(clock) for _ in range(4)] == [True, True, True, False]


def test_without_a_proxy_a_forged_forwarded_for_header_does_not_escape_the_limit(clock):
    assert api_settings.NUM_PROXIES == 0  # the default: no proxy in front
    assert [allowed(clock, forwarded_for=f"198.51.100.{i}") for i in range(4)] == [True] * 3 + [False]


def test_behind_one_proxy_clients_are_told_apart_by_the_address_it_appended(clock, monkeypatch):
    monkeypatch.setattr(api_settings, "NUM_PROXIES", 1)
    # Everyone reaches the app from the proxy (127.0.0.1); the proxy appends the
    # address it saw, after whatever the client wrote itself.
    assert [allowed(clock, address="127.0.0.1", forwarded_for="203.0.113.7") for _ in range(3)] == [True] * 3
    assert not allowed(clock, address="127.0.0.1", forwarded_for="forged, 203.0.113.7")
    assert allowed(clock, address="127.0.0.1", forwarded_for="203.0.113.8")
