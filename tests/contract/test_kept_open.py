"""`verify` keeps its connections to the mock open: clients made fresh for every call, as users
make them, borrow the run's connection instead of each opening its own.

A real loopback server, as `verify` runs it.
"""

from __future__ import annotations

import socket

import httpx

from generator.verify.server import Reply, ReplyingServer
from generator.verify.transport import Connections


def test_clients_lent_kept_open_connections_share_one_socket() -> None:
    opened: list[socket.socket] = []

    class Counting(ReplyingServer):
        def _track(self, connection: socket.socket, *, open_: bool) -> None:
            if open_:
                opened.append(connection)
            super()._track(connection, open_=open_)

    with Counting(lambda received: Reply(200, {}, received.target.encode())) as server:
        connections = Connections(server.url)
        for index in range(5):  # a fresh client per call, as verify makes them
            with httpx.Client(transport=connections.sync()) as client:
                assert client.get(f"{server.url}/call/{index}").text == f"/call/{index}"
        connections.close()
    assert len(opened) == 1
