from django.urls import path

from committee import amendment_views as av
from committee import export_views, views
from committee import floor_views as fv
from committee import member_views as mv
from committee import setup_views as sv

app_name = "committee"

A = "<slug:slug>/amendments/"
urlpatterns = [
    # Links from the draft page, which knows paragraphs but not committees.
    path("propose/<int:paragraph_id>/", av.propose, name="propose"),
    path("paragraph/<int:paragraph_id>/amendments/", av.paragraph_amendments, name="paragraph"),
    # The first start (superuser): before "<slug>/", and "setup" is no committee's slug.
    path("setup/", sv.start, name="setup"),
    path("setup/session/new/", sv.session_new, name="session_new"),
    path("setup/committee/new/", sv.committee_new, name="committee_new"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/members/", mv.member_list, name="members"),
    # Setting up the committee (secretariat).
    path("<slug:slug>/setup/", sv.overview, name="setup_overview"),
    path("<slug:slug>/setup/committee/", sv.committee_settings, name="setup_settings"),
    path("<slug:slug>/setup/groups/", sv.groups, name="setup_groups"),
    path("<slug:slug>/setup/groups/<int:pk>/", sv.regional_group, name="setup_regional"),
    path("<slug:slug>/setup/officers/", sv.officers, name="setup_officers"),
    path("<slug:slug>/setup/draft/", sv.draft, name="setup_draft"),
    path("<slug:slug>/composition/", sv.composition, name="composition"),
    path("<slug:slug>/members/new/", mv.member_new, name="member_new"),
    path("<slug:slug>/members/import/", mv.members_import_view, name="members_import"),
    path("<slug:slug>/members/invite/", mv.members_invite, name="members_invite"),
    path("<slug:slug>/members/<int:pk>/", mv.member_edit, name="member_edit"),
    path("<slug:slug>/members/<int:pk>/active/", mv.member_active, name="member_active"),
    path("<slug:slug>/members/<int:pk>/history/", mv.member_history, name="member_history"),
    path("<slug:slug>/members/<int:pk>/invite/", mv.member_invite, name="member_invite"),
    path(A, av.amendment_list, name="amendments"),
    path(A + "new/", av.amendment_new, name="amendment_new"),
    path(A + "deadline/", av.deadline, name="amendment_deadline"),
    path(A + "translations/", av.translation_queue, name="amendment_translations"),
    path(A + "<int:pk>/", av.amendment_detail, name="amendment"),
    path(A + "<int:pk>/edit/", av.amendment_edit, name="amendment_edit"),
    path(A + "<int:pk>/table/", av.amendment_table, name="amendment_table"),
    path(A + "<int:pk>/receipt/", av.amendment_receipt, name="amendment_receipt"),
    path(A + "<int:pk>/history/", av.amendment_history, name="amendment_history"),
    path(
        A + "<int:pk>/translations/<slug:language>/",
        av.amendment_translate,
        name="amendment_translate",
    ),
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
    # The floor: the sitting console, the stages of the text and the record.
    path("<slug:slug>/floor/", fv.console, name="floor"),
    path("<slug:slug>/floor/decide/", fv.decide, name="floor_decide"),
    path("<slug:slug>/floor/declare/", fv.declare, name="floor_declare"),
    path("<slug:slug>/floor/undo/", fv.undo, name="floor_undo"),
    path("<slug:slug>/floor/show/", fv.show, name="floor_show"),
    path("<slug:slug>/floor/order/", fv.order, name="floor_order"),
    path("<slug:slug>/stages/", fv.stage_list, name="stages"),
    path("<slug:slug>/stages/advance/", fv.stage_advance, name="stage_advance"),
    path("<slug:slug>/stages/reopen/", fv.stage_reopen, name="stage_reopen"),
    path("<slug:slug>/stages/compare/", fv.stage_compare, name="stage_compare"),
    path("<slug:slug>/record/", fv.record_page, name="record"),
    path("<slug:slug>/exports/", export_views.export_panel, name="exports"),
    path(
        "<slug:slug>/exports/compilation/",
        export_views.compilation_export,
        name="compilation_export",
    ),
    path("<slug:slug>/exports/record/", export_views.record_export, name="record_export"),
    path("<slug:slug>/exports/text/", export_views.stage_text_export, name="stage_text_export"),
]
