"""Specs from which no correct client can be made, each with the reason.

A spec listed here may fail `make corpus` without failing the run; its row still shows where it
stands. The key is the spec's label in the table (`corpus/oas-examples/3.0/petstore.json`). The
aim is an empty list: a spec belongs here only when the spec itself makes a correct client
impossible (not because the generator cannot serve it yet), and the README says why.
"""

from __future__ import annotations

UNSERVABLE: dict[str, str] = {}
