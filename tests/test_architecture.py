"""The layering of docs/architecture.md holds for every import of the package."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "thads_metrics"
PAGE = ROOT / "docs" / "architecture.md"


def _layers() -> dict[str, int]:
    """Concept → layer, read from the "Layers" table of the architecture page."""
    section = PAGE.read_text(encoding="utf-8").split("## Layers", 1)[1]
    layers: dict[str, int] = {}
    for match in re.finditer(r"^\| (\d+) \| (.+?) \|", section, flags=re.M):
        for name in re.findall(r"`([^`]+)`", match.group(2)):
            layers[name] = int(match.group(1))
    return layers


def _concept(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def _is_version(node: ast.AST) -> bool:
    """``from thads_metrics import __version__``: the package's version, no layer."""
    return (
        isinstance(node, ast.ImportFrom)
        and node.module == "thads_metrics"
        and [alias.name for alias in node.names] == ["__version__"]
    )


def _runtime_imports(tree: ast.Module) -> set[str]:
    """Modules of the package imported outside ``if TYPE_CHECKING:`` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped or _is_version(node):
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name for name in names if name.split(".")[0] == "thads_metrics")
    return found


def _modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)
        out[name] = path
    return out


def test_every_concept_has_a_layer() -> None:
    layers = _layers()
    concepts = {_concept(name) for name in _modules()}
    assert concepts <= set(layers), sorted(concepts - set(layers))
    assert set(layers) <= concepts, sorted(set(layers) - concepts)


def test_no_module_imports_a_higher_or_equal_layer_of_another_concept() -> None:
    layers = _layers()
    broken = []
    for name, path in sorted(_modules().items()):
        mine = _concept(name)
        for target in sorted(_runtime_imports(ast.parse(path.read_text(encoding="utf-8")))):
            theirs = _concept(target)
            if theirs != mine and layers[theirs] >= layers[mine]:
                broken.append(f"{name} (layer {layers[mine]}) imports {target} ({layers[theirs]})")
    assert not broken, "\n".join(broken)
