#!/usr/bin/env python3
"""Generate a knowledge base about 100x the size of data/ for benchmarking.

Usage: bench/gen_base.py OUT_DIR [--data DATA_DIR] [--seed N] [--quiet]

What it writes (all deterministic for a given --seed and data/):

* every top-level file but regions.yaml (topics, sources, terms, synonyms,
  situations) and national/*.yaml: copied verbatim from data/;
* regions.yaml: data/regions.yaml verbatim (today every real prefecture-level
  unit) followed by generated prefecture-level cities wherever a province has
  fewer than it really has (none today), each with an English name;
* for every province and every city, one file per topic
  (<province>/<topic>.yaml, <province>/<city>/<topic>.yaml) with a layer over
  every national procedure of that topic: local service windows with address,
  phone and opening hours, an online channel, a hotline, extra steps that use
  them (and national or provincial channels), materials, tips, warnings, FAQ.
  Every text is written as data/ writes it, in both languages
  ({zh: …, en: …}), the English naming the place by its English name and
  keeping official Chinese names beside it.
  The real 黑龙江 and 黑河 files are kept verbatim; layers for the procedures
  they do not cover are appended to them (or written as new files).
* OUT_DIR/.bench-manifest.json (a dot-file, so the loader ignores it): counts,
  sizes and a sample generated city for bench/run.

Only the standard library is used; YAML is read with small line scanners
that rely on the layout of the files in data/ (2-space indentation).
"""

import argparse
import json
import os
import random
import re
import shutil
import sys
import textwrap

CHECKED = "2025-03-27"

# Prefecture-level units per provincial unit (real counts, roughly); the real
# cities in data/regions.yaml count towards these numbers.
CITY_COUNTS = {
    "beijing": 0, "tianjin": 0, "hebei": 11, "shanxi": 11, "neimenggu": 12,
    "liaoning": 14, "jilin": 9, "heilongjiang": 13, "shanghai": 0,
    "jiangsu": 13, "zhejiang": 11, "anhui": 16, "fujian": 9, "jiangxi": 11,
    "shandong": 16, "henan": 17, "hubei": 13, "hunan": 14, "guangdong": 21,
    "guangxi": 14, "hainan": 4, "chongqing": 0, "sichuan": 21, "guizhou": 9,
    "yunnan": 16, "xizang": 7, "shaanxi": 10, "gansu": 14, "qinghai": 8,
    "ningxia": 5, "xinjiang": 14, "bingtuan": 12,
}

# How many of a province's generated units are not 市: (suffix, count, ethnic names).
NON_CITY = {
    "neimenggu": [("盟", 3, None)],
    "xinjiang": [("地区", 5, None), ("自治州", 5, ["哈萨克", "蒙古", "柯尔克孜", "回族"])],
    "xizang": [("地区", 1, None)],
    "qinghai": [("自治州", 6, ["藏族", "蒙古族藏族"])],
    "yunnan": [("自治州", 8, ["彝族", "傣族", "白族", "哈尼族彝族", "壮族苗族", "傈僳族", "藏族", "景颇族"])],
    "guizhou": [("自治州", 3, ["苗族侗族", "布依族苗族"])],
    "sichuan": [("自治州", 3, ["藏族", "羌族", "彝族"])],
    "hunan": [("自治州", 1, ["土家族苗族"])],
    "hubei": [("自治州", 1, ["土家族苗族"])],
    "jilin": [("自治州", 1, ["朝鲜族"])],
}

# Characters for generated place names, one per toneless syllable, so that a
# name's pinyin id is unique when the name is.
CHARS = [
    ("安", "an"), ("宝", "bao"), ("昌", "chang"), ("城", "cheng"), ("川", "chuan"),
    ("东", "dong"), ("丰", "feng"), ("福", "fu"), ("港", "gang"), ("广", "guang"),
    ("海", "hai"), ("华", "hua"), ("怀", "huai"), ("江", "jiang"), ("金", "jin"),
    ("康", "kang"), ("兰", "lan"), ("林", "lin"), ("龙", "long"), ("鹿", "lu"),
    ("茂", "mao"), ("宁", "ning"), ("平", "ping"), ("浦", "pu"), ("庆", "qing"),
    ("泉", "quan"), ("仁", "ren"), ("瑞", "rui"), ("山", "shan"), ("泰", "tai"),
    ("田", "tian"), ("通", "tong"), ("万", "wan"), ("武", "wu"), ("西", "xi"),
    ("祥", "xiang"), ("新", "xin"), ("兴", "xing"), ("阳", "yang"), ("永", "yong"),
    ("玉", "yu"), ("源", "yuan"), ("云", "yun"), ("泽", "ze"), ("州", "zhou"),
    ("崇", "chong"), ("德", "de"), ("桂", "gui"), ("湖", "hu"), ("黄", "huang"),
    ("嘉", "jia"), ("建", "jian"), ("井", "jing"), ("开", "kai"), ("梅", "mei"),
    ("南", "nan"), ("盘", "pan"), ("荣", "rong"), ("沙", "sha"), ("松", "song"),
    ("桃", "tao"), ("潭", "tan"), ("威", "wei"), ("秀", "xiu"), ("岩", "yan"),
    ("枣", "zao"), ("漳", "zhang"), ("竹", "zhu"), ("遵", "zun"), ("白", "bai"),
    ("岑", "cen"), ("定", "ding"), ("固", "gu"), ("恒", "heng"), ("吉", "ji"),
    ("宽", "kuan"), ("朗", "lang"), ("陵", "ling"), ("满", "man"), ("启", "qi"),
    ("汝", "ru"), ("绍", "shao"), ("寿", "shou"), ("顺", "shun"), ("滕", "teng"),
    ("望", "wang"), ("霞", "xia"), ("义", "yi"), ("鹰", "ying"), ("岳", "yue"),
    ("泗", "si"), ("汤", "tang"), ("孟", "meng"), ("睢", "sui"), ("碧", "bi"),
    ("峨", "e"), ("资", "zi"),
]

NATIONAL_KEYS = {"national", "全国", "china", "cn", "中国"}

# ---------------------------------------------------------------------------
# Text pools. Each entry is (Chinese, English); the English is a sentence of
# its own, not a word-for-word gloss, and keeps the official Chinese names
# beside it where a reader must recognise them (as data/ does).

