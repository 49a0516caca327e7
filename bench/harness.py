"""What the HTTP benchmarks share: a fresh PostgreSQL database, Django set up on it, the production server.

    granian --interface wsgi config.wsgi:application --workers 2 --blocking-threads 2

(config.settings.dev, REFAH_DEBUG=0, persistent connections), started on 127.0.0.1 and waited for until it
listens. Used by bench/intake.py, bench/aidcard.py and bench/fault_drill.py; not a test.
"""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"


def database_recreate(url: str) -> None:
    """DROP and CREATE the database named in the URL, connected to the server's `postgres` database."""
    info = psycopg.conninfo.conninfo_to_dict(url)
    name = info.pop("dbname")
    with psycopg.connect(**info, dbname="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def server_env(url: str) -> dict[str, str]:
    """The environment of the server and of this process's Django: the database, dev settings, DEBUG off."""
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "REFAH_DEBUG": "0",
        "REFAH_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }


def django_setup(url: str) -> None:
    """Django in this process, on the database the server uses."""
    env = server_env(url)
    os.environ.update({name: env[name] for name in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "REFAH_DEBUG")})
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def listening(port: int, seconds: float) -> bool:
    """Whether something accepts connections on HOST:port within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def server_start(
    url: str, *, port: int, workers: int = 2, threads: int | None = 2, log: Path | None = None, session: bool = False
) -> subprocess.Popen:
    """Start granian on HOST:port and wait until it listens. `session`: in a process group of its own (so that
    the whole server, workers included, can be signalled at once); `log`: its output (else inherited)."""
    command = [str(ROOT / ".venv/bin/granian"), "--interface", "wsgi", "config.wsgi:application"]
    command += ["--workers", str(workers), "--host", HOST, "--port", str(port), "--log-level", "warning"]
    if threads:
        command += ["--blocking-threads", str(threads)]
    out = log.open("ab") if log else None
    try:
        server = subprocess.Popen(
            command, cwd=ROOT, env=server_env(url), stdout=out, stderr=subprocess.STDOUT, start_new_session=session
        )
    finally:
        if out:
            out.close()  # the child holds its own descriptor
    if not listening(port, 60):
        server.kill()
        raise RuntimeError(f"granian did not listen on {HOST}:{port}" + (f"; see {log}" if log else ""))
    return server
