"""Simulators of the institutions (refah simulators serve): a separate process answering every source's interface."""

from werkzeug.serving import make_server

from refah.exchange.simulators.app import Simulators

__all__ = ["Simulators", "simulators_server"]


def simulators_server(*, host: str, port: int, config: dict):
    """A threaded HTTP/1.1 server (keep-alive) of the simulators; call serve_forever() / shutdown() on it."""
    return make_server(host, port, Simulators(config), threaded=True)
