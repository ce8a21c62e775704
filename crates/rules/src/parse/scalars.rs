//! Handlers for the leaves of a case: strings, integers, booleans, dates, codes, quotas.

use std::marker::PhantomData;

use serde::de::{IgnoredAny, MapAccess, SeqAccess};
use time::Date;

use super::de::{Ctx, Handler, Scalar};
use crate::case::parse_date;
use crate::codes::CodeEnum;
use crate::settings::{Quota, Ratio};
use crate::validate::msg;

/// A string.
pub(crate) struct StrH;

impl<'de> Handler<'de> for StrH {
    type Out = String;
    fn expected(&self) -> &'static str {
        "một chuỗi"
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<String> {
        match v {
            Scalar::Str(s) => Some(s.into_owned()),
            other => reject(ctx, self.expected(), &other),
        }
    }
}

/// An integer that fits a year.
pub(crate) struct IntH;

impl<'de> Handler<'de> for IntH {
    type Out = i32;
    fn expected(&self) -> &'static str {
        "một số nguyên"
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<i32> {
        let n = match v {
            Scalar::U64(n) => i32::try_from(n).ok(),
            Scalar::I64(n) => i32::try_from(n).ok(),
            ref other => return reject(ctx, self.expected(), other),
        };
        if n.is_none() {
            ctx.problem("số nằm ngoài khoảng cho phép".to_string());
        }
        n
    }
}

/// `true` or `false`.
pub(crate) struct BoolH;

impl<'de> Handler<'de> for BoolH {
    type Out = bool;
    fn expected(&self) -> &'static str {
        "true hoặc false"
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<bool> {
        match v {
            Scalar::Bool(b) => Some(b),
            other => reject(ctx, self.expected(), &other),
        }
    }
}

/// A `YYYY-MM-DD` date.
pub(crate) struct DateH;

impl<'de> Handler<'de> for DateH {
    type Out = Date;
    fn expected(&self) -> &'static str {
        "một ngày dạng YYYY-MM-DD"
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<Date> {
        match v {
            Scalar::Str(s) => {
                let d = parse_date(&s);
                if d.is_none() {
                    ctx.problem(msg::bad_date(&s));
                }
                d
            }
            other => reject(ctx, self.expected(), &other),
        }
    }
}

/// One value of an enumeration, by its wire code.
pub(crate) struct EnumH<T>(PhantomData<T>);

impl<T> EnumH<T> {
    pub fn new() -> EnumH<T> {
        EnumH(PhantomData)
    }
}

impl<'de, T: CodeEnum> Handler<'de> for EnumH<T> {
    type Out = T;
    fn expected(&self) -> &'static str {
        "một mã (chuỗi)"
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<T> {
        match v {
            Scalar::Str(s) => {
                let t = T::parse_code(&s);
                if t.is_none() {
                    ctx.problem(msg::not_in_enum(&s, &T::allowed()));
                }
                t
            }
            other => reject(ctx, self.expected(), &other),
        }
    }
}

/// A quota: a number from 0 to 1, or `null` for no cap.
pub(crate) struct QuotaH;

impl<'de> Handler<'de> for QuotaH {
    type Out = Quota;
    fn expected(&self) -> &'static str {
        "một số từ 0 đến 1 hoặc null"
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<Quota> {
        let ratio = match v {
            Scalar::Null => return Some(Quota::Uncapped),
            Scalar::U64(n) => Some(Ratio::new(n, 1)),
            Scalar::I64(_) => None,
            Scalar::F64(f) => Ratio::from_f64(f),
            other => return reject(ctx, self.expected(), &other),
        };
        match ratio.filter(|r| r.is_fraction()) {
            Some(r) => Some(Quota::AtMost(r)),
            None => {
                ctx.problem(msg::quota_range());
                None
            }
        }
    }
}

/// `null` or the inner handler's value: optional fields accept `null` as "left out".
pub(crate) struct Nullable<H>(pub H);

impl<'de, H: Handler<'de>> Handler<'de> for Nullable<H> {
    type Out = Option<H::Out>;
    fn expected(&self) -> &'static str {
        self.0.expected()
    }
    fn scalar(self, ctx: &mut Ctx, v: Scalar<'de>) -> Option<Self::Out> {
        match v {
            Scalar::Null => Some(None),
            v => self.0.scalar(ctx, v).map(Some),
        }
    }
    fn map<A: MapAccess<'de>>(self, ctx: &mut Ctx, map: A) -> Result<Option<Self::Out>, A::Error> {
        Ok(self.0.map(ctx, map)?.map(Some))
    }
    fn seq<A: SeqAccess<'de>>(self, ctx: &mut Ctx, seq: A) -> Result<Option<Self::Out>, A::Error> {
        Ok(self.0.seq(ctx, seq)?.map(Some))
    }
}

/// Any value, kept raw when a scalar, so that the caller can report problems under a path it
/// builds itself (the year keys of `ratings`).
pub(crate) struct RawH;

/// What [`RawH`] read.
pub(crate) enum Raw<'de> {
    Scalar(Scalar<'de>),
    Object,
    Array,
}

impl<'de> Handler<'de> for RawH {
    type Out = Raw<'de>;
    fn expected(&self) -> &'static str {
        "một giá trị"
    }
    fn scalar(self, _: &mut Ctx, v: Scalar<'de>) -> Option<Raw<'de>> {
        Some(Raw::Scalar(v))
    }
    fn map<A: MapAccess<'de>>(self, _: &mut Ctx, mut map: A) -> Result<Option<Raw<'de>>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Some(Raw::Object))
    }
    fn seq<A: SeqAccess<'de>>(self, _: &mut Ctx, mut seq: A) -> Result<Option<Raw<'de>>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Some(Raw::Array))
    }
}

impl Raw<'_> {
    /// Describes a value that is not the expected string.
    pub fn describe(&self) -> &'static str {
        match self {
            Raw::Scalar(Scalar::Null) => "null",
            Raw::Scalar(Scalar::Bool(_)) => "true/false",
            Raw::Scalar(Scalar::Str(_)) => "một chuỗi",
            Raw::Scalar(_) => "một số",
            Raw::Object => "một đối tượng",
            Raw::Array => "một mảng",
        }
    }
}

fn reject<T>(ctx: &mut Ctx, expected: &str, v: &Scalar<'_>) -> Option<T> {
    let found = match v {
        Scalar::Null => "null",
        Scalar::Bool(_) => "true/false",
        Scalar::Str(_) => "một chuỗi",
        Scalar::I64(_) | Scalar::U64(_) => "một số nguyên",
        Scalar::F64(_) => "một số",
    };
    ctx.problem(format!("phải là {expected}, không phải {found}"));
    None
}
