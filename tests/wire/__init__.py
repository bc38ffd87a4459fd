"""Tests that requests reach a real server exactly as the spec says they are written."""
