//! A per-unit memo for a document being edited: results computed for a sentence or block are
//! kept under the unit's text (with a little text either side) and given back, with their
//! spans moved, wherever that text appears next. The language server keeps one (inside
//! `extract::Memo`), so a keystroke recomputes only the units it changed. Results must depend on
//! nothing but the keyed text (plus what the caller adds to the key); the property test
//! `memoised_analysis_equals_fresh_analysis` and the `extract`/`check` fuzz targets compare
//! memoised and fresh results.

use crate::lang::Lang;
use crate::text::Span;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Entries kept per table before it starts over (a long session stays bounded).
const LIMIT: usize = 20_000;
/// Bytes of context either side of a unit that are part of its key.
const MARGIN: usize = 16;

/// The key of unit `s` of `text`: language, the unit with [`MARGIN`] bytes either side, and
/// `extra` (whatever else the result depends on).
pub fn key(text: &str, s: Span, lang: Lang, extra: &str) -> String {
    let mut a = s.start.saturating_sub(MARGIN).min(text.len());
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = s.end.saturating_add(MARGIN).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    let (before, inner, after) = (
        text.get(a..s.start).unwrap_or(""),
        text.get(s.start..s.end).unwrap_or(""),
        text.get(s.end..b).unwrap_or(""),
    );
    format!("{lang:?}\u{1}{before}\u{1}{inner}\u{1}{after}\u{1}{extra}")
}

/// Something with byte spans that can be moved.
pub trait Shift {
    fn shift(&self, by: isize) -> Self;
}

impl Shift for Span {
    fn shift(&self, by: isize) -> Span {
        Span::new(
            self.start.saturating_add_signed(by),
            self.end.saturating_add_signed(by),
        )
    }
}

/// One memo table: values with spans relative to their unit's start.
#[derive(Debug)]
pub struct Table<T> {
    map: Mutex<HashMap<String, Arc<Vec<T>>>>,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table {
            map: Mutex::new(HashMap::new()),
        }
    }
}

impl<T: Shift> Table<T> {
    /// The values of the unit starting at `start` under `key`, computing them on a miss.
    pub fn get(&self, key: String, start: usize, compute: impl FnOnce() -> Vec<T>) -> Vec<T> {
        let by = start as isize;
        if let Ok(m) = self.map.lock() {
            if let Some(v) = m.get(&key) {
                return v.iter().map(|x| x.shift(by)).collect();
            }
        }
        let v = compute();
        let rel: Arc<Vec<T>> = Arc::new(v.iter().map(|x| x.shift(-by)).collect());
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= LIMIT {
                m.clear();
            }
            m.insert(key, rel);
        }
        v
    }
}

impl<T: Shift + Clone> Table<T> {
    /// The values stored under `key`, moved to a unit starting at `start`, if any.
    pub fn peek(&self, key: &str, start: usize) -> Option<Vec<T>> {
        let m = self.map.lock().ok()?;
        m.get(key)
            .map(|v| v.iter().map(|x| x.shift(start as isize)).collect())
    }

    /// Stores `values` of the unit starting at `start` under `key`.
    pub fn put(&self, key: String, start: usize, values: Vec<T>) {
        let by = -(start as isize);
        let rel: Arc<Vec<T>> = Arc::new(values.iter().map(|x| x.shift(by)).collect());
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= LIMIT {
                m.clear();
            }
            m.insert(key, rel);
        }
    }
}

/// The text layer's memo: sentence boundaries per block.
#[derive(Debug, Default)]
pub struct Memo {
    pub sentences: Table<Span>,
}
