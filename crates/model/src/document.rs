//! A published disclosure as structured data.

use crate::money::{Money, Unit};
use serde::{Deserialize, Serialize};

/// A cell's or code's printed text: most are short (amounts, codes, names of up to eight characters) and
/// held inline, which spares the reader an allocation per cell.
pub use compact_str::CompactString as ShortText;

/// Where a value came from in its source file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Loc {
    /// 1-based line in a text source (0 when unknown).
    pub line: u32,
    /// 0-based cell (tab field) in that line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cell: Option<u16>,
    /// 1-based page in a paged source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Bounding box on the page (x0, y0, x1, y1 in points).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<[f32; 4]>,
}

impl Loc {
    /// A location on a line.
    pub fn line(line: u32) -> Loc {
        Loc { line, ..Loc::default() }
    }
    /// A location on one cell of a line.
    pub fn cell(line: u32, cell: usize) -> Loc {
        Loc { line, cell: Some(cell as u16), ..Loc::default() }
    }
}

/// Budget (预算) or final accounts (决算).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// 预算
    #[default]
    Budget,
    /// 决算
    Final,
}

/// 部门 (department, consolidating its units) or 单位 (a single unit) edition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edition {
    /// 部门
    #[default]
    Department,
    /// 单位
    Unit,
}

impl Edition {
    /// The word the document should use for itself.
    pub fn word(self) -> &'static str {
        match self {
            Edition::Department => "部门",
            Edition::Unit => "单位",
        }
    }
}

/// Facts about the document as a whole.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The file it was read from.
    pub source: String,
    /// Department code printed above the tables (e.g. `306`).
    pub dept_code: Option<String>,
    /// Department name.
    pub dept_name: Option<String>,
    /// Budget year.
    pub year: Option<u16>,
    /// Budget or final accounts.
    pub phase: Phase,
    /// Department or unit edition.
    pub edition: Edition,
    /// Id of the layout it was read with.
    pub layout: String,
    /// The document's title line.
    pub title: Option<String>,
}

/// One printed amount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// The value in 分.
    pub value: Money,
    /// Decimals as printed.
    pub decimals: u8,
    /// The text as printed.
    pub text: ShortText,
    /// Where it was printed.
    pub loc: Loc,
}

/// A table cell.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Nothing printed.
    #[default]
    Empty,
    /// Text (names, codes, units).
    Text(ShortText),
    /// Money.
    Amount(Amount),
}

impl Cell {
    /// The amount, if the cell holds one.
    #[inline]
    pub fn amount(&self) -> Option<&Amount> {
        match self {
            Cell::Amount(a) => Some(a),
            _ => None,
        }
    }
    /// The text, if the cell holds text.
    #[inline]
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            Cell::Amount(a) => Some(&a.text),
            Cell::Empty => None,
        }
    }
}

/// A column of a table: semantic id and printed label.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Column {
    /// Semantic id from the layout (e.g. `basic`), or `col{N}` when unknown.
    pub id: String,
    /// The printed leaf header label.
    pub label: String,
    /// What the column holds.
    pub role: crate::layout::ColumnRole,
    /// For amount columns: the id of the name column that labels them (two-sided tables).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_column: Option<String>,
}

/// A data row.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Row {
    /// 1-based position among the table's data rows.
    pub position: usize,
    /// Cells aligned with the table's columns.
    pub cells: Vec<Cell>,
    /// Normalised classification code, if the row has one.
    pub code: Option<ShortText>,
    /// Semantic roles from the layout (e.g. `total`, `income.year_total`).
    pub roles: Vec<String>,
    /// Where the row starts.
    pub loc: Loc,
}

impl Row {
    /// The text in the column at `i` (an index from [`Table::col`], looked up once per table), or "".
    #[inline]
    pub fn text_at(&self, i: Option<usize>) -> &str {
        i.and_then(|i| self.cells.get(i)).and_then(Cell::text).unwrap_or("")
    }

