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
    /// Row identities: in `column`, the row with role `total` = Σ the rows with roles `parts`.
    #[serde(default)]
    pub row_sums: Vec<RowSum>,
    /// Printed as one data row whose columns are the items: each amount column becomes a row
    /// whose role is the column id (the Shanghai “三公” table).
    #[serde(default)]
    pub transpose: bool,
    /// Recognised but not read yet: its lines are passed over and a finding says so.
    #[serde(default)]
    pub skip: bool,
    /// Printed as this many side-by-side blocks of the same columns (the 决算 基本支出 table: 人员经费
    /// on the left, 公用经费 on the right). `columns` lists every block's columns in printed order
    /// (ids of later blocks end in `.2`, `.3` …); the rows are read block after block, left block
    /// first, as one table with the first block's columns.
    #[serde(default = "one")]
    pub blocks: usize,
    /// With `transpose`: every item is printed as a pair (or more) of columns under one header, e.g.
    /// 预算数 | 决算数. These are the ids of the sub-columns (`budget`, `final`); the leaf header
    /// labels of the sub-columns are `pair_labels`, in the same order. Each item becomes a row with
    /// one amount column per sub-column.
    #[serde(default)]
    pub pairs: Vec<String>,
    /// Printed leaf labels of the `pairs` sub-columns.
    #[serde(default)]
    pub pair_labels: Vec<String>,
    /// Comparison keys of the titles (computed once at load).
    #[serde(skip)]
    pub title_keys: Vec<String>,
    /// Comparison keys of every header label and group (computed once at load).
    #[serde(skip)]
    pub header_keys: std::collections::HashSet<String>,
    /// Comparison keys of each column's labels, in column order (computed once at load).
    #[serde(skip)]
    pub label_keys: Vec<Vec<String>>,
    /// Comparison keys of the header groups, in order (computed once at load).
    #[serde(skip)]
    pub group_keys: Vec<String>,
    /// Comparison keys of each row spec's names, in row-spec order (computed once at load).
    #[serde(skip)]
    pub row_name_keys: Vec<Vec<String>>,
    /// Shortest and longest header key in bytes, for a quick reject (computed once at load).
    #[serde(skip)]
    pub header_key_lens: (usize, usize),
    /// The header keys sorted by length, for lookups without hashing (computed once at load).
    #[serde(skip)]
    pub header_key_list: Vec<String>,
    /// Last characters of the row name keys, sorted, for a quick reject (computed once at load;
    /// `None` when not computed or when some row name key is empty).
    #[serde(skip)]
    pub row_name_ends: Option<Vec<char>>,
}

fn one() -> usize {
    1
}

impl TableKind {
    /// For a `transpose` table, the amount columns each item becomes once read, with their printed
    /// labels: the `pairs` with their `pair_labels` (预算数 | 决算数), or one `total` column with no label of
    /// its own (the item's name heads its amount).
    pub fn item_parts(&self) -> Vec<(&str, &str)> {
        if self.pairs.is_empty() {
            return vec![(ITEM_TOTAL, "")];
        }
        let labels = self.pair_labels.iter().map(String::as_str).chain(std::iter::repeat(""));
        self.pairs.iter().map(String::as_str).zip(labels).collect()
    }

    fn prepare(&mut self) {
        self.title_keys = self.titles.iter().map(|t| key(t)).collect();
        self.label_keys = self.columns.iter().map(|c| c.labels.iter().map(|l| key(l)).collect()).collect();
        self.group_keys = self.header_groups.iter().map(|g| key(g)).collect();
        let pair_keys: Vec<String> = self.pair_labels.iter().map(|l| key(l)).collect();
        self.header_keys =
            self.label_keys.iter().flatten().chain(&self.group_keys).chain(&pair_keys).cloned().collect();
        self.row_name_keys = self.rows.iter().map(|r| r.names.iter().map(|n| key(n)).collect()).collect();
        self.row_name_ends = last_chars(self.row_name_keys.iter().flatten());
        let mut list: Vec<String> = self.header_keys.iter().cloned().collect();
        list.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        self.header_key_lens = (list.first().map_or(usize::MAX, String::len), list.last().map_or(0, String::len));
        self.header_key_list = list;
    }

    /// Whether `cell` is one of the table's printed header labels or groups.
    pub fn is_header_label(&self, cell: &str) -> bool {
        with_key(cell, |k| self.is_header_key(k))
    }

    /// Whether `k` (a comparison key, see [`key`]) is one of the table's header keys.
    pub fn is_header_key(&self, k: &str) -> bool {
        let (min, max) = self.header_key_lens;
        if k.len() < min || k.len() > max {
            // An unprepared kind (no keys) has min > max and rejects everything, as an empty set does.
            return false;
        }
        if self.header_key_list.len() != self.header_keys.len() {
            return self.header_keys.contains(k);
        }
        self.header_key_list
            .iter()
            .skip_while(|h| h.len() < k.len())
            .take_while(|h| h.len() == k.len())
            .any(|h| crate::same_str(h, k))
    }

    /// Whether a row printing trimmed `name` may be one of the rows the layout declares, as far as the
    /// name's last character tells (numbering stripped from its start changes nothing).
    // Inlined into the reader's loop over a table's rows.
    #[inline]
    pub fn may_be_row_name(&self, name: &str) -> bool {
        may_end_one_of(name, self.row_name_ends.as_deref())
    }

    /// Whether `k` (a comparison key) is the printed name of one of the rows the layout declares for
    /// this table (合计, 小计, …), numbered or not (`二、事业收入`), as rows are matched to their roles.
    pub fn is_row_name_key(&self, k: &str) -> bool {
        let bare = strip_numbering(k);
        self.any_row_name_key(|n| crate::same_str(n, k) || crate::same_str(n, bare))
    }

    /// Whether `k` (a comparison key) ends with the name of a row the layout declares, after a name of its
    /// own: `邯山区科工局（事业）小计`, a unit's subtotal in the 政府采购 table.
    pub fn ends_with_row_name_key(&self, k: &str) -> bool {
        self.any_row_name_key(|n| n.chars().nth(1).is_some() && k.len() > n.len() && k.ends_with(n))
    }

    /// Whether any declared row name's key satisfies `f` (the keys computed at load, or now when not).
    fn any_row_name_key(&self, f: impl Fn(&str) -> bool) -> bool {
        if self.row_name_keys.len() == self.rows.len() {
            self.row_name_keys.iter().flatten().any(|n| f(n))
        } else {
            self.rows.iter().flat_map(|r| &r.names).any(|n| f(&key(n)))
        }
    }
}

/// A row identity of a table.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RowSum {
    /// The amount column.
    pub column: String,
    /// Role of the total row.
    pub total: String,
    /// Roles of the part rows (absent rows count as 0).
    pub parts: Vec<String>,
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
    /// Whether the 目录 lists it (subsections of another part are not listed).
    #[serde(default = "yes")]
    pub listed: bool,
    /// A short line ending with one of these is the heading too (`上海市普陀区财政局主要职能`).
    #[serde(default)]
    pub suffixes: Vec<String>,
    /// Words a top-level numbered heading (`四、…`) that matches no heading may hold instead: it is this
    /// section when it holds every word of one group (`[["三公"]]` takes `四、财政拨款“三公”经费支出情况`) and
    /// ends as the layout's headings end (`Layout::heading_endings`).
    #[serde(default)]
    pub keywords: Vec<Vec<String>>,
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

