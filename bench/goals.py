"""The performance goals the project holds itself to, by name.

A row of measurements names the goals its verdict counts toward, and RESULTS.md opens with one
line per goal: met only when every row counting toward it met its target. The goals are listed
here once, so a benchmark and the summary cannot spell the same goal two ways.
"""

from __future__ import annotations

CORPUS = "Every spec of the corpus generates, formatted, in under 15 s"
BIGGEST = "PagerDuty, Plaid and Discord: under 10 s and under 500 MB"
STRIPE = "A 468-operation, 5 MB spec (Stripe-shaped) under 10 s"
ANAM = "Cold regen of the newer Anam capture: at most 0.6x openapi-python-client"
FLAT = "16,000-operation synthetic spec: at most 80x the 250-operation time, under 120 s"
VERIFY = "`verify` under 2x the generation time on the corpus specs"
IMPORT = "Generated packages import in under 100 ms"
CALLS = "Per-call overhead at most 1.2x bare httpx + pydantic"

ALL = (CORPUS, BIGGEST, STRIPE, ANAM, FLAT, VERIFY, IMPORT, CALLS)
