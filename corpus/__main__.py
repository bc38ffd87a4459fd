"""`python -m corpus [--only TEXT] [--output FILE]`: see `corpus/__init__.py`."""

from __future__ import annotations

from .run import main

raise SystemExit(main())