    /// The amount in the column at `i` (see [`Row::text_at`]).
    #[inline]
    pub fn amount_at(&self, i: Option<usize>) -> Option<&Amount> {
        i.and_then(|i| self.cells.get(i)).and_then(Cell::amount)
    }

    /// The value in the column at `i` (see [`Row::text_at`]), an empty cell counting as zero.
    #[inline]
    pub fn value_at(&self, i: Option<usize>) -> Money {
        self.amount_at(i).map_or(Money::ZERO, |a| a.value)
    }
}

/// A note printed under a table (`注：…`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Note {
    /// The note's text.
    pub text: String,
    /// Where it was printed.
    pub loc: Loc,
    /// True when the layout recognises it as an 空表 (empty-table) note.
    pub empty_table: bool,
}

/// A table of the disclosure.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Table {
    /// Semantic kind from the layout (e.g. `expenditure_summary`).
    pub kind: String,
    /// The printed title.
    pub title: String,
    /// The printed unit (or the layout's default when none was printed).
    pub unit: Unit,
    /// Whether a unit line was printed.
    pub unit_printed: bool,
    /// Columns in printed order.
    pub columns: Vec<Column>,
    /// Data rows in printed order.
    pub rows: Vec<Row>,
    /// Notes printed under the table.
    pub notes: Vec<Note>,
    /// Where the title was printed.
    pub loc: Loc,
    /// Printed decimals of its amounts (the most seen; 2 when none), set by the reader.
    #[serde(default = "two")]
    pub decimals: u8,
}

/// String equality for the short ids, kinds, roles and codes looked up by name: compared inline, without
/// the library call `==` makes, when at most 16 bytes long (nearly all of them).
#[inline]
pub fn same_str(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let n = a.len();
    if n != b.len() {
        return false;
    }
    // Two overlapping words from either end cover the whole string.
    if (8..=16).contains(&n) {
        let word = |s: &[u8], at: usize| u64::from_le_bytes(s[at..at + 8].try_into().expect("8 bytes"));
        return word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8);
    }
    if (4..8).contains(&n) {
        let word = |s: &[u8], at: usize| u32::from_le_bytes(s[at..at + 4].try_into().expect("4 bytes"));
        return word(a, 0) == word(b, 0) && word(a, n - 4) == word(b, n - 4);
    }
    a.last() == b.last() && a == b
}

fn two() -> u8 {
    2
}

impl Table {
    /// Index of the column with semantic id `id`.
    #[inline]
    pub fn col(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| same_str(&c.id, id))
    }

    /// The amount at row `row`, column `id`.
    #[inline]
    pub fn amount<'a>(&'a self, row: &'a Row, id: &str) -> Option<&'a Amount> {
        row.amount_at(self.col(id))
    }

    /// The value at row `row`, column `id`, an empty cell counting as zero.
    #[inline]
    pub fn value(&self, row: &Row, id: &str) -> Money {
        self.amount(row, id).map_or(Money::ZERO, |a| a.value)
    }

    /// The first row carrying `role`.
    pub fn row_with_role(&self, role: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.roles.iter().any(|x| same_str(x, role)))
    }

    /// The rows carrying a classification code.
    pub fn coded_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(|r| r.code.is_some())
    }

    /// The row with classification code `code`.
    pub fn row_with_code(&self, code: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.code.as_deref().is_some_and(|c| same_str(c, code)))
    }

    /// The printed name of a row: the text of its name column (`column`), or its first name column.
    pub fn row_name<'a>(&self, row: &'a Row, column: Option<&str>) -> &'a str {
        let idx = match column {
            Some(id) => self.col(id),
            None => self.columns.iter().position(|c| c.role == crate::layout::ColumnRole::Name),
        };
        row.text_at(idx)
    }

    /// The row's printed label for an amount in a column whose name column is `column`: its name, or,
    /// when the name cell is empty, the text printed across the code columns (a `合计` row spans them).
    pub fn row_label<'a>(&self, row: &'a Row, column: Option<&str>) -> &'a str {
        let name = self.row_name(row, column);
        if !name.is_empty() {
            return name;
        }
        self.columns
            .iter()
            .zip(&row.cells)
            .filter(|(c, _)| matches!(c.role, crate::layout::ColumnRole::Code | crate::layout::ColumnRole::CodePart))
            .filter_map(|(_, cell)| cell.text())
            .find(|t| !t.is_empty() && !t.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("")
    }

    /// Whether any cell of the table holds an amount.
    pub fn has_amounts(&self) -> bool {
        self.rows.iter().any(|r| r.cells.iter().any(|c| c.amount().is_some()))
    }

    /// Printed decimals of the table's amounts, computed from its cells (the most seen; 2 when none).
    pub fn printed_decimals(&self) -> u8 {
        self.rows.iter().flat_map(|r| r.cells.iter().filter_map(Cell::amount)).map(|a| a.decimals).max().unwrap_or(2)
    }

    /// One unit in the last printed place, in 分.
    pub fn ulp(&self) -> i64 {
        self.unit.ulp(self.decimals)
    }
}