/// The id of the one amount column of a `transpose` table without `pairs`, once read.
pub const ITEM_TOTAL: &str = "total";

/// The lines printed at the head of each table's page (`编制部门：…`, `预算年度：2025`, `单位：万元`,
/// `截止时间：…`), known by their labels. A label is followed by `：` or `:`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PageHead {
    /// Labels of the line naming the department (`编制部门`, `预算单位`).
    pub org_labels: Vec<String>,
    /// Labels of the budget-year line (`预算年度`).
    pub year_labels: Vec<String>,
    /// Labels of the unit line (`单位`, `金额单位`), followed by 元 or 万元.
    pub unit_labels: Vec<String>,
    /// Labels of the cut-off date line of the asset table (`截止时间`).
    pub date_labels: Vec<String>,
    /// How a department's name ends (`局`, `馆`, `中心`): a page head may print the name alone, without a
    /// code or a label (`邯山区档案馆`), and a short line before a table's header that ends so is that name.
    #[serde(default)]
    pub org_endings: Vec<String>,
    /// First characters of every label, sorted (computed once at load): a line starting with none of
    /// them is no page-head line. Empty when not computed, and then no line is passed over.
    #[serde(skip)]
    pub starts: Vec<char>,
    /// `starts` as bits, bit `c % 64` for each character `c`: most first characters are passed over
    /// by this one test.
    #[serde(skip)]
    start_bits: u64,
}

impl PageHead {
    /// Every label of every kind.
    fn labels(&self) -> impl Iterator<Item = &String> {
        self.org_labels.iter().chain(&self.year_labels).chain(&self.unit_labels).chain(&self.date_labels)
    }

    /// The department line of a page head without a department code, as the reader takes it again:
    /// the name after the first department label (`编制部门：…`).
    pub fn org_line(&self, name: &str) -> Option<String> {
        self.org_labels.first().map(|label| format!("{label}：{name}"))
    }

    /// The unit line of a page head (`单位：万元`), with the first unit label (`单位` when the layout has none).
    pub fn unit_line(&self, unit: crate::Unit) -> String {
        format!("{}：{}", self.unit_labels.first().map_or("单位", String::as_str), unit.label())
    }

    /// The department's name printed alone on a page-head line (`邯山区档案馆`, `…农业农村局（乡村振兴局）`):
    /// at most 40 characters, no digit, no sentence punctuation, ending as the layout's names end (a last
    /// bracketed part aside).
    pub fn bare_org_name<'s>(&self, line: &'s str) -> Option<&'s str> {
        let name = line.trim();
        if self.org_endings.is_empty() || name.chars().nth(40).is_some() || name.chars().nth(1).is_none() {
            return None;
        }
        if name.chars().any(|c| c.is_ascii_digit() || matches!(c, '：' | ':' | '，' | '。' | '；' | '、' | ',' | '*'))
        {
            return None;
        }
        // `…农业农村局（乡村振兴局）`: the name before the bracket says what it is.
        let stem = match name.strip_suffix(['）', ')']) {
            Some(inner) => inner.rfind(['（', '(']).map_or(inner, |i| &inner[..i]),
            None => name,
        };
        self.org_endings.iter().any(|e| stem.ends_with(e.as_str())).then_some(name)
    }

    /// The budget-year line of a page head (`预算年度：2025`).
    pub fn year_line(&self, year: u16) -> Option<String> {
        self.year_labels.first().map(|label| format!("{label}：{year}"))
    }

    /// Whether `line` may be a page-head line as far as its first character tells.
    #[inline]
    pub fn may_start(&self, line: &str) -> bool {
        self.starts.is_empty()
            || line
                .chars()
                .next()
                .is_some_and(|c| self.start_bits >> (c as u32 % 64) & 1 != 0 && self.starts.contains(&c))
    }
}

/// The semantic ids of the nine standard tables every department budget publishes (收支总表, 收入总表,
/// 支出总表, 财政拨款收支总表, 一般公共预算财政拨款支出表, 基本支出表, 政府性基金表, 国有资本经营表, 三公).
pub const NINE_TABLES: [&str; 9] = [
    "summary",
    "income",
    "expenditure",
    "fiscal_summary",
    "general_budget",
    "basic",
    "gov_fund",
    "soe",
    "three_public",
];

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
    /// Lines that say a table goes on from the previous page (`续表`), bracketed or not.
    #[serde(default)]
    pub continuation_markers: Vec<String>,
    /// How a section heading found by its keywords must end (`情况`, `说明` …): `三、加强政府采购管理`, an item
    /// of a list, is no heading.
    #[serde(default)]
    pub heading_endings: Vec<String>,
    /// The page-head lines above the tables.
    #[serde(default)]
    pub page_head: PageHead,
    /// Comparison keys of the empty-table phrases (computed once at load).
    #[serde(skip)]
    pub empty_note_keys: Vec<String>,
    /// Comparison keys of the performance-table labels (computed once at load).
    #[serde(skip)]
    pub project_keys: ProjectKeys,
    /// Every title key with the index of its table, sorted by key length then table order
    /// (computed once at load; empty in a layout not made by `from_toml`, which is then searched
    /// table by table).
    #[serde(skip)]
    pub title_index: Vec<(String, usize)>,
    /// Last characters of the title keys, sorted, for a quick reject: every title a key can match
    /// ends it, as the numbering a title may carry is only ever stripped from its start (computed
    /// once at load; `None` when not computed or when some title key is empty).
    #[serde(skip)]
    pub title_ends: Option<Vec<char>>,
    /// For each first character of a heading key, the sections with a heading starting with it, as
    /// (character, section index) sorted by character then section order: a heading lookup looks
    /// only at the sections its key's first character may start (computed once at load; empty when
    /// not computed or when some heading key is empty).
    #[serde(skip)]
    pub(crate) heading_index: Vec<(char, usize)>,
    /// Searchers for the explanation markers, built once at load; a marker holding another one is
    /// left out, since every text holding it holds the other. Empty until computed.
    #[serde(skip)]
    pub explanation_finders: Vec<memchr::memmem::Finder<'static>>,
    /// A searcher for the longest text every explanation marker holds (`情况说明`): a text without it
    /// holds no marker, so most texts need one search instead of one per marker. `None` when not
    /// computed or when the markers share nothing.
    #[serde(skip)]
    pub explanation_common: Option<memchr::memmem::Finder<'static>>,
    /// Characters a text holds when its key holds an explanation marker: one of the longest part
    /// every marker holds, or else one of each marker (see [`Layout::may_hold_explanation_marker`];
    /// computed once at load, `None` when not computed or when a marker has no such character).
    #[serde(skip)]
    pub explanation_anchors: Option<Vec<char>>,
}

/// Comparison keys of a [`ProjectLayout`]'s labels, each list in the layout's order.
#[derive(Clone, Debug, Default)]
pub struct ProjectKeys {
    /// Whether the keys were computed (layouts built without [`Layout::from_toml`] have none).
    pub ready: bool,
    /// Keys of `title_suffixes`.
    pub title_suffixes: Vec<String>,
    /// Last characters of the `title_suffixes` keys, sorted, for a quick reject (`None` when not
    /// computed or when some key is empty).
    pub title_suffix_ends: Option<Vec<char>>,
    /// Keys of `name_labels`.
    pub name_labels: Vec<String>,
    /// Keys of `budget_labels`.
    pub budget_labels: Vec<String>,
    /// Keys of `fiscal_labels`.
    pub fiscal_labels: Vec<String>,
    /// Keys of `other_labels`.
    pub other_labels: Vec<String>,
}

