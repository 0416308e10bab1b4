"""A small graph model shaped like a build of the sample corpus (labels, edge types, property
names and provenance as kg.model writes them), for exercising the selection and the formats
without a build. The values are those of the sample gazettes: 曲政办发〔2022〕29号, line 440 of
001_aec869a62786b268.txt, assigns 市能源局 the lead on the photovoltaic coordination task."""

from __future__ import annotations

from kg.model import Edge, GraphModel, Node, Source

F = "data/gazettes/qujing/001_aec869a62786b268.txt"
ID = "https://w3id.org/cn-gazette-kg/id/"

ISSUE, DOC, OTHER_DOC = ID + "issue/1", ID + "document/29", ID + "document/18"
TASK, OTHER_TASK = ID + "task/a", ID + "task/b"
ENERGY, NDRC, GROUP, HUIZE, HUIZE_GOV = ID + "agency/energy", ID + "agency/ndrc", ID + "agency/group", ID + "division/huize", ID + "agency/huize"
PERSON, EVENT, POST = ID + "person/p", ID + "event/e", ID + "post/p"
LEAD = ID + "assignment/lead"


def src(line: int, quote: str, extractor: str = "responsibilities") -> Source:
    return Source(F, line, line, quote, extractor)


def toy() -> GraphModel:
    nodes = [
        Node(ISSUE, "Issue", "曲靖市人民政府公报 2022.4", {"period": "2022.4", "source": F}, [src(3, "曲靖市人民政府 公报", "segment")]),
        Node(OTHER_DOC, "Document", "曲靖市人民政府关于印发2022年政府工作报告重点工作任务分解的通知",
             {"id_local": "曲政发〔2022〕18号", "date_document": "2022-03-01"}, [src(60, "曲政发〔2022〕18号", "segment")]),
        Node(DOC, "Document", "曲靖市人民政府办公室关于印发曲靖市2022年光伏发电建设实施方案的通知",
             {"id_local": "曲政办发〔2022〕29号", "date_document": "2022-04-20"}, [src(386, "曲政办发〔2022〕29 号", "segment")]),
        Node(TASK, "Task", "（二）健全协调联动机制。", {"taskText": "（二）健全协调联动机制。", "sectionPath": "三/（二）"}, [src(440, "（二）健全协调联动机制。")]),
        Node(OTHER_TASK, "Task", "（十六）提升电力保障能力。", {"taskText": "（十六）提升电力保障能力。"}, [src(138, "（十六）提升电力保障能力。")]),
        Node(ENERGY, "Agency", "曲靖市能源局", {"agencyType": "department", "alias": ["市能源局", "曲靖市能源局"], "shortName": "市能源局"}),
        Node(NDRC, "Agency", "曲靖市发展和改革委员会", {"agencyType": "department", "alias": ["市发展改革委"], "shortName": "市发展改革委"}),
        Node(GROUP, "Agency", "曲靖市光伏发电建设工作领导小组", {"agencyType": "group"}),
        Node(HUIZE, "Division", "会泽县", {}),
        Node(HUIZE_GOV, "Agency", "会泽县人民政府", {"agencyType": "government"}),
        Node(PERSON, "Person", "李石松", {}),
        Node(POST, "Post", "市长", {}),
        Node(ID + "part/chronicle", "DocumentPart", "大事记", {"partKind": "chronicle"}, [src(880, "大事记", "segment")]),
        Node(EVENT, "Event", "市政府常务会议", {"startDate": "2021-12-03", "eventKind": "standing_meeting"}, [src(900, "12月3日 李石松主持召开市政府常务会议", "chronicle")]),
    ]
    edges = [
        Edge(LEAD, "LEADS", ENERGY, TASK, {"role": "lead", "cue": "由…牵头", "mention": "市能源局", "grammar": "prose"}, [src(440, "市能源局")]),
        Edge(ID + "assignment/coop", "COOPERATES_ON", NDRC, TASK, {"role": "cooperate", "cue": "配合单位", "mention": "市发展改革委"}, [src(441, "市发展改革委")]),
        Edge(ID + "assignment/lead18", "LEADS", ENERGY, OTHER_TASK, {"role": "lead", "cue": "牵头单位", "mention": "市能源局"}, [src(138, "市能源局")]),
        Edge(f"{TASK} IS_PART_OF {DOC}", "IS_PART_OF", TASK, DOC),
        Edge(f"{OTHER_TASK} IS_PART_OF {OTHER_DOC}", "IS_PART_OF", OTHER_TASK, OTHER_DOC),
        Edge(f"{DOC} IS_PART_OF {ISSUE}", "IS_PART_OF", DOC, ISSUE),
        Edge(f"{OTHER_DOC} IS_PART_OF {ISSUE}", "IS_PART_OF", OTHER_DOC, ISSUE),
        Edge(ID + "groupmembership/1", "MEMBER_OF", ENERGY, GROUP, {"roleLabel": "成员", "memberKind": "agency"}, [src(450, "市能源局")]),
        Edge(ID + "groupmembership/2", "MEMBER_OF", NDRC, GROUP, {"roleLabel": "成员", "memberKind": "agency"}, [src(451, "市发展改革委")]),
        Edge(ID + "assignment/huize", "COOPERATES_ON", HUIZE_GOV, TASK, {"role": "cooperate", "cue": "配合单位", "mention": "会泽县人民政府"}, [src(442, "会泽县人民政府")]),
        Edge(ID + "participation/1", "PARTICIPATED_IN", PERSON, EVENT, {"participantRole": "chair", "verb": "主持"}, [src(900, "李石松主持")]),
        Edge(ID + "occupancy/1", "HOLDS", PERSON, POST, {"firstSeen": "2021-12-03", "lastSeen": "2022-03-30", "seenIn": "chronicle"}, [src(900, "市长李石松")]),
        Edge(f"{EVENT} REPORTED_IN {ISSUE}", "REPORTED_IN", EVENT, ISSUE),
    ]
    return GraphModel({n.id: n for n in nodes}, edges, {"date_document": "date", "startDate": "date", "firstSeen": "date", "lastSeen": "date",
                                                        "alias": "list[string]"})