/// A paragraph of the explanation.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Paragraph {
    /// The text.
    pub text: String,
    /// Where it was printed.
    pub loc: Loc,
}

/// A section of the explanation (情况说明).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Section {
    /// Semantic id from the layout (e.g. `three_public`), or empty when unknown.
    pub id: String,
    /// The printed heading.
    pub heading: String,
    /// Paragraphs in order.
    pub paragraphs: Vec<Paragraph>,
    /// Where the heading was printed.
    pub loc: Loc,
}

impl Section {
    /// All paragraphs joined by newlines.
    pub fn text(&self) -> String {
        self.paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n")
    }
}

/// One row of a performance-target table (绩效指标).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Indicator {
    /// 一级指标
    pub level1: String,
    /// 二级指标
    pub level2: String,
    /// 三级指标
    pub level3: String,
    /// 绩效指标描述
    pub description: String,
    /// 指标值
    pub value: String,
    /// 指标值确定依据
    pub basis: String,
    /// Where it was printed.
    pub loc: Loc,
}

impl Indicator {
    /// The six printed columns: 一级, 二级, 三级, 描述, 指标值, 依据.
    pub fn columns(&self) -> [&str; 6] {
        [&self.level1, &self.level2, &self.level3, &self.description, &self.value, &self.basis]
    }
}

/// A project with its performance-target table (项目绩效目标表).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Project {
    /// The printed table title.
    pub title: String,
    /// 项目编码
    pub code: String,
    /// 项目名称
    pub name: String,
    /// The unit its amounts are printed in.
    pub unit: Option<Unit>,
    /// 预算数
    pub budget: Option<Amount>,
    /// 其中：财政资金
    pub fiscal: Option<Amount>,
    /// 其他资金
    pub other: Option<Amount>,
    /// 资金用途
    pub purpose: Option<String>,
    /// 资金支出计划: (printed period label, amount) pairs; empty when none printed.
    pub plan: Vec<(String, Amount)>,
    /// Whether a 资金支出计划 header was printed.
    pub plan_printed: bool,
    /// 绩效目标
    pub goal: Option<String>,
    /// 绩效指标 rows.
    pub indicators: Vec<Indicator>,
    /// Where the title was printed.
    pub loc: Loc,
}

/// An entry of the 目录.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TocEntry {
    /// The entry's title.
    pub title: String,
    /// The printed page number.
    pub page: Option<u32>,
    /// Where it was printed.
    pub loc: Loc,
}

/// Something the reader mended in the source, reported so that a person can verify it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Repair {
    /// Rule code of the repair (e.g. `R001`).
    pub code: String,
    /// What was done, in Chinese.
    pub message: String,
    /// The original text.
    pub original: String,
    /// The text after repair.
    pub repaired: String,
    /// Where the original was.
    pub loc: Loc,
    /// Kind of the table it happened in.
    pub table: Option<String>,
}

