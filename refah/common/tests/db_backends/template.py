"""The test database made once and copied, instead of migrated by every pytest-xdist worker.

Migrating from nothing takes a worker about a minute (two workers per database in CI, both databases side by
side on two cores). The first worker to arrive migrates a **template** under a lock, named by a hash of every
migration file and of the versions of Django and the apps that bring their own migrations; every worker then copies
it — on SQLite with the backup API into its in-memory database, on PostgreSQL with CREATE DATABASE … TEMPLATE. A
migration changed anywhere gives a new name, so a stale template is never used (old ones are dropped when a new one
is made). Used only by the test settings' backends (db_backends); `--keepdb` and serialisation take Django's way.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import importlib.metadata
import os
import sqlite3
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command


def migrations_key() -> str:
    digest = hashlib.sha256()
    for name in ("django", "django-tasks-db"):
        with contextlib.suppress(importlib.metadata.PackageNotFoundError):
            digest.update(f"{name}={importlib.metadata.version(name)};".encode())
    for config in sorted(apps.get_app_configs(), key=lambda c: c.label):
        folder = Path(config.path) / "migrations"
        for path in sorted(folder.glob("*.py")) if folder.is_dir() else ():
            digest.update(f"{config.label}/{path.name}".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _migrate(creation, name: str) -> None:
    """Migrate `name` through the creation's connection (pointed at it for the while)."""
    connection = creation.connection
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0, interactive=False, database=connection.alias, run_syncdb=True)
    call_command("createcachetable", database=connection.alias)
    connection.close()


def _use(creation, name: str) -> None:
    connection = creation.connection
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name
    connection.ensure_connection()


@contextlib.contextmanager
def _file_lock(path: Path):
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def sqlite_create_test_db(creation, verbosity=1, autoclobber=False, keepdb=False) -> str:
    """The worker's in-memory test database, copied from the migrated template file."""
    folder = Path(os.environ.get("REFAH_TEST_TEMPLATE_DIR", tempfile.gettempdir()))
    template = folder / f"refah-test-template-{migrations_key()}.sqlite3"
    name = creation._get_test_db_name()
    # copied under the lock too: a run with other migrations may replace the template meanwhile
    with _file_lock(folder / "refah-test-template.lock"):
        if not template.exists():
            for old in folder.glob("refah-test-template-*.sqlite3"):
                old.unlink(missing_ok=True)
            building = template.with_suffix(f".building-{os.getpid()}")
            building.unlink(missing_ok=True)
            _migrate(creation, str(building))
            building.rename(template)
        creation._create_test_db(verbosity, autoclobber, keepdb)
        _use(creation, name)
        source = sqlite3.connect(template)
        try:
            source.backup(creation.connection.connection)
        finally:
            source.close()
    return name


def postgresql_create_test_db(creation, verbosity=1, autoclobber=False, keepdb=False) -> str:
    """The worker's test database, created from the migrated template database."""
    template = f"refah_test_template_{migrations_key()}"
    name = creation._get_test_db_name()
    quote = creation.connection.ops.quote_name
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(hashtext('refah-test-template'))")
        try:
            cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'refah\\_test\\_template\\_%%'")
            found = {row[0] for row in cursor.fetchall()}
            if template not in found:
                for old in found:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(old)} WITH (FORCE)")
                cursor.execute(f"CREATE DATABASE {quote(template)}")
                try:
                    _migrate(creation, template)
                except BaseException:
                    cursor.execute(f"DROP DATABASE IF EXISTS {quote(template)} WITH (FORCE)")
                    raise
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {quote(name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(hashtext('refah-test-template'))")
    _use(creation, name)
    return name
