//! The JSON contract of a procedure page (`tests/common/contract.rs`
//! mirrors it field by field): the design card's pages, every procedure in
//! every kind of region, the same page as YAML, and a mirror that rejects
//! an unknown, a missing or an absent nullable field.

mod common;
#[path = "common/contract.rs"]
mod contract;

use common::*;
use contract::*;
use serde::Deserialize;
use serde_json::Value;

// ---------------------------------------------------------------------------
// Helpers

fn page(args: &[&str]) -> ProcedurePage {
    let mut a = args.to_vec();
    a.push("--json");
    strict(&ok_json(&a), &args.join(" "))
}

/// Checks the invariants every procedure page holds.
fn check_page(p: &ProcedurePage, what: &str) {
    assert_eq!(p.schema_version, 1, "{what}");
    assert_eq!(p.kind, "procedure", "{what}");
    assert_eq!(p.confirm_with[0], "当地医保经办机构", "{what}");
    assert!(
        !p.layers.is_empty() && p.layers[0].level == Level::National,
        "{what}: national layer first"
    );
    assert!(
        p.layers[0].region.is_none(),
        "{what}: the national layer has no region"
    );
    assert_eq!(p.regional_data, p.layers.len() > 1, "{what}");
    let keys: Vec<String> = p
        .layers
        .iter()
        .map(|l| match (l.origin, &l.region) {
            (Origin::Builtin | Origin::Base, Some(r)) => r.clone(),
            (Origin::Builtin | Origin::Base, None) => "national".into(),
            (Origin::Overlay, r) => format!("overlay:{}", r.as_deref().unwrap_or("national")),
        })
        .collect();
    let r = &p.procedure;
    assert_eq!(format!("{}.{}", r.topic, r.action), r.id, "{what}");
    assert!(
        !r.title.is_empty() && !r.summary.is_empty() && !r.checked.is_empty(),
        "{what}"
    );
    let mut froms: Vec<&str> = Vec::new();
    froms.extend(
        r.basis
            .iter()
            .chain(&r.conditions)
            .chain(&r.prepare)
            .chain(&r.tips)
            .chain(&r.warnings)
            .map(|f| f.from.as_str()),
    );
    froms.extend(r.materials.iter().map(|m| m.from.as_str()));
    froms.extend(r.channels.iter().map(|m| m.from.as_str()));
    froms.extend(r.steps.iter().map(|m| m.from.as_str()));
    froms.extend(r.faq.iter().map(|m| m.from.as_str()));
    froms.extend(
        [
            &r.authority,
            &r.time_limit,
            &r.fees,
            &r.validity,
            &r.offline,
            &r.proxy,
        ]
        .into_iter()
        .flatten()
        .map(|f| f.from.as_str()),
    );
    froms.extend(r.field_from.iter().map(|f| f.from.as_str()));
    if let Some(c) = &r.comparison {
        froms.extend(c.rows.iter().map(|x| x.from.as_str()));
        for row in &c.rows {
            assert_eq!(
                row.cells.len(),
                c.columns.len(),
                "{what}: row {} has one cell per column",
                row.id
            );
        }
    }
    for f in froms {
        assert!(
            keys.iter().any(|k| k == f),
            "{what}: part from {f:?} names no layer ({keys:?})"
        );
    }
    // Steps refer to channels that exist.
    for s in &r.steps {
        for c in &s.channels {
            assert!(
                r.channels.iter().any(|ch| &ch.id == c),
                "{what}: step {} uses unknown channel {c}",
                s.id
            );
        }
    }
    for rel in &p.related {
        assert!(r.related.contains(&rel.id), "{what}: related {}", rel.id);
        assert!(rel.command.starts_with("yibao "), "{what}");
    }
    for s in &p.sources {
        assert!(
            s.kind == "seed" || s.kind == "public",
            "{what}: source kind {}",
            s.kind
        );
    }
    assert!(p.freshness.message.contains(&p.freshness.checked), "{what}");
}

// ---------------------------------------------------------------------------
// Tests

