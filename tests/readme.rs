//! The README's tables are the documentation of record for exit codes and
//! linter codes; they must say exactly what the enums say.

use yibao::error::Exit;
use yibao::kb::finding::Code;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap()
}

/// Rows `| a | b |` of the first table after `heading`.
fn table_after(text: &str, heading: &str) -> Vec<(String, String)> {
    let start = text
        .find(heading)
        .unwrap_or_else(|| panic!("no heading {heading}"));
    text[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].to_string(), cells[1].to_string())
        })
        .collect()
}

#[test]
fn exit_code_table_matches_the_enum() {
    let rows = table_after(&readme(), "## Exit codes");
    let expected: Vec<(String, String)> = Exit::ALL
        .iter()
        .map(|e| (e.code().to_string(), e.meaning().to_string()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn linter_code_table_matches_the_enum() {
    let rows = table_after(&readme(), "### The linter");
    let expected: Vec<(String, String)> = Code::ALL
        .iter()
        .map(|c| (c.as_str().to_string(), c.meaning().to_string()))
        .collect();
    assert_eq!(rows, expected);
}

#[test]
fn first_screen_has_the_two_commands() {
    let text = readme();
    let first_screen: String = text.lines().take(24).collect::<Vec<_>>().join("\n");
    assert!(first_screen.contains("cargo run --release -- card apply --region heilongjiang"));
    assert!(first_screen.contains("cargo test"));
}

/// The overlay demo, run as written: `bash` in an empty directory, with
/// `yibao` on `PATH` being the binary under test.
#[test]
fn overlay_demo_works_as_written() {
    let text = readme();
    let start = text
        .find("### Overlays: your own data")
        .expect("overlay section");
    let block = text[start..]
        .split("```sh\n")
        .nth(1)
        .and_then(|s| s.split("\n```").next())
        .expect("an sh block");
    let dir = tempfile::tempdir().unwrap();
    let bin_dir = dir.path().join("bin");
    std::fs::create_dir(&bin_dir).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_yibao"), bin_dir.join("yibao")).unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = std::process::Command::new("bash")
        .args(["-e", "-c", block])
        .current_dir(dir.path())
        .env("PATH", path)
        .env("YIBAO_TODAY", "2026-11-28")
        .env_remove("YIBAO_DATA")
        .env_remove("YIBAO_REGION")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("my-office：1 个文件，0 个错误，"),
        "validate reports the overlay clean: {stderr}"
    );
    for want in [
        "幸福社区服务站医保窗口",
        "黑河市爱辉区幸福路 1 号",
        "0456-0000000",
        "| 6    | 不会用手机的，可以到社区服  | 幸福社区服务站医保窗口       | 本地补充 |",
    ] {
        assert!(stdout.contains(want), "missing {want}: {stdout}");
    }
}
