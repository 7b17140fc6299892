"""`make bench`: generate the data, load the pages, measure, write docs/benchmarks.md.

For each database (PostgreSQL at $BENCH_POSTGRES_URL, a database of its own; the embedded
SQLite under var/bench/), it builds two data sets with generate_data (the full size and
a smaller one with the same boards and fewer years), serves the full one with gunicorn
(2 workers, DEBUG off) on a free loopback port, loads each page with hey at 8 concurrent
clients from this second process (several runs, medians), then measures in-process: SQL
queries per page at both sizes, the reminder sweep at both sizes, the minutes import and
the 5,000-row exports.

Environment (all optional):
  BENCH_DATABASES  postgresql,sqlite     which databases to run
  BENCH_BOARDS     50                    boards in both data sets
  BENCH_YEARS      10                    years of the full data set
  BENCH_SMALL_YEARS 3                    years of the smaller data set
  BENCH_SEED       1
  BENCH_RUNS       3                     load runs per page (the median is reported)
  BENCH_SECONDS    8                     seconds per load run
  BENCH_CONCURRENCY 8
  BENCH_REUSE      0                     1: keep data sets already generated with the same parameters
  BENCH_POSTGRES_URL postgres://postgres@127.0.0.1:5432   server (databases actionlog_bench*)
"""

import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
VAR = ROOT / "var" / "bench"


def env(name, default):
    value = os.environ.get(name, "")
    return type(default)(value) if value else default


DATABASES = env("BENCH_DATABASES", "postgresql,sqlite").split(",")
BOARDS = env("BENCH_BOARDS", 50)
YEARS = env("BENCH_YEARS", 10)
SMALL_YEARS = env("BENCH_SMALL_YEARS", 3)
SEED = env("BENCH_SEED", 1)
RUNS = env("BENCH_RUNS", 3)
SECONDS = env("BENCH_SECONDS", 8)
CONCURRENCY = env("BENCH_CONCURRENCY", 8)
REUSE = env("BENCH_REUSE", 0)
PHASES = env("BENCH_PHASES", "load,queries,sweep,import,export").split(",")
PG_SERVER = env("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
TODAY = date.today()  # the data's anchor; the server's "today" must be the same day

TARGETS = {
    "log_vs_floor_p95": 2.0,
    "sweep_seconds": 10.0,
    "import_seconds": 0.2,
    "preview_seconds": 5.0,
    "export_seconds": 5.0,
    "export_mb": 300.0,
}


def say(text):
    print(f"[{datetime.now():%H:%M:%S}] {text}", flush=True)


def base_env(url):
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "PYTHONPATH": str(ROOT),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_CONN_MAX_AGE": "600",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }


def manage(url, *args, quiet=False):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=base_env(url),
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def measure(url, *args):
    proc = subprocess.run(
        [PYTHON, "-m", "bench.measure", *args, "--today", TODAY.isoformat()],
        cwd=ROOT,
        env=base_env(url),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(proc.stdout.strip().splitlines()[-1])


# Databases -------------------------------------------------------------------


def database_url(vendor, size):
    if vendor == "postgresql":
        return f"{PG_SERVER}/actionlog_bench" + ("" if size == "full" else "_small")
    return f"sqlite:///{VAR / f'{size}.sqlite3'}"


def build(vendor, size):
    """A fresh database with generated data; returns (url, seconds to generate)."""
    url = database_url(vendor, size)
    years = YEARS if size == "full" else SMALL_YEARS
    params = f"{vendor} boards={BOARDS} years={years} seed={SEED} today={TODAY}"
    stamp = VAR / f"{vendor}-{size}.stamp"
    if REUSE and stamp.exists() and stamp.read_text() == params:
        say(f"{vendor} {size}: reusing the data set ({params})")
        return url, None
    VAR.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    if vendor == "postgresql":
        name = url.rsplit("/", 1)[1]
        assert name.startswith("actionlog_bench"), name  # never anyone else's database
        admin = f"{PG_SERVER}/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{url[len('sqlite:///') :]}{suffix}").unlink(missing_ok=True)
    say(f"{vendor} {size}: migrate and generate_data --boards {BOARDS} --years {years}")
    manage(url, "migrate", "--noinput", "-v0")
    start = time.monotonic()
    manage(
        url,
        "generate_data",
        "--boards",
        str(BOARDS),
        "--years",
        str(years),
        "--seed",
        str(SEED),
        "--today",
        TODAY.isoformat(),
    )
    seconds = time.monotonic() - start
    if vendor == "postgresql":  # after a bulk load, as autovacuum would: statistics and visibility map
        subprocess.run(["psql", url, "-qc", "VACUUM ANALYZE"], check=True)
    stamp.write_text(params)
    return url, seconds


# Load ------------------------------------------------------------------------


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url):
        self.url, self.port = url, free_port()

    def __enter__(self):
        self.proc = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "actionlog.wsgi",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                "--timeout",
                "120",
            ],
            cwd=ROOT,
            env=base_env(self.url),
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/healthz", timeout=2)
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("gunicorn did not start")

    def __exit__(self, *exc):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=30)


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values) + 0.5) - 1))]


