from django.urls import path

from drafting import translation_views as views

app_name = "drafting_translations"

urlpatterns = [
    path("", views.parallel, name="parallel"),
    path("queue/", views.queue, name="queue"),
    path("title/<str:language>/", views.title, name="title"),
    path("p/<int:pk>/<str:language>/", views.cell, name="cell"),
    path("p/<int:pk>/<str:language>/edit/", views.edit, name="edit"),
    path("p/<int:pk>/<str:language>/history/", views.history, name="history"),
]
