import pytest
from django.db import IntegrityError, transaction


def refused_by_database(create):
    """The database itself refuses the row, whatever a form would have said."""
    with pytest.raises(IntegrityError), transaction.atomic():
        create()
