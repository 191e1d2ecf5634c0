"""Reads are open to everyone without asking the view for a queryset; writes need model permissions."""

from __future__ import annotations

import pytest
from rest_framework.request import Request
from rest_framework.settings import api_settings
from rest_framework.test import APIRequestFactory

from api.permissions import ModelPermissionsOrAnonReadOnly
from events.models import Event


class View:
    """A view whose queryset is counted (the permission needs it only for writes)."""

    def __init__(self):
        self.asked = 0

    def get_queryset(self):
        self.asked += 1
        return Event.objects.all()


def request(method: str) -> Request:
    return Request(getattr(APIRequestFactory(), method.lower())("/api/events/"))


@pytest.mark.parametrize("method", ["GET", "HEAD", "OPTIONS"])
def test_anyone_may_read_and_no_queryset_is_built_for_it(method):
    view = View()
    assert ModelPermissionsOrAnonReadOnly().has_permission(request(method), view)
    assert view.asked == 0


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_anonymous_writes_are_refused_after_the_model_permission_check(method):
    view = View()
    assert not ModelPermissionsOrAnonReadOnly().has_permission(request(method), view)
    assert view.asked == 1


def test_a_read_that_requires_a_permission_is_still_checked():
    class ViewPermissionRequired(ModelPermissionsOrAnonReadOnly):
        perms_map = {**ModelPermissionsOrAnonReadOnly.perms_map, "GET": ["%(app_label)s.view_%(model_name)s"]}

    view = View()
    assert not ViewPermissionRequired().has_permission(request("GET"), view)
    assert view.asked == 1


def test_the_api_uses_this_permission():
    assert api_settings.DEFAULT_PERMISSION_CLASSES == [ModelPermissionsOrAnonReadOnly]
