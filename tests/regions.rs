//! The registry: the 32 provincial units and every prefecture-level
//! division of the dataset, as `yibao regions` lists them and as the
//! library looks them up — keys, ids, pinyin traps, and each city's
//! fallback to its province.

mod common;

use common::*;
use serde_json::{Value, json};
use yibao::kb::Kb;
use yibao::kb::builtin;
use yibao::kb::{RegionInfo, Registry};

// ---------------------------------------------------------------------------
// The registry

fn regions() -> Vec<Value> {
    let v = ok_json(["regions", "--json"]);
    assert_eq!(v["kind"], "regions");
    assert_eq!(v["schema_version"], 1);
    v["regions"].as_array().unwrap().clone()
}

#[test]
fn registry_has_32_provincial_units_including_bingtuan() {
    let all = regions();
    let provinces: Vec<&Value> = all.iter().filter(|r| r.get("parent").is_none()).collect();
    assert_eq!(provinces.len(), 32, "31 provincial divisions + 兵团");
    for p in &provinces {
        assert_eq!(p["level"], "province", "{p}");
        let code = p["code"].as_str().unwrap();
        assert!(
            code.len() == 6 && code.ends_with("0000"),
            "provincial code {code}"
        );
    }
    let bt = provinces
        .iter()
        .find(|r| r["id"] == "bingtuan")
        .expect("bingtuan listed");
    assert_eq!(bt["code"], "660000");
    assert_eq!(bt["name"], "新疆生产建设兵团");
    let mut codes: Vec<&str> = all.iter().map(|r| r["code"].as_str().unwrap()).collect();
    let n = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), n, "codes are unique");
    for (id, code) in [
        ("beijing", "110000"),
        ("heilongjiang", "230000"),
        ("hainan", "460000"),
        ("xinjiang", "650000"),
        ("xizang", "540000"),
        ("chongqing", "500000"),
    ] {
        assert!(
            provinces.iter().any(|r| r["id"] == id && r["code"] == code),
            "{id} {code} missing"
        );
    }
    // Only provinces have child cities; every city's parent exists.
    for c in all.iter().filter(|r| r.get("parent").is_some()) {
        assert_eq!(c["level"], "city", "{c}");
        assert!(provinces.iter().any(|p| p["id"] == c["parent"]), "{c}");
    }
}

#[test]
fn registry_has_all_13_heilongjiang_cities_with_their_codes() {
    let expected = [
        ("haerbin", "230100", "哈尔滨市"),
        ("qiqihaer", "230200", "齐齐哈尔市"),
        ("jixi", "230300", "鸡西市"),
        ("hegang", "230400", "鹤岗市"),
        ("shuangyashan", "230500", "双鸭山市"),
        ("daqing", "230600", "大庆市"),
        ("yichun", "230700", "伊春市"),
        ("jiamusi", "230800", "佳木斯市"),
        ("qitaihe", "230900", "七台河市"),
        ("mudanjiang", "231000", "牡丹江市"),
        ("heihe", "231100", "黑河市"),
        ("suihua", "231200", "绥化市"),
        ("daxinganling", "232700", "大兴安岭地区"),
    ];
    let all = regions();
    let hlj: Vec<&Value> = all
        .iter()
        .filter(|r| r["parent"] == "heilongjiang")
        .collect();
    assert_eq!(hlj.len(), 13, "{hlj:#?}");
    for (id, code, name) in expected {
        let c = hlj
            .iter()
            .find(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("city {id} missing"));
        assert_eq!(c["code"], code, "{id}");
        assert_eq!(c["name"], name, "{id}");
        assert_eq!(c["level"], "city");
    }
    let heihe = hlj.iter().find(|r| r["id"] == "heihe").unwrap();
    assert_eq!(
        heihe["procedures"],
        json!(["card.replace", "family.bind", "balance.query"])
    );
}

