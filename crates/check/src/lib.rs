//! The Yusuan rule engine.
//!
//! Every rule has a stable code, a severity, a one-page doc with a failing and a passing example, and its
//! own tests. A rule sees only the model ([`Document`]), the layout and the catalog — never a file format.
//! A rule that lacks the data to decide reports "not evaluated", never "passed".

/// Joins the pieces of a message (each a `str`, `String` or the like) in one allocation: for plain text
/// pieces this costs a fraction of `format!`'s machinery, and rules report many messages per document.
macro_rules! join {
    ($($piece:expr),+ $(,)?) => {
        [$(AsRef::<str>::as_ref(&$piece)),+].concat()
    };
}

mod engine;
pub mod helpers;
mod registry;
pub mod report;
pub mod rules;

pub use engine::{Ctx, Family, Finding, Location, Rule, RuleStatus, Severity, Sink, Status};
pub use registry::{all_rules, rule};
pub use report::Report;

use yusuan_model::{Catalog, Document, Layout};

/// Runs every rule on `doc` and collects the report (reader repairs included as findings).
pub fn check(doc: &Document, catalog: &Catalog) -> Report {
    let layout = Layout::by_id(&doc.meta.layout).unwrap_or(&Layout::bundled()[0]);
    let cx = Ctx::new(doc, catalog, layout);
    let rules = all_rules();
    let mut statuses = Vec::with_capacity(rules.len());
    // Room for what most documents report (their median is about 50), so that it seldom grows.
    let mut findings = Vec::with_capacity(64);
    for rule in rules {
        let mut sink = Sink::after(rule, findings);
        (rule.check)(&cx, &mut sink);
        let (status, reason, all) = sink.finish_all();
        findings = all;
        statuses.push(RuleStatus { code: rule.code, status, reason });
    }
    Report::new(doc, findings, statuses)
}
