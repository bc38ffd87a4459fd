"""Base classes of generated resources (one per API tag), such as ``client.personas``.

A resource only holds its client and borrows the client's request methods, so generated
resource code reads ``self._request(...)`` exactly like the client's own calls.
"""

from __future__ import annotations

from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncAPIResource", "SyncAPIResource"]


class SyncAPIResource:
    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client
        self._request = client._request
        self._request_page = client._request_page


class AsyncAPIResource:
    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
        self._request = client._request
        self._request_page = client._request_page
