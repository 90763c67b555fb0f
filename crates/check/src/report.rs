//! The report of one document: findings, rule statuses and counts, as text (Chinese) or JSON.

use crate::engine::{Finding, RuleStatus, Severity, Status};
use serde::Serialize;
use std::fmt::Write;
use yusuan_model::Document;

/// Counts by severity and status.
#[derive(Clone, Debug, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
    /// Rules evaluated with nothing found.
    pub passed: usize,
    /// Rules evaluated with something found.
    pub failed: usize,
    /// Rules that lacked the data to decide.
    pub not_evaluated: usize,
}

/// The result of checking one document.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Source file.
    pub source: String,
    /// Department name.
    pub department: Option<String>,
    /// Year.
    pub year: Option<u16>,
    /// Layout id.
    pub layout: String,
    /// Number of tables recognised.
    pub tables: usize,
    /// Counts.
    pub counts: Counts,
    /// Findings, most severe first, then in document order.
    pub findings: Vec<Finding>,
    /// Status of every rule.
    pub rules: Vec<RuleStatus>,
}

impl Report {
    /// Builds a report, sorting findings by severity then line.
    pub fn new(doc: &Document, mut findings: Vec<Finding>, rules: Vec<RuleStatus>) -> Report {
        // Findings are large: sorting small keys and then moving each finding once is cheaper than
        // sorting the findings themselves (the order is the same: both sorts are stable).
        // The severity and line packed in one integer (in the same order: no line first), which compares
        // in one step where the tuple of the two takes several.
        findings.sort_by_cached_key(|f| {
            ((f.severity as u64) << 33 | f.location.line.map_or(0, |l| u64::from(l) + 1), f.rule)
        });
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        let status = |s: Status| rules.iter().filter(|r| r.status == s).count();
        let counts = Counts {
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            infos: count(Severity::Info),
            passed: status(Status::Passed),
            failed: status(Status::Failed),
            not_evaluated: status(Status::NotEvaluated),
        };
        Report {
            source: doc.meta.source.clone(),
            department: doc.meta.dept_name.clone(),
            year: doc.meta.year,
            layout: doc.meta.layout.clone(),
            tables: doc.tables.len(),
            counts,
            findings,
            rules,
        }
    }

    /// Whether any error was found.
    pub fn has_errors(&self) -> bool {
        self.counts.errors > 0
    }

    /// Findings of one rule.
    pub fn by_rule<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.rule == code)
    }

    /// The readable Chinese report.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "文件：{}\n部门：{}　年度：{}　版式：{}　识别表格：{} 张",
            self.source,
            self.department.as_deref().unwrap_or("（未识别）"),
            self.year.map_or("（未识别）".to_string(), |y| y.to_string()),
            self.layout,
            self.tables
        );
        for f in &self.findings {
            let l = &f.location;
            let mut at = Vec::new();
            if let Some(t) = &l.title {
                at.push(format!("表“{t}”"));
            }
            if let Some(r) = l.row {
                at.push(format!("第{r}行"));
            }
            if let Some(c) = &l.code {
                at.push(format!("科目{c}"));
            }
            if let Some(n) = &l.name {
                at.push(n.clone());
            }
            if let Some(c) = &l.column {
                at.push(format!("列{c}"));
            }
            if let Some(sec) = &l.section {
                at.push(format!("说明[{sec}]"));
            }
            if let Some(p) = &l.project {
                at.push(format!("项目{p}"));
            }
            if let Some(line) = l.line {
                at.push(format!("原文第{line}行"));
            }
            let _ = writeln!(s, "\n[{}] {} {}", f.rule, f.severity.label(), f.message);
            if !at.is_empty() {
                let _ = writeln!(s, "    位置：{}", at.join("，"));
            }
            if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
                let _ = writeln!(s, "    应为：{e}　实际：{a}");
            }
        }
        let c = &self.counts;
        let _ = writeln!(
            s,
            "\n合计：错误 {} 条，警告 {} 条，提示 {} 条；规则 {} 条通过，{} 条发现问题，{} 条未评估（缺少判断所需数据）。",
            c.errors, c.warnings, c.infos, c.passed, c.failed, c.not_evaluated
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::Report;
    use crate::engine::{Finding, Location, Severity};

    #[test]
    fn findings_are_ordered_by_severity_then_line_then_rule_and_otherwise_kept_in_order() {
        let f = |rule: &'static str, severity, line: Option<u32>, message: &str| Finding {
            rule,
            severity,
            message: message.into(),
            location: Location { line, ..Location::default() },
            expected: None,
            actual: None,
        };
        let findings = vec![
            f("B001", Severity::Info, Some(3), "a"),
            f("A001", Severity::Error, Some(u32::MAX), "b"),
            f("A002", Severity::Warning, None, "c"),
            f("A001", Severity::Error, Some(7), "d"),
            f("A000", Severity::Error, Some(7), "e"),
            f("A001", Severity::Error, None, "f"),
            f("A001", Severity::Error, Some(7), "g"),
            f("B001", Severity::Info, Some(3), "h"),
            f("A002", Severity::Warning, Some(0), "i"),
        ];
        let mut expected = findings.clone();
        expected.sort_by(|a, b| (a.severity, a.location.line, a.rule).cmp(&(b.severity, b.location.line, b.rule)));
        let report = Report::new(&yusuan_model::Document::default(), findings, Vec::new());
        let order: Vec<&str> = report.findings.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(order, expected.iter().map(|f| f.message.as_str()).collect::<Vec<_>>());
        assert_eq!(order, ["f", "e", "d", "g", "b", "c", "i", "a", "h"]);
    }
}
