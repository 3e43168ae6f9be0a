"""Load test: gunicorn with production settings on PostgreSQL, many clients, the public pages,
and the background worker sending e-mails meanwhile.

Creates (or recreates) a PostgreSQL database, migrates it, loads the reference data,
collects the static files, starts gunicorn with DEBUG off and the background worker
(``manage.py db_worker``), then lets ``--clients`` clients with keep-alive connections cycle
through the public pages in both languages for ``--seconds`` seconds, while one more client
asks for links to choose a new password (half for accounts that exist, each through its
own forwarded address), which the worker sends. Prints the figures, pages and e-mails;
exits 1 if any request failed (a status of 400 or more, or no answer) or if an e-mail was
not sent. See bench/README.md.

Only the standard library and the project's own dependencies (psycopg, gunicorn, Django).
"""

import argparse
import http.client
import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rabatprocess_bench"

# Printed by ``manage.py shell`` on the bench database: the pages to request, each with
# the name it has in the table. Paths come from the URL configuration, the objects from
# the reference data.
COLLECT_PAGES = r"""
import json
import math
from django.urls import reverse
from django.utils import translation
from governance.models import Framework, Partner, Presidency
from meetings.models import Meeting

def spread(queryset, count):
    items = list(queryset)
    step = max(len(items) // count, 1)
    return items[::step][:count]

meetings = spread(Meeting.objects.published().order_by("start", "pk"), 6)
partners = spread(Partner.objects.order_by("name"), 4)
framework = Framework.objects.in_force() or Framework.objects.order_by("-adopted_on").first()
presidency = Presidency.objects.current().first() or Presidency.objects.order_by("-start").first()
year = meetings[len(meetings) // 2].start.year
pages = []
for language in ("en", "fr"):
    with translation.override(language):
        def add(label, name, query="", **kwargs):
            pages.append([label, reverse(name, kwargs=kwargs or None) + query])
        add("home", "home")
        add("meetings list", "meetings:list")
        add("meetings filtered", "meetings:list", f"?year={year}")
        add("meetings filtered", "meetings:list", "?kind=ministerial_conference&order=-date")
        add("meetings filtered", "meetings:list", "?q=migration&status=held")
        add("meetings filtered", "meetings:list", "?period=past&page=2")
        for meeting in meetings:
            add("meeting detail", "meetings:detail", slug=meeting.slug)
        add("recommendations list", "recommendations:list")
        add("action plans", "governance:framework-list")
        add("framework detail", "governance:framework-detail", slug=framework.slug)
        add("presidencies", "governance:presidency-list")
        add("presidency detail", "governance:presidency-detail", pk=presidency.pk)
        add("steering committee", "governance:steering-committee")
        add("steering committee", "governance:steering-committee", "?date=2015-06-01")
        add("partners", "governance:partner-list")
        add("partners", "governance:partner-list", "?kind=country&region=west_africa")
        for partner in partners:
            add("partner detail", "governance:partner-detail", slug=partner.slug)
        add("ical feed", "meetings:ical")
        add("ical feed", "meetings:ical", "?kind=thematic_meeting")
        add("sitemap", "sitemap")
        if language == "en":
            add("password reset form", "private:password_reset")
print("PAGES=" + json.dumps(pages))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long to hold (60)")
    cores = os.cpu_count() or 1
    parser.add_argument(
        "--workers", type=int, default=2 * cores + 1, help=f"gunicorn workers ({2 * cores + 1})"
    )
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    parser.add_argument("--port", type=int, default=0, help="port (a free one)")
    parser.add_argument(
        "--keep-database", action="store_true", help="leave the bench database in place"
    )
    return parser.parse_args()


# Setting up --------------------------------------------------------------------------------


def recreate_database(url):
    """Drop and create the database named in ``url``, through the server's ``postgres``."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"} or not name:
        sys.exit(f"BENCH_DATABASE_URL must name a PostgreSQL database, not {url!r}")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(url):
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(parts.path.lstrip("/"))
            )
        )


