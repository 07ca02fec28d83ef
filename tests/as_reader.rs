//! `--as WHO` (`YIBAO_AS`): who you are decides which materials, steps and
//! conditions are yours. The human formats leave the others out; the JSON
//! keeps them, marked. Without `--as` every item keeps its qualifier, in
//! the list of what is missing too.

mod common;

use common::*;
use serde_json::Value;

fn item<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}: {v}"))
}

#[test]
fn without_as_every_item_keeps_its_qualifier_even_in_the_missing_list() {
    let out = ok([
        "card",
        "checklist",
        "apply",
        "--have",
        "身份证",
        "--width",
        "200",
    ]);
    let missing = out.split("还缺").nth(1).expect("a missing list");
    for line in [
        "- 参保证明（单位出具）〔仅职工〕",
        "- 城乡居民医保缴费凭证〔仅城乡居民〕",
        "- 16岁以下的孩子凭户口簿办理，由父母等监护人代为申请。〔仅未成年人〕",
    ] {
        assert!(missing.contains(line), "{line}\n{out}");
    }
}

#[test]
fn a_resident_sees_only_what_is_for_residents() {
    for (args, env) in [
        (vec!["card", "checklist", "apply", "--as", "居民"], None),
        (vec!["card", "checklist", "apply", "--as", "resident"], None),
        (vec!["card", "checklist", "apply"], Some("居民")),
    ] {
        let mut c = yibao();
        c.args(&args).args(["--width", "200"]);
        if let Some(who) = env {
            c.env("YIBAO_AS", who);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("城乡居民医保缴费凭证"), "{args:?}: {text}");
        assert!(!text.contains("参保证明（单位出具）"), "{args:?}: {text}");
        assert!(!text.contains("16岁以下的孩子"), "{args:?}: {text}");
        assert!(text.contains("按「城乡居民」列出"), "{args:?}: {text}");
    }
    // The JSON keeps what the screen leaves out, marked.
    let v = ok_json(["card", "checklist", "apply", "--as", "居民", "--json"]);
    assert_eq!(v["as"], "resident");
    assert_eq!(item(&v, "employer-proof")["for_you"], false);
    assert_eq!(item(&v, "payment-receipt")["for_you"], true);
    let missing: Vec<&str> = v["missing"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(missing.contains(&"payment-receipt"), "{missing:?}");
    assert!(!missing.contains(&"employer-proof"), "{missing:?}");
    assert!(!missing.contains(&"minor"), "{missing:?}");
}

#[test]
fn an_employee_procedure_page_leaves_out_the_residents_receipt() {
    let out = ok(["card", "apply", "--as", "职工", "--width", "200"]);
    assert!(out.contains("参保证明（单位出具）"), "{out}");
    assert!(!out.contains("城乡居民医保缴费凭证"), "{out}");
    let v = ok_json(["card", "apply", "--as", "employee", "--json"]);
    assert_eq!(v["as"], "employee");
    let hidden: Vec<&str> = v["not_for_you"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(hidden, ["payment-receipt"]);
    // Still in the JSON's materials.
    let materials = v["procedure"]["materials"].as_array().unwrap();
    assert!(materials.iter().any(|m| m["id"] == "payment-receipt"));
}

#[test]
fn as_is_a_usage_error_when_it_names_nobody() {
    let r = run(["card", "apply", "--as", "外星人"]);
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
}
