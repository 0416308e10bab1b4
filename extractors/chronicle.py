"""The chronicle (大事记): entries → events with date, kind, topic, places and people.

An entry starts with a day (`1日，`, `7月28日，`, `5日—8日`, `10—11日`, `7月3日至5日`,
`2日上午，`); the month comes from the last month heading (`11月份`, `2023年7月`),
the year from the heading or else from the issue (a chronicle month later than the
issue's month is the previous year's). Blocks that do not start with a day carry
on the entry before them (lines cut by page breaks, running headers, or a second
sentence printed as its own paragraph).

An entry chaining activities with `；` gives one event per activity; a clause that
does not open with a person carries the previous clause's subject (`…座谈；出席…会议`).
Each person gets a role from the verb that governs them: chair (主持, 率队, 组织召开 …),
attend (出席, 参加, 列席, 陪同 …; and whoever a leader meets: `与X座谈`), or subject
(the one who carries out the visit or activity).
"""

from __future__ import annotations

import re

from extractors import register
from extractors.entries import Entry, chronicle_year, find_entries, parse_day  # noqa: F401  (chronicle_year, parse_day: the date grammar)
from extractors.appointments import decision_spans
from extractors.people import NameSpan, find_names, organisation_of
from extractors.units import top_level_spans
from kg.city import City
from kg.normalise import NText
from kg.people import PersonResolver
from kg.provenance import span_prov
from kg.records import Issue, Warning_
from kg.records.events import Event, Participation

NAME = "chronicle"

TIME_WORD = re.compile(r"^(?:上午|下午|晚上|晚|中午|凌晨|早上)[，,]?")
# What may stand before a clause's subject besides a time of day: `；会后，邵振宇带领…督查`.
LEAD_WORD = re.compile(r"^(?:上午|下午|晚上|晚|中午|凌晨|早上|会后|会前|随后|其间|同日|当天|当日|次日)[，,]?")

# 带领 is not here: a visiting official who 带领 a team is the one doing the visit (subject).
CHAIR_VERBS = ("主持召开", "组织召开", "主持", "召集", "率队", "率领")
ATTEND_VERBS = ("出席", "参加", "列席", "陪同", "参与", "就座", "见证", "应邀", "收听收看")
# A person named after one of these is who the visit or activity is about (陪同省领导X调研: X is the subject).
OBJECT_OF = ("陪同", "参加", "出席", "随同")
ACTIVITY = (
    "专题研究", "专题调研", "调研", "研究", "检查", "督查", "督导", "督促", "巡查", "考察", "视察", "座谈", "听取", "对接", "协调",
    "汇报", "处置", "参观", "看望", "慰问", "拜会", "拜访", "召开", "开展", "指导", "走访", "宣布", "宣读", "颁发", "揭牌", "致辞",
    "讲话", "调度", "报告", "会见", "会谈", "签约", "核查", "招商",
)
BYLINE = re.compile(r"(?:记者|通讯员|责任编辑|(?<![总副])编辑|摄影|摄|作者|撰稿|审核|校对|供稿|来源)[：:]?$")
RELATIONS = ("长女", "次女", "之女", "女儿", "长子", "次子", "之子", "儿子", "夫人", "妻子", "丈夫", "父亲", "母亲", "之孙", "孙女", "孙子", "后人", "亲属", "家属", "遗孀")
KIN_BEFORE = re.compile(rf"[\u4e00-\u9fff]{{2,4}}(?:{'|'.join(RELATIONS)})")  # 刘某长女|刘丽 opens the clause
RELATIVE = re.compile(rf"^(?:同志)?(?:的)?(?:{'|'.join(RELATIONS)})")
# the speech as a thing studied (重要讲话精神, 的讲话精神), not the verb of a speaker (主持并讲话)
SPEECH = re.compile(r"(?:重要|的)(?:讲话|指示|批示|论述|回信|贺信)|(?:讲话|指示|批示)精神")
STUDY = re.compile(r"学习|传达|贯彻|重温|领会|研读|落实")
PERSONNEL_AFTER = re.compile(r"^(?:、[\u4e00-\u9fff]{2,4}?)*(?:同志)?(?:分别)?(?:提出|请求)?辞去|^(?:同志)?(?:等\d+名同志|[两二三四五六七八九十\d]+(?:名|位)同志)?的(?:免职|任职|任免)")
# the convener of a meeting chairs it: 县长李明在县政府会议室召开…工作会
CONVENES = re.compile(r"^(?:在(?:(?!参加|出席|列席|陪同|主持)[^，。；]){1,20}?)?(?P<verb>召开|召集)[^，。；]*会")  # not 在X参加Y召开的会
# a speaker who does not preside takes part: 作交流发言, 代表…作政府工作报告, 讲了五点要求, 致辞
SPEAKS = re.compile(r"^(?:同志)?(?:代表[^，。；]{1,20}?)?(?P<verb>(?:作|做)[^，。；]{0,12}?(?:发言|报告)|讲了|致辞|讲话|安排[^，。；]{0,8}工作)")
SEPARATORS = re.compile(r"^(?:[、，,和及]|以及)*$")

