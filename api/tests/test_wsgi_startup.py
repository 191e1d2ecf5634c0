"""The WSGI entry point freezes start-up objects out of the garbage collector's walks."""

from __future__ import annotations

import gc
import importlib


def test_loading_the_wsgi_application_freezes_the_startup_objects():
    gc.unfreeze()
    try:
        wsgi = importlib.reload(importlib.import_module("timeline.wsgi"))
        assert callable(wsgi.application)
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # Django and the apps, not a handful of objects
        assert len(gc.get_objects()) < frozen  # what the collector still walks is the small part
    finally:
        gc.unfreeze()
