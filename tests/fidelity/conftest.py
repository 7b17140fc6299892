"""`make fidelity`: the scorecards of the importers on the corpus, printed and written to
docs/fidelity.md (with ACTIONLOG_FIDELITY_REPORT=1, in one process: -n 0)."""

import os
from datetime import date
from pathlib import Path

import pytest

REPORT = os.environ.get("ACTIONLOG_FIDELITY_REPORT") == "1"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "fidelity.md"
SECTIONS: dict[str, str] = {}  # "minutes", "logs": markdown, in that order in the file


@pytest.fixture(scope="session")
def fidelity_report():
    """Where each scorecard test leaves its markdown for the report."""
    return SECTIONS


def pytest_sessionfinish(session):
    if not REPORT or not SECTIONS:
        return
    order = sorted(SECTIONS, key=lambda name: (name != "minutes", name))
    text = "\n".join(
        [
            "# Importers' fidelity on the corpus",
            "",
            f"Written by `make fidelity` on {date.today():%d/%m/%Y} from `tests/fidelity/` (see its README: "
            "real layouts from public papers, rewritten in our own words, each with its expected reading "
            "written by hand). The thresholds asserted by the tests are in each section's first line.",
            "",
            *[SECTIONS[name] for name in order],
        ]
    )
    DOCS.parent.mkdir(exist_ok=True)
    DOCS.write_text(text)
    session.config.pluginmanager.get_plugin("terminalreporter").write_line(f"\n{text}\nwrote {DOCS}")
