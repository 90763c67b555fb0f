//! Rules, findings and the sink a rule reports into.

use serde::{Deserialize, Serialize};
use yusuan_model::{same_str, Catalog, CatalogEntry, Classification, Document, Layout, Loc, Row, Table};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Must be corrected before publication.
    Error,
    /// Probably wrong; a person should look.
    Warning,
    /// For the record (repairs, 尾差).
    Info,
}

impl Severity {
    /// The word reports use for it (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
    /// The Chinese word.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

/// Rule families.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    /// Repairs the reader made.
    Read,
    /// Sums within one table.
    Arithmetic,
    /// Agreement between tables.
    CrossTable,
    /// Codes and names against the classification catalog.
    Catalog,
    /// Tables, notes and sections that must be present.
    Completeness,
    /// Project performance targets.
    Performance,
    /// Procurement and asset tables.
    ProcurementAssets,
    /// The explanation against the tables, and its wording.
    Narrative,
}

impl Family {
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Family::Read => "读取修复",
            Family::Arithmetic => "表内勾稽",
            Family::CrossTable => "表间勾稽",
            Family::Catalog => "科目",
            Family::Completeness => "完整性",
            Family::Performance => "绩效目标",
            Family::ProcurementAssets => "采购与资产",
            Family::Narrative => "说明与表格",
        }
    }
}

/// A rule: its doc and its check.
pub struct Rule {
    /// Stable code, e.g. `A001`.
    pub code: &'static str,
    /// Short Chinese name.
    pub name: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Family.
    pub family: Family,
    /// 规则说明: what it checks.
    pub summary: &'static str,
    /// 为什么是问题: why a violation matters.
    pub why: &'static str,
    /// 错误示例: a document (text layout) that violates the rule.
    pub bad: &'static str,
    /// 正确示例: the same document mended.
    pub good: &'static str,
    /// 依据: the regulation or convention it rests on.
    pub basis: &'static str,
    /// The check.
    pub check: fn(&Ctx, &mut Sink),
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rule").field("code", &self.code).finish()
    }
}

/// What a rule gets to look at.
pub struct Ctx<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The classification catalog.
    pub catalog: &'a Catalog,
    /// The document's layout.
    pub layout: &'a Layout,
    /// Per-document results that several rules share, computed on first use.
    pub(crate) cache: Cache<'a>,
}