def production_environment(database_url, folder):
    """Production settings (DEBUG off), with what plain HTTP on 127.0.0.1 needs. Only
    environment variables: the settings' production defaults stay as they are."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "rabatprocess.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        # No TLS in front of this gunicorn: without this every page would redirect to https.
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_PROTECTED_MEDIA_ROOT": str(folder / "protected"),
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # The password-reset client gives each request its own address, as a proxy would.
        "DJANGO_PROXY_COUNT": "1",
        "PYTHONUNBUFFERED": "1",
    }


def manage(env, *args, capture=False):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        capture_output=True,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout if capture else None


def collect_pages(env):
    """[(label, path)] of the pages to request, from the bench database."""
    output = manage(env, "shell", "--no-imports", "-c", COLLECT_PAGES, capture=True)
    line = next(line for line in output.splitlines() if line.startswith("PAGES="))
    return [tuple(page) for page in json.loads(line.removeprefix("PAGES="))]


# Accounts whose owners ask for a new password during the load.
CREATE_ACCOUNTS = r"""
from django.contrib.auth import get_user_model
User = get_user_model()
for number in range(%(count)d):
    User.objects.create_user(f"reset{number}", f"reset{number}@example.org", "a long password 1")
"""

# The e-mails of the load, once the worker has sent them: counts and queueing delays.
EMAIL_FIGURES = r"""
import json
from core.models import OutgoingEmail
emails = OutgoingEmail.objects.all()
print(json.dumps({
    "by_status": {s: emails.filter(status=s).count() for s in OutgoingEmail.Status.values},
    "sent": [[e.to, e.sent_at.timestamp()] for e in emails.filter(sent_at__isnull=False)],
}))
"""
RESET_ACCOUNTS = 200


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(env, port, workers, threads, log):
    command = [
        str(BIN / "gunicorn"),
        "rabatprocess.wsgi",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        f"--threads={threads}",
        "--worker-class=gthread",  # keeps client connections alive between requests
        "--keep-alive=5",
        "--graceful-timeout=20",
        "--error-logfile=-",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def start_worker(env, log):
    command = [sys.executable, "manage.py", "db_worker", "--no-reload"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(port, server, timeout=60):
    """Poll /health/, or /en/ where there is no health endpoint; the path that answered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return None
        for path in ("/health/", "/en/"):
            try:
                status, _body = fetch(port, path)
            except OSError:
                break
            if status == 200:
                return path
        time.sleep(0.2)
    return None


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def stop(server):
    """Stop gunicorn as a service manager would: TERM, then KILL if it lingers."""
    if server.poll() is not None:
        return server.returncode
    server.send_signal(signal.SIGTERM)
    try:
        return server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        return server.wait()


# The load ----------------------------------------------------------------------------------


class Results:
    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = defaultdict(list)  # label -> seconds
        self.errors = Counter()  # label -> failed requests
        self.statuses = Counter()
        self.failures = Counter()  # description -> count, for the report
        self.reconnects = 0

    def record(self, label, status, seconds, failure=None):
        with self.lock:
            self.latencies[label].append(seconds)
            self.statuses[status] += 1
            if failure:
                self.errors[label] += 1
                self.failures[failure] += 1


