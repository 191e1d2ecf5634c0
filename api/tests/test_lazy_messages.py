"""Messages (the admin's notices) still work; requests that never use them do not pay for them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.sessions.middleware import SessionMiddleware
from django.core import checks
from django.http import HttpResponse
from django.test import RequestFactory

from timeline import middleware


def handle(view, cookies=None):
    """Run ``view`` through the session and lazy message middleware, as the site does."""
    factory = RequestFactory()
    if cookies:
        factory.cookies.update(cookies)
    request = factory.get("/admin/")
    stack = SessionMiddleware(middleware.LazyMessageMiddleware(view))
    return request, stack(request)


def test_a_message_added_by_one_request_is_shown_by_the_next():
    def add(request):
        messages.success(request, "The event was changed successfully.")
        return HttpResponse("ok")

    _, first = handle(add)
    assert "messages" in first.cookies

    seen = []

    def show(request):
        seen.extend(str(m) for m in messages.get_messages(request))
        return HttpResponse("ok")

    _, second = handle(show, cookies=first.cookies)
    assert seen == ["The event was changed successfully."]
    assert second.cookies["messages"].value == ""  # shown once, then cleared


def test_a_request_that_never_uses_messages_builds_no_storage(monkeypatch):
    built = []
    real = middleware.default_storage
    monkeypatch.setattr(middleware, "default_storage", lambda request: built.append(request) or real(request))
    request, response = handle(lambda request: HttpResponse("{}"))
    assert built == []
    assert "messages" not in response.cookies

    def use(request):
        list(messages.get_messages(request))
        return HttpResponse("ok")

    handle(use)
    assert len(built) == 1


def test_storage_is_the_usual_one_once_used():
    def view(request):
        storage = messages.get_messages(request)
        storage.add(messages.INFO, "x")
        assert [m.message for m in storage._queued_messages] == ["x"]
        assert isinstance(storage._queued_messages[0], Message)
        return HttpResponse("ok")

    handle(view)


def test_the_admin_accepts_it_as_its_message_middleware():
    errors = [e for e in checks.run_checks() if e.id and e.id.startswith("admin.")]
    assert errors == []
