"""A synthetic corpus: the sample issues scaled to N× with varied names, people, dates and numbers.

Copy i of an issue is the real text with deterministic substitutions, so that
resolution and the stores see growth like a real decade of a province (new
agencies, new people, new years, new document numbers), not the same facts again:
- the city's name becomes one of a list of cities (曲靖 → 昭通 …), so its agencies
  are new bodies; copy 0 keeps 曲靖;
- every known leader's name becomes another name made from surnames and given names;
- years shift back by i // len(CITIES) (an issue of 2022 becomes 2019 …), the issue's period
  (2021.12) too, so two copies of one city are two issues, not one read twice;
- document sequence numbers grow by 800 per city (〔2022〕29号 → 〔2021〕1629号 in copy 14, also as
  printed with a space, 〔2022〕29 号), so they stay within the four digits a 文号 has: with more, no
  文号 is read and the copy has no documents; the city's own series take its first character
  (曲政办发 → 昭政办发, as 昭通 numbers its documents), so no copy reuses another's number.

Run: python benchmarks/synthetic.py 10 OUT_DIR
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "gazettes" / "qujing"
CITIES = ["曲靖", "昭通", "玉溪", "楚雄", "红河", "文山", "普洱", "保山", "丽江", "临沧", "大理", "德宏"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国华平明文军志伟强红丽勇杰涛斌超鹏宇浩云峰刚毅俊海燕霞玲芳娟秀英兰"


def leaders() -> list[str]:
    data = yaml.safe_load((ROOT / "data" / "cities" / "qujing" / "people.yaml").read_text("utf-8")) or {}
    names = [p["name"] for p in data.get("leaders", [])]
    names += [v for p in data.get("leaders", []) for v in p.get("variants", [])]
    return sorted(set(names), key=len, reverse=True)


def person(k: int, i: int) -> str:
    n = k * 7919 + i * 104729
    return SURNAMES[n % len(SURNAMES)] + GIVEN[(n // 7) % len(GIVEN)] + GIVEN[(n // 131) % len(GIVEN)]


def variant(text: str, i: int, people: list[str]) -> str:
    if i == 0:
        return text
    city = CITIES[i % len(CITIES)]
    shift = i // len(CITIES)
    text = text.replace("曲靖", city)
    names = {name: person(k, i) for k, name in enumerate(people)}
    text = re.sub("|".join(map(re.escape, names)), lambda m: names[m.group(0)], text)
    text = re.sub(r"曲(?=[政委发][\u4e00-\u9fff]{0,5}(?:〔\d{4}〕|$))", city[0], text, flags=re.M)  # 曲政办发〔…, a 曲政发 heading
    step = 800 * (i % len(CITIES))
    text = re.sub(r"〔(\d{4})〕(\s*)(\d+)(\s*)号", lambda m: f"〔{int(m.group(1)) - shift}〕{m.group(2)}{int(m.group(3)) + step}{m.group(4)}号", text)
    text = re.sub(r"(?<![\d.])(20\d\d)(\.\d{1,2})(?![\d.])", lambda m: f"{int(m.group(1)) - shift}{m.group(2)}", text)  # the period, 2021.12
    return re.sub(r"(20\d\d)(\s*年)", lambda m: f"{int(m.group(1)) - shift}{m.group(2)}", text)


def make_corpus(scale: int, out: Path) -> list[Path]:
    """Write scale × the sample issues into `out` (reused if already there); return the files."""
    out.mkdir(parents=True, exist_ok=True)
    people = leaders()
    files = []
    for i in range(scale):
        for src in sorted(SAMPLE.glob("*.txt")):
            target = out / f"{i:04d}_{src.name}"
            if not target.is_file():
                target.write_text(variant(src.read_text("utf-8"), i, people), "utf-8")
            files.append(target)
    return files


if __name__ == "__main__":
    made = make_corpus(int(sys.argv[1]), Path(sys.argv[2]))
    print(f"{len(made)} files, {sum(f.stat().st_size for f in made) / 1e6:.1f} MB in {sys.argv[2]}")