def client(number, port, pages, deadline, results):
    """One visitor with one keep-alive connection, going through the pages in turn."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "identity", "Accept": "text/html"}
    index = number * 7  # clients start at different pages
    served = 0  # requests on the current connection
    while time.monotonic() < deadline:
        label, path = pages[index % len(pages)]
        index += 1
        started = time.perf_counter()
        for attempt in (1, 2):
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as e:
                connection.close()
                # The server may close an idle keep-alive connection: a browser then
                # retries once on a new connection, and so do we.
                if attempt == 1 and served:
                    served = 0
                    with results.lock:
                        results.reconnects += 1
                    started = time.perf_counter()
                    continue
                results.record(label, "exception", time.perf_counter() - started, repr(e))
                break
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                served = 0
                results.record(label, "exception", time.perf_counter() - started, repr(error))
                break
            served += 1
            failure = f"{response.status} {path}" if response.status >= 400 else None
            results.record(label, response.status, time.perf_counter() - started, failure)
            if response.will_close:
                connection.close()
                served = 0
            break
    connection.close()


def password_resets(port, path, deadline, results, asked):
    """Ask for a link every 0.2 s, for an account that exists and for one that does not in
    turn, each from its own forwarded client address, as a browser does: the form first,
    for its CSRF token and cookie, then the post."""
    number = 0
    while time.monotonic() < deadline:
        known = number % 2 == 0
        email = (
            f"reset{(number // 2) % RESET_ACCOUNTS}@example.org"
            if known
            else (f"nobody{number}@example.org")
        )
        forwarded = {
            "X-Forwarded-For": f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"
        }
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=forwarded)
            form = connection.getresponse()
            page = form.read().decode()
            cookie = form.getheader("Set-Cookie", "").split(";")[0]
            token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
            body = f"csrfmiddlewaretoken={token}&email={email}"
            posted = time.time()
            connection.request(
                "POST",
                path,
                body=body,
                headers={
                    **forwarded,
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Referer": f"http://127.0.0.1:{port}{path}",
                },
            )
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException, IndexError) as error:
            results.record(
                "password reset", "exception", time.perf_counter() - started, repr(error)
            )
        else:
            ok = response.status == 302
            failure = None if ok else f"{response.status} POST {path}"
            results.record(
                "password reset", response.status, time.perf_counter() - started, failure
            )
            if ok and known:
                asked.append((email, posted))
        finally:
            connection.close()
        number += 1
        time.sleep(0.2)


def wait_for_emails(env, expected, timeout=60):
    """The figures of the e-mails once ``expected`` are sent, or at ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        output = manage(env, "shell", "--no-imports", "-c", EMAIL_FIGURES, capture=True)
        figures = json.loads(output.strip().splitlines()[-1])
        if figures["by_status"]["sent"] >= expected or time.monotonic() > deadline:
            return figures
        time.sleep(1)


def report_emails(figures, asked):
    """The e-mails by status, and the delays from each answered request to its e-mail
    leaving for the mail server."""
    expected = len(asked)
    sent = defaultdict(list)
    for address, when in figures["sent"]:
        sent[address].append(when)
    requested = defaultdict(list)
    for address, when in asked:
        requested[address].append(when)
    delays = sorted(
        left - answered
        for address, times in requested.items()
        for answered, left in zip(sorted(times), sorted(sent[address]), strict=False)
    )
    by_status = ", ".join(f"{status} {count}" for status, count in figures["by_status"].items())
    print(
        f"e-mails: {expected} links asked for existing accounts; {by_status}; "
        f"from the post to the mail server p50 {percentile(delays, 0.5):.2f} s, "
        f"p90 {percentile(delays, 0.9):.2f} s, max {delays[-1] if delays else 0:.2f} s"
    )
    return (
        figures["by_status"]["sent"] != expected or sum(figures["by_status"].values()) != expected
    )


def percentile(ordered, fraction):
    """Nearest-rank percentile of an ordered list."""
    if not ordered:
        return 0.0
    rank = max(math.ceil(fraction * len(ordered)) - 1, 0)
    return ordered[min(rank, len(ordered) - 1)]


