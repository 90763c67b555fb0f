//! Layouts (template packs): the data that describes one family of documents.
//!
//! A layout says which tables a document has, how their titles, columns and special rows are printed,
//! which explanation sections are required and what an empty-table note looks like. Readers and rules
//! only ever see semantic ids; the printed words live here, in TOML files under `layouts/`.

use crate::catalog::Classification;
use crate::document::{Edition, Phase};
use crate::money::Unit;
use serde::{Deserialize, Serialize};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    /// 序号
    Seq,
    /// A whole classification code.
    Code,
    /// One part of a code printed in three columns (类|款|项).
    CodePart,
    /// An item name.
    Name,
    /// Money.
    Amount,
    /// A count (vehicles, items), not money.
    Quantity,
    /// Other text (units of measure, catalog numbers).
    Text,
}

/// One column as the layout describes it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ColumnSpec {
    /// Semantic id.
    pub id: String,
    /// What the column holds.
    pub role: ColumnRole,
    /// Printed leaf header labels that identify the column (whitespace is ignored).
    pub labels: Vec<String>,
    /// For amount columns of two-sided tables: the name column they belong to.
    #[serde(default)]
    pub name_column: Option<String>,
}

/// A row the layout gives a semantic role, found by its printed name.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RowSpec {
    /// The semantic role (e.g. `total`, `income.general_budget`).
    pub role: String,
    /// The name column to look in (default: the first name column).
    #[serde(default)]
    pub column: Option<String>,
    /// Printed names (numbering like `一、` and whitespace are ignored).
    pub names: Vec<String>,
    /// Only rows after the row with this role match (e.g. the 结转 breakdown rows).
    #[serde(default)]
    pub after: Option<String>,
}

/// One kind of table.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TableKind {
    /// Semantic id (e.g. `income_summary`).
    pub id: String,
    /// Printed titles that identify the table.
    pub titles: Vec<String>,
    /// Whether every document of the layout must have it.
    #[serde(default = "yes")]
    pub required: bool,
    /// Columns in printed order.
    pub columns: Vec<ColumnSpec>,
    /// Upper header labels (merged group cells) that may appear in header rows.
    #[serde(default)]
    pub header_groups: Vec<String>,
    /// Rows with semantic roles.
    #[serde(default)]
    pub rows: Vec<RowSpec>,
    /// Unit assumed when none is printed.
    #[serde(default)]
    pub unit: Option<Unit>,
    /// Which classification its codes belong to.
    #[serde(default)]
    pub classification: Classification,
    /// Column identities: on every row, `total` = Σ `parts` (columns absent from the table count as 0).
    #[serde(default)]
    pub column_sums: Vec<ColumnSum>,
    /// Comparison keys of the titles (computed once at load).
    #[serde(skip)]
    pub title_keys: Vec<String>,
    /// Comparison keys of every header label and group (computed once at load).
    #[serde(skip)]
    pub header_keys: std::collections::HashSet<String>,
    /// Comparison keys of each column's labels, in column order (computed once at load).
    #[serde(skip)]
    pub label_keys: Vec<Vec<String>>,
}

impl TableKind {
    fn prepare(&mut self) {
        self.title_keys = self.titles.iter().map(|t| key(t)).collect();
        self.label_keys = self.columns.iter().map(|c| c.labels.iter().map(|l| key(l)).collect()).collect();
        self.header_keys =
            self.label_keys.iter().flatten().cloned().chain(self.header_groups.iter().map(|g| key(g))).collect();
    }

    /// Whether `cell` is one of the table's printed header labels or groups.
    pub fn is_header_label(&self, cell: &str) -> bool {
        self.header_keys.contains(&key(cell))
    }
}

/// A column identity of a table.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ColumnSum {
    /// The total column.
    pub total: String,
    /// The part columns.
    pub parts: Vec<String>,
}

fn yes() -> bool {
    true
}

