"""Benchmark: the public pages at a hundred times today's record, run as in production.

Creates a PostgreSQL database with the reference data and ``--meetings`` synthetic
meetings and ``--recommendations`` recommendations (``generate_demo_data``), starts
gunicorn with DEBUG off, static files served by WhiteNoise, cache and sessions in Redis,
then measures each page with wrk at ``--clients`` concurrent connections:

- warm: the site's page cache on, the same address again and again, as real traffic is;
- cold: a second server with the page cache off, and for the lists a different filter
  combination on every request (the caches of shared parts, such as the options of the
  filters, stay on: they are part of the site).

Each page's throughput is compared with a bare Django view (a fixed small page through
the whole middleware stack): the ceiling of the stack on this machine. Then two servers on
two ports share the load, and an edit made through one is read through the other.

Prints a table, writes it with every figure to ``--output`` (JSON), and exits 1 if a
target is missed or a request failed. See bench/README.md.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load import (
    ROOT,
    free_port,
    manage,
    production_environment,
    recreate_database,
    start_gunicorn,
    stop,
    wait_until_up,
)
from scale_out import check_edit_across_servers

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/rabatprocess_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/3"

# Ratio of the bare view's throughput, and p99 latency, that each kind of page must reach.
TARGETS = {
    ("list", "warm"): 0.5,
    ("detail", "warm"): 0.6,
    ("list", "cold"): 0.2,
}
P99_TARGET_MS = 100

# Printed by ``manage.py shell`` on the bench database: for each page, its kind (list or
# detail), the address requested when warm, and the addresses cycled through when cold.
COLLECT_PAGES = r"""
import json, random
from urllib.parse import urlencode
from django.urls import reverse
from django.utils import translation
from governance.models import Action, Framework, Partner, Presidency
from meetings.models import Meeting
from recommendations.models import Recommendation

rng = random.Random(7)
translation.activate("en")
framework = Framework.objects.in_force()
actions = list(Action.objects.filter(framework=framework).values_list("pk", flat=True))
chair = Partner.objects.get(iso_code="MA")
def slugs(partners):
    return list(partners.distinct().values_list("slug", flat=True))

chairs = slugs(Partner.objects.filter(chaired__isnull=False))
hosts = slugs(Partner.objects.filter(hosted_meetings__isnull=False))
kinds = list(Meeting.Kind.values)
meetings = list(Meeting.objects.published().order_by("pk").values_list("slug", flat=True))
frameworks = list(Framework.objects.values_list("slug", flat=True))
presidencies = list(Presidency.objects.exclude(end=None).values_list("pk", flat=True))
# The last full term is the one a visitor of the brief most often opens.
presidency = Presidency.objects.exclude(end=None).order_by("-start").first()
words = ["migration", "remittances", "border", "diaspora", "protection", "youth", "asylum",
         "return", "trafficking", "labour", "data", "visa", "climate", "students", "smuggling"]
meetings_list = reverse("meetings:list")
recommendations_list = reverse("recommendations:list")

def query(**params):
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

def meeting_filters():
    params = {
        "kind": rng.choice(kinds),
        "chair": rng.choice([*chairs, ""]),
        "action": rng.choice([*actions, "", ""]),
        "year": rng.choice(["", rng.randint(2006, 2030)]),
        "host": rng.choice([*hosts, "", "", "", "", ""]),
    }
    return meetings_list + query(**params)

def recommendation_filters():
    params = {
        "q": " ".join(rng.sample(words, rng.randint(1, 2))),
        "kind": rng.choice(["", "recommendation", "conclusion"]),
        "year": rng.choice(["", rng.randint(2006, 2026)]),
    }
    return recommendations_list + query(**params)

def many(make, count=4000):
    return [make() for _ in range(count)]

