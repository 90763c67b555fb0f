//! The document as a flow of blocks in print order: cover, 目录, the tables, the explanation with its
//! project performance tables.

use yusuan_model::{Cell, ColumnRole, Document, Layout, Project, Table, TableKind};

/// Horizontal placement of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Left,
    Center,
    Right,
}

/// One cell of a printed grid.
#[derive(Clone, Debug)]
pub(crate) struct GridCell {
    pub text: String,
    /// Columns it spans (1 = its own).
    pub span: usize,
    pub align: Align,
}

/// A ruled table.
#[derive(Clone, Debug, Default)]
pub(crate) struct Grid {
    pub rows: Vec<Vec<GridCell>>,
    /// The first rows, repeated at the head of every page the grid continues on.
    pub header_rows: usize,
}

/// What the pages are made of.
#[derive(Clone, Debug)]
pub(crate) enum Block {
    /// Start a new page.
    Page {
        landscape: bool,
    },
    /// Text wrapped to the page width.
    /// `indent`: the first line starts two characters in; a tab in the text prints as a wide gap.
    Text {
        text: String,
        size: f32,
        align: Align,
        space_before: f32,
        indent: bool,
    },
    /// A 目录 line: title, leader dots and the page number of `target`.
    Toc {
        title: String,
        target: String,
    },
    /// Start a new page unless this much height (in points) is left on the current one, so that what
    /// follows is not split across pages.
    Keep(f32),
    /// Records the current page as the page of `id` (for the 目录).
    Anchor(String),
    Grid(Grid),
}

fn cell(text: impl Into<String>, align: Align) -> GridCell {
    GridCell { text: text.into(), span: 1, align }
}

fn span(text: impl Into<String>, span: usize, align: Align) -> GridCell {
    GridCell { text: text.into(), span, align }
}

fn text(text: impl Into<String>, size: f32, align: Align, space_before: f32) -> Block {
    Block::Text { text: text.into(), size, align, space_before, indent: false }
}

/// Body text size in points.
pub(crate) const BODY: f32 = 10.5;
/// Table text size in points.
pub(crate) const SMALL: f32 = 9.0;

/// The blocks of a whole package.
pub(crate) fn blocks(doc: &Document, layout: &Layout) -> Vec<Block> {
    let mut out = Vec::new();
    let year = doc.meta.year.map(|y| format!("{y}年")).unwrap_or_default();
    let dept = doc.meta.dept_name.clone().unwrap_or_default();
    let title = doc.meta.title.clone().unwrap_or_else(|| format!("{year}{dept}{}信息公开", phase_word(doc)));
    // Cover.
    out.push(Block::Page { landscape: false });
    let cover_title = title.strip_suffix("目录").unwrap_or(&title).trim_end().to_string();
    out.push(text(cover_title, 20.0, Align::Center, 220.0));
    if !dept.is_empty() {
        out.push(text(format!("编制部门：{dept}"), 14.0, Align::Center, 60.0));
    }
    // 目录.
    out.push(Block::Page { landscape: false });
    let toc_title = if title.ends_with("目录") { title.clone() } else { format!("{title}目录") };
    out.push(text(toc_title, 14.0, Align::Center, 10.0));
    // Tables that belong to an explanation section (政府采购, 国有资产: the table's kind is the section's id)
    // print inside it, as the disclosures do; the others form the 公开表 part.
    let in_section = |t: &Table| doc.sections.iter().any(|s| s.id == t.kind);
    let tables: Vec<&Table> = doc.tables.iter().filter(|t| layout.table(&t.kind).is_some() && !in_section(t)).collect();
    if !tables.is_empty() {
        out.push(text(format!("{}公开表", phase_word(doc)), 12.0, Align::Left, 14.0));
        for (i, t) in tables.iter().enumerate() {
            out.push(Block::Toc { title: t.title.clone(), target: format!("table{i}") });
        }
    }
    let marker = layout.explanation_markers.first().cloned().unwrap_or_else(|| "情况说明".into());
    let explanation = format!("{}{marker}", doc.meta.edition.word());
    if !doc.sections.is_empty() {
        out.push(text(explanation.clone(), 12.0, Align::Left, 14.0));
        for (i, s) in doc.sections.iter().enumerate().filter(|(_, s)| s.id != "preamble") {
            out.push(Block::Toc { title: s.heading.clone(), target: format!("section{i}") });
        }
    }
    // Tables, one page each at least.
    for (i, t) in tables.iter().enumerate() {
        let grid = grid_of(t, layout);
        out.push(Block::Page { landscape: grid_columns(&grid) > crate::WIDE_COLUMNS });
        out.push(Block::Anchor(format!("table{i}")));
        table_blocks(&mut out, doc, layout, t, grid);
    }
    // The explanation, with the project tables after the section that introduces them.
    if !doc.sections.is_empty() || !doc.projects.is_empty() {
        out.push(Block::Page { landscape: false });
        if !doc.sections.iter().any(|s| s.id == "preamble") {
            out.push(text(explanation, 16.0, Align::Center, 0.0));
        }
        let project_section = doc.sections.iter().position(|s| s.id == "project_performance");
        for (i, s) in doc.sections.iter().enumerate() {
            let centered = s.id == "preamble";
            out.push(Block::Anchor(format!("section{i}")));
            out.push(text(
                s.heading.clone(),
                if centered { 16.0 } else { 12.0 },
                if centered { Align::Center } else { Align::Left },
                12.0,
            ));
            for p in &s.paragraphs {
                // A paragraph stays on one page when it fits, so that a reader does not split it in two.
                let lines = p.text.chars().count() as f32 / 44.0 + 1.0;
                out.push(Block::Keep(lines * BODY * 1.6 + 4.0));
                out.push(Block::Text {
                    text: p.text.clone(),
                    size: BODY,
                    align: Align::Left,
                    space_before: 4.0,
                    indent: true,
                });
            }
            for t in doc.tables.iter().filter(|t| t.kind == s.id) {
                let grid = grid_of(t, layout);
                // A table too wide for a portrait page (the 政府采购 table's 15 columns) gets a landscape page,
                // as printed disclosures insert one; the text goes on on a portrait page after it.
                let wide = grid_columns(&grid) > crate::WIDE_COLUMNS;
                out.push(if wide { Block::Page { landscape: true } } else { Block::Keep(120.0) });
                table_blocks(&mut out, doc, layout, t, grid);
                if wide {
                    out.push(Block::Page { landscape: false });
                }
            }
            if Some(i) == project_section {
                for p in &doc.projects {
                    project_blocks(&mut out, p, layout);
                }
            }
        }
        if project_section.is_none() {
            for p in &doc.projects {
                project_blocks(&mut out, p, layout);
            }
        }
    }
    out
}

