"""Files with no public URL: a view checks who asks before streaming them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.functional import cached_property


def protected_storage():
    """The storage named "protected" in settings.STORAGES (any backend may be configured)."""
    return storages["protected"]


class ProtectedFileSystemStorage(FileSystemStorage):
    """Files under PROTECTED_MEDIA_ROOT, outside MEDIA_ROOT, and never given a URL."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PROTECTED_MEDIA_ROOT)

    def url(self, name):
        raise ValueError("A protected file has no URL: serve it through a view that checks access.")

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PROTECTED_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)
