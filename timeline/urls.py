"""Chronicle's URL map: the admin (curation), the REST API and its docs."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

admin.site.site_header = "Chronicle curation"
admin.site.site_title = "Chronicle"
admin.site.index_title = "Events, sources and people"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", RedirectView.as_view(url="/api/", permanent=False)),
]