/// One explanation section.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SectionKind {
    /// Semantic id (e.g. `three_public`).
    pub id: String,
    /// Printed headings (numbering is ignored; a heading matches when it starts with an alias).
    pub headings: Vec<String>,
    /// Whether every document of the layout must have it.
    #[serde(default = "yes")]
    pub required: bool,
    /// Comparison keys of the headings (computed once at load).
    #[serde(skip)]
    pub heading_keys: Vec<String>,
}

/// How performance-target tables are printed.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct ProjectLayout {
    /// A line ending with one of these starts a project table.
    pub title_suffixes: Vec<String>,
    /// Label of the project code cell.
    pub code_labels: Vec<String>,
    /// Label of the project name cell.
    pub name_labels: Vec<String>,
    /// Label starting the budget row.
    pub budget_row_labels: Vec<String>,
    /// Label of the budget amount.
    pub budget_labels: Vec<String>,
    /// Label of the fiscal-funds amount.
    pub fiscal_labels: Vec<String>,
    /// Label of the other-funds amount.
    pub other_labels: Vec<String>,
    /// Label starting the spending-plan header.
    pub plan_labels: Vec<String>,
    /// Label starting the goal row.
    pub goal_labels: Vec<String>,
    /// First label of the indicator header row.
    pub indicator_header_labels: Vec<String>,
    /// The 一级指标 every project must cover.
    pub required_level1: Vec<String>,
}

/// A template pack: everything that differs between families of documents.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Layout {
    /// Stable id (e.g. `hebei-dept-budget`).
    pub id: String,
    /// Human name.
    pub name: String,
    /// Budget or final accounts.
    pub phase: Phase,
    /// Department or unit edition.
    pub edition: Edition,
    /// Unit of tables that print none.
    pub default_unit: Unit,
    /// Phrases whose presence suggests this layout (each found adds one to its score).
    pub detect: Vec<String>,
    /// Labels of the header-number row (栏次).
    pub header_number_labels: Vec<String>,
    /// Known misprints of those labels (档次), read with a repair finding.
    #[serde(default)]
    pub header_number_typos: Vec<String>,
    /// Phrases that mark an empty-table note (空表).
    pub empty_note_phrases: Vec<String>,
    /// Tables in printed order.
    pub tables: Vec<TableKind>,
    /// Explanation sections in printed order.
    pub sections: Vec<SectionKind>,
    /// Performance-target tables.
    #[serde(default)]
    pub projects: ProjectLayout,
    /// Heading of the explanation part (a line containing one starts it).
    pub explanation_markers: Vec<String>,
    /// Heading of the 目录.
    #[serde(default)]
    pub toc_markers: Vec<String>,
    /// Comparison keys of the empty-table phrases (computed once at load).
    #[serde(skip)]
    pub empty_note_keys: Vec<String>,
}

/// Why a layout could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// The TOML was malformed.
    #[error("版式文件 {file} 无法解析：{source}")]
    Parse {
        /// File name.
        file: String,
        /// Parser error.
        source: toml::de::Error,
    },
    /// No layout has this id.
    #[error("没有名为 {0} 的版式")]
    Unknown(String),
}

const BUNDLED: &[(&str, &str)] = &[("hebei-dept-budget.toml", include_str!("../../../layouts/hebei-dept-budget.toml"))];

impl Layout {
    /// Parses a layout from TOML text.
    pub fn from_toml(file: &str, text: &str) -> Result<Layout, LayoutError> {
        let mut layout: Layout =
            toml::from_str(text).map_err(|source| LayoutError::Parse { file: file.to_string(), source })?;
        for t in &mut layout.tables {
            t.prepare();
        }
        for s in &mut layout.sections {
            s.heading_keys = s.headings.iter().map(|h| key(h)).collect();
        }
        layout.empty_note_keys = layout.empty_note_phrases.iter().map(|p| key(p)).collect();
        Ok(layout)
    }

