//! `unsourced-claim`.

use crate::finding::{Finding, RuleId, Severity};
use crate::rules::{Rule, RuleContext, RuleMeta};

pub struct UnsourcedClaim;

static META: RuleMeta = RuleMeta {
    id: RuleId::UnsourcedClaim,
    summary: "",
    default_severity: Severity::Warning,
    fixable: true,
    docs: "",
};

impl Rule for UnsourcedClaim {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, ctx: &RuleContext, out: &mut Vec<Finding>) {
        let _ = (ctx, out);
    }
}
