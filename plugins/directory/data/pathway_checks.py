"""Cross-file checks of pathways: each pathway's steps make a graph that only moves forward, and programs name real steps."""

from __future__ import annotations

import functools
from collections import defaultdict

from .check_report import Report, as_list, one_of, suggestion
from .loader import Entry
from .problems import WARNING, quoted

_VISITING, _DONE = 1, 2  # a step's colour in the search for loops


def _step_indexes(entry: Entry, report: Report) -> dict[str, int]:
    """Return each step id's first index in the pathway, reporting an id used twice."""
    index_of: dict[str, int] = {}
    for index, step in enumerate(as_list(entry.values.get("steps"))):
        if not isinstance(step, dict) or not isinstance(step.get("id"), str):
            continue
        if step["id"] in index_of:
            report.add(
                entry,
                ("steps", index, "id"),
                f"step id {quoted(step['id'])} is used twice (first at steps[{index_of[step['id']]}])",
                "give each step its own id",
            )
        else:
            index_of[step["id"]] = index
    return index_of


def _step_links(entry: Entry, steps: list[dict], index_of: dict[str, int], report: Report) -> dict[str, list[str]]:
    """Return the steps each step leads to, reporting a link to itself or to no step of the pathway."""
    edges: dict[str, list[str]] = defaultdict(list)
    for step in steps:
        i = index_of[step["id"]]
        for j, target in enumerate(as_list(step.get("leads_to"))):
            if not isinstance(target, str):
                continue  # the schema check reports the shape
            if target == step["id"]:
                report.add(entry, ("steps", i, "leads_to", j), f"step {quoted(target)} leads to itself", "remove it from its own leads_to")
            elif target not in index_of:
                hint = suggestion(target, index_of, "use the id of a step in this pathway")
                report.add(entry, ("steps", i, "leads_to", j), f"refers to step {quoted(target)}, which is not in this pathway", hint)
            else:
                edges[step["id"]].append(target)
    return edges


def _check_loops(entry: Entry, index_of: dict[str, int], edges: dict[str, list[str]], report: Report) -> None:
    """Report the step that closes each loop: a depth-first search with colours."""
    colour: dict[str, int] = {}
    for start in index_of:
        if colour.get(start):
            continue
        colour[start] = _VISITING
        stack = [(start, iter(edges[start]))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = _DONE
                stack.pop()
            elif colour.get(child) == _VISITING:
                j = entry.values["steps"][index_of[node]]["leads_to"].index(child)
                report.add(
                    entry,
                    ("steps", index_of[node], "leads_to", j),
                    f"step {quoted(node)} leads back to {quoted(child)}, making a loop",
                    "a pathway must only move forward: remove one of the links",
                )
            elif not colour.get(child):
                colour[child] = _VISITING
                stack.append((child, iter(edges[child])))


def _check_reachable(entry: Entry, steps: list[dict], index_of: dict[str, int], edges: dict[str, list[str]], report: Report) -> None:
    """Report a pathway with no entry step, or else every step no entry step leads to."""
    entry_steps = [s["id"] for s in steps if s.get("level") == "entry"]
    if steps and not entry_steps:
        report.add(entry, ("steps",), "has no step with level 'entry'", "mark at least one starting step with 'level: entry'")
        return
    reached, todo = set(entry_steps), list(entry_steps)
    while todo:
        for child in edges[todo.pop()]:
            if child not in reached:
                reached.add(child)
                todo.append(child)
    for step_id, index in index_of.items():
        if step_id not in reached:
            report.add(
                entry,
                ("steps", index, "id"),
                f"step {quoted(step_id)} cannot be reached from an entry step",
                "add it to the leads_to of an earlier step, or make it level: entry",
            )


def check_pathway_graphs(entries: dict[str, dict[str, Entry]], report: Report) -> dict[str, set[str]]:
    """Check each pathway's steps: unique ids, links inside the pathway, no loops, all reachable."""
    step_ids: dict[str, set[str]] = {}
    for entry in entries["pathways"].values():
        steps = [s for s in as_list(entry.values.get("steps")) if isinstance(s, dict) and isinstance(s.get("id"), str)]
        index_of = _step_indexes(entry, report)
        step_ids[entry.id] = set(index_of)
        edges = _step_links(entry, steps, index_of, report)
        _check_loops(entry, index_of, edges, report)
        _check_reachable(entry, steps, index_of, edges, report)
    return step_ids


def check_program_steps(entries: dict[str, dict[str, Entry]], step_ids: dict[str, set[str]], pathway_ids: set[str], report: Report) -> None:
    """Check that each program's pathway_steps name a real step of a real pathway."""
    for entry in entries["programs"].values():
        links = as_list(entry.values.get("pathway_steps"))
        if not links:
            report.add(entry, (), "is not linked to any pathway step", "add pathway_steps so jobseekers find it on a pathway", WARNING)
            continue
        for index, link in enumerate(links):
            if not isinstance(link, dict):
                continue
            pathway, step = link.get("pathway"), link.get("step")
            if not isinstance(pathway, str):
                continue  # missing or not text: the schema check reports it
            if pathway not in pathway_ids:
                hint = suggestion(pathway, pathway_ids, "use the id of a pathway in data/pathways/")
                report.add(entry, ("pathway_steps", index, "pathway"), f"refers to pathway {quoted(pathway)}, which does not exist", hint)
            elif isinstance(step, str) and pathway in step_ids and step not in step_ids[pathway]:
                hint = suggestion(step, step_ids[pathway], functools.partial(one_of, step_ids[pathway]))
                report.add(entry, ("pathway_steps", index, "step"), f"pathway {quoted(pathway)} has no step {quoted(step)}", hint)