#[test]
fn regions_table_groups_cities_under_their_province() {
    let out = ok(["regions"]);
    let all = regions();
    let n = all.len();
    assert!(out.starts_with(&format!("支持的地区（{n} 个）")), "{out}");
    // One table of provincial units, then one per province with cities.
    let with_cities = all
        .iter()
        .filter(|p| p.get("parent").is_none())
        .filter(|p| all.iter().any(|c| c["parent"] == p["id"]))
        .count();
    assert_eq!(with_cities, 28, "all but the four municipalities");
    assert_eq!(assert_tables_aligned(&out, 80, "regions"), 1 + with_cities);
    assert!(out.contains("\n省级单位（32 个）\n"), "{out}");
    for heading in [
        "\n黑龙江省（heilongjiang）下辖 13 个\n",
        "\n海南省（hainan）下辖 19 个\n",
        "\n新疆生产建设兵团（bingtuan）下辖 12 个\n",
    ] {
        assert!(out.contains(heading), "{heading:?} missing:\n{out}");
    }
    for row in [
        "| bingtuan ",
        "| 660000 ",
        "| heihe ",
        "| 231100 ",
        "| daxinganling ",
        "| sanya ",
        "| Harbin ",
    ] {
        assert!(out.contains(row), "{row} missing:\n{out}");
    }
    // Cities come after their province's heading, before the next one.
    let hainan = out.find("海南省（hainan）").unwrap();
    let next = out.find("四川省（sichuan）").unwrap();
    let sanya = out.find("| sanya ").unwrap();
    assert!(hainan < sanya && sanya < next, "三亚 listed under 海南");
    // The plain format keeps one region a line, for grep.
    let plain = ok(["regions", "--format", "plain"]);
    let line = plain
        .lines()
        .find(|l| l.starts_with("haikou｜"))
        .expect("a line for 海口");
    assert_eq!(
        line,
        "haikou｜代码：460100｜名称：海口市｜英文名：Haikou｜本地资料：无"
    );
}

#[test]
fn regions_json_lists_every_region_flat_with_its_english_name() {
    let all = regions();
    assert_eq!(all.len(), Registry::Builtin.iter().count());
    let sanya = all.iter().find(|r| r["id"] == "sanya").expect("sanya");
    assert_eq!(
        *sanya,
        json!({"id": "sanya", "code": "460200", "name": "三亚市", "short": "三亚",
               "level": "city", "parent": "hainan", "en": "Sanya", "aliases": [],
               "procedures": []})
    );
    let yanbian = all.iter().find(|r| r["id"] == "yanbian").expect("yanbian");
    assert_eq!(yanbian["en"], "Yanbian Korean Autonomous Prefecture");
    assert_eq!(yanbian["aliases"], json!(["延边州"]));
}

// ---------------------------------------------------------------------------
// Every prefecture-level division, through the library (one process for
// thousands of lookups)

/// Cities of the registry: prefecture-level (code `xxyy00`) and directly
/// administered county-level units.
fn cities() -> Vec<RegionInfo> {
    Registry::Builtin.iter().filter(|r| r.is_city()).collect()
}

/// The counts the generator wrote into the header of `data/regions.yaml`
/// from the dataset: (provincial, prefecture-level, directly administered).
fn header_counts() -> (usize, usize, usize) {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/regions.yaml")).unwrap();
    assert!(text.contains("# GENERATED by tools/regions/generate.py"));
    assert!(
        text.contains("# Dataset: yescallop/areacodes"),
        "dataset named"
    );
    let line = text
        .lines()
        .find(|l| l.contains("prefecture-level divisions,"))
        .expect("the counts line");
    let n: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|w| !w.is_empty())
        .map(|w| w.parse().unwrap())
        .collect();
    (n[0], n[1], n[2])
}

#[test]
fn registry_holds_every_prefecture_level_division_of_the_dataset() {
    let (provincial, prefectures, direct) = header_counts();
    assert_eq!((provincial, prefectures, direct), (32, 333, 32));
    let all = cities();
    let pre: Vec<&RegionInfo> = all.iter().filter(|r| r.code.ends_with("00")).collect();
    assert!(pre.len() >= 333, "{}", pre.len());
    assert_eq!(pre.len(), prefectures, "the number the dataset gives");
    assert_eq!(all.len() - pre.len(), direct);
    assert_eq!(
        Registry::Builtin.iter().filter(|r| !r.is_city()).count(),
        32
    );
    // Every kind of prefecture-level division is there: 293 地级市, 7 地区,
    // 30 自治州, 3 盟.
    let count = |suffix: &str| pre.iter().filter(|r| r.name.ends_with(suffix)).count();
    assert_eq!(
        (count("市"), count("地区"), count("自治州"), count("盟")),
        (293, 7, 30, 3)
    );
    // A city's code lies in its province's range (the 兵团's cities in 新疆's,
    // the 兵团 having no GB/T 2260 code of its own).
    for c in &all {
        let p = c.province().unwrap();
        assert!(!p.is_city(), "{} has a city as parent", c.id);
        let prefix = if p.id == "bingtuan" {
            "65"
        } else {
            &p.code[..2]
        };
        assert!(
            c.code.starts_with(prefix),
            "{} {} under {}",
            c.id,
            c.code,
            p.id
        );
        assert!(!c.short.is_empty() && !c.en.is_empty(), "{}", c.id);
        assert!(
            c.name.starts_with(c.short.trim_end_matches(['市', '州'])),
            "{}",
            c.id
        );
    }
}

