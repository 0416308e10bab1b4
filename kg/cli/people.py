"""`kg person NAME` and `kg export events|people|posts|appointments`: leaders, meetings, posts."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import query as canned
from kg.cli import FormatOpt, GraphOpt, OutOpt, app, export_app, fail, resolve_params, run_query
from kg.errors import InputError
from kg.output import Format, emit, render, write_text
from kg.store import load

EVENT_COLUMNS = ["event_id", "date", "end_date", "kind", "session", "topic", "person_mention", "person_id", "person_name",
                 "person_role", "verb", "titles", "affiliation", "places", "period", "source", "line"]
PEOPLE_COLUMNS = ["person_id", "name", "spellings", "events", "chaired", "posts", "first_seen", "last_seen"]
POST_COLUMNS = ["person_id", "person_name", "post", "organisation", "first_seen", "last_seen", "seen_in", "started_by", "ended_by", "source", "line"]
APPOINTMENT_COLUMNS = ["doc_number", "person_id", "person_name", "action", "post", "organisation", "year", "source", "line"]
TIMELINE_COLUMNS = ["date", "item", "kind", "role", "what", "places", "with", "source", "line"]



@export_app.command("events")
def export_events(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every chronicle event, one row per person in it: date, kind, role, titles, places, source line."""
    run_query("events", graph, {"person": "", "kind": ""}, fmt, output, EVENT_COLUMNS)


@export_app.command("people")
def export_people(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every person: spellings, events taken part in and chaired, posts, first and last seen."""
    run_query("people", graph, {"person": ""}, fmt, output, PEOPLE_COLUMNS)


@export_app.command("posts")
def export_posts(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every occupancy (person, post) with first/last seen dates and the appointments that start or end it."""
    run_query("posts", graph, {"person": ""}, fmt, output, POST_COLUMNS)


@export_app.command("appointments")
def export_appointments(graph: GraphOpt, fmt: FormatOpt = Format.csv, output: OutOpt = None) -> None:
    """Every appointment (任) and removal (免去…职务) with its document, person, post and source line."""
    run_query("appointments", graph, {"doc": ""}, fmt, output, APPOINTMENT_COLUMNS)


@app.command()
def person(
    name: Annotated[str, typer.Argument(help="The person's name, any spelling (张钩, 张 鈞 and 张鈞 are one person).")],
    graph: GraphOpt,
    fmt: FormatOpt = Format.table,
    output: OutOpt = None,
) -> None:
    """A person's profile: spellings, posts held with dates, and every event and appointment in date order."""
    if not name.strip():
        fail("kg person needs a name, e.g. kg person 李石松 (kg export people lists everyone)")
    try:
        from kg.store import built_with_city

        key = resolve_params({"person": name}, graph)["person"]
        city = built_with_city(graph)  # the key is resolved already; binding resolves it again, with the same data
        g = load(graph)
        _, people = canned.run(g, "people", {"person": key}, city=city)
        if not people:
            fail(f"{graph}: no person named '{name}'" + (f" (read as {key})" if key != name else ""))
            return
        _, posts = canned.run(g, "posts", {"person": key}, city=city)
        _, timeline = canned.run(g, "person-timeline", {"person": key, "from": "", "to": ""}, city=city)
    except InputError as exc:
        fail(str(exc))
        return
    profile = people[0]
    if fmt is Format.json:
        import json

        doc = dict(profile, posts=[{k: p[k] for k in POST_COLUMNS} for p in posts], timeline=[{k: t.get(k) for k in TIMELINE_COLUMNS} for t in timeline])
        write_text(json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n", output)
        return
    if fmt.is_csv:
        emit(TIMELINE_COLUMNS, timeline, fmt, output)
        return
    text = [
        f"{profile['name']}  ({profile['person_id']})",
        f"spellings: {profile.get('spellings') or profile['name']}",
        f"events: {profile.get('events') or 0}, chaired: {profile.get('chaired') or 0}, seen {profile.get('first_seen') or '?'} – {profile.get('last_seen') or '?'}",
        "",
        "posts:",
        render(["post", "first_seen", "last_seen", "seen_in", "started_by", "ended_by"], posts, Format.table),
        "timeline:",
        render(TIMELINE_COLUMNS, timeline, Format.table),
    ]
    write_text("\n".join(text), output)
