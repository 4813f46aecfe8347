from django.urls import path

from committee import amendment_views as av
from committee import views

app_name = "committee"

A = "<slug:slug>/amendments/"
urlpatterns = [
    # Links from the draft page, which knows paragraphs but not committees.
    path("propose/<int:paragraph_id>/", av.propose, name="propose"),
    path("paragraph/<int:paragraph_id>/amendments/", av.paragraph_amendments, name="paragraph"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/members/", views.membership_list, name="members"),
    path(A, av.amendment_list, name="amendments"),
    path(A + "new/", av.amendment_new, name="amendment_new"),
    path(A + "deadline/", av.deadline, name="amendment_deadline"),
    path(A + "<int:pk>/", av.amendment_detail, name="amendment"),
    path(A + "<int:pk>/edit/", av.amendment_edit, name="amendment_edit"),
    path(A + "<int:pk>/table/", av.amendment_table, name="amendment_table"),
    path(A + "<int:pk>/receipt/", av.amendment_receipt, name="amendment_receipt"),
    path(A + "<int:pk>/history/", av.amendment_history, name="amendment_history"),
    path(A + "<int:pk>/changes/new/", av.change_new, name="change_new"),
    path(A + "<int:pk>/changes/<int:change>/edit/", av.change_edit, name="change_edit"),
    path(A + "<int:pk>/changes/<int:change>/remove/", av.change_remove, name="change_remove"),
    path(
        A + "<int:pk>/changes/<int:change>/subamend/",
        av.subamendment_new,
        name="subamendment_new",
    ),
    path(A + "<int:pk>/<slug:action>/", av.amendment_action, name="amendment_action"),
    path("<slug:slug>/compilation/", av.compilation, name="compilation"),
]
