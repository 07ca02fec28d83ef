//! The guided questions of `yibao plan`, driven in a real pseudo-terminal.
//! Every wait has a time limit: a prompt that never comes fails the test
//! instead of hanging it.

mod common;

use common::{TODAY, bin};
use rexpect::process::WaitStatus;
use rexpect::reader::Options;
use rexpect::session::{PtySession, spawn_with_options};
use std::process::Command;
use std::time::{Duration, Instant};

/// Longest wait for any one screen.
const WAIT_MS: u64 = 15_000;

fn guided(extra: &[&str]) -> PtySession {
    let mut c = Command::new(bin());
    c.arg("plan").args(extra);
    c.env("YIBAO_TODAY", TODAY)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env_remove("YIBAO_REGION")
        .env_remove("YIBAO_DATA")
        .env_remove("YIBAO_AS")
        .env_remove("YIBAO_LANG");
    spawn_with_options(
        c,
        Options::default()
            .timeout_ms(Some(WAIT_MS))
            .strip_ansi_escape_codes(true),
    )
    .expect("yibao starts in a pty")
}

/// rexpect reads the terminal byte by byte, one `char` per byte: a needle
/// in Chinese is matched in that form.
fn bytes(s: &str) -> String {
    s.bytes().map(char::from).collect()
}

/// Waits (within the time limit) for `text` on the screen.
fn expect(p: &mut PtySession, text: &str) {
    if let Err(e) = p.exp_string(&bytes(text)) {
        panic!("waiting for {text:?}: {e}");
    }
}

/// Types `text` (without Enter) and sends it at once.
fn type_in(p: &mut PtySession, text: &str) {
    p.send(text).expect("send");
    p.flush().expect("flush");
}

/// The exit code once the process ends; a process still running after the
/// time limit fails the test (and is killed) instead of hanging it.
fn exit_code(p: &mut PtySession) -> i32 {
    let _ = p.exp_eof();
    let deadline = Instant::now() + Duration::from_millis(WAIT_MS);
    loop {
        match p.process().status() {
            Some(WaitStatus::Exited(_, code)) => return code,
            Some(WaitStatus::StillAlive) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            other => {
                let _ = p.process_mut().signal(rexpect::process::Signal::SIGKILL);
                panic!("yibao did not end in time: {other:?}");
            }
        }
    }
}

#[test]
fn enter_through_every_question_gives_a_plan_and_its_command_line() {
    let mut p = guided(&[]);
    expect(&mut p, "遇到了什么情况？");
    p.send_line("").unwrap();
    expect(&mut p, "在哪里参保");
    p.send_line("").unwrap();
    expect(&mut p, "要去哪里");
    p.send_line("").unwrap();
    expect(&mut p, "你参加的是哪种医保？");
    p.send_line("").unwrap();
    expect(&mut p, "给谁办？");
    p.send_line("").unwrap();
    expect(&mut p, "办事方案：去外省长住（过冬、候鸟）");
    expect(&mut p, "1. 准备");
    expect(&mut p, "要带的材料");
    expect(&mut p, "下次不用回答问题，直接运行：");
    expect(&mut p, "yibao plan winter-stay");
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn typing_filters_the_cities_and_the_answers_make_the_command_line() {
    let mut p = guided(&[]);
    expect(&mut p, "遇到了什么情况？");
    p.send_line("").unwrap();
    expect(&mut p, "在哪里参保");
    type_in(&mut p, "黑河");
    expect(&mut p, "黑河市（黑龙江）heihe");
    p.send_line("").unwrap();
    expect(&mut p, "要去哪里");
    type_in(&mut p, "三亚");
    expect(&mut p, "三亚市（海南）sanya");
    p.send_line("").unwrap();
    expect(&mut p, "你参加的是哪种医保？");
    type_in(&mut p, "退休");
    expect(&mut p, "退休人员");
    p.send_line("").unwrap();
    expect(&mut p, "给谁办？");
    p.send_line("").unwrap();
    expect(&mut p, "就医地填三亚市");
    expect(
        &mut p,
        "yibao plan winter-stay --from heihe --to sanya --as retiree",
    );
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn pinyin_finds_a_city_too() {
    let mut p = guided(&["--region", "heihe"]);
    expect(&mut p, "遇到了什么情况？");
    type_in(&mut p, "丢卡");
    expect(&mut p, "医保卡丢了");
    p.send_line("").unwrap();
    // --region is the starting answer: Enter keeps it.
    expect(&mut p, "在哪里参保");
    p.send_line("").unwrap();
    expect(&mut p, "你参加的是哪种医保？");
    p.send_line("").unwrap();
    expect(&mut p, "给谁办？");
    p.send_line("").unwrap();
    expect(&mut p, "yibao plan lost-card --from heihe");
    assert_eq!(exit_code(&mut p), 0);
}

#[test]
fn ctrl_c_leaves_quietly_with_130() {
    let mut p = guided(&[]);
    expect(&mut p, "遇到了什么情况？");
    p.send_control('c').unwrap();
    let rest = p.exp_eof().unwrap_or_default();
    assert!(!rest.contains("panicked"), "{rest}");
    assert!(!rest.contains(&bytes("办事方案")), "{rest}");
    assert_eq!(exit_code(&mut p), 130);
}

#[test]
fn esc_leaves_quietly_with_130_too() {
    let mut p = guided(&[]);
    expect(&mut p, "遇到了什么情况？");
    p.send_line("").unwrap();
    expect(&mut p, "在哪里参保");
    type_in(&mut p, "\x1b");
    let rest = p.exp_eof().unwrap_or_default();
    assert!(!rest.contains("panicked"), "{rest}");
    assert_eq!(exit_code(&mut p), 130);
}

#[test]
fn the_terminal_is_restored_after_leaving() {
    // Run in a shell inside the pty: after yibao leaves, the shell reads a
    // line in cooked mode again (raw mode would not echo the newline).
    let mut c = Command::new("sh");
    c.arg("-c").arg(format!(
        "'{}' plan; echo \"code=$?\"; stty -a | grep -o -- '-\\?icanon' ; read x; echo \"got=$x\"",
        bin().display()
    ));
    c.env("YIBAO_TODAY", TODAY)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    let mut p = spawn_with_options(c, Options::default().timeout_ms(Some(WAIT_MS))).unwrap();
    expect(&mut p, "遇到了什么情况？");
    p.send_control('c').unwrap();
    expect(&mut p, "code=130");
    let (_, mode) = p.exp_regex("-?icanon").unwrap();
    assert_eq!(mode, "icanon", "terminal left in raw mode");
    p.send_line("ok").unwrap();
    expect(&mut p, "got=ok");
}

#[test]
fn a_pipe_on_stdout_never_prompts_even_with_a_terminal_on_stdin() {
    let mut c = Command::new("sh");
    c.arg("-c").arg(format!(
        "'{}' plan | cat; echo \"done=$?\"",
        bin().display()
    ));
    c.env("YIBAO_TODAY", TODAY).env("TERM", "xterm");
    let mut p = spawn_with_options(c, Options::default().timeout_ms(Some(WAIT_MS))).unwrap();
    expect(&mut p, "yibao plan help-parent");
    expect(&mut p, "done=0");
}