pages = [
    ["home", "list", reverse("home"), [reverse("home")]],
    ["meetings list", "list", meetings_list, many(meeting_filters)],
    ["meetings by co-chair and action", "list",
     meetings_list + query(chair=chair.slug, action=actions[0]), many(meeting_filters)],
    ["meetings page 400", "list", meetings_list + "?page=400",
     [meetings_list + f"?page={n}" for n in range(1, len(meetings) // 20)]],
    ["meeting detail", "detail",
     reverse("meetings:detail", args=[meetings[len(meetings) // 2]]),
     [reverse("meetings:detail", args=[slug])
      for slug in rng.sample(meetings, min(4000, len(meetings)))]],
    ["recommendations search", "list", recommendations_list + "?q=remittances",
     many(recommendation_filters)],
    ["framework detail", "detail",
     reverse("governance:framework-detail", args=[framework.slug]),
     [reverse("governance:framework-detail", args=[slug]) for slug in frameworks]],
    ["presidency at a glance", "detail",
     reverse("governance:presidency-detail", args=[presidency.pk]),
     [reverse("governance:presidency-detail", args=[pk]) for pk in presidencies]],
    ["ical feed", "list", reverse("meetings:ical"),
     [reverse("meetings:ical") + query(kind=rng.choice(kinds), chair=rng.choice([*chairs, ""]))
      for _ in range(2000)]],
]
print("PAGES=" + json.dumps(pages))
"""

WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
-- Each thread starts at its own place in the list, so that no two ask for the same page.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("offset", threads)
end
init = function(args)
  counter = ((offset or 1) * 7919) %% #paths
end
request = function()
  counter = counter %% #paths + 1
  return wrk.format("GET", paths[counter])
end
done = function(summary, latency, requests)
  local out = io.open("%(result)s", "w")
  out:write(string.format(
    '{"requests": %%d, "seconds": %%f, "p50": %%f, "p90": %%f, "p99": %%f, "max": %%f, ' ..
    '"errors": %%d, "status": %%d, "connect": %%d, "read": %%d, "timeout": %%d}',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3,
    latency:percentile(90) / 1e3, latency:percentile(99) / 1e3, latency.max / 1e3,
    summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.timeout,
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.timeout))
  out:close()
end
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--recommendations", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8, help="concurrent connections (8)")
    parser.add_argument("--seconds", type=float, default=8, help="measured per page (8)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker (2)")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.json"))
    parser.add_argument("--keep-database", action="store_true")
    return parser.parse_args()


def require_wrk():
    if shutil.which("wrk") is None:
        sys.exit(
            "wrk is not installed: run `make bench`, which installs it, or apt-get install wrk"
        )


def flush_redis(url):
    import redis

    redis.Redis.from_url(url).flushdb()


def analyse(database_url):
    """Fresh planner statistics after the bulk load, as after any large import, and the
    load written out, so that the server is not busy flushing it during the first runs."""
    import psycopg

    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
        connection.execute("CHECKPOINT")


def collect_pages(env):
    output = manage(env, "shell", "--no-imports", "-c", COLLECT_PAGES, capture=True)
    line = next(line for line in output.splitlines() if line.startswith("PAGES="))
    return json.loads(line.removeprefix("PAGES="))


def worker_pids(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def resident_mib(pid):
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return 0.0
    match = re.search(r"VmRSS:\s+(\d+) kB", status)
    return int(match.group(1)) / 1024 if match else 0.0


def wrk(port, paths, seconds, clients, folder, server=None):
    """Run wrk over ``paths``; its figures, and the workers' largest resident memory."""
    paths_file = folder / f"paths-{time.monotonic_ns()}.txt"
    result_file = folder / f"result-{time.monotonic_ns()}.json"
    paths_file.write_text("\n".join(paths) + "\n")
    script = folder / f"cycle-{time.monotonic_ns()}.lua"
    script.write_text(WRK_SCRIPT % {"paths": paths_file, "result": result_file})
    command = [
        "wrk",
        f"--threads={min(clients, 2)}",
        f"--connections={clients}",
        f"--duration={seconds:g}s",
        "--timeout=10s",
        f"--script={script}",
        f"http://127.0.0.1:{port}",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = 0.0
    while process.poll() is None:
        if server is not None:
            memory = max([memory, *(resident_mib(pid) for pid in worker_pids(server.pid))])
        time.sleep(0.5)
    if process.returncode:
        sys.exit(f"wrk failed: {process.stderr.read().decode()}")
    figures = json.loads(result_file.read_text())
    figures["rps"] = figures["requests"] / figures["seconds"]
    figures["worker_rss_mib"] = round(memory, 1)
    return figures


def serve(env, port, workers, threads, log):
    server = start_gunicorn(env, port, workers, threads, log)
    if wait_until_up(port, server) is None:
        stop(server)
        sys.exit(f"gunicorn did not start; see {log.name}")
    return server


def measure(args, env, folder, pages, mode):
    """Every page in one mode, on its own server: (bare view figures, rows)."""
    port = free_port()
    with (folder / f"gunicorn-{mode}.log").open("w") as log:
        server = serve(env, port, args.workers, args.threads, log)
        try:
            wrk(port, ["/en/bench/bare/"], 2, args.clients, folder)  # warm the workers up
            before = wrk(port, ["/en/bench/bare/"], args.seconds, args.clients, folder, server)
            rows = []
            for name, kind, warm_path, cold_paths in pages:
                paths = [warm_path] if mode == "warm" else cold_paths
                wrk(port, paths, 1, args.clients, folder)
                figures = wrk(port, paths, args.seconds, args.clients, folder, server)
                figures.update(page=name, kind=kind, mode=mode)
                rows.append(figures)
            # The ceiling is the better of two runs of the bare view, before and after the
            # pages: a passing disturbance of the machine must not flatter the ratios.
            after = wrk(port, ["/en/bench/bare/"], args.seconds, args.clients, folder, server)
        finally:
            stop(server)
        bare = max(before, after, key=lambda run: run["rps"])
        bare["runs_rps"] = [round(before["rps"]), round(after["rps"])]
        for row in rows:
            row["ratio"] = row["rps"] / bare["rps"]
            print(row_line(row), flush=True)
    return bare, rows


def row_line(row):
    target = TARGETS.get((row["kind"], row["mode"]))
    verdict = []
    if target is not None:
        verdict.append("ok" if row["ratio"] >= target else f"below {target}x")
    verdict.append("ok" if row["p99"] <= P99_TARGET_MS else f"p99 > {P99_TARGET_MS} ms")
    if row["errors"]:
        verdict.append(f"{row['errors']} errors")
    return (
        f"{row['page']:<34}{row['mode']:<6}{row['rps']:>9.0f}{row['ratio']:>8.2f}x"
        f"{row['p50']:>9.1f}{row['p99']:>9.1f}{row['worker_rss_mib']:>9.0f}  " + ", ".join(verdict)
    )


def missed(row):
    target = TARGETS.get((row["kind"], row["mode"]))
    return (
        (target is not None and row["ratio"] < target)
        or row["p99"] > P99_TARGET_MS
        or row["errors"] > 0
    )


def scale_out(args, env, folder, pages):
    """Two servers, one database and one Redis: the load spread across both, then an edit
    through one read through the other."""
    ports = [free_port(), free_port()]
    logs = [(folder / f"gunicorn-scale-{n}.log").open("w") for n in (1, 2)]
    servers = [
        serve(env, port, args.workers // 2 or 1, args.threads, log)
        for port, log in zip(ports, logs, strict=True)
    ]
    try:
        paths = [page[2] for page in pages]
        for port in ports:
            wrk(port, paths, 1, args.clients // 2, folder)
        processes = []
        with tempfile.TemporaryDirectory(dir=folder) as parts:
            for index, port in enumerate(ports):
                processes.append(
                    subprocess.Popen(
                        [
                            sys.executable,
                            __file__,
                            "--wrk-part",
                            str(port),
                            str(args.seconds),
                            str(args.clients // 2),
                            parts,
                            str(index),
                            *paths,
                        ],
                        cwd=ROOT / "bench",
                    )
                )
            for process in processes:
                process.wait()
            shares = [json.loads((Path(parts) / f"{i}.json").read_text()) for i in range(2)]
        edit = check_edit_across_servers(ports, env)
    finally:
        for server in servers:
            stop(server)
        for log in logs:
            log.close()
    return {"ports": ports, "shares": shares, "edit": edit}


def wrk_part(port, seconds, clients, folder, index, paths):
    figures = wrk(int(port), paths, float(seconds), int(clients), Path(folder))
    (Path(folder) / f"{index}.json").write_text(json.dumps(figures))


def main():
    args = parse_args()
    require_wrk()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rabatprocess-bench-") as folder:
        folder = Path(folder)
        env = {
            **production_environment(database_url, folder),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "REDIS_URL": redis_url,
            "DJANGO_REQUIRE_2FA": "false",
        }
        print("database: recreating, migrating, loading the reference data…", flush=True)
        recreate_database(database_url)
        flush_redis(redis_url)
        manage(env, "migrate", "--no-input", "--verbosity=0")
        manage(env, "load_reference_data")
        print(
            f"generating {args.meetings:,} meetings and {args.recommendations:,} recommendations…",
            flush=True,
        )
        manage(
            env,
            "generate_demo_data",
            f"--meetings={args.meetings}",
            f"--recommendations={args.recommendations}",
            "--seed=1",
            "--allow-production",
        )
        analyse(database_url)
        manage(env, "collectstatic", "--no-input", "--verbosity=0")
        pages = collect_pages(env)
        print(
            f"\ngunicorn {args.workers} workers x {args.threads} threads (gthread), DEBUG off, "
            f"PostgreSQL, Redis; wrk {args.clients} connections, {args.seconds:g} s a page\n"
        )
        header = f"{'page':<34}{'mode':<6}{'req/s':>9}{'ratio':>9}{'p50 ms':>9}{'p99 ms':>9}"
        header += f"{'RSS MiB':>9}"
        print(header + "\n" + "-" * len(header), flush=True)
        results = {"settings": vars(args), "runs": {}}
        for mode, page_cache in (("warm", "true"), ("cold", "false")):
            flush_redis(redis_url)  # each mode starts from an empty cache
            bare, rows = measure(
                args, {**env, "DJANGO_PAGE_CACHE": page_cache}, folder, pages, mode
            )
            bare.update(page="bare Django view", kind="ceiling", mode=mode, ratio=1.0)
            print(row_line(bare))
            results["runs"][mode] = {"bare": bare, "pages": rows}
        print("\ntwo servers sharing PostgreSQL and Redis…", flush=True)
        flush_redis(redis_url)
        results["scale_out"] = scale_out(args, {**env, "DJANGO_PAGE_CACHE": "true"}, folder, pages)
        for port, share in zip(
            results["scale_out"]["ports"], results["scale_out"]["shares"], strict=True
        ):
            print(
                f"  port {port}: {share['rps']:.0f} req/s, p99 {share['p99']:.1f} ms, "
                f"{share['errors']} errors"
            )
        print(f"  {results['scale_out']['edit']['summary']}")
    if not args.keep_database:
        from load import drop_database

        drop_database(database_url)
    rows = [row for run in results["runs"].values() for row in run["pages"]]
    failures = [row for row in rows if missed(row)]
    results["targets_met"] = not failures and results["scale_out"]["edit"]["ok"]
    results["minutes"] = round((time.monotonic() - started) / 60, 1)
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nresults written to {args.output} ({results['minutes']} min)")
    if failures:
        print(f"{len(failures)} page runs miss a target")
    return 0 if results["targets_met"] else 1


if __name__ == "__main__":
    if sys.argv[1:2] == ["--wrk-part"]:
        wrk_part(*sys.argv[2:7], sys.argv[7:])
    else:
        sys.exit(main())
