"""Error messages and errors of the aid card, as constants that tests import."""

from django.utils.translation import gettext_lazy as _

from refah.common.errors import RefahError

ERR_NO_PERMISSION = _("You do not have permission to do this.")
ERR_CARD_NOT_FOUND = _("Card not found.")
ERR_CARD_NOT_ACTIVE = _("The card is blocked or replaced.")
ERR_CARD_EXISTS = _("The household already has an active card.")
ERR_NO_ACTIVE_CARD = _("The household has no active card.")
# One answer for an unknown card, a wrong PIN and a PIN-locked card, so a terminal cannot tell them apart.
ERR_CARD_NOT_ACCEPTED = _("Card or PIN not accepted.")
ERR_TERMINAL_THROTTLED = _("Too many failed attempts from this terminal. Try again later.")
ERR_CARD_NOT_PIN_LOCKED = _("The card is not locked by wrong PINs.")
ERR_PIN_FORMAT = _("A PIN has 4 to 6 digits.")
ERR_AMOUNT_POSITIVE = _("The amount must be a positive whole number.")
ERR_INSUFFICIENT = _("Insufficient balance in this purse.")
ERR_CATEGORY = _("This purse cannot be spent at this merchant.")
ERR_LOAD_CONFLICT = _("This source reference was already loaded with different details.")
ERR_HOLD_NOT_FOUND = _("Authorisation not found.")
ERR_HOLD_NOT_OPEN = _("The authorisation is no longer open.")
ERR_OVER_CAPTURE = _("The capture is larger than the authorised amount.")
ERR_OVER_REFUND = _("The refund is larger than what was captured and not yet refunded.")
ERR_IDEMPOTENCY_CONFLICT = _("This idempotency key was already used for a different request.")
ERR_MERCHANT_NOT_FOUND = _("Merchant not found.")
ERR_TERMINAL_NOT_FOUND = _("Terminal not found.")
ERR_NOT_SOCIAL_MARKET = _("This merchant is not a social market.")
ERR_ITEM_NOT_FOUND = _("Item not found.")
ERR_OUT_OF_STOCK = _("Not enough stock of %(item)s.")
ERR_EMPTY_BASKET = _("The basket is empty.")
ERR_QUANTITY_POSITIVE = _("The quantity must be a positive whole number.")


class DeclinedError(RefahError):
    """The card or purse cannot pay: the terminal shows the reason and the code."""

    status_code = 402


class ThrottledError(RefahError):
    """The terminal failed too often lately: refused until `retry_after` seconds have passed (429)."""

    status_code = 429

    def __init__(self, message, *, retry_after: int, code: str = "terminal_throttled"):
        super().__init__(message, code=code)
        self.retry_after = retry_after


ERR_PURSE_UNKNOWN = _("Unknown purse.")
ERR_BLOCK_REASON = _("Choose a reason for blocking the card.")
ERR_RECEIPT_NOT_FOUND = _("Receipt not found.")
