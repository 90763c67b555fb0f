//! The printed package: what every output (text, XLSX, HTML, open data) shows, block by block, with
//! table headers as merged cells and amounts as exact money. The builder fills it; writers only lay it
//! out, so they cannot disagree about a number.

use serde::Serialize;
use yusuan_model::{Money, Unit};

/// A printed cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum PCell {
    /// Nothing printed (zero amounts print as nothing, as the official tables do).
    Empty,
    /// Text.
    Text(String),
    /// Money, printed in the table's unit with two decimals (always a whole number of 0.01 of it).
    Money(Money),
    /// A count.
    Int(i64),
}

impl PCell {
    /// Money, or empty when zero.
    pub fn money(m: Money) -> PCell {
        if m == Money::ZERO {
            PCell::Empty
        } else {
            PCell::Money(m)
        }
    }
    /// Text, or empty.
    pub fn text(s: impl Into<String>) -> PCell {
        let s = s.into();
        if s.is_empty() {
            PCell::Empty
        } else {
            PCell::Text(s)
        }
    }
    /// The cell as printed in `unit`.
    pub fn printed(&self, unit: Unit) -> String {
        match self {
            PCell::Empty => String::new(),
            PCell::Text(s) => s.clone(),
            PCell::Money(m) => m.format_in(unit, 2),
            PCell::Int(i) => i.to_string(),
        }
    }
}

/// One cell of a table header, possibly merged over several rows and columns.
#[derive(Clone, Debug, Serialize)]
pub struct HeaderCell {
    /// Header row (0-based).
    pub row: usize,
    /// Column (0-based).
    pub col: usize,
    /// Rows spanned.
    pub rows: usize,
    /// Columns spanned.
    pub cols: usize,
    /// The label.
    pub text: String,
}

/// A printed table.
#[derive(Clone, Debug, Serialize)]
pub struct PTable {
    /// Layout table kind (`summary`, …; `org` for the 机构设置 table).
    pub kind: String,
    /// Printed title.
    pub title: String,
    /// Lines printed between the title and the header (`306 邯山区…`, `预算年度：2025`, `单位：万元`).
    pub meta: Vec<String>,
    /// Unit of its amounts.
    pub unit: Unit,
    /// Number of columns.
    pub ncols: usize,
    /// Header rows.
    pub header_rows: usize,
    /// Header cells.
    pub header: Vec<HeaderCell>,
    /// Whether a 栏次 row (column numbers) follows the header.
    pub column_numbers: bool,
    /// Semantic column ids (for open data), one per column.
    pub column_ids: Vec<String>,
    /// Data rows.
    pub rows: Vec<Vec<PCell>>,
    /// Rows that are totals (printed bold).
    pub total_rows: Vec<usize>,
    /// Note under the table.
    pub note: Option<String>,
}

impl PTable {
    /// The header as text rows (a merged cell's text in its first cell).
    pub fn header_lines(&self) -> Vec<Vec<String>> {
        let mut rows = vec![vec![String::new(); self.ncols]; self.header_rows];
        for h in &self.header {
            rows[h.row][h.col] = h.text.clone();
        }
        rows
    }
    /// The leaf label of each column (the lowest header cell covering it).
    pub fn leaf_labels(&self) -> Vec<String> {
        let mut out = vec![String::new(); self.ncols];
        let mut depth = vec![0usize; self.ncols];
        for h in &self.header {
            for (c, (label, d)) in out.iter_mut().zip(depth.iter_mut()).enumerate().skip(h.col).take(h.cols) {
                let _ = c;
                if h.row + h.rows >= *d {
                    *label = h.text.clone();
                    *d = h.row + h.rows;
                }
            }
        }
        out
    }
}

/// A project's performance-target table.
#[derive(Clone, Debug, Serialize)]
pub struct PProject {
    /// Number in the list (1-based).
    pub number: usize,
    /// 项目编码
    pub code: String,
    /// 项目名称
    pub name: String,
    /// 预算数
    pub budget: Money,
    /// 其中：财政资金
    pub fiscal: Money,
    /// 其他资金
    pub other: Money,
    /// 资金用途
    pub purpose: String,
    /// 资金支出计划
    pub plan: Vec<(String, Option<Money>)>,
    /// 绩效目标
    pub goal: String,
    /// 绩效指标 rows: 一级, 二级, 三级, 描述, 指标值, 依据.
    pub indicators: Vec<[String; 6]>,
}

impl PProject {
    /// The printed title.
    pub fn title(&self) -> String {
        format!("{}、{}绩效目标表", self.number, self.name)
    }
}

