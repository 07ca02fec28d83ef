//! The guided questions of `yibao plan` on a terminal: which situation,
//! where you are insured, where you are going (when it matters), which
//! scheme you are in, and for whom. Every question has a default, so
//! pressing Enter throughout gives a useful plan; the plan is followed by
//! the command line that gives it again without questions.
//!
//! Asked only when stdin and stdout are both terminals and the answer is
//! for people (not `--json`/`--yaml`): a script or a pipe never waits.
//! Ctrl-C and Esc both leave with exit 130 and print nothing: no plan was
//! made, and exit 0 is kept for "the answer was printed", so a wrapper can
//! tell a person who backed out from success (as fzf does).

use super::{Options, PlanRequest, kb_error, print};
use crate::error::Error;
use crate::kb::Kb;
use crate::kb::RegionInfo;
use crate::kb::date::Date;
use crate::kb::i18n::Lang;
use crate::kb::model::Insured;
use crate::kb::situation::Situation;
use crate::search::pinyin_match;
use crate::views::{PlanAsk, PlanPage};
use inquire::Select;
use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use std::fmt;
use std::io::{IsTerminal, Write};

/// How many choices a list shows at once.
const PAGE: usize = 10;

/// Whether to ask: both ends are a terminal and the answer is for people.
pub(super) fn possible(opts: &Options) -> bool {
    !opts.format.is_data() && std::io::stdin().is_terminal() && std::io::stdout().is_terminal()
}

/// A choice in a list: its label and what it stands for.
struct Choice<T> {
    label: String,
    value: T,
    /// Lowercased words typing may match (names, id, code, English).
    keys: Vec<String>,
}

impl<T> fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// Asks the questions, then prints the plan and the command line.
#[allow(clippy::too_many_arguments)]
pub(super) fn run(
    kb: &Kb,
    situations: &[Situation],
    req: &PlanRequest,
    from: Option<RegionInfo>,
    to: Option<RegionInfo>,
    opts: &Options,
    today: Date,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let lang = opts.lang;
    let render = if crate::render::style::color_enabled(
        opts.color.as_deref(),
        std::io::IsTerminal::is_terminal(&std::io::stderr()),
    ) {
        RenderConfig::default_colored()
    } else {
        RenderConfig::empty()
    };
    let help = lang.pick(
        "↑↓ 选择，打字筛选，回车确定，Esc 退出",
        "↑↓ to move, type to filter, Enter to choose, Esc to leave",
    );
    let ask = |message: &str, choices: Vec<Choice<usize>>, start: usize| -> Result<usize, Error> {
        let scorer = &|input: &str, c: &Choice<usize>, _: &str, i: usize| score(input, c, i);
        Select::new(message, choices)
            .with_render_config(render)
            .with_help_message(help)
            .with_page_size(PAGE)
            .with_starting_cursor(start)
            .with_scorer(scorer)
            .prompt()
            .map(|c| c.value)
            .map_err(left)
    };

    let situation_choices = situations
        .iter()
        .enumerate()
        .map(|(i, s)| Choice {
            label: s.title.get(lang).into_owned(),
            value: i,
            keys: s.names().map(str::to_lowercase).collect(),
        })
        .collect();
    let s = &situations[ask(
        lang.pick("遇到了什么情况？", "What is your situation?"),
        situation_choices,
        0,
    )?];

    let regions: Vec<RegionInfo> = kb.regions().collect();
    let pick_region =
        |message: &str, given: Option<RegionInfo>| -> Result<Option<RegionInfo>, Error> {
            let start = given
                .and_then(|g| regions.iter().position(|r| r.index == g.index))
                .map_or(0, |i| i + 1);
            let i = ask(message, region_choices(&regions, lang), start)?;
            Ok(i.checked_sub(1).map(|i| regions[i]))
        };
    let from = pick_region(
        lang.pick(
            "在哪里参保（交医保的地方）？",
            "Where are you insured (where you pay in)?",
        ),
        from,
    )?;
    let to = if s.destination {
        pick_region(
            lang.pick(
                "要去哪里（看病或居住的地方）？",
                "Where are you going (to live or be treated)?",
            ),
            to,
        )?
    } else {
        to
    };

    let mut who_choices = vec![Choice {
        label: lang
            .pick("不指定（都列出）", "Not saying (show everyone's)")
            .to_string(),
        value: 0,
        keys: Vec::new(),
    }];
    who_choices.extend(
        Insured::AS
            .iter()
            .enumerate()
            .map(|(i, (w, id, zh))| Choice {
                label: match lang {
                    Lang::Zh => format!("{}（{}）", w.label(), scheme_of(*w, lang)),
                    Lang::En => format!("{} ({})", w.label_en(), scheme_of(*w, lang)),
                },
                value: i + 1,
                keys: vec![id.to_string(), zh.to_string()],
            }),
    );
    let start = opts
        .who
        .and_then(|w| Insured::AS.iter().position(|(x, _, _)| *x == w))
        .map_or(0, |i| i + 1);
    // A newborn's plan asks about the parents (their account pays), a
    // helper's plan about the parent being helped.
    let who_question = if s.subject.is_empty() && !s.helper {
        lang.pick("你参加的是哪种医保？", "Which insurance are you in?")
    } else {
        lang.pick(
            "父母参加的是哪种医保？",
            "Which insurance are the parents in?",
        )
    };
    let who = ask(who_question, who_choices, start)?
        .checked_sub(1)
        .map(|i| Insured::AS[i].0);

    let on_behalf = if s.helper {
        true
    } else {
        let choices = vec![
            Choice {
                label: lang.pick("给自己办", "For myself").to_string(),
                value: 0,
                keys: Vec::new(),
            },
            Choice {
                label: lang
                    .pick("替别人办（代办）", "For someone else")
                    .to_string(),
                value: 1,
                keys: Vec::new(),
            },
        ];
        ask(
            lang.pick("给谁办？", "Who is it for?"),
            choices,
            usize::from(req.on_behalf),
        )? == 1
    };

    let plan = PlanAsk {
        situation: s,
        from,
        to,
        who,
        on_behalf,
        lang,
    };
    let command = plan.command();
    print(PlanPage::new(kb, plan, today).map_err(kb_error)?, opts, out)?;
    writeln!(
        out,
        "\n{}\n  {command}",
        lang.pick(
            "下次不用回答问题，直接运行：",
            "To get this plan again without questions:"
        )
    )?;
    Ok(out.flush()?)
}

