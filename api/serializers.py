from rest_framework import serializers

from events.models import Event, EventType


class EventTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventType
        fields = ["slug", "label_en", "label_ru", "label_fr"]


class EventSerializer(serializers.ModelSerializer):
    type = serializers.SlugRelatedField(source="event_type", slug_field="slug", read_only=True)

    class Meta:
        model = Event
        fields = [
            "id", "title", "description", "type", "date_text", "date_edtf", "date_calendar",
            "date_earliest", "date_latest", "date_precision", "status", "confidence",
        ]