/// One block of the package, in printed order.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// The document title (first line).
    Title {
        /// Text.
        text: String,
    },
    /// A part heading (`部门预算公开表`, `部门预算信息公开情况说明`).
    Part {
        /// Text.
        text: String,
    },
    /// The 目录.
    Toc {
        /// Entries: (title, is a subsection).
        entries: Vec<(String, bool)>,
    },
    /// A section heading of the explanation (`二、部门预算安排的总体情况`).
    Heading {
        /// Layout section id.
        id: String,
        /// Text.
        text: String,
    },
    /// A paragraph.
    Paragraph {
        /// Text.
        text: String,
    },
    /// A table.
    Table(PTable),
    /// A project table.
    Project(PProject),
}

/// The whole package.
#[derive(Clone, Debug, Serialize)]
pub struct Package {
    /// Layout id.
    pub layout: String,
    /// Department code.
    pub dept_code: String,
    /// Department name.
    pub dept_name: String,
    /// Budget year.
    pub year: u16,
    /// Blocks in printed order.
    pub blocks: Vec<Block>,
}

impl Package {
    /// The tables, in printed order.
    pub fn tables(&self) -> impl Iterator<Item = &PTable> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
    }
    /// The table of `kind`.
    pub fn table(&self, kind: &str) -> Option<&PTable> {
        self.tables().find(|t| t.kind == kind)
    }
    /// The project tables.
    pub fn projects(&self) -> impl Iterator<Item = &PProject> {
        self.blocks.iter().filter_map(|b| match b {
            Block::Project(p) => Some(p),
            _ => None,
        })
    }

    /// The package as printed lines of tab-separated cells (the form `yusuan check` reads from text
    /// extracted from a PDF). Each element of the result is one sheet/page group: the 目录, each
    /// table, the explanation.
    pub fn to_lines(&self) -> Vec<(String, Vec<Vec<String>>)> {
        let mut groups: Vec<(String, Vec<Vec<String>>)> = vec![("封面".into(), Vec::new())];
        let line = |s: &str| vec![s.to_string()];
        let mut in_explanation = false;
        for b in &self.blocks {
            match b {
                Block::Title { text } => groups.last_mut().expect("group").1.push(line(text)),
                Block::Toc { entries } => {
                    // Each table is printed on its own page (sheet) 1…n, the explanation after them.
                    let g = &mut groups.last_mut().expect("group").1;
                    g.push(line("部门预算公开表"));
                    let mut page = 0;
                    for (e, sub) in entries {
                        if !sub {
                            page += 1;
                        }
                        if e.contains("情况说明") {
                            g.push(line(e));
                        } else {
                            g.push(vec![format!("{e}....."), page.to_string()]);
                        }
                    }
                }
                Block::Part { text } => {
                    if text.contains("说明") {
                        in_explanation = true;
                        groups.push(("情况说明".into(), Vec::new()));
                    }
                    groups.last_mut().expect("group").1.push(line(text));
                }
                Block::Heading { text, .. } | Block::Paragraph { text } => {
                    groups.last_mut().expect("group").1.push(line(text));
                }
                Block::Table(t) => {
                    let mut lines = Vec::new();
                    table_lines(t, &mut lines);
                    if in_explanation {
                        groups.last_mut().expect("group").1.extend(lines);
                    } else {
                        groups.push((t.title.clone(), lines));
                    }
                }
                Block::Project(p) => project_lines(p, &mut groups.last_mut().expect("group").1),
            }
        }
        groups
    }

    /// The package as tab-separated text, the form of text extracted from a published PDF.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        for (_, lines) in self.to_lines() {
            for l in lines {
                let last = l.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
                out.push_str(&l[..last].join("\t"));
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }
}

