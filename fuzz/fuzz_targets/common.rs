//! Shared by the fuzz targets (included with `mod common;`; not a target itself).

use factlint::text::Span;

/// Asserts that `span` lies inside `text`, in order, on char boundaries.
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(span.start <= span.end, "{what} {span:?} is reversed");
    assert!(
        span.end <= text.len(),
        "{what} {span:?} past the end ({})",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start),
        "{what} {span:?} start not on a char boundary"
    );
    assert!(
        text.is_char_boundary(span.end),
        "{what} {span:?} end not on a char boundary"
    );
}
