//! `yibao plan <situation>`: a plan for a life situation, composed at run
//! time from the procedures its steps point at — each procedure resolved
//! for the place of insurance (`--from`) or of treatment (`--to`), the items
//! the step names taken from it, the materials of all of them merged into
//! one list, and their sources and checked dates carried over.

use super::*;
use crate::kb::KbError;
use crate::kb::i18n::{Lang, Str as KbStr};
use crate::kb::merge::Resolved;
use crate::kb::situation::{Phase, Pick, Place, PlanStep, Situation};
use crate::render::json::SCHEMA_VERSION;

/// What a plan is asked for.
#[derive(Debug, Clone, Copy)]
pub struct PlanAsk<'a> {
    pub situation: &'a Situation,
    /// The place of insurance (参保地).
    pub from: Option<RegionInfo>,
    /// The place of treatment (就医地).
    pub to: Option<RegionInfo>,
    /// `--as`.
    pub who: Option<Insured>,
    /// `--on-behalf`: acting for someone else.
    pub on_behalf: bool,
    pub lang: Lang,
}

impl PlanAsk<'_> {
    /// The command line that gives this plan.
    pub fn command(&self) -> String {
        let mut c = format!("yibao plan {}", self.situation.id);
        if let Some(r) = self.from {
            c.push_str(&format!(" --from {}", r.id));
        }
        if let Some(r) = self.to {
            c.push_str(&format!(" --to {}", r.id));
        }
        if let Some(w) = self.who
            && let Some((_, id, _)) = Insured::AS.iter().find(|(x, _, _)| *x == w)
        {
            c.push_str(&format!(" --as {id}"));
        }
        if self.on_behalf && !self.situation.helper {
            c.push_str(" --on-behalf");
        }
        if self.lang == Lang::En {
            c.push_str(" --lang en");
        }
        c
    }
}

/// The situation a plan is for.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct SituationRef {
    pub id: String,
    pub title: String,
    pub summary: String,
    /// Other words `yibao plan` accepts for it.
    pub aliases: Vec<String>,
    /// The command that gives its plan.
    pub command: String,
}

impl SituationRef {
    pub(super) fn of(s: &Situation, lang: Lang) -> SituationRef {
        SituationRef {
            id: s.id.to_string(),
            title: s.title.get(lang).into_owned(),
            summary: s.summary.get(lang).into_owned(),
            aliases: s.aliases.iter().map(|a| a.to_string()).collect(),
            command: format!("yibao plan {}", s.id),
        }
    }
}

/// `yibao plan <situation>`.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanPage {
    pub schema_version: u32,
    /// Always `plan`.
    pub kind: &'static str,
    pub lang: Lang,
    pub situation: SituationRef,
    /// The place of insurance (参保地, `--from`): its data drives filing,
    /// channels and phone lines. `null`: national rules.
    pub from: Option<RegionRef>,
    /// The place of treatment (就医地, `--to`), named in the steps.
    pub to: Option<RegionRef>,
    /// `--as`: steps and materials for other people are marked
    /// `applies: false` and left out of the human formats.
    pub who: Option<Insured>,
    /// Acting for someone else (`--on-behalf`, or a situation about helping).
    pub on_behalf: bool,
    /// Sentences on which regions' data the plan holds.
    pub coverage: Vec<String>,
    /// The phases the plan uses, in order.
    pub phases: Vec<PlanPhase>,
    /// Everything to bring, each once, with the steps that need it.
    pub materials: Vec<PlanMaterial>,
    pub sources: Vec<SourceRef>,
    /// The oldest checked date of the situation and every procedure used.
    pub freshness: Freshness,
    pub confirm_with: [&'static str; 3],
    /// The command line that gives this plan again.
    pub command: String,
}

/// One phase and its steps.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanPhase {
    /// `prepare`, `before`, `arrival` or `trouble`.
    pub phase: Phase,
    pub title: String,
    pub steps: Vec<PlanStepView>,
}

