//! No procedure may lose its steps, materials, sources or checked date
//! unnoticed; the corrected facts stay corrected, procedures do not
//! contradict each other, the ways without a phone and for someone else are
//! said, and the glossary explains each word people need.

mod common;

use common::facts::json;
use serde_json::Value;

/// Minimum content of each procedure: (id, steps, materials, sources).
const SHAPE: &[(&str, usize, usize, usize)] = &[
    ("card.apply", 5, 4, 5),
    ("card.pickup", 4, 2, 3),
    ("card.activate", 4, 2, 4),
    ("card.replace", 6, 2, 5),
    ("card.use", 5, 2, 4),
    ("ecard.activate", 4, 0, 5),
    ("family.bind", 5, 2, 5),
    ("family.transfer", 5, 0, 4),
    ("family.members", 4, 0, 5),
    ("filing.apply", 5, 4, 7),
    ("filing.types", 4, 4, 2),
    ("filing.local", 3, 0, 2),
    ("filing.chronic", 5, 2, 4),
    ("filing.reimburse", 5, 8, 4),
    ("balance.query", 3, 2, 5),
    ("scheme.compare", 3, 0, 5),
    ("scheme.enroll", 5, 1, 4),
];

/// Regions whose layers the checks below walk.
const REGIONS: [Option<&str>; 3] = [None, Some("heilongjiang"), Some("heihe")];

/// The JSON page of a procedure in a region.
fn page(id: &str, region: Option<&str>) -> Value {
    let mut args = vec!["show", id];
    if let Some(r) = region {
        args.extend(["--region", r]);
    }
    json(&args).1
}

