#!/usr/bin/env python3
"""Writes data/regions.yaml, the region registry, from a snapshot of the
public dataset yescallop/areacodes (中华人民共和国县级以上行政区划代码, the
GB/T 2260 codes the Ministry of Civil Affairs publishes, CC0).

    python3 tools/regions/generate.py PATH [--out data/regions.yaml] [--check]

PATH is a checkout of the dataset (its newest data/<year>.txt is read) or one
data/<year>.txt file; for a file, or a checkout without git, give the
dataset's revision with --revision. See tools/regions/README.md.

What the registry holds:
- the 31 provincial-level divisions and 新疆生产建设兵团 (the 32 units of the
  national 医保 system), from PROVINCES below, checked against the dataset;
- every prefecture-level division (地级市, 地区, 自治州, 盟: codes xxyy00);
- the county-level units a province administers directly (省直辖县级行政单位,
  codes without a prefecture of their own: 琼海, 仙桃, 济源, 石河子 ...).
  The twelve 兵团 cities of 新疆 (6590xx, each one 师市合一 with a division of
  the 兵团) belong to the 兵团's 医保 system, so their parent is `bingtuan`.
Municipalities' districts and counties are left out.

Names, from the dataset's full name:
- short: the name without its suffix (市, 地区, 盟, 县, 林区); for 自治州 and
  自治县 also without the peoples named (延边朝鲜族自治州 → 延边). Where that
  would equal a provincial unit's short name the city keeps a suffix: 吉林市,
  海南州 (the province keeps 吉林, 海南).
- aliases: 自治州 also answer to <short>州 (临夏州); a prefecture whose English
  name is not its pinyin also answers to that name in lowercase (kashgar).
- id: the pinyin of the short name, lowercase ASCII, ü written v, read by
  words (pypinyin's phrase dictionary) and corrected by PINYIN below. Ids the
  registry had before keep their value (KEPT_IDS). Where several cities get
  the same pinyin, each one (except a kept id) has its province's id appended:
  宜春 → yichunjiangxi (伊春 keeps yichun), 福州 → fuzhoufujian and 抚州 →
  fuzhoujiangxi. `--region` ignores hyphens, so yichun-jiangxi also works.
- en: the English name: ENGLISH below where the usual English name is not the
  pinyin (Harbin, Kashgar), else the pinyin written as a name (Haikou, Xi'an);
  地区 add "Prefecture", 盟 "League", 自治州 "<peoples> Autonomous Prefecture",
  县 "County", 自治县 "<peoples> Autonomous County". Cities that share a pinyin
  add their province: "Yichun (Jiangxi)".

The output is deterministic: the same dataset gives the same bytes.
"""

import argparse
import os
import re
import subprocess
import sys

try:
    from pypinyin import Style, lazy_pinyin
except ImportError:  # pragma: no cover - told to the user
    sys.exit("generate.py: needs pypinyin (pip install pypinyin)")

DATASET = "yescallop/areacodes"

# The provincial units: (code, id, full name, short name, English, aliases).
# Ids and aliases are the registry's own and never change.
PROVINCES = [
    ("110000", "beijing", "北京市", "北京", "Beijing", ["peking"]),
    ("120000", "tianjin", "天津市", "天津", "Tianjin", []),
    ("130000", "hebei", "河北省", "河北", "Hebei", []),
    ("140000", "shanxi", "山西省", "山西", "Shanxi", []),
    ("150000", "neimenggu", "内蒙古自治区", "内蒙古", "Inner Mongolia", ["inner-mongolia", "nmg"]),
    ("210000", "liaoning", "辽宁省", "辽宁", "Liaoning", []),
    ("220000", "jilin", "吉林省", "吉林", "Jilin", []),
    ("230000", "heilongjiang", "黑龙江省", "黑龙江", "Heilongjiang", ["hlj", "龙江"]),
    ("310000", "shanghai", "上海市", "上海", "Shanghai", []),
    ("320000", "jiangsu", "江苏省", "江苏", "Jiangsu", []),
    ("330000", "zhejiang", "浙江省", "浙江", "Zhejiang", []),
    ("340000", "anhui", "安徽省", "安徽", "Anhui", []),
    ("350000", "fujian", "福建省", "福建", "Fujian", []),
    ("360000", "jiangxi", "江西省", "江西", "Jiangxi", []),
    ("370000", "shandong", "山东省", "山东", "Shandong", []),
    ("410000", "henan", "河南省", "河南", "Henan", []),
    ("420000", "hubei", "湖北省", "湖北", "Hubei", []),
    ("430000", "hunan", "湖南省", "湖南", "Hunan", []),
    ("440000", "guangdong", "广东省", "广东", "Guangdong", []),
    ("450000", "guangxi", "广西壮族自治区", "广西", "Guangxi", []),
    ("460000", "hainan", "海南省", "海南", "Hainan", []),
    ("500000", "chongqing", "重庆市", "重庆", "Chongqing", []),
    ("510000", "sichuan", "四川省", "四川", "Sichuan", []),
    ("520000", "guizhou", "贵州省", "贵州", "Guizhou", []),
    ("530000", "yunnan", "云南省", "云南", "Yunnan", []),
    ("540000", "xizang", "西藏自治区", "西藏", "Tibet (Xizang)", ["tibet"]),
    ("610000", "shaanxi", "陕西省", "陕西", "Shaanxi", []),
    ("620000", "gansu", "甘肃省", "甘肃", "Gansu", []),
    ("630000", "qinghai", "青海省", "青海", "Qinghai", []),
    ("640000", "ningxia", "宁夏回族自治区", "宁夏", "Ningxia", []),
    ("650000", "xinjiang", "新疆维吾尔自治区", "新疆", "Xinjiang", []),
    # Not in GB/T 2260: the 医保 platform's code for the 兵团.
    ("660000", "bingtuan", "新疆生产建设兵团", "兵团", "Xinjiang Production and Construction Corps",
     ["xpcc", "xjbt"]),
]