/// One step of a plan.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanStepView {
    pub id: String,
    /// Position among the steps that apply (`null` when it does not).
    pub number: Option<usize>,
    /// The situation's own words for the step, places filled in.
    pub text: Option<String>,
    /// The condition under which to take it.
    pub when: Option<String>,
    /// Only for these people; empty: everyone.
    pub who: Vec<Insured>,
    /// Whether it applies to `--as` (always true without `--as`).
    pub applies: bool,
    /// The procedure it comes from.
    pub procedure: Option<PlanProcedure>,
    /// The items of the procedure it takes.
    pub items: Vec<PlanItem>,
    /// The procedure's way without a smartphone (plans for helpers).
    pub offline: Option<String>,
    /// What the procedure says about acting for someone (plans for helpers).
    pub proxy: Option<String>,
    /// Sources of the step's own text.
    pub src: Vec<String>,
}

/// The procedure a plan step comes from, as resolved for its place.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanProcedure {
    pub id: String,
    pub title: String,
    /// The command for the details, with the region it was resolved for.
    pub command: String,
    /// `from` (参保地) or `to` (就医地).
    pub at: Place,
    /// The region it was resolved for; `null`: national rules.
    pub region: Option<String>,
    /// Whether regional (or overlay) data applied.
    pub regional_data: bool,
    /// Layer keys applied, lowest first.
    pub layers: Vec<String>,
    /// The procedure's checked date (oldest of its layers).
    pub checked: String,
}

/// One item taken from a procedure.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanItem {
    pub id: String,
    /// The list it is in: `steps`, `prepare`, `conditions`, `tips`,
    /// `warnings` or `faq`.
    pub list: &'static str,
    pub text: String,
    /// Names of the channels a step uses.
    pub channels: Vec<String>,
    pub note: Option<String>,
    pub who: Vec<Insured>,
    pub applies: bool,
    /// Layer key it came from.
    pub from: String,
}

/// A material, listed once however many steps need it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct PlanMaterial {
    pub name: String,
    /// Required by at least one step that applies.
    pub required: bool,
    pub alternatives: Vec<String>,
    /// Only these people need it; empty: everyone.
    pub who: Vec<Insured>,
    pub applies: bool,
    /// The earliest phase of a step that needs it: things needed only when
    /// something goes wrong (`trouble`) are listed apart.
    pub phase: Phase,
    pub notes: Vec<String>,
    /// Why: the procedures that ask for it, and the plan steps they serve.
    pub used_for: Vec<MaterialUse>,
}

/// A procedure that asks for a material, and the plan steps it serves.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub struct MaterialUse {
    pub procedure: String,
    pub title: String,
    /// Ids of the plan steps.
    pub steps: Vec<String>,
}

/// The people items are chosen for.
struct Audience {
    /// `--as` (decides the plan's own steps with `who`).
    reader: Option<Insured>,
    /// Who the procedures are for; `None`: everyone.
    persons: Option<Vec<Insured>>,
    /// The language of the plan.
    lang: Lang,
}

impl Audience {
    fn of(ask: &PlanAsk<'_>, helper: bool) -> Audience {
        let subject = &ask.situation.subject;
        let mut persons: Option<Vec<Insured>> = if subject.is_empty() {
            ask.who.map(|w| vec![w])
        } else {
            Some(subject.to_vec())
        };
        if helper && let Some(p) = &mut persons {
            p.push(Insured::Agent);
        }
        Audience {
            reader: ask.who,
            persons,
            lang: ask.lang,
        }
    }

    fn step(&self, who: &[Insured]) -> bool {
        who.is_empty() || self.reader.is_none_or(|r| who.contains(&r))
    }

    fn item(&self, who: &[Insured]) -> bool {
        who.is_empty()
            || self
                .persons
                .as_ref()
                .is_none_or(|p| who.iter().any(|w| p.contains(w)))
    }
}

/// Fills `{to}` and `{from}` with the places' names.
fn fill(text: &KbStr, ask: &PlanAsk<'_>) -> String {
    let t = text.get(ask.lang);
    if !t.contains('{') {
        return t.into_owned();
    }
    let name = |r: Option<RegionInfo>, zh: &'static str, en: &'static str| match r {
        Some(r) if ask.lang == Lang::En && !r.en.is_empty() => format!("{} ({})", r.en, r.name),
        Some(r) => r.name.to_string(),
        None => ask.lang.pick(zh, en).to_string(),
    };
    t.replace("{to}", &name(ask.to, "要去的地方", "your destination"))
        .replace("{from}", &name(ask.from, "参保地", "your home region"))
}