impl<'a> Ctx<'a> {
    /// A context for one document.
    pub fn new(doc: &'a Document, catalog: &'a Catalog, layout: &'a Layout) -> Ctx<'a> {
        Ctx { doc, catalog, layout, cache: Cache::default() }
    }
}

/// Shared per-document work, so that rules reading the same facts do not recompute them.
#[derive(Default)]
pub(crate) struct Cache<'a> {
    /// Amounts stated in each of [`Cache::texts`] (computed when first asked).
    pub(crate) mentions: std::cell::OnceCell<Vec<std::cell::OnceCell<Vec<crate::rules::narrative::Mention<'a>>>>>,
    /// Headings and paragraphs of the explanation with the characters some wording rules need.
    pub(crate) texts: std::cell::OnceCell<Vec<crate::rules::narrative::Text<'a>>>,
    /// [`Cache::texts`] in one string, for patterns searched in all of them.
    pub(crate) joined: std::cell::OnceCell<crate::rules::narrative::Joined>,
    /// Paragraphs that compare with last year, with their change trees.
    pub(crate) change_paragraphs: std::cell::OnceCell<Vec<crate::rules::narrative::ChangeParagraph<'a>>>,
    /// Per table, per row: the `expense_item` name and the function 类 code it names (two-sided tables).
    pub(crate) expense_classes: std::cell::OnceCell<Vec<Vec<ExpenseName<'a>>>>,
    /// Per table: its amount columns as the arithmetic rules compare them (A002–A004, A011…).
    pub(crate) amount_cols: std::cell::OnceCell<PerTable<crate::rules::arithmetic::AmountCol<'a>>>,
    /// What each 目录 entry names (completeness rules).
    pub(crate) toc_named: std::cell::OnceCell<Vec<crate::rules::completeness::Named<'a>>>,
    /// What each section heading names, by section index (completeness rules).
    pub(crate) sections_named: std::cell::OnceCell<Vec<crate::rules::completeness::Named<'a>>>,
    /// Every coded row of every table with its classification, name and catalog entry (catalog rules).
    pub(crate) coded: std::cell::OnceCell<Vec<Coded<'a>>>,
    /// Per table: each role its rows carry, with the row's index, in row order ([`Ctx::row_with_role`]).
    pub(crate) roles: std::cell::OnceCell<PerTable<(&'a str, usize)>>,
}

/// A list for each table of a document, all in one vector: two allocations instead of one per table.
pub(crate) struct PerTable<T> {
    items: Vec<T>,
    /// Where each table's list is in `items`.
    spans: Vec<(usize, usize)>,
}

impl<T> PerTable<T> {
    /// The lists `fill` adds for each of `tables`, which hold `len` items in all.
    pub(crate) fn new<'t>(
        tables: &'t [Table],
        len: usize,
        mut fill: impl FnMut(&'t Table, &mut Vec<T>),
    ) -> PerTable<T> {
        let mut items = Vec::with_capacity(len);
        let spans = tables
            .iter()
            .map(|t| {
                let start = items.len();
                fill(t, &mut items);
                (start, items.len())
            })
            .collect();
        PerTable { items, spans }
    }

    /// The list of the table at `i`.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> &[T] {
        let (start, end) = self.spans[i];
        &self.items[start..end]
    }
}

impl<'a> Ctx<'a> {
    /// The index of `t` among the document's tables (None for a table not of this document).
    pub(crate) fn table_index(&self, t: &Table) -> Option<usize> {
        // The index its address would have, checked, instead of a scan of the tables.
        let offset = (t as *const Table as usize).wrapping_sub(self.doc.tables.as_ptr() as usize);
        let i = offset / std::mem::size_of::<Table>();
        self.doc.tables.get(i).is_some_and(|x| std::ptr::eq(x, t)).then_some(i)
    }