/// The whole disclosure.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    /// Facts about the document.
    pub meta: Meta,
    /// 目录 entries.
    pub toc: Vec<TocEntry>,
    /// Tables, in printed order (including procurement and asset tables).
    pub tables: Vec<Table>,
    /// Explanation sections, in printed order.
    pub sections: Vec<Section>,
    /// Project performance-target tables.
    pub projects: Vec<Project>,
    /// Repairs the reader made.
    pub repairs: Vec<Repair>,
    /// Lines the reader could not place anywhere (kept, never dropped silently).
    pub unplaced: Vec<Paragraph>,
}

/// One amount cell of a table, with the table, row and column it stands in.
#[derive(Clone, Copy, Debug)]
pub struct AmountCell<'a> {
    /// The table.
    pub table: &'a Table,
    /// The row.
    pub row: &'a Row,
    /// The (amount) column.
    pub column: &'a Column,
    /// The amount.
    pub amount: &'a Amount,
}

impl AmountCell<'_> {
    /// The column names of [`AmountCell::record`].
    pub const HEADER: [&'static str; 9] = ["table", "title", "unit", "row", "code", "name", "column", "label", "value"];

    /// The cell as one line of the tidy cells CSV: table and column ids, printed title, unit, row position,
    /// code, row label, printed column label, value in 元 with two decimals.
    pub fn record(&self) -> [String; 9] {
        let (t, row, col) = (self.table, self.row, self.column);
        [
            t.kind.clone(),
            t.title.clone(),
            t.unit.label().to_string(),
            row.position.to_string(),
            row.code.as_deref().unwrap_or_default().to_string(),
            t.row_label(row, col.name_column.as_deref()).to_string(),
            col.id.clone(),
            col.label.clone(),
            self.amount.value.yuan_string(),
        ]
    }
}

impl Document {
    /// Every amount in an amount column of every table, table by table and row by row (what
    /// `yusuan extract --format csv` lists).
    pub fn amount_cells(&self) -> impl Iterator<Item = AmountCell<'_>> {
        self.tables.iter().flat_map(|table| {
            table.rows.iter().flat_map(move |row| {
                table.columns.iter().zip(&row.cells).filter_map(move |(column, cell)| match cell {
                    Cell::Amount(amount) if column.role == crate::layout::ColumnRole::Amount => {
                        Some(AmountCell { table, row, column, amount })
                    }
                    _ => None,
                })
            })
        })
    }

    /// The first table of `kind`.
    pub fn table(&self, kind: &str) -> Option<&Table> {
        self.tables.iter().find(|t| same_str(&t.kind, kind))
    }

    /// The first section with id `id`.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| same_str(&s.id, id))
    }

    /// The whole explanation text (every section), for narrative rules.
    pub fn narrative(&self) -> impl Iterator<Item = (&Section, &Paragraph)> {
        self.sections.iter().flat_map(|s| s.paragraphs.iter().map(move |p| (s, p)))
    }
}

#[cfg(test)]
mod tests {
    use super::same_str;

    #[test]
    fn same_str_is_string_equality_at_every_length_and_position() {
        // Every length up to 40 (the word paths end at 16), equal and differing at each byte (ASCII, so
        // that a flipped bit leaves a string).
        let text = "2010101 abcdefghijklmnopqrstuvwxyz.0123";
        for n in 0..=text.len() {
            let a = &text[..n];
            // (a copy elsewhere in memory, as the rules compare)
            let copy = String::from(a);
            assert!(same_str(a, &copy));
            for at in 0..n {
                let mut b = a.as_bytes().to_vec();
                b[at] ^= 1;
                let b = String::from_utf8(b).expect("ASCII");
                assert!(!same_str(a, &b), "{a:?} {b:?}");
            }
        }
        assert!(!same_str("2010101", "20101010"));
        assert!(!same_str("", "a"));
    }

    proptest::proptest! {
        #[test]
        fn same_str_agrees_with_eq(a in "[a-c一二]{0,12}", b in "[a-c一二]{0,12}") {
            proptest::prop_assert_eq!(same_str(&a, &b), a == b);
            proptest::prop_assert!(same_str(&a, &a.clone()));
        }
    }
}
