# ruff: noqa: E501  (seed text as printed)
"""
Reading the real agenda packs in ../shared/seeds, for the tests that check the
portal against them. The portal itself never reads them: the demo ships its own
data in demo/data. Where the seeds are absent (a council's fresh clone), the tests
that need them are skipped with a clear reason.
"""

import datetime
import os
import re
from html import escape, unescape
from pathlib import Path

import pytest

SOMERSET_PACK = "somerset-scrutiny-children-families-2023-05-04-pack.txt"
NORTH_SOMERSET_PACK = "north-somerset-cyps-panel-2023-06-29-pack.txt"


def seeds_dir() -> Path:
    configured = os.environ.get("SEEDS_DIR")
    return (
        Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared" / "seeds"
    )


needs_seeds = pytest.mark.skipif(
    not (seeds_dir() / SOMERSET_PACK).is_file(),
    reason=f"the seed documents are not in {seeds_dir()} (set SEEDS_DIR to compare against them)",
)


def seed_lines(filename: str, first: int = 1, last: int | None = None) -> list[str]:
    """Lines `first` to `last` of a seed file, both included and counted from 1."""
    lines = (seeds_dir() / filename).read_text(encoding="utf-8").splitlines()
    return lines[first - 1 : last]


def seed_line(filename: str, number: int) -> str:
    return seed_lines(filename, number, number)[0].strip()


_ITEM_HEADING = re.compile(
    r"^(?:\d+\.?|\([a-z]\))\s+(?P<title>.*?)(?:\s+\((?:Pages \d+ - \d+|To Follow)\))?$"
)


def heading_title(printed: str) -> str:
    """ "## **2 Declarations of Interest (Pages 13 - 14)**" -> "Declarations of Interest"."""
    text = printed.strip().lstrip("#").strip().lstrip("-").strip().strip("*").strip()
    match = _ITEM_HEADING.match(text)
    return match.group("title") if match else text


# The minutes of 6 March 2023, as printed in the 4 May 2023 pack.

HEADING = re.compile(r"^(?:## )?(\d+) (.+?)\s+([-–]) Agenda Item (\d+)$")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
DECISION_START = ("It was AGREED", "The Committee requested", "The Committee further recognises")


def _inline(text: str) -> str:
    """Seed markdown to the little HTML the minutes keep: bold, italics; links keep their text."""
    text = LINK.sub(r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text)
    text = escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return re.sub(r"\*(.+?)\*", r"<em>\1</em>", text)


def _plain(text: str) -> str:
    """Plain text as printed: emphasis marks dropped ("scrutiny *should* look at")."""
    text = LINK.sub(r"\1", text)
    text = re.sub(r"<sup>(.*?)</sup>", r"\1", text).replace("**", "")
    return re.sub(r"\*(\S[^*]*?)\*", r"\1", text).strip()


def parse_minutes(lines: list[str]) -> list[dict]:
    """Split the seed's minutes into numbered minutes with body, comments, decisions, closing."""
    start = next(
        i for i, line in enumerate(lines) if line.startswith("1 **Declarations of Interest**")
    )
    end = next(i for i, line in enumerate(lines) if line.startswith("**(The meeting ended"))
    minutes, current = [], None
    for raw in lines[start:end]:
        line = raw.strip()
        heading = HEADING.match(line)
        if heading:
            current = {
                "number": int(heading.group(1)),
                "heading": _plain(heading.group(2)).strip("*").strip(),
                "separator": heading.group(3),
                "agenda_item": int(heading.group(4)),
                "body": [],
                "comments_intro": "",
                "comments": [],
                "decisions": [],
                "closing": [],
                "state": "body",
            }
            minutes.append(current)
            continue
        if not line or current is None:
            continue
        if line.startswith("The Committee made a number of comments"):
            current["comments_intro"] = line
            current["state"] = "comments"
            continue
        if current["state"] == "comments":
            if line.startswith("- "):
                text, _, response = line[2:].partition(" – *")
                current["comments"].append([_plain(text), response.rstrip("*").strip()])
                continue
            if line.startswith("*") and current["comments"]:
                current["comments"][-1][1] += " " + line.strip("*").strip()
                continue
            current["state"] = "after"
        if line.startswith("On behalf of the Committee"):
            current["closing"].append(f"<p>{_inline(line)}</p>")
        elif line.startswith(DECISION_START) or current["state"] == "after":
            current["decisions"].append(_plain(line))
        elif line.startswith("### "):
            current["body"].append(f"<h4>{_inline(line[4:])}</h4>")
        elif line.startswith("- "):
            current["body"].append(f"<li>{_inline(line[2:])}</li>")
        elif line.startswith("*") and current["body"] and current["body"][-1].startswith("<li>"):
            current["body"][-1] = current["body"][-1][:-5] + f"<br>{_inline(line)}</li>"
        else:
            current["body"].append(f"<p>{_inline(line)}</p>")
    return minutes


def _body_html(parts: list[str]) -> str:
    """Consecutive list items go into one list."""
    html, in_list = [], False
    for part in parts:
        if part.startswith("<li>") and not in_list:
            html.append("<ul>")
            in_list = True
        elif not part.startswith("<li>") and in_list:
            html.append("</ul>")
            in_list = False
        html.append(part)
    if in_list:
        html.append("</ul>")
    return "".join(html)


def minutes_data(base: dict) -> dict:
    """The demo's minutes data (attendance, agenda) with the seed's minutes as printed."""
    minutes = []
    for parsed in parse_minutes(seed_lines(SOMERSET_PACK)):
        minutes.append(
            {
                "number": parsed["number"],
                "agenda_item": parsed["agenda_item"],
                "heading": parsed["heading"],
                "separator": parsed["separator"],
                "body": _body_html(parsed["body"]),
                "comments_intro": parsed["comments_intro"],
                "comments": [{"text": t, "response": r} for t, r in parsed["comments"]],
                "decisions": parsed["decisions"],
                "closing": "".join(parsed["closing"]),
            }
        )
    return {**base, "minutes": minutes}


# The outcome tracker 2022 - 23, as printed in the 4 May 2023 pack.
GROUP = re.compile(r"^<b>(\d{1,2} \w+ \d{4})</b>\t+$")


def parse_tracker(lines: list[str]) -> list[dict]:
    start = next(i for i, line in enumerate(lines) if line.startswith("Agenda items\tLead / Owner"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Completed\tAction complete"))
    rows, meeting_day = [], None
    for line in lines[start + 1 : end]:
        group = GROUP.match(line)
        if group:
            meeting_day = datetime.datetime.strptime(group.group(1), "%d %B %Y").date()
            continue
        cells = line.split("\t")
        if len(cells) != 4 or meeting_day is None:
            continue
        title, owners, outcome, status = cells
        rows.append(
            {
                "meeting": meeting_day,
                "title": unescape(re.sub(r"</?b>", "", title)).strip(),
                "owners": owners.strip(),
                "outcome": outcome.strip(),
                "status_lines": _status_lines(status),
            }
        )
    return rows


def _status_lines(cell: str) -> list[str]:
    """ "<b>Completed</b> <b>Update to May '23 mtg</b>" -> ["Completed", "Update to May '23 mtg"]."""
    parts = re.findall(r"<b>(.*?)</b>([^<]*)", cell)
    lines = [
        unescape(f"{bold.strip()} {after.strip()}").strip().rstrip(",") for bold, after in parts
    ]
    return [line for line in lines if line]
