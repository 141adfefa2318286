"""The app tells the reading screen what changed through the screen's own methods, never through its widgets."""

from __future__ import annotations

import ast
import inspect

import tui.reader.app
from tui.reader.screens.reader import ReaderScreen


def reader_chains() -> list[list[str]]:
    """Every ``self.reader.…`` attribute chain in app.py, outermost only."""
    tree = ast.parse(inspect.getsource(tui.reader.app))
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    chains = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and id(node) not in inner:
            chain = []
            while isinstance(node, ast.Attribute):
                chain.insert(0, node.attr)
                node = node.value
            if isinstance(node, ast.Name) and node.id == "self" and chain[0] == "reader" and len(chain) > 1:
                chains.append(chain)
    return chains


def test_the_app_calls_only_what_the_reading_screen_defines_for_it():
    chains = reader_chains()
    assert chains, "the app shows the folder through the reading screen"
    own = vars(ReaderScreen)
    for chain in chains:
        assert len(chain) == 2, f"self.{'.'.join(chain)} reaches into the screen's widgets"
        assert chain[1] in own and not chain[1].startswith("_"), f"self.{'.'.join(chain)}"
        assert chain[1] not in {"pane", "files"}, f"self.{'.'.join(chain)} hands out a widget"
