"""Create the local development superuser, once.

Used by README's run command so a newcomer can log in at /admin/ straight away
(user ``admin``, password from ``CHRONICLE_ADMIN_PASSWORD``, default ``admin``).
It refuses to run outside development, where such a password would be a hole.
"""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create the development superuser 'admin' if it does not exist."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="admin")

    def handle(self, *args, username, **options):
        if not (settings.DEBUG or os.environ.get("CHRONICLE_DEV")):
            raise CommandError("ensure_admin is for development only (set DJANGO_DEBUG=1).")
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"User {username!r} already exists.")
            return
        password = os.environ.get("CHRONICLE_ADMIN_PASSWORD", "admin")
        User.objects.create_superuser(username=username, email="", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created superuser {username!r} (password: {password})."))
