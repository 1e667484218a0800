"""A griffe extension: the reST-flavoured docstrings of thads-metrics as Markdown.

The docstrings are written to read well in ``help()`` and to run as doctests
(``>>>`` examples, Sphinx roles such as :class:`X`). mkdocstrings renders
docstrings as Markdown, where ``>>>`` lines become nested block quotes and
roles stay raw text. This extension rewrites each docstring before rendering:

- a doctest example (``>>>`` and ``...`` lines with their output) becomes a
  fenced ``pycon`` block;
- a role naming a full dotted path (``:class:`~thads_metrics.ledger.CaseLedger```)
  becomes a cross-reference (``[CaseLedger][thads_metrics.ledger.CaseLedger]``);
  a role with a short name becomes inline code (no link that could dangle).

No library does this conversion (griffe parses Google, NumPy and Sphinx
*sections*, not roles or bare doctests inside Markdown), so it is written here.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj|const):`(~?)([^`]+)`")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.group(1), match.group(2).strip()
    shown = target.rsplit(".", 1)[-1] if tilde else target
    if target.startswith("thads_metrics."):
        return f"[`{shown}`][{target}]"
    return f"`{shown}`"


def _fence(text: str) -> str:
    """Wrap each run of doctest lines (with its output) in a ``pycon`` fence."""
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            block = []
            while i < len(lines) and lines[i].strip() and lines[i].startswith(indent):
                block.append(lines[i][len(indent) :])
                i += 1
            out += [f"{indent}```pycon", *(f"{indent}{b}" for b in block), f"{indent}```"]
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def convert(text: str) -> str:
    """A docstring as Markdown (see the module docstring).

    >>> md = convert("See :class:`~thads_metrics.ledger.CaseLedger`.\\n\\n>>> 1 + 1\\n2")
    >>> print(md.replace(">>>", "(prompt)"))
    See [`CaseLedger`][thads_metrics.ledger.CaseLedger].
    <BLANKLINE>
    ```pycon
    (prompt) 1 + 1
    2
    ```
    """
    parts = re.split(r"(^\s*>>>.*(?:\n(?!\s*\n).*)*)", text, flags=re.M)
    # Roles are rewritten outside the examples only: an example's text is code.
    converted = []
    for part in parts:
        converted.append(part if part.lstrip().startswith(">>>") else _ROLE.sub(_role, part))
    return _fence("".join(converted))


try:  # griffe comes with the docs extra; the tests import this module without it
    import griffe
except ImportError:  # pragma: no cover
    pass
else:

    class ThadsDocstrings(griffe.Extension):
        """Rewrite every docstring of the package with :func:`convert`."""

        def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
            if obj.docstring is None and obj.is_attribute:
                comment = _comment_above(obj)
                if comment:
                    obj.docstring = griffe.Docstring(comment, parent=obj)
            if obj.docstring is not None:
                obj.docstring.value = convert(obj.docstring.value)

    def _comment_above(obj: griffe.Object) -> str:
        """The ``#:`` comment lines right above an attribute (Sphinx's doc-comment style)."""
        try:
            lines = obj.lines_collection[obj.filepath]  # type: ignore[index]
        except (KeyError, TypeError, AttributeError):
            return ""
        found: list[str] = []
        index = (obj.lineno or 0) - 2
        while index >= 0 and lines[index].strip().startswith("#:"):
            found.insert(0, lines[index].strip()[2:].strip())
            index -= 1
        return " ".join(found)
