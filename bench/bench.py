"""Benchmark: the public pages at ten and a hundred times today's record, as in production.

For each of ``--sizes`` (meetings and recommendations), creates a PostgreSQL database with
the reference data and synthetic records (``generate_demo_data``), profiles one cold
request to each page (bench/profile_pages.py), starts gunicorn with DEBUG off, static
files served by WhiteNoise, cache and sessions in Redis, then measures each page with wrk
at ``--clients`` concurrent connections:

- warm: the site's page cache on, the same address again and again, as real traffic is;
- cold: a second server with the page cache off, and for the lists a different filter
  combination on every request.

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

# Warm (page cache on): the ratio of the bare view's throughput each kind of page must
# reach, and its p99. Cold (page cache off, a new address on every request), at the
# largest size: p50 and p99. Growth: each page's cold throughput at the largest size is
# at least this share of its throughput at the smallest.
WARM_RATIO = {"list": 0.6, "detail": 0.7}
WARM_P99_MS = 20
COLD_P50_MS = 60
COLD_P99_MS = 150
COLD_TARGETS_FROM = 10_000  # meetings
GROWTH = 0.8
# The open data archive, made by the scheduled jobs at every size: from scratch, and the
# check that finds nothing changed.
ARCHIVE_BUILD_S = 120
ARCHIVE_PEAK_MIB = 1024
ARCHIVE_CHECK_S = 1

# Printed by ``manage.py shell`` on the bench database: for each page, its kind (list or
# detail), the address requested when warm, and the addresses cycled through when cold.

# wrk's script: cycles through a file of addresses, each thread from its own place.
WRK_SCRIPT = Path(__file__).with_name("cycle.lua")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=sizes("1000:10000,10000:100000"),
        help="MEETINGS:RECOMMENDATIONS of each run, comma-separated (1000:10000,10000:100000)",
    )
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


def run_script(env, script, *args, prefix):
    """Run a script of bench/ in the servers' environment; the JSON it prints after
    ``prefix``."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        capture_output=True,
    )
    if result.returncode:
        sys.exit(f"bench/{script} failed:\n{result.stdout}\n{result.stderr}")
    line = next(line for line in result.stdout.splitlines() if line.startswith(prefix))
    return json.loads(line.removeprefix(prefix))


def collect_pages(env):
    return run_script(env, "pages.py", prefix="PAGES=")


def profile_pages(env, pages, folder):
    """A single-request profile of each page's cold path: milliseconds in SQL, in
    templates and elsewhere (bench/profile_pages.py)."""
    pages_file = folder / "pages.json"
    pages_file.write_text(json.dumps(pages))
    cold = {**env, "DJANGO_PAGE_CACHE": "false"}
    return run_script(cold, "profile_pages.py", str(pages_file), prefix="PROFILE=")


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
    script.write_text(WRK_SCRIPT.read_text() % {"paths": paths_file, "result": result_file})
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
            print(row_line(row, args.size[0]), flush=True)
    return bare, rows


def verdicts(row, meetings):
    """What the row misses of its targets, in words; empty when it meets them all."""
    missed = []
    if row["mode"] == "warm" and row["kind"] in WARM_RATIO:
        if row["ratio"] < WARM_RATIO[row["kind"]]:
            missed.append(f"ratio below {WARM_RATIO[row['kind']]}x")
        if row["p99"] > WARM_P99_MS:
            missed.append(f"p99 > {WARM_P99_MS} ms")
    if row["mode"] == "cold" and meetings >= COLD_TARGETS_FROM:
        if row["p50"] > COLD_P50_MS:
            missed.append(f"p50 > {COLD_P50_MS} ms")
        if row["p99"] > COLD_P99_MS:
            missed.append(f"p99 > {COLD_P99_MS} ms")
    if row["errors"]:
        missed.append(f"{row['errors']} errors")
    return missed