/// A table's title, page-head lines (department, year, unit: with the layout's page-head labels), grid and
/// notes.
fn table_blocks(out: &mut Vec<Block>, doc: &Document, layout: &Layout, t: &Table, grid: Grid) {
    out.push(text(t.title.clone(), 15.0, Align::Center, 0.0));
    let head = &layout.page_head;
    let dept_line = match (&doc.meta.dept_code, &doc.meta.dept_name) {
        // A tab is printed as a wide gap, so that a reader keeps code and name apart.
        (Some(code), Some(name)) => Some(format!("{code}\t{name}")),
        // Without a code, the name after its label (`编制部门：…`), as the Shanghai tables print it.
        (None, Some(name)) => head.org_line(name),
        _ => None,
    };
    if let Some(line) = dept_line {
        out.push(text(line, BODY, Align::Left, 8.0));
    }
    if let Some(line) = doc.meta.year.and_then(|y| head.year_line(y)) {
        out.push(text(line, BODY, Align::Left, 2.0));
    }
    out.push(text(head.unit_line(t.unit), BODY, Align::Right, 2.0));
    out.push(Block::Grid(grid));
    for n in &t.notes {
        out.push(text(n.text.clone(), SMALL, Align::Left, 4.0));
    }
}

fn grid_columns(g: &Grid) -> usize {
    g.rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0)
}

fn amount_text(t: &Table, c: &Cell) -> String {
    match c {
        Cell::Amount(a) => a.value.format_in(t.unit, t.decimals),
        Cell::Text(s) => s.to_string(),
        Cell::Empty => String::new(),
    }
}

/// A table as printed: leaf header labels, the 栏次 row where the table has a 序号 column, the rows.
fn table_grid(t: &Table, layout: &Layout) -> Grid {
    let mut g = Grid::default();
    g.rows.push(t.columns.iter().map(|c| cell(c.label.clone(), Align::Center)).collect());
    let seq = t.columns.iter().position(|c| c.role == ColumnRole::Seq);
    if let (Some(seq), Some(label)) = (seq, layout.header_number_labels.first()) {
        let mut n = 0;
        let numbers = t
            .columns
            .iter()
            .enumerate()
            .map(|(i, _)| {
                if i == seq {
                    cell(label.clone(), Align::Center)
                } else {
                    n += 1;
                    cell(n.to_string(), Align::Center)
                }
            })
            .collect();
        g.rows.push(numbers);
    }
    g.header_rows = g.rows.len();
    for r in &t.rows {
        g.rows.push(
            t.columns
                .iter()
                .enumerate()
                .map(|(i, col)| {
                    let c = r.cells.get(i).cloned().unwrap_or_default();
                    match col.role {
                        ColumnRole::Amount | ColumnRole::Quantity => cell(amount_text(t, &c), Align::Right),
                        ColumnRole::Seq | ColumnRole::Code | ColumnRole::CodePart => {
                            cell(c.text().unwrap_or_default(), Align::Center)
                        }
                        ColumnRole::Name | ColumnRole::Text => cell(c.text().unwrap_or_default(), Align::Left),
                    }
                })
                .collect(),
        );
    }
    g
}

/// A table as its layout prints it: with its items as columns when the layout says so.
fn grid_of(t: &Table, layout: &Layout) -> Grid {
    match layout.table(&t.kind) {
        Some(kind) if kind.transpose => transposed_grid(t, kind),
        _ => table_grid(t, layout),
    }
}

