"""Protected files in an S3-compatible object store (settings.STORAGES, DJANGO_S3_BUCKET)."""

from storages.backends.s3 import S3Storage


class ProtectedS3Storage(S3Storage):
    """Private objects, never given a URL: a view checks who asks, then streams them."""

    def url(self, name, *args, **kwargs):
        raise ValueError("A protected file has no URL: serve it through a view that checks access.")
