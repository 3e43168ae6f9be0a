"""Who may enter the private area, and as whom."""

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from governance.models import FocalPoint


def is_staff(user):
    return user.is_active and user.is_staff


def is_secretariat(user):
    """An active staff member who, when two-factor authentication is required, has
    confirmed the sign-in with a one-time password, as the admin asks."""
    if not is_staff(user):
        return False
    if settings.REQUIRE_TWO_FACTOR:
        is_verified = getattr(user, "is_verified", None)
        return bool(is_verified and is_verified())
    return True


def focal_point_of(user):
    """The active focal point record of a user, or None."""
    if not user.is_authenticated or not user.is_active:
        return None
    return FocalPoint.objects.select_related("partner").filter(user=user).first()


class PrivateAreaMixin(LoginRequiredMixin):
    """Focal points and the secretariat; anybody else signed in is refused."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.focal_point = focal_point_of(request.user)
            if self.focal_point is None and not is_secretariat(request.user):
                if is_staff(request.user):
                    return redirect_to_login(request.get_full_path(), reverse("admin:login"))
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        """The focal point record, for the private menu to offer only what its role may open."""
        return super().get_context_data(focal_point=self.focal_point, **kwargs)


class FocalPointRequiredMixin(PrivateAreaMixin):
    """Pages that act for a partner: only its focal points."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and focal_point_of(request.user) is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NationalFocalPointRequiredMixin(FocalPointRequiredMixin):
    """What only a partner's national focal point may do, such as naming contributors."""

    def dispatch(self, request, *args, **kwargs):
        focal_point = focal_point_of(request.user)
        if focal_point and not focal_point.can_name_contributors:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReporterRequiredMixin(FocalPointRequiredMixin):
    """Reporting for a partner: its national focal points and the contributors they named."""

    def dispatch(self, request, *args, **kwargs):
        focal_point = focal_point_of(request.user)
        if focal_point and not focal_point.can_report:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
