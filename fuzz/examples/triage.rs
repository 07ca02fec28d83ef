//! Runs inputs through a target's checks without libFuzzer and says what
//! each one is: `cargo run --example triage -- <overlay|render|text> FILE…`.
//! For overlays it also prints the findings and whether the overlay was
//! accepted; for render inputs, the decoded case.

use yibao::kb::Kb;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args
        .next()
        .expect("usage: triage <overlay|render|text> FILE…");
    let mut failed = 0;
    for path in args {
        let data = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        match target.as_str() {
            "overlay" => match yibao::kb::load::load_bytes("fuzz.yaml", &data) {
                Err(f) => println!("{path}: does not load: {f}"),
                Ok(file) => {
                    let w = file.warnings.clone();
                    let (base, findings) = Kb::check_overlay(vec![file], w, yibao_fuzz::TODAY);
                    println!(
                        "{path}: {} (width {}), {} findings",
                        if base.is_some() {
                            "accepted"
                        } else {
                            "rejected"
                        },
                        yibao_fuzz::overlay_width(&data),
                        findings.len()
                    );
                    for f in findings.iter().take(5) {
                        println!("    {f}");
                    }
                }
            },
            "render" => println!("{path}: {:?}", yibao_fuzz::RenderCase::decode(&data)),
            "text" => {
                let c = yibao_fuzz::TextCase::decode(&data);
                println!(
                    "{path}: width {} indent {:?} text {:?}",
                    c.width, c.indent, c.text
                );
            }
            t => panic!("unknown target {t}"),
        }
        let result = std::panic::catch_unwind(|| match target.as_str() {
            "overlay" => yibao_fuzz::check_overlay(&data),
            "render" => yibao_fuzz::check_render(&data),
            _ => yibao_fuzz::check_text(&data),
        });
        match result {
            Ok(Ok(())) => println!("    ok"),
            Ok(Err(e)) => {
                failed += 1;
                println!("    FAILS: {e}");
            }
            Err(_) => {
                failed += 1;
                println!("    PANICS");
            }
        }
    }
    std::process::exit(i32::from(failed > 0));
}