# English for the ethnic part of a generated 自治州's name.
ETHNIC_EN = {
    "哈萨克": "Kazakh", "蒙古": "Mongol", "柯尔克孜": "Kyrgyz", "回族": "Hui", "藏族": "Tibetan",
    "蒙古族藏族": "Mongol and Tibetan", "彝族": "Yi", "傣族": "Dai", "白族": "Bai",
    "哈尼族彝族": "Hani and Yi", "壮族苗族": "Zhuang and Miao", "傈僳族": "Lisu",
    "景颇族": "Jingpo", "苗族侗族": "Miao and Dong", "布依族苗族": "Buyei and Miao",
    "羌族": "Qiang", "土家族苗族": "Tujia and Miao", "朝鲜族": "Korean",
}
SUFFIX_EN = {"市": "", "盟": " League", "地区": " Prefecture", "自治州": " Autonomous Prefecture"}

# procedure id -> (what is done, short name, menu entry), in Chinese ...
SUBJECT = {
    "card.apply": ("申领社保卡", "社保卡申领", "社保卡服务"),
    "card.pickup": ("领取社保卡", "领卡", "社保卡服务"),
    "card.activate": ("激活社保卡", "社保卡激活", "社保卡服务"),
    "card.replace": ("挂失补办社保卡", "挂失补办", "社保卡服务"),
    "card.use": ("持卡就医购药", "就医结算", "就医服务"),
    "ecard.activate": ("激活医保电子凭证", "电子凭证激活", "医保码"),
    "family.bind": ("办理家庭共济绑定", "家庭共济绑定", "家庭共济"),
    "family.transfer": ("用医保钱包给家人转账", "医保钱包转账", "医保钱包"),
    "family.members": ("用个人账户给近亲属付费", "共济范围", "家庭共济"),
    "filing.apply": ("办理跨省异地就医备案", "跨省备案", "异地就医"),
    "filing.types": ("选择异地就医备案类型", "备案类型", "异地就医"),
    "filing.local": ("办理省内异地就医备案", "省内备案", "异地就医"),
    "filing.chronic": ("办理门诊慢特病跨省直接结算", "门诊慢特病结算", "异地就医"),
    "filing.reimburse": ("办理异地就医医疗费手工报销", "零星报销", "医保报销"),
    "balance.query": ("查询医保个人账户余额", "余额查询", "个人账户"),
    "scheme.compare": ("选择职工医保或居民医保", "参保缴费", "参保登记"),
    "scheme.enroll": ("参加城乡居民医保并缴费", "居民参保缴费", "参保登记"),
}
# ... and in English: (to do what, the short name as a noun without article,
# the menu entry).
SUBJECT_EN = {
    "card.apply": ("apply for a social security card", "social security card application",
                   "Social security card services"),
    "card.pickup": ("pick up your social security card", "card pickup", "Social security card services"),
    "card.activate": ("activate your social security card", "card activation",
                      "Social security card services"),
    "card.replace": ("report a lost social security card and get a new one", "loss report and reissue",
                     "Social security card services"),
    "card.use": ("see a doctor and buy medicine with your card", "settling bills with the card",
                 "Medical services"),
    "ecard.activate": ("activate the medical insurance e-voucher", "e-voucher activation",
                       "Medical insurance QR code"),
    "family.bind": ("bind relatives for family mutual aid", "family mutual aid binding",
                    "Family mutual aid"),
    "family.transfer": ("transfer money to relatives from the medical insurance wallet",
                        "wallet transfer", "Medical insurance wallet"),
    "family.members": ("pay close relatives' bills from your personal account",
                       "family mutual aid for relatives", "Family mutual aid"),
    "filing.apply": ("file for medical care in another province", "cross-province filing",
                     "Medical care elsewhere"),
    "filing.types": ("choose a filing type for medical care elsewhere", "filing type choice",
                     "Medical care elsewhere"),
    "filing.local": ("file for medical care in another city of the province", "in-province filing",
                     "Medical care elsewhere"),
    "filing.chronic": ("set up direct cross-province settlement for chronic and special outpatient "
                       "conditions", "chronic condition settlement", "Medical care elsewhere"),
    "filing.reimburse": ("claim back medical bills paid elsewhere", "manual reimbursement",
                         "Reimbursement"),
    "balance.query": ("check your personal account balance", "balance enquiry", "Personal account"),
    "scheme.compare": ("choose between employee and resident medical insurance",
                       "enrolment and payment", "Enrolment"),
    "scheme.enroll": ("enrol in resident medical insurance and pay", "resident enrolment and payment",
                      "Enrolment"),
}

TOPIC_SRC = {
    "card": ["seed-000", "seed-001", "mohrss-sscard"],
    "ecard": ["nhsa-ecard", "seed-003", "seed-001"],
    "family": ["seed-002", "gov-2024-38", "province-2025-family", "nhsa-wallet"],
    "filing": ["nhsa-2022-22", "seed-001"],
    "balance": ["seed-002", "nhsa-12393"],
    "scheme": ["seed-003", "gov-2024-38"],
}
HOTLINE_SRC = ["nhsa-12393", "mohrss-12333"]

DISTRICTS = [("城关区", "Chengguan District"), ("新华区", "Xinhua District"),
             ("中山区", "Zhongshan District"), ("和平区", "Heping District"),
             ("开发区", "Development Zone"), ("高新区", "High-tech Zone"),
             ("经开区", "Economic Development Zone"), ("东城区", "Dongcheng District"),
             ("西城区", "Xicheng District"), ("南湖区", "Nanhu District"),
             ("北城区", "Beicheng District"), ("滨江区", "Binjiang District"),
             ("朝阳区", "Chaoyang District"), ("解放区", "Jiefang District"),
             ("铁西区", "Tiexi District"), ("新城区", "Xincheng District"),
             ("老城区", "Laocheng District"), ("湖滨区", "Hubin District"),
             ("江北区", "Jiangbei District"), ("河东区", "Hedong District")]
ROADS = [("人民路", "Renmin Road"), ("解放路", "Jiefang Road"), ("中山路", "Zhongshan Road"),
         ("建设大街", "Jianshe Street"), ("和平路", "Heping Road"), ("长江路", "Changjiang Road"),
         ("黄河路", "Huanghe Road"), ("新华大街", "Xinhua Street"), ("光明路", "Guangming Road"),
         ("迎宾大道", "Yingbin Avenue"), ("学府路", "Xuefu Road"), ("文化路", "Wenhua Road"),
         ("振兴路", "Zhenxing Road"), ("团结路", "Tuanjie Road"), ("朝阳路", "Chaoyang Road"),
         ("北京路", "Beijing Road"), ("世纪大道", "Shiji Avenue"), ("府前街", "Fuqian Street"),
         ("友谊路", "Youyi Road"), ("胜利街", "Shengli Street")]
