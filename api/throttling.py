"""Throttling of anonymous readers with a record of constant size per client.

DRF's ``AnonRateThrottle`` keeps, per client, the time of every request of
the last window: a list as long as the rate (600 floats at the default
600/minute, and as many as were served when the rate is set high), which the
cache pickles and unpickles on every request, and which the throttle walks
to drop old entries and shifts to add the new one. That was a tenth of a
detail page's CPU.

:class:`AnonRateThrottle` keeps three integers instead: the current fixed
window's number and the requests counted in it and in the one before. The
requests of the sliding window ending now are estimated as those of the
current window plus the previous window's share that still overlaps it
(the "sliding window counter" method). It is exact while requests are
spread evenly and never lets through more than the rate allows on the
estimate. Same scope, the same client key (its address), same rate
setting (``DEFAULT_THROTTLE_RATES['anon']``), same 429 with ``Retry-After``.
"""

from __future__ import annotations

from rest_framework import throttling


class AnonRateThrottle(throttling.AnonRateThrottle):
    """Anonymous requests, at most ``num_requests`` per sliding ``duration``."""

    # Not DRF's key: a shared cache may still hold DRF's lists under it.
    cache_format = "throttle_window_%(scope)s_%(ident)s"

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:  # an authenticated user
            return True
        self.now = self.timer()
        position = self.now / self.duration
        window = int(position)
        record = self.cache.get(self.key)
        if record is None:
            current = previous = 0
        else:
            start, current, previous = record
            if start != window:  # the record's window has ended
                previous = current if start == window - 1 else 0
                current = 0
        self.elapsed = position - window  # fraction of the current window gone
        self.current, self.previous = current, previous
        if self.estimate() >= self.num_requests:
            return self.throttle_failure()
        # Kept for two windows: the next one still reads this one's count.
        self.cache.set(self.key, (window, current + 1, previous), 2 * self.duration)
        return True

    def estimate(self, later: float = 0.0) -> float:
        """Requests counted in the sliding window that ends ``later`` seconds from now."""
        return self.previous * max(0.0, 1 - self.elapsed - later / self.duration) + self.current

    def wait(self):
        """Seconds until the estimate falls below the rate again (the ``Retry-After``)."""
        if self.num_requests <= 0:
            return self.duration
        if self.current < self.num_requests:
            # Within this window, as the previous window's share slides out.
            return (self.estimate() - self.num_requests) * self.duration / self.previous
        # In the next window, as this window's count becomes the sliding share.
        left_in_window = (1 - self.elapsed) * self.duration
        return left_in_window + self.duration * (1 - self.num_requests / self.current)