# Kinds of the city's own numbered meetings, tested in this order on the whole clause.
SERIES_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("standing_meeting", re.compile(r"(?<!省)人民政府(?:召开)?第[\d一二三四五六七八九十百]+次常务会议|市政府常务会议")),
    ("plenary_meeting", re.compile(r"(?<!省)人民政府第[\d一二三四五六七八九十]+次全体会议")),
    ("party_standing_meeting", re.compile(r"市委常委会|市委常委会议")),
    ("theory_study", re.compile(r"理论学习中心组|集中学习")),
    ("party_group_meeting", re.compile(r"(?:市政府|人民政府)党组.{0,12}会议")),
    ("training", re.compile(r"培训班|研讨班|开班|大讲堂|专题讲座")),
)
# Other kinds: the one named first in the clause wins (调研…并召开座谈会 is a visit).
ACTIVITY_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("signing", re.compile(r"签约|签订|仪式|揭牌|开幕式")),
    ("reception", re.compile(r"拜会|拜访|会见|接见")),
    ("other", re.compile(r"专题研究(?!会)|专题听取|(?<![调可])研究(?![院所会中报])|听取|处置|汇报|对接|协调(?!会|机制)")),
    ("conference", re.compile(r"会议|座谈|视频会|电视电话会|推进会|调度会|工作会|大会|协商会|对接会|会商|论坛|现场会|专题会|联席会|全会|约谈会|办公会|协调会|汇报会|动员会|生活会|洽谈会|开会")),
    ("inspection", re.compile(r"调研|考察|检查|督查|督导|督促|巡查|观摩|视察|核查|走访|回访|稽察|考核|包保")),
)
# A meeting taken part in or convened (参加X会议, 主持召开X专题会), or one that opens the entry (X会议在Y召开):
# its head noun decides, whatever words its name holds (…处置工作领导小组会议, …观摩调度会).
MEETING_OBJECT = re.compile(r"^(?:在[^，。；]{1,12})?(?:参加|出席|列席|主持召开|组织召开|召开|主持)(?P<object>[^，。；]*(?:会|会议|领导小组))(?:并[^，。；]*)?$")
MEETING_OPENING = re.compile(r"^[^，。；]*(?:会|会议)(?:（[^）]*）)?(?:在[^，。；]{1,15})?(?:召开|举行)")
SESSION = (
    re.compile(r"年度第(\d+)次"),
    re.compile(r"第(\d+)次(?:常务会议|会议|（扩大）会议|\(扩大\)会议|全体会议)"),
    re.compile(r"第([一二三四五六七八九十]+|\d+)次(?:全体会议|集中学习)"),
)
PLACE_AFTER = re.compile(
    r"(?:到|赴|在|前往)(?P<place>[^，。；、“”]{2,14}?)"
    r"(?=调研|考察|参加|召开|举行|开展|检查|督导|汇报|对接|协调|出席|处置|巡查|督查|看望|慰问|视察|陪同|招商|进行|研究|专题|参观|实地|检验|主持|举办|拜会|商议)"
)
ORG_SUFFIX = re.compile(r"(?:局|厅|委|办|公司|集团|院|行|中心|部|司|协会|学校|分行|党校|医院|银行)$")
WITH = re.compile(r"(?:与|同)(?P<org>[^，。；、]{2,30}?)(?:举行|进行|座谈|会谈|签约|签订|协商|对接)")


