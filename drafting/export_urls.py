from django.urls import path

from drafting import export_views

app_name = "drafting_export"

urlpatterns = [
    path("", export_views.export_panel, name="panel"),
]