impl ProjectKeys {
    fn of(p: &ProjectLayout) -> ProjectKeys {
        let keys = |v: &[String]| v.iter().map(|s| key(s)).collect::<Vec<_>>();
        let title_suffixes = keys(&p.title_suffixes);
        ProjectKeys {
            ready: true,
            title_suffix_ends: last_chars(title_suffixes.iter()),
            title_suffixes,
            name_labels: keys(&p.name_labels),
            budget_labels: keys(&p.budget_labels),
            fiscal_labels: keys(&p.fiscal_labels),
            other_labels: keys(&p.other_labels),
        }
    }
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
    /// `extends` names a layout that is not bundled.
    #[error("版式文件 {file} 继承的版式 {base} 不存在")]
    Base {
        /// File name.
        file: String,
        /// The base it names.
        base: String,
    },
}

/// Merges a derived layout's keys over its base: top-level keys replace, entries of the `tables` and
/// `sections` arrays merge key by key into the base entry with the same `id`.
fn merge_layout(base: &mut toml::Table, derived: toml::Table) {
    for (k, v) in derived {
        match (k.as_str(), base.get_mut(&k), v) {
            ("tables" | "sections", Some(toml::Value::Array(items)), toml::Value::Array(patches)) => {
                for patch in patches {
                    let toml::Value::Table(patch) = patch else { continue };
                    let same = |item: &toml::Value| item.get("id").is_some() && item.get("id") == patch.get("id");
                    match items.iter_mut().find(|i| same(i)) {
                        Some(toml::Value::Table(item)) => item.extend(patch),
                        _ => items.push(toml::Value::Table(patch)),
                    }
                }
            }
            (_, _, v) => {
                base.insert(k, v);
            }
        }
    }
}

const BUNDLED: &[(&str, &str)] = &[
    ("hebei-dept-budget.toml", include_str!("../../../layouts/hebei-dept-budget.toml")),
    ("hebei-unit-budget.toml", include_str!("../../../layouts/hebei-unit-budget.toml")),
    ("shanghai-dept-budget.toml", include_str!("../../../layouts/shanghai-dept-budget.toml")),
    ("shanghai-unit-budget.toml", include_str!("../../../layouts/shanghai-unit-budget.toml")),
    ("shanghai-dept-final.toml", include_str!("../../../layouts/shanghai-dept-final.toml")),
];