impl PlanPage {
    /// Composes the plan: resolves every procedure the situation's steps
    /// point at, for the region of the place each is done at.
    pub fn new(kb: &Kb, ask: PlanAsk<'_>, today: Date) -> Result<PlanPage, KbError> {
        let s = ask.situation;
        let lang = ask.lang;
        let helper = s.helper || ask.on_behalf;
        let audience = Audience::of(&ask, helper);
        let mut order: Vec<&PlanStep> = s.plan.iter().collect();
        order.sort_by_key(|p| p.phase);
        let mut resolved: Vec<((String, Place), Resolution)> = Vec::new();
        let mut cited: Vec<String> = s.src.iter().map(|x| x.to_string()).collect();
        let cite = |cited: &mut Vec<String>, src: &[Text]| {
            for x in src {
                if !cited.iter().any(|c| c == &**x) {
                    cited.push(x.to_string());
                }
            }
        };
        let mut oldest: Text = s.checked.clone().unwrap_or_default();
        let mut phases: Vec<PlanPhase> = Vec::new();
        let mut materials: Vec<PlanMaterial> = Vec::new();
        let mut number = 0;
        for step in order {
            let applies = audience.step(&step.who);
            if applies {
                number += 1;
            }
            cite(&mut cited, &step.src);
            let mut view = PlanStepView {
                id: step.id.to_string(),
                number: applies.then_some(number),
                text: step.text.as_ref().map(|t| {
                    let t = fill(t, &ask);
                    with_check(&t, step.confidence, ask.lang).into_owned()
                }),
                when: step.when.as_ref().map(|t| fill(t, &ask)),
                who: step.who.to_vec(),
                applies,
                procedure: None,
                items: Vec::new(),
                offline: None,
                proxy: None,
                src: step.src.iter().map(|x| x.to_string()).collect(),
            };
            if let Some(pid) = step.procedure.as_deref() {
                let region = match step.at {
                    Place::From => ask.from,
                    Place::To => ask.to,
                };
                let key = (pid.to_string(), step.at);
                let res = match resolved.iter().position(|(k, _)| *k == key) {
                    Some(i) => &resolved[i].1,
                    None => {
                        let mut res = kb.resolve(pid, region)?;
                        res.localize(ask.lang);
                        resolved.push((key, res));
                        &resolved[resolved.len() - 1].1
                    }
                };
                let p = &res.procedure;
                if oldest.is_empty() || p.checked < oldest {
                    oldest = p.checked.clone();
                }
                view.procedure = Some(PlanProcedure {
                    id: p.id.to_string(),
                    title: p.title.to_string(),
                    command: match region {
                        Some(r) => format!("{} --region {}", command_of(&p.topic, &p.action), r.id),
                        None => command_of(&p.topic, &p.action),
                    },
                    at: step.at,
                    region: region.map(|r| r.id.to_string()),
                    regional_data: res.has_regional(),
                    layers: res.layers.iter().map(|l| l.key().to_string()).collect(),
                    checked: p.checked.to_string(),
                });
                view.items = pick_items(p, step.steps.as_ref(), &audience);
                for it in &view.items {
                    cite(&mut cited, item_src(p, &it.id));
                }
                if helper {
                    for (slot, fact) in
                        [(&mut view.offline, &p.offline), (&mut view.proxy, &p.proxy)]
                    {
                        if let Some(f) = fact {
                            *slot = Some(
                                with_check(&f.item.text, f.item.confidence, ask.lang).into_owned(),
                            );
                            cite(&mut cited, &f.item.src);
                        }
                    }
                }
                if step.materials {
                    for m in &p.materials {
                        cite(&mut cited, &m.item.src);
                        merge_material(&mut materials, m, p, step, applies, &audience);
                    }
                }
            }
            match phases.last_mut() {
                Some(ph) if ph.phase == step.phase => ph.steps.push(view),
                _ => phases.push(PlanPhase {
                    phase: step.phase,
                    title: lang
                        .pick(step.phase.label(), step.phase.label_en())
                        .to_string(),
                    steps: vec![view],
                }),
            }
        }
        let coverage = coverage_lines(&ask, &resolved);
        Ok(PlanPage {
            schema_version: SCHEMA_VERSION,
            kind: "plan",
            lang,
            situation: SituationRef::of(s, lang),
            from: ask.from.map(RegionRef::of),
            to: ask.to.map(RegionRef::of),
            who: ask.who,
            on_behalf: helper,
            coverage,
            phases,
            materials,
            sources: cited.iter().map(|c| SourceRef::of(kb, c, lang)).collect(),
            freshness: Freshness::of(&oldest, today, lang),
            confirm_with: confirm_with(lang),
            command: ask.command(),
        })
    }
}

