"""`make corpus`: every spec we can find, generated, imported, linted, type-checked and proven.

The specs are found by walking `../shared/corpus/` (public specs written by other teams),
`../shared/upstream/` (real captures of our APIs) and `specs/` (the APIs we ship): every JSON or
YAML file whose top level says `openapi` is a spec, nothing is known by name. Each spec runs in a
child process of its own (`one.py`): generate, import every module, `ruff check`, `mypy --strict`,
then the contract proof of `sdkgen verify`. Two run at a time, one per core. The results are the
committed table `corpus/RESULTS.md`; the exit status is 1 unless every spec is fully green or
listed in `unservable.py` with the reason no correct client can be made from it.
"""
