//! Every way a run can fail, the exit code each maps to, and how each is
//! told to a person or to a script (JSON on stderr), in the run's language:
//! one or two Chinese sentences with the key facts in English, or plain
//! English (`--lang en`). Each error carries its text in both languages
//! from where it is made ([`Msg`]); [`Error::message`] picks one.

use crate::kb::finding::Finding;
use crate::kb::i18n::{Lang, Msg, count_en};
use schemars::JsonSchema;
use serde::Serialize;

/// Exit codes. The README's table is checked against [`Exit::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Exit {
    /// The answer was printed.
    Ok = 0,
    /// Anything else went wrong (an output error, say).
    Other = 1,
    /// The command line was wrong: unknown option, bad value, missing argument.
    Usage = 2,
    /// Something named does not exist: region, topic, action, procedure id.
    NotFound = 3,
    /// Knowledge-base data is invalid: an overlay, or a directory being validated.
    InvalidData = 4,
    /// The person left the guided questions of `yibao plan` (Ctrl-C or Esc)
    /// before a plan was made: the shell's code for an interrupted command.
    Interrupted = 130,
}

impl Exit {
    pub const ALL: [Exit; 6] = [
        Exit::Ok,
        Exit::Other,
        Exit::Usage,
        Exit::NotFound,
        Exit::InvalidData,
        Exit::Interrupted,
    ];

    pub fn code(self) -> u8 {
        self as u8
    }

    /// What the code means, as the README's table says it.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Ok => "success",
            Exit::Other => "other error (e.g. cannot write output)",
            Exit::Usage => "usage error: unknown option, bad value, missing argument",
            Exit::NotFound => "not found: unknown region, topic, action or procedure id",
            Exit::InvalidData => "invalid data: overlay or validated directory has errors",
            Exit::Interrupted => "interrupted: the guided questions were left with Ctrl-C or Esc",
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> std::process::ExitCode {
        std::process::ExitCode::from(e.code())
    }
}

/// What kind of name matched nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unknown {
    /// `--region` (or `YIBAO_REGION`).
    Region,
    /// The first command word.
    Topic,
    /// The word after a topic, or a checklist's action.
    Action,
    /// A procedure id (`yibao show`).
    Procedure,
    /// A life situation (`yibao plan`).
    Situation,
    /// A word of the glossary (`yibao terms <word>`).
    Term,
}

impl Unknown {
    /// The English word, as messages and JSON kinds say it.
    pub fn as_str(self) -> &'static str {
        match self {
            Unknown::Region => "region",
            Unknown::Topic => "topic",
            Unknown::Action => "action",
            Unknown::Procedure => "procedure",
            Unknown::Situation => "situation",
            Unknown::Term => "term",
        }
    }

    /// The Chinese noun for messages.
    fn noun(self) -> &'static str {
        match self {
            Unknown::Region => "地区",
            Unknown::Topic => "主题",
            Unknown::Action => "事项",
            Unknown::Procedure => "办事指南",
            Unknown::Situation => "情况",
            Unknown::Term => "术语",
        }
    }

    /// The JSON error kind.
    fn kind(self) -> &'static str {
        match self {
            Unknown::Region => "unknown_region",
            Unknown::Topic => "unknown_topic",
            Unknown::Action => "unknown_action",
            Unknown::Procedure => "unknown_procedure",
            Unknown::Situation => "unknown_situation",
            Unknown::Term => "unknown_term",
        }
    }
}

