"""Work of the governance layer done by the background worker."""

from django.utils import translation
from django_tasks import task

from governance.forms import PasswordResetForm


@task()
def send_password_reset(email: str, domain: str, use_https: bool, language: str) -> None:
    """Look up the accounts with this address and queue each a link to choose a new
    password. Done here rather than in the request, so that asking for an address with
    an account and for one without take the request the same time."""
    with translation.override(language):
        form = PasswordResetForm(data={"email": email})
        if form.is_valid():
            form.send_links(domain=domain, use_https=use_https)