# Provincial codes of the dataset that are not 医保 units of the mainland system.
NOT_UNITS = {"710000", "810000", "820000"}
MUNICIPALITIES = {"11", "12", "31", "50"}
# What `--region` takes for national rules (src/kb/region.rs::NATIONAL_KEYS).
NATIONAL_KEYS = {"national", "全国", "china", "cn", "中国"}
BINGTUAN_CITIES = "6590"

# Ids the registry had before this generator; they never change.
KEPT_IDS = {
    "230100": "haerbin", "230200": "qiqihaer", "230300": "jixi", "230400": "hegang",
    "230500": "shuangyashan", "230600": "daqing", "230700": "yichun", "230800": "jiamusi",
    "230900": "qitaihe", "231000": "mudanjiang", "231100": "heihe", "231200": "suihua",
    "232700": "daxinganling", "622900": "linxia", "623000": "gannan",
}

# Aliases the registry had before (English names now in `en` are dropped as
# aliases when they are the same key).
KEPT_ALIASES = {"230100": ["harbin"], "230200": ["qiqihar"]}

# Pinyin the phrase dictionary gets wrong for these names, by syllable
# (checked by hand against the whole registry; see README.md).
PINYIN = {
    "长治": "chang zhi",
    "漯河": "luo he",
    "朝阳": "chao yang",
    "克孜勒苏": "ke zi le su",
    "阿勒泰": "a le tai",
    "锡林郭勒": "xi lin guo le",
    "昌都": "chang du",
    # A county, not in the registry: kept so that the trap below stays checked.
    "涡阳": "guo yang",
}

# Names whose pinyin is a classic trap: the generator refuses to run if any
# of these comes out differently (the ones in the registry are also tested
# in tests/regions.rs). Not every trap is a region of the registry; those that
# are not are checked through `pinyin_of` alone.
TRAPS = {
    "长春": "changchun", "重庆": "chongqing", "蚌埠": "bengbu", "六安": "luan",
    "丽水": "lishui", "亳州": "bozhou", "乐山": "leshan", "长治": "changzhi",
    "长沙": "changsha", "厦门": "xiamen", "东莞": "dongguan", "番禺": "panyu",
    "台州": "taizhou", "涡阳": "guoyang", "莘县": "shenxian", "铅山": "yanshan",
    "大理": "dali", "那曲": "naqu", "漯河": "luohe", "朝阳": "chaoyang",
    "乐东": "ledong", "澄迈": "chengmai", "儋州": "danzhou", "濮阳": "puyang",
    "吕梁": "lvliang", "宿州": "suzhou", "宿迁": "suqian", "阿勒泰": "aletai",
    "克孜勒苏": "kezilesu", "黄冈": "huanggang", "泸州": "luzhou", "衢州": "quzhou",
    "湛江": "zhanjiang", "郴州": "chenzhou", "莆田": "putian", "菏泽": "heze",
    "邢台": "xingtai", "沈阳": "shenyang", "锡林郭勒": "xilinguole", "昌都": "changdu",
    "六盘水": "liupanshui", "济南": "jinan", "万宁": "wanning",
}