impl Layout {
    /// Parses a layout from TOML text. A layout that says `extends = "ID"` starts from the bundled layout
    /// `ID`: its own top-level keys replace the base's, and its `[[tables]]` / `[[sections]]` entries are
    /// merged into the base's entry with the same `id` (or added when the id is new).
    pub fn from_toml(file: &str, text: &str) -> Result<Layout, LayoutError> {
        let parse = |file: &str, text: &str| -> Result<toml::Table, LayoutError> {
            toml::from_str(text).map_err(|source| LayoutError::Parse { file: file.to_string(), source })
        };
        let mut doc = parse(file, text)?;
        // Follow the chain of bases (bounded, so that a cycle is an error and not a hang).
        for _ in 0..BUNDLED.len() + 1 {
            let Some(base_id) = doc.remove("extends") else { break };
            let base_id = base_id.as_str().unwrap_or_default().to_string();
            let (base_file, base_text) = BUNDLED
                .iter()
                .find(|(f, _)| f.strip_suffix(".toml") == Some(base_id.as_str()))
                .ok_or_else(|| LayoutError::Base { file: file.to_string(), base: base_id.clone() })?;
            let mut base = parse(base_file, base_text)?;
            merge_layout(&mut base, doc);
            doc = base;
        }
        if doc.contains_key("extends") {
            return Err(LayoutError::Base { file: file.to_string(), base: "（循环继承）".into() });
        }
        let mut layout: Layout =
            doc.try_into().map_err(|source| LayoutError::Parse { file: file.to_string(), source })?;
        for t in &mut layout.tables {
            t.prepare();
        }
        for s in &mut layout.sections {
            s.heading_keys = s.headings.iter().map(|h| key(h)).collect();
        }
        layout.empty_note_keys = layout.empty_note_phrases.iter().map(|p| key(p)).collect();
        layout.project_keys = ProjectKeys::of(&layout.projects);
        let mut starts: Vec<char> = layout.page_head.labels().filter_map(|l| l.chars().next()).collect();
        starts.sort_unstable();
        starts.dedup();
        // An empty label would start every line: then no line may be passed over.
        layout.page_head.starts = if layout.page_head.labels().any(String::is_empty) { Vec::new() } else { starts };
        layout.page_head.start_bits = layout.page_head.starts.iter().fold(0, |b, &c| b | 1 << (c as u32 % 64));
        let markers = &layout.explanation_markers;
        // Marker `i` is redundant when another holds within it (of equal ones, all but the first).
        let redundant = |i: usize| {
            markers
                .iter()
                .enumerate()
                .any(|(j, o)| j != i && markers[i].contains(o.as_str()) && (markers[i] != *o || j < i))
        };
        layout.explanation_finders = (0..markers.len())
            .filter(|&i| !redundant(i))
            .map(|i| memchr::memmem::Finder::new(markers[i].as_str()).into_owned())
            .collect();
        // The markers' common part serves both quick tests: a search for it, and its anchor character.
        let common = common_part(&layout.explanation_markers).filter(|c| !c.is_empty());
        layout.explanation_anchors = match common {
            Some(common) => key_anchor(common).map(|c| vec![c]),
            None => layout.explanation_markers.iter().map(|m| key_anchor(m)).collect(),
        };
        layout.explanation_common = common.map(|c| memchr::memmem::Finder::new(c.as_bytes()).into_owned());
        let mut index: Vec<(String, usize)> = layout
            .tables
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.title_keys.iter().map(move |k| (k.clone(), i)))
            .collect();
        index.sort_by_key(|(k, i)| (k.len(), *i));
        layout.title_ends = if index.is_empty() { None } else { last_chars(index.iter().map(|(k, _)| k)) };
        layout.title_index = index;
        let headings = || layout.sections.iter().flat_map(|s| &s.heading_keys);
        // An empty heading key matches anything, so no index then.
        if !headings().any(String::is_empty) {
            let mut index: Vec<(char, usize)> = (layout.sections.iter().enumerate())
                .flat_map(|(i, s)| s.heading_keys.iter().filter_map(move |h| Some((h.chars().next()?, i))))
                .collect();
            index.sort_unstable();
            index.dedup();
            layout.heading_index = index;
        }
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
        with_key(line, |n| self.table_for_title_key(n))
    }

    /// Whether trimmed `text` may be a table title as far as its last character tells: not when
    /// that character, which [`key`] keeps as the key's last, ends no title key (see `title_ends`).
    /// Spares most lines their key when only a title would need it.
    pub fn may_be_title(&self, text: &str) -> bool {
        may_end_one_of(text, self.title_ends.as_deref())
            || (text.ends_with(['）', ')']) && may_end_one_of(strip_table_tag(text), self.title_ends.as_deref()))
    }

    /// Whether trimmed `text` only says that a table goes on (`续表`, `（续表）`): one of the layout's
    /// continuation markers, bracketed or not.
    pub fn is_continuation(&self, text: &str) -> bool {
        let bare = text.strip_prefix(['（', '(']).unwrap_or(text);
        self.continuation_markers
            .iter()
            .any(|m| bare.strip_prefix(m.as_str()).is_some_and(|rest| matches!(rest.trim(), "" | "）" | ")")))
    }

    /// The table kind whose title key (see [`key`]) is `k`.
    pub fn table_for_title_key(&self, k: &str) -> Option<&TableKind> {
        if k.ends_with('）') {
            let untagged = strip_table_tag(k);
            return (untagged.len() < k.len()).then(|| self.table_for_title_key(untagged)).flatten();
        }
        if let Some(ends) = &self.title_ends {
            // Most lines end in no title's last character.
            if k.chars().next_back().is_none_or(|c| ends.binary_search(&c).is_err()) {
                return None;
            }
        }
        self.exact_title(k).or_else(|| {
            // `表1 部门预算收支总表`, `附表一、…`, `1、2025年…`: a numbered title.
            let bare = strip_year(strip_table_number(strip_numbering(k)));
            (bare.len() < k.len()).then(|| self.exact_title(bare)).flatten().or_else(|| self.title_after_name(bare))
        })
    }

    /// The table kind whose title `k` ends with after a department's name or a year (`邯山区某局部门预算收支
    /// 总表`, `某局2025年部门预算收支总表`): the longest title key of at least four characters that `k` ends
    /// with, when what stands before it reads as a name (at most 40 characters, no sentence punctuation, none
    /// of the words that cite a table in prose, such as `详见`).
    fn title_after_name(&self, k: &str) -> Option<&TableKind> {
        const CITING: [char; 6] = ['见', '为', '是', '如', '详', '参'];
        let (title, i) = self
            .title_index
            .iter()
            // (the last two characters first: most keys that end like a title, in `表`, end in another word)
            .filter(|(t, _)| {
                t.len() > 6 && t.len() < k.len() && t.as_bytes()[t.len() - 6..] == k.as_bytes()[k.len() - 6..]
            })
            .filter(|(t, _)| k.ends_with(t.as_str()) && t.chars().nth(3).is_some())
            .max_by_key(|(t, _)| t.len())?;
        let name = &k[..k.len() - title.len()];
        let plain = name.chars().count() <= 40
            && !name.contains(|c: char| CITING.contains(&c) || "，。；：！？,.;!?、".contains(c));
        plain.then(|| self.tables.get(*i)).flatten()
    }

    fn exact_title(&self, k: &str) -> Option<&TableKind> {
        if self.title_index.is_empty() {
            // Not built (a layout made without `from_toml`).
            return self.tables.iter().find(|t| t.title_keys.iter().any(|tk| tk == k));
        }
        let from = self.title_index.partition_point(|(t, _)| t.len() < k.len());
        self.title_index[from..]
            .iter()
            .take_while(|(t, _)| t.len() == k.len())
            .find(|(t, _)| crate::same_str(t, k))
            .and_then(|(_, i)| self.tables.get(*i))
    }

    /// The section kind whose heading starts `line` (numbering ignored).
    pub fn section_for_heading(&self, line: &str) -> Option<&SectionKind> {
        with_key(line, |k| self.section_for_heading_key(k))
    }

    /// The section kind whose heading starts `k`, a comparison key (see [`key`]), numbering ignored.
    pub fn section_for_heading_key(&self, k: &str) -> Option<&SectionKind> {
        let n = strip_year(strip_numbering(k));
        // `上海市普陀区财政局主要职能`: a short line ending with a section suffix (most layouts have none,
        // so the characters are counted only for a line that ends with one).
        if let Some(s) = self.sections.iter().find(|s| s.suffixes.iter().any(|x| n.ends_with(x.as_str()))) {
            if n.chars().count() <= 40 {
                return Some(s);
            }
        }
        let by_heading = if !self.heading_index.is_empty() {
            // No heading key is empty, so a heading that starts `n` starts with its first character.
            let c = n.chars().next()?;
            let from = self.heading_index.partition_point(|&(h, _)| h < c);
            self.heading_index[from..]
                .iter()
                .take_while(|&&(h, _)| h == c)
                .map(|&(_, i)| &self.sections[i])
                .find(|s| s.heading_keys.iter().any(|h| n.starts_with(h.as_str())))
        } else {
            let first = n.as_bytes().first();
            self.sections.iter().find(|s| {
                s.heading_keys.iter().any(|h| match h.as_bytes().first() {
                    None => true,
                    Some(b) => first == Some(b) && n.starts_with(h.as_str()),
                })
            })
        };
        by_heading.or_else(|| self.section_by_keywords(k))
    }

    /// The section a top-level numbered heading (`四、…`, at most 30 characters after its number) names by
    /// its keywords (see [`SectionKind::keywords`]).
    fn section_by_keywords(&self, k: &str) -> Option<&SectionKind> {
        // (Chinese numerals only: `1、…` numbers the items of a part)
        let numerals =
            k.chars().take_while(|&c| is_numeral(c) && !c.is_ascii_digit()).map(char::len_utf8).sum::<usize>();
        let rest = k[numerals..].strip_prefix(['、', '．', '.']).filter(|_| numerals > 0)?;
        // (a heading is no sentence: no `，`, `；`, `。`)
        if rest.chars().nth(30).is_some()
            || rest.contains(['，', '；', '。', ','])
            || !self.heading_endings.iter().any(|e| rest.ends_with(e.as_str()))
        {
            return None;
        }
        self.sections.iter().find(|s| {
            s.keywords.iter().any(|group| !group.is_empty() && group.iter().all(|w| rest.contains(w.as_str())))
        })
    }

    /// Whether `text` contains one of the explanation markers.
    pub fn has_explanation_marker(&self, text: &str) -> bool {
        if self.explanation_finders.is_empty() {
            // Not computed (a layout built without `from_toml`), or no markers at all.
            return self.explanation_markers.iter().any(|m| text.contains(m.as_str()));
        }
        if self.explanation_common.as_ref().is_some_and(|c| c.find(text.as_bytes()).is_none()) {
            return false;
        }
        self.explanation_finders.iter().any(|f| f.find(text.as_bytes()).is_some())
    }

    /// Whether the key of `text` may hold an explanation marker, as far as a quick look at `text`
    /// tells: not when `text` lacks every anchor character (see [`key_anchor`]).
    pub fn may_hold_explanation_marker(&self, text: &str) -> bool {
        match &self.explanation_anchors {
            Some(anchors) => anchors.iter().any(|&c| text.contains(c)),
            None => true,
        }
    }

    /// Whether the key of trimmed `text` may end with one of the project-table title suffixes, as far
    /// as its last character tells.
    pub fn may_be_project_title(&self, text: &str) -> bool {
        may_end_one_of(text, self.project_keys.title_suffix_ends.as_deref())
    }

    /// Whether `text` is an empty-table note.
    pub fn is_empty_note(&self, text: &str) -> bool {
        with_key(text, |n| self.empty_note_keys.iter().any(|p| n.contains(p.as_str())))
    }
}

