"""What the runtime tests use from the demo package (generated in conftest from fixtures/demo).

Everything here but the two no-wait clients is generated code; those two record the pauses
between retries instead of taking them, so retry tests stay fast.
"""

from __future__ import annotations

from typing import Any

from sdkrt import AsyncDemo, Demo
from sdkrt._client import _SETTINGS as SETTINGS
from sdkrt.types import Credentials, ErrorBody, Owner, Widget

__all__ = [
    "API_KEY",
    "SETTINGS",
    "AsyncDemo",
    "Credentials",
    "Demo",
    "ErrorBody",
    "NoWaitAsyncDemo",
    "NoWaitDemo",
    "Owner",
    "Widget",
]

API_KEY = "sk-demo-5ecret-key-do-not-log"


class NoWaitDemo(Demo):
    """Records the pauses between retries instead of taking them."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.pauses: list[float] = []

    def _sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)


class NoWaitAsyncDemo(AsyncDemo):
    """Records the pauses between retries instead of taking them."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.pauses: list[float] = []

    async def _sleep(self, seconds: float) -> None:
        self.pauses.append(seconds)
