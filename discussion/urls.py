from django.urls import path

from discussion import chair_views, room, views

app_name = "discussion"

P = "<slug:slug>/discussion/"

urlpatterns = [
    path(P, views.index, name="index"),
    path(P + "points/new/", views.point_create, name="point_create"),
    path(P + "points/<int:pk>/", views.point_detail, name="point"),
    path(P + "points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path(P + "points/<int:pk>/move/", views.point_move, name="point_move"),
    path(P + "points/<int:pk>/allocations/", views.allocations, name="allocations"),
    path(P + "points/<int:pk>/speakers/", views.speaker_add, name="speaker_add"),
    path(P + "points/<int:pk>/next/", views.call_next, name="call_next"),
    path(P + "points/<int:pk>/open/", views.open_point, name="open_point"),
    path(P + "points/<int:pk>/summary/", views.summary, name="summary"),
    path(P + "points/<int:pk>/summary.docx", views.summary_export, name="summary_docx"),
    path(P + "speakers/<int:pk>/move/", views.speaker_move, name="speaker_move"),
    path(P + "speakers/<int:pk>/withdraw/", views.speaker_withdraw, name="speaker_withdraw"),
    path(P + "clock/start/", views.clock_start, name="clock_start"),
    path(P + "clock/stop/", views.clock_stop, name="clock_stop"),
    path(P + "clock/finish/", views.finish, name="finish"),
    path("<slug:slug>/chair/", chair_views.chair, name="chair"),
    path("<slug:slug>/room/", room.room, name="room"),
    path("<slug:slug>/room/screen/", room.room_screen, name="room_screen"),
    path("<slug:slug>/room/projector/", room.projector_key, name="projector_key"),
    path("<slug:slug>/room/projector/<str:key>/", room.projector, name="projector"),
    path(
        "<slug:slug>/room/projector/<str:key>/screen/",
        room.projector_screen,
        name="projector_screen",
    ),
]