/// The longest text that every one of `texts` holds (`None` when there are none).
fn common_part(texts: &[String]) -> Option<&str> {
    let shortest = texts.iter().min_by_key(|t| t.len())?;
    let starts: Vec<usize> = shortest.char_indices().map(|(i, _)| i).chain([shortest.len()]).collect();
    let mut parts: Vec<&str> =
        starts.iter().flat_map(|&a| starts.iter().filter(move |&&b| b > a).map(move |&b| &shortest[a..b])).collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.len()));
    Some(parts.into_iter().find(|p| texts.iter().all(|t| t.contains(p))).unwrap_or(""))
}

/// A character of `marker` that a key holds only when the keyed text holds it too: the last one that
/// is not `（`, `）` or `：`, which the key also makes of `(`, `)` and `:` (it keeps or drops every other
/// character, and adds none). `None` when there is none.
fn key_anchor(marker: &str) -> Option<char> {
    marker.chars().rev().find(|c| !matches!(c, '（' | '）' | '：'))
}

/// The last characters of `keys`, sorted and deduplicated; `None` when a key is empty (it ends with
/// no character, and matches a text whose key is empty).
fn last_chars<'k>(keys: impl Iterator<Item = &'k String>) -> Option<Vec<char>> {
    let mut ends = Vec::new();
    for k in keys {
        ends.push(k.chars().next_back()?);
    }
    ends.sort_unstable();
    ends.dedup();
    Some(ends)
}

/// Whether the key of trimmed `text` may be one of the keys whose last characters are `ends` (see
/// [`last_chars`]; `None` tells nothing): not when the text's last character, which the key keeps
/// as its last, ends none of them.
#[inline]
fn may_end_one_of(text: &str, ends: Option<&[char]>) -> bool {
    let (Some(ends), Some(c)) = (ends, text.chars().next_back()) else { return true };
    // Characters the key drops or replaces leave another character as the key's last. No whitespace
    // character comes after the ideographic space U+3000, so CJK text needs no whitespace lookup.
    ends.binary_search(&c).is_ok() || key_changes(c) || (c <= '\u{3000}' && c.is_whitespace())
}

/// Whether [`key`] replaces or drops `c` when it is not whitespace (quotes, ASCII parentheses and colon).
#[inline]
pub fn key_changes(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | ')' | ':' | '“' | '”' | '‘' | '’')
}

/// Whether the 0xE3-led character at `i` of `b` (CJK punctuation such as `、`, `。`) is the ideographic
/// space U+3000, the only whitespace among them: told by its bytes, without decoding.
// Inlined: as a call it made `find_whitespace` save and restore two more registers on every call.
#[inline(always)]
fn ideographic_space_at(b: &[u8], i: usize) -> bool {
    // U+3000 is E3 80 80; a 0xE3 lead always has its two continuation bytes in valid UTF-8.
    matches!(b.get(i + 1..i + 3), Some([0x80, 0x80]))
}

/// Strips a leading table number (`表1`, `附表一`, `表三、`) from a key.
pub fn strip_table_number(k: &str) -> &str {
    let rest = k.strip_prefix("附表").or_else(|| k.strip_prefix('表'));
    let Some(rest) = rest else { return k };
    let n: usize = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum();
    if n == 0 {
        return k;
    }
    rest[n..].trim_start_matches(['、', '：', '.', '．', '-', '—'])
}

/// Strips a trailing bracketed table tag (`（公开01表）`, `(表一)`) from a key or a line.
pub fn strip_table_tag(k: &str) -> &str {
    let Some(inner_end) = k.strip_suffix('）').or_else(|| k.strip_suffix(')')) else { return k };
    let Some(open) = inner_end.rfind(['（', '(']) else { return k };
    let tag = &inner_end[open..];
    if tag.contains('表') {
        inner_end[..open].trim_end()
    } else {
        k
    }
}

/// Strips a leading year (`2025年`) from a key.
pub fn strip_year(k: &str) -> &str {
    let b = k.as_bytes();
    if b.len() > 4 && b[..4].iter().all(u8::is_ascii_digit) {
        if let Some(rest) = k[4..].strip_prefix('年') {
            return rest;
        }
    }
    k
}

/// Removes all whitespace, so that wrapped and letter-spaced labels compare equal.
pub fn norm(s: &str) -> String {
    // The runs between whitespace copied whole, found by their whitespace's first byte rather than by
    // decoding every character.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = find_whitespace(rest) {
        out.push_str(&rest[..at]);
        let width = rest[at..].chars().next().map_or(1, char::len_utf8);
        rest = &rest[at + width..];
    }
    out.push_str(rest);
    out
}

/// For each byte that starts a character: its length, with 0x80 set when it may start a
/// whitespace character (ASCII whitespace; 0xC2, 0xE1, 0xE2 and 0xE3 lead all the others).
static WS_CLASS: [u8; 256] = lead_byte_classes(&[b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3], 0x80);

/// Byte offset of the first whitespace character of `s`.
// Inlined into the reader's loops over cells, which call it once per cell.
#[inline]
pub fn find_whitespace(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let mut i = first_marked_window(b, may_start_whitespace_byte)?;
    while i < b.len() {
        let class = WS_CLASS[b[i] as usize];
        // Most characters cannot be whitespace: the shortest path for them (one instruction less).
        if class & 0x80 == 0 {
            i += class as usize;
            continue;
        }
        let whitespace = match b[i] {
            x if x < 0x80 => true,
            // CJK punctuation (`、`, `。` …) leads with 0xE3 too: of its characters only the
            // ideographic space U+3000 (E3 80 80) is whitespace, told by its bytes.
            0xE3 => ideographic_space_at(b, i),
            _ => s[i..].chars().next().is_some_and(char::is_whitespace),
        };
        if whitespace {
            return Some(i);
        }
        i += (class & 0x7F) as usize;
    }
    None
}

/// Where to start looking character by character for a byte of `b` that `marked` marks: the start of
/// the first 16-byte window (at 0, 16, 32 … and the last 16 bytes) that holds one, 0 for fewer than 16
/// bytes, `None` when no byte is marked. Marked bytes are never continuation bytes, so a character
/// that starts before the window is not one the callers look for; and a window may start inside a
/// character: the callers' loops pass continuation bytes one by one (they are in no class of
/// [`lead_byte_classes`]), so they fall back into step.
// `fold` with `|` over a 16-byte array, not `any`, so that the compiler tests a window in vector
// registers (about a dozen instructions, where the callers' loops take seven a character).
#[inline(always)]
fn first_marked_window(b: &[u8], marked: fn(u8) -> bool) -> Option<usize> {
    let n = b.len();
    if n < 16 {
        return Some(0);
    }
    let mut i = 0;
    loop {
        let w: &[u8; 16] = b[i..i + 16].try_into().unwrap();
        if w.iter().fold(false, |any, &x| any | marked(x)) {
            return Some(i);
        }
        if i + 16 == n {
            return None;
        }
        i = (i + 16).min(n - 16);
    }
}

/// Whether `x` may start whitespace: ASCII up to the space, or 0xC0..=0xC3 or 0xE0..=0xE3 (every
/// other whitespace character starts with 0xC2, 0xE1, 0xE2 or 0xE3); never a continuation byte.
#[inline(always)]
fn may_start_whitespace_byte(x: u8) -> bool {
    (x <= b' ') | (x & 0xDC == 0xC0)
}

/// A comparison key for printed labels: no whitespace, no quotes, full-width parentheses, no
/// leading year (`2025年预留…`), no `其中：`.
pub fn key(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    key_append(s, &mut k);
    k
}

