//! Figures in prose: digits and number words, scales, units, approximators, as intervals.

use crate::lang::Lang;
use crate::text::Span;
use serde::Serialize;

/// What a figure measures; figures compare only within one dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Dimension {
    /// A count of things ("115.000 Zuschauer", "14 cables").
    Count,
    /// A plain number with nothing counted.
    Number,
    Duration,
    Currency,
    Percent,
    PercentagePoint,
    Speed,
    Length,
    Mass,
    Area,
    Volume,
    Temperature,
    Age,
    TimeOfDay,
    Date,
    Year,
    /// "twice", "612-mal", "three times".
    Multiplier,
    /// Information size, power, energy and other units.
    Other,
}

/// How the figure was qualified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Approx {
    Exact,
    About,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    Nearly,
    Range,
}

/// One figure with its span (approximator and unit included), value and interval.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// The value as stated, scale words applied ("1,3 Millionen" = 1300000; "25 %" = 25).
    pub value: f64,
    /// Interval the statement allows, in the same unit as `value` (approximators and rounding).
    pub low: f64,
    pub high: f64,
    /// Canonical unit ("min", "EUR", "USD", "%", "km/h", "°C", …), `None` for counts and numbers.
    pub unit: Option<String>,
    pub dimension: Dimension,
    pub approx: Approx,
    /// Multiply `value`, `low`, `high` by this to get the dimension's base unit (seconds, metres, …).
    #[serde(skip)]
    pub factor: f64,
    /// The noun the count qualifies ("Zuhörer", "vehicles").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub counted: Option<String>,
    #[serde(skip)]
    pub span: Span,
    /// Span of the number itself, without approximator or unit.
    #[serde(skip)]
    pub number_span: Span,
}

/// Extracts the figures of each sentence of `text` (the masked prose of a document).
pub fn extract(text: &str, sentences: &[Span], lang: Lang) -> Vec<Quantity> {
    let _ = (text, sentences, lang);
    Vec::new()
}
