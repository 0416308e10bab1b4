"""The data of a timeline page: one year's events and deadlines as vis-timeline items, one row
per kind, each item carrying who was there (or who answers for the task) and the sentence it
was read from. The page's script builds every text into the DOM with textContent and draws
crowded stretches as numbered bars (static/timeline.js)."""

from __future__ import annotations

from collections import Counter

from visualizations.facts import Moment


def timeline_data(moments: list[Moment]) -> dict[str, object]:
    """groups: [label, count] with deadlines first, then event kinds by count; items: one per
    moment, `cite` is [document, its page#sentence, date, quote, file:line] or null."""
    counts = Counter(m.group for m in moments)
    labels = sorted(counts, key=lambda g: (g != "deadline", -counts[g], g))
    row = {g: i for i, g in enumerate(labels)}
    items = []
    for i, m in enumerate(moments):
        c = m.citation
        where = f"{c.file}:{c.line_start}" + (f"–{c.line_end}" if c.line_end != c.line_start else "") if c else ""
        items.append({"id": i, "start": m.date, "end": m.end, "group": row[m.group], "what": m.what, "kind": m.kind,
                      "title": m.title, "who": [list(p) for p in m.people],
                      "cite": [f"{c.doc_number} {c.doc_title}".strip(), f"{c.doc_url}#{c.anchor}" if c.doc_url else "",
                               c.date, c.quote, where] if c else None})
    return {"groups": [[g, counts[g]] for g in labels], "items": items}