#[test]
fn directly_administered_units_are_cities_of_their_province() {
    for (id, code, name, parent) in [
        ("qionghai", "469002", "琼海市", "hainan"),
        ("wanning", "469006", "万宁市", "hainan"),
        ("wenchang", "469005", "文昌市", "hainan"),
        ("lingshui", "469028", "陵水黎族自治县", "hainan"),
        ("wuzhishan", "469001", "五指山市", "hainan"),
        ("xiantao", "429004", "仙桃市", "hubei"),
        ("qianjiang", "429005", "潜江市", "hubei"),
        ("tianmen", "429006", "天门市", "hubei"),
        ("shennongjia", "429021", "神农架林区", "hubei"),
        ("jiyuan", "419001", "济源市", "henan"),
        // The 兵团's cities: their 医保 is the 兵团's.
        ("shihezi", "659001", "石河子市", "bingtuan"),
        ("wujiaqu", "659004", "五家渠市", "bingtuan"),
    ] {
        let r = Registry::Builtin
            .by_key(code)
            .unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!((r.id, r.name), (id, name), "{code}");
        assert_eq!(r.province().unwrap().id, parent, "{id}");
    }
    assert_eq!(Registry::Builtin.by_key("陵水").unwrap().id, "lingshui");
    assert_eq!(
        Registry::Builtin.by_key("神农架").unwrap().id,
        "shennongjia"
    );
}

#[test]
fn every_region_answers_to_every_key_it_has() {
    let mut checked = 0;
    for r in Registry::Builtin.iter() {
        let mut keys = vec![
            r.id.to_string(),
            r.id.to_uppercase(),
            r.code.to_string(),
            r.name.to_string(),
            r.short.to_string(),
            r.en.to_string(),
            r.en.to_lowercase(),
            r.en.to_uppercase(),
            r.en.replace(' ', ""),
            format!(" {} ", r.name),
        ];
        keys.extend(r.aliases().iter().map(str::to_string));
        for k in keys {
            let got = Registry::Builtin
                .by_key(&k)
                .unwrap_or_else(|| panic!("{k:?} unknown ({})", r.id));
            assert_eq!(got.id, r.id, "--region {k:?}");
            checked += 1;
        }
    }
    assert!(checked > 3500, "{checked}");
}

#[test]
fn every_city_falls_back_to_its_province_then_national() {
    let kb = Kb::default();
    let tags = |id: &str, r: RegionInfo| -> Vec<(String, Option<String>)> {
        kb.resolve(id, Some(r))
            .unwrap()
            .layers
            .iter()
            .map(|l| {
                (
                    l.level.label().to_string(),
                    l.region.as_deref().map(str::to_string),
                )
            })
            .collect()
    };
    let procedures: Vec<&str> = builtin::procedures().map(|p| p.id).collect();
    assert!(procedures.len() >= 14);
    for c in cities() {
        let p = c.province().unwrap();
        for id in &procedures {
            let mut want = tags(id, p);
            // A city layer applies exactly where the base has one (黑河's).
            let own = tags(id, c);
            let has_layer = builtin::procedure(id).is_some_and(|p| p.layer_at(c.index).is_some());
            if has_layer {
                want.push(own.last().unwrap().clone());
                assert_eq!(own.last().unwrap().1.as_deref(), Some(c.id));
            }
            assert_eq!(own, want, "{id} for {}", c.id);
        }
    }
}

#[test]
fn ids_are_unique_lowercase_ascii_and_the_old_ones_stay() {
    let all: Vec<RegionInfo> = Registry::Builtin.iter().collect();
    let mut ids: Vec<&str> = all.iter().map(|r| r.id).collect();
    assert!(ids.iter().all(|id| {
        !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    }));
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "ids are unique");
    // Ids that existed before the registry was generated.
    for (id, code) in [
        ("heilongjiang", "230000"),
        ("neimenggu", "150000"),
        ("xizang", "540000"),
        ("bingtuan", "660000"),
        ("haerbin", "230100"),
        ("qiqihaer", "230200"),
        ("jixi", "230300"),
        ("hegang", "230400"),
        ("shuangyashan", "230500"),
        ("daqing", "230600"),
        ("yichun", "230700"),
        ("jiamusi", "230800"),
        ("qitaihe", "230900"),
        ("mudanjiang", "231000"),
        ("heihe", "231100"),
        ("suihua", "231200"),
        ("daxinganling", "232700"),
        ("linxia", "622900"),
        ("gannan", "623000"),
    ] {
        assert_eq!(
            Registry::Builtin.by_id(id).map(|r| r.code),
            Some(code),
            "{id}"
        );
    }
    // Old aliases still answer.
    for (alias, id) in [
        ("harbin", "haerbin"),
        ("qiqihar", "qiqihaer"),
        ("临夏州", "linxia"),
        ("甘南州", "gannan"),
        ("inner-mongolia", "neimenggu"),
        ("tibet", "xizang"),
        ("xpcc", "bingtuan"),
        ("hlj", "heilongjiang"),
    ] {
        assert_eq!(
            Registry::Builtin.by_key(alias).map(|r| r.id),
            Some(id),
            "{alias}"
        );
    }
}