def report(results, elapsed, clients, workers, threads, ready_path):
    rows = []
    everything = []
    for label in sorted(results.latencies):
        latencies = sorted(results.latencies[label])
        everything.extend(latencies)
        rows.append((label, latencies, results.errors[label]))
    everything.sort()
    total = len(everything)
    errors = sum(results.errors.values())

    def ms(seconds):
        return f"{seconds * 1000:8.1f}"

    header = f"{'page':<22}{'requests':>9}{'errors':>8}{'req/s':>8}"
    header += f"{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    print()
    print(header)
    print("-" * len(header))
    for label, latencies, failed in [*rows, ("all pages", everything, errors)]:
        if label == "all pages":
            print("-" * len(header))
        print(
            f"{label:<22}{len(latencies):>9}{failed:>8}{len(latencies) / elapsed:>8.1f}"
            f"{ms(percentile(latencies, 0.5)):>9}{ms(percentile(latencies, 0.9)):>9}"
            f"{ms(percentile(latencies, 0.99)):>9}{ms(latencies[-1] if latencies else 0):>9}"
        )
    print()
    print(
        f"{total} requests in {elapsed:.1f} s from {clients} clients: "
        f"{total / elapsed:.1f} requests/s, {errors} errors; "
        f"p50 {percentile(everything, 0.5) * 1000:.1f} ms, "
        f"p90 {percentile(everything, 0.9) * 1000:.1f} ms, "
        f"p99 {percentile(everything, 0.99) * 1000:.1f} ms"
    )
    statuses = ", ".join(
        f"{status}: {count}" for status, count in sorted(results.statuses.items(), key=str)
    )
    print(f"status codes: {statuses}; reopened keep-alive connections: {results.reconnects}")
    print(
        f"gunicorn: {workers} workers x {threads} threads (gthread), DEBUG off, PostgreSQL; "
        f"ready check on {ready_path}"
    )
    for failure, count in results.failures.most_common(10):
        print(f"  error x{count}: {failure}")
    return errors


def main():
    args = parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    with tempfile.TemporaryDirectory(prefix="rabatprocess-bench-") as folder:
        folder = Path(folder)
        env = production_environment(database_url, folder)
        print(f"database {urlsplit(database_url).path.lstrip('/')}: recreating, migrating…")
        recreate_database(database_url)
        manage(env, "migrate", "--no-input", "--verbosity=0")
        print("loading the reference data, collecting static files…")
        manage(env, "load_reference_data")
        manage(env, "collectstatic", "--no-input", "--verbosity=0")
        manage(env, "shell", "--no-imports", "-c", CREATE_ACCOUNTS % {"count": RESET_ACCOUNTS})
        pages = collect_pages(env)
        reset_path = next(path for label, path in pages if label == "password reset form")
        pages = [(label, path) for label, path in pages if label != "password reset form"]

        port = args.port or free_port()
        log_path = folder / "gunicorn.log"
        worker_log_path = folder / "worker.log"
        with log_path.open("w") as log, worker_log_path.open("w") as worker_log:
            server = start_gunicorn(env, port, args.workers, args.threads, log)
            worker = start_worker(env, worker_log)
            try:
                ready_path = wait_until_up(port, server)
                if ready_path is None:
                    stop(server)
                    sys.exit(f"gunicorn did not answer:\n{log_path.read_text()}")
                if ready_path != "/health/":
                    print("note: no /health/ endpoint answered; waited for /en/ instead")
                # Each page once: every one must answer 200 before the load starts.
                broken = []
                for _label, path in pages:
                    status, _body = fetch(port, path)
                    if status != 200:
                        broken.append(f"{status} {path}")
                if broken:
                    print("pages that do not answer 200:", *broken, sep="\n  ")
                print(
                    f"{len(pages)} pages, {args.clients} clients for {args.seconds:g} s on "
                    f"gunicorn {args.workers} workers x {args.threads} threads, port {port}…"
                )
                results = Results()
                started = time.monotonic()
                deadline = started + args.seconds
                asked = []
                clients = [
                    threading.Thread(target=client, args=(n, port, pages, deadline, results))
                    for n in range(args.clients)
                ]
                clients.append(
                    threading.Thread(
                        target=password_resets, args=(port, reset_path, deadline, results, asked)
                    )
                )
                for thread in clients:
                    thread.start()
                for thread in clients:
                    thread.join()
                elapsed = time.monotonic() - started
                emails = wait_for_emails(env, len(asked))
            finally:
                code = stop(server)
                stop(worker)
        errors = report(results, elapsed, args.clients, args.workers, args.threads, ready_path)
        errors += len(broken)
        errors += report_emails(emails, asked)
        server_errors = [
            line
            for line in log_path.read_text().splitlines()
            if " ERROR " in line or "Traceback" in line
        ]
        if server_errors:
            print("gunicorn log:", *server_errors[:20], sep="\n  ")
        print(f"gunicorn stopped (exit {code})")
    if not args.keep_database:
        drop_database(database_url)
    return 1 if errors or broken else 0


if __name__ == "__main__":
    sys.exit(main())