# English names that are not the pinyin (the usual spelling in English).
ENGLISH = {
    "哈尔滨": "Harbin", "齐齐哈尔": "Qiqihar", "呼和浩特": "Hohhot", "包头": "Baotou",
    "鄂尔多斯": "Ordos", "呼伦贝尔": "Hulunbuir", "巴彦淖尔": "Bayannur",
    "乌兰察布": "Ulanqab", "兴安": "Hinggan", "锡林郭勒": "Xilingol", "阿拉善": "Alxa",
    "乌鲁木齐": "Urumqi", "克拉玛依": "Karamay", "吐鲁番": "Turpan", "阿克苏": "Aksu",
    "喀什": "Kashgar", "和田": "Hotan", "阿勒泰": "Altay", "伊犁": "Ili",
    "博尔塔拉": "Bortala", "巴音郭楞": "Bayingolin", "克孜勒苏": "Kizilsu",
    "阿拉尔": "Aral", "图木舒克": "Tumxuk", "可克达拉": "Kokdala",
    "拉萨": "Lhasa", "日喀则": "Shigatse", "林芝": "Nyingchi", "昌都": "Qamdo",
    "那曲": "Nagqu", "阿里": "Ngari", "果洛": "Golog",
}
# English names by code, where the short name alone is ambiguous.
ENGLISH_BY_CODE = {"220200": "Jilin City"}

# Peoples named in 自治州 and 自治县 names, longest first, with English names.
PEOPLES = [
    ("柯尔克孜", "Kirghiz"), ("朝鲜族", "Korean"), ("土家族", "Tujia"), ("布依族", "Bouyei"),
    ("哈尼族", "Hani"), ("景颇族", "Jingpo"), ("傈僳族", "Lisu"), ("蒙古族", "Mongol"),
    ("哈萨克", "Kazakh"), ("蒙古", "Mongol"), ("苗族", "Miao"), ("侗族", "Dong"),
    ("壮族", "Zhuang"), ("彝族", "Yi"), ("傣族", "Dai"), ("白族", "Bai"), ("藏族", "Tibetan"),
    ("羌族", "Qiang"), ("回族", "Hui"), ("黎族", "Li"),
]

# Suffixes of prefecture-level and county-level names: (suffix, English kind).
SUFFIXES = [("自治州", "Autonomous Prefecture"), ("自治县", "Autonomous County"),
            ("地区", "Prefecture"), ("林区", "Forestry District"), ("盟", "League"),
            ("市", ""), ("县", "County")]


def fail(msg):
    sys.exit(f"generate.py: {msg}")


# ---------------------------------------------------------------------------
# Reading the dataset


def dataset_file(path):
    """The data file to read and the data year it covers."""
    if os.path.isdir(path):
        data = os.path.join(path, "data")
        years = sorted(f for f in os.listdir(data) if re.fullmatch(r"\d{4}\.txt", f)) \
            if os.path.isdir(data) else []
        if not years:
            fail(f"{path} has no data/<year>.txt: is it a checkout of {DATASET}?")
        return os.path.join(data, years[-1]), years[-1][:4]
    m = re.search(r"(\d{4})\.txt$", path)
    if not m:
        fail(f"{path}: expected a checkout of {DATASET} or its data/<year>.txt")
    return path, m.group(1)


def dataset_revision(path):
    """`<commit> (<date>)` of a git checkout, or None."""
    if not os.path.isdir(path):
        return None
    try:
        out = subprocess.run(["git", "-C", path, "log", "-1", "--format=%H %cs"],
                             capture_output=True, text=True, check=True).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        return None
    return f"commit {out[0]} ({out[1]})" if len(out) == 2 else None


def read_codes(path):
    codes = {}
    with open(path, encoding="utf-8-sig") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            m = re.fullmatch(r"(\d{6})\s+(\S+)", line)
            if not m:
                fail(f"{path}:{n}: expected `<code> <name>`, got {line!r}")
            codes[m.group(1)] = m.group(2)
    return codes


# ---------------------------------------------------------------------------
# Names


def split_name(name):
    """(short name, suffix, peoples) of a prefecture- or county-level name."""
    for suffix, _ in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            peoples = []
            if suffix.startswith("自治"):
                while True:
                    hit = next((p for p in PEOPLES if stem.endswith(p[0])), None)
                    if not hit:
                        break
                    peoples.insert(0, hit[1])
                    stem = stem[: -len(hit[0])]
                if not peoples:
                    fail(f"{name}: no people recognised before {suffix}; add it to PEOPLES")
            return stem, suffix, peoples
    fail(f"{name}: unknown suffix; add it to SUFFIXES")


