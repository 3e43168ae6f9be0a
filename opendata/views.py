from django.http import FileResponse
from django.shortcuts import render
from django.views import View
from django.views.generic import TemplateView

from opendata.archive import DOWNLOAD_NAME, LICENCE_URL
from opendata.datasets import datasets
from opendata.models import DataArchive


class ArchiveView(TemplateView):
    """The archive of all the public data: its date and size, and what each file holds."""

    template_name = "opendata/archive.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            archive=DataArchive.objects.newest(),
            datasets=datasets(),
            licence_url=LICENCE_URL,
            **kwargs,
        )


class DownloadView(View):
    """The newest archive, under one address that does not change."""

    def get(self, request):
        archive = DataArchive.objects.newest()
        if archive is None:
            # Only until the worker has made the first one, minutes after installation.
            return render(request, "opendata/not_ready.html", status=404)
        return FileResponse(archive.file.open("rb"), as_attachment=True, filename=DOWNLOAD_NAME)
