//! Checks of HTML pages: valid by html5ever (the parser of Servo, through
//! `scraper`), self-contained, and their text and links.

use scraper::{Html, Selector};
use std::collections::BTreeSet;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e:?}"))
}

/// The page parsed; panics with html5ever's parse errors if there are any.
pub fn parse_valid(page: &str, what: &str) -> Html {
    let doc = Html::parse_document(page);
    assert!(
        doc.errors.is_empty(),
        "{what}: HTML parse errors {:?}\n{}",
        doc.errors,
        page.chars().take(3000).collect::<String>()
    );
    assert!(
        page.starts_with("<!DOCTYPE html>\n"),
        "{what}: no HTML5 doctype"
    );
    doc
}

/// Asserts a page is a valid, self-contained HTML5 document in `lang`:
/// UTF-8, viewport meta, a real title, inline CSS only, no script, no
/// event-handler attribute, nothing loaded from anywhere (a `<link>` only
/// names the page in another language), and only relative links. Returns
/// the parsed page.
pub fn assert_page(page: &str, lang: &str, what: &str) -> Html {
    let doc = parse_valid(page, what);
    let html = doc.select(&sel("html")).next().expect("html element");
    assert_eq!(html.value().attr("lang"), Some(lang), "{what}: lang");
    assert_eq!(
        doc.select(&sel("meta[charset]"))
            .next()
            .and_then(|m| m.value().attr("charset")),
        Some("utf-8"),
        "{what}: charset"
    );
    let viewport = doc
        .select(&sel("meta[name=viewport]"))
        .next()
        .and_then(|m| m.value().attr("content"));
    assert_eq!(
        viewport,
        Some("width=device-width, initial-scale=1"),
        "{what}: viewport"
    );
    let title: String = doc
        .select(&sel("head > title"))
        .next()
        .map(|t| t.text().collect())
        .unwrap_or_default();
    assert!(title.trim().chars().count() > 6, "{what}: title {title:?}");
    for l in doc.select(&sel("link")) {
        let v = l.value();
        assert!(
            v.attr("rel") == Some("alternate") && v.attr("hreflang").is_some_and(|h| h != lang),
            "{what}: a <link> that is not the page in another language: {:?}",
            v.attrs().collect::<Vec<_>>()
        );
    }
    for tag in [
        "script", "img", "iframe", "object", "embed", "base", "form", "video", "audio", "source",
        "svg",
    ] {
        assert!(
            doc.select(&sel(tag)).next().is_none(),
            "{what}: a <{tag}> element"
        );
    }
    for el in doc.select(&sel("*")) {
        for (name, value) in el.value().attrs() {
            assert!(
                !name.starts_with("on"),
                "{what}: event-handler attribute {name}={value:?}"
            );
            assert!(
                !matches!(name, "src" | "srcset" | "action" | "formaction"),
                "{what}: {name}={value:?}"
            );
        }
    }
    for style in doc.select(&sel("style")) {
        let css: String = style.text().collect();
        assert!(
            !css.contains("url(") && !css.contains("@import"),
            "{what}: CSS loads something"
        );
    }
    for href in links(&doc) {
        assert!(
            !href.contains(':') && !href.starts_with('/') && !href.contains('\\'),
            "{what}: link {href:?} is not relative"
        );
    }
    doc
}

/// Every `href` of a page.
pub fn links(doc: &Html) -> Vec<String> {
    doc.select(&sel("[href]"))
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect()
}

/// Every `id` of a page.
pub fn ids(doc: &Html) -> BTreeSet<String> {
    doc.select(&sel("[id]"))
        .filter_map(|a| a.value().attr("id"))
        .map(str::to_string)
        .collect()
}

/// The text of the elements `selector` picks, each as one string.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| e.text().collect::<String>())
        .collect()
}

/// The text a reader sees in the body, entities decoded.
pub fn body_text(doc: &Html) -> String {
    texts(doc, "body").concat()
}

/// How many elements `selector` picks.
pub fn count(doc: &Html, selector: &str) -> usize {
    doc.select(&sel(selector)).count()
}