def row_line(row, meetings):
    verdict = ", ".join(verdicts(row, meetings)) or "ok"
    if row["mode"] == "warm" and row["kind"] not in WARM_RATIO:
        verdict = "not kept: no target"
    return (
        f"{row['page']:<34}{row['mode']:<6}{row['rps']:>9.0f}{row['ratio']:>8.2f}x"
        f"{row['p50']:>9.1f}{row['p99']:>9.1f}{row['worker_rss_mib']:>9.0f}  {verdict}"
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
        # Free-text searches are never kept: the other pages, as visitors see them warm.
        paths = [page[2] for page in pages if page[1] != "search"]
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


def sizes(text):
    """ "1000:10000,10000:100000" → [(1000, 10000), (10000, 100000)]."""
    try:
        return [tuple(int(n) for n in size.split(":")) for size in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(
            "sizes are MEETINGS:RECOMMENDATIONS, comma-separated"
        ) from None


def fill_database(env, database_url, redis_url, meetings, recommendations):
    print(f"\n{meetings:,} meetings and {recommendations:,} recommendations…", flush=True)
    recreate_database(database_url)
    flush_redis(redis_url)
    manage(env, "migrate", "--no-input", "--verbosity=0")
    manage(env, "load_reference_data")
    manage(
        env,
        "generate_demo_data",
        f"--meetings={meetings}",
        f"--recommendations={recommendations}",
        "--seed=1",
        "--allow-production",
    )
    analyse(database_url)


def open_data_archive(env):
    """The archive's figures (bench/open_data.py) and what they miss of their targets."""
    figures = run_script(env, "open_data.py", prefix="ARCHIVE=")
    misses = [
        f"{name} {figures[key]} > {limit}"
        for name, key, limit in (
            ("build s", "build_s", ARCHIVE_BUILD_S),
            ("peak MiB", "peak_rss_mib", ARCHIVE_PEAK_MIB),
            ("unchanged check s", "unchanged_check_s", ARCHIVE_CHECK_S),
        )
        if figures[key] > limit
    ]
    if figures["made"] != 1 or figures["made_again"] != 0:
        misses.append("not made once")
    print(
        f"open data archive: {figures['size_mib']} MiB made in {figures['build_s']} s, "
        f"peak {figures['peak_rss_mib']} MiB; unchanged check {figures['unchanged_check_s']} s"
        + (f"  MISSES: {', '.join(misses)}" if misses else "  ok")
    )
    return figures | {"misses": misses}


def run_size(args, env, folder, redis_url):
    """Profile and measure every page at one size of the record."""
    archive = open_data_archive(env)
    pages = collect_pages(env)
    profile = profile_pages(env, pages, folder)
    print(f"{'page':<34}{'total':>8}{'SQL':>8}{'templ.':>8}{'else':>8}   (ms, one cold request)")
    for name, figures in profile.items():
        print(
            f"{name:<34}{figures['total_ms']:>8.1f}{figures['sql_ms']:>8.1f}"
            f"{figures['templates_ms']:>8.1f}{figures['elsewhere_ms']:>8.1f}"
        )
    header = f"{'page':<34}{'mode':<6}{'req/s':>9}{'ratio':>9}{'p50 ms':>9}{'p99 ms':>9}"
    print("\n" + header + f"{'RSS MiB':>9}\n" + "-" * (len(header) + 9), flush=True)
    runs = {}
    for mode, page_cache in (("warm", "true"), ("cold", "false")):
        flush_redis(redis_url)  # each mode starts from an empty cache
        bare, rows = measure(args, {**env, "DJANGO_PAGE_CACHE": page_cache}, folder, pages, mode)
        bare.update(page="bare Django view", kind="ceiling", mode=mode, ratio=1.0)
        print(row_line(bare, args.size[0]))
        runs[mode] = {"bare": bare, "pages": rows}
    return pages, {"meetings": args.size[0], "recommendations": args.size[1]} | {
        "open_data_archive": archive,
        "profile": profile,
        "runs": runs,
    }


def growth(results):
    """Each page's cold throughput at the largest size as a share of the smallest's."""
    smallest, largest = results[0], results[-1]
    before = {row["page"]: row["rps"] for row in smallest["runs"]["cold"]["pages"]}
    return {
        row["page"]: round(row["rps"] / before[row["page"]], 2)
        for row in largest["runs"]["cold"]["pages"]
        if row["page"] in before
    }


def main():
    args = parse_args()
    require_wrk()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    redis_url = os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)
    started = time.monotonic()
    results = {"settings": {**vars(args), "sizes": args.sizes}, "sizes": []}
    with tempfile.TemporaryDirectory(prefix="rabatprocess-bench-") as folder:
        folder = Path(folder)
        env = {
            **production_environment(database_url, folder),
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "REDIS_URL": redis_url,
            "DJANGO_REQUIRE_2FA": "false",
        }
        manage(env, "collectstatic", "--no-input", "--verbosity=0")
        print(
            f"gunicorn {args.workers} workers x {args.threads} threads (gthread), DEBUG off, "
            f"PostgreSQL, Redis; wrk {args.clients} connections, {args.seconds:g} s a page"
        )
        for size in args.sizes:
            args.size = size
            fill_database(env, database_url, redis_url, *size)
            pages, figures = run_size(args, env, folder, redis_url)
            results["sizes"].append(figures)
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
    failures = [
        (size["meetings"], row["page"], row["mode"], verdicts(row, size["meetings"]))
        for size in results["sizes"]
        for run in size["runs"].values()
        for row in run["pages"]
        if verdicts(row, size["meetings"])
    ]
    failures += [
        (size["meetings"], "open data archive", "job", size["open_data_archive"]["misses"])
        for size in results["sizes"]
        if size["open_data_archive"]["misses"]
    ]
    if len(results["sizes"]) > 1:
        results["growth"] = growth(results["sizes"])
        print("\ncold throughput, largest size ÷ smallest:")
        for page, share in results["growth"].items():
            print(f"  {page:<34}{share:>6.2f}  {'ok' if share >= GROWTH else f'below {GROWTH}'}")
            if share < GROWTH:
                failures.append((None, page, "growth", [f"below {GROWTH}"]))
    results["failures"] = failures
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
