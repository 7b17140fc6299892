"""The layers point down: the import-linter contract in pyproject.toml holds, and the models
import nothing from the layers above them (not even inside a function)."""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

# Everything above the models that a model must never reach, directly or through another module.
ABOVE_THE_MODELS = [
    "boards.views",
    "boards.urls",
    "boards.admin",
    "boards.services",
    "boards.forms",
]


def test_the_layer_contract_is_kept():
    result = subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_models_import_nothing_from_views_services_or_forms():
    graph = grimp.build_graph("boards", cache_dir=None)
    chains = {
        upper: graph.find_shortest_chain(importer="boards.models", imported=upper, as_packages=True)
        for upper in ABOVE_THE_MODELS
    }
    assert {upper: chain for upper, chain in chains.items() if chain} == {}


def test_every_page_module_is_held_apart_from_the_api():
    """The "pages-apart-from-api" contract names the page modules one by one (a forbidden
    contract over boards.views would forbid the API its own package): a new page module must
    be added there, or it could import the API unnoticed."""
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    (pages,) = [c for c in contracts if c["id"] == "pages-apart-from-api"]
    modules = {
        f"boards.views.{path.stem}"
        for path in (ROOT / "boards" / "views").glob("*.py")
        if path.stem != "__init__"
    }
    assert modules - set(pages["source_modules"]) == set()
