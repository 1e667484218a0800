"""Project-level checks: the README and CI run the same test command."""

from __future__ import annotations

import re
from pathlib import Path

import thads_metrics

ROOT = Path(__file__).resolve().parent.parent


def test_readme_test_command_is_the_one_ci_runs() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    match = re.search(r"^TEST_CMD='(.+)'$", ci, re.MULTILINE)
    assert match, "CI script defines TEST_CMD"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert match.group(1) in readme


def test_readme_has_exactly_two_setup_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```sh\n(.*?)```", quick, re.DOTALL)
    assert len(blocks) == 2
    assert all(len(b.strip().splitlines()) == 1 for b in blocks)


def test_version_matches_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## [{thads_metrics.__version__}]" in changelog
