"""The layers hold: read from every import statement of tui/ (function-level ones too), not from a run.

engine/ knows no Textual and nothing above it; render/ no Textual; the CLI
and the reader never import each other; no two modules of tui import each
other, however indirectly; the front ends call the engine through the names
tui/engine/__init__.py lists.  Each check is also run on a copy of tui/ with
one violation planted, to show it fails.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

# What each layer may import from tui; the first prefix that matches names a module's layer.
LAYERS = (
    ("tui.engine", "engine"),
    ("tui.render", "render"),
    ("tui.cli", "cli"),
    ("tui.reader", "reader"),
    ("tui.main", "main"),
    ("tui.__main__", "main"),
    ("tui", "base"),  # tui/__init__.py (the version) and tui/locations.py
)
MAY_IMPORT = {
    "base": {"base"},
    "engine": {"base", "engine"},
    "render": {"base", "engine", "render"},
    "cli": {"base", "engine", "render", "cli"},
    "reader": {"base", "engine", "render", "reader"},
    "main": {"base", "engine", "render", "cli", "reader", "main"},
}
NO_TEXTUAL = {"base", "engine", "render"}
FRONT_ENDS = {"render", "cli", "reader", "main"}


def layer(module: str) -> str:
    return next(name for prefix, name in LAYERS if module == prefix or module.startswith(prefix + "."))


def modules(root: Path) -> dict[str, Path]:
    """Every module under root/tui by dotted name (a package by its own name)."""
    out = {}
    for path in sorted((root / "tui").rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def ancestors(module: str) -> list[str]:
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def imports(module: str, path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import statement; ``import a.b`` gives names []."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, node.module] if node.module else base)
            out.append((node.lineno, target, [alias.name for alias in node.names]))
    return out


def edges(root: Path) -> dict[str, dict[str, int]]:
    """module -> {tui module it makes Python run: line}; packages its own name lies in are already running."""
    mods = modules(root)
    graph: dict[str, dict[str, int]] = {m: {} for m in mods}
    for module, path in mods.items():
        own = set(ancestors(module))
        for line, target, names in imports(module, path):
            wanted = {f"{target}.{n}" if f"{target}.{n}" in mods else target for n in names} or {target}
            wanted |= {target, *ancestors(target)} - own
            for t in wanted:
                if t in mods and t != module:
                    graph[module].setdefault(t, line)
    return graph


def layer_violations(root: Path) -> list[str]:
    out = []
    for module, path in modules(root).items():
        mine = layer(module)
        for line, target, _names in imports(module, path):
            where = f"{path.relative_to(root)}:{line}"
            if target.split(".")[0].startswith("textual") and mine in NO_TEXTUAL:
                out.append(f"{where}: {mine}/ imports {target} (no Textual below the reader)")
            if target.split(".")[0] == "tui" and layer(target) not in MAY_IMPORT[mine]:
                out.append(f"{where}: {mine}/ imports {target} ({layer(target)}/ is not below it)")
    return out


def cycles(root: Path) -> list[list[str]]:
    """The import circles: strongly connected components of more than one module (Tarjan)."""
    graph = edges(root)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def engine_api(root: Path) -> dict[str, str]:
    """name -> the module defining it, as tui/engine/__init__.py lists them (read, not imported)."""
    tree = ast.parse((root / "tui" / "engine" / "__init__.py").read_text(encoding="utf-8"))
    api = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.AnnAssign | ast.Assign)
        and "_API" in {t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])}
    )
    return {name: module for module, names in api.items() for name in names}


def api_violations(root: Path) -> list[str]:
    home = engine_api(root)
    mods = modules(root)
    out = []
    for module, path in mods.items():
        if layer(module) not in FRONT_ENDS:
            continue
        for line, target, names in imports(module, path):
            if not (target == "tui.engine" or target.startswith("tui.engine.")):
                continue
            where = f"{path.relative_to(root)}:{line}"
            if not names:
                out.append(f"{where}: imports the module {target}; import the names tui.engine lists")
            for name in names:
                if home.get(name) != target and not (target == "tui.engine" and name in home):
                    out.append(
                        f"{where}: {target}.{name} is not in the engine's API "
                        f"(list it in tui/engine/__init__.py, under the module that defines it)"
                    )
    return out


def test_no_import_runs_up_the_layers_and_no_textual_below_the_reader():
    assert layer_violations(ROOT) == []


def test_no_import_circle_between_modules_of_tui():
    assert cycles(ROOT) == []


def test_the_front_ends_call_the_engine_through_the_names_it_lists():
    assert api_violations(ROOT) == []


def test_every_name_the_engine_lists_is_what_its_module_defines():
    import tui.engine

    for name, module in engine_api(ROOT).items():
        assert getattr(tui.engine, name) is getattr(__import__(module, fromlist=[name]), name), name
    assert sorted(tui.engine.__all__) == sorted(engine_api(ROOT))


def loaded_after(code: str) -> set[str]:
    """The tui and textual modules a fresh interpreter has loaded after ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in sys.modules if m.startswith(('tui', 'textual'))))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT)
    return set(done.stdout.split("\n")[-2].split())


def test_importing_the_engine_imports_none_of_its_pipelines():
    assert loaded_after("import tui.engine") == {"tui", "tui.engine"}


def test_newsread_list_imports_neither_grouping_nor_textual():
    loaded = loaded_after(
        f"import contextlib, io\nfrom tui.main import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    main(['list', '--folder', {str(SEEDS)!r}])"
    )
    assert "tui.engine.ingest.load" in loaded
    assert not {m for m in loaded if m.startswith(("tui.engine.variants", "textual"))}


# Each check fails on a copy of tui/ with one violation planted ------------------

PLANTED = {
    "engine imports textual in a function": (
        "tui/engine/diff/align.py",
        "\n\ndef _planted():\n    from textual.app import App\n",
        layer_violations,
    ),
    "engine imports the reader": ("tui/engine/model.py", "\nimport tui.reader.settings\n", layer_violations),
    "render imports textual": ("tui/render/safe.py", "\nimport textual\n", layer_violations),
    "render imports the cli": ("tui/render/wrap.py", "\nfrom tui.cli import common\n", layer_violations),
    "cli imports the reader": ("tui/cli/common.py", "\nfrom tui.reader.settings import Settings\n", layer_violations),
    "reader imports the cli": (
        "tui/reader/keymap.py",
        "\n\ndef _planted():\n    from tui.cli.common import fail\n",
        layer_violations,
    ),
    "a circle through a function-level import": (
        "tui/engine/variants/grouping.py",
        "\n\ndef _planted():\n    from tui.engine.variants import groupcache\n",
        cycles,
    ),
    "a circle of three modules": (
        "tui/engine/model.py",
        "\n\ndef _planted():\n    from tui.engine.refs import resolve\n",
        cycles,
    ),
    "a front end reaching past the engine's API": (
        "tui/cli/articles.py",
        "\nfrom tui.engine.diff.kinds import classify\n",
        api_violations,
    ),
}


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("layers")
    shutil.copytree(ROOT / "tui", root / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@pytest.mark.parametrize("case", PLANTED)
def test_each_check_fails_on_a_planted_violation(case, clean_copy, tmp_path):
    relpath, code, check = PLANTED[case]
    assert check(clean_copy) == []
    shutil.copytree(clean_copy / "tui", tmp_path / "tui")
    with (tmp_path / relpath).open("a", encoding="utf-8") as fh:
        fh.write(code)
    assert check(tmp_path) != []
