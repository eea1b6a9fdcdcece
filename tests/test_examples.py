"""The bundled corpus's fact list stays literally true of its pages."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_examples_facts_are_true_of_the_pages() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "check_facts.py")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout
