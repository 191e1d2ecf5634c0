"""WSGI entry point (granian or gunicorn: ``timeline.wsgi:application``)."""
import gc
import os

from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timeline.settings")
django_application = get_wsgi_application()


# The variables a server puts in a request's environ (PEP 3333 and the CGI
# specification it builds on); everything else a server may copy from its
# own process environment.
_REQUEST_VARIABLES = frozenset({
    "REQUEST_METHOD", "SCRIPT_NAME", "PATH_INFO", "QUERY_STRING", "CONTENT_TYPE", "CONTENT_LENGTH",
    "SERVER_NAME", "SERVER_PORT", "SERVER_PROTOCOL", "SERVER_SOFTWARE", "GATEWAY_INTERFACE",
    "REMOTE_ADDR", "REMOTE_HOST", "REMOTE_PORT", "REMOTE_USER", "AUTH_TYPE", "HTTPS", "RAW_URI",
    "PATH_TRANSLATED",
})
_PROCESS_VARIABLES = frozenset(
    name for name in os.environ if name not in _REQUEST_VARIABLES and not name.startswith(("HTTP_", "wsgi."))
)


def without_process_environment(environ: dict) -> dict:
    """``environ`` without the variables of the server's process environment.

    PEP 3333 allows a server to copy its process environment into every
    request's environ, and granian does: ``DATABASE_URL``,
    ``DJANGO_SECRET_KEY`` and the rest would sit in ``request.META``, where
    Django's error reports show them (they mask names with KEY or SECRET,
    not a password inside ``DATABASE_URL``) and any view could read them.
    gunicorn copies nothing; the application now sees the same either way.
    """
    for name in _PROCESS_VARIABLES.intersection(environ):
        del environ[name]
    return environ


def application(environ, start_response):
    """Django's WSGI application, handing a complete response to the server as one body.

    Django returns its response object, which the server iterates and then
    closes (``close()`` sends ``request_finished``: old database connections
    are closed, the response's resources released). granian runs that
    iteration and the closing as separate calls into Python after the
    application has returned, each taking the GIL again (behind the
    worker's other threads); given a list instead, it writes the body in
    the same call. A response whose content is already in memory (every
    ``HttpResponse``: API pages, JSON errors, the admin's pages) is therefore
    closed here and its bytes returned as a one-item list: the same status,
    headers and body, and ``request_finished`` still sent once, only before
    the bytes are written rather than after. Streaming and file responses
    (static files, exports) are returned as they are, for the server to
    stream and close.
    """
    response = django_application(without_process_environment(environ), start_response)
    if not isinstance(response, HttpResponse):
        return response
    body = response.content
    response.close()
    return [body]


def freeze_startup_objects() -> None:
    """Keep the objects of start-up out of every later garbage collection.

    Django, DRF and the apps leave about 150,000 objects behind at start-up
    (models, URL patterns, serializers, import-time tables), all alive until
    the worker exits. Each full collection walked all of them again: about a
    quarter of a millisecond per API request on average, spent in rare long
    pauses. ``gc.freeze()`` moves them to a generation the collector skips
    (Python's advice for pre-forked servers); the URLconf, otherwise imported
    by the first request, is loaded first so its objects are frozen too.
    """
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018  (imports the URLconf)
    gc.collect()
    gc.freeze()


freeze_startup_objects()
