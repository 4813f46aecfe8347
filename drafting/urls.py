from django.urls import path

from drafting import views

app_name = "drafting"

urlpatterns = [
    path("<int:draft_id>/", views.draft_detail, name="draft"),
    path("<int:draft_id>/history/", views.draft_history, name="history"),
    path("<int:draft_id>/compare/", views.compare, name="compare"),
    path("<int:draft_id>/import/", views.import_text, name="import"),
    path("<int:draft_id>/insert/", views.insert_unit, name="insert"),
    path("<int:draft_id>/p/<int:pk>/", views.unit_fragment, name="unit"),
    path("<int:draft_id>/p/<int:pk>/edit/", views.edit_unit, name="edit"),
    path("<int:draft_id>/p/<int:pk>/move/", views.move_unit, name="move"),
    path("<int:draft_id>/p/<int:pk>/delete/", views.delete_unit, name="delete"),
    path("<int:draft_id>/p/<int:pk>/undelete/", views.undelete_unit, name="undelete"),
    path("<int:draft_id>/p/<int:pk>/history/", views.paragraph_history, name="paragraph_history"),
    path("<int:draft_id>/p/<int:pk>/restore/", views.restore_version, name="restore_version"),
]
