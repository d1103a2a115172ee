"""The linked directory: entries joined both ways once, with the facts pages and search derive.

Built once per build from the validated entries; templates and exports only read it,
so no page scans every entry to find what links to it.

Links and values have different doors. An attribute named after a field the schema
declares a reference (x-references) holds the linked items: program.provider is a partner,
program.regions a list of regions, set on every item (None or [] when the entry names none).
The data file's own values, ids included, are read by key: program["regions"], program.get
("funders"), program.values. Any other attribute reads a value the entry gives
(program.name); one it leaves out raises AttributeError, so optional fields are read with
.get("cost") and a misspelt name fails the build instead of showing nothing. What other
entries name this one is in item.links (partner.links["programs"]).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .data.checks import build_date
from .data.cross_checks import occupation_lookup
from .data.loader import Entry
from .data.shape import EACH, current_shape, load_shape
from .facets import deadline_passed, program_facets
from .pay import mark_shared_pay, pay_for, pay_rows

# Collection -> URL folder (the URL contract: /programs/<id>/ ...) and -> its singular, as common.schema.json declares them.
URL_FOLDERS = {collection.folder: collection.url_folder for collection in load_shape().collections}
SINGULAR = {collection.folder: collection.singular for collection in load_shape().collections}
LEVEL_ORDER = {"entry": 0, "mid": 1, "advanced": 2}


class Item:
    """One entry: its YAML values (readable as attributes in templates) plus its links."""

    def __init__(self, entry: Entry):
        self.collection = entry.collection
        self.singular = SINGULAR[entry.collection]  # not "kind": partnerships have a kind field
        self.id = entry.id
        self.values = entry.values
        self.source_path = f"{entry.collection}/{entry.id}.yml"
        self.url = f"{URL_FOLDERS[entry.collection]}/{entry.id}/"
        self.links: dict[str, list] = defaultdict(list)

    def __getitem__(self, key):
        return self.values[key]

    def __getattr__(self, key):
        # Templates read fields as attributes (program.name); a field the entry may leave
        # out is read with .get("cost"), so a misspelt name fails the build, not the page.
        values = self.__dict__.get("values", {})
        if key in values and not key.startswith("_"):
            return values[key]
        singular, collection = self.__dict__.get("singular", "entry"), self.__dict__.get("collection")
        if key in current_shape().fields.get(collection, ()):
            hint = f"the field is optional and this one leaves it out: read it with .get({key!r})"
        else:
            hint = f"it is neither a field of {collection} (data/schemas/{singular}.schema.json) nor a link the model makes; check the spelling"
        raise AttributeError(f"{singular} {self.__dict__.get('id')!r} has no attribute {key!r}: {hint}")

    def get(self, key, default=None):
        return self.values.get(key, default)

    def __contains__(self, key) -> bool:
        return key in self.values

    def __repr__(self) -> str:
        return f"<{self.singular} {self.id}>"


@dataclass
class Step:
    """One step of a pathway, with its occupation, neighbours and the programs that serve it."""

    pathway: Item
    values: dict
    occupation: Item | None = None
    next: list[Step] = field(default_factory=list)
    previous: list[Step] = field(default_factory=list)
    programs: list[Item] = field(default_factory=list)
    pay: dict | None = None  # the figure shown for its occupation (pay_for), set once pay is known

    @property
    def id(self) -> str:
        return self.values["id"]

    @property
    def name(self) -> str:
        return self.values["name"]

    def get(self, key, default=None):
        return self.values.get(key, default)

    @property
    def anchor(self) -> str:
        return f"step-{self.id}"


@dataclass
class Directory:
    """Every entry by collection, sorted by name, with the links between them."""

    programs: dict[str, Item] = field(default_factory=dict)
    partners: dict[str, Item] = field(default_factory=dict)
    pathways: dict[str, Item] = field(default_factory=dict)
    partnerships: dict[str, Item] = field(default_factory=dict)
    occupations: dict[str, Item] = field(default_factory=dict)
    regions: dict[str, Item] = field(default_factory=dict)
    sources: dict[str, Item] = field(default_factory=dict)

    def collection(self, name: str) -> dict[str, Item]:
        return getattr(self, name)

    def items(self):
        """Yield every item of every collection."""
        for name in URL_FOLDERS:
            yield from self.collection(name).values()


def link_fields(directory: Directory, occupation_of: dict[str, Item]) -> None:
    """Give every item, for each top-level field the schema declares a reference, an attribute of that name holding the linked item(s)."""
    shape = current_shape()
    for collection in shape.collections:
        for reference in shape.references_of(collection.folder):
            if len(reference.path) > 2 or (len(reference.path) == 2 and reference.path[1] != EACH):
                continue  # inside a group (members[].partner, steps[].occupation): linked with the group
            # A program or step may name an occupation by its other SOC code; both lead to the one entry.
            targets = occupation_of if reference.target == "occupations" else directory.collection(reference.target)
            for item in directory.collection(collection.folder).values():
                value = item.get(reference.field)
                if len(reference.path) == 2:
                    setattr(item, reference.field, [targets[i] for i in value or []])
                else:
                    setattr(item, reference.field, targets.get(value) if value is not None else None)


def _order_steps(steps: list[Step]) -> list[Step]:
    """Order steps so each comes after every step leading to it, entry steps first."""
    position = {id(step): index for index, step in enumerate(steps)}
    waiting = {id(step): len(step.previous) for step in steps}
    ready = sorted((s for s in steps if not s.previous), key=lambda s: (LEVEL_ORDER[s.get("level")], position[id(s)]))
    ordered = []
    while ready:
        step = ready.pop(0)
        ordered.append(step)
        for child in step.next:
            waiting[id(child)] -= 1
            if waiting[id(child)] == 0:
                ready.append(child)
        ready.sort(key=lambda s: (LEVEL_ORDER[s.get("level")], position[id(s)]))
    return ordered


def build_directory(entries: dict[str, dict[str, Entry]], today: dt.date | None = None) -> Directory:
    """Join validated entries both ways: each reference is followed once, here."""
    today = today or build_date()
    directory = Directory()
    for name in URL_FOLDERS:
        group = sorted(entries.get(name, {}).values(), key=lambda e: (str(e.values.get("name", "")).casefold(), e.id))
        setattr(directory, name, {entry.id: Item(entry) for entry in group})
    # A program or step may name an occupation by its other SOC code; both lead to the one entry.
    occupation_of = {code: directory.occupations[entry_id] for code, entry_id in occupation_lookup(entries.get("occupations", {})).items()}
    link_fields(directory, occupation_of)
    link_pathways(directory, occupation_of)
    link_programs(directory, today)
    link_partners(directory)
    link_partnerships(directory)
    link_occupations(directory)
    link_citations(directory)
    return directory


def link_pathways(directory: Directory, occupation_of: dict[str, Item]) -> None:
    """Give every pathway its steps in route order, joined both ways, and link its maintainers, regions and occupations back to it."""
    for pathway in directory.pathways.values():
        steps = [Step(pathway, values, occupation_of.get(values.get("occupation"))) for values in pathway["steps"]]
        by_id = {step.id: step for step in steps}
        for step in steps:
            for target in step.get("leads_to") or []:
                step.next.append(by_id[target])
                by_id[target].previous.append(step)
            if step.occupation is not None:
                step.occupation.links["steps"].append(step)
        pathway.steps = _order_steps(steps)
        pathway.step_by_id = by_id
        for partner in pathway.maintainers:
            partner.links["pathways"].append(pathway)
        for region in pathway.regions:
            region.links["pathways"].append(pathway)


def link_programs(directory: Directory, today: dt.date) -> None:
    """Link every program back from what it names and to the pathway steps it serves, and give it its facets."""
    for program in directory.programs.values():
        program.provider.links["programs"].append(program)
        for partner in program.host_employers:
            partner.links["hosted_programs"].append(program)
        for partner in program.funders:
            partner.links["funded_programs"].append(program)
        for occupation in program.occupations:
            occupation.links["programs"].append(program)
        for region in program.regions:
            region.links["programs"].append(program)
        program.steps = []
        for link in program.get("pathway_steps") or []:
            step = directory.pathways[link["pathway"]].step_by_id[link["step"]]
            step.programs.append(program)
            program.steps.append(step)
        program.deadline_passed = deadline_passed(program.values, today)
        program.facets = program_facets(program.values, today)
        program.facet_tokens = " ".join(f"{facet}:{value}" for facet, values in program.facets.items() for value in values)


def link_partners(directory: Directory) -> None:
    """Link every region back to the partners in it."""
    for partner in directory.partners.values():
        for region in partner.regions:
            region.links["partners"].append(partner)


def link_partnerships(directory: Directory) -> None:
    """Give every partnership its members (partner, roles, note), and link its regions, members and predecessor back to it."""
    for partnership in directory.partnerships.values():
        for region in partnership.regions:
            region.links["partnerships"].append(partnership)
        partnership.members = []
        for member in partnership.get("members") or []:
            partner = directory.partners[member["partner"]]
            roles = member.get("roles") or ["member"]
            partnership.members.append({"partner": partner, "roles": roles, "note": member.get("note")})
            partner.links["memberships"].append({"partnership": partnership, "roles": roles})
        if partnership.succeeds is not None:
            partnership.succeeds.links["succeeded_by"].append(partnership)


def link_occupations(directory: Directory) -> None:
    """Link every region back to the occupations with figures for it; give occupations their pay rows and each step the figure it shows."""
    regions = directory.regions
    for occupation in directory.occupations.values():
        areas = [row["region"] for table in ("projections", "employment") for row in occupation.get(table) or []]
        for region_id in areas + [row["area"] for row in occupation.get("pay") or [] if row["area"] in regions]:
            if occupation not in regions[region_id].links["occupations"]:
                regions[region_id].links["occupations"].append(occupation)
        occupation.pay = pay_rows(occupation, regions, directory.sources)
    for pathway in directory.pathways.values():
        for step in pathway.steps:
            step.pay = pay_for(step.occupation, pathway.get("regions") or [])
    mark_shared_pay(list(directory.occupations.values()))


def link_citations(directory: Directory) -> None:
    """Give every item its citations ({source, locator, note} or an inline document) and each source the items citing it."""
    for item in directory.items():
        item.citations = []
        for cite in item.get("sources") or []:
            source = directory.sources.get(cite.get("source"))
            item.citations.append({"source": source, "locator": cite.get("locator"), "note": cite.get("note"), "inline": cite if source is None else None})
        # A pay figure names its own document: it is a citation of the occupation too.
        for row in item.get("pay") or [] if item.collection == "occupations" else []:
            source = directory.sources.get(row["source"])
            locator = f"{row['release']} pay figure" + (f", {row['locator']}" if row.get("locator") else "")
            item.citations.append({"source": source, "locator": locator, "note": None, "inline": None})
        for cite in item.citations:
            source = cite["source"]
            if source is not None and item not in source.links["cited_by"]:
                source.links["cited_by"].append(item)
    for source in directory.sources.values():  # what each document supports, with the parts used
        source.citing = [(item, [c["locator"] for c in item.citations if c["source"] is source and c["locator"]]) for item in source.links["cited_by"]]