    /// The first table of `kind` (`Document::table`), inlined where a rule names the kind: the lookup then
    /// compares each table's kind with that constant instead of calling the model's general one.
    #[inline]
    pub(crate) fn table(&self, kind: &str) -> Option<&'a Table> {
        self.doc.tables.iter().find(|t| same_str(&t.kind, kind))
    }

    /// The first row of `t` carrying `role` (`Table::row_with_role`), from a list of the roles of each
    /// table's rows made once per document: the rules look roles up often, and few rows carry any.
    pub(crate) fn row_with_role<'t>(&self, t: &'t Table, role: &str) -> Option<&'t Row> {
        let Some(i) = self.table_index(t) else { return t.row_with_role(role) };
        let all = self.cache.roles.get_or_init(|| {
            let tables = &self.doc.tables;
            // (few rows carry roles, totals mostly: a guess at their number instead of a count of them)
            PerTable::new(tables, 4 * tables.len(), |t, all| {
                for (k, r) in t.rows.iter().enumerate() {
                    all.extend(r.roles.iter().map(|x| (x.as_str(), k)));
                }
            })
        });
        all.get(i).iter().find(|(x, _)| same_str(x, role)).map(|&(_, k)| &t.rows[k])
    }

    /// Per row of `t`: its `expense_item` name and the function 类 code that name names.
    fn expense_names(&self, t: &'a Table) -> Vec<ExpenseName<'a>> {
        let col = t.col("expense_item");
        t.rows.iter().map(|r| self.expense_name(r, col)).collect()
    }

    /// Row `r`'s name in column `col` (its `expense_item` column) and the function 类 code that name names.
    pub(crate) fn expense_name(&self, r: &'a Row, col: Option<usize>) -> ExpenseName<'a> {
        let name = yusuan_model::layout::strip_numbering(r.text_at(col));
        ExpenseName { name, class: self.catalog.function_class_code_by_unnumbered_name(name) }
    }

    /// [`Ctx::expense_classes`] as found once per document, for the document's own tables (None for others).
    pub(crate) fn found_expense_classes(&self, t: &'a Table) -> Option<&[ExpenseName<'a>]> {
        let all = self.cache.expense_classes.get_or_init(|| {
            let names = |t: &'a Table| if t.col("expense_item").is_some() { self.expense_names(t) } else { Vec::new() };
            self.doc.tables.iter().map(names).collect()
        });
        let i = self.table_index(t)?;
        (all[i].len() == t.rows.len()).then_some(all[i].as_slice())
    }

    /// Per row of `t`: its `expense_item` name and the function 类 code that name names.
    pub(crate) fn expense_classes(&self, t: &'a Table) -> std::borrow::Cow<'_, [ExpenseName<'a>]> {
        match self.found_expense_classes(t) {
            Some(names) => std::borrow::Cow::Borrowed(names),
            None => std::borrow::Cow::Owned(self.expense_names(t)),
        }
    }
}

impl<'a> Ctx<'a> {
    /// Every coded row of every table, table by table and row by row, with what the catalog rules look up
    /// for it: found once per document instead of once per rule.
    pub(crate) fn coded(&self) -> &[Coded<'a>] {
        self.cache.coded.get_or_init(|| {
            let mut all = Vec::with_capacity(self.doc.tables.iter().map(|t| t.rows.len()).sum());
            for t in &self.doc.tables {
                let cls = crate::helpers::classification(self, t);
                // The column `Table::row_name(r, None)` finds, once per table.
                let name_col = t.columns.iter().position(|c| c.role == yusuan_model::ColumnRole::Name);
                all.extend(t.coded_rows().map(|row| {
                    let code = row.code.as_deref().unwrap_or("");
                    let name = row.text_at(name_col);
                    let entry = self.catalog.get(cls, code);
                    Coded {
                        table: t,
                        row,
                        code,
                        cls,
                        name,
                        entry,
                        well_formed: crate::rules::catalog::well_formed(cls, code),
                        as_catalog: entry.is_some_and(|e| e.name == name),
                    }
                }));
            }
            all
        })
    }
}

/// A coded row of a table, with its classification, printed name and catalog entry.
pub(crate) struct Coded<'a> {
    /// The table.
    pub(crate) table: &'a Table,
    /// The row.
    pub(crate) row: &'a Row,
    /// Its code.
    pub(crate) code: &'a str,
    /// The classification of the table's codes (from the layout).
    pub(crate) cls: Classification,
    /// Its name as `Table::row_name(row, None)` reads it.
    pub(crate) name: &'a str,
    /// The catalog entry of its code in `cls`.
    pub(crate) entry: Option<&'a CatalogEntry>,
    /// Whether the code has a valid shape for `cls`.
    pub(crate) well_formed: bool,
    /// Whether `name` is printed exactly as the catalog names the code.
    pub(crate) as_catalog: bool,
}

/// The expense side of a two-sided table's row: its name and the function 类 it names.
#[derive(Clone, Copy)]
pub(crate) struct ExpenseName<'a> {
    /// The `expense_item` text with its numbering (`六、`) stripped.
    pub(crate) name: &'a str,
    /// The code of the function 类 of that name.
    pub(crate) class: Option<&'a str>,
}

/// Where a finding points.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Location {
    /// Semantic table kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// Printed table title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Row position in the table.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    /// Classification code of the row.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Printed row name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Semantic column id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// Explanation section id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// Project code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Source line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// Source page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Bounding box on the page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
}

