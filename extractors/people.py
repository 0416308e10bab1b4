"""Finding people in running Chinese text: names, the titles written with them.

Shared by the chronicle and the appointments extractors. A person is found in
one of these ways, strongest first:

- a spelling the city's data knows (`kg.people.PersonResolver`);
- a name right after a title word (`市委副书记、市长李石松`, `省发展改革委副主任赵修春`);
- the next item of a `、` list that started with a person (`副市长陈世禹、王文生`);
- a bare name opening a clause and followed by a verb (`李石松出席并宣布…`), or a bare list
  ended by 等/及/`，` in a sentence that says someone took part (`马国庆、陈世禹、朱党柱，项目企业
  …参加仪式`), possibly after a place (`曲靖市龚加武、杨庆东`), or names alone between commas next
  to a titled one (`李石松，李先祥，省广电局局长盛高举，…出席`). Untitled candidates that jieba's
  dictionary knows as ordinary words (安全, 尤其) are not names.

A candidate name is 2–3 characters (4 with a two-character surname), starts with a
surname, holds no character that names never do in these texts (会, 局, 市 …) and
is followed by something that may follow a name: punctuation, a verb, a title
written after the name (`刘本芳副市长`). So a title or a verb never becomes a person.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

from extractors.units import top_level_spans
from kg.names import surnames

# Words a title ends with. A name follows them directly in 市委副书记、市长李石松.
TITLE_WORDS: tuple[str, ...] = tuple(sorted({
    "市长", "省长", "区长", "县长", "州长", "镇长", "乡长", "书记", "常委", "委员", "成员", "主任", "局长", "厅长", "部长",
    "主席", "秘书长", "巡视员", "调研员", "董事长", "董事", "经理", "总裁", "助理", "司令员", "政委", "院长", "校长", "站长",
    "社长", "总编辑", "主编", "会长", "理事长", "检察长", "所长", "处长", "科长", "行长", "组长", "队长", "院士", "教授",
    "候选人", "人选", "领导", "负责人", "总监", "工程师", "馆长", "团长", "参事", "司长", "署长", "执行董事", "专家", "代表",
    "创始人", "创办人", "合伙人", "总理", "旗长", "盟长", "专员", "大使", "总领事", "审计长", "督学", "主委",
}, key=len, reverse=True))

# Titles that may follow a name: 刘本芳副市长, 李春晖局长, 张弥曼院士.
POSTPOSED: tuple[str, ...] = tuple(sorted({
    "常务副市长", "副市长", "市长", "副省长", "省长", "副书记", "书记", "副局长", "局长", "副厅长", "厅长", "副部长", "部长", "副秘书长",
    "副主任", "主任", "副主席", "主席", "院士", "教授", "董事长", "总经理", "秘书长", "同志",
    "副县长", "县长", "副区长", "区长", "副镇长", "镇长", "副乡长", "乡长", "副州长", "州长", "副总理", "总理",
}, key=len, reverse=True))

SURNAMES, COMPOUND_SURNAMES = surnames()  # data/names/surnames.txt

# Characters no name in these texts holds: they belong to organisations, verbs, function words.
NOT_IN_NAME = set("的了会议部局厅委办省县区镇乡村院校司所处科组队室和及等在到与对从由向为将并就市长记任员席以")
# ... and the few that no name holds anywhere (for names whose end the grammar fixes)
NEVER_IN_NAME = set("的了会议局厅委办省市县区镇乡村等在到与对由并就任是")
# ... except inside a three-character name, where some are ordinary given-name characters (何长松, 陈从华, 田为民);
# at the end of a name they would be a title (市长) or a preposition.
INNER_NAME_OK = set("长从为和向")
NOT_NAMES = {"单位", "部门", "同志", "一行", "等人", "以上", "以下", "全市", "全省", "全国", "有关", "相关", "领导", "干部", "群众", "常务", "非中共", "中共"}

BOUNDARY = set("、，。；：,;:（）()“”\"《》〈〉 \t") | {""}
# What may follow a name directly (verbs, prepositions, list words, time words).
AFTER: tuple[str, ...] = tuple(sorted({
    "出席", "参加", "主持", "列席", "陪同", "率", "带领", "带队", "到", "赴", "在", "与", "和", "及", "以及", "等", "一行", "专题",
    "调研", "研究", "检查", "督查", "督导", "督促", "巡查", "考察", "听取", "会见", "看望", "慰问", "宣读", "宣布", "为", "对接", "协调",
    "汇报", "组织", "召开", "应邀", "代表", "作", "讲话", "致辞", "向", "同", "深入", "前往", "实地", "走访", "视察", "拜会", "拜访",
    "分别", "共同", "见证", "上午", "下午", "晚上", "晚", "中午", "先后", "还", "也", "就", "对", "开展", "处置", "指挥", "主讲",
    "颁发", "揭牌", "参观", "出访", "率队", "赶赴", "强调", "指出", "表示", "出任", "任", "免去", "免", "不再", "同志", "参与",
    "座谈", "举行", "会谈", "以", "调度", "召集", "主讲", "签署", "签订", "发言", "作报告", "来", "莅临",
    "首次", "再次", "专程", "亲自", "安排", "部署", "讲了",
}, key=len, reverse=True))
# Words that stop a title read backwards from a name: 陪同省委书记王宁 → the title is 省委书记.
TITLE_STOPS = ("陪同", "参加", "出席", "会见", "看望", "慰问", "拜会", "拜访", "会同", "邀请", "听取", "列席", "主持", "与", "宣布")
# Words that may follow the last of a bare list of names (`…等参加`, `…及县卫健局负责人参加`).
LIST_ENDS = ("等", "一行", "同志", "以及", "及", "和")
# A sentence in which a bare list of names (with a weak ending) stands must say someone took part.
TAKE_PART = re.compile(r"出席|参加|列席|陪同|主持|见证|参与|调研|考察|座谈|会见|检查|督查|率队|带队|讲话|致辞|收听收看|观摩")
# A place that may stand before a bare list: 曲靖市李垠乐、刘本芳等参加.
PLACE_BEFORE = re.compile(r"[\u4e00-\u9fff]{2,3}[市县区州]")
CLAUSE_VERBS = ("出席", "主持", "参加", "列席", "率队", "率", "带队", "在", "到", "赴", "调研", "专题研究", "陪同", "宣布", "与", "检查", "督查", "应邀")
# A name right after an organisation (湖南中科电气股份有限公司张斌，省教育厅董一凡，) when punctuation follows it.
ORG_WORDS = ("有限公司", "公司", "集团", "厅", "局", "办", "中心", "协会", "银行", "大学", "学院", "医院", "研究院", "基金会")

# ... as CLAUSE_VERBS, and words that end a list of names whatever length it has (吴静、刘本芳就分管工作作了安排).
LIST_VERBS: tuple[str, ...] = tuple(sorted(set(CLAUSE_VERBS) | {
    "就", "分别", "共同", "一同", "先后", "均", "为", "带领", "带队", "深入", "前往", "会见", "看望", "慰问", "听取", "考察", "视察",
    "督导", "主讲", "来", "莅临", "安排", "部署", "讲话", "致辞", "发言", "首次", "专程",
}, key=len, reverse=True))

CJK = re.compile(r"[\u4e00-\u9fff]+$")


@dataclass(frozen=True)
class NameSpan:
    """A person named in a text: [start, end) is the name, [title_start, start) its title chain."""

    start: int
    end: int
    name: str  # as it stands in the (normalised) text
    titles: str  # the title chain written with the name, '' for none
    title_start: int
    after: int  # end of the mention including a title written after the name
    how: str  # known | titled | list | bare


@lru_cache(maxsize=64)
def _lexicon(words: tuple[str, ...]) -> tuple[tuple[int, ...], dict[str, int]]:
    """The words' lengths (longest first) and each word's first place in the tuple."""
    rank: dict[str, int] = {}
    for i, w in enumerate(words):
        rank.setdefault(w, i)
    return tuple(sorted({len(w) for w in rank}, reverse=True)), rank


def _starts(text: str, pos: int, words: tuple[str, ...]) -> str:
    """The first of `words` (in their order) that `text` has at `pos`; a look-up per word length,
    not a comparison per word (this runs at every position of every chronicle clause)."""
    lengths, rank = _lexicon(words)
    best = ""
    for n in lengths:
        w = text[pos : pos + n]
        if len(w) == n and w in rank and (not best or rank[w] < rank[best]):
            best = w
    return best


def _ends(text: str, pos: int, words: tuple[str, ...]) -> bool:
    """Does one of `words` end at `pos` (text[:pos].endswith(word))?"""
    lengths, rank = _lexicon(words)
    return any(n <= pos and text[pos - n : pos] in rank for n in lengths)


def _follows_name(text: str, pos: int, known: list[str]) -> bool:
    ch = text[pos : pos + 1]
    return ch in BOUNDARY or bool(_starts(text, pos, AFTER) or _starts(text, pos, POSTPOSED) or _starts(text, pos, tuple(known)))


def _plausible(name: str) -> bool:
    if not CJK.match(name) or name in NOT_NAMES or name.endswith(TITLE_WORDS):
        return False
    first = 2 if name[:2] in COMPOUND_SURNAMES else 0  # 司马卫东: 司 of 司马 is no 公司
    if any(ch in NOT_IN_NAME and not (len(name) >= 3 and 0 < i < len(name) - 1 and ch in INNER_NAME_OK)
           for i, ch in enumerate(name) if i >= first):
        return False
    if name[:2] in COMPOUND_SURNAMES:
        return 3 <= len(name) <= 4
    return name[0] in SURNAMES and 2 <= len(name) <= 3 and not _starts(name, 0, AFTER)


def is_plausible_name(text: str, strict: bool = True) -> bool:
    """Could `text` be a person's name on its own (a surname, 2–3 characters, no organisation word)?
    Not `strict` where the grammar already fixes the name's end (`免去A的…职务`): a name may then end
    in a character that elsewhere would be a title or a preposition (李永和)."""
    if strict:
        return _plausible(text)
    first = 2 if text[:2] in COMPOUND_SURNAMES else 1
    return (bool(CJK.match(text)) and text not in NOT_NAMES and 2 <= len(text) <= first + 2
            and (text[:2] in COMPOUND_SURNAMES or text[0] in SURNAMES) and not any(ch in NEVER_IN_NAME for ch in text[first:]))


def common_word(text: str) -> bool:
    """A word of the general vocabulary, not a name (曲靖, 安全)."""
    return _common_word(text)


def name_at(text: str, pos: int, known: list[str], taken: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    """The name that starts at `pos`, if the text there reads as one (longest sensible reading)."""
    known = tuple(known)
    hit = _starts(text, pos, known)
    if hit and _follows_name(text, pos + len(hit), known):
        return hit
    lengths = (4, 3) if text[pos : pos + 2] in COMPOUND_SURNAMES else (3, 2)
    valid = [n for n in lengths if pos + n <= len(text) and _plausible(text[pos : pos + n])
             and not any(i in taken for i in range(pos, pos + n)) and _follows_name(text, pos + n, known)]
    if not valid:
        return ""
    # 陈志到昆明: 陈志 + 到 beats 陈志到 + 昆 (3-character reading ends in a one-character verb)
    if len(valid) > 1 and (text[pos + valid[0] - 1] in "到在与和及为向同对率赴任" or len(_starts(text, pos + valid[1], AFTER)) >= 2):
        return text[pos : pos + valid[1]]  # 王丽陪同: 王丽 + 陪同, not 王丽陪 + 同
    return text[pos : pos + valid[0]]


def _common_word(name: str) -> bool:
    """A word of the general vocabulary that is not a person's name (安全, 高效, 文化, 马龙 is kept).

    jieba's dictionary tags every word it knows; names carry `nr`. A bare candidate that the
    dictionary knows as something else is, in these texts, that something else.
    """
    return not _word_tags().get(name, "nr").startswith("nr")


def _inside_title(text: str, pos: int, titles: tuple[str, ...]) -> bool:
    """`pos` falls inside a title word (董事长孙丽: 长孙 is no surname here, 董事长 is the title)."""
    return any(text.startswith(t, b) for b in range(max(0, pos - 6), pos) for t in titles if b + len(t) > pos)


def _function_word(name: str) -> bool:
    """关于, 尤其, 对于 …: words no title is followed by as a name (总书记关于…)."""
    return _word_tags().get(name, "")[:1] in ("d", "c", "p", "r", "u")


def _cuts_words(text: str, pos: int, n: int) -> bool:
    """A three-character reading that opens with a function word or ends inside a verb:
    尤其是在…, 全程参与 (the name would end in the middle of 参与)."""
    if n != 3:
        return False
    tags = _word_tags()
    return tags.get(text[pos : pos + 2], "")[:1] in ("d", "c", "p", "r", "u") or tags.get(text[pos + 2 : pos + 4], "") in ("v", "vn")


_TAGS: dict[str, str] = {}


def _word_tags() -> dict[str, str]:
    if not _TAGS:
        import logging

        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
        _TAGS.update(jieba.posseg.dt.word_tag_tab)
    return _TAGS


def _bare_name(text: str, pos: int, taken: set[int]) -> str:
    """A name standing alone at `pos` (no title), ended by a list mark, punctuation or a verb."""
    lengths = (4, 3) if text[pos : pos + 2] in COMPOUND_SURNAMES else (3, 2)
    for n in lengths:
        name = text[pos : pos + n]
        if len(name) < n or not _plausible(name) or _common_word(name) or _cuts_words(text, pos, n) or any(i in taken for i in range(pos, pos + n)):
            continue
        rest = pos + n
        if text[rest : rest + 1] in BOUNDARY or _starts(text, rest, LIST_VERBS + LIST_ENDS):
            return name
    return ""


def _bare_list(text: str, pos: int, taken: set[int], placed: bool = False) -> list[tuple[int, str]]:
    """Names `A、B、C` from `pos` that open a clause.

    Taken when the last is followed by a clause verb (`李金熙、何飞应邀列席会议`), or, when the
    sentence goes on to a verb of taking part, by `等`, `及`, `，` or a `、` that leads to no
    further name (`马国庆、陈世禹、朱党柱，项目企业…负责人参加仪式`) — for those weaker endings
    a single name needs `等`/`一行` or a place before it (`曲靖市龚加武，…参加活动`, `placed`).
    """
    items: list[tuple[int, str]] = []
    while True:
        name = _bare_name(text, pos, taken)
        if not name:
            break
        items.append((pos, name))
        end = pos + len(name)
        if _starts(text, end, LIST_VERBS):
            return items
        if text[end : end + 1] != "、":
            break
        pos = end + 1
    if not items:
        return []
    end = items[-1][0] + len(items[-1][1])
    ending = _starts(text, end, LIST_ENDS) or text[end : end + 1]
    if ending not in LIST_ENDS + ("，", "、") or not TAKE_PART.search(_sentence(text, end)):
        return []
    if len(items) >= 2 or placed or ending in ("等", "一行", "同志"):
        return items
    return []


def _sentence(text: str, pos: int) -> str:
    m = re.search(r"[。；]", text[pos:])
    return text[pos : pos + m.start()] if m else text[pos:]


def _lone_names(text: str, found: dict[int, tuple[int, str, str]], taken: set[int]) -> list[tuple[int, str]]:
    """Names standing alone between commas next to a person written the same way:
    `李石松，李先祥，省广电局局长盛高举，…出席揭牌仪式` (each unit is one person, titled or not)."""
    units = top_level_spans(text, "，。；")

    def just_a_person(a: int, b: int) -> bool:
        for start, (end, _name, _how) in found.items():
            if a <= start < b:
                after = end + len(_starts(text, end, POSTPOSED))
                return after == b and (start == a or title_before(text, start, a)[1] == a)
        return False

    def comma_between(j: int, k: int) -> bool:  # units j < k are neighbours joined by `，`
        return text[units[j][1] : units[j][1] + 1] == "，"

    out: list[tuple[int, str]] = []
    changed = True
    while changed:
        changed = False
        for k, (a, b) in enumerate(units):
            if a in found or not 2 <= b - a <= 4 or _bare_name(text, a, taken) != text[a:b]:
                continue
            name = text[a:b]
            near = ([units[k - 1]] if k > 0 and comma_between(k - 1, k) else []) + ([units[k + 1]] if k + 1 < len(units) and comma_between(k, k + 1) else [])
            if any(just_a_person(c, d) for c, d in near) and TAKE_PART.search(_sentence(text, a)):
                found[a] = (b, name, "bare")
                taken.update(range(a, b))
                out.append((a, name))
                changed = True
    return out


def title_before(text: str, start: int, floor: int) -> tuple[str, int]:
    """The title chain written right before a name at `start` (not reaching back past `floor`)."""
    pos = start
    first = start
    while pos > floor:
        b = pos
        while b > floor and text[b - 1] not in BOUNDARY:
            b -= 1
        unit = text[b:pos]
        cut = max((unit.rfind(w) + len(w) for w in TITLE_STOPS if w in unit), default=0)
        unit = unit[cut:]
        if not unit or not unit.endswith(TITLE_WORDS):
            break
        first = pos - len(unit)
        if cut or b <= floor or text[b - 1] != "、":
            break
        pos = b - 1
    return text[first:start], first


def find_names(text: str, known: list[str], extra_titles: tuple[str, ...] = ()) -> list[NameSpan]:
    """Every person named in `text`, in order; `known` are the city's spellings (matching form)."""
    titles = tuple(sorted(set(TITLE_WORDS) | set(extra_titles), key=len, reverse=True))
    known = tuple(known)
    found: dict[int, tuple[int, str, str]] = {}  # start → (end, name, how)
    taken: set[int] = set()

    def take(start: int, name: str, how: str) -> None:
        found[start] = (start + len(name), name, how)
        taken.update(range(start, start + len(name)))

    for pos in range(len(text)):  # known spellings
        if pos in taken:
            continue
        hit = _starts(text, pos, known)
        if hit and (_follows_name(text, pos + len(hit), known) or _ends(text, pos, titles)):
            take(pos, hit, "known")
    for pos in range(1, len(text)):  # after a title word
        if pos in taken or pos in found:
            continue
        if _ends(text, pos, titles) and not _inside_title(text, pos, titles):
            name = name_at(text, pos, known, taken)
            if name and not name.endswith(titles) and not _function_word(name):
                take(pos, name, "titled")
    for pos in range(2, len(text)):  # before a title written after the name: 李春晖局长一行
        post = _starts(text, pos, POSTPOSED)
        if not post or post == "同志" or pos in taken:
            continue
        rest = pos + len(post)
        # a title before a name (副市长龚加武) is not one after a name; nor is 常务 a name in 常务副市长
        if not (text[rest : rest + 1] in BOUNDARY or _starts(text, rest, AFTER)) or any(text.endswith(w, 0, rest) and len(w) > len(post) for w in POSTPOSED + TITLE_WORDS):
            continue
        for n in (3, 2):
            name = text[pos - n : pos]
            if (_plausible(name) and not any(i in taken for i in range(pos - n, pos)) and not text.endswith(titles, 0, pos - n + 1)
                    and not _common_word(name)):  # 代理省长: 代理 is a word, not a name
                take(pos - n, name, "titled")
                break
    for m in re.finditer("同志", text):  # before 同志, after a boundary or a preposition: 由李玮同志代表…
        for n in (3, 2):
            a = m.start() - n
            if (a >= 0 and _plausible(text[a : m.start()]) and not _common_word(text[a : m.start()])
                    and not any(i in taken for i in range(a, m.start())) and (a == 0 or text[a - 1] in BOUNDARY or text[a - 1] in "由请经向对与和及同让派")):
                take(a, text[a : m.start()], "titled")
                break
    for pos in range(2, len(text)):  # after an organisation, when punctuation follows: 省教育厅董一凡，
        if pos in taken or not _ends(text, pos, ORG_WORDS):
            continue
        for n in (3, 2):
            name = text[pos : pos + n]
            if (_plausible(name) and text[pos + n : pos + n + 1] in ("，", "、", "。") and not _common_word(name)
                    and not any(i in taken for i in range(pos, pos + n))):
                take(pos, name, "org")
                break
    changed = True
    while changed:  # list continuations: X、Y、Z
        changed = False
        for start in sorted(found):
            end = found[start][0]
            after = end + len(_starts(text, end, POSTPOSED))
            if text[after : after + 1] == "、" and after + 1 not in found:
                name = name_at(text, after + 1, known, taken)
                if name:
                    take(after + 1, name, "list")
                    changed = True
    for m in re.finditer(r"(?:^|[。；，,;])", text):  # bare names opening a clause: 李金熙、何飞应邀列席会议
        pos, placed = m.end(), False
        place = PLACE_BEFORE.match(text, pos)
        if place and m.group() != "；" and not any(ch in NOT_IN_NAME for ch in place.group()[:-1]) and not _bare_list(text, pos, taken):
            pos, placed = place.end(), True  # 曲靖市龚加武、杨庆东，…参加活动
        for start, name in _bare_list(text, pos, taken, placed):
            take(start, name, "bare")
    _lone_names(text, found, taken)

    spans: list[NameSpan] = []
    prev_end = 0
    for start in sorted(found):
        end, name, how = found[start]
        chain, first = title_before(text, start, prev_end)
        post = _starts(text, end, POSTPOSED)
        if post == "同志":
            chain, post_len = chain, len(post)
        else:
            post_len = len(post)
            if post and not chain:
                chain = post
        spans.append(NameSpan(start, end, name, chain, first, end + post_len, how))
        prev_end = end + post_len
    # a list item without its own title shares the title of the item before it (副市长陈世禹、王文生)
    out: list[NameSpan] = []
    for span in spans:
        if not span.titles and out and text[out[-1].after : span.start] == "、" and out[-1].titles:
            span = NameSpan(span.start, span.end, span.name, out[-1].titles, span.title_start, span.after, span.how)
        out.append(span)
    return out


def organisation_of(titles: str, own_prefixes: tuple[str, ...] = ("市",)) -> str:
    """The body a title chain names, for people from elsewhere (省发展改革委副主任 → 省发展改革委).

    Units that start with one of `own_prefixes` (the city's own posts: 市委常委, 市政府秘书长)
    name no outside body; the first unit that names one wins.
    """
    for unit in titles.split("、") if titles else ():
        if own_prefixes and unit.startswith(own_prefixes):
            continue
        word = next((w for w in TITLE_WORDS if unit.endswith(w)), "")
        if not word or word in ("专家", "院士", "教授", "代表", "领导", "负责人"):
            continue
        suffix = max((p + word for p in ("常务副", "副", "党组", "党委", "执行", "总", "") if unit.endswith(p + word)), key=len)
        org = unit[: -len(suffix)]
        if len(org) >= 2 and not org.endswith(TITLE_WORDS + ("党员",)):
            return org
    return ""
