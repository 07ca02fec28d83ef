//! The compact binary form of procedure layers inside the binary.
//!
//! Written at build time, read at run time without copying text: every
//! string of a decoded layer borrows from the static blob, so looking up a
//! procedure costs a few thousand instructions however large the base is.
//! Lengths are LEB128 varints; an `Option` or enum is one byte.
//! Each struct's fields are listed once (in the macros below); a field added
//! to the model and not listed here is a compile error, not a silent drop.

use super::i18n::{Str, Texts, no_texts, texts_struct};
use super::model::{
    Channel, ChannelKind, Comparison, ComparisonRow, Confidence, Fact, Faq, Insured, Keywords,
    List, ListField, Material, Procedure, Step, Term, Text,
};
use super::situation::{Phase, Pick, Place, PlanStep, Situation};
use std::borrow::Cow;

/// Reads values back from a blob.
pub struct Reader {
    buf: &'static [u8],
    pos: usize,
    /// The blob was checked when it was built (see [`decode_trusted`]).
    trusted: bool,
}

impl Reader {
    pub fn new(buf: &'static [u8]) -> Reader {
        Reader {
            buf,
            pos: 0,
            trusted: false,
        }
    }

    fn byte(&mut self) -> Option<u8> {
        let b = *self.buf.get(self.pos)?;
        self.pos += 1;
        Some(b)
    }

    fn varint(&mut self) -> Option<usize> {
        let mut v: usize = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= usize::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn bytes(&mut self, n: usize) -> Option<&'static [u8]> {
        let end = self.pos.checked_add(n)?;
        let s = self.buf.get(self.pos..end)?;
        self.pos = end;
        Some(s)
    }
}

fn put_varint(w: &mut Vec<u8>, mut v: usize) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            w.push(b);
            return;
        }
        w.push(b | 0x80);
    }
}

/// A value with a binary form.
pub trait Wire: Sized {
    fn put(&self, w: &mut Vec<u8>);
    fn get(r: &mut Reader) -> Option<Self>;
}

impl Wire for Text {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, self.len());
        w.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.varint()?;
        let b = r.bytes(n)?;
        if r.trusted {
            // SAFETY: a trusted blob is the one this binary was built with;
            // the build encoded it from Rust strings and decoded every layer
            // with the checked reader before including it (compile.rs), so
            // every string span is valid UTF-8 on a char boundary.
            Some(Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(b) }))
        } else {
            std::str::from_utf8(b).ok().map(Cow::Borrowed)
        }
    }
}

impl Wire for Str {
    fn put(&self, w: &mut Vec<u8>) {
        self.text.put(w);
        self.en.put(w);
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Some(Str {
            text: Text::get(r)?,
            en: Option::<Text>::get(r)?,
        })
    }
}

/// Owned text (ids and words of the glossary): copied out of the blob.
impl Wire for String {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, self.len());
        w.extend_from_slice(self.as_bytes());
    }
    fn get(r: &mut Reader) -> Option<Self> {
        Text::get(r).map(Cow::into_owned)
    }
}

impl<T: Wire> Wire for Vec<T> {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, self.len());
        for v in self {
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.varint()?;
        // As for `List`: a corrupt count cannot allocate past the blob.
        if n > r.buf.len() - r.pos {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::get(r)?);
        }
        Some(v)
    }
}

