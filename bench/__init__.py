"""Benchmarks: regen speed, no-op regen, scaling, and the generated clients' runtime
costs, each measured against the tools a user would pick instead, in the same run.

Run `python -m bench` (or `make bench`); results go to bench/RESULTS.md with a plot beside it.
"""
