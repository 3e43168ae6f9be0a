"""The production settings, plus the bare page that measures the ceiling of the stack."""

from rabatprocess.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