def split_clauses(text: str, marks: str = "；") -> list[tuple[int, int]]:
    """Spans of the `；`-separated clauses (a report's sentences too), ignoring marks inside brackets and quotes."""
    return [(a, b) for a, b in top_level_spans(text, marks) if text[a:b].strip("。 ")]


def _not_a_participant(clause: str, span: NameSpan) -> bool:
    """Named, but not taking part: a reporter or editor, the author of a speech being studied
    (传达学习X总书记…重要讲话精神), a relative named to say who someone is (刘某长女刘丽: 刘某),
    or the person a personnel decision is about (选举X为…, 免去X…职务, X提出辞去…)."""
    before = clause[max(0, span.title_start - 6) : span.title_start] + span.titles
    after = clause[span.end :]
    phrase = re.split(r"[，。；]", after, maxsplit=1)[0]
    return bool(
        BYLINE.search(before)
        or RELATIVE.match(after)
        or SPEECH.search(phrase) and STUDY.search(re.split(r"[。；]", clause[: span.start])[-1])
        or PERSONNEL_AFTER.match(after)
        or any(a <= span.start < b for a, b in decision_spans(clause))
    )


def classify(clause: str, action: str = "") -> str:
    """The kind of an event from its clause and the words after its opening subject (`action`)."""
    for kind, pattern in SERIES_KINDS:
        if pattern.search(clause):
            return kind
    if MEETING_OBJECT.match(TIME_WORD.sub("", action)) or MEETING_OPENING.match(TIME_WORD.sub("", clause)):
        return "conference"
    hits = [(m.start(), k) for k, pattern in ACTIVITY_KINDS for m in [pattern.search(clause)] if m]
    return min(hits)[1] if hits else "other"


def session_of(clause: str, kind: str) -> str:
    if kind not in ("standing_meeting", "plenary_meeting", "party_group_meeting", "party_standing_meeting", "theory_study"):
        return ""
    for pattern in SESSION:
        m = pattern.search(clause)
        if m:
            return m.group(1)
    return ""


def _first(text: str, words: tuple[str, ...]) -> tuple[int, str]:
    hits = [(text.find(w), w) for w in words if w in text]
    return min(hits, key=lambda h: (h[0], -len(h[1]))) if hits else (-1, "")


def role_of(phrase: str) -> tuple[str, str]:
    """Role and verb from the text that follows a person (up to the next comma)."""
    phrase = TIME_WORD.sub("", phrase)
    convened = CONVENES.match(phrase)
    if convened:
        return "chair", convened.group("verb")
    spoke = SPEAKS.match(phrase)
    if spoke:
        return "attend", spoke.group("verb")
    if phrase.startswith("率") and not phrase.startswith("率先"):
        pos, verb = _first(phrase, CHAIR_VERBS)
        return "chair", verb or phrase[:1]
    if phrase.startswith(("与", "同")):
        return "subject", _first(phrase, ACTIVITY)[1] or phrase[:2]
    cpos, cverb = _first(phrase, CHAIR_VERBS)
    apos, averb = _first(phrase, ATTEND_VERBS)
    xpos, xverb = _first(phrase, tuple(v for v in ACTIVITY if v != "召开"))
    role_pos = min(p for p in (cpos, apos) if p >= 0) if cverb or averb else -1
    if xverb and (role_pos < 0 or xpos < role_pos):  # 调研…并主持召开专题会: the visit comes first
        return "subject", xverb
    if cverb and (not averb or cpos <= apos):
        return "chair", cverb
    if averb:
        return "attend", averb
    return "subject", phrase[:2]


def _runs(text: str, spans: list[NameSpan]) -> list[list[int]]:
    """Groups of names written as one list (`A，B、C参加`): they share the verb that follows."""
    runs: list[list[int]] = []
    for i, span in enumerate(spans):
        if runs and SEPARATORS.match(text[spans[runs[-1][-1]].after : span.title_start]):
            runs[-1].append(i)
        else:
            runs.append([i])
    return runs