impl Wire for bool {
    fn put(&self, w: &mut Vec<u8>) {
        w.push(u8::from(*self));
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl<T: Wire> Wire for Option<T> {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            None => w.push(0),
            Some(v) => {
                w.push(1);
                v.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(None),
            1 => T::get(r).map(Some),
            _ => None,
        }
    }
}

impl<T: Wire + Clone> Wire for List<T> {
    fn put(&self, w: &mut Vec<u8>) {
        put_varint(w, self.len());
        for v in self.iter() {
            v.put(w);
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        let n = r.varint()?;
        if n == 0 {
            return Some(Cow::Borrowed(&[]));
        }
        // Each item takes at least one byte: a corrupt count cannot make
        // this allocate more than the blob holds.
        if n > r.buf.len() - r.pos {
            return None;
        }
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(T::get(r)?);
        }
        Some(Cow::Owned(v))
    }
}

macro_rules! wire_enum {
    ($t:ident { $($v:ident),* $(,)? }) => {
        no_texts!($t);
        impl Wire for $t {
            fn put(&self, w: &mut Vec<u8>) {
                let all = [$($t::$v),*];
                w.push(all.iter().position(|x| x == self).unwrap_or(0) as u8);
            }
            fn get(r: &mut Reader) -> Option<Self> {
                [$($t::$v),*].get(usize::from(r.byte()?)).copied()
            }
        }
    };
}

wire_enum!(Confidence {
    Seed,
    Public,
    Check
});
wire_enum!(Insured {
    Employee,
    Flexible,
    Resident,
    Retiree,
    Minor,
    Agent
});
wire_enum!(ChannelKind {
    App,
    Wechat,
    Alipay,
    Web,
    Phone,
    Window,
    Bank,
    Employer,
    Kiosk,
    Hospital,
    Pharmacy,
    Post
});
wire_enum!(ListField {
    Basis,
    Conditions,
    Materials,
    Prepare,
    Channels,
    Steps,
    Tips,
    Warnings,
    Faq,
    Comparison,
    Related
});

/// The binary form of a struct, and its [`Texts`], from one list of all its
/// fields.
macro_rules! wire_struct {
    ($t:ident { $($f:ident),* $(,)? }) => {
        texts_struct!($t { $($f),* });
        impl Wire for $t {
            fn put(&self, w: &mut Vec<u8>) {
                $(self.$f.put(w);)*
            }
            fn get(r: &mut Reader) -> Option<Self> {
                Some($t { $($f: Wire::get(r)?),* })
            }
        }
    };
}

wire_struct!(Keywords { zh, en, pinyin });
wire_struct!(Fact {
    id,
    text,
    who,
    src,
    confidence,
    note
});
wire_struct!(Material {
    id,
    name,
    required,
    alternatives,
    who,
    issuer,
    copies,
    note,
    src,
    confidence
});
wire_struct!(Channel {
    id,
    kind,
    name,
    path,
    address,
    phone,
    hours,
    url,
    note,
    src,
    confidence
});
wire_struct!(Step {
    id,
    text,
    channels,
    who,
    note,
    src,
    confidence
});
wire_struct!(Faq {
    id,
    q,
    a,
    src,
    confidence
});
wire_struct!(Comparison { columns, rows });
wire_struct!(ComparisonRow {
    id,
    label,
    cells,
    note,
    src,
    confidence
});
wire_struct!(Procedure {
    id,
    title,
    action_name,
    cli_aliases,
    keywords,
    summary,
    applies_to,
    authority,
    basis,
    conditions,
    materials,
    prepare,
    channels,
    steps,
    time_limit,
    fees,
    validity,
    offline,
    proxy,
    tips,
    warnings,
    faq,
    comparison,
    related,
    checked,
    replace,
    remove
});

wire_enum!(Phase {
    Prepare,
    Before,
    Arrival,
    Trouble
});
wire_enum!(Place { From, To });
no_texts!(Pick);

impl Wire for Pick {
    fn put(&self, w: &mut Vec<u8>) {
        match self {
            Pick::All => w.push(0),
            Pick::Ids(ids) => {
                w.push(1);
                ids.put(w);
            }
        }
    }
    fn get(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(Pick::All),
            1 => List::<Text>::get(r).map(Pick::Ids),
            _ => None,
        }
    }
}

wire_struct!(PlanStep {
    id,
    phase,
    procedure,
    steps,
    at,
    text,
    when,
    who,
    materials,
    src,
    confidence
});
wire_struct!(Situation {
    id,
    title,
    aliases,
    keywords,
    summary,
    destination,
    helper,
    subject,
    plan,
    src,
    checked
});

