//! Rules, one module per family. Each rule is a `static` [`Rule`](crate::Rule) with its doc on top.

pub mod arithmetic;
pub mod catalog;
pub mod completeness;
pub mod cross;
pub mod narrative;
pub mod performance;
pub mod procurement;
pub mod read;

use crate::engine::Rule;

/// Every family's rules.
pub const FAMILIES: &[&[&Rule]] = &[
    read::RULES,
    arithmetic::RULES,
    cross::RULES,
    catalog::RULES,
    completeness::RULES,
    performance::RULES,
    procurement::RULES,
    narrative::RULES,
];