BUILDINGS = [("市民服务中心", "Citizen Service Centre"), ("政务服务中心", "Government Service Centre"),
             ("医疗保障服务大厅", "Medical Insurance Service Hall"),
             ("社会保险服务中心", "Social Insurance Service Centre"),
             ("医保综合服务大楼", "Medical Insurance Service Building"),
             ("人社服务大厅", "Human Resources and Social Security Service Hall")]
FLOORS = [("一楼", "1st floor"), ("二楼", "2nd floor"), ("三楼", "3rd floor"),
          ("一楼东侧", "1st floor, east side"), ("二楼西厅", "2nd floor, west hall"),
          ("一楼北厅", "1st floor, north hall")]
HOURS = [
    ("工作日 8:30-12:00，13:30-17:00", "Working days 8:30-12:00 and 13:30-17:00"),
    ("周一至周五 9:00-17:00（法定节假日除外）",
     "Monday to Friday 9:00-17:00 (closed on public holidays)"),
    ("工作日 8:00-11:30，13:00-16:30；周六上午 9:00-12:00",
     "Working days 8:00-11:30 and 13:00-16:30; Saturday mornings 9:00-12:00"),
    ("夏季（5月至9月）工作日 8:30-12:00，14:00-17:30；冬季 8:30-12:00，13:30-17:00",
     "Summer (May to September): working days 8:30-12:00 and 14:00-17:30; "
     "winter: 8:30-12:00 and 13:30-17:00"),
    ("周一至周五 8:30-17:00，中午不休息", "Monday to Friday 8:30-17:00, open through lunch"),
]
# (kind, Chinese name, English name): the Chinese name in 「」 stays in the English.
ONLINE = [("wechat", "「{short}医保」微信公众号", "the 「{short}医保」 WeChat official account"),
          ("alipay", "「{short}医保」支付宝小程序", "the 「{short}医保」 Alipay mini program"),
          ("app", "「{short}医保」APP", "the 「{short}医保」 app"),
          ("wechat", "「{short}智慧人社」微信小程序", "the 「{short}智慧人社」 WeChat mini program")]
MENUS = [("办事服务", "Services"), ("我要办", "Apply"), ("便民服务", "Convenience services"),
         ("医保服务", "Medical insurance services"), ("掌上办", "On your phone")]


def q(s):
    """A YAML scalar for s: plain where that is safe, else double-quoted."""
    s = str(s)
    if (not s or s[0] in "-?:,[]{}#&*!|>'\"%@` " or s[-1] in " :" or ": " in s or " #" in s
            or "\n" in s or re.fullmatch(r"[-+0-9.:eE_ ]+|true|false|null|yes|no|on|off|~", s, re.I)):
        return json.dumps(s, ensure_ascii=False)
    return s


def qf(s):
    """A scalar inside a flow sequence [a, b]."""
    s = str(s)
    if any(c in s for c in ",[]{}"):
        return json.dumps(s, ensure_ascii=False)
    return q(s)


def flow(items):
    return "[" + ", ".join(qf(i) for i in items) + "]"


# data/ keeps its lines to about this many characters.
WIDTH = 100


def cap(s):
    return s[:1].upper() + s[1:]


def scalar_lines(prefix, indent, key, s):
    """`key: s` after prefix; a long one folded (>-) onto lines of its own below,
    English wrapped at the width, Chinese (no spaces to fold at) on one line."""
    line = prefix + key + ": " + q(s)
    if len(line) <= WIDTH:
        return [line]
    body = " " * (indent + 2)
    if " " not in s.strip():
        return [prefix + key + ": >-", body + s]
    wrapped = textwrap.wrap(s, WIDTH - len(body), break_long_words=False, break_on_hyphens=False)
    return [prefix + key + ": >-"] + [body + w for w in wrapped]


def bi_lines(indent, key, zh, en):
    """A text in both languages, as data/ writes it: `key: {zh: …, en: …}` when
    that fits on a line, else zh and en on lines of their own under `key:`.
    Without a key it is an item of a list (`- {zh: …, en: …}` or `- zh: …`)."""
    head = " " * indent + (key + ": " if key else "- ")
    one = head + "{zh: " + qf(zh) + ", en: " + qf(en) + "}"
    if len(one) <= WIDTH:
        return [one]
    inner = indent + 2
    if key:
        out = [" " * indent + key + ":"]
        zh_prefix = " " * inner
    else:
        out = []
        zh_prefix = " " * indent + "- "
    out += scalar_lines(zh_prefix, inner, "zh", zh)
    out += scalar_lines(" " * inner, inner, "en", en)
    return out


def parse_flow_map(body):
    """{key: value} of a one-line flow mapping body `a: 1, b: "x, y", c: [p, q]`."""
    out, key, buf, depth, quote = {}, None, "", 0, None
    for ch in body + ",":
        if quote:
            buf += ch
            if ch == quote:
                quote = None
            continue
        if ch in "\"'" and not buf.strip():
            quote = ch
            buf += ch
        elif ch == "[":
            depth += 1
            buf += ch
        elif ch == "]":
            depth -= 1
            buf += ch
        elif ch == ":" and key is None and depth == 0:
            key, buf = buf.strip(), ""
        elif ch == "," and depth == 0:
            if key is not None:
                v = buf.strip()
                if v[:1] in "\"'":
                    v = json.loads(v) if v[0] == '"' else v[1:-1].replace("''", "'")
                out[key] = v
            key, buf = None, ""
        else:
            buf += ch
    return out


def zh_en(value):
    """(zh, en) of a scalar that is either plain or `{zh: …, en: …}`."""
    value = value.strip()
    if value.startswith("{") and value.endswith("}"):
        m = parse_flow_map(value[1:-1])
        return m.get("zh", ""), m.get("en") or m.get("zh", "")
    return value, value


# ---------------------------------------------------------------------------
# Reading data/


