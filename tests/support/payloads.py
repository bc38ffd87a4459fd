"""Hostile response bodies, built in well under a second however large they decode."""

from __future__ import annotations

import gzip
import struct
import zlib

__all__ = ["gzip_of_zeros", "gzip_twice"]

_PIECE = 1 << 20
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"


def gzip_of_zeros(size: int) -> bytes:
    """A valid gzip member that decodes to ``size`` zero bytes (a multiple of 1 MiB).

    Compressing a gigabyte takes seconds, so one MiB is compressed once, ended with a full
    flush (which makes the block independent of what came before), and repeated.
    """
    if size % _PIECE:
        raise ValueError("size must be a multiple of 1 MiB")
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(bytes(_PIECE)) + compressor.flush(zlib.Z_FULL_FLUSH)
    final = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS).flush(zlib.Z_FINISH)
    crc = 0
    zeros = bytes(_PIECE)
    for _ in range(size // _PIECE):
        crc = zlib.crc32(zeros, crc)
    trailer = struct.pack("<II", crc, size & 0xFFFFFFFF)
    return _GZIP_HEADER + block * (size // _PIECE) + final + trailer


def gzip_twice(size: int) -> bytes:
    """``Content-Encoding: gzip, gzip``: a few KB that decode to ``size`` zero bytes."""
    return gzip.compress(gzip_of_zeros(size), compresslevel=9)
