//! The list of every rule.

use crate::engine::Rule;
use crate::rules;

/// Every rule, in code order.
pub fn all_rules() -> &'static [&'static Rule] {
    static ALL: std::sync::OnceLock<Vec<&'static Rule>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<&'static Rule> = rules::FAMILIES.iter().flat_map(|f| f.iter().copied()).collect();
        v.sort_by_key(|r| r.code);
        v
    })
}

/// The rule with this code (case-insensitive).
pub fn rule(code: &str) -> Option<&'static Rule> {
    all_rules().iter().copied().find(|r| r.code.eq_ignore_ascii_case(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_docs_complete() {
        let all = all_rules();
        for w in all.windows(2) {
            assert_ne!(w[0].code, w[1].code, "duplicate rule code");
        }
        for r in all {
            assert!(!r.name.is_empty() && !r.summary.is_empty() && !r.why.is_empty(), "{} doc", r.code);
            assert!(!r.bad.trim().is_empty() && !r.good.trim().is_empty(), "{} examples", r.code);
            assert!(!r.basis.is_empty(), "{} basis", r.code);
        }
    }
}