#[test]
fn ids_read_names_by_words_not_characters() {
    for (name, id) in [
        ("长春市", "changchun"),
        ("重庆市", "chongqing"),
        ("蚌埠市", "bengbu"),
        ("六安市", "luan"),
        ("丽水市", "lishui"),
        ("亳州市", "bozhou"),
        ("乐山市", "leshan"),
        ("长治市", "changzhi"),
        ("长沙市", "changsha"),
        ("厦门市", "xiamen"),
        ("东莞市", "dongguan"),
        ("大理白族自治州", "dali"),
        ("那曲市", "naqu"),
        ("漯河市", "luohe"),
        ("朝阳市", "chaoyang"),
        ("昌都市", "changdu"),
        ("锡林郭勒盟", "xilinguole"),
        ("阿勒泰地区", "aletai"),
        ("克孜勒苏柯尔克孜自治州", "kezilesu"),
        ("乐东黎族自治县", "ledong"),
        ("澄迈县", "chengmai"),
        ("儋州市", "danzhou"),
        ("吕梁市", "lvliang"),
        ("六盘水市", "liupanshui"),
        ("济南市", "jinan"),
        ("万宁市", "wanning"),
    ] {
        assert_eq!(
            Registry::Builtin.by_key(name).map(|r| r.id),
            Some(id),
            "{name}"
        );
    }
}

#[test]
fn cities_sharing_a_pinyin_take_their_province() {
    for (id, name, en, hyphenated) in [
        ("yichun", "伊春市", "Yichun", "yichun"),
        (
            "yichunjiangxi",
            "宜春市",
            "Yichun (Jiangxi)",
            "yichun-jiangxi",
        ),
        ("fuzhoufujian", "福州市", "Fuzhou (Fujian)", "fuzhou-fujian"),
        (
            "fuzhoujiangxi",
            "抚州市",
            "Fuzhou (Jiangxi)",
            "fuzhou-jiangxi",
        ),
        (
            "taizhoujiangsu",
            "泰州市",
            "Taizhou (Jiangsu)",
            "taizhou-jiangsu",
        ),
        (
            "taizhouzhejiang",
            "台州市",
            "Taizhou (Zhejiang)",
            "taizhou-zhejiang",
        ),
        (
            "suzhoujiangsu",
            "苏州市",
            "Suzhou (Jiangsu)",
            "suzhou-jiangsu",
        ),
        ("suzhouanhui", "宿州市", "Suzhou (Anhui)", "suzhou-anhui"),
        ("yulinguangxi", "玉林市", "Yulin (Guangxi)", "yulin-guangxi"),
        ("yulinshaanxi", "榆林市", "Yulin (Shaanxi)", "yulin-shaanxi"),
    ] {
        let r = Registry::Builtin
            .by_id(id)
            .unwrap_or_else(|| panic!("{id} missing"));
        assert_eq!((r.name, r.en), (name, en));
        for k in [name, en, hyphenated] {
            assert_eq!(Registry::Builtin.by_key(k).map(|r| r.id), Some(id), "{k}");
        }
    }
    // The bare pinyin of a shared name is none of them.
    assert!(Registry::Builtin.by_key("fuzhou").is_none());
    assert!(Registry::Builtin.by_key("suzhou").is_none());
    // Where a city's name is a province's, the province keeps it.
    assert_eq!(Registry::Builtin.by_key("吉林").unwrap().id, "jilin");
    assert_eq!(Registry::Builtin.by_key("吉林市").unwrap().id, "jilinshi");
    assert_eq!(
        Registry::Builtin.by_key("Jilin City").unwrap().id,
        "jilinshi"
    );
    assert_eq!(Registry::Builtin.by_key("海南").unwrap().id, "hainan");
    assert_eq!(Registry::Builtin.by_key("海南州").unwrap().id, "hainanzhou");
}