def syllables_of(words):
    """Pinyin syllables of a name, lowercase ASCII, ü written v."""
    if words in PINYIN:
        return PINYIN[words].split()
    out = [s.replace("ü", "v").lower()
           for s in lazy_pinyin(words, style=Style.NORMAL, errors="exception")]
    if not all(re.fullmatch(r"[a-z]+", s) for s in out):
        fail(f"{words}: pinyin {out!r} is not plain ASCII")
    return out


def pinyin_of(words):
    return "".join(syllables_of(words))


def written(syllables):
    """Pinyin written as a name: one word, capitalised, ü as such, with an
    apostrophe before a syllable that starts with a, o or e (Xi'an, Lu'an)."""
    out = ""
    for i, s in enumerate(syllables):
        if i and s[0] in "aoe":
            out += "'"
        out += s.replace("v", "ü")
    return out[:1].upper() + out[1:]


def english(base, suffix, peoples):
    """`base` with the kind of division: `Yanbian Korean Autonomous Prefecture`."""
    kind = dict(SUFFIXES)[suffix]
    if peoples:
        kind = " and ".join(peoples) + " " + kind
    return f"{base} {kind}".strip() if kind else base


# ---------------------------------------------------------------------------
# The registry


def normalize(s):
    """The key `--region` compares (src/kb/region.rs::normalize)."""
    return "".join(c for c in s.strip() if c not in " -_\u3000'.,()").lower()


def keys(r):
    ks = [r["id"], r["code"], r["name"], r["short"], r.get("en", "")] + r.get("aliases", [])
    return {normalize(k) for k in ks if k}


def build(codes):
    provinces = []
    for code, rid, name, short, en, aliases in PROVINCES:
        if code != "660000" and codes.get(code) != name:
            fail(f"{code}: the dataset names {codes.get(code)!r}, the registry {name!r}")
        provinces.append({"id": rid, "code": code, "name": name, "short": short, "en": en,
                          "aliases": list(aliases)})
    known = {p["code"] for p in provinces} | NOT_UNITS
    for code in codes:
        if code.endswith("0000") and code not in known:
            fail(f"{code} {codes[code]}: a provincial unit the registry does not know")
    by_prefix = {p["code"][:2]: p for p in provinces}
    province_shorts = {p["short"] for p in provinces}

    cities = []
    for code in sorted(codes):
        prefix = code[:2]
        if code.endswith("0000") or code in NOT_UNITS or prefix + "0000" in NOT_UNITS:
            continue
        prefecture = code.endswith("00")
        direct = not prefecture and code[:4] + "00" not in codes and prefix not in MUNICIPALITIES
        if not (prefecture or direct):
            continue
        name = codes[code]
        stem, suffix, peoples = split_name(name)
        short = stem
        aliases = list(KEPT_ALIASES.get(code, []))
        if suffix == "自治州":
            aliases.append(stem + "州")
        if stem in province_shorts:
            # The province keeps the bare name; the city keeps its suffix.
            short = stem + ("州" if suffix == "自治州" else suffix)
            aliases = [a for a in aliases if a != short]
        parent = by_prefix[prefix]
        if code.startswith(BINGTUAN_CITIES):
            parent = by_prefix["66"]
        base = ENGLISH_BY_CODE.get(code) or ENGLISH.get(stem)
        pinyin = pinyin_of(short)
        cities.append({
            "id": KEPT_IDS.get(code) or pinyin,
            "code": code, "name": name, "short": short, "parent": parent["id"],
            "en": english(base or written(syllables_of(stem)), suffix, peoples),
            "aliases": aliases, "_pinyin": pinyin, "_base": base,
            "_kept": code in KEPT_IDS, "_prefecture": prefecture,
        })

    # Cities that share a pinyin: each takes its province (kept ids stay).
    province_en = {p["id"]: p["en"] for p in provinces}
    taken = {p["id"] for p in provinces}
    by_pinyin = {}
    for c in cities:
        by_pinyin.setdefault(c["_pinyin"], []).append(c)
    for py, group in by_pinyin.items():
        if len(group) == 1 and py not in taken:
            continue
        for c in group:
            if c["_kept"]:
                continue
            c["id"] = py + c["parent"]
            c["en"] = f"{c['en']} ({province_en[c['parent']]})"

    # A prefecture known in English by another name answers to it too.
    for c in cities:
        base = c["_base"]
        if base and normalize(base) not in keys(c):
            c["aliases"].append(base.lower())
        # A kept alias that `en` now covers is dropped.
        c["aliases"] = [a for a in c["aliases"] if normalize(a) != normalize(c["en"])]

    regions = provinces + cities
    check(regions)
    return provinces, cities


