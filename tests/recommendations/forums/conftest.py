"""Fixtures of the forum tests."""

import pytest

from tests.factories import (
    FocalPointFactory,
    PostFactory,
    ThreadFactory,
)


@pytest.fixture
def thread():
    thread = ThreadFactory(author=FocalPointFactory().user)
    PostFactory(thread=thread)
    return thread