/// Writes [`key`]`(s)` into `out`, replacing its contents (no allocation once `out` is large enough).
pub fn key_into(s: &str, out: &mut String) {
    out.clear();
    key_append(s, out);
}

/// Calls `f` with [`key`]`(s)`, built in a reused per-thread buffer instead of a new string.
pub fn with_key<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    thread_local! {
        static SCRATCH: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            key_into(s, &mut buf);
            f(&buf)
        }
        // Called again from inside `f`: fall back to a fresh string.
        Err(_) => f(&key(s)),
    })
}

/// For each byte that starts a character: its length in bytes, with [`SPECIAL`] set when the
/// character may be changed or dropped by [`key`] (quotes, ASCII `(`, `)`, `:` and whitespace; every
/// non-ASCII quote and whitespace character starts with 0xC2, 0xE1, 0xE2 or 0xE3).
static KEY_CLASS: [u8; 256] = lead_byte_classes(
    &[b'"', b'\'', b'(', b')', b':', b'\t', b'\n', 0x0b, 0x0c, b'\r', b' ', 0xC2, 0xE1, 0xE2, 0xE3],
    SPECIAL,
);

/// A table for stepping through UTF-8 text byte by byte: for each byte that starts a character, the
/// character's length in bytes, with `flag` (0x80) set for the bytes in `marked`.
pub const fn lead_byte_classes(marked: &[u8], flag: u8) -> [u8; 256] {
    let mut t = [1u8; 256];
    let mut i = 0xC0;
    while i < 256 {
        t[i] = if i < 0xE0 {
            2
        } else if i < 0xF0 {
            3
        } else {
            4
        };
        i += 1;
    }
    let mut j = 0;
    while j < marked.len() {
        t[marked[j] as usize] |= flag;
        j += 1;
    }
    t
}

const SPECIAL: u8 = 0x80;

/// Whether `x` may start a character that [`key`] changes: ASCII up to `)` (whitespace, `"`, `'`, `(`
/// and `)` among them), `:`, or a lead byte that [`may_start_whitespace_byte`] (the quotes `“”‘’`
/// start with 0xE2); never a continuation byte.
#[inline(always)]
fn may_be_special_byte(x: u8) -> bool {
    (x <= b')') | (x == b':') | (x & 0xDC == 0xC0)
}

/// Appends [`key`]`(s)` to `out` (what was already in `out` is kept as it is).
pub fn key_append(s: &str, out: &mut String) {
    let start = out.len();
    let b = s.as_bytes();
    // Copy runs of unchanged characters at once.
    let mut run = 0;
    // As in `find_whitespace`: windows of 16 bytes without a byte that may be special are passed whole.
    let mut i = first_marked_window(b, may_be_special_byte).unwrap_or(b.len());
    while i < b.len() {
        let class = KEY_CLASS[b[i] as usize];
        if class & SPECIAL == 0 {
            i += class as usize;
            continue;
        }
        let width = (class & !SPECIAL) as usize;
        let rep = match b[i] {
            b'(' => "（",
            b')' => "）",
            b':' => "：",
            b'"' | b'\'' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => "",
            // CJK punctuation (U+3000..U+3FFF: `、`, `。` …) is kept, all but the ideographic space
            // U+3000 (E3 80 80), which the branch below drops: no decoding for the others.
            0xE3 if !ideographic_space_at(b, i) => {
                i += width;
                continue;
            }
            _ => {
                let c = s[i..].chars().next().unwrap_or(' ');
                if !(matches!(c, '“' | '”' | '‘' | '’') || c.is_whitespace()) {
                    i += width;
                    continue;
                }
                ""
            }
        };
        out.push_str(&s[run..i]);
        out.push_str(rep);
        i += width;
        run = i;
    }
    out.push_str(&s[run..]);
    let k = &out[start..];
    let kb = k.as_bytes();
    let mut skip = 0;
    if kb.len() > 7 && kb[..4].iter().all(u8::is_ascii_digit) && k[4..].starts_with('年') {
        skip = 4 + '年'.len_utf8();
    }
    // Its first byte first: 0xE5 leads one CJK character in six, so most keys are passed by one test.
    if k.as_bytes().get(skip) == Some(&0xE5) && k[skip..].starts_with("其中：") {
        skip += "其中：".len();
    }
    if skip > 0 {
        out.drain(start..start + skip);
    }
}

/// Strips list numbering such as `一、`, `（二）`, `3、`, `(4)`, `1.` from the start of a label.
pub fn strip_numbering(s: &str) -> &str {
    let t = trim_start_quick(s);
    let numerals = |x: &str| x.chars().take_while(|c| is_numeral(*c)).map(char::len_utf8).sum::<usize>();
    // （一） (一) （1） (1): numerals up to the first closing parenthesis (numerals never include it).
    for (open, close) in [("（", "）"), ("(", ")")] {
        if let Some(rest) = t.strip_prefix(open) {
            let n = numerals(rest);
            if n > 0 {
                if let Some(after) = rest[n..].strip_prefix(close) {
                    return trim_start_quick(after);
                }
            }
        }
    }
    let n = numerals(t);
    if n > 0 {
        let rest = &t[n..];
        for sep in ["、", "．", ".", "，"] {
            if let Some(r) = rest.strip_prefix(sep) {
                // "1.5 万元" is not numbering: a digit after a dot is a decimal.
                if sep == "." && r.starts_with(|c: char| c.is_ascii_digit()) {
                    return t;
                }
                return trim_start_quick(r);
            }
        }
    }
    t
}

/// `s.trim_start()`, with a quick answer when the first byte cannot start whitespace (ASCII
/// whitespace; 0xC2, 0xE1, 0xE2 and 0xE3 lead all the other whitespace characters).
fn trim_start_quick(s: &str) -> &str {
    match s.as_bytes().first() {
        Some(&b) if !may_start_whitespace(b) => s,
        None => s,
        _ => s.trim_start(),
    }
}

/// Whether a character starting with byte `b` may be whitespace: ASCII whitespace and control bytes,
/// or 0xC2, 0xE1, 0xE2 and 0xE3, which lead every other whitespace character (continuation bytes
/// answer true, so a caller only ever gets the safe answer).
#[inline]
pub fn may_start_whitespace(b: u8) -> bool {
    !((0x21..0x80).contains(&b) || (b >= 0xC3 && !(0xE1..=0xE3).contains(&b)))
}