/// The regions as choices: "not saying" first, then provinces and cities.
fn region_choices(regions: &[RegionInfo], lang: Lang) -> Vec<Choice<usize>> {
    let mut v = vec![Choice {
        label: lang
            .pick("不指定（按全国通用规则）", "Not saying (national rules)")
            .to_string(),
        value: 0,
        keys: vec!["全国".into(), "national".into()],
    }];
    v.extend(regions.iter().enumerate().map(|(i, r)| {
        let label = match r.province() {
            Some(p) => format!("{}（{}）{}", r.name, p.short, r.id),
            None => format!("{} {}", r.name, r.id),
        };
        let mut keys: Vec<String> = [r.name, r.short, r.id, r.code, r.en]
            .iter()
            .filter(|k| !k.is_empty())
            .map(|k| k.to_lowercase())
            .collect();
        keys.extend(r.aliases().iter().map(str::to_lowercase));
        Choice {
            label,
            value: i + 1,
            keys,
        }
    }));
    v
}

/// How well typed text matches a choice (`None`: hide it). Chinese names,
/// ids, codes, English names and pinyin (`sanya`, `sy`) all match.
fn score(input: &str, c: &Choice<usize>, index: usize) -> Option<i64> {
    let q = input.trim().to_lowercase();
    // Earlier choices first among equals.
    let order = -(index as i64);
    if q.is_empty() {
        return Some(order);
    }
    let mut best: Option<i64> = None;
    for k in &c.keys {
        let s = if *k == q {
            Some(4000)
        } else if k.starts_with(&q) {
            Some(3000)
        } else if k.contains(&q) {
            Some(2000)
        } else {
            match pinyin_match(k, &q) {
                Some(true) => Some(2500),
                Some(false) => Some(1000),
                None => None,
            }
        };
        best = best.max(s);
    }
    best.map(|b| b * 1000 + order)
}

/// The scheme a group of insured people is in.
fn scheme_of(w: Insured, lang: Lang) -> &'static str {
    match w {
        Insured::Employee | Insured::Retiree | Insured::Flexible => {
            lang.pick("职工医保", "employee insurance")
        }
        _ => lang.pick("居民医保", "resident insurance"),
    }
}

/// Leaving the questions: Esc or Ctrl-C end quietly; anything else is an
/// error of the terminal.
fn left(e: InquireError) -> Error {
    match e {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Error::Interrupted,
        InquireError::IO(e) => Error::Output(e),
        other => Error::Output(std::io::Error::other(other.to_string())),
    }
}
