"""What a site backup holds, shared by the backup_site and restore_site commands.

An archive is a gzipped tar file with:

- ``manifest.json``: when and by which Django version it was made, the migrations applied
  to the database then, and the number of rows of each model it holds;
- ``data.json``: the database as Django fixtures (``dumpdata --natural-foreign``), so that
  content types and permissions, which every migrated database recreates with its own
  ids, are referred to by name;
- ``media/`` and ``protected/``: the files of ``MEDIA_ROOT`` and ``PROTECTED_MEDIA_ROOT``.
"""

import os

from django.apps import apps

FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data.json"
FOLDERS = {"media": "MEDIA_ROOT", "protected": "PROTECTED_MEDIA_ROOT"}

# Left out of the archive: what migrate recreates (content types, permissions), what is
# only worth anything on the running site (sessions, sign-in attempts and lockouts).
EXCLUDED = ("contenttypes", "auth.permission", "sessions", "axes")

# Rows an empty, freshly migrated database already holds: the archive replaces the groups.
CREATED_BY_MIGRATE = ("contenttypes", "auth.permission", "auth.group", "sessions", "axes")


def is_excluded(model, names):
    meta = model._meta
    return meta.app_label in names or meta.label_lower in names


def rows_per_model(models=None):
    """{"app.model": rows} of every concrete model with rows, in a stable order."""
    counts = {}
    for model in models or apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        count = model._base_manager.count()
        if count:
            counts[model._meta.label_lower] = count
    return dict(sorted(counts.items()))


def private_file(path):
    """``path`` opened for writing bytes, readable and writable by its owner only (mode
    0600) from its first byte: an archive holds password hashes and authenticator keys."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)  # a file left by an interrupted backup keeps its mode
    return open(descriptor, "wb")
