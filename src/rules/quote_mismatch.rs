//! `quote-mismatch`.

use crate::finding::{Finding, RuleId, Severity};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct QuoteMismatch;

static META: RuleMeta = RuleMeta {
    id: RuleId::QuoteMismatch,
    summary: "",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "",
};

impl Rule for QuoteMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        let _ = (ctx, out);
    }
}
