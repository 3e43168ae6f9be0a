"""The private area of focal points and the secretariat, in the ``private`` namespace.

Accounts use Django's authentication views; an invitation is a password reset link.
"""

from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy
from django.utils.translation import gettext_lazy as _

from governance import private_views as governance_views
from governance.forms import EmailAuthenticationForm
from projects import private_views as projects_views
from rabatprocess.private_views import DashboardView
from recommendations.forums import urls as forum_urls
from recommendations.reporting import urls as reporting_urls

app_name = "private"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path(
        _("sign-in/"),
        auth_views.LoginView.as_view(authentication_form=EmailAuthenticationForm),
        name="login",
    ),
    path(_("sign-out/"), auth_views.LogoutView.as_view(), name="logout"),
    path(_("password/"), governance_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        _("password/changed/"),
        governance_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        _("password/forgotten/"),
        governance_views.PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        _("password/forgotten/sent/"),
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        _("password/new/<uidb64>/<token>/"),
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("private:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        _("password/new/done/"),
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(_("directory/"), governance_views.DirectoryView.as_view(), name="directory"),
    path(_("assistance/"), projects_views.AssistanceListView.as_view(), name="assistance"),
    path(
        _("assistance/new/"),
        projects_views.AssistanceRequestView.as_view(),
        name="assistance-request",
    ),
    path(_("my-card/"), governance_views.ContactCardView.as_view(), name="profile"),
    path(_("contributors/"), governance_views.ContributorsView.as_view(), name="contributors"),
    path(
        _("contributors/<int:pk>/withdraw/"),
        governance_views.WithdrawContributorView.as_view(),
        name="contributor-withdraw",
    ),
    *reporting_urls.urlpatterns,
    *forum_urls.urlpatterns,
]