#[test]
fn no_procedure_loses_its_steps_materials_sources_or_date() {
    let (_, list) = json(&["list"]);
    let ids: Vec<&str> = list["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = SHAPE.iter().map(|s| s.0).collect();
    assert_eq!(ids, expected, "the set of procedures changed");
    for (id, steps, materials, sources) in SHAPE {
        for region in REGIONS {
            let v = page(id, region);
            let p = &v["procedure"];
            assert!(
                p["steps"].as_array().unwrap().len() >= *steps,
                "{id} lost steps"
            );
            assert!(
                p["materials"].as_array().unwrap().len() >= *materials,
                "{id} lost materials"
            );
            assert!(
                v["sources"].as_array().unwrap().len() >= *sources,
                "{id} lost sources"
            );
            // Every layer applied was re-checked against the corrected fact sheet.
            assert_eq!(p["checked"], "2026-11-28", "{id} {region:?} checked date");
            for part in [
                "conditions",
                "materials",
                "prepare",
                "channels",
                "steps",
                "tips",
                "warnings",
                "faq",
            ] {
                for item in p[part].as_array().unwrap() {
                    assert!(
                        !item["src"].as_array().unwrap().is_empty(),
                        "{id} {part} {} has no source",
                        item["id"]
                    );
                }
            }
            for single in [
                "authority",
                "time_limit",
                "fees",
                "validity",
                "offline",
                "proxy",
            ] {
                if let Some(f) = p[single].as_object() {
                    assert!(
                        f["src"].as_array().is_some_and(|s| !s.is_empty()),
                        "{id} {region:?} {single} has no source"
                    );
                }
            }
            // Every cited source is in data/sources.yaml.
            for s in v["sources"].as_array().unwrap() {
                assert!(
                    s["kind"] == "seed" || s["kind"] == "public",
                    "{id}: unknown source {}",
                    s["id"]
                );
            }
        }
    }
}

/// A part of an answer as one string, to look for words anywhere in it.
fn all_text(v: &Value) -> String {
    v.to_string()
}

#[test]
fn corrected_facts_say_nothing_the_review_ruled_out() {
    for id in SHAPE.iter().map(|s| s.0) {
        for region in REGIONS {
            let v = page(id, region);
            let text = all_text(&v);
            // 医保 and 人社 are separate agencies since 2018.
            for bad in ["医保经办机构（社保中心）", "医保经办机构(社保中心)"]
            {
                assert!(!text.contains(bad), "{id} {region:?} says {bad}");
            }
            // Filing names a place, not one to three hospitals.
            if id.starts_with("filing.") {
                for bad in ["选好就医地的定点医疗机构", "1至3家", "1-3家", "1～3家"]
                {
                    assert!(!text.contains(bad), "{id} {region:?} says {bad}");
                }
            }
            // An e-voucher is shown on a phone: it has no 原件.
            for m in v["procedure"]["materials"].as_array().unwrap() {
                let name = m["name"].as_str().unwrap();
                if name.contains("电子凭证") || name.contains("医保码") {
                    assert!(
                        !m["copies"].as_str().is_some_and(|c| c.contains("原件")),
                        "{id} {region:?}: {name} has 原件"
                    );
                }
            }
        }
    }
}

#[test]
fn the_card_is_applied_for_through_people_and_social_security_channels() {
    for region in REGIONS {
        let v = page("card.apply", region);
        let p = &v["procedure"];
        for c in p["channels"].as_array().unwrap() {
            let c = c.to_string();
            assert!(
                !c.contains("国家医保服务平台") && !c.contains("fuwu.nhsa.gov.cn"),
                "card.apply {region:?} offers the NHSA platform as a card channel: {c}"
            );
        }
        let authority = p["authority"]["text"].as_str().unwrap();
        assert!(authority.contains("人社部门"), "{authority}");
    }
    // Activate and replace name the same office as apply.
    for (id, region) in [
        ("card.activate", None),
        ("card.activate", Some("heilongjiang")),
        ("card.replace", None),
    ] {
        let v = page(id, region);
        let text = all_text(&v["procedure"]["authority"]);
        assert!(text.contains("人社部门"), "{id} {region:?}: {text}");
    }
}

#[test]
fn reimbursement_rates_are_the_official_in_hospital_figures() {
    for region in [None, Some("heilongjiang")] {
        let v = page("scheme.compare", region);
        let rows = v["procedure"]["comparison"]["rows"].as_array().unwrap();
        let row = rows
            .iter()
            .find(|r| r["id"] == "reimbursement")
            .expect("reimbursement row");
        assert!(row["label"].as_str().unwrap().contains("政策范围内"));
        let cells: Vec<&str> = row["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap())
            .collect();
        assert!(cells[0].contains("80%"), "{cells:?}");
        assert!(cells[1].contains("70%左右"), "{cells:?}");
        assert!(!all_text(&v).contains("50%左右"), "the unofficial 50%");
        assert_eq!(row["confidence"], "check");
    }
}

#[test]
fn balance_is_asked_of_the_medical_insurance_line_first() {
    for region in REGIONS {
        let v = page("balance.query", region);
        let channels = v["procedure"]["channels"].as_array().unwrap();
        assert_eq!(channels[0]["phone"], "12393", "{region:?}");
        let atm = channels.iter().find(|c| c["id"] == "atm").expect("atm");
        assert!(
            atm["note"].as_str().unwrap().contains("不是医保个人账户"),
            "{atm}"
        );
        let c12333 = channels
            .iter()
            .find(|c| c["id"] == "phone-12333")
            .expect("12333");
        assert!(
            c12333["note"].as_str().unwrap().contains("查不到"),
            "{c12333}"
        );
    }
}

#[test]
fn one_procedure_does_not_contradict_another() {
    // Filing in 黑龙江: the e-voucher is needed online only.
    let v = page("filing.apply", Some("heilongjiang"));
    let cond = v["procedure"]["conditions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "ecard-active")
        .expect("ecard-active")["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        cond.contains("网上") && cond.contains("窗口") && cond.contains("身份证"),
        "{cond}"
    );
    // Travelling between cities of 黑龙江: card.use agrees with filing.local.
    let v = page("card.use", Some("heilongjiang"));
    assert!(all_text(&v["procedure"]["conditions"]).contains("省内异地就医备案"));
    let v = page("filing.local", Some("heilongjiang"));
    assert!(all_text(&v["procedure"]["summary"]).contains("要先办省内异地就医备案"));
    // 共济: the relative must be insured, and the account may pay the premium
    // that insures them — said the same way in both procedures.
    for id in ["family.bind", "family.members"] {
        let v = page(id, None);
        let c = v["procedure"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "relative-insured")
            .expect("relative-insured")["text"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            c.contains("参加基本医疗保险") && c.contains("缴居民医保"),
            "{id}: {c}"
        );
    }
    // family.bind no longer sends people to 亲情账户 for 共济.
    for region in [None, Some("heihe")] {
        let v = page("family.bind", region);
        for c in v["procedure"]["channels"].as_array().unwrap() {
            assert!(
                !c["path"].as_str().is_some_and(|p| p.contains("亲情账户")),
                "family.bind {region:?}: {c}"
            );
        }
    }
    // E-voucher pages that say 全国 also say: file first for another province.
    for region in [None, Some("heilongjiang")] {
        let v = page("ecard.activate", region);
        let summary = v["procedure"]["summary"].as_str().unwrap();
        assert!(summary.contains("备案"), "{region:?}: {summary}");
    }
}

/// Procedures that explain rather than get something done: no channels, so
/// no phone-free way and no one acting for you to describe.
const INFO_ONLY: [&str; 3] = ["family.members", "filing.types", "scheme.compare"];

#[test]
fn every_procedure_with_an_app_route_says_how_to_do_it_without_a_phone() {
    for id in SHAPE.iter().map(|s| s.0) {
        for region in REGIONS {
            let v = page(id, region);
            let p = &v["procedure"];
            let app_route = p["channels"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| ["app", "wechat", "alipay"].contains(&c["kind"].as_str().unwrap()));
            if app_route {
                let text = p["offline"]["text"].as_str().unwrap_or_default();
                assert!(!text.is_empty(), "{id} {region:?} has no `offline`");
            }
        }
    }
    // Where a region's routes differ, its own layer says so.
    for (id, region) in [
        ("filing.apply", "heilongjiang"),
        ("filing.local", "heilongjiang"),
        ("family.bind", "heihe"),
    ] {
        let v = page(id, Some(region));
        assert_eq!(v["procedure"]["offline"]["from"], region, "{id}");
    }
    // And the way is a real one: a window, a phone line or a relative.
    let v = page("filing.apply", Some("heilongjiang"));
    let text = v["procedure"]["offline"]["text"].as_str().unwrap();
    assert!(text.contains("电话") && text.contains("窗口"), "{text}");
}

#[test]
fn every_procedure_that_allows_it_says_how_to_act_for_someone() {
    for id in SHAPE.iter().map(|s| s.0) {
        if INFO_ONLY.contains(&id) {
            continue;
        }
        let v = page(id, None);
        let text = v["procedure"]["proxy"]["text"].as_str().unwrap_or_default();
        assert!(
            text.contains("本人") || text.contains("身份证"),
            "{id}: `proxy` missing or says neither what to bring nor what the person must do: {text:?}"
        );
    }
    // What the person must still do in person is said plainly.
    for (id, must) in [
        ("ecard.activate", "刷脸"),
        ("filing.apply", "刷脸"),
        ("card.apply", "户口簿"),
        ("card.apply", "委托书"),
        ("card.replace", "委托书"),
        ("card.activate", "本人"),
    ] {
        let v = page(id, None);
        let text = v["procedure"]["proxy"]["text"].as_str().unwrap();
        assert!(text.contains(must), "{id} proxy: {text}");
    }
}

#[test]
fn search_finds_the_new_procedures() {
    for (words, id) in [
        ("慢特病", "filing.chronic"),
        ("手工报销", "filing.reimburse"),
        ("零星报销", "filing.reimburse"),
        ("等待期", "scheme.enroll"),
        ("集中参保期", "scheme.enroll"),
    ] {
        let (_, v) = json(&["search", words]);
        let first = &v["results"][0];
        assert_eq!(first["id"], id, "search {words}: {v}");
    }
    // Their Chinese command words work.
    for (args, id) in [
        (&["filing", "慢特病"][..], "filing.chronic"),
        (&["备案", "报销"][..], "filing.reimburse"),
        (&["scheme", "参保"][..], "scheme.enroll"),
    ] {
        let (_, v) = json(args);
        assert_eq!(v["procedure"]["id"], id, "{args:?}");
    }
}

#[test]
fn the_glossary_explains_each_required_word_with_sources() {
    use yibao::kb::model::DataFile;
    let root = env!("CARGO_MANIFEST_DIR");
    let read = |f: &str| std::fs::read_to_string(format!("{root}/data/{f}")).unwrap();
    let terms: DataFile = serde_yaml::from_str(&read("terms.yaml")).unwrap();
    let sources: DataFile = serde_yaml::from_str(&read("sources.yaml")).unwrap();
    let (_, list) = json(&["list"]);
    let procedures: Vec<&str> = list["procedures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let named = |w: &str| {
        terms
            .terms
            .iter()
            .find(|t| t.term.split('/').any(|x| x == w) || t.aliases.iter().any(|a| a == w))
    };
    for w in [
        "定点医疗机构",
        "统筹基金",
        "个人账户",
        "直接结算",
        "联网结算",
        "视同已备案",
        "医保钱包",
        "经办机构",
        "承诺制",
        "参保地",
        "就医地",
        "起付线",
        "门诊慢特病",
        "待遇等待期",
        "家庭共济",
        "亲情账户",
        "医保电子凭证",
    ] {
        assert!(named(w).is_some(), "glossary lacks {w}");
    }
    let mut ids = std::collections::BTreeSet::new();
    for t in &terms.terms {
        assert!(ids.insert(t.id.as_str()), "duplicate term id {}", t.id);
        assert!(!t.text.trim().is_empty(), "{} has no text", t.id);
        // One sentence a 70-year-old can follow: one full stop, short.
        assert_eq!(t.text.matches('。').count(), 1, "{}: one sentence", t.id);
        assert!(
            t.text.chars().count() <= 90,
            "{}: too long for one plain sentence",
            t.id
        );
        assert!(!t.src.is_empty(), "{} has no source", t.id);
        for s in &t.src {
            assert!(
                sources.sources.iter().any(|x| &x.id == s),
                "{}: unknown source {s}",
                t.id
            );
        }
        for r in &t.related {
            assert!(
                procedures.contains(&r.as_str()),
                "{}: unknown procedure {r}",
                t.id
            );
        }
    }
    // The worked example of a lowered rate, and the rule for care elsewhere,
    // in the words people use.
    let lowered = named("降低不超过10个百分点").expect("lowered rate");
    let ex = lowered.example.as_deref().unwrap();
    assert!(
        ex.contains("家里报70%") && ex.contains("最低降到60%"),
        "{ex}"
    );
    let places = named("参保地").unwrap();
    assert!(
        places.text.contains("能报哪些药按就医地，报多少按老家"),
        "{}",
        places.text
    );
}
