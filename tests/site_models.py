"""Small graph models for the site tests, made of facts read from 曲政办发〔2022〕29号
and the earthquake relief headquarters
(data/gazettes/qujing/001_aec869a62786b268.txt, lines 440, 517, 525, 584), plus a hostile copy
whose every text field carries markup that must never run."""

from __future__ import annotations

from pathlib import Path

from tests import graphs
from kg.model import Edge, GraphModel, Node, Source

FILE = "data/gazettes/qujing/001_aec869a62786b268.txt"
ID = "https://w3id.org/cn-gazette-kg/id/"
Q440 = "（二）健全协调联动机制。由市能源局牵头统筹2022年开工光伏发电项目建设，定期组织召开协调会议，共同研究解决项目推进中的困难和问题。"
Q517 = "2. 确定项目业主。\t遵照公开、公平、公正、科学、择优的市场化原则配置资源，综合考虑资源开发对产业发展、乡村振兴的带动作用，确定项目业主。"
Q525 = "2. 推动开工建设。\t项目业主按照“装机 10 万千瓦以上项目开工 8 个月内具备投产条件”的建设时限要求，制定项目开工建设计划。"
Q584 = "3 市抗震救灾指挥部成员单位：市委网信办、市发展改革委、市工业和信息化局、市教育体育局、市科技局、市能源局、市林草局"
HOSTILE = [
    "<script>window.__xss=1</script>",
    "<img src=x onerror=\"window.__xss=1\">",
    "</script><script>window.__xss=1</script>",
    "javascript:window.__xss=1",
    "<svg onload=window.__xss=1>",
    "\" onmouseover=\"window.__xss=1",
]


def _src(line: int, quote: str, extractor: str = "responsibilities") -> list[Source]:
    return [Source(FILE, line, line, quote, extractor)]


def small_model() -> GraphModel:
    m = GraphModel()

    def node(kind: str, key: str, label: str, name: str, props=None, prov=None) -> str:
        m.nodes[ID + f"{kind}/{key}"] = Node(ID + f"{kind}/{key}", label, name, props or {}, prov or [])
        return ID + f"{kind}/{key}"

    doc = node("document", "d29", "Document", "曲政办发〔2022〕29号", {
        "id_local": "曲政办发〔2022〕29号", "title": "曲靖市人民政府办公室关于印发曲靖市2022年光伏发电建设实施方案的通知",
        "date_document": "2022-04-20", "type_document": "通知"})
    energy = node("agency", "energy", "Agency", "曲靖市能源局",
                  {"agencyType": "department", "shortName": "市能源局", "alias": ["市能源局", "曲靖市能源局"]})
    ndrc = node("agency", "ndrc", "Agency", "曲靖市发展和改革委员会",
                {"agencyType": "department", "shortName": "市发展改革委", "alias": ["市发展改革委", "市发改委", "曲靖市发展改革委"]})
    counties = node("agency", "counties", "Agency", "有关县（市、区）人民政府", {"agencyType": "group"})
    gong = node("person", "gong", "Person", "龚加武")
    chen = node("person", "chen", "Person", "陈志")
    t440 = node("task", "t440", "Task", "健全协调联动机制", {"taskText": Q440}, _src(440, Q440))
    t517 = node("task", "t517", "Task", "确定项目业主", {"taskText": Q517, "deadlineText": "2022年5月31日前", "dueBy": "2022-05-31"}, _src(517, Q517))
    t525 = node("task", "t525", "Task", "推动开工建设", {"taskText": Q525, "deadlineText": "2022年6月—12月", "dueBy": "2022-12-31"}, _src(525, Q525))
    quake = node("agency", "quake", "Agency", "曲靖市抗震救灾指挥部",
                 {"agencyType": "leading_group", "shortName": "市抗震救灾指挥部", "alias": ["市抗震救灾指挥部"]})
    xuanwei = node("division", "xuanwei", "Division", "宣威市")
    event = node("event", "e1", "Event", "2022-03-24 曲靖市“珠源大讲堂”第二讲活动",
                 {"startDate": "2022-03-24", "eventKind": "training", "topic": "曲靖市“珠源大讲堂”第二讲活动"},
                 [Source("data/gazettes/qujing/001_aec869a62786b268.txt", 1492, 1492,
                         "市委副书记、市长李先祥，副市长刘本芳、普利锋参加曲靖市“珠源大讲堂”第二讲活动。", "chronicle")])
    edges = [
        ("a1", "LEADS", energy, t440, {"role": "lead", "cue": "由…牵头"}, _src(440, "市能源局")),
        ("a2", "LEADS", energy, t517, {"role": "lead", "cue": "牵头单位"}, _src(517, "市能源局")),
        ("a3", "LEADS", energy, t525, {"role": "lead", "cue": "牵头单位"}, _src(525, "市能源局")),
        ("a4", "COOPERATES_ON", ndrc, t517, {"role": "cooperate", "cue": "责任单位"}, _src(517, "市发展改革委")),
        ("a5", "COOPERATES_ON", counties, t517, {"role": "cooperate"}, _src(517, "有关县（市、区）人民政府")),
        ("a6", "COOPERATES_ON", counties, t525, {"role": "cooperate"}, _src(525, "有关县（市、区）人民政府")),
        ("a7", "OVERSEES", gong, t517, {"role": "leader"}, _src(517, "龚加武")),
        ("a8", "OVERSEES", gong, t525, {"role": "leader"}, _src(525, "龚加武")),
        ("a9", "OVERSEES", chen, t525, {"role": "leader"}, _src(525, "陈志")),
        ("p1", "PARTICIPATED_IN", chen, event, {"participantRole": "participant", "verb": "参加"}, m.nodes[event].provenance),
        ("i1", "IS_PART_OF", t440, doc, {}, []), ("i2", "IS_PART_OF", t517, doc, {}, []), ("i3", "IS_PART_OF", t525, doc, {}, []),
        ("l1", "LOCATION", event, xuanwei, {}, []),
        ("g1", "MEMBER_OF", energy, quake, {"roleLabel": "成员单位", "memberKind": "unit"}, _src(584, Q584, "groups")),
        ("g2", "MEMBER_OF", ndrc, quake, {"roleLabel": "成员单位", "memberKind": "unit"}, _src(584, Q584, "groups")),
    ]
    for key, typ, s, t, props, prov in edges:
        m.edges.append(Edge(ID + f"fact/{key}", typ, s, t, props, list(prov)))
    return m


def hostile_model() -> GraphModel:
    """The small model with markup in every name, alias, title, quote and property."""
    m = small_model()
    for i, n in enumerate(m.nodes.values()):
        bad = HOSTILE[i % len(HOSTILE)]
        n.name = bad + n.name
        n.props = {k: ([bad + str(x) for x in v] if isinstance(v, list) else bad + str(v)) for k, v in n.props.items()}
        n.props["note" + HOSTILE[(i + 1) % len(HOSTILE)]] = bad
        n.provenance = [Source(s.file, s.line_start, s.line_end, bad + s.quote, s.extractor) for s in n.provenance]
    for i, e in enumerate(m.edges):
        bad = HOSTILE[i % len(HOSTILE)]
        e.props = {k: bad + str(v) for k, v in e.props.items()}
        e.provenance = [Source(bad + s.file, s.line_start, s.line_end, bad + s.quote, s.extractor) for s in e.provenance]
    return m


def write_graph(model: GraphModel, folder: Path) -> Path:
    """A graph folder as `kg build` leaves it, as far as the site reads one."""
    return graphs.write_graph(model, folder, files=[FILE])