def _has_verb(phrase: str) -> bool:
    return (any(v in phrase for v in CHAIR_VERBS + ATTEND_VERBS + ACTIVITY) or bool(re.match(r"^(?:在|到|赴|率|与|同)", phrase))
            or bool(SPEAKS.match(phrase) or CONVENES.match(phrase)))


def _phrase_after(text: str, pos: int) -> str:
    """The words that govern a list of people: up to the next comma, skipping comma-phrases
    with no verb (`A、B，市直有关部门负责人参加会议`: the unnamed others share the verb)."""
    pos += len(re.match(r"^(?:等|一行|同志)*", text[pos:]).group())
    while True:
        m = re.search(r"[，。；]", text[pos:])
        phrase = text[pos : pos + m.start()] if m else text[pos:]
        if _has_verb(phrase) or not m or text[pos + m.start()] != "，":
            return phrase
        pos += m.start() + 1


def _sentence_after(text: str, pos: int) -> str:
    m = re.search(r"[。；]", text[pos:])
    return text[pos : pos + m.start()] if m else text[pos:]


SERIES_NAME = re.compile(r"[^，。；]*?第[^，。；]*?次[^，。；]*?(?:常务会议|全体会议|集中学习|会议|常委会)(?:（[^）]*）|\([^)]*\))?(?:会议)?")
CONVENED = re.compile(r"(?:召开|举行|举办)(?P<name>[^，。；]{2,60}?(?:会议|会|仪式|开幕式|培训班|集中学习|活动))(?=[，。；]|$|并)")
OPENING_NAME = re.compile(r"^(?P<name>[^，。；]{2,60}?(?:会议|会|仪式|开幕式|培训班|活动))(?:（[^）]*）)?(?:在[^，。；]{1,15})?(?:召开|举行|开班)")
TAKEN_PART = re.compile(r"(?:参加|出席|列席|主持召开|组织召开|主持)(?P<name>[^，。；]{2,80}?)(?=并|[，。；]|$)")
DOING = re.compile(r"(?:专题研究|专题调研|专题听取|调研|考察|检查|督查|督导|研究|听取|对接|协调|汇报|处置|巡查|拜会|拜访|陪同)[^，。；]{0,60}")


def topic_of(clause: str, kind: str) -> str:
    """The meeting's name, or what the activity was about (the words after its verb)."""
    body = TIME_WORD.sub("", clause)
    if kind in ("standing_meeting", "plenary_meeting", "party_group_meeting", "party_standing_meeting", "theory_study"):
        m = SERIES_NAME.search(body)
        if m:
            return re.sub(r"^.*?(?:主持召开|组织召开|主持|召开|举行|出席|列席|参加)", "", m.group(0)).replace("召开", "")
    for pattern in (OPENING_NAME, CONVENED, TAKEN_PART):
        m = pattern.search(body)
        if m and not re.match(r"^(?:会议|活动|学习|座谈)$", m.group("name")):
            return m.group("name")
    m = DOING.search(body)
    return m.group(0) if m else re.split(r"[，。；]", body)[0][:80]


