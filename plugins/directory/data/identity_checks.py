"""Cross-file checks of what an entry is: a line of partnerships that never loops, one file per SOC code.

check_across() runs them with the other cross-file checks; like those, they read values
defensively, since the schema check may just have refused an entry's shape.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .loader import Entry
from .problems import quoted

# A loop longer than this is named by its first steps only, so one message stays one short line.
_SHOWN_STEPS = 5
_SOC_CODE = re.compile(r"[0-9]{2}-[0-9]{4}")  # common.schema.json's soc_code; another form is the schema check's to report


def _text(values: dict, key: str) -> str | None:
    value = values.get(key)
    return value if isinstance(value, str) else None


def check_succession(partnerships: dict[str, Entry], report) -> None:
    """Refuse a line of succession that comes back to itself: A succeeds B, B succeeds A (or longer)."""

    def predecessor(partnership_id: str) -> str | None:
        value = _text(partnerships[partnership_id].values, "succeeds")
        return value if value in partnerships else None  # a missing one is check_references' to report

    settled: set[str] = set()  # ids whose line is known to end, or known to loop and reported
    for start in partnerships:
        path: list[str] = []
        position: dict[str, int] = {}
        current = start
        while current is not None and current not in settled and current not in position:
            position[current] = len(path)
            path.append(current)
            current = predecessor(current)
        settled.update(path)
        if current is None or current not in position:
            continue
        loop = path[position[current] :]
        if len(loop) < 2:
            continue  # succeeding itself has its own message
        for index, partnership_id in enumerate(loop):
            steps = loop[index:] + loop[:index] + [partnership_id]
            shown = steps if len(steps) <= _SHOWN_STEPS else [*steps[: _SHOWN_STEPS - 1], "...", partnership_id]
            names = [step if step == "..." else quoted(step) for step in shown]
            chain = f"{names[0]} succeeds " + ", which succeeds ".join(names[1:])
            report.add(
                partnerships[partnership_id],
                ("succeeds",),
                f"the line of succession loops: {chain}",
                "a partnership can only succeed one that came before it: remove 'succeeds' from the earliest of them",
            )


def check_occupation_codes(occupations: dict[str, Entry], report) -> None:
    """Check that an occupation file is named after one of its SOC codes, and that no code names two files.

    The file name is the code the occupation's figures are published under: its soc_2010_code
    when it has one, else its soc_code. Two files may give one soc_code only when each is named
    after its own 2010 code (2010 occupations that the 2018 system merged).
    """
    by_code: dict[str, list[Entry]] = defaultdict(list)
    by_2010_code: dict[str, list[Entry]] = defaultdict(list)
    for entry in occupations.values():
        code, code_2010 = (_text(entry.values, key) for key in ("soc_code", "soc_2010_code"))
        if code is None or not _SOC_CODE.fullmatch(code) or (code_2010 is not None and not _SOC_CODE.fullmatch(code_2010)):
            continue  # the schema check reports it
        if entry.id not in (code, code_2010):
            given = f"soc_code {quoted(code)}" + (f" and soc_2010_code {quoted(code_2010)}" if code_2010 else "")
            target = code_2010 or code
            hint = (
                f"{occupations[target].relpath} already describes that occupation: merge the two files, or correct the code"
                if target in occupations
                else f"rename the file to {target}.yml (the code its figures are published under), or correct the code"
            )
            report.add(entry, ("soc_2010_code",) if code_2010 else ("soc_code",), f"the file is named {entry.id}.yml, but the entry gives {given}", hint)
            continue  # misnamed: its codes say nothing about the other files until it is named right
        by_code[code].append(entry)
        if code_2010 is not None:
            by_2010_code[code_2010].append(entry)
    for key, groups in (("soc_code", by_code), ("soc_2010_code", by_2010_code)):
        for code, group in groups.items():
            if len(group) < 2:
                continue
            if key == "soc_code" and all(entry.id == _text(entry.values, "soc_2010_code") for entry in group):
                continue  # 2010 occupations, each under its own code, that 2018 counts as one
            for entry in group:
                others = ", ".join(other.relpath for other in group if other is not entry)
                report.add(
                    entry,
                    (key,),
                    f"{key} {quoted(code)} is also given by {others}: one occupation in two files",
                    "keep one file per occupation and merge the other into it; "
                    "two files may share a soc_code only when each is named after its own soc_2010_code",
                )
