"""Tests of the client runtime (templates/runtime) against real loopback servers."""