def scan_national(path):
    """{procedure id: {list name: [item ids]}} and channel kinds, by layout."""
    procs, kinds = {}, {}
    pid = key = item = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^  - id: (\S+)", line)
            if m:
                pid, key, item = m.group(1), None, None
                procs[pid] = {}
                continue
            m = re.match(r"^    action_name: (.+)$", line)
            if m and pid:
                procs[pid]["action_name"] = m.group(1).strip()
                key = None
                continue
            m = re.match(r"^    (\w+):", line)
            if m and pid:
                key = m.group(1)
                procs[pid].setdefault(key, [])
                continue
            m = re.match(r"^      - id: (\S+)", line)
            if m and pid:
                item = m.group(1)
                procs[pid].setdefault(key, []).append(item)
                continue
            m = re.match(r"^        kind: (\S+)", line)
            if m and pid and key == "channels":
                kinds[(pid, item)] = m.group(1)
    return procs, kinds


def scan_layer_ids(path):
    with open(path, encoding="utf-8") as f:
        return [m.group(1) for m in re.finditer(r"(?m)^  - id: (\S+)", f.read())]


def parse_regions(path):
    regions = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^\s*- \{(.*)\}\s*$", line)
            if not m:
                continue
            fields = parse_flow_map(m.group(1))
            r = {k: fields[k] for k in ("id", "code", "name", "short", "parent", "en") if k in fields}
            al = fields.get("aliases", "").strip("[]")
            r["aliases"] = [a.strip() for a in al.split(",") if a.strip()]
            regions.append(r)
    return regions


def normalize(s):
    """As yibao normalises a --region key (src/kb/region.rs)."""
    return "".join(c for c in s.strip() if c not in " -_'.,()\u3000").lower()


def keys(r):
    out = {normalize(r["id"]), normalize(r["code"]), normalize(r["name"]), normalize(r["short"])}
    if r.get("en"):
        out.add(normalize(r["en"]))
    out.update(normalize(a) for a in r.get("aliases", []))
    return out


# ---------------------------------------------------------------------------
# Regions


def generate_cities(real, rng):
    taken_keys = set(NATIONAL_KEYS)
    for r in real:
        taken_keys |= keys(r)
    taken_codes = {r["code"] for r in real}
    provinces = [r for r in real if not r.get("parent")]
    existing = {}
    for r in real:
        if r.get("parent"):
            existing.setdefault(r["parent"], []).append(r)
    pairs = [(a, b) for a in CHARS for b in CHARS if a[0] != b[0]]
    rng.shuffle(pairs)
    pi = 0
    out = []
    for p in provinces:
        want = CITY_COUNTS.get(p["id"], 0) - len(existing.get(p["id"], []))
        if want <= 0:
            continue
        prefix = p["code"][:2]
        kinds = []
        for suffix, n, ethnic in NON_CITY.get(p["id"], []):
            kinds += [(suffix, ethnic)] * n
        kinds = [("市", None)] * (want - len(kinds)) + kinds
        num = 1
        for suffix, ethnic in kinds[:want]:
            while True:
                (c1, p1), (c2, p2) = pairs[pi]
                pi += 1
                short = c1 + c2
                rid = p1 + p2
                eth = rng.choice(ethnic) if ethnic else ""
                name = short + eth + suffix
                en = cap(rid) + (" " + ETHNIC_EN[eth] if eth else "") + SUFFIX_EN[suffix]
                aliases = [short + "州"] if suffix == "自治州" else []
                cand = {normalize(x) for x in [rid, name, short] + aliases}
                if (not (cand | {normalize(en)}) & taken_keys
                        and len(cand) == 3 + len(aliases)):
                    break
            while f"{prefix}{num:02d}00" in taken_codes:
                num += 1
            code = f"{prefix}{num:02d}00"
            num += 1
            r = {"id": rid, "code": code, "name": name, "short": short, "parent": p["id"],
                 "en": en, "aliases": aliases}
            taken_keys |= keys(r)
            taken_codes.add(code)
            out.append(r)
    return out


def region_line(r):
    parts = [f"id: {r['id']}", f'code: "{r["code"]}"', f"name: {r['name']}",
             f"short: {r['short']}"]
    if r.get("parent"):
        parts.append(f"parent: {r['parent']}")
    if r.get("en"):
        parts.append(f"en: {qf(r['en'])}")
    if r.get("aliases"):
        parts.append(f"aliases: {flow(r['aliases'])}")
    return "  - { " + ", ".join(parts) + " }\n"


# ---------------------------------------------------------------------------
# Layers


class Place:
    """A region with what its generated layers need to know about it."""

    def __init__(self, r, province, capital, rng):
        self.id = r["id"]
        self.name = r["name"]
        self.short = r["short"]
        self.en = r.get("en") or cap(r["id"])
        self.is_city = bool(r.get("parent"))
        self.province = province  # the province's Place, or None
        # the city whose streets addresses use: (full name, English name)
        self.capital = (capital["name"], capital.get("en") or cap(capital["id"]))
        self.area = "0%d" % rng.randint(310, 998) if self.is_city else "0%d" % rng.randint(10, 99)
        self.hlj = self.id == "heilongjiang" or (province is not None and province.id == "heilongjiang")
        online_kind, online_name, online_en = rng.choice(ONLINE)
        self.online_kind = online_kind
        self.online_name = online_name.format(short=self.short)
        self.online_en = online_en.format(short=self.short)
        self.bureau = f"{self.name}医疗保障局"
        self.bureau_en = f"the {self.en} healthcare security bureau ({self.bureau})"
        if self.is_city:
            self.centre = f"{self.name}医疗保障服务中心"
            self.centre_en = f"the {self.en} medical insurance service centre ({self.centre})"
        else:
            self.centre = f"{self.name}医疗保障事务服务中心"
            self.centre_en = f"the {self.en} medical insurance affairs service centre ({self.centre})"

    def address(self, rng):
        """An address (zh, en); the English keeps the Chinese for a taxi driver."""
        d, r, n, b, f = (rng.choice(DISTRICTS), rng.choice(ROADS), rng.randint(1, 399),
                         rng.choice(BUILDINGS), rng.choice(FLOORS))
        zh = f"{self.capital[0]}{d[0]}{r[0]}{n}号{b[0]}{f[0]}"
        return zh, f"{cap(f[1])}, {b[1]}, {n} {r[1]}, {d[1]}, {self.capital[1]} ({zh})"

    def phone(self, rng):
        return f"{self.area}-{rng.randint(2, 8)}{rng.randint(0, 9999999):07d}"


class Layer:
    """Writes one procedure layer as YAML text."""

    def __init__(self):
        self.lines = []

    def add(self, indent, text):
        self.lines.append(" " * indent + text + "\n")

    def bi(self, indent, key, zh, en):
        """A text in both languages (key None: an item of a list)."""
        self.lines.extend(line + "\n" for line in bi_lines(indent, key, zh, en))

    def text(self):
        return "".join(self.lines)