/// Why a run failed. [`Error::message`] gives the message for people in a
/// language (`Display`: in Chinese): the first line says what went wrong
/// and where; further lines (findings) only for invalid data.
#[derive(Debug)]
pub enum Error {
    /// Bad command line; the message says what and how to fix it.
    Usage(Msg),
    /// A name that matches nothing.
    NotFound {
        what: Unknown,
        /// What the user typed.
        given: String,
        /// Closest existing names, each as a person would recognise it
        /// (`tianjin（天津市）`, `tianjin (Tianjin)`).
        suggestions: Vec<Msg>,
        /// Where to look for the full list: one sentence.
        hint: Msg,
    },
    /// Invalid knowledge-base data (an overlay given with `--data`).
    InvalidData {
        /// What was being read: `覆盖数据 DIR`, `overlay DIR`.
        subject: Msg,
        findings: Vec<Finding>,
    },
    /// `yibao data validate` found errors (the findings are its output).
    LintFailed {
        /// The directory validated, as given.
        dir: String,
        errors: usize,
    },
    /// The built-in base could not be decoded.
    Corrupt(String),
    /// Output could not be written.
    Output(std::io::Error),
    /// The reader of stdout went away (`| head -1`): a normal end.
    PipeClosed,
    /// The person left the guided questions (Ctrl-C or Esc): a quiet end.
    Interrupted,
}

impl From<std::io::Error> for Error {
    /// A write to stdout failed: a reader that went away ends the run
    /// quietly, anything else is an output error.
    fn from(e: std::io::Error) -> Error {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            Error::PipeClosed
        } else {
            Error::Output(e)
        }
    }
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Usage(_) => Exit::Usage,
            Error::NotFound { .. } => Exit::NotFound,
            Error::InvalidData { .. } | Error::LintFailed { .. } | Error::Corrupt(_) => {
                Exit::InvalidData
            }
            Error::Output(_) => Exit::Other,
            Error::PipeClosed => Exit::Ok,
            Error::Interrupted => Exit::Interrupted,
        }
    }

    /// Stable machine-readable kind for JSON errors.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Usage(_) => "usage",
            Error::NotFound { what, .. } => what.kind(),
            Error::InvalidData { .. } | Error::LintFailed { .. } => "invalid_data",
            Error::Corrupt(_) => "corrupt_base",
            Error::Output(_) => "output",
            Error::PipeClosed => "pipe_closed",
            Error::Interrupted => "interrupted",
        }
    }

    /// The error as the JSON scripts read on stderr, its texts in `lang`.
    pub fn to_json(&self, lang: Lang) -> String {
        let (given, suggestions) = match self {
            Error::NotFound {
                given, suggestions, ..
            } => (
                Some(given.clone()),
                suggestions
                    .iter()
                    .map(|s| s.get(lang).to_string())
                    .collect(),
            ),
            _ => (None, Vec::new()),
        };
        let findings = match self {
            Error::InvalidData { findings, .. } => findings
                .iter()
                .map(|f| crate::views::FindingRef::new(f, lang))
                .collect(),
            _ => Vec::new(),
        };
        let env = ErrorJson {
            schema_version: crate::render::json::SCHEMA_VERSION,
            error: ErrorBody {
                code: self.exit().code(),
                kind: self.kind(),
                message: self
                    .message(lang)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                given,
                suggestions,
                findings,
            },
        };
        serde_json::to_string(&env).unwrap_or_default()
    }

    /// The message for people in `lang`: Chinese with the key facts in
    /// English, or plain English.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.chinese(),
            Lang::En => self.english(),
        }
    }

    fn chinese(&self) -> String {
        match self {
            Error::Usage(m) => m.zh.clone(),
            Error::NotFound {
                what,
                given,
                suggestions,
                hint,
            } => {
                let (noun, en) = (what.noun(), what.as_str());
                let mut s = if given.trim().is_empty() {
                    format!("{noun}不能为空 (empty {en})。")
                } else {
                    format!("找不到{noun}「{given}」(unknown {en})。")
                };
                if !suggestions.is_empty() {
                    let names: Vec<&str> = suggestions.iter().map(|m| m.zh.as_str()).collect();
                    s.push_str(&format!("你是不是要找：{}？", names.join("、")));
                }
                s.push_str(&hint.zh);
                s
            }
            Error::InvalidData { subject, findings } => {
                let errors: Vec<&Finding> = findings.iter().filter(|x| x.is_error()).collect();
                let mut s = format!(
                    "{subject} 有 {} 处错误，未应用任何内容 (invalid data, nothing applied)：",
                    errors.len()
                );
                let lines: Vec<String> = errors.iter().map(|e| e.line_in(Lang::Zh)).collect();
                s.push_str(&lines.join("\n"));
                s
            }
            Error::LintFailed { dir, errors } => {
                format!("{dir} 有 {errors} 个错误 (invalid data)，见上面各行的 file:line:col。")
            }
            Error::Corrupt(m) => format!("内置知识库损坏，请重新安装 (corrupt built-in base: {m})"),
            Error::Output(e) => format!("无法写出结果 (cannot write output: {e})"),
            Error::PipeClosed => String::new(),
            Error::Interrupted => "已取消 (cancelled)。".into(),
        }
    }

    fn english(&self) -> String {
        match self {
            Error::Usage(m) => m.en.clone(),
            Error::NotFound {
                what,
                given,
                suggestions,
                hint,
            } => {
                let what = what.as_str();
                let mut s = if given.trim().is_empty() {
                    format!("no {what} given: the value is empty. ")
                } else {
                    format!("unknown {what} \"{given}\". ")
                };
                if !suggestions.is_empty() {
                    let names: Vec<&str> = suggestions.iter().map(|m| m.en.as_str()).collect();
                    s.push_str(&format!("Did you mean: {}? ", names.join(", ")));
                }
                s.push_str(&hint.en);
                s
            }
            Error::InvalidData { subject, findings } => {
                let errors: Vec<&Finding> = findings.iter().filter(|x| x.is_error()).collect();
                let mut s = format!(
                    "{} has {}, so none of it was applied: ",
                    subject.en,
                    count_en(errors.len(), "error", "errors")
                );
                let lines: Vec<String> = errors.iter().map(|e| e.line_in(Lang::En)).collect();
                s.push_str(&lines.join("\n"));
                s
            }
            Error::LintFailed { dir, errors } => format!(
                "{dir} has {} (invalid data); see the file:line:col lines above.",
                count_en(*errors, "error", "errors")
            ),
            Error::Corrupt(m) => {
                format!("the built-in knowledge base is corrupt ({m}); reinstall yibao.")
            }
            Error::Output(e) => format!("cannot write output: {e}"),
            Error::PipeClosed => String::new(),
            Error::Interrupted => "cancelled.".into(),
        }
    }
}