def check(regions):
    ids = [r["id"] for r in regions]
    for r in regions:
        if not re.fullmatch(r"[a-z0-9]+", r["id"]):
            fail(f"{r['code']} {r['name']}: id {r['id']!r} is not lowercase ASCII")
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        fail(f"ids used twice: {dup}")
    owner = {k: "national rules" for k in NATIONAL_KEYS}
    for r in regions:
        for k in keys(r):
            if k in owner and owner[k] != r["id"]:
                fail(f"`--region {k}` would name both {owner[k]} and {r['id']}")
            owner[k] = r["id"]
    for words, want in TRAPS.items():
        got = pinyin_of(words)
        if got != want:
            fail(f"pinyin of {words}: {got}, expected {want}; correct it in PINYIN")


# ---------------------------------------------------------------------------
# Writing


def scalar(s):
    """A YAML flow scalar: plain where that is safe, else double-quoted."""
    if re.fullmatch(r"[A-Za-z\u3400-\u9fff][A-Za-z0-9\u3400-\u9fff -]*", s):
        return s
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def line(r):
    parts = [f"id: {r['id']}", f'code: "{r["code"]}"', f"name: {r['name']}",
             f"short: {r['short']}"]
    if r.get("parent"):
        parts.append(f"parent: {r['parent']}")
    parts.append(f"en: {scalar(r['en'])}")
    if r["aliases"]:
        parts.append("aliases: [" + ", ".join(scalar(a) for a in r["aliases"]) + "]")
    return "  - { " + ", ".join(parts) + " }\n"


def render(provinces, cities, year, revision):
    prefectures = sum(1 for c in cities if c["_prefecture"])
    out = [
        "# Region registry: the 31 provincial-level divisions and 新疆生产建设兵团 (the\n",
        "# 32 units of the national 医保 information platform), every prefecture-level\n",
        "# division (地级市, 地区, 自治州, 盟) and the county-level units that provinces\n",
        "# administer directly (省直辖县级行政单位).\n",
        "#\n",
        "# GENERATED by tools/regions/generate.py: do not edit by hand; change the\n",
        "# script and run it again (tools/regions/README.md).\n",
        f"# Dataset: {DATASET} (中华人民共和国县级以上行政区划代码, 民政部), data as of\n",
        f"# {year}-12-31 (data/{year}.txt), {revision}.\n",
        f"# {len(provinces)} provincial units, {prefectures} prefecture-level divisions, "
        f"{len(cities) - prefectures} directly administered county-level units.\n",
        "# Codes: GB/T 2260; the 兵团 has no code of its own and uses 660000 as the 医保\n",
        "# platform does. The 兵团's twelve cities (6590xx) are listed under it.\n",
        "regions:\n",
    ]
    out += [line(p) for p in provinces]
    for p in provinces:
        mine = [c for c in cities if c["parent"] == p["id"]]
        if not mine:
            continue
        pre = sum(1 for c in mine if c["_prefecture"])
        what = []
        if pre:
            what.append(f"{pre} prefecture-level")
        if len(mine) - pre:
            what.append(f"{len(mine) - pre} county-level administered directly")
        out.append(f"\n  # {p['name']} — {', '.join(what)}\n")
        out += [line(c) for c in mine]
    return "".join(out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dataset", help=f"checkout of {DATASET}, or its data/<year>.txt")
    ap.add_argument("--out", default=os.path.normpath(
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data", "regions.yaml")))
    ap.add_argument("--revision", help="the dataset's revision, when PATH is not a git checkout")
    ap.add_argument("--check", action="store_true",
                    help="compare with --out instead of writing it; exit 1 if they differ")
    args = ap.parse_args()
    path, year = dataset_file(args.dataset)
    revision = args.revision or dataset_revision(args.dataset)
    if not revision:
        fail("cannot tell the dataset's revision: give --revision")
    provinces, cities = build(read_codes(path))
    text = render(provinces, cities, year, revision)
    if args.check:
        try:
            with open(args.out, encoding="utf-8") as f:
                same = f.read() == text
        except OSError:
            same = False
        print(f"{args.out}: {'up to date' if same else 'differs from the dataset'}")
        sys.exit(0 if same else 1)
    with open(args.out, "w", encoding="utf-8") as f:
        f.write(text)
    prefectures = sum(1 for c in cities if c["_prefecture"])
    print(f"{args.out}: {len(provinces)} provincial units, {prefectures} prefecture-level, "
          f"{len(cities) - prefectures} directly administered")


if __name__ == "__main__":
    main()
