"""Chronicle's middleware: security headers Django 5.2 does not send by itself, lazy messages."""

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.messages.storage import default_storage
from django.utils.functional import SimpleLazyObject, empty


class ContentSecurityPolicyMiddleware:
    """Add the ``Content-Security-Policy`` header from ``settings.CONTENT_SECURITY_POLICY``.

    A response that already carries the header (a view that needs its own
    policy) keeps it. An empty setting sends no header at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", "")

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.policy
        return response


class LazyMessageMiddleware(MessageMiddleware):
    """Django's message middleware, making the message storage only when it is used.

    Django builds the storage (a cookie signer and a session storage) for
    every request and asks it to save on every response; API responses never
    touch messages. Here the storage is made on first use -- the admin adding
    or showing a message -- and a response whose request never used it has
    nothing to save. Behaves as ``MessageMiddleware`` otherwise (and is one,
    for the admin's check).
    """

    def process_request(self, request):
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request, response):
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # never used: nothing added, nothing read, nothing to save
        return super().process_response(request, response)
