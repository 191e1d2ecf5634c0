"""What a detail page no longer recomputes on every request gives the same answers."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.urls import set_script_prefix

from api.filters import rejected_hidden
from api.serializers import sources_base_url


def test_passage_urls_follow_the_prefix_the_site_is_mounted_under():
    try:
        set_script_prefix("/chronicle/")
        assert sources_base_url(None) == "/chronicle/api/sources/"
        set_script_prefix("/")
        assert sources_base_url(None) == "/api/sources/"
    finally:
        set_script_prefix("/")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["anonymous", "reader", "curator"])
def test_absent_visibility_parameters_mean_what_empty_ones_mean(who, request):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    absent = rejected_hidden(QueryDict(""), user)
    empty = rejected_hidden(QueryDict("include_rejected=&status="), user)
    assert absent == empty == (who != "curator")
