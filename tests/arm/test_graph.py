"""The one directed-graph implementation: cycles, a closed path through a cycle, stable dependency order."""

from __future__ import annotations

from relecloud_templates.arm.graph import cycle_path, cycles, topological_order


def graph(edges: dict[str, list[str]]):
    return list(edges), lambda node: edges[node]


def test_cycles_are_components_in_input_order_with_self_edges():
    nodes, edges = graph({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["d"], "e": ["a", "zzz"]})
    assert cycles(nodes, edges) == [["a", "b", "c"], ["d"]]
    assert cycles(*graph({"a": ["b"], "b": []})) == []


def test_cycle_path_is_a_shortest_closed_walk_from_the_first_member():
    nodes, edges = graph({"a": ["b", "c"], "b": ["c"], "c": ["a"]})
    (component,) = cycles(nodes, edges)
    assert cycle_path(component, edges) == ["a", "c", "a"]


def test_topological_order_keeps_given_order_among_independent_nodes():
    nodes, needs = graph({"web": ["db"], "db": [], "cache": [], "api": ["db", "cache", "db", "api"]})
    assert topological_order(nodes, needs) == (["db", "web", "cache", "api"], [])
    nodes, needs = graph({"a": ["b"], "b": ["a"], "c": [], "d": ["a"]})
    assert topological_order(nodes, needs) == (["c"], ["a", "b", "d"])


def test_long_chains_need_no_recursion():
    chain = {str(i): [str(i + 1)] for i in range(20000)}
    chain["20000"] = ["0"]
    nodes, edges = graph(chain)
    (component,) = cycles(nodes, edges)
    assert len(component) == 20001 and len(cycle_path(component, edges)) == 20002
    assert topological_order(nodes, edges)[0] == []
