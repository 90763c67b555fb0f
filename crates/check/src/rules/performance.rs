//! (family under construction)

use crate::engine::Rule;

/// The family's rules.
pub static RULES: &[&Rule] = &[];
