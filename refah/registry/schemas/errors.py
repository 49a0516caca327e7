"""The error answers the registry's operations document (and other apps' routers reuse), all the one `ErrorOut`
body of refah.common.schemas."""

from refah.common.schemas import ErrorOut

ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: ErrorOut}