/// Encodes the situations of the base (read only by `yibao plan` and
/// search, so a procedure lookup never decodes them).
pub fn encode_situations(s: &[Situation]) -> Vec<u8> {
    let mut w = Vec::new();
    put_varint(&mut w, s.len());
    for x in s {
        x.put(&mut w);
    }
    w
}

/// Decodes the situations, checking everything; `None` if the bytes are
/// not exactly a list of situations.
pub fn decode_situations(buf: &'static [u8]) -> Option<Vec<Situation>> {
    let mut r = Reader::new(buf);
    let v = List::<Situation>::get(&mut r)?;
    (r.pos == buf.len()).then(|| v.into_owned())
}

/// Decodes the situations compiled into this binary, skipping the UTF-8
/// check of their text as [`decode_trusted`] does (the build checked it).
pub fn decode_situations_trusted(buf: &'static [u8]) -> Option<Vec<Situation>> {
    let mut r = Reader::new(buf);
    r.trusted = true;
    let v = List::<Situation>::get(&mut r)?;
    (r.pos == buf.len()).then(|| v.into_owned())
}

wire_struct!(Term {
    id,
    term,
    aliases,
    text,
    example,
    related,
    src,
    confidence
});

/// Encodes one glossary entry.
pub fn encode_term(t: &Term) -> Vec<u8> {
    let mut w = Vec::new();
    t.put(&mut w);
    w
}

/// Decodes one glossary entry, checking everything (see [`decode`]).
pub fn decode_term(buf: &'static [u8]) -> Option<Term> {
    let mut r = Reader::new(buf);
    let t = Term::get(&mut r)?;
    (r.pos == buf.len()).then_some(t)
}

/// Decodes a glossary entry of the blob compiled into this binary (see
/// [`decode_trusted`]).
pub fn decode_term_trusted(buf: &'static [u8]) -> Option<Term> {
    let mut r = Reader::new(buf);
    r.trusted = true;
    let t = Term::get(&mut r)?;
    (r.pos == buf.len()).then_some(t)
}

/// Encodes one layer.
pub fn encode(p: &Procedure) -> Vec<u8> {
    let mut w = Vec::new();
    p.put(&mut w);
    w
}

/// Decodes one layer, checking everything; `None` if the bytes are not a
/// whole layer.
pub fn decode(buf: &'static [u8]) -> Option<Procedure> {
    let mut r = Reader::new(buf);
    let p = Procedure::get(&mut r)?;
    (r.pos == buf.len()).then_some(p)
}

/// Decodes a layer of the blob compiled into this binary, skipping the UTF-8
/// check of its text (the build already decoded it with [`decode`]).
/// Structure is still checked: a bad length is `None`, never a bad read.
pub fn decode_trusted(buf: &'static [u8]) -> Option<Procedure> {
    let mut r = Reader::new(buf);
    r.trusted = true;
    let p = Procedure::get(&mut r)?;
    (r.pos == buf.len()).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_procedure_and_rejects_truncation() {
        let p = Procedure {
            id: "card.replace".into(),
            title: Some("补办".into()),
            steps: vec![Step {
                id: "a".into(),
                text: "挂失 → 补办".into(),
                channels: vec!["phone".into()].into(),
                who: vec![Insured::Employee].into(),
                src: vec!["seed-000".into()].into(),
                confidence: Some(Confidence::Check),
                ..Step::default()
            }]
            .into(),
            replace: vec![ListField::Steps].into(),
            checked: Some("2025-03-27".into()),
            ..Procedure::default()
        };
        let bytes: &'static [u8] = Box::leak(encode(&p).into_boxed_slice());
        let back = decode(bytes).unwrap();
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            serde_json::to_string(&p).unwrap()
        );
        assert!(matches!(back.steps[0].text.text, Cow::Borrowed(_)));
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "truncated at {cut}");
        }
    }
}
