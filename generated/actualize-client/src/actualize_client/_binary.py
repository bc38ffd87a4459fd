"""Binary response bodies (audio, images, archives) handed over unread.

The body stays on the socket until the caller asks for it, so a large recording can go straight
to disk in chunks instead of being held in memory. The caller must consume or close it (or use
``with``) to give the connection back. Transport failures while reading surface as
APIConnectionError like everywhere else.

Iterating or writing to a file has no size limit and holds one bounded chunk at a time, however
the body is compressed; ``read()`` holds the whole body, so it is limited to the call's
``max_response_size``. Each read waits at most the read timeout; the call's deadline ended when
the response headers arrived (see _deadline).
"""

from __future__ import annotations

from ._streaming import AsyncStreamedBody, StreamedBody

__all__ = ["AsyncBinaryResponse", "BinaryResponse"]


class BinaryResponse(StreamedBody):
    """A binary body: ``read()``, ``iter_bytes()`` or ``write_to_file(path_or_file)``."""


class AsyncBinaryResponse(AsyncStreamedBody):
    """The async twin of BinaryResponse: ``await read()``, ``async for`` over ``iter_bytes()``,
    ``await write_to_file(path_or_file)``."""
