"""How an entry point is checked for jurisdiction, and where the entry points come from.

Three kinds of case (jurisdiction_routes.py gives one to every route):

- `Named`: the request names an object of district A (in its URL or its body). A user of district B with
  every role is refused — 404, exactly like a wrong id — and the answer holds nothing of A; the same request
  by A's user is not refused, so the check cannot pass by accident (a wrong URL, a missing object).
- `Listed`: a list, search or export. B's answer holds none of A's marker strings (reference codes, TC Kimlik
  No, names, IBAN…); where `shows` names a marker, A's own answer does hold it, and where `b_shows` gives one
  of B's own strings, B's answer holds that (again: not vacuous).
- `Unscoped`: the route names no district object (sign-in, public pages, national rule data…): the reason.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from config.api import api as ninja_api
from refah.common.tests.jurisdiction_world import Side, World

# Builders take (world, the requesting side): most name A's objects whatever the side, some (an object of A in
# the body of a request about one's own household) name the requester's own objects too.
Build = Callable[[World, Side], object]


@dataclass(frozen=True)
class Named:
    """A request naming an object of district A: refused for B (`refused`), not refused for A."""

    names: str
    method: str
    url: Build
    data: Build | None = None
    via: str = "staff"  # staff (signed-in screen) | api (bearer token) | portal (citizen) | terminal (X-Terminal-Key)
    multipart: bool = False
    refused: int = 404
    echoes: tuple[str, ...] = ()  # markers the answer may repeat because the request sent them (a form field)
    headers: Build | None = None  # request headers (an Idempotency-Key)


@dataclass(frozen=True)
class Listed:
    """A list, search or export: B's answer holds no marker of A; A's answer holds the marker `shows`, if given."""

    what: str
    method: str
    url: Build
    data: Build | None = None
    via: str = "staff"
    shows: str | None = None
    b_shows: Build | None = None  # B's own data its answer must hold (the list or export is not simply empty)
    extra_markers: Build | None = None
    echoes: tuple[str, ...] = ()  # markers the answer may repeat because the request sent them (a search box)


@dataclass(frozen=True)
class Unscoped:
    """A route that names no object of a district, and why."""

    reason: str


def request(case: Named | Listed, world: World, side: Side):
    """Send the case's request as `side`'s user (or citizen, or terminal)."""
    client: Client = {
        "staff": side.staff_client,
        "api": side.api_client,
        "portal": side.portal_client,
        "terminal": side.terminal_client,
    }[case.via]()
    url = case.url(world, side)
    data = case.data(world, side) if case.data else {}
    headers = case.headers(world, side) if getattr(case, "headers", None) else {}
    if case.method == "GET":
        return client.get(url, data, headers=headers)
    if case.via in ("api", "terminal") and not getattr(case, "multipart", False):
        body = json.dumps(data, default=str)
        return client.generic(case.method, url, body, content_type="application/json", headers=headers)
    return client.post(url, data, headers=headers)


def body_text(response) -> str:
    """The answer as text, streamed files included."""
    streaming = getattr(response, "streaming", False)
    content = b"".join(response.streaming_content) if streaming else response.content
    return content.decode("utf-8", errors="replace")


def markers_for(case: Named | Listed, world: World) -> dict[str, str]:
    """What of district A must not reach B: the world's markers, and the case's own."""
    extra = case.extra_markers(world, world.b) if getattr(case, "extra_markers", None) else {}
    echoed = getattr(case, "echoes", ())
    return {k: v for k, v in {**world.a.markers, **extra}.items() if k not in echoed}


def holds(text: str, value: str) -> bool:
    """Is the value in the answer, as it is or as JSON writes it (ğ as \\u011f)?"""
    return bool(value) and (value in text or json.dumps(value)[1:-1] in text)


def leaked(text: str, markers: dict[str, str]) -> dict[str, str]:
    return {name: value for name, value in markers.items() if holds(text, value)}


# ---------------------------------------------------------------- building URLs from the world

TODAY = timezone.localdate().isoformat()


def rev(name: str, *path):
    """URL of a named route whose arguments are attributes of the world, e.g. rev("x", "a.household.pk")."""

    def build(world, me):
        return reverse(name, args=[_attr(world, me, p) for p in path])

    return build


def _attr(world, me, dotted: str):
    head, *rest = dotted.split(".")
    value = me if head == "me" else getattr(world, head)
    for name in rest:
        value = getattr(value, name)
    return value


def api(template: str):
    """An API path; {a.household.pk}-style fields are filled from the world ("me" is the requesting side)."""

    def build(world, me):
        return "/api/v1" + re.sub(r"{([\w.]+)}", lambda m: str(_attr(world, me, m.group(1))), template)

    return build


# ---------------------------------------------------------------- the entry points


def screen_routes() -> dict[str, str]:
    """Every URL pattern except the API operations of the OpenAPI schema: {namespaced name (or "/route"): route}.

    The Django admin's many patterns count as one key, "admin:*". An API operation left out of the schema
    (include_in_schema=False) is not in api_operations(), so it is listed here, under its URL name.
    """
    documented = {(path, op_id) for op_id, (_method, path) in api_operations().items()}
    routes = {}

    def walk(patterns, prefix: str, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern), ":".join(filter(None, [namespace, p.namespace])))
                continue
            route = prefix + str(p.pattern)
            if namespace.split(":")[0] == "admin":
                routes["admin:*"] = "admin/…"
            elif not _documented_operation(route, p.name, documented):
                routes[f"{namespace}:{p.name}" if namespace and p.name else (p.name or "/" + route)] = route

    walk(get_resolver().url_patterns, "", "")
    return routes


def _documented_operation(route: str, name: str | None, documented: set) -> bool:
    """Is this URL pattern an operation of the API's schema? (ninja names it after the view function.)"""
    path = "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)
    return bool(name) and any(p == path and op_id.endswith(f"_{name}") for p, op_id in documented)


def api_operations() -> dict[str, tuple[str, str]]:
    """Every operation of the ninja API's OpenAPI schema: {operationId: (METHOD, /path)}."""
    schema = ninja_api.get_openapi_schema()
    return {
        op["operationId"]: (method.upper(), path) for path, ops in schema["paths"].items() for method, op in ops.items()
    }