impl Package {
    /// The package as printed from a document that was read, not built (an uploaded disclosure), in
    /// `layout`: the nine standard tables first, then the explanation with its sections, the other tables
    /// (procurement, assets) and the project tables in the order they were printed. Headers are the
    /// printed leaf labels, one header row.
    pub fn from_document(doc: &yusuan_model::Document, layout: &yusuan_model::Layout) -> Package {
        use yusuan_model::layout::NINE_TABLES;
        let m = &doc.meta;
        let name = m.dept_name.clone().unwrap_or_default();
        let code = m.dept_code.clone().unwrap_or_default();
        let year = m.year.unwrap_or(0);
        let title = m.title.clone().unwrap_or_else(|| format!("{name}{year}年预算公开"));
        // The line above each table that names the department, as the published tables print it: its code
        // and name (`306 邯山区…`), or, without a code, the name after the layout's page-head label
        // (`编制部门：…`), which the reader takes as that line again.
        let org_line = (code.is_empty() && !name.is_empty()).then(|| layout.page_head.org_line(&name)).flatten();
        let dept_line = org_line.unwrap_or_else(|| format!("{code} {name}").trim().to_string());
        let table = |t: &yusuan_model::Table| {
            let mut p = PTable::from_table(t, layout.table(&t.kind), &layout.page_head);
            if !dept_line.is_empty() {
                p.meta.insert(0, dept_line.clone());
            }
            Block::Table(p)
        };
        let (standard, other): (Vec<_>, Vec<_>) =
            doc.tables.iter().partition(|t| NINE_TABLES.contains(&t.kind.as_str()));
        let part = layout.explanation_markers.first().map_or_else(
            || {
                let phase = if m.phase == yusuan_model::Phase::Final { "决算" } else { "预算" };
                format!("{name}{year}年{}{phase}情况说明", m.edition.word())
            },
            |marker| format!("{name}{year}年{marker}"),
        );
        let mut entries: Vec<(String, bool)> = standard.iter().map(|t| (t.title.clone(), false)).collect();
        let mut explanation: Vec<(u32, Vec<Block>)> = Vec::new();
        for s in &doc.sections {
            let mut blocks = vec![Block::Heading { id: s.id.clone(), text: s.heading.clone() }];
            blocks.extend(s.paragraphs.iter().map(|p| Block::Paragraph { text: p.text.clone() }));
            explanation.push((s.loc.line, blocks));
            entries.push((s.heading.clone(), true));
        }
        explanation.extend(other.into_iter().map(|t| (t.loc.line, vec![table(t)])));
        explanation.extend(
            doc.projects
                .iter()
                .enumerate()
                .map(|(i, p)| (p.loc.line, vec![Block::Project(PProject::from_project(i + 1, p))])),
        );
        // Sorted by where each was printed; a stable sort keeps the model's order for equal lines.
        explanation.sort_by_key(|(line, _)| *line);
        let mut blocks = vec![Block::Title { text: title }];
        if !explanation.is_empty() {
            entries.insert(standard.len(), (part.clone(), false));
        }
        blocks.push(Block::Toc { entries });
        blocks.extend(standard.into_iter().map(table));
        if !explanation.is_empty() {
            blocks.push(Block::Part { text: part });
            blocks.extend(explanation.into_iter().flat_map(|(_, b)| b));
        }
        Package { layout: m.layout.clone(), dept_code: code, dept_name: name, year, blocks }
    }
}

impl PTable {
    /// A read table as printed: one header row of its leaf labels; a table its layout prints with the
    /// items as columns (`transpose`, the Shanghai “三公” table) is printed that way again, so that it
    /// reads back through the same layout.
    pub fn from_table(
        t: &yusuan_model::Table,
        kind: Option<&yusuan_model::TableKind>,
        head: &yusuan_model::layout::PageHead,
    ) -> PTable {
        use yusuan_model::Cell;
        if let Some(kind) = kind.filter(|k| k.transpose) {
            return PTable::items_as_columns(t, kind, head);
        }
        let header = t
            .columns
            .iter()
            .enumerate()
            .map(|(col, c)| HeaderCell { row: 0, col, rows: 1, cols: 1, text: c.label.clone() })
            .collect();
        let rows = t
            .rows
            .iter()
            .map(|r| {
                (0..t.columns.len())
                    .map(|i| match r.cells.get(i) {
                        Some(Cell::Amount(a)) => PCell::Money(a.value),
                        Some(Cell::Text(s)) => PCell::text(s.as_str()),
                        _ => PCell::Empty,
                    })
                    .collect()
            })
            .collect();
        let total_rows = t
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.roles.iter().any(|x| x.contains("total")))
            .map(|(i, _)| i)
            .collect();
        let note = notes_of(t);
        PTable {
            kind: t.kind.clone(),
            title: t.title.clone(),
            meta: vec![head.unit_line(t.unit)],
            unit: t.unit,
            ncols: t.columns.len(),
            header_rows: 1,
            header,
            column_numbers: false,
            column_ids: t.columns.iter().map(|c| c.id.clone()).collect(),
            rows,
            total_rows,
            note,
        }
    }
    /// A table read as one row per item (a `transpose` layout) printed as its layout prints it: the items'
    /// names as column headers over one row of amounts, or, with `pairs`, each item's name over its
    /// sub-column labels (预算数 | 决算数).
    fn items_as_columns(
        t: &yusuan_model::Table,
        kind: &yusuan_model::TableKind,
        head: &yusuan_model::layout::PageHead,
    ) -> PTable {
        let name = t.columns.iter().position(|c| c.role == yusuan_model::ColumnRole::Name);
        let paired = !kind.pairs.is_empty();
        let subs = kind.item_parts();
        let (mut header, mut ids, mut cells) = (Vec::new(), Vec::new(), Vec::new());
        let header_rows = if paired { 2 } else { 1 };
        for (i, r) in t.rows.iter().enumerate() {
            let col = i * subs.len();
            let role = r.roles.first().cloned().unwrap_or_default();
            header.push(HeaderCell { row: 0, col, rows: 1, cols: subs.len(), text: r.text_at(name).to_string() });
            for (j, (id, label)) in subs.iter().enumerate() {
                if paired {
                    header.push(HeaderCell { row: 1, col: col + j, rows: 1, cols: 1, text: label.to_string() });
                }
                ids.push(if paired { format!("{role}/{id}") } else { role.clone() });
                cells.push(t.amount(r, id).map_or(PCell::Empty, |a| PCell::Money(a.value)));
            }
        }
        PTable {
            kind: t.kind.clone(),
            title: t.title.clone(),
            meta: vec![head.unit_line(t.unit)],
            unit: t.unit,
            ncols: ids.len(),
            header_rows,
            header,
            column_numbers: false,
            column_ids: ids,
            rows: if t.rows.is_empty() { Vec::new() } else { vec![cells] },
            total_rows: Vec::new(),
            note: notes_of(t),
        }
    }
}