def pick_src(rng, topic, place, extra=()):
    pool = TOPIC_SRC[topic]
    src = rng.sample(pool, k=min(len(pool), rng.choice([1, 1, 1, 2])))
    for e in extra:
        if e not in src:
            src.append(e)
    if place.hlj and rng.random() < 0.3:
        src.append("hlj-ybj")
    return src


def maybe_check(rng, out, indent, p=0.3):
    if rng.random() < p:
        out.add(indent, "confidence: check")


# How often a generated layer has each optional part. Tuned so that the base
# comes out at roughly 100x the bytes of data/ (see the manifest's "ratio_du_sb").
P = {
    "hall": 0.7,              # a local service window as a channel
    "summary_extra": 0.5,     # a second sentence in the summary
    "hotline": 0.25,          # a local 12393 line as an extra channel
    "override_window": 0.3,   # replace the national window channel with a local one
    "form": 0.4,              # a local application form among the materials
    "proxy": 0.35,            # a power-of-attorney material for agents
    "track_step": 0.45,       # a third step: following the application online
    "escalate_step": 0.4,     # (cities) a step that uses the province's channels
    "second_tip": 0.45,
    "warning": 0.3,
    "faq": 0.6,
    "time_limit": 0.5,
    "online_note": 0.7,       # a note on the online channel
}


def gen_hall(L, rng, place, topic, hall, subj):
    """A local service hall as a channel."""
    _doing, short_name, _menu, _doing_en, short_en, _menu_en = subj
    L.add(6, f"- id: {hall}")
    L.add(8, "kind: window")
    L.bi(8, "name", place.centre + "服务大厅", f"Service hall of {place.centre_en}")
    L.bi(8, "address", *place.address(rng))
    L.add(8, f'phone: "{place.phone(rng)}"')
    L.bi(8, "hours", *rng.choice(HOURS))
    a, b = rng.randint(1, 12), rng.randint(13, 30)
    L.bi(8, "note", *rng.choice([
        (f"{short_name}在{a}号至{b}号综合窗口办理，取号时选「医保业务」。",
         f"{cap(short_en)} is handled at general windows {a} to {b}; when you take a number, "
         f"choose 「医保业务」 (medical insurance services)."),
        (f"带齐材料到窗口取号；{short_name}可以由家属凭双方身份证代办。",
         f"Bring all your documents and take a number at the window; a relative can see to "
         f"your {short_en} with both your ID cards."),
        ("大厅设有帮办代办窗口和自助服务区，老年人可以走绿色通道。",
         "The hall has a window where staff help you or act for you, and a self-service area; "
         "older people can use the priority lane (绿色通道)."),
        (f"节假日前后人多，建议先在{place.online_name}预约再去。",
         f"It is busy around public holidays: book in {place.online_en} before you go."),
    ]))
    L.add(8, f"src: {flow(pick_src(rng, topic, place))}")
    maybe_check(rng, L, 8)


