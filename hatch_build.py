"""Build hook: compile the message catalogs (``.po`` → ``.mo``) and the C number writer.

The ``.mo`` files are build products, not sources (git ignores them): every build of
the wheel, an editable install (``pip install -e .``) included, compiles
``src/thads_metrics/locale/<language>/LC_MESSAGES/thads_metrics.po`` into the
``.mo`` beside it, where the package looks for it (``thads_metrics.cli.LOCALE_DIR``),
and the wheel ships it. A catalog with a broken translation (a placeholder that
differs from the English) fails the build; fuzzy entries are left out, as
``msgfmt`` does. Needs babel at build time (``[build-system] requires``).

It then compiles the optional C number writer ``src/thads_metrics/vi/_speedups.c``
(used by ``thads_metrics.vi.format_number``) with setuptools' ``build_ext``, into the
package beside its source, and the wheel ships it (a wheel for this interpreter and
platform). Where it cannot be built (no C compiler, not CPython) the build goes on
with a warning and the package writes numbers in pure Python, with the same output;
``THADS_METRICS_SPEEDUPS=require`` makes that an error, ``=skip`` does not try.
"""

from __future__ import annotations

import io
import os
import platform
import sysconfig
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: Where the catalogs are, from the project's root.
LOCALE = Path("src", "thads_metrics", "locale")
#: The C number writer: its module and its source, from the project's root.
SPEEDUPS = ("thads_metrics.vi._speedups", Path("src", "thads_metrics", "vi", "_speedups.c"))
#: ``require``: a writer that cannot be built fails the build; ``skip``: not built.
SPEEDUPS_ENV = "THADS_METRICS_SPEEDUPS"


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


def built_extension(root: Path) -> Path:
    """Where the C number writer built for this interpreter is (beside its source)."""
    source = root / SPEEDUPS[1]
    return source.with_name(source.stem + str(sysconfig.get_config_var("EXT_SUFFIX")))


def compile_extension(root: Path) -> Path:
    """Compile the C number writer into the package; the path of the built module.

    Raises whatever the compiler raises where it cannot be built.
    """
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    if platform.python_implementation() != "CPython":
        raise RuntimeError(f"the C writer is for CPython, not {platform.python_implementation()}")
    name, source = SPEEDUPS
    target = built_extension(root)
    target.unlink(missing_ok=True)  # never left from an earlier build if this one fails
    with tempfile.TemporaryDirectory() as build:
        extension = Extension(name, [str(root / source)])
        command = build_ext(Distribution({"name": "thads-metrics", "ext_modules": [extension]}))
        command.build_lib = os.path.join(build, "lib")
        command.build_temp = os.path.join(build, "temp")
        command.ensure_finalized()
        command.run()
        built = Path(command.get_ext_fullpath(name))
        _write(target, built.read_bytes())
    return target


def _write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` unless it holds them already; never half-written."""
    if path.is_file() and path.read_bytes() == data:
        return
    fd, tmp = tempfile.mkstemp(prefix=".", suffix=path.suffix, dir=path.parent)
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
    """Compile every catalog and the C writer before the wheel (standard or editable)."""

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
        self._speedups(root, build_data)

    def _speedups(self, root: Path, build_data: dict[str, Any]) -> None:
        mode = os.environ.get(SPEEDUPS_ENV, "")
        if mode not in ("", "require", "skip"):
            raise ValueError(f"{SPEEDUPS_ENV} must be 'require', 'skip' or unset, not {mode!r}")
        if mode == "skip":  # and no writer of an earlier build left beside the source
            built_extension(root).unlink(missing_ok=True)
            return
        try:
            built = compile_extension(root)
        except Exception as error:
            if mode == "require":
                raise
            self.app.display_warning(
                f"thads-metrics: the C number writer was not built ({error}); "
                "numbers are written in pure Python, with the same output"
            )
            return
        build_data["artifacts"].append("/" + built.relative_to(root).as_posix())
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
