from django.urls import path

from committee import views

app_name = "committee"

urlpatterns = [
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/members/", views.membership_list, name="members"),
]
