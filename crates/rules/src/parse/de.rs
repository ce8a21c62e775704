//! A small framework over serde for validating while deserialising: every JSON value goes
//! through a [`Handler`] that either produces a typed value or records a problem with its path,
//! and parsing goes on, so that all problems are found in one pass, in document order.
//!
//! Parsing straight from the byte stream (no intermediate `serde_json::Value`) keeps a province
//! case — 100,000 people — well within the time budget.

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::validate::{InputError, msg};

/// One step of a JSON path.
pub(crate) enum Seg {
    Key(&'static str),
    Index(u32),
}

/// Parsing state: the current path, the problems found, and a sequence number that grows with
/// every value read, so that problems found later (cross-references) still sort in document order.
pub(crate) struct Ctx {
    pub seq: u32,
    path: Vec<Seg>,
    problems: Vec<(u32, InputError)>,
    /// The evaluation year, once read (or preset on a second pass).
    pub year: Option<i32>,
    /// A dated item came before `evaluation_year` in the document: its checks need a second pass.
    pub year_needed_early: bool,
}

impl Ctx {
    pub fn new(year: Option<i32>) -> Ctx {
        Ctx {
            seq: 0,
            path: Vec::with_capacity(8),
            problems: Vec::new(),
            year,
            year_needed_early: false,
        }
    }

    /// The current path, with `extra` appended as a key.
    pub fn path_with(&self, extra: Option<&str>) -> String {
        let mut s = String::with_capacity(32);
        for seg in &self.path {
            match seg {
                Seg::Key(k) => {
                    if !s.is_empty() {
                        s.push('.');
                    }
                    s.push_str(k);
                }
                Seg::Index(i) => {
                    let _ = write!(s, "[{i}]");
                }
            }
        }
        if let Some(e) = extra {
            if !s.is_empty() {
                s.push('.');
            }
            s.push_str(e);
        }
        if s.is_empty() {
            s.push('$');
        }
        s
    }

    /// Records a problem at the current path.
    pub fn problem(&mut self, message: String) {
        let path = self.path_with(None);
        self.problems.push((self.seq, InputError { path, message }));
    }

    /// Records a problem at the current path plus `key`.
    pub fn problem_at(&mut self, key: &str, message: String) {
        self.problem_at_seq(self.seq, key, message);
    }

    /// Records a problem at the current path plus `key`, ordered as the value numbered `seq`.
    pub fn problem_at_seq(&mut self, seq: u32, key: &str, message: String) {
        let path = self.path_with(Some(key));
        self.problems.push((seq, InputError { path, message }));
    }

    /// Records a problem found after parsing, with its full path, ordered as the value `seq`.
    pub fn problem_late(&mut self, seq: u32, path: String, message: String) {
        self.problems.push((seq, InputError { path, message }));
    }

    pub fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    /// The problems in document order.
    pub fn into_problems(mut self) -> Vec<InputError> {
        self.problems.sort_by_key(|(seq, _)| *seq);
        self.problems.into_iter().map(|(_, e)| e).collect()
    }

    pub fn push(&mut self, seg: Seg) {
        self.path.push(seg);
    }

    pub fn pop(&mut self) {
        self.path.pop();
    }

    /// The evaluation year if known; otherwise notes that a second pass is needed.
    pub fn year_for_check(&mut self) -> Option<i32> {
        if self.year.is_none() {
            self.year_needed_early = true;
        }
        self.year
    }
}

/// A JSON scalar.
pub(crate) enum Scalar<'de> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(Cow<'de, str>),
}

impl Scalar<'_> {
    fn describe(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "true/false",
            Scalar::I64(_) | Scalar::U64(_) | Scalar::F64(_) => "một số",
            Scalar::Str(_) => "một chuỗi",
        }
    }
}

