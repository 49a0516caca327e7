"""The aid card's timer: release authorisations past their expiry back to the purse (refah.common.timers)."""

from refah.aidcard.services import holds_expire
from refah.common.timers import timer


@timer("aidcard_expire_holds")
def aidcard_expire_holds_timer() -> int:
    """Release every open hold past its expiry; how many expired."""
    return holds_expire()