impl Location {
    /// A table as a whole.
    pub fn table(t: &Table) -> Location {
        Location { table: Some(t.kind.clone()), title: Some(t.title.clone()), ..Location::default() }.at(&t.loc)
    }
    /// A row of a table.
    pub fn row(t: &Table, r: &Row) -> Location {
        let mut l = Location::table(t).at(&r.loc);
        l.row = Some(r.position);
        l.code = r.code.as_deref().map(String::from);
        let name = t.row_name(r, None);
        l.name = (!name.is_empty()).then(|| name.to_string());
        l
    }
    /// A cell of a table (column by semantic id).
    pub fn cell(t: &Table, r: &Row, column: &str) -> Location {
        let mut l = Location::row(t, r);
        if let Some(a) = t.amount(r, column) {
            l = l.at(&a.loc);
        }
        if let Some(c) = t.columns.iter().find(|c| c.id == column) {
            if let Some(nc) = &c.name_column {
                let name = t.row_name(r, Some(nc));
                l.name = (!name.is_empty()).then(|| name.to_string());
            }
        }
        l.column = Some(column.to_string());
        l
    }
    /// A source location.
    pub fn at(mut self, loc: &Loc) -> Location {
        if loc.line > 0 {
            self.line = Some(loc.line);
        }
        self.page = loc.page.or(self.page);
        self.bbox = loc.bbox.or(self.bbox);
        self
    }
    /// A line in the explanation.
    pub fn section(id: &str, loc: &Loc) -> Location {
        Location { section: Some(id.to_string()), ..Location::default() }.at(loc)
    }
}

/// One thing found wrong (or repaired, or rounded).
#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    /// Rule code.
    pub rule: &'static str,
    /// Severity.
    pub severity: Severity,
    /// What is wrong, in Chinese.
    pub message: String,
    /// Where.
    pub location: Location,
    /// What was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What was printed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actual: Option<String>,
}

/// Outcome of one rule on one document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Evaluated, nothing found.
    Passed,
    /// Evaluated, something found.
    Failed,
    /// The document lacks the data to decide.
    NotEvaluated,
}

/// The status of one rule with its reason when not evaluated.
#[derive(Clone, Debug, Serialize)]
pub struct RuleStatus {
    /// Rule code.
    pub code: &'static str,
    /// Outcome.
    pub status: Status,
    /// Why it was not evaluated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Where a rule reports. A rule that never calls [`Sink::evaluated`] or reports counts as not evaluated.
pub struct Sink {
    rule: &'static Rule,
    /// Earlier rules' findings (`..start`), then this rule's.
    findings: Vec<Finding>,
    start: usize,
    evaluated: bool,
    reason: Option<String>,
}

impl Sink {
    /// A sink for `rule`.
    pub fn new(rule: &'static Rule) -> Sink {
        Sink::after(rule, Vec::new())
    }

    /// A sink for `rule` that adds to the findings of the rules run before it: one vector for the whole
    /// report instead of one per rule and a final one joining them.
    pub(crate) fn after(rule: &'static Rule, findings: Vec<Finding>) -> Sink {
        Sink { rule, start: findings.len(), findings, evaluated: false, reason: None }
    }

    /// Marks that the rule had the data to decide at least once.
    pub fn evaluated(&mut self) {
        self.evaluated = true;
    }

    /// Says why the rule cannot decide (kept when nothing else is evaluated).
    pub fn not_evaluated(&mut self, reason: impl Into<String>) {
        if self.reason.is_none() {
            self.reason = Some(reason.into());
        }
    }

    /// Reports a finding with the rule's own code and severity.
    pub fn report(&mut self, message: impl Into<String>, location: Location) -> &mut Finding {
        self.report_as(self.rule.code, self.rule.severity, message, location)
    }

