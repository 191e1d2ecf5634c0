"""Chronicle's URL map: the timeline page, the admin (curation), the REST API and its docs."""

from django.contrib import admin
from django.urls import include, path

from events.views import TimelinePageView

admin.site.site_header = "Chronicle curation"
admin.site.site_title = "Chronicle"
admin.site.index_title = "Events, sources and people"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", TimelinePageView.as_view(), name="timeline"),
]
