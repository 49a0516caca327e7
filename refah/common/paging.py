"""The page and page-size query parameters of every paginated API list, bounded once.

An unbounded page number reached the database as an OFFSET beyond bigint (a server error for page=10**18).
With at most 200 items a page, a million pages reach 200 M rows: more than any registry, far inside bigint.
"""

from ninja import Query

MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 200


def page_query():
    return Query(1, ge=1, le=MAX_PAGE, description=f"Page number, from 1 to {MAX_PAGE:,}.")


def page_size_query(default: int = 50):
    return Query(default, ge=1, le=MAX_PAGE_SIZE, description=f"Items a page, from 1 to {MAX_PAGE_SIZE}.")