/// The items of a procedure a step takes. Ids the region's own layers no
/// longer have are skipped; when none is left (a region that tells its own
/// steps), all its steps are taken.
fn pick_items(p: &Resolved, pick: Option<&Pick>, audience: &Audience) -> Vec<PlanItem> {
    let all = || p.steps.iter().map(|s| s.item.id.to_string()).collect();
    let ids: Vec<String> = match pick {
        None => Vec::new(),
        Some(Pick::All) => all(),
        Some(Pick::Ids(ids)) => {
            let found: Vec<String> = ids
                .iter()
                .filter(|id| find_item(p, id, audience).is_some())
                .map(|id| id.to_string())
                .collect();
            if found.is_empty() { all() } else { found }
        }
    };
    ids.iter()
        .filter_map(|id| find_item(p, id, audience))
        .collect()
}

fn find_item(p: &Resolved, id: &str, audience: &Audience) -> Option<PlanItem> {
    if let Some(s) = p.steps.iter().find(|s| s.item.id == id) {
        let st = &s.item;
        return Some(PlanItem {
            id: id.to_string(),
            list: "steps",
            text: with_check(&st.text, st.confidence, audience.lang).into_owned(),
            channels: st
                .channels
                .iter()
                .filter_map(|c| p.channel(c))
                .map(|c| c.name.to_string())
                .collect(),
            note: st.note.as_ref().map(|n| n.to_string()),
            who: st.who.to_vec(),
            applies: audience.item(&st.who),
            from: s.from.to_string(),
        });
    }
    let facts = [
        ("prepare", &p.prepare),
        ("conditions", &p.conditions),
        ("tips", &p.tips),
        ("warnings", &p.warnings),
    ];
    for (list, items) in facts {
        if let Some(f) = items.iter().find(|f| f.item.id.as_deref() == Some(id)) {
            return Some(PlanItem {
                id: id.to_string(),
                list,
                text: with_check(&f.item.text, f.item.confidence, audience.lang).into_owned(),
                channels: Vec::new(),
                note: f.item.note.as_ref().map(|n| n.to_string()),
                who: Vec::new(),
                applies: true,
                from: f.from.to_string(),
            });
        }
    }
    let q = p.faq.iter().find(|q| q.item.id == id)?;
    Some(PlanItem {
        id: id.to_string(),
        list: "faq",
        text: format!(
            "{}{}",
            q.item.q,
            with_check(&q.item.a, q.item.confidence, audience.lang)
        ),
        channels: Vec::new(),
        note: None,
        who: Vec::new(),
        applies: true,
        from: q.from.to_string(),
    })
}

/// The sources of the item with this id.
fn item_src<'a>(p: &'a Resolved, id: &str) -> &'a [Text] {
    use crate::kb::merge::Cited;
    if let Some(s) = p.steps.iter().find(|s| s.item.id == id) {
        return s.item.src();
    }
    for l in [&p.prepare, &p.conditions, &p.tips, &p.warnings] {
        if let Some(f) = l.iter().find(|f| f.item.id.as_deref() == Some(id)) {
            return f.item.src();
        }
    }
    p.faq
        .iter()
        .find(|q| q.item.id == id)
        .map_or(&[], |q| q.item.src())
}

