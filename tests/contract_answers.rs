//! The JSON contract of every answer besides a procedure page
//! (`tests/common/contract.rs` mirrors each field by field): checklists,
//! the list, the overview and topic pages, regions, search, the FAQ, the
//! validation report, the error envelope on stderr, and `yibao schema`.

mod common;
#[path = "common/contract.rs"]
mod contract;

use common::*;
use contract::*;

#[test]
fn checklist_matches_the_contract() {
    for args in [
        &["filing", "checklist"][..],
        &["filing", "checklist", "--region", "heilongjiang"][..],
        &["card", "checklist", "--have", "身份证,照片,火星卡"][..],
        &["family", "checklist", "bind", "--region", "heihe"][..],
    ] {
        let mut a = args.to_vec();
        a.push("--json");
        let c: Checklist = strict(&ok_json(&a), &args.join(" "));
        assert_eq!(c.schema_version, 1);
        assert_eq!(c.kind, "checklist");
        assert!(!c.items.is_empty(), "{args:?}");
        assert!(!c.layers.is_empty());
        assert!(c.procedure.command.starts_with("yibao "));
        assert_eq!(c.have_given, args.contains(&"--have"));
        assert_eq!(c.regional_data, c.layers.len() > 1);
        assert!(
            c.items
                .iter()
                .all(|i| !i.id.is_empty() && !i.text.is_empty())
        );
        let expected_missing: Vec<&str> = c
            .items
            .iter()
            .filter(|i| i.required && !i.have)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(c.missing, expected_missing, "{args:?}");
        assert!(!c.freshness.checked.is_empty());
        assert_eq!(c.confirm_with.len(), 3);
        if args.contains(&"--have") {
            assert_eq!(c.unmatched_have, ["火星卡"]);
            assert!(
                c.items
                    .iter()
                    .any(|i| i.have && i.section == Section::Material)
            );
        }
    }
}

#[test]
fn list_matches_the_contract() {
    let l: ProcedureList = strict(&ok_json(["list", "--json"]), "list");
    assert_eq!(l.schema_version, 1);
    assert_eq!(l.kind, "list");
    assert_eq!(l.procedures.len(), procedure_ids().len());
    for p in &l.procedures {
        assert_eq!(p.id, format!("{}.{}", p.topic, p.action));
        assert_eq!(p.command, format!("yibao {} {}", p.topic, p.action));
        assert!(!p.title.is_empty() && !p.summary.is_empty() && !p.action_name.is_empty());
    }
    let fb = l.procedures.iter().find(|p| p.id == "family.bind").unwrap();
    assert_eq!(fb.regions, ["heihe"]);
    let ca = l.procedures.iter().find(|p| p.id == "card.apply").unwrap();
    assert_eq!(ca.regions, ["heilongjiang"]);
}

#[test]
fn overview_and_topic_pages_match_the_contract() {
    let o: Overview = strict(&ok_json(["--json"]), "overview");
    assert_eq!((o.schema_version, o.kind.as_str()), (1, "overview"));
    assert_eq!(o.version, env!("CARGO_PKG_VERSION"));
    assert_eq!(o.checked_as_of.len(), 10);
    assert_eq!(o.topics.len(), 6);
    assert!(o.examples.contains(&"yibao filing checklist".to_string()));
    for t in &o.topics {
        let page: TopicPage = strict(&ok_json([t.id.as_str(), "--json"]), &t.id);
        assert_eq!((page.schema_version, page.kind.as_str()), (1, "topic"));
        assert_eq!(page.topic.id, t.id);
        assert_eq!(page.topic.name, t.name);
        assert_eq!(page.topic.aliases, t.aliases);
        assert_eq!(page.topic.summary, t.summary);
        assert!(
            page.topic.procedures.iter().any(|p| p.id == t.primary),
            "{}: primary {}",
            t.id,
            t.primary
        );
    }
}

