"""Import/export of events (django-import-export).

Exports carry what a teacher or a spreadsheet needs (dates in all three
layers, type slug, source and quote of the primary citation, people).
Imports validate every row with the model's own validators (EDTF included)
so the preview shows per-row errors before anything is saved, and fields a
row changes become curated, like any other curator edit.
"""

from __future__ import annotations

from import_export import fields, resources, widgets

from ..curation import curated_changes
from ..models import Event, EventType

# Simple (non-relation) curatable fields a spreadsheet row can change.
_ROW_FIELDS = ("title", "description", "event_type_id", "date_text", "date_edtf",
               "date_calendar", "date_original_edtf", "status")


class EventResource(resources.ModelResource):
    event_type = fields.Field(
        attribute="event_type", column_name="event_type",
        widget=widgets.ForeignKeyWidget(EventType, field="slug"),
    )
    date_display = fields.Field(column_name="date_display", readonly=True)
    source = fields.Field(column_name="source", readonly=True)
    line = fields.Field(column_name="line", readonly=True)
    quote = fields.Field(column_name="quote", readonly=True)
    people = fields.Field(column_name="people", readonly=True)

    class Meta:
        model = Event
        fields = (
            "id", "title", "event_type", "date_text", "date_edtf", "date_calendar",
            "date_original_edtf", "date_display", "date_earliest", "date_latest", "status",
            "confidence", "description", "source", "line", "quote", "people",
        )
        export_order = fields
        import_id_fields = ("id",)
        clean_model_instances = True  # model validators: EDTF, confidence range...
        skip_unchanged = True
        report_skipped = True

    # --- export ---

    def _primary(self, event):
        citations = list(event.citations.all())  # prefetched by the admin
        return citations[0] if citations else None

    def dehydrate_date_display(self, event):
        return event.date_display

    def dehydrate_source(self, event):
        citation = self._primary(event)
        return citation.source.file_name if citation else ""

    def dehydrate_line(self, event):
        citation = self._primary(event)
        return citation.line if citation else ""

    def dehydrate_quote(self, event):
        citation = self._primary(event)
        return citation.quote if citation else ""

    def dehydrate_people(self, event):
        return "; ".join(person.name for person in event.people.all())

    # --- import ---

    def get_import_fields(self):
        # Derived and export-only columns are never written back.
        return [f for f in super().get_import_fields()
                if f.column_name not in {"date_earliest", "date_latest", "confidence"}]

    def after_init_instance(self, instance, new, row, **kwargs):
        instance._import_original = None if new else {f: getattr(instance, f) for f in _ROW_FIELDS}

    def before_save_instance(self, instance, row, **kwargs):
        original = getattr(instance, "_import_original", None)
        if original is None:
            changed = [f for f in _ROW_FIELDS if getattr(instance, f) not in (None, "")]
        else:
            changed = [f for f in _ROW_FIELDS if getattr(instance, f) != original[f]]
        instance.mark_curated(*curated_changes(f.removesuffix("_id") for f in changed))
