"""The Anam and AsyncAnam clients: configuration, and one attribute per resource."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._base_client import AsyncAPIClient, ClientSettings, SyncAPIClient
from ._version import __version__

if TYPE_CHECKING:
    from .resources.personas import AsyncPersonas, Personas
    from .resources.sessions import AsyncSessions, Sessions

_SETTINGS = ClientSettings(
    distribution="anam-client",
    version=__version__,
    default_base_url="https://api.anam.ai",
    env_prefix="ANAM",
    auth="bearer",
    api_key_required=True,
)


class Anam(SyncAPIClient):
    """Synchronous client for Anam AI API.

    Reads `ANAM_API_KEY` and `ANAM_BASE_URL` when `api_key` or
    `base_url` are not given.
    """

    _settings = _SETTINGS

    @cached_property
    def personas(self) -> Personas:
        from .resources.personas import Personas

        return Personas(self)

    @cached_property
    def sessions(self) -> Sessions:
        from .resources.sessions import Sessions

        return Sessions(self)


class AsyncAnam(AsyncAPIClient):
    """Asynchronous client for Anam AI API.

    Reads `ANAM_API_KEY` and `ANAM_BASE_URL` when `api_key` or
    `base_url` are not given.
    """

    _settings = _SETTINGS

    @cached_property
    def personas(self) -> AsyncPersonas:
        from .resources.personas import AsyncPersonas

        return AsyncPersonas(self)

    @cached_property
    def sessions(self) -> AsyncSessions:
        from .resources.sessions import AsyncSessions

        return AsyncSessions(self)
