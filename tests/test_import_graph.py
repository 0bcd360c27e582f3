"""The import graph of ``portal`` and ``procedures`` has no circles, imports inside functions included.

The architecture asks for one place that knows the order after Send, with the apps it calls never
importing each other back. A circle hidden in a function-level import still ties two modules together
(neither can change or load alone), so every ``import`` and ``from ... import`` anywhere in a module
counts. Migrations and tests are left out: nothing imports them.

How a module's imports become edges:
- ``import a.b`` and ``from a.b import c`` point at ``a.b`` (a package means its ``__init__``);
  ``from a.b import c`` also points at ``a.b.c`` when ``c`` is a module.
- Relative imports are resolved against the importing module's package.
- The parents Python initialises first (``a`` for ``import a.b``) are not edges: a package whose
  ``__init__`` re-exports its own submodules would otherwise always count as a circle.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "procedures")
LEFT_OUT = {"migrations", "tests"}


def modules_under(root: Path, packages: tuple[str, ...]) -> dict[str, tuple[Path, bool]]:
    """Every module's dotted name -> (its file, whether it is a package's ``__init__``)."""
    found = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            parts = list(path.relative_to(root).with_suffix("").parts)
            if LEFT_OUT & set(parts):
                continue
            is_package = parts[-1] == "__init__"
            name = ".".join(parts[:-1] if is_package else parts)
            found[name] = (path, is_package)
    return found


def imports_of(name: str, path: Path, is_package: bool, known: set[str]) -> set[str]:
    """The project modules that ``name`` imports, anywhere in its body."""
    package = name if is_package else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            targets.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            targets.add(source)
            targets.update(f"{source}.{alias.name}" for alias in node.names)
    return {target for target in targets if target in known and target != name}


def import_graph(root: Path = ROOT, packages: tuple[str, ...] = PACKAGES) -> dict[str, set[str]]:
    found = modules_under(root, packages)
    known = set(found)
    return {name: imports_of(name, path, is_package, known) for name, (path, is_package) in found.items()}


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            successor = next(successors, None)
            if successor is not None:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                elif successor in on_stack:
                    low[node] = min(low[node], index[successor])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(sorted(component))
    return components


def described(graph: dict[str, set[str]], components: list[list[str]]) -> str:
    lines = []
    for component in components:
        lines.append(f"circle of {len(component)} modules:")
        members = set(component)
        lines.extend(
            f"  {module} -> {target}" for module in component for target in sorted(graph[module] & members)
        )
    return "\n".join(lines)


def test_portal_and_procedures_import_each_other_in_one_direction_only():
    graph = import_graph()
    assert "portal.applications.services" in graph and "procedures.engine.wizard" in graph
    found = circles(graph)
    assert not found, "\n" + described(graph, found)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_an_import_inside_a_function_closes_a_circle(tmp_path):
    _write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/orders.py": "def place():\n    from shop.delivery import send\n    send()\n",
            "shop/delivery.py": "from . import orders\n",
            "shop/migrations/0001_initial.py": "from shop import delivery\n",
        },
    )
    graph = import_graph(tmp_path, ("shop",))
    assert graph["shop.delivery"] == {"shop", "shop.orders"}  # relative: the package and the module
    assert circles(graph) == [["shop.delivery", "shop.orders"]]


def test_a_package_reexporting_its_modules_is_no_circle(tmp_path):
    _write(
        tmp_path,
        {
            "shop/__init__.py": "",
            "shop/connectors/__init__.py": "from shop.connectors.rest import Rest\n",
            "shop/connectors/rest.py": "from shop.connectors.base import Base\nclass Rest(Base): ...\n",
            "shop/connectors/base.py": "class Base: ...\n",
            "shop/sender.py": "from shop.connectors import Rest\n",
        },
    )
    assert circles(import_graph(tmp_path, ("shop",))) == []