/// Turns one JSON value into a typed value, recording problems in the [`Ctx`] instead of failing.
/// The defaults reject the value as being of the wrong kind (and skip it).
pub(crate) trait Handler<'de>: Sized {
    type Out;

    /// What the value should be, for messages ("một chuỗi", "một ngày YYYY-MM-DD").
    fn expected(&self) -> &'static str;

    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<Self::Out> {
        ctx.problem(format!(
            "phải là {}, không phải {}",
            self.expected(),
            v.describe()
        ));
        None
    }

    fn map<A: MapAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut map: A,
    ) -> Result<Option<Self::Out>, A::Error> {
        ctx.problem(format!(
            "phải là {}, không phải một đối tượng",
            self.expected()
        ));
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(None)
    }

    fn seq<A: SeqAccess<'de>>(
        self,
        ctx: &mut Ctx,
        mut seq: A,
    ) -> Result<Option<Self::Out>, A::Error> {
        ctx.problem(format!("phải là {}, không phải một mảng", self.expected()));
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// Drives a [`Handler`] from serde.
pub(crate) struct Seed<'a, H> {
    pub ctx: &'a mut Ctx,
    pub h: H,
}

impl<'de, H: Handler<'de>> DeserializeSeed<'de> for Seed<'_, H> {
    type Value = Option<H::Out>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        self.ctx.seq += 1;
        d.deserialize_any(self)
    }
}

impl<'de, H: Handler<'de>> Visitor<'de> for Seed<'_, H> {
    type Value = Option<H::Out>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.h.expected())
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::Bool(v)))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::I64(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::U64(v)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::F64(v)))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(self
            .h
            .scalar(self.ctx, Scalar::Str(Cow::Owned(v.to_owned()))))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::Str(Cow::Borrowed(v))))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::Str(Cow::Owned(v))))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.h.scalar(self.ctx, Scalar::Null))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.h.map(self.ctx, map)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.h.seq(self.ctx, seq)
    }
}

/// Reads an object key without copying it when it has no escapes.
pub(crate) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a key")
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// Reads the value of `key` with `h`, the path extended by `key`.
pub(crate) fn value<'de, A: MapAccess<'de>, H: Handler<'de>>(
    ctx: &mut Ctx,
    map: &mut A,
    key: &'static str,
    h: H,
) -> Result<Option<H::Out>, A::Error> {
    ctx.push(Seg::Key(key));
    let v = map.next_value_seed(Seed { ctx: &mut *ctx, h });
    ctx.pop();
    v
}

/// The fields of one object: which were seen (to catch duplicates) and which are required.
pub(crate) struct Fields {
    seen: u32,
}

impl Fields {
    pub fn new() -> Fields {
        Fields { seen: 0 }
    }

    /// Whether field number `i` is met for the first time; a repeat is a problem and the caller
    /// skips its value.
    pub fn first(&mut self, ctx: &mut Ctx, i: u32, key: &str) -> bool {
        let bit = 1 << i;
        if self.seen & bit != 0 {
            ctx.problem_at(key, msg::duplicate_key());
            false
        } else {
            self.seen |= bit;
            true
        }
    }

    /// Records `key` as missing unless field `i` was seen.
    pub fn require(&self, ctx: &mut Ctx, i: u32, key: &str) {
        if self.seen & (1 << i) == 0 {
            ctx.problem_at(key, msg::missing());
        }
    }
}

/// Skips the value of an unknown key, recording the problem.
pub(crate) fn unknown<'de, A: MapAccess<'de>>(
    ctx: &mut Ctx,
    map: &mut A,
    key: &str,
) -> Result<(), A::Error> {
    ctx.problem_at(key, msg::unknown_field());
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

/// Skips the value of a repeated key.
pub(crate) fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>()?;
    Ok(())
}

/// Reads every element of an array with a fresh handler from `make`, the path extended by the
/// index; elements with problems are left out.
pub(crate) fn elements<'de, A, H, F>(
    ctx: &mut Ctx,
    seq: &mut A,
    mut make: F,
) -> Result<Vec<H::Out>, A::Error>
where
    A: SeqAccess<'de>,
    H: Handler<'de>,
    F: FnMut(u32) -> H,
{
    let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
    let mut i = 0u32;
    loop {
        ctx.push(Seg::Index(i));
        let next = seq.next_element_seed(Seed {
            ctx: &mut *ctx,
            h: make(i),
        });
        ctx.pop();
        match next? {
            Some(Some(v)) => out.push(v),
            Some(None) => {}
            None => break,
        }
        i += 1;
    }
    Ok(out)
}