/// A table whose items the layout prints as columns: the items' names over one row of amounts, or, when
/// each item is printed as a pair (预算数 | 决算数), each name over its pair's labels.
fn transposed_grid(t: &Table, kind: &TableKind) -> Grid {
    let amount = |r: &yusuan_model::Row, id: &str| {
        cell(t.col(id).and_then(|i| r.cells.get(i)).map(|c| amount_text(t, c)).unwrap_or_default(), Align::Right)
    };
    let parts = kind.item_parts();
    let n = parts.len();
    let names = t.rows.iter().map(|r| span(t.row_name(r, None), n, Align::Center)).collect();
    let values = t.rows.iter().flat_map(|r| parts.iter().map(move |(id, _)| amount(r, id))).collect();
    if kind.pairs.is_empty() {
        return Grid { rows: vec![names, values], header_rows: 1 };
    }
    let labels = t.rows.iter().flat_map(|_| parts.iter().map(|(_, l)| cell(*l, Align::Center))).collect();
    Grid { rows: vec![names, labels, values], header_rows: 2 }
}

fn first(labels: &[String], fallback: &str) -> String {
    labels.first().cloned().unwrap_or_else(|| fallback.to_string())
}

fn money(m: &Option<yusuan_model::Amount>, unit: yusuan_model::Unit) -> String {
    m.as_ref().map(|a| a.value.format_in(unit, 2)).unwrap_or_default()
}

/// A project's 绩效目标表, printed as the Hebei form: code and name, budget and fund split, purpose,
/// spending plan, goal, then the indicator rows.
fn project_blocks(out: &mut Vec<Block>, p: &Project, layout: &Layout) {
    let pk = &layout.projects;
    let unit = p.unit.unwrap_or(yusuan_model::Unit::WanYuan);
    // Title, unit line and about two lines a row: keep a project's form on one page when it fits.
    let rows = 7 + p.indicators.len();
    out.push(Block::Keep(60.0 + rows as f32 * (2.0 * SMALL * 1.35 + 6.0)));
    out.push(text(p.title.clone(), 12.0, Align::Center, 16.0));
    out.push(text(layout.page_head.unit_line(unit), BODY, Align::Right, 2.0));
    let l = Align::Left;
    let c = Align::Center;
    let r = Align::Right;
    let mut g = Grid::default();
    g.rows.push(vec![
        cell(first(&pk.code_labels, "项目编码"), c),
        span(p.code.clone(), 2, l),
        cell(first(&pk.name_labels, "项目名称"), c),
        span(p.name.clone(), 2, l),
    ]);
    g.rows.push(vec![
        cell(first(&pk.budget_row_labels, "预算规模及资金用途"), c),
        cell(first(&pk.budget_labels, "预算数"), c),
        cell(money(&p.budget, unit), r),
        cell(first(&pk.fiscal_labels, "其中：财政资金"), c),
        cell(money(&p.fiscal, unit), r),
        cell(
            format!(
                "{}{}",
                first(&pk.other_labels, "其他资金"),
                p.other.as_ref().map(|a| a.value.format_in(unit, 2)).unwrap_or_default()
            ),
            l,
        ),
    ]);
    if let Some(purpose) = &p.purpose {
        g.rows.push(vec![cell("", l), span(purpose.clone(), 5, l)]);
    }
    if !p.plan.is_empty() {
        let mut labels = vec![cell(first(&pk.plan_labels, "资金支出计划（%）"), c)];
        let mut values = vec![cell("", l)];
        for (label, a) in p.plan.iter().take(5) {
            labels.push(cell(label.clone(), c));
            values.push(cell(a.value.format_in(unit, 2), r));
        }
        while labels.len() < 6 {
            labels.push(cell("", l));
            values.push(cell("", l));
        }
        g.rows.push(labels);
        g.rows.push(values);
    }
    if let Some(goal) = &p.goal {
        g.rows.push(vec![cell(first(&pk.goal_labels, "绩效目标"), c), span(goal.clone(), 5, l)]);
    }
    let head = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"];
    g.rows.push(head.iter().map(|h| cell(*h, c)).collect());
    let mut last = ("", "");
    for i in &p.indicators {
        let l1 = if i.level1 == last.0 { "" } else { i.level1.as_str() };
        let l2 = if i.level1 == last.0 && i.level2 == last.1 { "" } else { i.level2.as_str() };
        last = (i.level1.as_str(), i.level2.as_str());
        g.rows.push(vec![
            cell(l1, l),
            cell(l2, l),
            cell(i.level3.clone(), l),
            cell(i.description.clone(), l),
            cell(i.value.clone(), l),
            cell(i.basis.clone(), l),
        ]);
    }
    out.push(Block::Grid(g));
}

/// `部门预算`, `单位决算`, …: what the package is.
fn phase_word(doc: &Document) -> String {
    let phase = match doc.meta.phase {
        yusuan_model::Phase::Budget => "预算",
        yusuan_model::Phase::Final => "决算",
    };
    format!("{}{phase}", doc.meta.edition.word())
}