def gen_layer(place, pid, national, kinds, prov_channels, seed):
    """The YAML text of one layer of procedure pid at place."""
    rng = random.Random(f"{seed}:{place.id}:{pid}")
    topic = pid.split(".")[0]
    subj = SUBJECT[pid] + SUBJECT_EN[pid]
    doing, short_name, menu, doing_en, short_en, menu_en = subj
    nat = national[pid]
    nat_channels = nat.get("channels", [])
    rid = place.id
    online, online_en = place.online_name, place.online_en
    en = place.en
    L = Layer()
    L.add(2, f"- id: {pid}")

    # summary
    how = rng.choice([
        (f"可以在{online}上办，也可以到各县（区）医保窗口办",
         f"you can do it in {online_en} or at the medical insurance window of any county or "
         f"district"),
        (f"线上用{online}，线下到{place.centre}",
         f"online it is {online_en}, in person {place.centre_en}"),
        (f"优先在{online}办，不会用手机的到窗口办",
         f"use {online_en} first; if you can't manage it on a phone, go to a window"),
    ])
    extra = rng.choice([
        ("材料齐全的当场受理。", " If your documents are complete, it is accepted on the spot."),
        ("窗口实行「一窗通办」，不用分头排队。",
         " The windows work as 「一窗通办」 (one window for everything), so you don't queue at "
         "several."),
        ("行动不便的老人可以预约上门服务。",
         " Older people who find it hard to get about can book a home visit."),
        ("具体要求以当地医保部门公布的为准。",
         " The details are as the local medical insurance department publishes them."),
    ])
    more = rng.random() < P["summary_extra"]
    L.bi(4, "summary", f"在{place.name}{doing}，{how[0]}。" + (extra[0] if more else ""),
         f"To {doing_en} in {en}, {how[1]}." + (extra[1] if more else ""))

    # keywords: local words that search should match
    L.add(4, "keywords:")
    L.add(6, f"zh: {flow([place.short + short_name])}")
    L.add(6, f"en: {flow([normalize_words(en) + ' ' + short_en])}")

    # channels: a local window, the local online service, maybe a hotline,
    # maybe the national window overridden with a local address
    L.add(4, "channels:")
    hall = f"{rid}-hall" if rng.random() < P["hall"] else None
    windows = [c for c in nat_channels if kinds.get((pid, c)) == "window"]
    if hall:
        gen_hall(L, rng, place, topic, hall, subj)
    net = f"{rid}-online"
    L.add(6, f"- id: {net}")
    L.add(8, f"kind: {place.online_kind}")
    L.bi(8, "name", online, cap(online_en))
    top = rng.choice(MENUS)
    L.bi(8, "path", f"{top[0]} → {menu} → {short_name}",
         f"{top[0]} ({top[1]}) → {menu} ({menu_en}) → {short_name} ({cap(short_en)})")
    if rng.random() < P["online_note"]:
        L.bi(8, "note", *rng.choice([
            ("首次使用要实名认证并刷脸；菜单名称以当前页面为准。",
             "The first time, confirm your real name and scan your face; menu names change, so "
             "go by what the page shows."),
            ("可以为自己办，也可以在「亲情账户」里为家人办。",
             "You can do it for yourself, or for a relative through the family proxy account "
             "(亲情账户)."),
            ("页面会调整，找不到入口时在首页搜索框输入业务名称。",
             "Pages change; if you can't find the entry, type the name of the service into the "
             "search box on the home page."),
        ]))
    L.add(8, f"src: {flow(pick_src(rng, topic, place, ['nhsa-platform'] if rng.random() < 0.3 else []))}")
    maybe_check(rng, L, 8, 0.5)
    tel = None
    if rng.random() < P["hotline"]:
        tel = f"{rid}-hotline"
        L.add(6, f"- id: {tel}")
        L.add(8, "kind: phone")
        L.bi(8, "name", place.name + "医保服务热线", f"{en} medical insurance hotline (12393)")
        L.add(8, f'phone: "{place.area}-12393"')
        L.bi(8, "hours", *rng.choice(HOURS))
        L.bi(8, "note", f"在{place.name}以外拨打要加区号 {place.area}；也可以直接拨 12393 转接当地。",
             f"From outside {en}, dial the area code {place.area} first; or simply dial 12393 "
             f"and ask to be put through to {en}.")
        L.add(8, f"src: {flow(['nhsa-12393'])}")
    if windows and rng.random() < P["override_window"]:
        L.add(6, f"- id: {windows[0]}")
        L.add(8, "kind: window")
        L.bi(8, "name", place.bureau + "经办窗口", f"Service window of {place.bureau_en}")
        L.bi(8, "address", *place.address(rng))
        L.add(8, f'phone: "{place.phone(rng)}"')
        L.bi(8, "hours", *rng.choice(HOURS))
        L.add(8, f"src: {flow(pick_src(rng, topic, place))}")
        maybe_check(rng, L, 8)

    # materials
    form = rng.random() < P["form"]
    proxy = rng.random() < P["proxy"]
    if form or proxy:
        L.add(4, "materials:")
    if form:
        title = "《" + place.name + short_name + "申请表》"
        L.add(6, f"- id: {rid}-form")
        L.bi(8, "name", title, f"The {en} application form ({title})")
        L.add(8, "required: false")
        L.bi(8, "issuer", place.bureau, place.bureau_en)
        L.bi(8, "copies", *rng.choice([("原件1份", "1 original"), ("原件", "original"),
                                       ("原件1份、复印件1份", "1 original and 1 copy")]))
        L.bi(8, "note", f"窗口可以现场领取填写，也可以在{online}下载打印；线上办理的不用交。",
             f"Pick one up and fill it in at the window, or download and print it from {online_en}; "
             f"if you apply online you don't need it.")
        L.add(8, f"src: {flow(pick_src(rng, topic, place))}")
        maybe_check(rng, L, 8)
    if proxy:
        L.add(6, f"- id: {rid}-proxy")
        L.bi(8, "name", "授权委托书和代办人身份证",
             "Letter of authorisation (授权委托书) and the ID card of the person acting for you")
        L.add(8, "required: false")
        L.add(8, "who: [agent]")
        L.bi(8, "copies", "原件", "original")
        L.bi(8, "note", f"委托他人到{place.centre}代办{short_name}时提供；近亲属代办的带上户口簿或关系证明即可。",
             f"Needed when someone else goes to {place.centre_en} to see to your {short_en}; a "
             f"close relative need only bring the household register (户口簿) or proof of the "
             f"relationship.")
        L.add(8, f"src: {flow(pick_src(rng, topic, place))}")

    # steps: they use the layer's own channels, the national ones and (cities)
    # the province layer's
    nat_pick = rng.sample(nat_channels, k=min(2, len(nat_channels)))
    visit = ((f"到{place.centre}服务大厅取号办理{short_name}，材料齐全的当场受理。",
              f"Take a number at the service hall of {place.centre_en} for your {short_en}; if your "
              f"documents are complete, it is accepted on the spot.")
             if hall else
             (f"到参保地医保经办窗口办理{short_name}，材料齐全的当场受理。",
              f"Go to the medical insurance service window where you are insured for your {short_en}; "
              f"if your documents are complete, it is accepted on the spot."))
    steps = [
        (f"{rid}-book",
         (f"预约：在{online}或拨打热线预约{short_name}，避开月初和周一上午的高峰。",
          f"Book ahead: book your {short_en} in {online_en} or on the hotline, and avoid the rush at "
          f"the start of the month and on Monday mornings."),
         [net] + ([tel] if tel else [])),
        (f"{rid}-visit", visit,
         ([hall] if hall else windows[:1]) + [c for c in nat_pick[:1] if c not in windows[:1]]),
    ]
    if rng.random() < P["track_step"]:
        steps.append((f"{rid}-track",
                      (f"办理进度可以在{online}「我的办件」里查询，结果也会通过短信告知。",
                       f"Follow its progress under 「我的办件」 (My applications) in {online_en}; "
                       f"you are also told the result by text message."),
                      [net] + nat_pick[1:]))
    if place.is_city and prov_channels and rng.random() < P["escalate_step"]:
        prov = place.province
        steps.append((f"{rid}-escalate",
                      (f"需要省级复核的，由{place.bureau}统一报送，结果可以在{prov.online_name}上查看。",
                       f"Where the province must review it, {place.bureau_en} sends it on for you, "
                       f"and you can see the result in {prov.online_en}."),
                      prov_channels))
    L.add(4, "steps:")
    for sid, (zh, en_text), chans in steps:
        L.add(6, f"- id: {sid}")
        L.bi(8, "text", zh, en_text)
        if chans:
            L.add(8, f"channels: {flow(chans)}")
        L.add(8, f"src: {flow(pick_src(rng, topic, place))}")
        maybe_check(rng, L, 8, 0.2)

    # tips
    tips = [
        (f"{place.name}的{short_name}已纳入「一网通办」，多数可以全程网办。",
         f"In {en}, {short_en} is part of 「一网通办」 (one-stop online service): most of it can "
         f"be done online from start to finish."),
        ("去窗口前先打电话问清是否正常办公；节假日前后人多，建议错峰。",
         "Phone before you go to make sure the window is open as usual; it is busy around public "
         "holidays, so pick a quieter time."),
        (f"{place.short}各县（区）医保经办机构也能办{short_name}，可以就近办。",
         f"The medical insurance service offices (经办机构) of every county and district in {en} "
         f"also handle {short_en}, so you can go to the nearest one."),
        ("行动不便的老年人、残疾人可以申请上门服务，或由家属代办。",
         "Older people and people with disabilities who find it hard to get about can ask for a "
         "home visit, or have a relative act for them."),
    ]
    L.add(4, "tips:")
    for i, (zh, en_text) in enumerate(rng.sample(tips, 2 if rng.random() < P["second_tip"] else 1)):
        L.add(6, f"- id: {rid}-tip-{i + 1}")
        L.bi(8, "text", zh, en_text)
        L.add(8, f"src: {flow(pick_src(rng, topic, place, HOTLINE_SRC[:1] if i else []))}")

    if rng.random() < P["warning"]:
        L.add(4, "warnings:")
        L.add(6, f"- id: {rid}-fraud")
        L.bi(8, "text", f"{place.bureau}不会通过电话或短信索要验证码和银行卡密码；"
                        f"遇到自称「医保局」要求转账的，请拨 12393 核实。",
             f"{cap(place.bureau_en)} never asks for verification codes or bank card passwords "
             f"by phone or text message; if someone who says they are from the 「医保局」 asks you "
             f"to transfer money, call 12393 to check.")
        L.add(8, f"src: {flow(['nhsa-12393'])}")

    if rng.random() < P["faq"]:
        days = rng.randint(1, 10)
        question, answer = rng.choice([
            ((f"在{place.short}{doing}要多长时间？", f"How long does it take to {doing_en} in {en}?"),
             (f"材料齐全的，窗口一般当场受理，{days}个工作日内办结；线上申请的可以在{online}查看进度。",
              f"With complete documents, the window usually accepts it on the spot and it is done "
              f"within {days} working days; if you applied online, follow it in {online_en}.")),
            ((f"不在{place.short}居住，能委托别人代办吗？",
              f"I don't live in {en}: can someone else do it for me?"),
             ("可以。代办人带上参保人和代办人的身份证原件，以及授权委托书；近亲属代办的带上关系证明。",
              "Yes. The person acting for you brings both your original ID cards and a letter of "
              "authorisation (委托书); a close relative brings proof of the relationship.")),
            ((f"{place.short}和全国的办法有什么不同？",
              f"How do the rules in {en} differ from the national ones?"),
             (f"办法和全国一致，只是多了{online}和{place.centre}窗口等本地渠道，材料以窗口一次性告知的为准。",
              f"The rules are the same as nationwide; there are simply local channels as well, "
              f"such as {online_en} and the windows of {place.centre_en}. For documents, go by "
              f"the list the window gives you.")),
        ])
        L.add(4, "faq:")
        L.add(6, f"- id: {rid}-faq")
        L.bi(8, "q", *question)
        L.bi(8, "a", *answer)
        L.add(8, f"src: {flow(pick_src(rng, topic, place))}")

    # a comparison table (scheme.compare): a local row
    if "comparison" in nat:
        L.add(4, "comparison:")
        L.add(6, "rows:")
        L.add(8, f"- id: {rid}-rate")
        L.bi(10, "label", place.short + "缴费标准", f"How much you pay in {en}")
        L.add(10, "cells:")
        pct = rng.randint(6, 9)
        L.bi(12, None, f"单位按工资总额的{pct}%左右缴，个人按本人工资的2%缴；"
                       f"灵活就业人员按{place.short}公布的缴费基数自己缴。",
             f"The employer pays about {pct}% of its total wage bill and you pay 2% of your wage; "
             f"self-employed and flexibly employed people pay on the contribution base {en} "
             f"publishes.")
        fee, aid = rng.choice([380, 400, 410]), rng.choice([670, 690, 700])
        L.bi(12, None, f"2025年度个人缴费每人每年{fee}元，财政按每人每年不低于{aid}元补助。",
             f"For 2025 you pay {fee} yuan a year, and public funds add at least {aid} yuan per "
             f"person per year.")
        L.add(10, f"src: {flow(pick_src(rng, topic, place))}")
        L.add(10, "confidence: check")

    if rng.random() < P["time_limit"]:
        days = rng.randint(1, 15)
        L.add(4, "time_limit:")
        L.bi(6, "text", f"{place.name}窗口受理后{days}个工作日内办结。",
             f"Once a window in {en} has accepted it, it is done within {days} working days.")
        L.add(6, f"src: {flow(pick_src(rng, topic, place))}")
        L.add(6, "confidence: check")

    L.add(4, f"checked: {CHECKED}")
    return L.text()


