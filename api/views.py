from rest_framework import viewsets

from events.models import Event, EventType

from .serializers import EventSerializer, EventTypeSerializer


class EventTypeViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = EventType.objects.all()
    serializer_class = EventTypeSerializer
    lookup_field = "slug"


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Event.objects.public().select_related("event_type")
    serializer_class = EventSerializer
