"""Every action recorded anywhere in the code base reads as words on the audit trail.

The codes are collected from the source: every `audit.record(...)`, `record_read(...)` and
`record_many(...)` call under incidents/, its `action=` followed through conditional
expressions, f-strings, local assignments and a helper's parameters to the helper's callers in
the same module. A code that cannot be followed that way fails the test until it is listed in
FOLLOWED below, with where its values come from."""

from __future__ import annotations

import ast
from itertools import product
from pathlib import Path

import incidents
from incidents.admin.trail_labels import ACTIONS, action_of
from incidents.records import review

ROOT = Path(incidents.__file__).parent
SINKS = {"record", "record_read", "record_many"}
# helper parameter whose values come from outside its module → where they come from
FOLLOWED = {
    # review.move(action=...) comes from the review form, checked against review.MOVES
    "records/review.py:_event:action": set(review.MOVES),
    # Stream.lines(action=...): the streamed download, or a job writing it to a file
    "exports/stream.py:_audit:action": {"research_export", "research_export_written"},
}


class Module:
    """One source file: its functions, module-level constants and each node's parent."""

    def __init__(self, path: Path, root: Path = ROOT):
        self.name = path.relative_to(root).as_posix()
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents = {
            child: node for node in ast.walk(self.tree) for child in ast.iter_child_nodes(node)
        }
        self.sinks = {"record"} if self.name == "audit.py" else set()
        for node in ast.walk(self.tree):
            if isinstance(node, ast.ImportFrom) and node.module == "incidents.audit":
                self.sinks |= {a.asname or a.name for a in node.names if a.name in SINKS}
        self.constants = {
            node.targets[0].id: node.value
            for node in self.tree.body
            if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
        }
        self.imported = {
            alias.asname or alias.name: (node.module, alias.name)
            for node in self.tree.body
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("incidents.")
            for alias in node.names
        }

    def is_sink(self, call: ast.Call) -> bool:
        f = call.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
            return f.value.id == "audit" and f.attr in SINKS
        return isinstance(f, ast.Name) and f.id in self.sinks

    def function_of(self, node) -> ast.FunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef):
                return node
        return None


class Collector:
    """The codes an expression can take; what cannot be followed goes to `unfollowed`."""

    def __init__(self):
        self.unfollowed: set[str] = set()
        self.seen: set[tuple] = set()

    def values(self, mod: Module, expr, func) -> set[str] | None:
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            a, b = self.values(mod, expr.body, func), self.values(mod, expr.orelse, func)
            return None if a is None or b is None else a | b
        if isinstance(expr, ast.JoinedStr):
            parts = []
            for part in expr.values:
                got = (
                    {part.value}
                    if isinstance(part, ast.Constant)
                    else self.values(mod, part.value, func)
                )
                if got is None:
                    return None
                parts.append(got)
            return {"".join(p) for p in product(*parts)}
        if isinstance(expr, ast.Name):
            return self.name(mod, expr.id, func)
        return None

    def name(self, mod: Module, name: str, func) -> set[str] | None:
        if func is not None:
            params = [a.arg for a in func.args.args + func.args.kwonlyargs]
            if name in params:
                return self.parameter(mod, func, name)
            assigned = [
                node.value
                for node in ast.walk(func)
                if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)
            ]
            if assigned:
                found = [self.values(mod, value, func) for value in assigned]
                return None if None in found else set().union(*found)
        if name in mod.constants:
            return self.values(mod, mod.constants[name], None)
        if name in mod.imported:  # a constant of another module of the package
            module, original = mod.imported[name]
            path = ROOT.parent / (module.replace(".", "/") + ".py")
            if path.exists():
                return self.name(Module(path), original, None)
        return None

    def parameter(self, mod: Module, func, name: str) -> set[str]:
        where = f"{mod.name}:{func.name}:{name}"
        if where in self.seen:
            return set()
        self.seen.add(where)
        positional = [a.arg for a in func.args.args]
        position = positional.index(name) if name in positional else None
        found, calls = set(), 0
        for node in ast.walk(mod.tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            if node.func.id != func.name:
                continue
            calls += 1
            arg = next((k.value for k in node.keywords if k.arg == name), None)
            if arg is None and position is not None and position < len(node.args):
                arg = node.args[position]
            got = None if arg is None else self.values(mod, arg, mod.function_of(node))
            if got is None:
                self.unfollowed.add(where)
            else:
                found |= got
        if not calls:
            self.unfollowed.add(where)
        return found | FOLLOWED.get(where, set())


def recorded_actions(root: Path = ROOT) -> tuple[set[str], set[str]]:
    """(every action code recorded under `root`, the places that could not be followed)"""
    found, collector = set(), Collector()
    for path in sorted(root.rglob("*.py")):
        mod = Module(path, root)
        for node in ast.walk(mod.tree):
            if isinstance(node, ast.Call) and mod.is_sink(node):
                if mod.name == "audit.py" and getattr(mod.function_of(node), "name", "") in SINKS:
                    continue  # record_read and record_many pass their callers' codes on
                arg = next((k.value for k in node.keywords if k.arg == "action"), None)
                got = None if arg is None else collector.values(mod, arg, mod.function_of(node))
                if got is None:
                    collector.unfollowed.add(f"{mod.name}:{node.lineno}")
                else:
                    found |= got
    return found, collector.unfollowed


def test_every_recorded_action_has_words():
    found, unfollowed = recorded_actions()
    assert len(found) > 90  # the scan found the trail's actions (not an empty walk)
    assert unfollowed <= set(FOLLOWED), (
        f"audit actions the scan cannot follow: {sorted(unfollowed - set(FOLLOWED))}; "
        "say where their values come from in FOLLOWED"
    )
    missing = sorted(found - set(ACTIONS))
    assert not missing, f"actions without words in incidents/admin/trail_labels.py: {missing}"


def test_the_scan_follows_codes_and_notices_new_ones(tmp_path):
    """The scan is not vacuous: literal, conditional, f-string and helper-passed codes are
    found, and a code that comes from nowhere it can follow is reported."""
    found, _ = recorded_actions()
    assert {"incident_verified", "incident_returned", "incident_reopened"} <= found  # FOLLOWED
    assert {"evidence_missing", "evidence_download_interrupted"} <= found  # f-strings
    assert {"audit_verified", "audit_trail_exported"} <= found  # constants, imported too
    (tmp_path / "new.py").write_text(
        "from incidents import audit\n"
        "from incidents.audit import record_read\n"
        "def fresh(session, done):\n"
        "    audit.record(session=session, action='brand_new' if done else 'brand_old')\n"
        "def _helper(session, what):\n"
        "    record_read(session=session, action=f'thing_{what}', actor=None)\n"
        "def use(session, form):\n"
        "    _helper(session, 'shown')\n"
        "    _helper(session, form.what.data)\n"
    )
    new, unfollowed = recorded_actions(tmp_path)
    assert new == {"brand_new", "brand_old", "thing_shown"}
    assert unfollowed == {"new.py:_helper:what"}
    assert not new & set(ACTIONS)


def test_unknown_codes_still_read_as_words():
    """An event recorded by an older version, with a code since retired, reads as words."""
    old = action_of("something_retired")
    assert "something retired" in old.sentence and "_" not in old.sentence
