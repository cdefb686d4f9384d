"""Every example in the package's docstrings (``>>>``) runs and gives the
answer it shows, from the repository root (the examples read examples/)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import netra

from conftest import SOURCE_DIR


def test_every_docstring_example_gives_the_answer_it_shows(monkeypatch) -> None:
    monkeypatch.chdir(SOURCE_DIR)
    attempted = 0
    names = ["netra"] + [m.name for m in pkgutil.iter_modules(netra.__path__, "netra.") if not m.name.startswith("netra._")]
    for name in names:
        module = importlib.import_module(name)
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
                                 extraglobs={"netra": netra}, report=True)
        assert result.failed == 0, f"{name}: {result.failed} of {result.attempted} examples fail"
        attempted += result.attempted
    assert attempted >= 15, attempted
