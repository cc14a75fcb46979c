"""
The portal's apps depend on each other one way only: no import cycle between apps.

An app is a top-level directory with an apps.py. App A depends on app B when one of A's
Python modules (its migrations aside: they are history, and name other apps' tables)
- imports B (`import B.x`, `from B.x import y`), or
- names one of B's modules or models in a string: a dotted path that import_string or
  Celery would load ("packs.status.pack_states"), or a lazy model reference ("B.Model"),
or when one of A's templates (templates/A/...) loads a tag library of B's templatetags/
(`{% load packs %}`).

A lower app shows what higher apps contribute through a registry the higher app fills
from its AppConfig.ready() (meetings/page_sections.py, meetings/paper_sources.py,
meetings/pack_state.py, committees/committee_page.py), never by importing them.
"""

import ast
import itertools
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.core.cache import cache

from meetings import page_sections
from tests.factories import MeetingFactory

ROOT = Path(__file__).resolve().parents[2]
LOAD = re.compile(r"{%\s*load\s+(.*?)\s*%}")
DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")


@dataclass
class Graph:
    """Which apps each app depends on, and why (file:line: what) for each edge."""

    apps: list[str]
    edges: dict[str, set[str]] = field(default_factory=dict)
    why: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def add(self, source: str, target: str, reason: str) -> None:
        if target == source or target not in self.apps:
            return
        self.edges.setdefault(source, set()).add(target)
        self.why.setdefault((source, target), []).append(reason)


def find_apps(root: Path) -> list[str]:
    return sorted(path.parent.name for path in root.glob("*/apps.py"))


def tag_libraries(root: Path, apps: list[str]) -> dict[str, str]:
    """Each tag library's name, and the app whose templatetags/ holds it."""
    return {
        module.stem: app
        for app in apps
        for module in (root / app / "templatetags").glob("*.py")
        if module.stem != "__init__"
    }


def _names_module(root: Path, dotted: str) -> bool:
    """Whether a dotted string starts with one of an app's modules or packages."""
    parts = dotted.split(".")
    for end in range(len(parts), 1, -1):
        path = root.joinpath(*parts[:end])
        if path.with_suffix(".py").is_file() or (path / "__init__.py").is_file():
            return True
    return False


def _names_model(models: dict[str, set[str]], dotted: str) -> bool:
    app, _, name = dotted.partition(".")
    return name in models.get(app, set())


def model_names(root: Path, apps: list[str]) -> dict[str, set[str]]:
    """Each app's model classes, read from its models.py (and models/ package) with ast."""
    found = {}
    for app in apps:
        names = set()
        sources = [root / app / "models.py", *(root / app / "models").glob("*.py")]
        for source in sources:
            if source.is_file():
                for node in ast.walk(ast.parse(source.read_text(), str(source))):
                    if isinstance(node, ast.ClassDef):
                        names.add(node.name)
        found[app] = names
    return found


def _python_modules(root: Path, app: str):
    for path in sorted((root / app).rglob("*.py")):
        if "migrations" not in path.relative_to(root / app).parts:
            yield path


def python_dependencies(graph: Graph, root: Path) -> None:
    models = model_names(root, graph.apps)
    for app in graph.apps:
        for path in _python_modules(root, app):
            where = path.relative_to(root)
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        target = alias.name.split(".")[0]
                        graph.add(app, target, f"{where}:{node.lineno}: import {alias.name}")
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    target = node.module.split(".")[0]
                    graph.add(app, target, f"{where}:{node.lineno}: from {node.module} import")
                elif (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and DOTTED.match(node.value)
                ):
                    target = node.value.split(".")[0]
                    if target in graph.apps and (
                        _names_module(root, node.value) or _names_model(models, node.value)
                    ):
                        graph.add(app, target, f'{where}:{node.lineno}: "{node.value}"')


def template_dependencies(graph: Graph, root: Path) -> None:
    libraries = tag_libraries(root, graph.apps)
    for app in graph.apps:
        for path in sorted((root / "templates" / app).rglob("*")):
            if not path.is_file():
                continue
            where = path.relative_to(root)
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                for match in LOAD.finditer(line):
                    words = match.group(1).split()
                    # {% load a b %} or {% load name1 name2 from library %}
                    names = words[words.index("from") + 1 :] if "from" in words else words
                    for name in names:
                        if name in libraries:
                            reason = f"{where}:{number}: {{% load {name} %}}"
                            graph.add(app, libraries[name], reason)


