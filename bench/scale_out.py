"""An edit made through one server, read at once through another that shares the database,
the cache and the sessions.

The secretariat signs in through the first server; with the same session cookie (sessions
live in Redis) it changes a presidency's motto in the admin of the second; both servers
must then show the new motto to an anonymous visitor, although each had the page cached.
"""

import http.client
import secrets
from html.parser import HTMLParser
from urllib.parse import urlencode

from load import manage

CREATE_USER = r"""
from django.contrib.auth import get_user_model
from governance.models import Presidency
user, _ = get_user_model().objects.get_or_create(username="bench-secretariat")
user.is_staff = user.is_superuser = True
user.set_password("{password}")
user.save()
print("PRESIDENCY=%d" % Presidency.objects.exclude(end=None).order_by("-start").first().pk)
"""


class Browser:
    """One visitor of one server, with its cookies."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method, path, fields=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    self.cookies[name] = rest.split(";", 1)[0]
            return response.status, response.read().decode()
        finally:
            connection.close()


class FormFields(HTMLParser):
    """The fields of the form ``form_id``, as a browser would submit them."""

    def __init__(self, form_id):
        super().__init__()
        self.form_id = form_id
        self.fields = []
        self.in_form = False
        self.done = False
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea":
            if self.textarea is not None and self.textarea[1].startswith("\n"):
                self.textarea[1] = self.textarea[1][1:]
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(html, form_id):
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def check_edit_across_servers(ports, env):
    password = secrets.token_urlsafe(16)
    output = manage(
        env, "shell", "--no-imports", "-c", CREATE_USER.format(password=password), capture=True
    )
    presidency = int(
        next(line for line in output.splitlines() if line.startswith("PRESIDENCY=")).split("=")[1]
    )
    page = f"/en/presidencies/{presidency}/"
    first, second = ports
    for port in ports:  # both servers hold the page in their cache now
        Browser(port).request("GET", page)

    staff = Browser(first)
    staff.request("GET", "/admin/login/")
    status, _ = staff.request(
        "POST",
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": staff.cookies.get("csrftoken", ""),
            "username": "bench-secretariat",
            "password": password,
            "next": "/admin/",
        },
    )
    signed_in = status == 302
    # The same session, now on the other server.
    staff.port = second
    change = f"/admin/governance/presidency/{presidency}/change/"
    status, html = staff.request("GET", change)
    motto = f"Edited through port {second} {secrets.token_hex(4)}"
    fields = [
        (name, motto if name == "motto_en" else value)
        for name, value in form_fields(html, "presidency_form")
    ]
    fields.append(("_save", "Save"))
    status, _ = staff.request("POST", change, fields)
    saved = status == 302
    seen = {port: motto in Browser(port).request("GET", page)[1] for port in ports}
    ok = signed_in and saved and all(seen.values())
    summary = (
        f"signed in through port {first}: {'yes' if signed_in else 'NO'}; "
        f"saved through port {second} with that session: {'yes' if saved else 'NO'}; "
        + "; ".join(
            f"new motto on port {port}: {'yes' if shown else 'NO'}" for port, shown in seen.items()
        )
    )
    return {"ok": ok, "summary": summary, "signed_in": signed_in, "saved": saved, "seen": seen}