#[test]
fn regions_match_the_contract() {
    let r: RegionList = strict(&ok_json(["regions", "--json"]), "regions");
    assert_eq!((r.schema_version, r.kind.as_str()), (1, "regions"));
    assert_eq!(r.regions.iter().filter(|x| x.parent.is_none()).count(), 32);
    for e in &r.regions {
        assert_eq!(e.parent.is_some(), e.level == RegionLevel::City, "{e:?}");
        assert!(
            !e.name.is_empty() && !e.short.is_empty() && e.code.len() == 6,
            "{e:?}"
        );
        // Every region of the built-in registry has an English name.
        assert!(e.en.as_deref().is_some_and(|en| !en.is_empty()), "{e:?}");
        let _ = (&e.aliases, &e.procedures, &e.id);
    }
}

#[test]
fn search_matches_the_contract() {
    let s: SearchResults = strict(&ok_json(["search", "补办", "--json"]), "search 补办");
    assert_eq!(
        (s.schema_version, s.kind.as_str(), s.query.as_str()),
        (1, "search", "补办")
    );
    assert!(s.region.is_none());
    assert_eq!(s.lang, Lang::Zh);
    assert_eq!(s.understood.len(), 1);
    assert_eq!(s.understood[0].word, "补办");
    assert_eq!(s.results[0].id, "card.replace");
    assert_eq!(s.results[0].kind, ResultKind::Procedure);
    assert_eq!(s.results[0].rank, 1);
    assert_eq!(s.results[0].covered, 1);
    assert_eq!(s.results[0].matched, MatchKind::Name);
    // Procedures and terms by score; plans the question does not name
    // after them, by score too.
    let (plans, others): (Vec<&SearchResult>, Vec<&SearchResult>) =
        s.results.iter().partition(|r| r.kind == ResultKind::Plan);
    for list in [&others, &plans] {
        for w in list.windows(2) {
            assert!(w[0].score >= w[1].score, "ranked by score: {w:?}");
        }
    }
    assert!(others.iter().all(|o| plans.iter().all(|p| o.rank < p.rank)));
    for w in s.results.windows(2) {
        assert_eq!(w[0].rank + 1, w[1].rank);
    }
    let s: SearchResults = strict(
        &ok_json(["search", "家庭共济", "--region", "heihe", "--json"]),
        "search --region heihe",
    );
    assert_eq!(s.region.map(|r| r.id), Some("heihe".to_string()));
}

#[test]
fn faq_matches_the_contract() {
    let f: FaqPage = strict(&ok_json(["faq", "--json"]), "faq");
    assert_eq!((f.schema_version, f.kind.as_str()), (1, "faq"));
    assert!(f.region.is_none());
    assert!(f.items.len() >= 10, "{}", f.items.len());
    for i in &f.items {
        assert!(
            !i.q.is_empty() && !i.a.is_empty() && !i.id.is_empty() && !i.procedure_title.is_empty()
        );
        assert!(!i.src.is_empty(), "faq {} cites a source", i.id);
        assert_eq!(i.from, "national");
        assert!(i.procedure.contains('.'));
    }
    assert_eq!(f.confirm_with.len(), 3);
    let _ = f.freshness.months_old;
    let card: FaqPage = strict(
        &ok_json(["faq", "card", "--region", "heilongjiang", "--json"]),
        "faq card",
    );
    assert!(card.items.iter().all(|i| i.procedure.starts_with("card.")));
    assert_eq!(card.region.map(|r| r.id), Some("heilongjiang".to_string()));
}

