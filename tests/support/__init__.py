"""Test helpers shared by several test suites (e.g. the loopback FaultServer)."""
