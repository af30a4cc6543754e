//! `number-conflict`.

use crate::finding::{Finding, RuleId, Severity};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct NumberConflict;

static META: RuleMeta = RuleMeta {
    id: RuleId::NumberConflict,
    summary: "",
    default_severity: Severity::Error,
    fixable: true,
    docs: "",
};

impl Rule for NumberConflict {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        let _ = (ctx, out);
    }
}
