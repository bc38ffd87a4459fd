"""The field and parameter names each paging style looks for, as APIs spell them.

Detection (`pagination.py`) tries each list in order and takes the first name the spec has, so
a usual name comes before a rarer one.
"""

from __future__ import annotations

ITEMS = ("data", "items", "results", "entries")
# Arrays a page may hold beside its items that are never them: what went wrong (Square sends
# `errors` in every body, its `customers` or `transactions` beside it).
NOT_ITEMS = frozenset({"errors", "warnings"})
HAL_EMBEDDED = "_embedded"
# JSON:API names its paging parameters `page[...]` (Amadeus: `page[offset]`, `page[limit]`).
OFFSET_PARAMS = ("offset", "page[offset]", "startAt")
# With no end marker an offset pages only beside a page size: alone it may be no paging at all.
BARE_OFFSETS = (*OFFSET_PARAMS, "first", "skip", "start")
SIZES: tuple[str, ...] = ("limit", "per_page", "perPage", "page_size", "pageSize", "PageSize")
SIZES += ("page[limit]", "max", "maxResults", "take")
# A page token the response gives and the next request sends back, often under one name for
# both (OpenFGA's `continuation_token`, Zoom's `next_page_token`, AWS's `nextToken`); Twitter
# sends back as `?pagination_token=` the `meta.next_token` it gave.
TOKENS: tuple[str, ...] = ("next_page_token", "nextPageToken", "next_token", "nextToken")
TOKENS += ("continuation_token", "continuationToken", "iterator")  # Svix: `iterator`
CURSOR_PARAMS: tuple[str, ...] = ("cursor", "after", "starting_after", "page_token", "pageToken")
CURSOR_PARAMS += (*TOKENS, "pagination_token")
NEXT_CURSORS = (
    "next_cursor",
    "nextCursor",
    *TOKENS,
    "cursor",
    "meta.next_cursor",
    "meta.next_token",
    "meta.cursors.next",  # Apideck: beside `links.next`, which holds the API's own host
    "response_metadata.next_cursor",
    "page.endCursor",
    "pageInfo.endCursor",
    "paging.next.after",
)
NEXT_LINKS: tuple[str, ...] = ("next", "links.next", "_links.next.href", "meta.next_page_url")
NEXT_LINKS += ("meta.links.next", "links.pages.next")  # DigitalOcean: `links.pages.next`
NEXT_LINKS += ("next_url", "next_page_url")  # Lob; Laravel's paginator at the top level
TOTALS = ("total", "total_count", "totalCount", "TotalCount")
MORE_FLAGS: tuple[str, ...] = ("has_more", "hasMore", "more", "hasNextPage", "has_next_page")
MORE_FLAGS += ("page.hasNextPage", "pageInfo.hasNextPage")
MORE_FLAGS += ("meta.pagination.has_more",)  # Paddle: beside a `next` URL it always sends
DONE_FLAGS = ("done", "is_last", "isLast")
# With only a next link, one of these in the query shows the operation is a paged list.
LINK_PARAMS = (*SIZES, "page", *OFFSET_PARAMS, *CURSOR_PARAMS)
CURRENT_PAGES = ("meta.current_page", "meta.pagination.page", "pagination.page", "current_page")
LAST_PAGES = ("meta.last_page", "meta.pagination.last_page", "pagination.last_page", "last_page")
# The number of pages, which is the last page's number where they start at 1 (Zoom's
# `page_count`, Linode's `pages`; at 0 one page more is asked for, empty, ending the list).
PAGE_COUNTS = ("page_count", "pageCount", "pages", "total_pages", "totalPages", "meta.total_pages")
NEXT_PAGES = ("meta.pagination.next_page", "pagination.next_page", "meta.next_page", "next_page")
NEXT_PAGE = "next_page"  # an object holding the next request's own paging values (Asana)
ITEM_CURSOR = "id"  # with `has_more` alone, the last item's id is the next cursor (Stripe)
