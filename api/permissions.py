"""Model permissions for writers, read access for everyone: DRF's rule, without work on reads."""

from __future__ import annotations

from rest_framework import permissions


class ModelPermissionsOrAnonReadOnly(permissions.DjangoModelPermissionsOrAnonReadOnly):
    """``DjangoModelPermissionsOrAnonReadOnly``, deciding reads before building a queryset.

    DRF asks the view for its queryset on every request, only to name the
    model whose permissions a method requires; reading methods require none
    (``perms_map`` maps them to ``[]``), so for them the answer is known
    without it: every user may read. Writes are checked exactly as DRF does.
    """

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS and not self.perms_map.get(request.method) and request.user:
            return True
        return super().has_permission(request, view)
