from django.views.generic import TemplateView

from governance.models import Framework, Presidency


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            current_presidency=Presidency.objects.current().select_related("partner").first(),
            framework_in_force=Framework.objects.in_force(),
            **kwargs,
        )
