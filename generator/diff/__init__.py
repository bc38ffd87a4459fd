"""Spec diff: what changed between two versions of an API, judged from a client's point of view.

    diff_files / diff_specs      two specs -> DiffReport (wire rules + SDK rules)
    render                       DiffReport -> text | markdown | json
    changelog.entries            DiffReport -> a release's changelog entry, grouped by resource
    bump_for                     DiffReport -> major | minor | patch (apply with version.bump)
    run_diff                     the `diff` command without its shell: (output, exit code)

The rules and their severities are listed in `RULES` (see `rules.py` for how they are decided).
"""

from __future__ import annotations

from .compare import diff_files, diff_specs, run_diff
from .model import Change, DiffReport, Summary, bump_for
from .render import FORMATS, render
from .rules import RULES, Rule

__all__ = [
    "FORMATS",
    "RULES",
    "Change",
    "DiffReport",
    "Rule",
    "Summary",
    "bump_for",
    "diff_files",
    "diff_specs",
    "render",
    "run_diff",
]
