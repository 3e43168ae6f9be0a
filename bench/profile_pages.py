"""Where one cold request to each page of the bench spends its time: in SQL, in templates,
and elsewhere (Python: views, forms, the ORM building queries and rows, middleware).

Run by bench.py in the environment of its servers, page cache off:
``python bench/profile_pages.py PAGES_FILE``; prints ``PROFILE=`` and a JSON object with,
for each page, the median over a few of its cold addresses, after one request that
compiles its templates and opens the database connection.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

# The project first, in place of bench/ itself, whose bench.py would hide the package.
sys.path[0] = str(Path(__file__).resolve().parent.parent)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.template.backends.django import Template  # noqa: E402
from django.test import Client  # noqa: E402

SAMPLES = 7
spent = {"sql": 0.0, "templates": 0.0, "sql_in_templates": 0.0, "depth": 0}


def timed_sql(execute, sql, params, many, context):
    start = time.perf_counter()
    try:
        return execute(sql, params, many, context)
    finally:
        elapsed = time.perf_counter() - start
        spent["sql"] += elapsed
        if spent["depth"]:
            spent["sql_in_templates"] += elapsed


def timing(render):
    """Template.render, timing the outermost render of each request (includes run inside
    it), so that a template rendered inside another is not counted twice."""

    def timed_render(self, context=None, request=None):
        spent["depth"] += 1
        start = time.perf_counter()
        try:
            return render(self, context, request)
        finally:
            spent["depth"] -= 1
            if not spent["depth"]:
                spent["templates"] += time.perf_counter() - start

    return timed_render


def profile(client, path):
    spent.update(sql=0.0, templates=0.0, sql_in_templates=0.0)
    start = time.perf_counter()
    response = client.get(path)
    wall = time.perf_counter() - start
    sql = spent["sql"]
    templates = spent["templates"] - spent["sql_in_templates"]
    return {
        "status": response.status_code,
        "total_ms": wall * 1000,
        "sql_ms": sql * 1000,
        "templates_ms": templates * 1000,
        "elsewhere_ms": (wall - sql - templates) * 1000,
    }


def main(pages_file):
    pages = json.loads(Path(pages_file).read_text())
    Template.render = timing(Template.render)
    client = Client(HTTP_HOST="127.0.0.1")
    results = {}
    with connection.execute_wrapper(timed_sql):
        for name, _kind, _warm, cold in pages:
            client.get(cold[0])
            paths = (cold[1:] or cold)[:SAMPLES]
            samples = [profile(client, path) for path in paths]
            results[name] = {
                key: round(statistics.median(sample[key] for sample in samples), 2)
                for key in ("total_ms", "sql_ms", "templates_ms", "elsewhere_ms")
            }
            results[name]["statuses"] = sorted({sample["status"] for sample in samples})
    print("PROFILE=" + json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1])