/// Adds a procedure's material to the plan's list: one entry per name.
fn merge_material(
    list: &mut Vec<PlanMaterial>,
    m: &crate::kb::merge::Sourced<crate::kb::model::Material>,
    p: &Resolved,
    plan_step: &PlanStep,
    step_applies: bool,
    audience: &Audience,
) {
    let it = &m.item;
    let step = &*plan_step.id;
    let name = it.name.trim();
    let applies = step_applies && audience.item(&it.who);
    let entry = match list.iter().position(|x| x.name == name) {
        Some(i) => &mut list[i],
        None => {
            list.push(PlanMaterial {
                name: name.to_string(),
                required: false,
                alternatives: Vec::new(),
                who: it.who.to_vec(),
                applies: false,
                phase: plan_step.phase,
                notes: Vec::new(),
                used_for: Vec::new(),
            });
            list.last_mut().expect("just pushed")
        }
    };
    entry.required |= it.required && applies;
    if applies && (!entry.applies || plan_step.phase < entry.phase) {
        entry.phase = plan_step.phase;
    }
    entry.applies |= applies;
    if it.who.is_empty() {
        entry.who.clear();
    } else if !entry.who.is_empty() {
        for w in it.who.iter() {
            if !entry.who.contains(w) {
                entry.who.push(*w);
            }
        }
    }
    for a in it.alternatives.iter() {
        if !entry.alternatives.iter().any(|x| x == &**a) {
            entry.alternatives.push(a.to_string());
        }
    }
    let mut note: Vec<String> = Vec::new();
    note.extend(it.copies.iter().map(|c| c.to_string()));
    let lang = audience.lang;
    note.extend(
        it.issuer
            .iter()
            .map(|i| format!("{}{i}", lang.pick("出具：", "issued by: "))),
    );
    note.extend(it.note.iter().map(|n| n.to_string()));
    if it.confidence == Some(Confidence::Check) {
        note.push(varies(lang).into());
    }
    let note = join_notes(&note, lang);
    if !note.is_empty() && !entry.notes.contains(&note) {
        entry.notes.push(note);
    }
    match entry.used_for.iter_mut().find(|u| u.procedure == *p.id) {
        Some(u) => {
            if !u.steps.iter().any(|s| s == step) {
                u.steps.push(step.to_string());
            }
        }
        None => entry.used_for.push(MaterialUse {
            procedure: p.id.to_string(),
            title: p.title.to_string(),
            steps: vec![step.to_string()],
        }),
    }
}

/// Which regions' data the plan holds, one sentence per place.
fn coverage_lines(ask: &PlanAsk<'_>, resolved: &[((String, Place), Resolution)]) -> Vec<String> {
    let lang = ask.lang;
    let regional = |place: Place| {
        resolved
            .iter()
            .filter(|((_, at), _)| *at == place)
            .any(|(_, r)| r.has_regional())
    };
    let mut out = Vec::new();
    match ask.from {
        None => out.push(
            lang.pick(
                "未指定参保地，按全国通用规则；加 --from 写明在哪里参保（如 --from 黑河），可看到当地的渠道和电话。",
                "No place of insurance given: national rules. Add --from (e.g. --from heihe) for its own channels and phone lines.",
            )
            .to_string(),
        ),
        Some(r) if regional(Place::From) => out.push(match lang {
            Lang::Zh => format!("参保地：{}，含当地资料（「详见」的命令可看全文），其余为全国通用规则。", r.name),
            Lang::En => format!("Place of insurance: {} ({}), with its own data where the base has it; national rules otherwise.", r.en, r.name),
        }),
        Some(r) => out.push(match lang {
            Lang::Zh => format!("参保地：{}，暂无当地资料，按全国通用规则。", r.name),
            Lang::En => format!("Place of insurance: {} ({}); no regional data yet, national rules.", r.en, r.name),
        }),
    }
    match ask.to {
        None if ask.situation.destination => out.push(
            lang.pick(
                "未指定就医地；加 --to 写明要去的地方（如 --to 海南），步骤里会写上它。",
                "No place of treatment given; add --to (e.g. --to hainan) to have it named in the steps.",
            )
            .to_string(),
        ),
        None => {}
        Some(r) => {
            let own = if regional(Place::To) {
                lang.pick("含当地资料", "with its own data")
            } else {
                lang.pick("按全国通用规则", "national rules")
            };
            out.push(match lang {
                Lang::Zh => format!("就医地：{}（{own}）。", r.name),
                Lang::En => format!("Place of treatment: {} ({}), {own}.", r.en, r.name),
            });
        }
    }
    let province = |r: RegionInfo| r.province().unwrap_or(r).id;
    if let (Some(f), Some(t)) = (ask.from, ask.to)
        && province(f) == province(t)
        && ask.situation.destination
    {
        out.push(match lang {
            Lang::Zh => format!(
                "参保地和就医地在同一个省：跨省备案不适用，按省内异地就医办（yibao filing local --region {}）。",
                f.id
            ),
            Lang::En => format!(
                "Both places are in the same province: cross-province filing does not apply; see filing within the province (yibao filing local --region {}).",
                f.id
            ),
        });
    }
    out
}
