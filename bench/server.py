"""A loopback HTTP/1.1 keep-alive server answering every request with one fixed JSON body.

It runs in its own process (so on the other core, not competing with the client for the GIL) and
does as little as possible per request, so that the time a benchmark sees is the client's.
Run as `python -m bench.server BODY_FILE`; it prints its port on the first line of stdout.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


def response_bytes(body: bytes) -> bytes:
    head = (
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "Connection: keep-alive\r\n"
        "\r\n"
    )
    return head.encode("ascii") + body


async def _serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, reply: bytes) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = _content_length(head)
            if length:
                await reader.readexactly(length)
            writer.write(reply)
            await writer.drain()
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
        pass
    finally:
        writer.close()


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value.strip())
    return 0


async def _main(body: bytes) -> None:
    reply = response_bytes(body)
    server = await asyncio.start_server(lambda r, w: _serve(r, w, reply), host="127.0.0.1", port=0)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"{port}\n")
    sys.stdout.flush()
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(_main(Path(sys.argv[1]).read_bytes()))