fn is_numeral(c: char) -> bool {
    matches!(c, '0'..='9' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_rejects_never_reject_a_marker_or_a_project_title() {
        for l in Layout::bundled() {
            let mut texts: Vec<String> = vec!["一、部门 预算 情况 说明".into(), "“情况说明”".into(), "正文".into()];
            for m in l.explanation_markers.iter().chain(&l.projects.title_suffixes) {
                texts.extend([m.clone(), format!("2025年{m}"), format!("其中：{m} "), format!("某某 {m}")]);
                texts.push(m.chars().flat_map(|c| [c, ' ']).collect());
            }
            for t in &texts {
                let k = key(t.trim());
                if l.has_explanation_marker(&k) {
                    assert!(l.may_hold_explanation_marker(t), "{}: {t}", l.id);
                }
                if l.project_keys.title_suffixes.iter().any(|s| k.ends_with(s.as_str())) {
                    assert!(l.may_be_project_title(t.trim()), "{}: {t}", l.id);
                }
            }
        }
    }

    #[test]
    fn bundled_layouts_parse() {
        let l = Layout::by_id("hebei-dept-budget").unwrap();
        assert!(l.tables.len() >= 11);
        assert_eq!(l.table_for_title("部门预算收支总表").unwrap().id, "summary");
    }

    #[test]
    fn a_derived_layout_inherits_its_base_and_overrides_by_id() {
        let dept = Layout::by_id("shanghai-dept-budget").unwrap();
        let unit = Layout::by_id("shanghai-unit-budget").unwrap();
        assert_eq!(unit.edition, Edition::Unit);
        assert_eq!(unit.tables.len(), dept.tables.len());
        for (u, d) in unit.tables.iter().zip(&dept.tables) {
            assert_eq!(u.id, d.id);
            assert_eq!(u.columns.len(), d.columns.len(), "{}: columns come from the base", u.id);
            assert!(u.titles.iter().any(|t| t.starts_with("预算单位") || t.starts_with("单位")), "{}", u.id);
        }
        assert_eq!(unit.table_for_title("预算单位财务收支预算总表").unwrap().id, "summary");
        let project = |l: &Layout| l.sections.iter().find(|s| s.id == "project_performance").unwrap().clone();
        assert!(project(dept).required && !project(unit).required);
        assert_eq!(project(unit).headings, project(dept).headings, "keys the derived entry does not set are kept");
        assert_eq!(unit.sections.len(), dept.sections.len());
    }

    #[test]
    fn page_head_quick_reject_starts_every_label() {
        for l in Layout::bundled() {
            let h = &l.page_head;
            assert!(!h.org_labels.is_empty() && !h.year_labels.is_empty() && !h.unit_labels.is_empty(), "{}", l.id);
            for label in h.labels() {
                assert!(h.may_start(label), "{} {label}", l.id);
            }
            assert!(!h.may_start("一、部门职责") && !h.may_start("2025"), "{}", l.id);
        }
        // An empty label may start any line: nothing is passed over then.
        let l = Layout::from_toml("x.toml", "extends = \"hebei-dept-budget\"\nid = \"x\"\n[page_head]\norg_labels = [\"\"]\nyear_labels = []\nunit_labels = []\ndate_labels = []\n").unwrap();
        assert!(l.page_head.may_start("一、部门职责"));
    }

    #[test]
    fn a_layout_extending_an_unknown_base_is_an_error() {
        let err = Layout::from_toml("mine.toml", "extends = \"no-such-layout\"\nid = \"x\"").unwrap_err();
        assert!(err.to_string().contains("mine.toml") && err.to_string().contains("no-such-layout"), "{err}");
    }

    /// The plain definition of [`key`], for comparison.
    fn reference_key(s: &str) -> String {
        let mut k = String::new();
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

    #[test]
    fn keys_match_their_plain_definition() {
        let parts = [
            "",
            "2025年",
            "其中：",
            "其中:",
            "（一）",
            "a b",
            "“三公”",
            "'x'",
            "(1)",
            "\u{3000}",
            "\u{a0}",
            "\u{85}",
            "\u{2028}",
            "é",
        ];
        for c in (0..0x3100u32).chain(0xFF00..0xFF20).filter_map(char::from_u32) {
            for p in parts {
                for s in [format!("{p}{c}"), format!("{c}{p}x"), format!("{p}{c}{p}")] {
                    assert_eq!(key(&s), reference_key(&s), "{s:?}");
                    with_key(&s, |k| assert_eq!(k, reference_key(&s)));
                    let mut out = String::from("前");
                    key_append(&s, &mut out);
                    assert_eq!(out, format!("前{}", reference_key(&s)));
                }
            }
        }
    }

    #[test]
    fn a_title_after_a_name_or_with_a_table_tag_is_its_table_but_a_citation_in_prose_is_not() {
        let l = Layout::by_id("hebei-dept-budget").unwrap();
        let kind = |line: &str| l.table_for_title(line).map(|k| k.id.as_str());
        for line in [
            "邯山区科技和工业信息化局部门预算收支总表",
            "邯山区科技和工业信息化局 2025 年部门预算收支总表",
            "部门预算收支总表（公开01表）",
            "2025年部门预算收支总表(表一)",
            "单位预算收支总表",
        ] {
            assert_eq!(kind(line), Some("summary"), "{line}");
            assert!(l.may_be_title(line), "{line}");
        }
        for line in [
            "详见部门预算收支总表",
            "以下为部门预算收支总表",
            "收入情况如部门预算收支总表",
            "一、收入，部门预算收支总表",
            "部门预算收支总表（说明）",
            "总表",
        ] {
            assert_eq!(kind(line), None, "{line}");
        }
        assert_eq!(strip_table_tag("部门预算收支总表（公开01表）"), "部门预算收支总表");
        assert_eq!(strip_table_tag("（一）收入（含结转）"), "（一）收入（含结转）");
    }

    #[test]
    fn a_numbered_heading_worded_otherwise_is_found_by_its_keywords_but_a_list_item_is_not() {
        let l = Layout::by_id("hebei-dept-budget").unwrap();
        let id = |line: &str| l.section_for_heading(line).map(|s| s.id.as_str());
        assert_eq!(id("四、财政拨款“三公”经费支出情况"), Some("three_public"));
        assert_eq!(id("九、国有资产占有使用情况"), Some("assets"));
        assert_eq!(id("七、项目支出绩效目标"), Some("project_performance"));
        assert_eq!(id("五、部门整体支出绩效目标"), Some("overall_performance"));
        assert_eq!(id("六、部门主管专项资金安排情况"), Some("special_funds"));
        // an item of a list, a subsection, a long sentence: not a section
        assert_eq!(id("三、加强政府采购管理"), None);
        assert_eq!(id("（二）国有资产使用情况"), None);
        assert_eq!(id("二、推进国有资产管理体制改革，加强国有资产处置情况"), None);
    }

    #[test]
    fn norm_removes_every_whitespace_character() {
        let spaces = [" ", "\t", "\r\n", "\u{3000}", "\u{a0}", "\u{85}", "\u{2028}", "\u{1680}", "\u{205f}"];
        let words = ["", "a", "中", "、", "“", "\u{2026}", "\u{e1}", "𠀀"];
        for w in words {
            for sp in spaces {
                for s in [format!("{w}{sp}{w}"), format!("{sp}{w}{sp}{sp}{w}"), format!("{w}{w}{sp}")] {
                    let plain: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                    assert_eq!(norm(&s), plain, "{s:?}");
                    assert_eq!(find_whitespace(&s), s.find(char::is_whitespace), "{s:?}");
                }
            }
        }
        for c in (0..0x3100u32).chain(0xFF00..0xFF20).filter_map(char::from_u32) {
            let s = format!("中{c}a");
            assert_eq!(find_whitespace(&s), s.find(char::is_whitespace), "{s:?}");
            // may_end_one_of lets through exactly the last characters that a key changes.
            let ends = [];
            assert_eq!(may_end_one_of(&format!("中{c}"), Some(&ends)), key(&format!("中{c}")) != format!("中{c}"));
        }
    }

    #[test]
    fn numbered_table_titles_are_recognised() {
        let l = Layout::by_id("hebei-dept-budget").unwrap();
        for t in
            ["表1 部门预算收支总表", "附表一、部门预算收支总表", "1、2025年部门预算收支总表", "表三：部门预算支出总表"]
        {
            assert!(l.table_for_title(t).is_some(), "{t}");
        }
        assert!(l.table_for_title("表格说明").is_none());
        assert!(l.table_for_title("部门预算收支总表.....1").is_none());
    }

    #[test]
    fn explanation_markers_are_found_as_by_a_plain_search() {
        let l = Layout::by_id("hebei-dept-budget").unwrap();
        // `预算信息公开情况说明` holds `公开情况说明`: one searcher less.
        assert!(l.explanation_finders.len() < l.explanation_markers.len());
        assert_eq!(common_part(&l.explanation_markers), Some("情况说明"));
        assert_eq!(common_part(&["ab".into(), "xy".into()]), Some(""));
        for text in
            ["2025年部门预算情况说明", "预算信息公开情况说明", "公开情况说", "", "说明", "单位情况说明", "部门预算情况"]
        {
            let plain = l.explanation_markers.iter().any(|m| text.contains(m.as_str()));
            assert_eq!(l.has_explanation_marker(text), plain, "{text}");
        }
    }

    #[test]
    fn heading_lookups_agree_with_a_scan_of_every_section() {
        for l in Layout::bundled() {
            assert!(!l.heading_index.is_empty(), "{}", l.id);
            let scan = |k: &str| {
                let n = strip_year(strip_numbering(k));
                let by_suffix = || l.sections.iter().find(|s| s.suffixes.iter().any(|x| n.ends_with(x.as_str())));
                (n.chars().count() <= 40)
                    .then(by_suffix)
                    .flatten()
                    .or_else(|| l.sections.iter().find(|s| s.heading_keys.iter().any(|h| n.starts_with(h.as_str()))))
                    .map(|s| s.id.as_str())
            };
            let mut texts = vec![String::new(), "一、".into(), "说明".into()];
            for s in &l.sections {
                for h in s.heading_keys.iter().chain(&s.suffixes) {
                    texts.extend([
                        h.clone(),
                        format!("三、{h}"),
                        format!("2025年{h}及其他"),
                        format!("某局{h}"),
                        format!("{}{h}", "很长的前文".repeat(10)),
                        h.chars().skip(1).collect(),
                    ]);
                }
            }
            for t in &texts {
                assert_eq!(l.section_for_heading_key(t).map(|s| s.id.as_str()), scan(t), "{}: {t}", l.id);
            }
        }
    }

    #[test]
    fn strips_list_numbering() {
        assert_eq!(strip_numbering("一、部门职责"), "部门职责");
        assert_eq!(strip_numbering("（二）分项绩效目标"), "分项绩效目标");
        assert_eq!(strip_numbering("十一、其他"), "其他");
        assert_eq!(strip_numbering("1.5 万元"), "1.5 万元");
        assert_eq!(strip_numbering("二十二、国有资本经营预算支出"), "国有资本经营预算支出");
    }

    /// [`find_whitespace`] written plainly, one character at a time.
    fn find_whitespace_by_chars(s: &str) -> Option<usize> {
        s.char_indices().find(|(_, c)| c.is_whitespace()).map(|(i, _)| i)
    }

    /// [`key`] written plainly, one character at a time.
    fn key_by_chars(s: &str) -> String {
        let k: String = s
            .chars()
            .filter_map(|c| match c {
                '(' => Some('（'),
                ')' => Some('）'),
                ':' => Some('：'),
                '"' | '\'' | '“' | '”' | '‘' | '’' => None,
                c if c.is_whitespace() => None,
                c => Some(c),
            })
            .collect();
        let mut rest = k.as_str();
        if rest.len() > "2025年".len()
            && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && rest[4..].starts_with('年')
        {
            rest = &rest["2025年".len()..];
        }
        rest.strip_prefix("其中：").unwrap_or(rest).to_string()
    }

    /// Pieces of text for the tests below: CJK text, ASCII, full-width and CJK punctuation, every
    /// character the scans look for (ASCII whitespace, quotes, parentheses, colons, U+3000, U+00A0, U+0085,
    /// U+1680, U+2000..U+200B, U+2028, U+2029, U+202F, U+205F, curly quotes) and characters that share
    /// their first bytes without being whitespace (0xC2, 0xC3, 0xE0..0xE3 leads).
    const PIECES: &[&str] = &[
        "一般公共预算财政拨款",
        "预算",
        "中",
        "年",
        "其中",
        "其",
        "2025",
        "2025年",
        "0",
        "123.45",
        "a",
        "Ab",
        "（",
        "）",
        "，",
        "：",
        "、",
        "。",
        "《",
        "》",
        "【",
        "¥",
        "\t",
        "\n",
        "\r\n",
        "\u{b}",
        "\u{c}",
        " ",
        "  ",
        "\"",
        "'",
        "(",
        ")",
        ":",
        "!",
        "%",
        "&",
        "\u{0}",
        "\u{1f}",
        "\u{3000}",
        "\u{a0}",
        "\u{85}",
        "\u{1680}",
        "\u{2002}",
        "\u{2003}",
        "\u{2009}",
        "\u{200a}",
        "\u{200b}",
        "\u{2028}",
        "\u{2029}",
        "\u{202f}",
        "\u{205f}",
        "\u{201c}",
        "\u{201d}",
        "\u{2018}",
        "\u{2019}",
        "—",
        "…",
        "·",
        "×",
        "é",
        "\u{e00}",
        "\u{1200}",
        "\u{3001}",
        "\u{303f}",
        "𠀀",
    ];

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 8192, ..Default::default() })]
        #[test]
        fn find_whitespace_finds_the_first_whitespace_character(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
        ) {
            let s = parts.concat();
            proptest::prop_assert_eq!(find_whitespace(&s), find_whitespace_by_chars(&s), "{:?}", s);
            let plain: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            proptest::prop_assert_eq!(norm(&s), plain);
        }

        #[test]
        fn key_append_appends_the_key_written_plainly(
            parts in proptest::collection::vec(proptest::sample::select(PIECES), 0..24),
            before in proptest::sample::select(&["", "2025年", "其中：", "a b"][..]),
        ) {
            let s = parts.concat();
            let mut out = before.to_string();
            key_append(&s, &mut out);
            proptest::prop_assert_eq!(out, format!("{before}{}", key_by_chars(&s)), "{:?}", s);
        }
    }

    #[test]
    fn scans_find_a_character_at_every_place_in_text_of_every_length() {
        // Every piece at every character boundary of CJK, ASCII or mixed text of 0 to 60 bytes, so that
        // it falls at every place of a 16-byte window and of the last, overlapping one.
        for fill in ["中", "a", "中a", "、", "a中中"] {
            for len in 0..=60 {
                let text: String = fill
                    .chars()
                    .cycle()
                    .scan(0, |n, c| {
                        *n += c.len_utf8();
                        (*n <= len).then_some(c)
                    })
                    .collect();
                for piece in PIECES.iter().chain(&["其中：", "2025年其中:"]) {
                    for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
                        let s = format!("{}{piece}{}", &text[..at], &text[at..]);
                        assert_eq!(find_whitespace(&s), find_whitespace_by_chars(&s), "{s:?}");
                        assert_eq!(key(&s), key_by_chars(&s), "{s:?}");
                    }
                }
            }
        }
    }
}
