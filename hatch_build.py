"""Build hook: compile the message catalogs of the command line (``.po`` → ``.mo``).

The ``.mo`` files are build products, not sources (git ignores them): every build of
the wheel, an editable install (``pip install -e .``) included, compiles
``src/thads_metrics/locale/<language>/LC_MESSAGES/thads_metrics.po`` into the
``.mo`` beside it, where the package looks for it (``thads_metrics.cli.LOCALE_DIR``),
and the wheel ships it. A catalog with a broken translation (a placeholder that
differs from the English) fails the build; fuzzy entries are left out, as
``msgfmt`` does. Needs babel at build time (``[build-system] requires``).
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: Where the catalogs are, from the project's root.
LOCALE = Path("src", "thads_metrics", "locale")


def compile_catalog(po_path: Path) -> bytes:
    """The ``.mo`` of the catalog ``po_path``; ValueError naming each broken translation."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=po_path.parent.parent.name)
    problems = [
        f"{po_path}: {message.id!r}: {error}"
        for message, errors in catalog.check()
        for error in errors
    ]
    if problems:
        raise ValueError("broken translations:\n" + "\n".join(problems))
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless it holds them already; never half-written."""
    if path.is_file() and path.read_bytes() == data:
        return
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=".mo", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # the usual permissions, not mkstemp's 0600
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class CatalogBuildHook(BuildHookInterface):
    """Compile every catalog before the wheel (standard or editable) is built."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        root = Path(self.root)
        catalogs = sorted((root / LOCALE).glob("*/LC_MESSAGES/*.po"))
        if not catalogs:
            raise FileNotFoundError(f"no message catalog under {root / LOCALE}")
        for po_path in catalogs:
            mo_path = po_path.with_suffix(".mo")
            _write(mo_path, compile_catalog(po_path))
            # Shipped although git ignores it (hatchling leaves ignored files out).
            build_data["artifacts"].append("/" + mo_path.relative_to(root).as_posix())