def places_of(clause: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Places and bodies an activity is at or with, as written: the resolve stage finds the division a place names."""
    places: list[str] = []
    orgs: list[str] = []
    for m in PLACE_AFTER.finditer(clause):
        for part in re.split(r"[和、]", m.group("place")):
            part = part.strip()
            if len(part) < 2:
                continue
            target = orgs if ORG_SUFFIX.search(part) else places
            if part not in target:
                target.append(part)
    for m in WITH.finditer(clause):
        org = m.group("org")
        if ORG_SUFFIX.search(org) and org not in orgs and not re.search(r"[，、]|率队|赴", org):
            orgs.append(org)
    return tuple(places), tuple(orgs)


def _mention(issue: Issue, text: NText, span: NameSpan, offset: int) -> str:
    """The name as printed (the source characters, spaces removed), e.g. 张鈞 where the text reads 张钧."""
    prov = span_prov(issue.file, issue.lines, text[offset + span.start : offset + span.end], NAME)
    printed = re.sub(r"\s+", "", prov.quote)
    return printed if len(printed) == span.end - span.start else span.name


@register(NAME)
def extract(issue: Issue, city: City) -> list:
    return chronicle_records(issue, city)


def chronicle_records(issue: Issue, city: City, *, known_names: bool = True) -> list:
    """Events and participations of an issue's chronicle.

    With `known_names=False` the name finder is not given the city's known spellings, so only
    the grammar finds people (what an unseen city's chronicle gets). Names are returned as printed
    and every mention is kept (a person named twice in one event gives two participations): only
    the resolve stage (kg.resolved) knows that 张钩 is 张鈞, and it keeps one per person.
    """
    people = PersonResolver(city)  # known spellings and title words: recognition only
    known = people.surface_forms() if known_names else []
    # titles of the city's own posts name no outside body (a city with no data has no name: no empty prefix)
    own = tuple(p for p in ("市", "省委常委", city.name, *city.short) if p)
    records: list = []
    for entry in find_entries(issue):
        text, start, end = entry.text, entry.start, entry.end
        entry_line = text.origin[0][0]
        if start is None and entry.kind == "chronicle" and parse_day(text.text, loose=True):
            records.append(Warning_(issue.file, entry_line, f"chronicle entry without a full date (year {entry.year}, month {entry.month}): {text.text[:30]}"))
        body_start = entry.body
        carried: list[tuple[str, str, str]] = []  # (mention, titles, organisation) of the subject
        report = entry.kind == "report"  # one event, read sentence by sentence
        event: Event | None = None
        for number, (a, b) in enumerate(split_clauses(text.text[body_start:], "；。" if report else "；"), start=1):
            a, b = a + body_start, b + body_start
            clause_nt = text[a:b]
            clause = clause_nt.text
            spans = [s for s in find_names(clause, known, people.title_words + RELATIONS) if not _not_a_participant(clause, s)]
            lead = len(LEAD_WORD.match(clause).group()) if LEAD_WORD.match(clause) else 0
            runs = _runs(clause, spans)
            opening = runs[0] if runs and (spans[runs[0][0]].title_start <= lead or KIN_BEFORE.fullmatch(clause[lead : spans[runs[0][0]].start])) else []
            if event is None or not report:
                action = _phrase_after(clause, spans[opening[-1]].after) if opening else clause[lead:]
                kind = classify(TIME_WORD.sub("", clause), action)
                places, orgs = places_of(clause)
                event = Event(
                    file=issue.file, entry_line=entry_line, number=number, date=start, end_date=end,
                    time_of_day=entry.time_of_day if number == 1 else (TIME_WORD.match(clause).group().rstrip("，,") if TIME_WORD.match(clause) else ""),
                    kind=kind, session=session_of(clause, kind), topic=topic_of(clause, kind), places=places,
                    organisations=orgs, text=clause, period=issue.period or "", prov=span_prov(issue.file, issue.lines, clause_nt, NAME),
                )
                records.append(event)
            parts: list[Participation] = []
            if not opening and carried:
                role, verb = role_of(_phrase_after(clause, lead))
                for mention, titles, org in carried:
                    parts.append(Participation(event, mention, titles, role, verb, org, "carried", event.prov))
            for run in runs:
                first = spans[run[0]]
                before = clause[: first.title_start]
                last = spans[run[-1]]
                if before.endswith("与") or before.endswith("同") and not before.endswith(("陪同", "会同", "共同", "随同")):
                    role, verb = "attend", _first(_sentence_after(clause, last.after), ACTIVITY)[1] or "座谈"
                else:
                    role, verb = role_of(_phrase_after(clause, last.after))
                    if role == "subject" and run is not (opening or None) and not any(w in re.split(r"[，。；]", before)[-1] for w in OBJECT_OF):
                        role = "attend"  # someone named later who acts in another's event (作汇报, 宣布开幕)
                    elif role == "subject":
                        verb = _first(_sentence_after(clause, last.after), ACTIVITY)[1] or verb
                for i in run:
                    span = spans[i]
                    nt = clause_nt[span.title_start : span.after]
                    org = organisation_of(span.titles, own)
                    parts.append(Participation(
                        event, _mention(issue, clause_nt, span, 0), span.titles, role, verb, org, span.how, span_prov(issue.file, issue.lines, nt, NAME),
                    ))
            if opening:
                carried = [(p.mention, p.titles, p.organisation) for p in parts if p.how != "carried"][: len(opening)]
            records.extend(parts)
    return records