/// The message in Chinese.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.chinese())
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Output(e) => Some(e),
            _ => None,
        }
    }
}

/// What `--json` prints on stderr when a run fails.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorJson {
    pub schema_version: u32,
    pub error: ErrorBody,
}

/// The error itself.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ErrorBody {
    /// The exit code.
    pub code: u8,
    /// `usage`, `unknown_region`, `unknown_topic`, `unknown_action`,
    /// `unknown_procedure`, `unknown_situation`, `unknown_term`,
    /// `invalid_data`, `corrupt_base`, `interrupted` or `output`.
    pub kind: &'static str,
    /// The first line of the human message, in the run's language
    /// (`--lang`).
    pub message: String,
    /// What was typed, for not-found errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub given: Option<String>,
    /// Closest existing names, for not-found errors, in the run's language.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
    /// Every finding, for invalid data.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<crate::views::FindingRef>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_no_run_can_show_on_purpose_read_in_both_languages() {
        let corrupt = Error::Corrupt("built-in situations do not decode".into());
        assert_eq!(
            corrupt.message(Lang::En),
            "the built-in knowledge base is corrupt (built-in situations do not decode); reinstall yibao."
        );
        assert_eq!(
            corrupt.to_string(),
            "内置知识库损坏，请重新安装 (corrupt built-in base: built-in situations do not decode)"
        );
        assert_eq!(Error::Interrupted.message(Lang::En), "cancelled.");
        assert_eq!(Error::Interrupted.to_string(), "已取消 (cancelled)。");
        let usage = Error::Usage(Msg::new("中文", "English"));
        assert_eq!(
            (usage.to_string(), usage.message(Lang::En)),
            ("中文".to_string(), "English".to_string())
        );
        let json: serde_json::Value = serde_json::from_str(&usage.to_json(Lang::En)).unwrap();
        assert_eq!(json["error"]["message"], "English");
    }
}