def app_graph(root: Path = ROOT) -> Graph:
    graph = Graph(apps=find_apps(root))
    python_dependencies(graph, root)
    template_dependencies(graph, root)
    return graph


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A cycle in the graph, as the apps along it with the first again at the end; or None."""
    state: dict[str, str] = {}  # "open" while on the current path, then "done"
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[node] = "done"
        return None

    for node in sorted(edges):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def describe(graph: Graph, cycle: list[str]) -> str:
    lines = [" → ".join(cycle)]
    for source, target in itertools.pairwise(cycle):
        reasons = graph.why[(source, target)]
        lines.append(f"{source} → {target}:")
        lines += [f"    {reason}" for reason in reasons[:5]]
        if len(reasons) > 5:
            lines.append(f"    … and {len(reasons) - 5} more")
    return "\n".join(lines)


def test_no_app_depends_on_itself_through_another():
    graph = app_graph()
    cycle = find_cycle(graph.edges)
    assert cycle is None, "The apps depend on each other in a cycle:\n" + describe(graph, cycle)


def test_the_lower_apps_know_nothing_of_the_apps_built_on_them():
    graph = app_graph()
    for lower, higher in [
        ("committees", "meetings"),
        ("committees", "workprogramme"),
        ("meetings", "workprogramme"),
        ("meetings", "packs"),
        ("meetings", "minutes"),
    ]:
        assert higher not in graph.edges.get(lower, set()), describe(graph, [lower, higher])
    assert {"committees", "meetings"} <= graph.edges["workprogramme"]


def test_the_cycle_finder_finds_a_cycle_and_only_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": {"c"}, "d": {"a", "c"}}) is None
    assert find_cycle({"a": {"a"}}) == ["a", "a"]
    assert find_cycle({}) is None


def test_the_walk_sees_imports_strings_and_template_tags(tmp_path):
    for app in ("low", "high", "other"):
        (tmp_path / app / "templatetags").mkdir(parents=True)
        (tmp_path / app / "apps.py").write_text("")
        (tmp_path / app / "__init__.py").write_text("")
    (tmp_path / "high" / "templatetags" / "high_tags.py").write_text("")
    (tmp_path / "high" / "status.py").write_text("def states(): ...\n")
    (tmp_path / "high" / "models.py").write_text("class Thing: ...\n")
    (tmp_path / "high" / "views.py").write_text("from low.models import Base\nimport other\n")
    (tmp_path / "low" / "pack_state.py").write_text('PROVIDER = "high.status.states"\n')
    (tmp_path / "other" / "fields.py").write_text('TARGET = "high.Thing"\nNOT_AN_APP = "x.y"\n')
    (tmp_path / "low" / "migrations").mkdir()
    (tmp_path / "low" / "migrations" / "0001.py").write_text("import other\n")
    (tmp_path / "templates" / "low").mkdir(parents=True)
    (tmp_path / "templates" / "low" / "page.html").write_text("{% load static high_tags %}\n")

    graph = app_graph(tmp_path)

    assert graph.apps == ["high", "low", "other"]
    assert graph.edges == {"high": {"low", "other"}, "low": {"high"}, "other": {"high"}}
    assert graph.why[("low", "high")] == [
        'low/pack_state.py:1: "high.status.states"',
        "templates/low/page.html:1: {% load high_tags %}",
    ]
    cycle = find_cycle(graph.edges)
    assert cycle == ["high", "low", "high"]
    assert "low/pack_state.py:1" in describe(graph, cycle)


@pytest.mark.parametrize("library, app", [("packs", "packs"), ("minutes_tags", "minutes")])
def test_tag_libraries_belong_to_the_app_that_holds_them(library, app):
    assert tag_libraries(ROOT, find_apps(ROOT))[library] == app


@pytest.mark.django_db
def test_meetings_pages_show_what_the_installed_apps_contribute_and_nothing_else(
    client, monkeypatch
):
    """The registries leave out what an app that is not installed would have added."""
    meeting = MeetingFactory()
    assert 'id="pack"' in client.get(meeting.get_absolute_url()).content.decode()

    installed = page_sections.apps.is_installed
    monkeypatch.setattr(
        page_sections.apps, "is_installed", lambda name: name != "packs" and installed(name)
    )
    cache.clear()  # not the page kept for the public a moment ago
    assert [s.app for s in page_sections.sections(page_sections.MEETING_PAGE)] == ["minutes"]
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert 'id="pack"' not in page
    assert 'id="agenda"' in page
