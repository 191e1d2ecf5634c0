"""The "merge selected" admin action, shared by events, people and places.

Merging is destructive enough that the action never acts on the first click:
it shows the candidates, asks which one survives, and only the confirmed
second POST calls the domain function. The flow is the same for every model;
what differs (which candidates, which curation function, what to say and where
to go afterwards) is left to three small hooks.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from .. import curation
from .forms import MergeTargetForm


class MergeActionMixin:
    """The merge flow; subclasses implement the three hooks below and declare
    their own ``merge_selected`` action (description and permissions differ,
    and ``admin.action`` marks the function object it decorates) calling
    :meth:`run_merge_action`."""

    merge_title = _("Merge")
    too_few_message = _("Select at least two records to merge.")

    def merge_candidates(self, queryset) -> list:
        """The selected objects, in the order the form lists them (first = default survivor)."""
        raise NotImplementedError

    def perform_merge(self, request, target, others):
        """Merge ``others`` into ``target``; return the domain function's result."""
        raise NotImplementedError

    def merge_done(self, request, target, others, result) -> HttpResponseRedirect:
        """Tell the user what happened and send them to the survivor."""
        raise NotImplementedError

    def run_merge_action(self, request, queryset):
        candidates = self.merge_candidates(queryset)
        if len(candidates) < 2:
            self.message_user(request, self.too_few_message, messages.WARNING)
            return None
        form = MergeTargetForm(request.POST if "confirm_merge" in request.POST else None,
                               candidates=candidates)
        if form.is_bound and form.is_valid():
            target = next(c for c in candidates if c.pk == form.cleaned_data["target"])
            others = [c for c in candidates if c is not target]
            try:
                result = self.perform_merge(request, target, others)
            except curation.CurationError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                return None
            return self.merge_done(request, target, others, result)
        context = {
            **self.admin_site.each_context(request),
            "title": self.merge_title,
            "opts": self.opts,
            "form": form,
            "candidates": candidates,
            "action_name": "merge_selected",
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/events/merge_confirmation.html", context)