    /// Reports a finding under another code and severity (used for 尾差, reported as `A000` info).
    pub fn report_as(
        &mut self,
        code: &'static str,
        severity: Severity,
        message: impl Into<String>,
        location: Location,
    ) -> &mut Finding {
        self.evaluated = true;
        self.findings.push(Finding {
            rule: code,
            severity,
            message: message.into(),
            location,
            expected: None,
            actual: None,
        });
        self.findings.last_mut().expect("just pushed")
    }

    /// The rule being run.
    pub fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// Status, reason and findings.
    pub fn finish(self) -> (Status, Option<String>, Vec<Finding>) {
        let start = self.start;
        let (status, reason, mut findings) = self.finish_all();
        findings.drain(..start);
        (status, reason, findings)
    }

    /// Status, reason, and the findings with those the sink was made [`Sink::after`].
    pub(crate) fn finish_all(self) -> (Status, Option<String>, Vec<Finding>) {
        let own = self.findings[self.start..].iter().any(|f| f.rule == self.rule.code);
        let status = if own {
            Status::Failed
        } else if self.evaluated {
            Status::Passed
        } else {
            Status::NotEvaluated
        };
        let reason = if status == Status::NotEvaluated {
            Some(self.reason.unwrap_or_else(|| "文件中没有判断所需的数据".into()))
        } else {
            None
        };
        (status, reason, self.findings)
    }
}

impl Finding {
    /// Sets expected and actual values.
    pub fn values(&mut self, expected: impl Into<String>, actual: impl Into<String>) -> &mut Finding {
        self.expected = Some(expected.into());
        self.actual = Some(actual.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::{Location, Severity, Sink, Status};

    #[test]
    fn per_table_lists_keep_each_tables_items_apart() {
        let tables = |names: &[&str]| -> Vec<yusuan_model::Table> {
            let table = |n: &&str| yusuan_model::Table {
                kind: (*n).into(),
                title: Default::default(),
                unit: yusuan_model::Unit::Yuan,
                unit_printed: false,
                columns: Vec::new(),
                rows: Vec::new(),
                notes: Vec::new(),
                loc: Default::default(),
                decimals: 2,
            };
            names.iter().map(table).collect()
        };
        let ts = tables(&["ab", "", "c", ""]);
        let lists = super::PerTable::new(&ts, 0, |t, all| all.extend(t.kind.chars()));
        let got: Vec<String> = (0..ts.len()).map(|i| lists.get(i).iter().collect()).collect();
        assert_eq!(got, ["ab", "", "c", ""]);
        let none = super::PerTable::<char>::new(&[], 4, |_, _| unreachable!());
        assert!(none.spans.is_empty());
    }

    #[test]
    fn a_sink_after_other_findings_judges_and_returns_only_its_own() {
        let rules = crate::all_rules();
        let (a, b) = (rules[1], rules[2]);
        let mut first = Sink::new(a);
        first.report("one", Location::default());
        let (status, _, found) = first.finish_all();
        assert_eq!((status, found.len()), (Status::Failed, 1));
        // nothing reported by `b`: another rule's finding before it does not make it fail
        let mut second = Sink::after(b, found.clone());
        second.evaluated();
        let (status, reason, all) = second.finish_all();
        assert_eq!((status, reason, all.len()), (Status::Passed, None, 1));
        let second = Sink::after(b, found.clone());
        assert_eq!(second.finish_all().0, Status::NotEvaluated);
        let mut second = Sink::after(b, found);
        second.report("two", Location::default());
        let (status, _, own) = second.finish();
        assert_eq!((status, own.len(), own[0].message.as_str()), (Status::Failed, 1, "two"));
    }

    #[test]
    fn severity_words_are_the_reports_and_read_back() {
        for s in [Severity::Error, Severity::Warning, Severity::Info] {
            let json = serde_json::to_value(s).unwrap();
            assert_eq!(json, s.as_str());
            assert_eq!(serde_json::from_value::<Severity>(json).unwrap(), s);
        }
    }
}