#[test]
fn validation_report_matches_the_contract() {
    let good = fixture("overlay-good");
    let v = ok_json([
        std::ffi::OsStr::new("data"),
        "validate".as_ref(),
        good.as_os_str(),
        "--json".as_ref(),
    ]);
    let rep: ValidationReport = strict(&v, "data validate overlay-good");
    assert_eq!(
        (rep.schema_version, rep.kind.as_str(), rep.mode.as_str()),
        (1, "validation", "overlay")
    );
    assert_eq!((rep.files, rep.errors), (1, 0));
    let _ = (&rep.path, rep.warnings, &rep.findings);

    let bad = fixture("overlay-unknown-field");
    let r = run([
        std::ffi::OsStr::new("data"),
        "validate".as_ref(),
        bad.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, Some(4), "{}", r.stderr);
    let rep: ValidationReport = strict(&r.json(), "data validate overlay-unknown-field");
    assert_eq!(rep.errors, 1);
    assert_eq!(rep.findings[0].code, "E003");
    assert_eq!(rep.findings[0].severity, Severity::Error);
    assert_eq!((rep.findings[0].line, rep.findings[0].column), (5, 5));
    assert!(rep.findings[0].file.ends_with("family.yaml"));
    assert!(rep.findings[0].message.contains("titel"));
}

#[test]
fn error_json_on_stderr_matches_the_contract() {
    let r = run(["card", "apply", "--region", "heilongjang", "--json"]);
    assert_eq!(r.code, Some(3));
    assert!(r.stdout.is_empty(), "errors go to stderr only");
    assert_eq!(r.stderr.lines().count(), 1, "one JSON line: {}", r.stderr);
    let e: ErrorJson = strict(&r.stderr_json(), "unknown region error");
    assert_eq!(e.schema_version, 1);
    assert_eq!(e.error.code, 3);
    assert_eq!(e.error.kind, "unknown_region");
    assert_eq!(e.error.given.as_deref(), Some("heilongjang"));
    assert!(e.error.suggestions[0].starts_with("heilongjiang"));
    assert!(e.error.message.contains("heilongjang"));
    assert!(e.error.findings.is_empty());

    // Other kinds of errors use the same envelope.
    for (args, code, kind) in [
        (&["crad", "--json"][..], 3u8, "unknown_topic"),
        (&["card", "aply", "--json"][..], 3, "unknown_action"),
        (&["show", "card.nope", "--json"][..], 3, "unknown_procedure"),
        (
            &["card", "apply", "--format", "xml", "--json"][..],
            2,
            "usage",
        ),
    ] {
        let r = run(args);
        assert_eq!(r.code, Some(i32::from(code)), "{args:?}: {}", r.stderr);
        let e: ErrorJson = strict(&r.stderr_json(), &args.join(" "));
        assert_eq!(
            (e.error.code, e.error.kind.as_str()),
            (code, kind),
            "{args:?}"
        );
        assert!(!e.error.message.is_empty());
    }

    // Invalid overlay: findings with file, line, column.
    let bad = fixture("overlay-unknown-field");
    let r = run([
        std::ffi::OsStr::new("family"),
        "bind".as_ref(),
        "--data".as_ref(),
        bad.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(r.code, Some(4));
    let e: ErrorJson = strict(&r.stderr_json(), "invalid overlay");
    assert_eq!((e.error.code, e.error.kind.as_str()), (4, "invalid_data"));
    assert!(e.error.given.is_none() && e.error.suggestions.is_empty());
    assert_eq!(e.error.findings.len(), 1);
    assert_eq!(e.error.findings[0].code, "E003");
}

#[test]
fn schema_command_prints_json_schemas() {
    for which in [
        &["schema"][..],
        &["schema", "output"][..],
        &["schema", "data"][..],
    ] {
        let v = ok_json(which);
        assert!(v.is_object(), "{which:?}");
        let text = v.to_string();
        assert!(
            text.contains("\"$schema\"") || text.contains("\"properties\""),
            "{which:?}: {text:.200}"
        );
    }
    let output = ok_json(["schema"]).to_string();
    for key in [
        "schema_version",
        "regional_data",
        "coverage",
        "layers",
        "missing",
        "field_from",
    ] {
        assert!(output.contains(key), "the output schema documents {key}");
    }
}
