//! The region matrix: every way `--region` names a place, the fallback
//! city → province → national, provenance of each part, unknown regions,
//! and cities without data of their own.

mod common;

use common::*;
use serde_json::{Value, json};

fn procedure_json(words: &[&str], region: &str) -> Value {
    let mut args: Vec<&str> = words.to_vec();
    args.extend(["--region", region, "--json"]);
    ok_json(&args)
}

/// (level, region) of each layer.
fn layers(v: &Value) -> Vec<(String, Option<String>)> {
    v["layers"]
        .as_array()
        .expect("layers array")
        .iter()
        .map(|l| {
            (
                l["level"].as_str().unwrap().to_string(),
                l["region"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn layer(level: &str, region: Option<&str>) -> (String, Option<String>) {
    (level.to_string(), region.map(str::to_string))
}

/// `from` of every item of a list of the resolved procedure, by id.
fn froms(v: &Value, list: &str) -> Vec<(String, String)> {
    v["procedure"][list]
        .as_array()
        .unwrap_or_else(|| panic!("procedure.{list} is a list"))
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap_or("").to_string(),
                x["from"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// Every `from` anywhere in the resolved procedure.
fn all_froms(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let p = &v["procedure"];
    for list in [
        "basis",
        "conditions",
        "materials",
        "prepare",
        "channels",
        "steps",
        "tips",
        "warnings",
        "faq",
    ] {
        out.extend(froms(v, list).into_iter().map(|(_, f)| f));
    }
    for single in ["authority", "time_limit", "fees", "validity"] {
        if let Some(f) = p[single]["from"].as_str() {
            out.push(f.to_string());
        }
    }
    if let Some(rows) = p["comparison"]["rows"].as_array() {
        out.extend(rows.iter().map(|r| r["from"].as_str().unwrap().to_string()));
    }
    out.extend(
        p["field_from"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["from"].as_str().unwrap().to_string()),
    );
    out
}

// ---------------------------------------------------------------------------
// Province keys

#[test]
fn heilongjiang_by_id_name_code_case_and_alias() {
    for key in [
        "heilongjiang",
        "黑龙江",
        "黑龙江省",
        "230000",
        "HeiLongJiang",
        "HEILONGJIANG",
        " heilongjiang ",
        "hlj",
        "龙江",
    ] {
        let v = procedure_json(&["card", "apply"], key);
        let r = &v["region"];
        assert_eq!(r["id"], "heilongjiang", "--region {key:?}");
        assert_eq!(r["level"], "province", "--region {key:?}");
        assert_eq!(r["code"], "230000");
        assert_eq!(r["name"], "黑龙江省");
        assert_eq!(r["short"], "黑龙江");
        assert!(r.get("parent").is_none(), "a province has no parent: {r}");
        assert_eq!(v["regional_data"], true);
        assert_eq!(
            layers(&v),
            [
                layer("national", None),
                layer("province", Some("heilongjiang"))
            ],
            "--region {key:?}"
        );
        assert_eq!(
            v["coverage"],
            "以下含黑龙江省的资料（「地区」一栏注明），其余为全国通用规则。"
        );
        // Steps are the province's; the rest is national unless overridden.
        assert!(
            froms(&v, "steps").iter().all(|(_, f)| f == "heilongjiang"),
            "{:?}",
            froms(&v, "steps")
        );
        assert!(froms(&v, "materials").iter().all(|(_, f)| f == "national"));
        let channels = froms(&v, "channels");
        assert!(
            channels.iter().any(|(_, f)| f == "heilongjiang"),
            "{channels:?}"
        );
        assert!(
            channels.iter().any(|(_, f)| f == "national"),
            "{channels:?}"
        );
        for f in all_froms(&v) {
            assert!(
                f == "national" || f == "heilongjiang",
                "unexpected from {f}"
            );
        }
    }
}

#[test]
fn same_answer_for_every_spelling_of_a_region() {
    let by_id = ok(["card", "apply", "--region", "heilongjiang"]);
    for key in ["黑龙江", "黑龙江省", "230000", "HeiLongJiang"] {
        assert_eq!(
            ok(["card", "apply", "--region", key]),
            by_id,
            "--region {key}"
        );
    }
    let by_id = ok(["family", "bind", "--region", "heihe"]);
    for key in ["黑河", "黑河市", "231100", "HEIHE"] {
        assert_eq!(
            ok(["family", "bind", "--region", key]),
            by_id,
            "--region {key}"
        );
    }
}

#[test]
fn national_keywords_mean_national_rules() {
    let national = ok_json(["card", "apply", "--json"]);
    assert_eq!(national["region"], Value::Null);
    assert_eq!(national["regional_data"], false);
    assert_eq!(
        national["coverage"],
        "全国通用规则（未指定地区；加 --region 查看地方资料）。"
    );
    assert_eq!(layers(&national), [layer("national", None)]);
    for key in ["national", "全国", "China"] {
        assert_eq!(
            procedure_json(&["card", "apply"], key),
            national,
            "--region {key}"
        );
    }
}

// ---------------------------------------------------------------------------
// Cities and the fallback

#[test]
fn heihe_by_id_chinese_name_code_and_case_has_city_data_for_family_bind() {
    for key in ["heihe", "黑河", "黑河市", "231100", "HeiHe"] {
        let v = procedure_json(&["family", "bind"], key);
        let r = &v["region"];
        assert_eq!(r["id"], "heihe", "--region {key:?}");
        assert_eq!(r["level"], "city");
        assert_eq!(r["parent"], "heilongjiang");
        assert_eq!(r["code"], "231100");
        assert_eq!(r["name"], "黑河市");
        assert_eq!(v["regional_data"], true);
        assert_eq!(
            layers(&v),
            [layer("national", None), layer("city", Some("heihe"))]
        );
        assert_eq!(
            v["coverage"],
            "以下含黑河市的资料（「地区」一栏注明），其余为全国通用规则。"
        );
        // The city's own channels and step, the rest national.
        let channels = froms(&v, "channels");
        for id in [
            "local-wechat",
            "local-web",
            "service-hall",
            "nhsa-app-local",
        ] {
            assert!(
                channels.contains(&(id.to_string(), "heihe".to_string())),
                "channel {id} from heihe: {channels:?}"
            );
        }
        assert!(channels.contains(&("nhsa-app".to_string(), "national".to_string())));
        let steps = froms(&v, "steps");
        assert!(
            steps.contains(&("open-entry".to_string(), "heihe".to_string())),
            "{steps:?}"
        );
        assert!(
            steps.contains(&("check-eligible".to_string(), "national".to_string())),
            "{steps:?}"
        );
        let field_from = &v["procedure"]["field_from"];
        assert!(
            field_from
                .as_array()
                .unwrap()
                .contains(&json!({"field": "summary", "from": "heihe"})),
            "{field_from}"
        );
        for f in all_froms(&v) {
            assert!(f == "national" || f == "heihe", "unexpected from {f}");
        }
    }
}

#[test]
fn family_bind_heihe_table_marks_city_rows() {
    let out = ok(["family", "bind", "--region", "heihe"]);
    assert!(
        out.contains("提示：以下含黑河市的资料（「地区」一栏注明），其余为全国通用规则。"),
        "{out}"
    );
    let marked = out.lines().filter(|l| l.ends_with("| 黑河 |")).count();
    assert!(
        marked >= 5,
        "the 地区 column marks 黑河 rows (step and 4 channels), got {marked}:\n{out}"
    );
    assert!(
        out.lines().any(|l| l.ends_with("| 全国 |")),
        "national rows are marked 全国:\n{out}"
    );
    assert_tables_aligned(&out, 80, "family bind --region heihe");
}

#[test]
fn card_apply_in_heihe_falls_back_to_heilongjiang_and_says_so() {
    for key in ["heihe", "黑河市", "231100"] {
        let v = procedure_json(&["card", "apply"], key);
        assert_eq!(v["region"]["id"], "heihe");
        assert_eq!(v["region"]["level"], "city");
        assert_eq!(v["regional_data"], true);
        assert_eq!(
            layers(&v),
            [
                layer("national", None),
                layer("province", Some("heilongjiang"))
            ],
            "no city layer; the province's applies"
        );
        assert_eq!(
            v["coverage"],
            "黑河市暂无本事项的市级资料；以下含黑龙江省的资料，其余为全国通用规则。"
        );
        assert!(froms(&v, "steps").iter().all(|(_, f)| f == "heilongjiang"));
        for f in all_froms(&v) {
            assert!(
                f == "national" || f == "heilongjiang",
                "unexpected from {f}"
            );
        }
    }
    let out = ok(["card", "apply", "--region", "heihe"]);
    assert!(out.contains("黑河市暂无本事项的市级资料"), "{out}");
}

#[test]
fn other_heilongjiang_cities_fall_back_to_the_province() {
    for key in [
        "harbin",
        "哈尔滨",
        "230100",
        "大兴安岭",
        "232700",
        "qiqihar",
    ] {
        let v = procedure_json(&["filing", "apply"], key);
        assert_eq!(v["region"]["parent"], "heilongjiang", "--region {key}");
        assert_eq!(
            layers(&v),
            [
                layer("national", None),
                layer("province", Some("heilongjiang"))
            ]
        );
        // family.bind has only Heihe data: national rules for other cities.
        let fb = procedure_json(&["family", "bind"], key);
        assert_eq!(fb["regional_data"], false, "--region {key}");
        assert_eq!(layers(&fb), [layer("national", None)]);
        let name = fb["region"]["name"].as_str().unwrap();
        assert_eq!(
            fb["coverage"],
            format!("{name}暂无本事项的地方资料，以下为全国通用规则。")
        );
    }
}

#[test]
fn balance_query_in_heihe_uses_the_city_layer() {
    let v = procedure_json(&["balance", "query"], "heihe");
    assert_eq!(
        layers(&v),
        [layer("national", None), layer("city", Some("heihe"))]
    );
    assert!(froms(&v, "channels").contains(&("phone-12333".to_string(), "heihe".to_string())));
}

#[test]
fn hainan_has_no_regional_data_and_national_rules_are_shown() {
    let v = procedure_json(&["card", "apply"], "hainan");
    assert_eq!(v["region"]["id"], "hainan");
    assert_eq!(v["region"]["code"], "460000");
    assert_eq!(v["regional_data"], false);
    assert_eq!(layers(&v), [layer("national", None)]);
    assert_eq!(
        v["coverage"],
        "海南省暂无本事项的地方资料，以下为全国通用规则。"
    );
    assert!(all_froms(&v).iter().all(|f| f == "national"));
    let out = ok(["card", "apply", "--region", "海南"]);
    assert!(
        out.contains("提示：海南省暂无本事项的地方资料，以下为全国通用规则。"),
        "{out}"
    );
    assert!(!out.contains("| 黑龙江 |"), "{out}");
    // The checklist says the same.
    let c = ok_json(["filing", "checklist", "--region", "hainan", "--json"]);
    assert_eq!(c["regional_data"], false);
    assert_eq!(
        c["coverage"],
        "海南省暂无本事项的地方资料，以下为全国通用规则。"
    );
}

#[test]
fn checklists_carry_region_provenance() {
    let v = ok_json(["filing", "checklist", "--region", "heilongjiang", "--json"]);
    assert_eq!(v["region"]["id"], "heilongjiang");
    assert_eq!(v["regional_data"], true);
    assert_eq!(
        layers(&v),
        [
            layer("national", None),
            layer("province", Some("heilongjiang"))
        ]
    );
    for i in v["items"].as_array().unwrap() {
        let f = i["from"].as_str().unwrap();
        assert!(f == "national" || f == "heilongjiang", "{i}");
    }
}

// ---------------------------------------------------------------------------
// Unknown regions

#[test]
fn unknown_region_exits_3_with_a_suggestion() {
    let r = run(["card", "apply", "--region", "heilongjang"]);
    assert_one_line_error(
        &r,
        3,
        &["heilongjang", "heilongjiang"],
        "--region heilongjang",
    );
    assert!(r.stderr.contains("你是不是要找"), "{}", r.stderr);
    // The closest suggestion comes first.
    let v = run(["card", "apply", "--region", "heilongjang", "--json"]).stderr_json();
    assert_eq!(v["error"]["code"], 3);
    assert_eq!(v["error"]["kind"], "unknown_region");
    assert_eq!(v["error"]["given"], "heilongjang");
    let first = v["error"]["suggestions"][0].as_str().unwrap();
    assert!(first.starts_with("heilongjiang"), "{first}");
}

#[test]
fn unknown_chinese_region_and_code_exit_3() {
    for key in ["黑龙", "黑河县", "999999", "atlantis"] {
        let r = run(["card", "apply", "--region", key]);
        assert_one_line_error(&r, 3, &[key], &format!("--region {key}"));
    }
    let r = run(["card", "apply", "--region", "黑龙"]);
    assert!(
        r.stderr.contains("heilongjiang"),
        "黑龙 suggests heilongjiang: {}",
        r.stderr
    );
}

#[test]
fn region_env_var_unknown_is_also_exit_3() {
    let out = yibao()
        .env("YIBAO_REGION", "heilongjang")
        .args(["card", "apply"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("heilongjiang"));
}

// ---------------------------------------------------------------------------
// New cities on the command line

#[test]
fn sanya_gives_hainan_or_national_rules_and_says_it_has_no_data_of_its_own() {
    for key in ["三亚", "三亚市", "sanya", "Sanya", "460200"] {
        let v = procedure_json(&["card", "apply"], key);
        let r = &v["region"];
        assert_eq!(
            (r["id"].as_str(), r["level"].as_str(), r["parent"].as_str()),
            (Some("sanya"), Some("city"), Some("hainan")),
            "--region {key}"
        );
        assert_eq!(v["regional_data"], false);
        assert_eq!(layers(&v), [layer("national", None)]);
        assert_eq!(
            v["coverage"],
            "三亚市暂无本事项的地方资料，以下为全国通用规则。"
        );
    }
    let out = ok(["card", "apply", "--region", "三亚"]);
    assert!(
        out.contains("提示：三亚市暂无本事项的地方资料，以下为全国通用规则。"),
        "{out}"
    );
}

#[test]
fn full_city_names_are_not_mistaken_for_other_places() {
    for (key, id, parent) in [
        ("海口市", "haikou", "hainan"),
        ("海口", "haikou", "hainan"),
        ("Haikou", "haikou", "hainan"),
        ("广州市", "guangzhou", "guangdong"),
        ("琼海", "qionghai", "hainan"),
        ("万宁市", "wanning", "hainan"),
        ("Harbin", "haerbin", "heilongjiang"),
        ("Xi'an", "xian", "shaanxi"),
        ("Kashgar", "kashi", "xinjiang"),
        ("延边", "yanbian", "jilin"),
        ("锡林郭勒", "xilinguole", "neimenggu"),
        ("临夏州", "linxia", "gansu"),
    ] {
        let v = procedure_json(&["filing", "apply"], key);
        assert_eq!(v["region"]["id"], id, "--region {key}");
        assert_eq!(v["region"]["parent"], parent, "--region {key}");
    }
    let v = procedure_json(&["card", "apply"], "Inner Mongolia");
    assert_eq!(v["region"]["id"], "neimenggu");
    // A 黑龙江 city in English gets the province's data.
    let v = procedure_json(&["card", "apply"], "Qiqihar");
    assert_eq!(
        layers(&v),
        [
            layer("national", None),
            layer("province", Some("heilongjiang"))
        ]
    );
}

#[test]
fn a_mistyped_city_suggests_the_city() {
    for (typed, first) in [
        ("海口x", "haikou（海口市）"),
        ("haiko", "haikou（海口市）"),
        ("三亚县", "sanya（三亚市）"),
    ] {
        let r = run(["card", "apply", "--region", typed, "--json"]);
        assert_eq!(r.code, Some(3), "--region {typed}");
        let v = r.stderr_json();
        assert_eq!(v["error"]["kind"], "unknown_region");
        assert_eq!(v["error"]["suggestions"][0], first, "--region {typed}: {v}");
    }
    let r = run(["card", "apply", "--region", "fuzhou"]);
    assert_one_line_error(&r, 3, &["fuzhoufujian", "fuzhoujiangxi"], "--region fuzhou");
}