def normalize_words(s):
    """A place's English name as a search keyword: `Suzhou (Jiangsu)` → `suzhou jiangsu`."""
    return " ".join(re.sub(r"[^\w' -]", " ", s).split()).lower()


def layer_channels(place, pid, layer_text):
    """Ids of the channels a generated layer defines (for city steps to use)."""
    m = re.search(r"(?ms)^    channels:\n(.*?)(?=^    \w)", layer_text)
    ids = re.findall(r"(?m)^      - id: (\S+)", m.group(1)) if m else []
    return [i for i in ids if i.startswith(place.id + "-")]


def header(place, topic_name):
    level = "city" if place.is_city else "province"
    return (f"# {place.name} ({place.en}, {level}) — {topic_name}: benchmark data generated by\n"
            f"# bench/gen_base.py; its addresses, phone numbers and details are made up and\n"
            f"# only measure scale.\n"
            f"region: {place.id}\nprocedures:\n")


# ---------------------------------------------------------------------------


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out_dir")
    ap.add_argument("--data", default=os.path.join(here, "..", "data"))
    ap.add_argument("--seed", type=int, default=20250327)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    data = os.path.abspath(args.data)
    out = os.path.abspath(args.out_dir)
    if os.path.commonpath([out, data]) == data:
        sys.exit("gen_base.py: OUT_DIR must not be inside the data directory")
    if os.path.exists(out):
        if os.path.exists(os.path.join(out, ".bench-manifest.json")) or not os.listdir(out):
            shutil.rmtree(out)
        else:
            sys.exit(f"gen_base.py: {out} exists and was not made by gen_base.py; remove it first")
    os.makedirs(out)

    # verbatim copies: every top-level file but the registry (topics, sources,
    # the glossary, whatever else the base holds at the top)
    for f in sorted(os.listdir(data)):
        if f.endswith(".yaml") and f != "regions.yaml" and os.path.isfile(os.path.join(data, f)):
            shutil.copyfile(os.path.join(data, f), os.path.join(out, f))
    os.makedirs(os.path.join(out, "national"))
    national, kinds, proc_topic = {}, {}, {}
    topic_names = {}
    for m in re.finditer(r"(?m)^  - id: (\S+)\n    name: (.+)$",
                         open(os.path.join(data, "topics.yaml"), encoding="utf-8").read()):
        topic_names[m.group(1)] = zh_en(m.group(2))
    topic_order = list(topic_names)
    for f in sorted(os.listdir(os.path.join(data, "national"))):
        if not f.endswith(".yaml"):
            continue
        src = os.path.join(data, "national", f)
        shutil.copyfile(src, os.path.join(out, "national", f))
        procs, k = scan_national(src)
        national.update(procs)
        kinds.update(k)
    for pid in national:
        proc_topic[pid] = pid.split(".")[0]
    for pid in national:
        if pid not in SUBJECT:  # a procedure added after this script was written
            action, action_en = zh_en(national[pid].get("action_name") or pid.split(".")[1])
            menu, menu_en = topic_names.get(proc_topic[pid], ("医保服务", "Medical insurance services"))
            SUBJECT[pid] = (f"办理{action}", action, menu)
            SUBJECT_EN[pid] = (f"see to {action_en}", action_en, menu_en)
            print(f"gen_base.py: note: no text pool for {pid}; using generic text", file=sys.stderr)
        if proc_topic[pid] not in TOPIC_SRC:
            TOPIC_SRC[proc_topic[pid]] = ["seed-000", "nhsa-12393"]

    # regions
    real = parse_regions(os.path.join(data, "regions.yaml"))
    rng = random.Random(args.seed)
    gen = generate_cities(real, rng)
    with open(os.path.join(data, "regions.yaml"), encoding="utf-8") as f:
        regions_text = f.read().rstrip("\n") + "\n"
    by_parent = {}
    for r in real + gen:
        if r.get("parent"):
            by_parent.setdefault(r["parent"], []).append(r)
    regions_text += ("\n  # ---- generated by bench/gen_base.py: fictional prefecture-level units "
                     "(names, ids and codes are made up) ----\n")
    for p in [r for r in real if not r.get("parent")]:
        mine = [r for r in gen if r["parent"] == p["id"]]
        if mine:
            regions_text += f"\n  # {p['name']}\n" + "".join(region_line(r) for r in mine)
    with open(os.path.join(out, "regions.yaml"), "w", encoding="utf-8") as f:
        f.write(regions_text)

    # places: provinces first, then their cities
    places = []
    prov_place = {}
    for p in [r for r in real if not r.get("parent")]:
        cities = by_parent.get(p["id"], [])
        capital = cities[0] if cities else p
        pl = Place(p, None, capital, random.Random(f"{args.seed}:place:{p['id']}"))
        prov_place[p["id"]] = pl
        places.append(pl)
    for p in [r for r in real if not r.get("parent")]:
        for c in by_parent.get(p["id"], []):
            places.append(Place(c, prov_place[p["id"]], c,
                                random.Random(f"{args.seed}:place:{c['id']}")))

    # real layer files, by region: {(region, topic): (path relative to data, [procedure ids])}
    real_files = {}
    for dirpath, _dirs, files in os.walk(data):
        for f in files:
            full = os.path.join(dirpath, f)
            rel = os.path.relpath(full, data)
            if not f.endswith(".yaml") or rel.split(os.sep)[0] == "national" or os.sep not in rel:
                continue
            text = open(full, encoding="utf-8").read()
            m = re.search(r"(?m)^region: (\S+)", text)
            if not m:
                continue
            real_files[(m.group(1), f[: -len(".yaml")])] = (rel, text, scan_layer_ids(full))

    layers = 0
    generated_layers = 0
    # the channels each generated province layer defines, for its cities' steps
    prov_chan = {}
    for pl in places:
        if pl.is_city:
            rel_dir = os.path.join(pl.province.id, pl.id)
        else:
            rel_dir = pl.id
        for topic in topic_order:
            pids = [p for p in national if proc_topic[p] == topic]
            if not pids:
                continue
            existing = real_files.get((pl.id, topic))
            if existing:
                rel, text, have = existing
                body = text.rstrip("\n") + "\n"
                path = os.path.join(out, rel)
                layers += len(have)
            else:
                have = []
                body = header(pl, topic_names.get(topic, (topic, topic))[0])
                path = os.path.join(out, rel_dir, topic + ".yaml")
            parts = []
            for pid in pids:
                if pid in have:
                    continue
                pc = prov_chan.get((pl.province.id, pid), []) if pl.is_city else []
                text = gen_layer(pl, pid, national, kinds, pc, args.seed)
                if not pl.is_city:
                    prov_chan[(pl.id, pid)] = layer_channels(pl, pid, text)
                parts.append(text)
                generated_layers += 1
                layers += 1
            if existing and parts:
                body += ("\n  # ---- generated by bench/gen_base.py (fictional details) ----\n")
            body += "\n".join(parts)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)

    def du(d):
        total = 0
        for dp, _ds, fs in os.walk(d):
            for f in fs:
                if not f.startswith("."):
                    total += os.path.getsize(os.path.join(dp, f))
        return total

    def du_sb(d):
        """What `du -sb d` prints: apparent sizes of files and directories."""
        total = os.lstat(d).st_size
        for dp, ds, fs in os.walk(d):
            for f in ds + fs:
                if not f.startswith("."):
                    total += os.lstat(os.path.join(dp, f)).st_size
        return total

    def count_yaml(d):
        return sum(1 for dp, _ds, fs in os.walk(d) for f in fs if f.endswith(".yaml"))

    data_bytes, out_bytes = du(data), du(out)
    data_du, out_du = du_sb(data), du_sb(out)
    # A generated city if there is one; the registry may already hold them all.
    sample = next((r for r in gen if r["parent"] == "hebei"), None) or next(
        r for r in real if r.get("parent") == "hebei")
    manifest = {
        "seed": args.seed,
        "data_du_sb": data_du,
        "base_du_sb": out_du,
        "ratio_du_sb": round(out_du / data_du, 1),
        "data_file_bytes": data_bytes,
        "base_file_bytes": out_bytes,
        "ratio_file_bytes": round(out_bytes / data_bytes, 1),
        "files": count_yaml(out),
        "regions": len(real) + len(gen),
        "provinces": len([r for r in real if not r.get("parent")]),
        "cities": len([r for r in real + gen if r.get("parent")]),
        "generated_cities": len(gen),
        "procedures": len(national),
        "layers": layers,
        "generated_layers": generated_layers,
        "sample_city": sample["id"],
        "sample_city_name": sample["name"],
    }
    with open(os.path.join(out, ".bench-manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, ensure_ascii=False, indent=2)
        f.write("\n")
    if not args.quiet:
        print(json.dumps(manifest, ensure_ascii=False))


if __name__ == "__main__":
    main()
