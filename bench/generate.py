#!/usr/bin/env python3
"""A deterministic generator of fictional 政府信息公开工作年度报告 for benchmarks and tests.

Stdlib only, no network. The same ``--seed`` (and options) always writes the same bytes.

Each report is built from the structure of the clean example reports (examples/clean-2021.md,
tests/fixtures/reports/clean-2020.md): the title, the four-paragraph preamble, parts 一 to 六,
the tables of parts 二, 三 and 四 in the 2019 format (2019 and 2020 reports) or the 2021 format
(2021 on). The tables are filled from one set of numbers per report and are arithmetically
valid (勾稽关系); the figures the text states (收到申请N件, 结转下年度继续办理N件, 行政复议N件,
制发规范性文件N件 …) are the table's.

Shapes:

* ``md``        Markdown, pipe tables (like examples/clean-2021.md);
* ``txt-tabs``  a Word/PDF text export, one table row per line, cells separated by tabs;
* ``txt-cells`` a Word text export of complex tables: one cell per line, each line starting
  with a tab, rows separated by blank lines (like shared/corpus/kangyi-2021.txt).

Agencies are fictional townships (镇), townships (乡) and sub-districts (街道) whose names are
composed from syllables; some appear for several consecutive years (their 上年结转 equals the
previous report's 结转下年度继续办理, so ``carry-over`` stays quiet). Every paragraph is composed
from pools of clauses with independent random choices, so two independently generated reports
do not share paragraphs (``duplicate-content`` stays quiet). ``--copies K`` adds K reports that
copy another report's text with only the agency's name (or the year) and the numbers changed:
those are what ``duplicate-content`` must find.

Defects (``--defects RATE``: the share of reports that get one or two):

* ``placeholder``   具体网址 for the web site (→ GIA502, GIA401) or XX in a sentence (→ GIA502)
* ``stale-year``    the statistics period copied from last year         → GIA301
* ``missing-part``  part 五 left out                                     → GIA101
* ``broken-cell``   one cell of a table 三 row left out                  → GIA201, GIA204 (GIA204 only
                    in the one-cell-per-line shape, whose rows unbalanced-table does not count)
* ``doubled-punct`` a doubled comma (，，) in part 一                   → GIA503
* ``wrong-total``   a 总计 of table 三 off by one                         → GIA203

``--scale F`` makes every report about F times as long by adding narrative paragraphs to part
一's (三), (四) and (五) (the tables stay as they are): ``--scale 50`` gives the 50× long reports.

A ``manifest.json`` in the output folder lists every file with its agency, year, format, shape,
scale, planted defects, the rule codes they must produce, and the report it copies.

Usage::

    python bench/generate.py --count 200 --out /tmp/corpus [--seed 1] [--copies 10] [--scale 50]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

# --------------------------------------------------------------------------- names

# Syllables for place names, with their pinyin (for web sites and e-mail addresses). No
# character that is itself an administrative unit (镇 乡 县 区 市 村 街 道 旗 州 省 社).
SYLLABLES = [
    ("青", "qing"), ("石", "shi"), ("红", "hong"), ("岭", "ling"), ("白", "bai"), ("沙", "sha"),
    ("柳", "liu"), ("溪", "xi"), ("松", "song"), ("林", "lin"), ("桃", "tao"), ("源", "yuan"),
    ("金", "jin"), ("山", "shan"), ("云", "yun"), ("台", "tai"), ("龙", "long"), ("泉", "quan"),
    ("凤", "feng"), ("梅", "mei"), ("花", "hua"), ("竹", "zhu"), ("园", "yuan"), ("新", "xin"),
    ("安", "an"), ("平", "ping"), ("和", "he"), ("长", "chang"), ("乐", "le"), ("永", "yong"),
    ("丰", "feng"), ("清", "qing"), ("河", "he"), ("东", "dong"), ("西", "xi"), ("南", "nan"),
    ("北", "bei"), ("高", "gao"), ("桥", "qiao"), ("马", "ma"), ("鞍", "an"), ("牛", "niu"),
    ("杨", "yang"), ("李", "li"), ("黄", "huang"), ("田", "tian"), ("水", "shui"), ("湖", "hu"),
    ("塘", "tang"), ("坪", "ping"), ("坝", "ba"), ("江", "jiang"), ("大", "da"), ("兴", "xing"),
    ("隆", "long"), ("富", "fu"), ("宝", "bao"), ("华", "hua"), ("阳", "yang"), ("明", "ming"),
    ("光", "guang"), ("盛", "sheng"), ("福", "fu"), ("寿", "shou"), ("泰", "tai"), ("康", "kang"),
    ("宁", "ning"), ("瑞", "rui"), ("祥", "xiang"), ("嘉", "jia"), ("鹤", "he"), ("鸣", "ming"),
    ("雁", "yan"), ("峰", "feng"), ("岩", "yan"), ("峪", "yu"), ("坡", "po"), ("湾", "wan"),
    ("洲", "zhou"), ("滩", "tan"), ("潭", "tan"), ("桂", "gui"), ("枫", "feng"), ("杉", "shan"),
    ("茶", "cha"), ("禾", "he"), ("谷", "gu"), ("仓", "cang"), ("井", "jing"), ("堡", "bao"),
    ("营", "ying"), ("关", "guan"), ("寨", "zhai"), ("铺", "pu"), ("店", "dian"), ("集", "ji"),
    ("庄", "zhuang"), ("屯", "tun"), ("坊", "fang"), ("埠", "bu"), ("渡", "du"), ("浦", "pu"),
    ("港", "gang"), ("津", "jin"), ("芦", "lu"), ("苇", "wei"), ("莲", "lian"), ("荷", "he"),
    ("橙", "cheng"), ("柏", "bai"), ("槐", "huai"), ("榆", "yu"), ("桑", "sang"), ("梨", "li"),
]
STREETS = ["人民路", "建设街", "解放路", "新华街", "滨江路", "中山路", "文化路", "朝阳街", "振兴路",
           "团结路", "胜利街", "和平路", "府前街", "迎宾大道", "站前路", "育才路", "长安街", "光明路"]


@dataclass(frozen=True)
class Agency:
    name: str  # 青石镇人民政府 / 青石街道办事处
    short: str  # 青石镇 / 青石街道
    kind: str  # 镇 | 乡 | 街道
    pinyin: str
    county: str  # 青溪县 / 青溪区
    county_pinyin: str
    office: str
    street: str
    number: int
    zip: str
    phone: str
    email: str

    @property
    def self_ref(self) -> str:  # 我镇 / 我乡 / 我街道
        return "我" + self.kind

    @property
    def cty(self) -> str:  # 县 / 区
        return self.county[-1]

    @property
    def head(self) -> str:
        return {"镇": "镇长", "乡": "乡长", "街道": "街道办事处主任"}[self.kind]

    @property
    def org(self) -> str:  # 镇政府 / 乡政府 / 街道办事处
        return {"镇": "镇政府", "乡": "乡政府", "街道": "街道办事处"}[self.kind]


def make_agency(rng: random.Random, first: tuple[str, str], second: tuple[str, str]) -> Agency:
    kind = rng.choices(["镇", "乡", "街道"], weights=[6, 3, 2])[0]
    base = first[0] + second[0]
    pinyin = first[1] + second[1]
    c1, c2 = rng.sample(SYLLABLES, 2)
    county = c1[0] + c2[0] + ("区" if kind == "街道" else "县")
    county_pinyin = c1[1] + c2[1]
    if kind == "街道":
        name, short = f"{base}街道办事处", f"{base}街道"
        office = rng.choice(["党政办公室", "党工委办公室", "综合办公室", "党政综合办公室"])
    else:
        name, short = f"{base}{kind}人民政府", f"{base}{kind}"
        office = rng.choice(["党政办公室", "党政综合办公室", "综合办公室", "党政办"])
    initials = "".join(s[0] for s in (first[1], second[1]))
    suffix = {"镇": "z", "乡": "x", "街道": "jd"}[kind]
    email = f"{initials}{suffix}{rng.choice(['zwgk', 'zfb', 'dzb', 'xxgk', 'gov'])}@{county_pinyin}.gov.cn"
    phone = f"0{rng.randint(350, 999)}-{rng.randint(2, 8)}{rng.randint(100000, 999999)}"
    return Agency(
        name, short, kind, pinyin, county, county_pinyin, office, rng.choice(STREETS),
        rng.randint(1, 99), f"{rng.randint(10, 85)}{rng.randint(1, 9)}{rng.randint(0, 9)}00", phone, email,
    )


# --------------------------------------------------------------------------- numbers

COLUMNS = ["natural", "business", "research", "welfare", "legal", "other"]
COLUMN_ZH = {"natural": "自然人", "business": "商业企业", "research": "科研机构", "welfare": "社会公益组织",
             "legal": "法律服务机构", "other": "其他"}
RESULTS_2021 = [
    "disclosed", "partial",
    "withheld-secret", "withheld-prohibited", "withheld-security", "withheld-third-party",
    "withheld-internal", "withheld-process", "withheld-enforcement", "withheld-query",
    "unavailable-not-held", "unavailable-to-be-made", "unavailable-unclear",
    "not-processed-complaint", "not-processed-repeated", "not-processed-publication",
    "not-processed-mass", "not-processed-confirm",
    "other-handling-no-correction", "other-handling-unpaid", "other-handling-other",
]
RESULTS_2019 = RESULTS_2021[:18] + ["other-handling"]
RESULT_WEIGHTS = {
    "disclosed": 40, "partial": 8, "withheld-third-party": 3, "withheld-process": 3, "withheld-internal": 2,
    "unavailable-not-held": 14, "unavailable-to-be-made": 4, "unavailable-unclear": 2,
    "not-processed-complaint": 4, "not-processed-repeated": 2, "other-handling-no-correction": 2,
    "other-handling-other": 2, "other-handling": 3,
}
REVIEW_KEYS = ["upheld", "corrected", "other", "pending"]


@dataclass
class Numbers:
    year: int
    # part 二
    made: int = 0
    repealed: int = 0
    in_force: int = 0
    published: int = 0  # 2019
    licensing: int = 0
    other_services: int = 0  # 2019
    penalty: int = 0
    coercion: int = 0
    fee: float = 0.0  # 2021, 万元
    prev: dict[str, tuple[int, int]] = field(default_factory=dict)  # 2019: 上一年项目数量, 本年增/减
    projects: int = 0  # 2019 procurement
    procurement: float = 0.0
    # part 三: row -> column -> count
    table3: dict[str, dict[str, int]] = field(default_factory=dict)
    # part 四
    review: dict[str, int] = field(default_factory=dict)
    direct: dict[str, int] = field(default_factory=dict)
    after: dict[str, int] = field(default_factory=dict)
    # text-only figures
    published_items: int = 0
    pushes: int = 0
    villages: int = 0
    trainings: int = 0
    trainees: int = 0
    opinions: int = 0
    proposals: tuple[int, int] = (0, 0)

    @property
    def new(self) -> int:
        return self.table3["new"]["total"]

    @property
    def carried(self) -> int:
        return self.table3["carried"]["total"]

    @property
    def next_year(self) -> int:
        return self.table3["next-year"]["total"]

    @property
    def handled(self) -> int:
        return self.table3["total"]["total"]


def format_of(year: int) -> str:
    return "gov-2019" if year <= 2020 else "gov-2021"


def make_numbers(rng: random.Random, year: int, carried: dict[str, int] | None = None) -> Numbers:
    n = Numbers(year)
    n.made = rng.choice([0, 0, 1, 1, 2, 3])
    n.repealed = rng.choice([0, 0, 0, 1, 2])
    n.in_force = n.made + rng.randint(0, 8)
    n.published = n.made
    n.licensing = rng.randint(0, 30)
    n.other_services = rng.randint(0, 15)
    n.penalty = rng.randint(0, 20)
    n.coercion = rng.choice([0, 0, 0, 0, 1, 2])
    n.fee = rng.choice([0.0, 0.0, round(rng.uniform(0.1, 6.0), 2)])
    for key in ("licensing", "other_services", "penalty", "coercion", "fees"):
        previous = rng.randint(0, 8)
        n.prev[key] = (previous, rng.randint(-min(previous, 2), 2))
    n.projects = rng.choice([0, 0, 1, 2, 3])
    n.procurement = round(rng.uniform(1.0, 40.0), 1) if n.projects else 0.0
    results = RESULTS_2019 if format_of(year) == "gov-2019" else RESULTS_2021
    weights = [RESULT_WEIGHTS.get(r, 0.3) for r in results]
    rows: dict[str, dict[str, int]] = {r: {} for r in ["new", "carried", *results, "total", "next-year"]}
    for column in COLUMNS:
        new = {
            "natural": rng.choices(range(0, 11), weights=[5, 6, 6, 5, 4, 3, 2, 2, 1, 1, 1])[0],
            "business": rng.choices([0, 1, 2], weights=[6, 3, 1])[0],
            "research": rng.choices([0, 1], weights=[19, 1])[0],
            "welfare": rng.choices([0, 1], weights=[19, 1])[0],
            "legal": rng.choices([0, 1], weights=[8, 1])[0],
            "other": rng.choices([0, 1], weights=[8, 1])[0],
        }[column]
        if carried is not None:
            prior = carried.get(column, 0)
        else:
            prior = 1 if column in ("natural", "business") and rng.random() < 0.12 else 0
        pending = min(new + prior, 1) if rng.random() < 0.15 else 0
        handled = new + prior - pending
        counts = dict.fromkeys(results, 0)
        for _ in range(handled):
            counts[rng.choices(results, weights=weights)[0]] += 1
        rows["new"][column] = new
        rows["carried"][column] = prior
        for r in results:
            rows[r][column] = counts[r]
        rows["total"][column] = handled
        rows["next-year"][column] = pending
    for row in rows.values():
        row["total"] = sum(row[c] for c in COLUMNS)
    n.table3 = rows
    for block, chance in ((n.review, 0.2), (n.direct, 0.05), (n.after, 0.03)):
        for key in REVIEW_KEYS:
            block[key] = 0
        if rng.random() < chance:
            block[rng.choices(REVIEW_KEYS, weights=[6, 2, 1, 2])[0]] += 1
        block["total"] = sum(block[k] for k in REVIEW_KEYS)
    n.published_items = 0  # set by the text (sum of its breakdown)
    n.pushes = rng.randint(20, 260)
    n.villages = rng.randint(5, 28)
    n.trainings = rng.randint(1, 6)
    n.trainees = n.trainings * rng.randint(15, 45)
    n.opinions = rng.randint(0, 15)
    n.proposals = (rng.randint(0, 4), rng.randint(0, 3))
    return n


# --------------------------------------------------------------------------- text pools
#
# A sentence is a list of slots; each slot is a list of alternatives; the chosen alternatives are
# concatenated. {short} {self} {y} {cty} {office} {org} {head} {county} are filled in afterwards.


def pick(rng: random.Random, slots: list[list[str]]) -> str:
    return "".join(rng.choice(slot) for slot in slots)


TOPICS = [
    "乡村振兴", "民生保障", "安全生产", "人居环境整治", "农村集体资产管理", "惠农补贴发放", "防汛救灾",
    "义务教育", "基本医疗保险", "养老服务", "就业创业", "耕地保护", "河湖管护", "森林防火", "产业发展",
    "社会救助", "农村危房改造", "生态环境保护", "集镇建设", "道路交通", "农田水利", "殡葬改革",
    "退役军人服务", "村级财务", "重大项目建设", "征地拆迁", "营商环境", "食品药品安全", "文化惠民",
    "残疾人帮扶", "城乡低保", "公共卫生", "疫情防控", "粮食生产", "土地流转", "农村供水", "校园安全",
    "燃气安全", "禁毒宣传", "平安建设", "移风易俗", "妇女儿童权益保护", "消防安全", "地质灾害防治",
]

# Facilities and projects a report names ("青松小学", "白岩水库"): two syllables and a kind. None of
# the kinds ends in an administrative unit, so duplicate-content's normalisation keeps them.
ENTITY_KINDS = [
    "小学", "中学", "幼儿园", "卫生院", "敬老院", "文化广场", "水库", "大桥", "产业园", "养殖基地", "茶园",
    "安置点", "灌渠", "农贸中心", "公路", "文化站", "便民服务站", "党群服务中心", "粮站", "果园", "污水处理站",
    "体育公园", "农机合作社", "蔬菜基地", "光伏电站", "停车场", "老年活动中心", "卫生室", "供水站", "物流园",
]

# Openers put before some sentences of a paragraph (never before the first).
OPENERS = [
    "同时，", "此外，", "另外，", "在此基础上，", "与此同时，", "结合工作实际，", "为提升公开实效，", "为确保工作落实，",
    "按照有关要求，", "根据工作需要，", "围绕年度目标，", "立足基层实际，", "从年初开始，", "在日常工作中，",
    "对标上级要求，", "针对群众需求，", "为方便群众知晓，", "在具体工作中，", "为夯实工作基础，", "按照职责分工，",
    "为提高工作质量，", "坚持问题导向，", "注重常态长效，", "进一步，",
]

# Specifics appended to some sentences (before the full stop): real reports name their own
# facilities, projects and fields, which is what keeps two townships' paragraphs apart.
DETAILS = [
    "，在{e}等点位率先落实", "，{t1}和{t2}领域的信息优先落实", "，并以{e}为示范点逐步推开", "，相关做法已在{e}推广",
    "，重点覆盖{t1}、{t2}等事项", "，{e}周边群众反映较好", "，{t1}方面的信息尤为受到关注", "，涉及{e}的事项单独列明",
    "，其中{t1}类信息占比较大", "，{e}相关信息同步更新", "，并结合{t1}工作一体推进", "，先后在{e}、{e2}开展试点",
    "，{e}和{e2}的相关事项一并纳入", "，{t1}、{t2}两类事项作为重点", "，覆盖{e}等重点区域", "，在{e}召开了现场推进会",
    "，{t1}相关事项全部纳入", "，由{e}负责人牵头落实",
]

INTRO = [
    ["在{cty}委、{cty}政府的领导下", "按照{cty}政府关于政务公开工作的统一部署", "在{cty}政务公开办公室的指导下",
     "认真对照《条例》各项规定", "紧扣{cty}里印发的年度政务公开工作要点", "结合本地实际", "在上级业务部门的指导下",
     "按照“五公开”的工作要求", "立足基层政务公开标准化规范化建设", "以贯彻落实《条例》为主线", "在党委的统一领导下",
     "聚焦群众所需所盼"],
    ["，"],
    ["坚持以公开为常态、不公开为例外", "坚持公正、公平、合法、便民的原则", "把政府信息公开作为转变职能的重要抓手",
     "以群众需求为导向", "坚持依法公开、真实公正、注重实效", "坚持公开与保密相统一", "坚持问题导向和需求导向",
     "把政务公开贯穿行政权力运行全过程", "坚持应公开尽公开", "注重公开质量和实效", "坚持公开透明、便民高效",
     "坚持把公开作为履职的基本要求"],
    ["，"],
]
INTRO_FOCUS = [
    ["围绕{t}等群众关注的工作推进政府信息公开", "聚焦{t}等重点领域深化信息公开", "把{t}等工作作为公开重点",
     "突出{t}等领域的信息发布", "着力做好{t}等方面的信息公开", "重点公开{t}等方面的政策和办理结果",
     "在{t}等领域持续加大公开力度", "以{t}等工作为重点推进决策和执行公开"],
]
INTRO_OUTCOME = [
    ["，"],
    ["全年政府信息公开工作总体平稳有序", "政府信息公开工作取得了新的进展", "群众的知情权、参与权和监督权得到有效保障",
     "公开的及时性和规范性进一步提高", "各项公开任务均按期完成", "政务公开工作水平稳步提升",
     "公开工作的制度化水平不断提高", "基层政务公开的覆盖面进一步扩大", "群众对公开工作的满意度有所提高",
     "信息发布的准确性和权威性明显增强", "公开工作的群众参与度明显提高", "政务公开对中心工作的促进作用进一步显现"],
    ["。"],
]
INTRO_EXTRA = [
    [["全年"], ["召开", "组织召开", "专题召开"], ["政务公开工作会议", "领导小组会议", "专题推进会", "工作调度会"],
     ["两次", "三次", "多次", "一次", "四次"], ["，"], ["研究部署公开重点任务", "研究解决工作中的具体问题", "听取各站所工作情况汇报",
                                              "对重点领域公开工作作出安排", "通报公开工作进展"], ["。"]],
    [["各"], ["站所", "中心", "站所和村（社区）", "职能部门", "工作专班"], ["按照职责分工", "在各自职责范围内"],
     ["认真做好", "及时报送", "主动提供", "认真整理"],
     ["本领域的公开信息", "各自领域的公开素材", "需公开的政策文件和办理结果", "应公开的工作信息"], ["，"],
     ["形成了上下联动、分工负责的工作格局", "做到了信息报送及时、内容准确", "保证了公开工作有序推进", "确保了公开信息来源可靠"], ["。"]],
    [["坚持把政务公开与"], ["中心工作", "重点工作", "为民服务", "基层治理"], ["同研究、同部署、同推进", "同谋划、同落实、同考核",
                                                                "结合起来统筹推进"],
     ["，"], ["做到公开内容全面、渠道畅通", "推动公开工作常态化", "确保公开工作落到实处", "以公开促落实、促规范、促服务"], ["。"]],
    [["{e}"], ["改扩建", "提升改造", "维修加固", "新建", "配套设施建设", "运营管理"], ["项目的"],
     ["立项批复、资金安排和建设进度", "招投标结果和施工进度", "资金使用和验收情况", "实施方案和建设进展", "补助标准和受益对象"],
     ["已在", "均在", "按规定在"], ["专栏", "公开栏", "政府网站专栏", "项目现场公示牌"], ["公开", "公示", "向社会公布"], ["。"]],
    [["针对"], ["{t1}", "{t2}"], ["中群众反映较多的问题", "工作中群众关心的事项", "相关政策的落实情况"], ["，"],
     ["及时发布工作进展", "主动公开处理结果", "通过多种渠道进行说明", "逐项公开办理情况"], ["。"]],
]

CATEGORIES = [
    "机构职能和领导分工信息", "工作动态", "财政预决算信息", "社会救助信息", "惠农补贴信息", "规划计划和工作总结",
    "公告公示", "人事信息", "重点项目信息", "应急管理信息", "政策解读", "行政执法信息", "安全生产信息",
    "公共服务事项", "乡村振兴项目信息", "民生实事进展", "招聘信息", "征地补偿信息", "通知公告", "会议信息",
    "生态环境信息", "教育卫生信息", "就业信息", "防灾减灾信息",
]

ACTIVE_EXTRA = [
    [["上述信息"], ["均同步在", "同时在", "全部在", "大部分在"], ["{short}便民服务中心公开栏", "各村（社区）公开栏", "政务服务大厅电子屏",
                                                       "{short}政府公开栏", "{e}公示栏"], ["张贴", "发布", "公示", "滚动播放"], ["。"]],
    [["对"], ["涉及群众切身利益的", "群众关注度高的", "涉农涉民生的", "社会关注的"], ["补贴发放、救助对象等信息", "项目建设、资金使用等信息",
                                                                         "政策文件和办理结果", "征地补偿、安置等信息"],
     ["坚持", "做到", "实行"], ["定期更新", "按月公开", "逐项公示", "全程公开"], ["，"],
     ["接受群众监督", "方便群众查询", "保障群众知情权", "做到公开透明"], ["。"]],
    [["围绕"], ["{t1}", "{t2}"], ["等工作"], ["及时发布", "集中公开", "主动公开", "专题公开"], ["政策措施和工作进展", "实施方案和办理结果",
                                                                                 "资金分配和使用情况", "任务清单和完成情况"], ["。"]],
    [["{e}"], ["建设项目", "改造项目", "运营补助"], ["的"], ["资金安排", "实施进度", "验收结果", "受益名单"], ["已"],
     ["在专栏公开", "在公开栏公示", "向社会公布"], ["，"], ["接受群众监督", "群众可随时查询", "公示期内未收到异议"], ["。"]],
]

MGMT = [
    [["严格执行", "认真落实", "坚持执行", "全面落实", "进一步完善"],
     ["政府信息公开前保密审查制度", "公开前审查机制", "“先审查、后公开”制度", "信息发布三级审核制度", "公开信息审核把关制度"],
     ["，"],
     ["拟公开信息须经经办人初审、站所负责人复审、分管领导终审后发布", "拟公开信息由经办站所起草、{office}审核、分管领导签发",
      "所有信息经分管领导审核后方可发布", "涉及个人信息的内容一律作去标识化处理后发布", "做到未经审查不发布"], ["。"]],
    [["对", "围绕"], ["现行有效的行政规范性文件", "本机关制发的文件", "历年政策文件", "已公开的政策文件"],
     ["开展清理", "进行梳理", "组织集中清理", "开展全面梳理"], ["，"],
     ["并在专栏集中公布文件目录", "及时更新政策文件库", "形成目录向社会公布", "对失效文件及时标注", "做到底数清、情况明"], ["。"]],
    [["建立", "完善", "健全", "规范"], ["依申请公开登记台账", "政府信息公开工作台账", "信息发布登记制度", "公开事项动态调整机制"],
     ["，"], ["对每件申请的受理、征求意见、答复和送达环节逐项记录", "做到件件有记录、事事可追溯", "每月对照台账核查一次",
             "确保公开内容准确完整", "及时掌握公开工作进度"], ["。"]],
    [["加强", "规范", "做好"], ["政策解读", "回应关切", "舆情处置", "政策宣传"], ["工作，"],
     ["做到政策文件与解读材料同步起草、同步审签、同步发布", "对群众关心的热点问题及时作出回应", "围绕惠民政策制作图解和问答",
      "邀请站所负责人解读重点政策", "通过入户走访宣讲惠民政策"], ["。"]],
    [["对照", "按照", "依据"], ["{cty}级政务公开标准目录", "基层政务公开标准指引", "上级统一的公开事项清单", "基层政务公开事项目录"],
     ["，"], ["逐项梳理公开事项", "细化公开内容、时限和责任人", "动态调整主动公开基本目录", "明确各类信息的公开方式"], ["。"]],
    [["全年", "本年度"], ["未发生", "没有出现"], ["泄密和侵犯个人隐私的情况", "因公开不当引发的舆情事件", "信息发布差错",
                                               "违规公开涉密信息的情况"], ["。"]],
    [["加强", "注重", "强化"], ["信息公开档案管理", "公开资料归档", "公开信息的留存备查"], ["，"],
     ["对已公开信息按年度分类归档", "做到公开一件、归档一件", "定期整理公开资料"], ["。"]],
    [["规范"], ["公文公开属性源头认定", "公开方式的确定", "信息发布流程"], ["，"],
     ["在拟文时即明确公开属性", "对不予公开的说明理由", "做到流程清晰、责任明确"], ["。"]],
    [["以"], ["{e}"], ["建设", "管理", "运营"], ["为例，"], ["从立项到验收", "从方案制定到资金拨付", "从招标到竣工"],
     ["各环节信息", "全过程信息", "主要节点信息"], ["均", "都"], ["按规定", "及时"], ["登记备案", "审核发布", "归档留存"], ["。"]],
    [["定期"], ["对专栏内容", "对已发布信息", "对公开目录"], ["开展", "组织"], ["自查", "交叉检查", "集中核查"], ["，"],
     ["发现问题及时更正", "对错链、空栏目及时整改", "确保信息准确有效"], ["。"]],
]

PLATFORM = [
    [["以"], ["{cty}政府门户网站{short}专栏", "{cty}人民政府网站{short}信息公开专栏", "{county}政府信息公开平台{short}栏目"],
     ["为第一平台", "为主要平台", "为主渠道"], ["，"],
     ["按照{cty}里统一的栏目目录调整设置了机构信息、政策文件、财政信息、重点领域等栏目",
      "及时更新机构职能、政策文件、财政资金等栏目内容", "对专栏栏目进行了梳理和规范", "确保专栏内容常态更新"], ["。"]],
    [["“{short}发布”"], ["微信公众号", "政务微博", "政务短视频账号"], ["全年推送政务信息{pushes}条"], ["，"],
     ["及时发布惠民政策和办事指南", "发布工作动态和通知公告", "及时回应群众关切"], ["。"]],
    [["{short}"], ["便民服务中心", "政务服务大厅", "政府一楼大厅"], ["设置政府信息查阅点", "配备信息查询电脑", "设立政务公开专区"],
     ["，"], ["方便群众就近查询", "安排专人提供查阅指导", "提供免费查阅服务", "为群众查阅政府信息提供便利"], ["。"]],
    [["{villages}个村（社区）"], ["统一更换了公开栏", "规范设置了公开栏", "按统一样式建设了公开栏"], ["，"],
     ["方便群众就近查看", "做到公开内容及时更新", "公开内容按季度更新"], ["。"]],
    [["发挥"], ["村级微信群", "村务监督委员会", "网格员", "驻村工作队"], ["作用，"], ["将惠民政策送到群众手中", "及时传递政策信息",
                                                                   "扩大公开信息的覆盖面"], ["。"]],
    [["在"], ["{e}"], ["新设", "增设", "更新"], ["电子显示屏", "政务公开栏", "政策查询终端", "公示展板"], ["，"],
     ["滚动发布惠民政策", "及时公示项目信息", "方便周边群众了解政策"], ["。"]],
    [["加强"], ["政务新媒体", "门户网站专栏", "公开栏"], ["日常管理，"], ["落实专人", "明确责任人"], ["负责", "开展"],
     ["内容审核和更新维护", "日常巡查和信息更新", "留言回复和信息发布"], ["，"], ["确保平台安全运行", "杜绝“僵尸”栏目",
                                                                         "确保信息发布规范有序"], ["。"]],
    [["依托"], ["{cty}政务服务网", "一体化政务服务平台", "12345热线"], ["，"], ["及时答复群众咨询", "推动办事指南公开",
                                                                      "公开办事流程和所需材料"], ["，"],
     ["提升服务效能", "让群众少跑腿", "方便企业和群众办事"], ["。"]],
]

SUPERVISION = [
    [["{org}"], ["成立", "调整充实了", "健全了"], ["以{head}为组长的政务公开工作领导小组"], ["，"],
     ["明确{office}具体负责政府信息公开日常工作", "由{office}承担日常工作", "形成主要领导亲自抓、分管领导具体抓的工作格局",
      "并配备专人负责信息发布"], ["。"]],
    [["将政府信息公开工作"], ["纳入对各站所和村（社区）的年度工作考核", "纳入年度目标责任考核", "列入干部年度述职内容"], ["，"],
     ["考核结果与评先评优挂钩", "定期通报工作开展情况", "对工作滞后的及时督促整改"], ["。"]],
    [["全年组织"], ["政务公开业务培训", "信息公开专题培训", "《条例》学习培训"], ["{trainings}次，参训人员{trainees}人次"], ["。"]],
    [["通过"], ["便民服务中心意见箱和网上评议", "邀请人大代表、政协委员和群众代表座谈", "在公开栏旁设置意见箱"],
     ["开展社会评议，共收集意见建议{opinions}条"], ["，"], ["均已办理回复", "均已按期答复", "已全部办结"], ["。"]],
    [["本年度"], ["未发生因政府信息公开工作引起的责任追究情况", "未发现需要追究责任的情形"], ["。"]],
    [["聘请"], ["群众代表", "村（社区）干部", "老党员", "退休教师"], ["担任", "作为"], ["政务公开监督员", "社会监督员"], ["，"],
     ["定期收集群众意见", "对公开内容进行监督", "及时反映公开工作中的问题"], ["。"]],
    [["{org}"], ["纪检", "监督"], ["部门"], ["对公开工作", "对重点领域公开情况", "对专栏更新情况"], ["开展", "进行"],
     ["专项检查", "不定期抽查", "督查"], ["，"], ["督促问题整改", "通报检查结果", "推动责任落实"], ["。"]],
    [["在"], ["{e}", "{short}便民服务中心"], ["开展", "组织"], ["政务公开群众满意度调查", "公开工作意见征集", "“开门纳谏”活动"],
     ["，"], ["听取群众对公开工作的意见", "了解群众的公开需求", "收集改进公开工作的建议"], ["。"]],
]

APPLY_EXTRA = [
    [["所有申请"], ["均在法定期限内答复", "均按规定时限办结", "均依法依规作出答复"], ["，"],
     ["未发生逾期答复的情况", "答复文书规范完整", "申请人对答复未提出异议"], ["。"]],
    [["对"], ["申请人提出的问题", "申请内容不明确的申请", "涉及第三方权益的申请"], ["坚持", "做到", "注重"],
     ["耐心解释说明", "及时与申请人沟通", "依法征求第三方意见"], ["，"], ["保障申请人的合法权益", "提高答复质量"], ["。"]],
    [["依申请公开工作"], ["坚持", "实行"], ["统一受理、分类办理", "专人负责、限时办结", "登记、办理、答复全程留痕"], ["。"]],
    [["申请内容"], ["主要涉及", "集中在", "多与"], ["{t1}", "{t2}"], ["和"], ["{t3}"], ["等方面", "等领域", "有关"], ["。"]],
    [["{office}"], ["负责", "统一"], ["依申请公开的受理、登记和答复"], ["，"], ["相关站所", "业务站所", "承办人员"],
     ["按职责提供信息", "配合做好办理", "及时反馈意见"], ["，"], ["办理流程规范", "答复及时准确", "没有出现推诿现象"], ["。"]],
    [["在"], ["{short}便民服务中心", "政务服务大厅", "{office}"], ["设置", "公布"], ["依申请公开受理点", "申请表格和办理指南",
                                                                       "受理电话和通信地址"],
     ["，"], ["方便群众提出申请", "为申请人提供便利"], ["。"]],
]

APPLY_NONE = [
    APPLY_EXTRA[2], APPLY_EXTRA[5],
    [["虽"], ["未收到申请", "全年无申请", "本年度没有申请"], ["，"], ["{office}", "{org}"], ["仍"],
     ["明确了专人负责受理", "更新了依申请公开办理指南", "完善了依申请公开答复文书模板", "组织学习了依申请公开的办理程序"], ["，"],
     ["做好随时受理的准备", "确保申请能够及时办理", "保障群众依法获取政府信息"], ["。"]],
    [["群众"], ["关心的", "咨询的", "反映的"], ["{t1}", "{t2}"], ["等问题"], ["多通过", "主要通过"],
     ["电话咨询", "现场咨询", "便民服务中心窗口"], ["解决", "得到答复"], ["，"], ["{self}"], ["均", "都"],
     ["当场解答", "及时答复", "耐心说明"], ["。"]],
    [["{short}"], ["在", "通过"], ["{e}", "便民服务中心", "政府网站专栏"], ["公布了", "张贴了", "发布了"],
     ["依申请公开指南", "申请渠道和受理方式", "受理机构和联系电话"], ["，"], ["方便群众依法申请", "引导群众依法申请"], ["。"]],
]

PROBLEMS = [
    "部分栏目信息更新不够及时", "政策解读形式较为单一", "村（社区）公开栏的内容规范性还不够",
    "依申请公开工作人员业务能力有待提升", "信息公开工作人员多为兼职、变动较频繁", "公开内容与群众需求的契合度还不够高",
    "部分站所对政务公开重视程度不够", "公开平台互动功能较弱", "个别信息发布前审查不够严格", "政策解读的针对性和可读性不强",
    "重点领域信息公开的深度不够", "政务新媒体运营能力不足", "公开栏信息更新存在滞后现象", "涉农补贴类信息公开不够细化",
    "公开信息的归档管理不够规范", "群众参与政务公开的渠道还不多", "主动公开目录编制不够精细", "回应群众关切不够及时",
    "部分公开信息要素不全", "公开工作的经费保障不足", "信息发布与群众实际需求结合不紧", "公开方式较为传统",
    "政策文件的配套解读不够及时", "村务公开与政务公开衔接不够",
]
ELABORATION = [
    "个别公开事项缺少办理时限、联系人等要素", "群众阅读不够方便", "信息发布存在滞后现象", "影响了公开效果",
    "与群众期待还有差距", "个别事项公开后未及时跟进", "办理周期偏长", "信息更新主要依靠少数人员",
    "公开内容以文件转发为主", "不能完全满足群众的需求", "群众知晓率不高", "业务衔接不够顺畅",
    "工作连续性受到影响", "公开的规范性有待加强", "信息查找不够便捷", "个别栏目长期未更新",
]
ISSUES = ["项目公示信息更新不及时", "公示内容不够完整", "补助资金公开不够细化", "公示期限不够规范", "公示牌信息陈旧",
          "进度信息未按月更新"]
MEASURES = [
    "制定村（社区）公开事项清单和公开栏样式", "组织依申请公开专题培训", "建立专栏信息更新台账", "增加图解、问答等解读形式",
    "严格落实信息发布审核制度", "完善政务新媒体管理制度", "加强信息公开工作人员队伍建设", "拓展公开渠道",
    "细化涉农补贴等重点信息的公开内容", "规范公开信息的归档管理", "把政务公开工作纳入年度考核", "定期开展公开工作自查",
    "编制主动公开基本目录", "落实政策文件与解读材料同步发布", "建立群众需求征集机制", "推动公开栏标准化建设",
    "加强与上级业务部门的沟通", "完善依申请公开办理流程", "开展政务公开进村入户活动", "加大经费和设备投入",
]
PURPOSES = [
    "每季度开展一次抽查", "提高解读的针对性和可读性", "杜绝发布差错", "提高信息发布的时效性", "保持人员相对稳定",
    "畅通群众参与和监督途径", "做到有据可查", "压实工作责任", "及时整改发现的问题", "确保公开内容准确完整",
    "提升群众的获得感", "推动公开工作规范化", "增强公开实效", "做到应公开尽公开",
]
RECTIFIED = ["上述问题已整改到位", "相关问题已基本完成整改", "整改工作已取得阶段性成效", "整改措施已全部落实",
             "整改情况已在专栏公开"]

FEE_2021 = [
    "本年度未收取信息处理费。",
    "{y}年，{self}未向政府信息公开申请人发出收费通知，未收取信息处理费。",
    "本年度{self}依申请公开工作未产生信息处理费，未收取任何费用。",
]
TASKS = [
    [["按照", "对照"], ["{cty}政府办公室印发的年度政务公开工作要点", "上级年度政务公开工作要点"], ["，"],
     ["{self}逐项分解任务", "{self}制定任务清单", "{self}细化工作措施"], ["，"],
     ["明确责任站所和完成时限", "落实责任人员", "逐项推进落实"], ["，"],
     ["重点做好了{t1}、{t2}等领域的信息公开", "重点推进了{t1}、{t2}等领域的公开工作"], ["，"],
     ["各项任务均已按期完成", "全年任务已全部完成", "各项工作落实到位"], ["。"]],
    [["其中，"], ["{e}"], ["相关", "建设", "改造"], ["信息"], ["已按要求", "均按时"], ["在专栏公开", "向社会公示", "在公开栏张贴"],
     ["，"], ["群众反响良好", "接受了群众监督", "公开情况已报{cty}政务公开办公室备案"], ["。"]],
    [["对"], ["要点中涉及的", "上级交办的"], ["{t3}"], ["等任务"], ["建立工作台账", "实行销号管理", "明确专人跟进"], ["，"],
     ["逐月报告进展", "确保按时完成", "做到件件有落实"], ["。"]],
    [["围绕"], ["{t1}"], ["领域的"], ["公开要求", "重点任务"], ["，"], ["{self}"], ["在{e}"], ["开展", "组织"],
     ["现场公示", "集中宣传", "专项检查"], ["，"], ["公开了", "发布了"], ["资金安排和实施进度", "政策依据和办理流程", "受益对象和补助标准"], ["。"]],
    [["年中和年底"], ["对照要点"], ["开展", "组织"], ["两次", "专项"], ["自查", "“回头看”"], ["，"],
     ["对{t1}等事项的公开情况逐项核对", "对未完成的{t1}相关任务督促落实", "重点检查了{e}等项目的公示情况"], ["。"]],
]
RECT_EXTRA = [
    [["其中，"], ["{e}"], ["项目公示", "相关信息", "公开栏"], ["存在的"], ["更新不及时", "内容不完整", "要素缺失"], ["问题"],
     ["已于年内整改完毕", "已全部整改", "已完成整改"], ["。"]],
    [["整改情况"], ["已在", "已通过"], ["专栏", "公开栏", "政府网站"], ["公开", "向社会公布"], ["，"],
     ["{t1}方面的整改效果较为明显", "接受群众监督", "群众对整改结果较为认可"], ["。"]],
    [["对"], ["{t1}", "{t2}"], ["领域"], ["公开不够细化的问题，"], ["{self}"], ["补充公开了", "重新梳理了"],
     ["补助标准和发放明细", "实施方案和进度信息", "政策依据和办理流程"], ["。"]],
]
PROPOSALS = [
    "{y}年，{self}承办{cty}人大代表建议{a}件、{cty}政协委员提案{b}件，均已按期办结，办理结果已在{short}专栏公开。",
    "本年度{self}共承办人大代表建议{a}件、政协提案{b}件，全部按时办复，答复内容已按规定公开。",
    "{self}全年办理{cty}人大代表建议{a}件和政协委员提案{b}件，均在规定时限内答复，办理结果已向社会公开。",
    "{y}年，{self}共承办交办的人大代表建议{a}件、政协提案{b}件，已全部办结并在专栏公开办理复文。",
]
PROPOSALS_EXTRA = [
    [["办理过程中，"], ["承办人员", "分管领导", "{office}", "承办站所"], ["主动与代表委员沟通", "多次征求代表委员意见", "及时反馈办理进展",
                                                               "上门听取代表委员意见"], ["，"],
     ["办理结果得到代表委员认可", "代表委员对办理结果表示满意", "提高了办理质量", "推动了问题的实际解决"], ["。"]],
    [["建议提案"], ["主要涉及", "集中在", "多涉及"], ["{t1}", "{t2}"], ["和"], ["{t3}"], ["等方面", "等领域", "等民生事项"], ["。"]],
    [["其中"], ["关于", "涉及"], ["{e}"], ["改造", "建设", "管理", "提升"], ["的建议", "的提案"], ["已", "已经"],
     ["落实到位", "列入年度计划", "完成办理并公开答复"], ["。"]],
    [["{org}"], ["建立", "实行"], ["建议提案办理台账", "领导领办制度", "办理情况跟踪回访制度"], ["，"],
     ["逐件明确责任人和办理时限", "做到件件有回音", "确保办理质量"], ["。"]],
]
PROPOSALS_NONE = [
    PROPOSALS_EXTRA[3],
    [["对"], ["代表委员", "群众代表"], ["在", "通过"], ["日常走访", "座谈会", "视察活动"], ["中"], ["提出的", "反映的"],
     ["{t1}", "{t2}"], ["等意见"], ["，"], ["{self}"], ["逐条研究", "及时办理", "建立台账跟踪办理"], ["。"]],
    [["代表委员"], ["关注的", "视察的"], ["{e}"], ["建设", "改造", "管理"], ["情况"], ["已在", "已通过"], ["专栏", "公开栏", "政府网站"],
     ["公开", "公示"], ["。"]],
]
INNOVATION = [
    [["依托"], ["{e}"], ["建设", "打造"], ["政务公开示范点", "政策宣传阵地", "“政务公开+网格”服务点"], ["，"],
     ["把{t1}等政策送到群众身边", "集中展示{t1}、{t2}等领域的公开信息", "定期发布{t1}相关信息"], ["。"]],
    [["创新"], ["“公开+服务”", "“公开+议事”", "“线上+线下”"], ["模式，"], ["围绕{t1}"], ["组织", "召开"],
     ["群众议事会", "政策恳谈会", "民主评议会"], ["，"], ["让群众参与决策过程", "听取群众对{t2}工作的意见", "推动公开与服务深度融合"], ["。"]],
    [["制作"], ["{t1}", "{t2}"], ["政策"], ["口袋书", "明白卡", "短视频", "一图读懂"], ["，"], ["通过", "借助"],
     ["网格员", "村级微信群", "“{short}发布”"], ["发放到户", "推送给群众", "广泛宣传"], ["。"]],

    [["在{short}"], ["便民服务中心", "政务服务大厅"], ["设立"], ["“政策明白窗”", "“政务公开体验区”", "“政策咨询台”"], ["，"],
     ["由驻厅工作人员为群众现场讲解涉农补贴、社会保障等政策", "为群众提供政策咨询和查询服务", "集中展示各类惠民政策"], ["，"],
     ["全年接待群众咨询{consult}余人次", "受到群众好评", "方便了群众办事"], ["。"]],
    [["探索开展"], ["“政府开放日”活动", "政策进村入户宣讲活动", "政务公开进网格活动", "“政策讲堂”活动"], ["，"],
     ["邀请群众代表参与", "组织干部深入村组", "借助网格员宣传政策"], ["，"], ["增强了公开的互动性", "拓展了公开的深度和广度"], ["。"]],
    [["在"], ["{e}"], ["试点"], ["“码上公开”", "公开事项二维码", "项目信息“一牌公开”", "公开栏“一栏多用”"], ["，"],
     ["群众扫码即可查看", "集中展示项目全过程信息", "实现公开信息即时查询"], ["，"], ["效果良好", "得到群众认可", "计划在全域推广"], ["。"]],
    [["组建"], ["政策宣讲小分队", "政务公开志愿服务队", "“政策明白人”队伍"], ["，"], ["深入", "走进"], ["{e}", "田间地头", "企业车间"],
     ["宣讲", "解读"], ["{t1}", "{t2}"], ["政策", "相关政策"], ["。"]],
]
OTHER_2019 = ["本年度无其他需要报告的事项。", "无其他需要报告的事项。", "本年度{self}无其他需要报告的事项。"]

# Long reports repeat these (no figures in them).
PLATFORM_FILLER = [PLATFORM[i] for i in (0, 2, 4, 5, 6, 7)]
SUPERVISION_FILLER = [SUPERVISION[i] for i in (0, 1, 4, 5, 6, 7)]

PREAMBLE_BASIS = {
    "gov-2021": "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）的要求，由{agency}{office}编制。",
    "gov-2019": "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）的要求，由{agency}{office}编制。",
}
PREAMBLE_PARTS = "全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项，共六个部分。"

TABLE3_LABELS_2021 = [
    ("new", "一、本年新收政府信息公开申请数量"), ("carried", "二、上年结转政府信息公开申请数量"),
    (None, "三、本年度办理结果"), ("disclosed", "（一）予以公开"),
    ("partial", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"), (None, "（三）不予公开"),
    ("withheld-secret", "1.属于国家秘密"), ("withheld-prohibited", "2.其他法律行政法规禁止公开"),
    ("withheld-security", "3.危及“三安全一稳定”"), ("withheld-third-party", "4.保护第三方合法权益"),
    ("withheld-internal", "5.属于三类内部事务信息"), ("withheld-process", "6.属于四类过程性信息"),
    ("withheld-enforcement", "7.属于行政执法案卷"), ("withheld-query", "8.属于行政查询事项"),
    (None, "（四）无法提供"), ("unavailable-not-held", "1.本机关不掌握相关政府信息"),
    ("unavailable-to-be-made", "2.没有现成信息需要另行制作"), ("unavailable-unclear", "3.补正后申请内容仍不明确"),
    (None, "（五）不予处理"), ("not-processed-complaint", "1.信访举报投诉类申请"), ("not-processed-repeated", "2.重复申请"),
    ("not-processed-publication", "3.要求提供公开出版物"), ("not-processed-mass", "4.无正当理由大量反复申请"),
    ("not-processed-confirm", "5.要求行政机关确认或重新出具已获取信息"), (None, "（六）其他处理"),
    ("other-handling-no-correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other-handling-unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other-handling-other", "3.其他"), ("total", "（七）总计"), ("next-year", "四、结转下年度继续办理"),
]
TABLE3_LABELS_2019 = TABLE3_LABELS_2021[:24] + [("other-handling", "（六）其他处理")] + TABLE3_LABELS_2021[-2:]
TABLE4_HEADER = [f"{group}{label}" for group in ("行政复议", "未经复议直接起诉", "复议后起诉")
                 for label in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]

DEFECTS = ["placeholder", "stale-year", "missing-part", "broken-cell", "doubled-punct", "wrong-total"]
EXPECTED = {
    "placeholder-url": ["GIA401", "GIA502"],
    "placeholder-xx": ["GIA502"],
    "stale-year": ["GIA301"],
    "missing-part": ["GIA101"],
    "broken-cell": ["GIA201", "GIA204"],
    "doubled-punct": ["GIA503"],
    "wrong-total": ["GIA203"],
}
SHAPES = {"md": ".md", "txt-tabs": ".txt", "txt-cells": ".txt"}


def expected_codes(defects: tuple[str, ...] | list[str], shape: str) -> list[str]:
    """The rule codes the planted defects must produce (and no others, in a clean report)."""
    codes = {code for d in defects for code in EXPECTED[d]}
    if shape == "txt-cells" and "broken-cell" in defects:
        # unbalanced-table does not count cells per row in one-cell-per-line tables (Word merges
        # cells there, so rows legitimately differ); the blank cell is still empty-cell's.
        codes.discard("GIA201")
    return sorted(codes)


def fmt_amount(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


# --------------------------------------------------------------------------- report model

Block = tuple  # ("title"|"para"|"h1"|"h2"|"caption", text) or ("table", rows, kind)


@dataclass
class Plan:
    """Everything that decides one report."""

    index: int
    agency: Agency
    year: int
    numbers: Numbers
    text_seed: str
    shape: str
    scale: float = 1.0
    defects: tuple[str, ...] = ()
    copy_of: int | None = None
    copy_kind: str | None = None


class Writer:
    """Builds one report's blocks from its plan; narrative choices come from the text seed only."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.a = plan.agency
        self.n = plan.numbers
        self.y = plan.year
        self.fmt = format_of(plan.year)

    def rng(self, section: str) -> random.Random:
        return random.Random(f"{self.plan.text_seed}:{section}")

    def fill(self, text: str, **extra: object) -> str:
        a = self.a
        values = {
            "short": a.short, "self": a.self_ref, "y": self.y, "cty": a.cty, "office": a.office, "org": a.org,
            "head": a.head, "county": a.county, "agency": a.name, "pushes": self.n.pushes,
            "villages": self.n.villages, "trainings": self.n.trainings, "trainees": self.n.trainees,
            "opinions": self.n.opinions,
        }
        values.update(extra)
        return text.format(**values)

    def entity(self, rng: random.Random) -> str:
        a, b = rng.sample(SYLLABLES, 2)
        return a[0] + b[0] + rng.choice(ENTITY_KINDS)

    def sentences(self, rng: random.Random, pool: list[list[list[str]]], k: int, **extra: object) -> str:
        """``k`` sentences drawn from ``pool`` in random order, some with an opener or a specific detail."""
        chosen = rng.sample(pool, min(k, len(pool)))
        out = []
        for i, slots in enumerate(chosen):
            topics = rng.sample(TOPICS, 3)
            values: dict[str, object] = {"e": self.entity(rng), "e2": self.entity(rng), "t1": topics[0], "t2": topics[1],
                                         "t3": topics[2]}
            values.update(extra)
            sentence = pick(rng, slots)
            if rng.random() < 0.7 and sentence.endswith("。") and "{" not in sentence[-12:]:
                sentence = sentence[:-1] + rng.choice(DETAILS) + "。"
            sentence = self.fill(sentence, **values)
            if i and rng.random() < 0.5 and not sentence.startswith("其中"):
                sentence = rng.choice(OPENERS) + sentence
            out.append(sentence)
        return "".join(out)

    # ---- parts

    def blocks(self) -> list[Block]:
        a, y = self.a, self.y
        out: list[Block] = [("title", f"{a.name}{y}年政府信息公开工作年度报告")]
        out.append(("para", self.fill(PREAMBLE_BASIS[self.fmt])))
        out.append(("para", PREAMBLE_PARTS))
        period_year = y - 1 if "stale-year" in self.plan.defects else y
        url = f"http://www.{a.county_pinyin}.gov.cn"
        if "placeholder-url" in self.plan.defects:
            url = "具体网址"
        out.append(("para", f"本报告所列数据的统计期限自{period_year}年1月1日起至{period_year}年12月31日止。"
                            f"本报告电子版可在{a.county}人民政府门户网站（{url}）“政府信息公开”专栏查阅或下载。"))
        out.append(("para", f"如对本报告有疑问，请与{a.name}{a.office}联系。地址：{a.county}{a.short}{a.street}{a.number}号，"
                            f"邮编：{a.zip}，联系电话：{a.phone}，电子邮箱：{a.email}。"))
        out += self.part1()
        out += self.part2()
        out += self.part3()
        out += self.part4()
        if "missing-part" not in self.plan.defects:
            out += self.part5()
        out += self.part6()
        return out

    def part1(self) -> list[Block]:
        n, a = self.n, self.a
        r = self.rng("intro")
        topics = r.sample(TOPICS, 3)
        intro = f"{self.y}年，{a.name}" + self.fill(pick(r, INTRO)) + self.fill(pick(r, INTRO_FOCUS), t="、".join(topics))
        intro += pick(r, INTRO_OUTCOME) + self.sentences(r, INTRO_EXTRA, r.randint(2, 3))
        out: list[Block] = [("h1", "一、总体情况"), ("para", intro)]

        # (一) 主动公开
        r = self.rng("active")
        nr = random.Random(f"{self.plan.text_seed}:{self.plan.index}:{self.y}:active-numbers")
        cats = r.sample(CATEGORIES, r.randint(3, 6))
        counts = [nr.randint(1, 60) for _ in cats]
        n.published_items = sum(counts)
        where = r.choice(["在{cty}政府门户网站{short}专栏", "通过政府网站、公开栏等渠道", "在{cty}政府信息公开平台", "通过各类公开渠道"])
        text = self.fill(f"全年{where}主动公开政府信息{n.published_items}条，其中")
        text += "，".join(f"{c}{k}条" for c, k in zip(cats, counts, strict=True)) + "。"
        text += self.regulatory_sentence(r) + self.sentences(r, ACTIVE_EXTRA, r.randint(2, 3))
        if "placeholder-xx" in self.plan.defects:
            text += "全年更新公开栏XX期。"
        out += [("h2", "（一）主动公开"), ("para", text)]

        # (二) 依申请公开
        r = self.rng("apply")
        out += [("h2", "（二）依申请公开"), ("para", self.application_paragraph(r))]

        # (三)(四)(五)
        r = self.rng("mgmt")
        mgmt = [self.sentences(r, MGMT, r.randint(3, 5))]
        r = self.rng("platform")
        platform = [self.sentences(r, PLATFORM, r.randint(3, 5))]
        r = self.rng("supervision")
        supervision = [self.sentences(r, SUPERVISION, r.randint(3, 5))]
        if "doubled-punct" in self.plan.defects:
            first = mgmt[0]
            cut = first.index("，")
            mgmt[0] = first[:cut] + "，，" + first[cut + 1:]
        out += [("h2", "（三）政府信息管理"), *[("para", p) for p in mgmt],
                ("h2", "（四）政府信息公开平台建设"), *[("para", p) for p in platform],
                ("h2", "（五）监督保障"), *[("para", p) for p in supervision]]
        return out

    def filler(self, r: random.Random) -> list[str]:
        """Extra narrative paragraphs for long reports: (三), (四), (五) in turn."""
        return [
            self.sentences(r, MGMT, r.randint(3, 5)),
            self.sentences(r, PLATFORM_FILLER, 3),
            self.sentences(r, SUPERVISION_FILLER, 3),
        ]

    def regulatory_sentence(self, r: random.Random) -> str:
        """The figures of table 二 in words, each clause in one of several wordings."""
        n = self.n
        if self.fmt == "gov-2021":
            if n.made:
                docs = r.choice([
                    f"本年制发行政规范性文件{n.made}件，废止{n.repealed}件，现行有效{n.in_force}件",
                    f"全年印发行政规范性文件{n.made}件，废止{n.repealed}件，现行有效的行政规范性文件{n.in_force}件",
                    f"现行有效行政规范性文件{n.in_force}件，其中本年制发{n.made}件，本年废止{n.repealed}件",
                    f"行政规范性文件方面，本年制发{n.made}件、废止{n.repealed}件，现行有效{n.in_force}件",
                ])
            else:
                docs = r.choice([f"本年未制发行政规范性文件，现行有效{n.in_force}件",
                                 f"全年未出台新的行政规范性文件，现行有效行政规范性文件{n.in_force}件",
                                 f"行政规范性文件方面，本年没有新制发的文件，现行有效{n.in_force}件"])
        else:
            docs = r.choice([
                f"本年新制作规范性文件{n.made}件，新公开{n.published}件，对外公开规范性文件总数{n.in_force}件",
                f"规范性文件方面，本年新制作{n.made}件、新公开{n.published}件，对外公开总数达{n.in_force}件",
                f"对外公开规范性文件{n.in_force}件，其中本年新制作{n.made}件、新公开{n.published}件",
            ] if n.made else [
                f"本年未新制作规范性文件，对外公开规范性文件总数{n.in_force}件",
                f"规范性文件方面，本年没有新制作的文件，对外公开总数{n.in_force}件",
            ])
        lic = r.choice([f"作出行政许可决定{n.licensing}件", f"办理行政许可事项{n.licensing}件", f"行政许可{n.licensing}件",
                        f"办结行政许可{n.licensing}件"])
        pen = r.choice([f"行政处罚决定{n.penalty}件", f"作出行政处罚{n.penalty}件", f"行政处罚{n.penalty}件"]) if n.penalty else \
            r.choice(["未作出行政处罚决定", "无行政处罚"])
        coerce = r.choice([f"实施行政强制{n.coercion}件", f"行政强制{n.coercion}件"]) if n.coercion else \
            r.choice(["未实施行政强制", "没有实施行政强制", "行政强制为零"])
        text = f"{docs}；" + r.choice([f"{lic}、{pen}，{coerce}", f"{lic}，{pen}，{coerce}", f"全年{lic}，{pen}，{coerce}"])
        if self.fmt == "gov-2021":
            text += r.choice([f"；收取行政事业性收费{fmt_amount(n.fee)}万元。", f"；行政事业性收费{fmt_amount(n.fee)}万元。"]) if n.fee else \
                r.choice(["；未收取行政事业性收费。", "；本年没有收取行政事业性收费。"])
        elif n.projects:
            text += r.choice([f"；完成政府集中采购项目{n.projects}个，采购总金额{fmt_amount(n.procurement)}万元。",
                              f"；政府集中采购项目{n.projects}个，金额{fmt_amount(n.procurement)}万元。"])
        else:
            text += r.choice(["。", "；本年无政府集中采购项目。"])
        return text

    def application_paragraph(self, r: random.Random) -> str:
        n, t3 = self.n, self.n.table3
        y, me = self.y, self.a.self_ref
        parts = []
        if n.new:
            who = [f"{COLUMN_ZH[c]}申请{t3['new'][c]}件" for c in COLUMNS if t3["new"][c]]
            verb = r.choice(["共收到", "共受理", "新收"])
            breakdown = "均为自然人申请" if who == [f"自然人申请{n.new}件"] else "其中" + "、".join(who)
            parts.append(f"{y}年，{me}{verb}政府信息公开申请{n.new}件，{breakdown}")
        else:
            parts.append(r.choice([f"{y}年，{me}未收到政府信息公开申请", f"{y}年度{me}没有收到政府信息公开申请",
                                   f"全年{me}未收到政府信息公开申请"]))
        parts.append(f"另有上年结转申请{n.carried}件" if n.carried else r.choice(["无上年结转申请", "没有上年结转的申请"]))
        text = "，".join(parts) + "。"
        if n.handled:
            groups = {
                "予以公开": t3["disclosed"]["total"], "部分公开": t3["partial"]["total"],
                "不予公开": sum(t3[k]["total"] for k in t3 if k.startswith("withheld-")),
                "无法提供": sum(t3[k]["total"] for k in t3 if k.startswith("unavailable-")),
                "不予处理": sum(t3[k]["total"] for k in t3 if k.startswith("not-processed-")),
                "其他处理": sum(t3[k]["total"] for k in t3 if k.startswith("other-handling")),
            }
            said = "，".join(f"{g}{k}件" for g, k in groups.items() if k)
            text += r.choice([f"本年度办理完毕{n.handled}件，其中{said}", f"已办结{n.handled}件，其中{said}",
                              f"全年共办结{n.handled}件，办理结果为{said}", f"截至年底办结{n.handled}件，包括{said}"])
            text += (f"；因需征求第三方意见等原因，结转下年度继续办理{n.next_year}件。" if n.next_year else "。")
        elif n.next_year:
            text += f"结转下年度继续办理{n.next_year}件。"
        review = n.review["total"]
        lawsuits = n.direct["total"] + n.after["total"]
        if review:
            text += f"全年因政府信息公开工作被申请行政复议{review}件，" + r.choice(["复议机关维持了原答复", "已依法办结"])
        else:
            text += r.choice(["全年未发生因政府信息公开工作引起的行政复议", "全年未发生政府信息公开行政复议案件",
                              "本年度没有因政府信息公开被申请行政复议的情况", "全年无政府信息公开行政复议"])
        text += f"；被提起行政诉讼{lawsuits}起。" if lawsuits else r.choice(
            ["；未发生政府信息公开行政诉讼。", "，也没有被提起行政诉讼。", "；行政诉讼为零。", "；全年无政府信息公开行政诉讼。"])
        if n.new or n.carried:
            text += self.sentences(r, APPLY_EXTRA, 3)
        else:
            text += self.sentences(r, APPLY_NONE, r.randint(2, 3))
        return text

    def part2(self) -> list[Block]:
        n = self.n
        out: list[Block] = [("h1", "二、主动公开政府信息情况")]
        if self.fmt == "gov-2021":
            tables = [
                ("第二十条第（一）项", [["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["规章", "0", "0", "0"],
                                   ["行政规范性文件", str(n.made), str(n.repealed), str(n.in_force)]]),
                ("第二十条第（五）项", [["信息内容", "本年处理决定数量"], ["行政许可", str(n.licensing)]]),
                ("第二十条第（六）项", [["信息内容", "本年处理决定数量"], ["行政处罚", str(n.penalty)], ["行政强制", str(n.coercion)]]),
                ("第二十条第（八）项", [["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", fmt_amount(n.fee)]]),
            ]
        else:
            p = n.prev

            def row(label: str, key: str, decisions: int | None) -> list[str]:
                cells = [label, str(p[key][0]), str(p[key][1])]
                return cells + ([str(decisions)] if decisions is not None else [])

            tables = [
                ("第二十条第（一）项", [["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"], ["规章", "0", "0", "0"],
                                   ["规范性文件", str(n.made), str(n.published), str(n.in_force)]]),
                ("第二十条第（五）项", [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                                   row("行政许可", "licensing", n.licensing),
                                   row("其他对外管理服务事项", "other_services", n.other_services)]),
                ("第二十条第（六）项", [["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
                                   row("行政处罚", "penalty", n.penalty), row("行政强制", "coercion", n.coercion)]),
                ("第二十条第（八）项", [["信息内容", "上一年项目数量", "本年增/减"], row("行政事业性收费", "fees", None)]),
                ("第二十条第（九）项", [["信息内容", "采购项目数量", "采购总金额"],
                                   ["政府集中采购", str(n.projects), f"{fmt_amount(n.procurement)}万元" if n.projects else "0"]]),
            ]
        for caption, rows in tables:
            out += [("caption", caption), ("table", rows, "二")]
        return out

    def part3(self) -> list[Block]:
        labels = TABLE3_LABELS_2021 if self.fmt == "gov-2021" else TABLE3_LABELS_2019
        t3 = self.n.table3
        rows = [["项目", *(COLUMN_ZH[c] for c in COLUMNS), "总计"]]
        for key, label in labels:
            if key is None:
                rows.append([label] + [""] * 7)
            else:
                rows.append([label, *(str(t3[key][c]) for c in COLUMNS), str(t3[key]["total"])])
        if "wrong-total" in self.plan.defects:
            row = next(r for r in rows if r[0] == "（一）予以公开")
            row[-1] = str(int(row[-1]) + 1)
        if "broken-cell" in self.plan.defects:
            row = next(r for r in rows if r[0].startswith("（二）部分公开"))
            del row[3]  # the 科研机构 cell
        return [
            ("h1", "三、收到和处理政府信息公开申请情况"),
            ("para", "申请人情况分为自然人、法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）和总计。"),
            ("para", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
            ("table", rows, "三"),
        ]

    def part4(self) -> list[Block]:
        n = self.n
        data = [str(block[k]) for block in (n.review, n.direct, n.after) for k in (*REVIEW_KEYS, "total")]
        return [("h1", "四、政府信息公开行政复议、行政诉讼情况"), ("table", [TABLE4_HEADER, data], "四")]

    def part5(self) -> list[Block]:
        r = self.rng("problems")
        me, y = self.a.self_ref, self.y
        problems = r.sample(PROBLEMS, 7)
        measures = r.sample(MEASURES, 7)
        purposes = r.sample(PURPOSES, 7)
        elaborations = r.sample(ELABORATION, 4)
        out: list[Block] = [("h1", "五、存在的主要问题及改进情况")]
        if self.fmt == "gov-2021":
            text = (f"针对{y - 1}年度报告中提出的{problems[5]}、{problems[6]}等问题，{me}{measures[5]}，{purposes[5]}；"
                    f"{measures[6]}，{purposes[6]}。{r.choice(RECTIFIED)}。") + self.sentences(r, RECT_EXTRA, r.randint(1, 2))
            out += [("h2", "（一）上年度问题整改情况"), ("para", text)]
        numbered = ["（一）", "（二）"] if self.fmt == "gov-2019" else ["（二）", "（三）"]
        count = r.choice([3, 4])
        items = [f"{p}，{e}" for p, e in zip(problems[:count], elaborations, strict=False)]
        text = "；".join(f"{o}是{item}" for o, item in zip("一二三四", items)) + "。"
        text += r.choice([f"如{self.entity(r)}{r.choice(ISSUES)}。", f"{self.entity(r)}等点位也存在{r.choice(ISSUES)}的情况。",
                          f"以{self.entity(r)}为例，{r.choice(ISSUES)}。"])
        out += [("h2", f"{numbered[0]}存在的主要问题"), ("para", text)]
        lead = r.choice([f"{y + 1}年，{me}将重点做好以下工作：", f"下一步，{me}将从以下几个方面加以改进：", "针对上述问题，",
                         f"{me}将采取以下措施：", "为解决上述问题，"])
        count = r.choice([4, 5])
        text = lead + "；".join(f"{o}是{m}，{p}" for o, m, p in zip("一二三四五", measures[:count], purposes[:count])) + "。"
        text += f"对{self.entity(r)}等重点项目，{r.choice(['实行公开清单管理', '落实专人跟踪公示', '按月更新公示信息'])}。"
        out += [("h2", f"{numbered[1]}改进措施"), ("para", text)]
        return out

    def part6(self) -> list[Block]:
        r = self.rng("other")
        out: list[Block] = [("h1", "六、其他需要报告的事项")]
        if self.fmt == "gov-2019":
            return out + [("para", self.fill(r.choice(OTHER_2019)))]
        topics = r.sample(TOPICS, 2)
        a, b = self.n.proposals
        if a or b:
            proposals = self.fill(r.choice(PROPOSALS), a=a, b=b) + self.sentences(r, PROPOSALS_EXTRA + PROPOSALS_NONE[1:], r.randint(2, 3))
        else:
            proposals = r.choice([f"本年度{self.a.self_ref}未承办人大代表建议和政协提案。", "本年度没有承办人大代表建议和政协提案。",
                                  f"{self.y}年，{self.a.self_ref}未收到交办的人大代表建议和政协提案。"])
            proposals += self.sentences(r, PROPOSALS_NONE, 2)
        return out + [
            ("h2", "（一）收取信息处理费情况"), ("para", self.fill(r.choice(FEE_2021))),
            ("h2", "（二）落实上级年度政务公开工作要点情况"),
            ("para", self.sentences(r, TASKS[:1], 1, t1=topics[0], t2=topics[1]) + self.sentences(r, TASKS[1:], r.randint(2, 3))),
            ("h2", "（三）人大代表建议和政协提案办理结果公开情况"), ("para", proposals),
            ("h2", "（四）政务公开工作创新情况"),
            ("para", self.sentences(r, INNOVATION, 2, consult=random.Random(f"{self.plan.index}:consult").randint(50, 500))),
        ]


# --------------------------------------------------------------------------- rendering


def render(blocks: list[Block], shape: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        kind = block[0]
        if kind == "title":
            out.append(("# " if shape == "md" else "") + block[1])
        elif kind == "h1":
            out.append(("## " if shape == "md" else "") + block[1])
        elif kind == "h2":
            out.append(("### " if shape == "md" else "") + block[1])
        elif kind == "para":
            out.append(block[1])
        elif kind == "caption":
            caption = block[1]
            table = blocks[i + 1]
            i += 1
            if shape == "md":
                out.append(f"**{caption}**")
                out.append(_pipe(table[1]))
            elif shape == "txt-tabs":
                out.append(caption + "\n" + _tabs(table[1]))
            else:
                out.append(f"\t{caption}")
                out.append(_cells(table[1]))
        elif kind == "table":
            rows = block[1]
            out.append(_pipe(rows) if shape == "md" else _tabs(rows) if shape == "txt-tabs" else _cells(rows))
        i += 1
    if shape == "txt-tabs":
        # Word's tab export writes the part-二 tables back to back, captions included (no blank lines).
        text = "\n\n".join(out)
        for caption in ("第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项", "第二十条第（九）项"):
            text = text.replace(f"\n\n{caption}\n", f"\n{caption}\n")
        return text + "\n"
    return "\n\n".join(out) + "\n"


def _pipe(rows: list[list[str]]) -> str:
    width = len(rows[0])
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(c if c else "" for c in row) + " |" for row in rows[1:]]
    return "\n".join(line.replace("|  |", "| |") for line in lines)


def _tabs(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in rows)


def _cells(rows: list[list[str]]) -> str:
    return "\n\n".join("\n".join(f"\t{c}" for c in row) for row in rows)


def build(plan: Plan) -> str:
    writer = Writer(plan)
    blocks = writer.blocks()
    text = render(blocks, plan.shape)
    if plan.scale > 1:
        target = int(len(text.encode("utf-8")) * plan.scale)
        r = writer.rng("filler")
        anchors = ["（四）政府信息公开平台建设", "（五）监督保障", "二、主动公开政府信息情况"]
        extra: dict[str, list[str]] = {a: [] for a in anchors}
        size = len(text.encode("utf-8"))
        while size < target:
            for anchor, paragraph in zip(anchors, writer.filler(r), strict=True):
                extra[anchor].append(paragraph)
                size += len(paragraph.encode("utf-8")) + 2
        blocks2: list[Block] = []
        for block in blocks:
            label = block[1] if block[0] in ("h1", "h2") else None
            if label in extra:
                blocks2 += [("para", p) for p in extra[label]]
            blocks2.append(block)
        text = render(blocks2, plan.shape)
    return text


# --------------------------------------------------------------------------- corpus


def plan_corpus(
    count: int, seed: int = 1, copies: int = 0, scale: float = 1.0, defect_rate: float = 0.3,
    shapes: tuple[str, ...] = tuple(SHAPES), years: tuple[int, int] = (2019, 2024),
) -> list[Plan]:
    rng = random.Random(seed)
    names = [(a, b) for a in SYLLABLES for b in SYLLABLES if a[0] != b[0]]
    rng.shuffle(names)
    if count + copies > len(names):
        raise SystemExit(f"at most {len(names)} agencies: lower --count/--copies")
    plans: list[Plan] = []
    used: set[tuple[str, int]] = set()
    agency_index = 0
    previous: Plan | None = None
    for index in range(count):
        if previous is not None and previous.year < years[1] and rng.random() < 0.3:
            # The same agency's next report: last year's 结转下年度继续办理 is this year's 上年结转.
            agency, year = previous.agency, previous.year + 1
            carried = {c: previous.numbers.table3["next-year"][c] for c in COLUMNS}
        else:
            agency = make_agency(rng, *names[agency_index])
            agency_index += 1
            year = rng.randint(*years)
            carried = None
        numbers = make_numbers(rng, year, carried)
        defects: tuple[str, ...] = ()
        if rng.random() < defect_rate:
            chosen = rng.sample(DEFECTS, rng.choice([1, 1, 2]))
            defects = tuple(
                sorted(rng.choice(["placeholder-url", "placeholder-xx"]) if d == "placeholder" else d for d in chosen)
            )
        plan = Plan(index, agency, year, numbers, f"{seed}:{index}", rng.choice(shapes), scale, defects)
        plans.append(plan)
        used.add((agency.name, year))
        previous = plan
    for k in range(copies):
        base = plans[rng.randrange(count)]
        while base.copy_of is not None:
            base = plans[rng.randrange(count)]
        index = count + k
        if (base.agency.name, base.year + 1) not in used and base.year < years[1] + 1 and rng.random() < 0.4:
            agency, year, kind = base.agency, base.year + 1, "next-year"
            carried = {c: base.numbers.table3["next-year"][c] for c in COLUMNS}
        else:
            agency = make_agency(rng, *names[agency_index])
            agency_index += 1
            year, kind, carried = base.year, "agency", None
        used.add((agency.name, year))
        numbers = make_numbers(rng, year, carried)
        plans.append(Plan(index, agency, year, numbers, base.text_seed, base.shape, scale, (), base.index, kind))
    return plans


def file_name(plan: Plan) -> str:
    return f"{plan.index:05d}-{plan.agency.pinyin}{ {'镇': 'zhen', '乡': 'xiang', '街道': 'jiedao'}[plan.agency.kind] }-{plan.year}{SHAPES[plan.shape]}"


def generate(out: Path, count: int, seed: int = 1, copies: int = 0, scale: float = 1.0,
             defect_rate: float = 0.3, shapes: tuple[str, ...] = tuple(SHAPES)) -> list[dict[str, object]]:
    """Write the corpus and its manifest.json into ``out``; return the manifest entries."""
    out.mkdir(parents=True, exist_ok=True)
    plans = plan_corpus(count, seed, copies, scale, defect_rate, shapes)
    manifest = []
    for plan in plans:
        name = file_name(plan)
        data = build(plan).encode("utf-8")
        (out / name).write_bytes(data)
        expected = expected_codes(plan.defects, plan.shape)
        manifest.append({
            "file": name, "agency": plan.agency.name, "year": plan.year, "format": format_of(plan.year),
            "shape": plan.shape, "scale": plan.scale, "bytes": len(data), "defects": list(plan.defects),
            "expected": expected, "copy_of": file_name(plans[plan.copy_of]) if plan.copy_of is not None else None,
            "copy_kind": plan.copy_kind,
        })
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=200, help="independent reports (default 200)")
    parser.add_argument("--copies", type=int, default=0, help="extra reports copying another one's text (default 0)")
    parser.add_argument("--out", required=True, help="output folder (created)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0, help="length factor: 50 for the 50x long reports")
    parser.add_argument("--defects", type=float, default=0.3, help="share of reports with planted defects (default 0.3)")
    parser.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated subset of {', '.join(SHAPES)}")
    args = parser.parse_args(argv)
    shapes = tuple(s for s in args.shapes.split(",") if s)
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)}")
    manifest = generate(Path(args.out), args.count, args.seed, args.copies, args.scale, args.defects, shapes)
    total = sum(int(m["bytes"]) for m in manifest)  # type: ignore[call-overload]
    sys.stderr.write(f"wrote {len(manifest)} reports ({total / 1024:.0f} KB) to {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
