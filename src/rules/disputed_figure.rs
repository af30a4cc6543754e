//! `disputed-figure`.

use crate::finding::{Finding, RuleId, Severity};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct DisputedFigure;

static META: RuleMeta = RuleMeta {
    id: RuleId::DisputedFigure,
    summary: "",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "",
};

impl Rule for DisputedFigure {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        let _ = (ctx, out);
    }
}