#[test]
fn procedure_card_apply_heilongjiang_matches_the_contract() {
    let p = page(&["card", "apply", "--region", "heilongjiang"]);
    check_page(&p, "card apply --region heilongjiang");
    let region = p.region.as_ref().expect("region");
    assert_eq!(
        (region.id.as_str(), region.level, region.parent.as_deref()),
        ("heilongjiang", RegionLevel::Province, None)
    );
    assert_eq!(region.code, "230000");
    assert_eq!(p.layers.len(), 2);
    assert_eq!(p.layers[1].level, Level::Province);
    assert_eq!(p.layers[1].origin, Origin::Builtin);
    assert_eq!(p.layers[1].name, "黑龙江省");
    assert!(
        p.layers.iter().all(|l| l.file.is_none()),
        "built-in layers have no file"
    );
    assert_eq!(p.procedure.steps.len(), 5);
    assert!(p.procedure.steps.iter().all(|s| s.from == "heilongjiang"));
    let id_card = p
        .procedure
        .materials
        .iter()
        .find(|m| m.id == "id-card")
        .expect("id-card");
    assert_eq!(id_card.name, "居民身份证");
    assert!(id_card.required);
    assert_eq!(id_card.alternatives, ["户口簿"]);
    assert!(p.procedure.authority.is_some() && p.procedure.comparison.is_none());
    assert!(
        p.procedure
            .channels
            .iter()
            .any(|c| c.kind == ChannelKind::Alipay && c.from == "heilongjiang")
    );
    assert!(!p.freshness.stale && p.freshness.months_old == 0);
}

#[test]
fn procedure_family_bind_heihe_matches_the_contract() {
    let p = page(&["family", "bind", "--region", "heihe"]);
    check_page(&p, "family bind --region heihe");
    let region = p.region.as_ref().expect("region");
    assert_eq!(region.id, "heihe");
    assert_eq!(region.level, RegionLevel::City);
    assert_eq!(region.parent.as_deref(), Some("heilongjiang"));
    assert_eq!(p.layers.len(), 2);
    assert_eq!(p.layers[1].level, Level::City);
    assert_eq!(p.layers[1].region.as_deref(), Some("heihe"));
    let app = p
        .procedure
        .channels
        .iter()
        .find(|c| c.id == "nhsa-app-local")
        .expect("nhsa-app-local");
    assert_eq!(app.kind, ChannelKind::App);
    assert_eq!(app.from, "heihe");
    assert!(
        app.path.as_deref().is_some_and(|x| x.contains("家庭共济")),
        "{app:?}"
    );
    assert!(
        p.procedure
            .field_from
            .iter()
            .any(|f| f.field == "summary" && f.from == "heihe")
    );
}

#[test]
fn every_procedure_in_every_region_kind_matches_the_contract() {
    for id in procedure_ids() {
        let words = command_words(&id);
        for region in [None, Some("heilongjiang"), Some("heihe"), Some("hainan")] {
            let mut args: Vec<&str> = words.iter().map(String::as_str).collect();
            if let Some(r) = region {
                args.extend(["--region", r]);
            }
            let p = page(&args);
            check_page(&p, &args.join(" "));
            assert_eq!(p.procedure.id, id);
            assert_eq!(p.region.as_ref().map(|r| r.id.as_str()), region);
        }
    }
}

#[test]
fn contract_rejects_unknown_fields() {
    // The mirror is strict: one extra key anywhere fails.
    let mut v = ok_json(["card", "apply", "--json"]);
    v["procedure"]["steps"][0]["extra"] = Value::from(1);
    assert!(
        ProcedurePage::deserialize(&v).is_err(),
        "an unknown field must fail the contract"
    );
    let mut v = ok_json(["card", "apply", "--json"]);
    v.as_object_mut().unwrap().remove("coverage");
    assert!(
        ProcedurePage::deserialize(&v).is_err(),
        "a missing field must fail the contract"
    );
    let mut v = ok_json(["card", "apply", "--json"]);
    v["procedure"].as_object_mut().unwrap().remove("authority");
    assert!(
        ProcedurePage::deserialize(&v).is_err(),
        "a nullable field must still be present"
    );
}

#[test]
fn yaml_output_carries_the_same_contract() {
    let yaml = ok(["family", "bind", "--region", "heihe", "--format", "yaml"]);
    let v: Value = serde_yaml::from_str(&yaml).expect("YAML parses");
    let p: ProcedurePage = strict(&v, "family bind yaml");
    check_page(&p, "family bind yaml");
}
