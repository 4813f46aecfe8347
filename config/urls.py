from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, reverse_lazy
from django.views.i18n import set_language

from committee import views as committee_views

urlpatterns = [
    path("", committee_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # The link of an invitation (committee.invitations): Django's one-time password-reset token.
    path(
        "accounts/invitation/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/invitation_set_password.html",
            post_reset_login=True,
            # Login throttling adds a backend; the new password logs in through the model's.
            post_reset_login_backend="django.contrib.auth.backends.ModelBackend",
            success_url=reverse_lazy("home"),
        ),
        name="invitation",
    ),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
    path("c/", include("committee.urls")),
    path("c/", include("discussion.urls")),
    path("drafts/<int:draft_id>/export/", include("drafting.export_urls")),
    path("drafts/<int:draft_id>/translations/", include("drafting.translation_urls")),
    path("drafts/", include("drafting.urls")),
    path("admin/", admin.site.urls),
]
