"""Messages of the public ledger: refusals of a bad append, the problems verification reports, and read errors."""

from django.utils.translation import gettext_lazy as _

NOT_IN_TRANSACTION = "ledger_append() must be called inside the caller's transaction"
BAD_KIND = "Ledger kind must be 1–32 characters of a–z, 0–9, '_', '-', '.' starting with a letter: {!r}"
BAD_REF = "Ledger ref must be a non-empty string of at most 64 characters: {!r}"
BAD_AMOUNT = "amount_kurus must be an integer number of kuruş or None: {!r}"
BAD_FIELD = "Ledger field {} is longer than {} characters: {!r}"

REMOVED_OR_REORDERED = "entry at position {} has sequence number {}: an entry was removed or reordered"
MALFORMED = "entry at position {} is malformed"
ALTERED = "entry {} was altered: its fields do not hash to its leaf hash"
BAD_SIGNATURE = "tree head over {} entries: signature invalid or key unknown (forged or altered head)"
TRUNCATED = "a signed tree head covers {} entries but the log has {}: entries were removed"
ROOT_MISMATCH = "the first {} entries do not hash to the signed root: an entry from position {} on was altered"
INCONSISTENT_HEADS = "tree heads over {} and {} entries are not consistent"
COUNTER_MISMATCH = "the ledger counter says {} entries: entries were removed"
PRIVATE_MISMATCH = "entry {}: the private details do not open its commitment"
NOT_A_SIGNING_KEY = "REFAH_LEDGER_SIGNING_KEY is not an Ed25519 private key"
NOT_A_PUBLIC_KEY = "not an Ed25519 public key"

NO_HEAD = _("No signed tree head of that size.")
BAD_ENTRIES_RANGE = _("Ask for 0 ≤ start ≤ end.")
BAD_INCLUSION_RANGE = _("Ask for 0 ≤ index < size ≤ the log's size.")
BAD_CONSISTENCY_RANGE = _("Ask for 0 ≤ first ≤ second ≤ the log's size.")
NO_ENTRY = _("No ledger entry for that reference.")