impl PProject {
    /// A read project table as printed.
    pub fn from_project(number: usize, p: &yusuan_model::Project) -> PProject {
        let v = |a: &Option<yusuan_model::Amount>| a.as_ref().map_or(Money::ZERO, |a| a.value);
        PProject {
            number,
            code: p.code.clone(),
            name: p.name.clone(),
            budget: v(&p.budget),
            fiscal: v(&p.fiscal),
            other: v(&p.other),
            purpose: p.purpose.clone().unwrap_or_default(),
            plan: p.plan.iter().map(|(l, a)| (l.clone(), Some(a.value))).collect(),
            goal: p.goal.clone().unwrap_or_default(),
            indicators: p.indicators.iter().map(|i| i.columns().map(str::to_string)).collect(),
        }
    }
}

/// The notes printed under a read table, one per line.
fn notes_of(t: &yusuan_model::Table) -> Option<String> {
    (!t.notes.is_empty()).then(|| t.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n"))
}

/// The printed lines of a table: title, meta lines, header, 栏次, rows, note.
pub fn table_lines(t: &PTable, out: &mut Vec<Vec<String>>) {
    out.push(vec![t.title.clone()]);
    for m in &t.meta {
        out.push(vec![m.clone()]);
    }
    out.extend(t.header_lines());
    if t.column_numbers {
        let mut n = vec!["栏次".to_string()];
        n.extend((1..t.ncols).map(|i| i.to_string()));
        out.push(n);
    }
    for r in &t.rows {
        out.push(r.iter().map(|c| c.printed(t.unit)).collect());
    }
    if let Some(n) = &t.note {
        out.push(vec![n.clone()]);
    }
}

/// The printed lines of a project table.
pub fn project_lines(p: &PProject, out: &mut Vec<Vec<String>>) {
    let s = |x: &str| x.to_string();
    let m = |v: Money| if v == Money::ZERO { String::new() } else { v.format_in(Unit::WanYuan, 2) };
    out.push(vec![p.title()]);
    out.push(vec![s("单位：万元")]);
    out.push(vec![s("项目编码"), p.code.clone(), s(""), s("项目名称"), p.name.clone()]);
    out.push(vec![
        s("预算规模及资金用途"),
        s("预算数"),
        m(p.budget),
        s("其中：财政资金"),
        m(p.fiscal),
        s("其他资金"),
        m(p.other),
    ]);
    out.push(vec![s(""), p.purpose.clone()]);
    let mut periods = vec![s("资金支出计划（%）")];
    let mut values = vec![s("")];
    for (label, v) in &p.plan {
        periods.push(label.clone());
        values.push(v.map(m).unwrap_or_default());
    }
    out.push(periods);
    out.push(values);
    out.push(vec![s("绩效目标"), p.goal.clone()]);
    out.push(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"].map(s).to_vec());
    let mut prev = "";
    for i in &p.indicators {
        let mut row = i.to_vec();
        if row[0] == prev {
            row[0].clear();
        } else {
            prev = &i[0];
        }
        out.push(row);
    }
}
