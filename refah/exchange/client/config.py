"""A source's settings (REFAH_SOURCES[code] over REFAH_SOURCE_DEFAULTS) and its one pooled httpx client per process."""

import threading

import httpx
from django.conf import settings
from django.core.signals import setting_changed

_clients: dict[str, httpx.Client] = {}
_lock = threading.Lock()


def source_settings(code: str) -> dict:
    """url, token, connect_timeout, read_timeout, retries, backoff, breaker_failures, breaker_cooldown, bulk_size."""
    return {**settings.REFAH_SOURCE_DEFAULTS, **settings.REFAH_SOURCES.get(code, {})}


def http_client(code: str) -> httpx.Client:
    """The source's client: its timeouts, keep-alive connections reused across calls (thread-safe)."""
    with _lock:
        client = _clients.get(code)
        if client is None:
            conf = source_settings(code)
            timeout = httpx.Timeout(conf["read_timeout"], connect=conf["connect_timeout"])
            headers = {"Authorization": f"Bearer {conf['token']}"} if conf.get("token") else {}
            client = _clients[code] = httpx.Client(base_url=conf["url"], timeout=timeout, headers=headers)
        return client


def clients_reset(**kwargs) -> None:
    with _lock:
        for client in _clients.values():
            client.close()
        _clients.clear()


setting_changed.connect(clients_reset)
