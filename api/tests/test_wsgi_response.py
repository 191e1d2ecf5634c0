"""The WSGI entry point hands complete responses to the server as one body, and streams the rest."""

from __future__ import annotations

import io
import sys

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.http import HttpResponse

from timeline import wsgi


def call(application, path: str, query: str = ""):
    """Run ``application`` as a WSGI server would: (status, headers, body iterable)."""
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query, "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": "testserver", "HTTP_ACCEPT": "*/*",
        "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr, "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0), "wsgi.multithread": True, "wsgi.multiprocess": False, "wsgi.run_once": False,
    }
    started = {}

    def start_response(status, headers, exc_info=None):
        started["status"], started["headers"] = status, headers

    body = application(environ, start_response)
    return started["status"], started["headers"], body


@pytest.fixture(autouse=True)
def transaction_kept_open():
    """Keep the test's transaction: as Django's test client does, the request signals do not close it."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def finished():
    """The number of ``request_finished`` signals sent while the test runs."""
    sent = []

    def count(**kwargs):
        sent.append(kwargs)

    request_finished.connect(count)
    yield sent
    request_finished.disconnect(count)


def full_body(application, path: str, query: str = ""):
    """Status, headers and joined body of ``application``, closed as a server closes it."""
    status, headers, body = call(application, path, query)
    try:
        return status, headers, b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()


@pytest.mark.parametrize("path", ["/", "/api/events/", "/api/events/999999/", "/api/events/?date_from=1935-13"])
def test_a_complete_response_is_one_body_with_the_same_status_headers_and_bytes(corpus, path, finished):
    path, _, query = path.partition("?")
    status, headers, body = call(wsgi.application, path, query)

    assert isinstance(body, list) and len(body) == 1
    assert len(finished) == 1  # Django's request_finished, sent once, by the application itself
    assert (status, headers, body[0]) == full_body(wsgi.django_application, path, query)


def test_a_streaming_export_is_left_to_the_server_to_stream_and_close(corpus, finished):
    status, headers, body = call(wsgi.application, "/api/export/", "format=csv")

    assert status.startswith("200") and not isinstance(body, (list, HttpResponse))
    assert finished == []  # not closed yet: the server does it after the last chunk
    assert b"".join(body)
    body.close()
    assert len(finished) == 1


@pytest.mark.django_db
def test_the_servers_process_environment_does_not_reach_request_meta():
    """A server that copies its process environment into the environ (granian
    does) hands the application DATABASE_URL and the secret key; the entry
    point drops those variables and keeps the request's own."""
    import os

    process = {name: os.environ[name] for name in ("PATH", "DJANGO_SETTINGS_MODULE") if name in os.environ}
    assert process, "the test needs a variable of the process environment"
    seen = {}

    def record(environ, **kwargs):
        seen.update(environ)

    request_started.connect(record)
    try:
        status, _, body = call(lambda environ, sr: wsgi.application({**process, **environ}, sr), "/api/event-types/")
        list(body)
    finally:
        request_started.disconnect(record)
    assert status.startswith("200")
    assert not set(process) & set(seen)
    assert seen["PATH_INFO"] == "/api/event-types/" and seen["HTTP_HOST"] == "testserver"