def hey(url, cookie=None):
    """One load run: every request's latency from hey's CSV, so percentiles need no minimum count."""
    cmd = ["hey", "-z", f"{SECONDS}s", "-c", str(CONCURRENCY), "-o", "csv"]
    if cookie:
        cmd += ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run([*cmd, url], check=True, capture_output=True, text=True).stdout
    latencies, ends, codes = [], [], {}
    for line in out.splitlines()[1:]:
        fields = line.split(",")
        if len(fields) < 8:
            continue
        latency, code, offset = float(fields[0]), int(fields[6]), float(fields[7])
        latencies.append(latency)
        ends.append(offset + latency)
        codes[code] = codes.get(code, 0) + 1
    if not latencies or set(codes) != {200}:
        raise RuntimeError(f"{url}: responses {codes}")
    return {
        "rps": len(latencies) / max(ends),
        "p50": percentile(latencies, 50) * 1000,
        "p95": percentile(latencies, 95) * 1000,
        "requests": len(latencies),
    }


def load_pages(db_url, info):
    results = {}
    with Server(db_url) as server:
        base = f"http://127.0.0.1:{server.port}"
        targets = info["pages"]
        for _name, path, user in targets:  # warm both workers
            for _ in range(4):
                req = urllib.request.Request(
                    base + path, headers={"Cookie": f"sessionid={info['sessions'][user]}"} if user else {}
                )
                urllib.request.urlopen(req, timeout=60).read()
        runs = {name: [] for name, _, _ in targets}
        for run in range(RUNS):
            for name, path, user in targets:
                runs[name].append(hey(base + path, info["sessions"][user] if user else None))
            say(f"  load run {run + 1}/{RUNS} done")
        for name, figures in runs.items():
            results[name] = {k: statistics.median(f[k] for f in figures) for k in ("rps", "p50", "p95")}
    return results


# The machine ---------------------------------------------------------------------


def machine(vendors):
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, AttributeError):
        pass
    osname = platform.platform()
    try:
        osname = re.search(r'PRETTY_NAME="([^"]+)"', Path("/etc/os-release").read_text()).group(1)
    except (OSError, AttributeError):
        pass
    import sqlite3

    pg = "not run"
    if "postgresql" in vendors:
        pg = subprocess.run(
            ["psql", f"{PG_SERVER}/postgres", "-Atc", "SHOW server_version"],
            check=False,
            capture_output=True,
            text=True,
        ).stdout.strip()
    hey_version = "hey"
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "ram": ram,
        "os": osname,
        "python": platform.python_version(),
        "postgresql": pg,
        "sqlite": sqlite3.sqlite_version,
        "load": f"{hey_version}, {CONCURRENCY} concurrent clients, {RUNS} runs x {SECONDS} s, medians",
    }


def commit():
    def git(*args):
        return subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()

    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    # The code measured, read when the run starts; this run's own report does not count.
    changed = git("status", "--porcelain", "--", ".", ":(exclude)docs/benchmarks.md")
    return sha + (" + uncommitted changes" if changed else "")


# Report --------------------------------------------------------------------------


def mb(n):
    return n / 1024 / 1024


def verdict(ok):
    return "PASS" if ok else "MISS"


