"""The Actualize and AsyncActualize clients: configuration, and one attribute per resource."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from ._base_client import AsyncAPIClient, ClientSettings, SyncAPIClient
from ._version import __version__

if TYPE_CHECKING:
    from .resources.playground import AsyncPlayground, Playground

_SETTINGS = ClientSettings(
    distribution="actualize-client",
    version=__version__,
    default_base_url="https://dev-voice-api.actualize.ae",
    env_prefix="ACTUALIZE",
    auth=None,
    api_key_required=False,
)


class Actualize(SyncAPIClient):
    """Synchronous client for Actualize Voice API.

    Reads `ACTUALIZE_API_KEY` and `ACTUALIZE_BASE_URL` when `api_key` or
    `base_url` are not given.
    """

    _settings = _SETTINGS

    @cached_property
    def playground(self) -> Playground:
        """Tokens for trying out a configured voice agent in the playground."""
        from .resources.playground import Playground

        return Playground(self)


class AsyncActualize(AsyncAPIClient):
    """Asynchronous client for Actualize Voice API.

    Reads `ACTUALIZE_API_KEY` and `ACTUALIZE_BASE_URL` when `api_key` or
    `base_url` are not given.
    """

    _settings = _SETTINGS

    @cached_property
    def playground(self) -> AsyncPlayground:
        """Tokens for trying out a configured voice agent in the playground."""
        from .resources.playground import AsyncPlayground

        return AsyncPlayground(self)