    /// The layouts shipped inside the binary.
    pub fn bundled() -> &'static [Layout] {
        static ALL: std::sync::OnceLock<Vec<Layout>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            BUNDLED.iter().map(|(f, t)| Layout::from_toml(f, t).expect("bundled layouts are tested")).collect()
        })
    }

    /// The bundled layout with this id.
    pub fn by_id(id: &str) -> Result<&'static Layout, LayoutError> {
        Layout::bundled().iter().find(|l| l.id == id).ok_or_else(|| LayoutError::Unknown(id.into()))
    }

    /// The table kind with this id.
    pub fn table(&self, id: &str) -> Option<&TableKind> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// The table kind whose title is `line` (compared without whitespace).
    pub fn table_for_title(&self, line: &str) -> Option<&TableKind> {
        if line.len() > 200 {
            return None;
        }
        let n = key(line);
        self.tables.iter().find(|t| t.title_keys.contains(&n))
    }

    /// The section kind whose heading starts `line` (numbering ignored).
    pub fn section_for_heading(&self, line: &str) -> Option<&SectionKind> {
        let k = key(line);
        let n = strip_numbering(&k);
        self.sections.iter().find(|s| s.heading_keys.iter().any(|h| n.starts_with(h.as_str())))
    }

    /// Whether `text` is an empty-table note.
    pub fn is_empty_note(&self, text: &str) -> bool {
        let n = key(text);
        self.empty_note_keys.iter().any(|p| n.contains(p.as_str()))
    }
}

/// Removes all whitespace, so that wrapped and letter-spaced labels compare equal.
pub fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A comparison key for printed labels: no whitespace, no quotes, full-width parentheses, no
/// leading year (`2025年预留…`), no `其中：`.
pub fn key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '“' | '”' | '"' | '‘' | '’' | '\'' => {}
            '(' => k.push('（'),
            ')' => k.push('）'),
            ':' => k.push('：'),
            c if c.is_whitespace() => {}
            c => k.push(c),
        }
    }
    let b = k.as_bytes();
    if b.len() > 7 && b[..4].iter().all(u8::is_ascii_digit) && k[4..].starts_with('年') {
        k = k[4 + '年'.len_utf8()..].to_string();
    }
    if let Some(rest) = k.strip_prefix("其中：") {
        k = rest.to_string();
    }
    k
}

/// Strips list numbering such as `一、`, `（二）`, `3、`, `(4)`, `1.` from the start of a label.
pub fn strip_numbering(s: &str) -> &str {
    let t = s.trim_start();
    let b = t.as_bytes();
    // （一） (一) （1） (1)
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = t.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let inner = &rest[..end];
                if !inner.is_empty() && inner.chars().all(is_numeral) {
                    return rest[end + close.len()..].trim_start();
                }
            }
        }
    }
    let n: usize = t.chars().take_while(|c| is_numeral(*c)).map(char::len_utf8).sum();
    if n > 0 {
        let rest = &t[n..];
        for sep in ["、", "．", ".", "，"] {
            if let Some(r) = rest.strip_prefix(sep) {
                // "1.5 万元" is not numbering: a digit after a dot is a decimal.
                if sep == "." && r.starts_with(|c: char| c.is_ascii_digit()) {
                    return t;
                }
                return r.trim_start();
            }
        }
    }
    let _ = b;
    t
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_layouts_parse() {
        let l = Layout::by_id("hebei-dept-budget").unwrap();
        assert!(l.tables.len() >= 11);
        assert_eq!(l.table_for_title("部门预算收支总表").unwrap().id, "summary");
    }

    #[test]
    fn strips_list_numbering() {
        assert_eq!(strip_numbering("一、部门职责"), "部门职责");
        assert_eq!(strip_numbering("（二）分项绩效目标"), "分项绩效目标");
        assert_eq!(strip_numbering("十一、其他"), "其他");
        assert_eq!(strip_numbering("1.5 万元"), "1.5 万元");
        assert_eq!(strip_numbering("二十二、国有资本经营预算支出"), "国有资本经营预算支出");
    }
}