def report(results, meta):
    lines = [
        "# Benchmarks",
        "",
        (
            "Written by `make bench` (bench/run.py); figures are medians of several runs. "
            "Edit bench/notes.md, not this file: it is included below."
        ),
        "",
        f"- Commit: `{meta['commit']}`",
        f"- Run: {meta['started']} to {meta['finished']} UTC ({meta['minutes']:.1f} minutes)",
        (
            f"- Machine: {meta['machine']['cpu']}, {meta['machine']['cores']} cores, "
            f"{meta['machine']['ram']} RAM, "
            f"{meta['machine']['os']}"
        ),
        (
            f"- Python {meta['machine']['python']}, PostgreSQL {meta['machine']['postgresql']}, "
            f"SQLite {meta['machine']['sqlite']}"
        ),
        (
            "- Server: gunicorn, 2 sync workers, DEBUG off, persistent database connections; "
            f"load: {meta['machine']['load']}, from a second process on loopback"
        ),
        (
            f"- Data: generate_data --boards {BOARDS} --years {YEARS} --seed {SEED} --today {TODAY} "
            f"(full) and --years {SMALL_YEARS} (small)"
        ),
        "",
    ]
    checks = []
    for vendor, r in results.items():
        info = r["info"]
        lines += [
            f"## {vendor}",
            "",
            (
                f"Full data set: {info['actions']:,} actions, {info['history']:,} history rows "
                f"(generated in {r['generate_seconds']}); small: {r['small_actions']:,} actions. "
                f"Board measured: `{info['board']}` with {info['board_outstanding']} outstanding actions "
                f"(100 per page); officer: {info['officer']}, on {info['officer_boards']} boards, "
                f"{info['officer_outstanding']} outstanding actions; action page with "
                f"{info['action_history']} history rows."
            ),
            "",
        ]
        if r.get("load"):
            load = r["load"]
            lines += [
                "### Pages under load",
                "",
                "| Page | req/s | p50 ms | p95 ms | queries (full) | queries (small) | rows (full/small) |",
                "|---|---:|---:|---:|---:|---:|---:|",
            ]
            for name, f in load.items():
                q = r["queries_full"]["pages"].get(name, {})
                qs = r["queries_small"]["pages"].get(name, {})
                lines.append(
                    f"| {name} | {f['rps']:.1f} | {f['p50']:.1f} | {f['p95']:.1f} | "
                    f"{q.get('queries', '')} | {qs.get('queries', '')} | "
                    f"{q.get('table_rows', '')}/{qs.get('table_rows', '')} |"
                )
            lines += [""]
            lines += ["Ratios (p95 latency; req/s):", ""]
            for view in ("", " filtered"):
                log, floor, peer = load[f"log{view}"], load[f"floor{view}"], load[f"admin peer{view}"]
                vs_floor = log["p95"] / floor["p95"]
                vs_peer = log["p95"] / peer["p95"]
                lines.append(
                    f"- log{view}: p95 {vs_floor:.2f}x the floor's, {vs_peer:.2f}x the admin peer's; "
                    f"req/s {log['rps'] / floor['rps']:.2f}x the floor's, "
                    f"{log['rps'] / peer['rps']:.2f}x the peer's"
                )
                checks.append(
                    (
                        vendor,
                        f"log{view} p95 <= 2x floor",
                        f"{vs_floor:.2f}x",
                        vs_floor <= TARGETS["log_vs_floor_p95"],
                    )
                )
                checks.append((vendor, f"log{view} p95 <= admin peer", f"{vs_peer:.2f}x", vs_peer <= 1.0))
            lines += [""]
        rows = [
            (name, q["queries"], r["queries_small"]["pages"][name]["queries"])
            for name, q in r["queries_full"]["pages"].items()
        ]
        flat = all(a == b for _, a, b in rows)
        lines += [
            "### SQL queries per page (in-process, full vs small data set)",
            "",
            "| Page | full | small | rows on the page (full/small) |",
            "|---|---:|---:|---:|",
        ]
        for name, a, b in rows:
            lines.append(
                f"| {name} | {a} | {b} | {r['queries_full']['pages'][name]['table_rows']}/"
                f"{r['queries_small']['pages'][name]['table_rows']} |"
            )
        lines += [""]
        checks.append((vendor, "queries per page flat in rows", "flat" if flat else "grows", flat))
        lines += [
            "### Reminder sweep (plan, record, render and send every digest; dummy email backend)",
            "",
            "| Data set | actions stored | open | reminders due | digests | seconds | queries | peak MB |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for size in ("full", "small"):
            s = r[f"sweep_{size}"]
            lines.append(
                f"| {size} | {s['actions']:,} | {s['open_actions']:,} | {s['reminders']:,} | "
                f"{s['digests']:,} | {s['seconds']:.2f} | {s['queries']:,} | {mb(s['peak_bytes']):.1f} |"
            )
        full, small = r["sweep_full"], r["sweep_small"]
        per_full = full["seconds"] / max(full["reminders"], 1) * 1000
        per_small = small["seconds"] / max(small["reminders"], 1) * 1000
        lines += [
            "",
            (
                f"Per reminder: {per_full:.2f} ms (full) vs {per_small:.2f} ms (small), with "
                f"{full['actions'] / max(small['actions'], 1):.1f}x the actions stored."
            ),
            "",
        ]
        checks.append((vendor, "sweep < 10 s (full)", f"{full['seconds']:.2f} s", full["seconds"] < 10))
        imp = r["import"]
        lines += [
            "### Minutes import and exports",
            "",
            "| Job | seconds | peak MB | notes |",
            "|---|---:|---:|---|",
            (
                f"| minutes import (tests/data/minutes_2016_11_17.txt) | {imp['seconds']:.3f} | "
                f"{mb(imp['peak_bytes']):.1f} | {imp['items']} items, {imp['resolutions']} resolutions, "
                f"{imp['actions']} actions, {imp['queries']} queries |"
            ),
        ]
        checks.append((vendor, "minutes import < 0.2 s", f"{imp['seconds']:.3f} s", imp["seconds"] < 0.2))
        pre = r["preview"]
        lines.append(
            f"| minutes preview of a {pre['chars'] / 1e6:.1f} MB text (the clerk's page) "
            f"| {pre['seconds']:.2f} | "
            f"| {pre['items']:,} items, {pre['queries']} queries, a {pre['page_bytes'] / 1e6:.1f} MB page |"
        )
        checks.append(
            (
                vendor,
                "2 MB minutes preview < 5 s",
                f"{pre['seconds']:.2f} s",
                pre["seconds"] < TARGETS["preview_seconds"],
            )
        )
        for fmt, e in r["export"].items():
            lines.append(
                f"| export {fmt} | {e['seconds']:.2f} | {mb(e['peak_bytes']):.1f} | "
                f"{e['rows']:,} rows, {e['bytes'] / 1024:.0f} KiB |"
            )
            checks.append(
                (
                    vendor,
                    f"export {fmt} < 5 s and 300 MB",
                    f"{e['seconds']:.2f} s, {mb(e['peak_bytes']):.0f} MB",
                    e["seconds"] < 5 and mb(e["peak_bytes"]) < 300,
                )
            )
        lines += [""]
    lines += ["## Targets", "", "| Database | Target | Measured | Result |", "|---|---|---|---|"]
    lines += [f"| {v} | {t} | {m} | {verdict(ok)} |" for v, t, m, ok in checks]
    notes = ROOT / "bench" / "notes.md"
    if notes.exists():
        lines += ["", notes.read_text().strip()]
    return "\n".join(lines) + "\n", checks


def main():
    started = datetime.now(UTC)
    measured_commit = commit()
    if "load" in PHASES and not shutil.which("hey"):
        sys.exit("hey is not installed: apt-get install hey (Debian), or see bench/run.py")
    results = {}
    for vendor in DATABASES:
        say(f"== {vendor}")
        full_url, gen_seconds = build(vendor, "full")
        small_url, _ = build(vendor, "small")
        info = measure(full_url, "setup", "--history")
        r = {"info": info, "generate_seconds": f"{gen_seconds:.0f} s" if gen_seconds else "an earlier run"}
        if "load" in PHASES:
            say(f"{vendor}: load on {info['board']} ({info['board_outstanding']} outstanding)")
            r["load"] = load_pages(full_url, info)
        if "queries" in PHASES:
            say(f"{vendor}: queries per page")
            r["queries_full"] = measure(full_url, "queries", "--history")
            r["queries_small"] = measure(small_url, "queries")
            r["small_actions"] = r["queries_small"]["info"]["actions"]
        if "sweep" in PHASES:
            say(f"{vendor}: reminder sweep")
            r["sweep_full"] = measure(full_url, "sweep")
            r["sweep_small"] = measure(small_url, "sweep")
        if "import" in PHASES:
            say(f"{vendor}: minutes import")
            r["import"] = measure(full_url, "import")
            r["preview"] = measure(full_url, "preview", "--runs", "2")
        if "export" in PHASES:
            say(f"{vendor}: exports")
            r["export"] = {
                fmt: measure(
                    full_url, "export", "--formats", fmt, "--runs", "1" if fmt in ("docx", "pdf") else "3"
                )
                for fmt in ("csv", "xlsx", "docx", "pdf")
            }
        results[vendor] = r
        (VAR / "partial.json").write_text(json.dumps(results, indent=1, default=str))
    finished = datetime.now(UTC)
    meta = {
        "commit": measured_commit,
        "machine": machine(DATABASES),
        "started": f"{started:%Y-%m-%d %H:%M}",
        "finished": f"{finished:%H:%M}",
        "minutes": (finished - started).total_seconds() / 60,
    }
    if set(PHASES) != {"load", "queries", "sweep", "import", "export"}:
        (VAR / f"results-{'-'.join(PHASES)}.json").write_text(
            json.dumps({"meta": meta, "results": results}, indent=1, default=str)
        )
        say(f"partial run ({', '.join(PHASES)}): results in var/bench/, docs/benchmarks.md left as it was")
        return
    text, _checks = report(results, meta)
    (ROOT / "docs").mkdir(exist_ok=True)
    (ROOT / "docs" / "benchmarks.md").write_text(text)
    (VAR / "results.json").write_text(json.dumps({"meta": meta, "results": results}, indent=1, default=str))
    print()
    print(text)
    say("wrote docs/benchmarks.md")


if __name__ == "__main__":
    main()
