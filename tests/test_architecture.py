"""The layout shows the architecture, and stays that way: no import cycles among the
application's modules (imports inside functions count), the record kernel and the CLI support
depend on no feature, views never commit, and the database session has one name."""

from __future__ import annotations

import ast
from pathlib import Path

import incidents

ROOT = Path(incidents.__file__).parent
FEATURES = ("admin", "auth", "cases", "demo", "dossier", "evidence", "exports", "imports", "main")
FEATURES += ("policies",)


def _modules() -> dict[str, Path]:
    found = {}
    for path in ROOT.rglob("*.py"):
        name = ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)
        found[name.removesuffix(".__init__")] = path
    return found


def _graph() -> dict[str, set[str]]:
    """Module → the application modules it imports (anywhere in its body)."""
    modules = _modules()
    graph = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*parts, base] if base else parts)
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and not name.startswith(target + "."):
                    graph[name].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_among_modules_or_packages():
    graph = _graph()
    assert _cycles(graph) == []
    packages: dict[str, set[str]] = {}
    for name, targets in graph.items():
        top = ".".join(name.split(".")[:2])
        packages.setdefault(top, set()).update(
            ".".join(t.split(".")[:2]) for t in targets if not t.startswith(top)
        )
    assert _cycles({k: {t for t in v if t in packages} for k, v in packages.items()}) == []


def test_a_cycle_is_noticed():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_the_kernel_and_the_cli_support_depend_on_no_feature():
    graph = _graph()
    kernels = ("incidents.records", "incidents.redaction")  # every feature may use them
    shared = [  # incidents.records_requests is a feature, not part of incidents.records
        n
        for n in graph
        if n in kernels or n.startswith(tuple(k + "." for k in kernels)) or n == "incidents.clikit"
    ]
    assert "incidents.records.operations" in shared and "incidents.redaction.engine" in shared
    for name in shared:
        features = {t for t in graph[name] if t.split(".")[1] in FEATURES}
        assert not features, (name, features)


def test_views_never_commit_and_the_session_has_one_name():
    for path in [*ROOT.rglob("*.py"), *(ROOT.parent / "tests").glob("*.py")]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if "views" in path.name and isinstance(node, ast.Attribute):
                assert node.attr not in ("commit", "rollback"), f"{path}: views never commit"
            if isinstance(node, ast.ImportFrom) and node.module == "flask":
                names = {alias.name for alias in node.names}
                assert "session" not in names, f"{path}: write flask.session"
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                assert node.id != "db", f"{path}:{node.lineno}: call the database session 'session'"
            if isinstance(node, ast.arg):
                assert node.arg != "db", (
                    f"{path}:{node.lineno}: call the database session 'session'"
                )
