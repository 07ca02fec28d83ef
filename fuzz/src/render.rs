//! Target `render`: a built-in procedure, a region, a width, a format.

use yibao::kb::builtin;
use yibao::kb::i18n::Lang;
use yibao::kb::{Kb, RegionInfo, Registry};
use yibao::render::Format;
use yibao::views::{Checklist, ProcedurePage};

use super::doc::{Strict, ViewKind};
use super::format::{check_format, check_resolution};
use super::{FORMATS, Outcome, TODAY};

/// A `render` input, decoded:
/// - byte 0: procedure (index into the built-in procedures, modulo);
/// - byte 1: region: 0 none, 1 a province, 2 a city (byte 2 picks which),
///   3 heilongjiang, 4 heihe (modulo 5);
/// - bytes 3–4: width, 1 + (little-endian u16 % 300);
/// - byte 5: bits 0–2 format (0–4: table, plain, json, yaml, markdown;
///   5–7: every format, HTML included), bit 3
///   checklist instead of procedure page, bit 4 colour, bit 5 `--have`
///   given;
/// - the rest: the `--have` text (lossy UTF-8).
#[derive(Debug, Clone)]
pub struct RenderCase {
    pub procedure: String,
    pub region: Option<RegionInfo>,
    pub width: usize,
    /// `None`: every format.
    pub format: Option<Format>,
    pub kind: ViewKind,
    pub color: bool,
    pub have: Option<String>,
}

impl RenderCase {
    pub fn decode(data: &[u8]) -> RenderCase {
        let b = |i: usize| data.get(i).copied().unwrap_or(0);
        let procs: Vec<_> = builtin::procedures().collect();
        let procedure = procs[usize::from(b(0)) % procs.len()].id.to_string();
        let pick = |want_city: bool| {
            let list: Vec<RegionInfo> = Registry::Builtin
                .iter()
                .filter(|r| r.is_city() == want_city)
                .collect();
            list.get(usize::from(b(2)) % list.len().max(1)).copied()
        };
        let region = match b(1) % 5 {
            0 => None,
            1 => pick(false),
            2 => pick(true),
            3 => Registry::Builtin.by_id("heilongjiang"),
            _ => Registry::Builtin.by_id("heihe"),
        };
        let width = 1 + usize::from(u16::from_le_bytes([b(3), b(4)])) % 300;
        let flags = b(5);
        // Five formats by number, as before HTML existed, so that kept
        // inputs keep their meaning; HTML is among "every format".
        let format = FORMATS
            .get(usize::from(flags & 7))
            .copied()
            .filter(|_| flags & 7 < 5);
        RenderCase {
            procedure,
            region,
            width,
            format,
            kind: if flags & 8 != 0 {
                ViewKind::Checklist
            } else {
                ViewKind::Page
            },
            color: flags & 16 != 0,
            have: (flags & 32 != 0)
                .then(|| String::from_utf8_lossy(data.get(6..).unwrap_or_default()).into_owned()),
        }
    }
}

/// Resolves and renders one built-in procedure as the input says.
pub fn check_render(data: &[u8]) -> Outcome {
    let case = RenderCase::decode(data);
    let kb = Kb::builtin();
    let res = kb
        .resolve(&case.procedure, case.region)
        .map_err(|e| format!("{case:?}: built-in procedure does not resolve: {e:?}"))?;
    let strict = Strict { builtin: true };
    let have = case.have.as_deref();
    let r = match case.format {
        None => check_resolution(&kb, res, case.kind, have, case.width, case.color, strict),
        Some(format) => match case.kind {
            ViewKind::Page => check_format(
                &ProcedurePage::new(&kb, res, TODAY, Lang::Zh, None),
                case.kind,
                format,
                case.width,
                case.color,
                strict,
            ),
            ViewKind::Checklist => check_format(
                &Checklist::new(res, have, TODAY, Lang::Zh, None),
                case.kind,
                format,
                case.width,
                case.color,
                strict,
            ),
        },
    };
    r.map_err(|e| format!("{case:?}: {e}"))
}
