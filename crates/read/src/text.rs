//! The text reader: tab-separated text as extracted from a published PDF.

use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::layout::{key, norm, strip_numbering, TableKind};
use yusuan_model::{
    Amount, Cell, Column, ColumnRole, Document, Indicator, Layout, Loc, Money, Note, Paragraph, Project, Repair, Row,
    Section, Table, TocEntry, Unit,
};

static DEPT_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{2,12})\s+(\S.{1,60})$").unwrap());
static YEAR_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^预算年度[：:]\s*(\d{4})").unwrap());
static UNIT_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:金额)?单位[：:]\s*(万元|元)\s*$").unwrap());
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^截[止至](?:时间|日期)[：:]").unwrap());
static TOC_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.*?)[.．…·\s]*\t?\s*(\d{1,4})\s*$").unwrap());
static YEAR_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d\d)\s*年").unwrap());

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Start,
    Toc,
    Table,
    Narrative,
    Project,
}

/// Reads `text` (tab-separated cells, one printed line per line) with `layout`.
pub fn read_text(source: &str, text: &str, layout: &Layout) -> Document {
    let mut r = Reader::new(source, layout);
    for (i, line) in text.lines().enumerate() {
        r.line(i as u32 + 1, line.trim_end_matches('\r'));
    }
    r.finish()
}

struct TableBuilder<'a> {
    kind: &'a TableKind,
    table: Table,
    header: Vec<Vec<String>>,
    last_was_header: bool,
    /// For each printed position, the column it belongs to.
    positions: Vec<Option<usize>>,
    /// The last 类 / 款 seen, for codes printed in three columns.
    code_parts: [String; 2],
}

struct Reader<'a> {
    layout: &'a Layout,
    doc: Document,
    mode: Mode,
    table: Option<TableBuilder<'a>>,
    project: Option<ProjectBuilder>,
    section: Option<Section>,
}

#[derive(Default)]
struct ProjectBuilder {
    p: Project,
    expect: Expect,
    plan_labels: Vec<(usize, String)>,
    indicator_pos: [usize; 6],
}

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Expect {
    #[default]
    Nothing,
    Purpose,
    PlanValues,
}

fn cells_of(line: &str) -> Vec<&str> {
    line.split('\t').map(str::trim).collect()
}

fn non_empty<'s>(cells: &[&'s str]) -> Vec<&'s str> {
    cells.iter().copied().filter(|c| !c.is_empty()).collect()
}

/// Removes whitespace that a wrapped cell left inside CJK text, keeping it between ASCII words.
pub(crate) fn join_wrapped(s: &str) -> String {
    let s = s.trim();
    if !s.contains(char::is_whitespace) {
        return s.to_string();
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            let mut j = i;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let prev = out.chars().last();
            let next = chars.get(j).copied();
            let keep =
                matches!((prev, next), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric());
            if keep {
                out.push(' ');
            }
            i = j;
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

impl<'a> Reader<'a> {
    fn new(source: &str, layout: &'a Layout) -> Self {
        let mut doc = Document::default();
        doc.meta.source = source.to_string();
        doc.meta.layout = layout.id.clone();
        doc.meta.phase = layout.phase;
        doc.meta.edition = layout.edition;
        Reader { layout, doc, mode: Mode::Start, table: None, project: None, section: None }
    }

    fn repair(&mut self, code: &str, message: String, original: &str, repaired: &str, loc: Loc) {
        let table = self.table.as_ref().map(|t| t.kind.id.clone());
        self.doc.repairs.push(Repair {
            code: code.into(),
            message,
            original: original.into(),
            repaired: repaired.into(),
            loc,
            table,
        });
    }

    fn line(&mut self, no: u32, line: &str) {
        let cells = cells_of(line);
        let filled = non_empty(&cells);
        if filled.is_empty() {
            return;
        }
        let whole = filled.join(" ");
        if self.doc.meta.title.is_none() && self.mode == Mode::Start {
            self.doc.meta.title = Some(join_wrapped(&whole));
            if let Some(c) = YEAR_IN_TITLE.captures(&whole) {
                self.doc.meta.year = c[1].parse().ok();
            }
        }
        // A table title starts a table wherever it stands, except inside the 目录.
        if self.mode != Mode::Toc || !TOC_LINE.is_match(line) {
            if let Some(kind) = (filled.len() == 1).then(|| self.layout.table_for_title(filled[0])).flatten() {
                self.start_table(kind, filled[0], no);
                return;
            }
        }
        if self.mode == Mode::Start && self.layout.toc_markers.iter().any(|m| whole.contains(m.as_str())) {
            self.mode = Mode::Toc;
            return;
        }
        if self.mode == Mode::Toc {
            self.toc_line(no, line, &filled);
            return;
        }
        if self.meta_line(no, &whole, filled.len()) {
            return;
        }
        if self.mode == Mode::Table && self.table_line(no, &cells, &filled) {
            return;
        }
        self.narrative_line(no, &cells, &filled, &whole);
    }

    fn toc_line(&mut self, no: u32, line: &str, filled: &[&str]) {
        let (title, page) = match TOC_LINE.captures(line) {
            Some(c) if filled.len() > 1 || line.contains("..") || line.contains('…') => {
                (c[1].trim_end_matches(['.', '．', '…', '·', ' ']).to_string(), c[2].parse().ok())
            }
            _ => (filled.join(""), None),
        };
        let title = join_wrapped(&title);
        if !title.is_empty() {
            self.doc.toc.push(TocEntry { title, page, loc: Loc::line(no) });
        }
    }

    /// Lines that repeat at page heads: department, year, unit, cut-off date.
    fn meta_line(&mut self, no: u32, whole: &str, n_cells: usize) -> bool {
        if n_cells != 1 {
            return false;
        }
        let digit_start = whole.starts_with(|c: char| c.is_ascii_digit());
        if !(digit_start
            || whole.starts_with("预算年度")
            || whole.starts_with("单位")
            || whole.starts_with("金额单位")
            || whole.starts_with("截"))
        {
            return false;
        }
        if let Some(c) = YEAR_LINE.captures(whole) {
            self.doc.meta.year = self.doc.meta.year.or(c[1].parse().ok());
            return true;
        }
        if let Some(c) = UNIT_LINE.captures(whole) {
            let unit = Unit::parse(&c[1]);
            if let Some(p) = self.project.as_mut().filter(|_| self.mode == Mode::Project) {
                p.p.unit = p.p.unit.or(unit);
            } else if let (Some(t), Some(u)) = (self.table.as_mut().filter(|_| self.mode == Mode::Table), unit) {
                if t.table.rows.is_empty() {
                    t.table.unit = u;
                    t.table.unit_printed = true;
                }
            }
            return true;
        }
        if DATE_LINE.is_match(whole) && matches!(self.mode, Mode::Table) {
            return true;
        }
        if matches!(self.mode, Mode::Table) {
            if let Some(c) = DEPT_LINE.captures(whole) {
                if self.doc.meta.dept_code.is_none() {
                    self.doc.meta.dept_code = Some(c[1].to_string());
                    self.doc.meta.dept_name = Some(join_wrapped(&c[2]));
                }
                return true;
            }
        }
        let _ = no;
        false
    }

    fn start_table(&mut self, kind: &'a TableKind, title: &str, no: u32) {
        self.close_table();
        self.close_project();
        let unit = kind.unit.unwrap_or(self.layout.default_unit);
        self.table = Some(TableBuilder {
            kind,
            table: Table {
                kind: kind.id.clone(),
                title: join_wrapped(title),
                unit,
                unit_printed: false,
                columns: Vec::new(),
                rows: Vec::new(),
                notes: Vec::new(),
                loc: Loc::line(no),
                decimals: 2,
            },
            header: Vec::new(),
            last_was_header: false,
            positions: Vec::new(),
            code_parts: Default::default(),
        });
        self.mode = Mode::Table;
    }

    /// Handles a line inside a table; false when the line ends the table.
    fn table_line(&mut self, no: u32, cells: &[&str], filled: &[&str]) -> bool {
        let Some(tb) = self.table.as_ref() else { return false };
        let kind = tb.kind;
        let first = key(filled[0]);
        // 栏次 row (or its misprint 档次): fixes the header.
        let is_number_label = self.layout.header_number_labels.contains(&first);
        let typo = self.layout.header_number_typos.iter().find(|l| **l == first).cloned();
        if (is_number_label || typo.is_some()) && filled[1..].iter().all(|c| c.chars().all(|d| d.is_ascii_digit())) {
            if let Some(t) = typo {
                let label = self.layout.header_number_labels.first().cloned().unwrap_or_default();
                self.repair(
                    "R004",
                    format!("表头“{t}”行按“{label}”（栏次号）读取"),
                    filled[0],
                    &label,
                    Loc::cell(no, 0),
                );
            }
            self.fix_columns(no);
            if let Some(tb) = self.table.as_mut() {
                tb.last_was_header = false;
            }
            return true;
        }
        if filled.iter().all(|c| kind.is_header_label(c)) {
            let tb = self.table.as_mut().expect("table");
            if !tb.last_was_header {
                tb.header.clear();
            }
            tb.header.push(cells.iter().map(|c| c.to_string()).collect());
            tb.last_was_header = true;
            return true;
        }
        if filled[0].starts_with("注") && (filled[0].starts_with("注：") || filled[0].starts_with("注:")) {
            let text = join_wrapped(&filled.join(""));
            let empty_table = self.layout.is_empty_note(&text);
            self.table.as_mut().expect("table").table.notes.push(Note { text, loc: Loc::line(no), empty_table });
            return true;
        }
        if filled.len() == 1 && cells.len() == 1 {
            // Prose: the table is over.
            return false;
        }
        self.data_row(no, cells);
        true
    }

    /// Maps printed positions to layout columns from the header rows seen so far.
    fn fix_columns(&mut self, no: u32) {
        let Some(tb) = self.table.as_mut() else { return };
        if tb.header.is_empty() && !tb.positions.is_empty() {
            return;
        }
        let width = tb.header.iter().map(Vec::len).max().unwrap_or(0);
        let mut leaves: Vec<String> = vec![String::new(); width];
        for row in &tb.header {
            for (i, c) in row.iter().enumerate() {
                if !c.is_empty() {
                    leaves[i] = c.clone();
                }
            }
        }
        let kind = tb.kind;
        let mut used = vec![false; kind.columns.len()];
        let mut columns: Vec<Column> = Vec::new();
        let mut positions = vec![None; width];
        let mut unknown = Vec::new();
        for (p, leaf) in leaves.iter().enumerate() {
            if leaf.is_empty() {
                continue;
            }
            let k = key(leaf);
            let found =
                kind.columns.iter().enumerate().find(|(i, c)| !used[*i] && c.labels.iter().any(|l| key(l) == k));
            let col = match found {
                Some((i, spec)) => {
                    used[i] = true;
                    Column {
                        id: spec.id.clone(),
                        label: join_wrapped(leaf),
                        role: spec.role,
                        name_column: spec.name_column.clone(),
                    }
                }
                None if kind.header_groups.iter().any(|g| key(g) == k) => continue,
                None => {
                    unknown.push((p, leaf.clone()));
                    Column {
                        id: format!("col{p}"),
                        label: join_wrapped(leaf),
                        role: ColumnRole::Amount,
                        name_column: None,
                    }
                }
            };
            // A table repeated on a later page keeps its columns; only new ones are added.
            let idx = match tb.table.columns.iter().position(|c| c.id == col.id) {
                Some(i) => i,
                None => {
                    tb.table.columns.push(col.clone());
                    tb.table.columns.len() - 1
                }
            };
            positions[p] = Some(idx);
            columns.push(col);
        }
        tb.positions = positions;
        tb.header.clear();
        for (p, leaf) in unknown {
            self.repair(
                "R006",
                format!("版式不认识的列标题“{}”，按金额列保留为 col{p}", join_wrapped(&leaf)),
                &leaf,
                &format!("col{p}"),
                Loc::cell(no, p),
            );
        }
    }

    fn data_row(&mut self, no: u32, cells: &[&str]) {
        if self.table.as_ref().is_some_and(|t| t.positions.is_empty()) {
            let has_header = self.table.as_ref().is_some_and(|t| !t.header.is_empty());
            if has_header {
                self.fix_columns(no);
            } else {
                // No header printed: assume the layout's columns in order.
                let tb = self.table.as_mut().expect("table");
                tb.table.columns = tb
                    .kind
                    .columns
                    .iter()
                    .map(|s| Column {
                        id: s.id.clone(),
                        label: s.labels[0].clone(),
                        role: s.role,
                        name_column: s.name_column.clone(),
                    })
                    .collect();
                tb.positions = (0..tb.table.columns.len()).map(Some).collect();
                let title = tb.table.title.clone();
                self.repair(
                    "R006",
                    format!("表“{title}”没有表头，按版式列顺序读取"),
                    cells.join("\t").as_str(),
                    "",
                    Loc::line(no),
                );
            }
        }
        let tb = self.table.as_mut().expect("table");
        tb.last_was_header = false;
        let unit = tb.table.unit;
        let ncols = tb.table.columns.len();
        let mut row_cells = vec![Cell::Empty; ncols];
        let mut repairs: Vec<(String, String, String, String, Loc)> = Vec::new();
        let mut stray = Vec::new();
        let mut bad_amounts = Vec::new();
        for (p, raw) in cells.iter().enumerate() {
            if raw.is_empty() {
                continue;
            }
            let Some(Some(ci)) = tb.positions.get(p).copied() else {
                stray.push((p, raw.to_string()));
                continue;
            };
            let col = &tb.table.columns[ci];
            let loc = Loc::cell(no, p);
            row_cells[ci] = match col.role {
                ColumnRole::Amount => match *raw {
                    "-" | "—" | "－" | "--" | "/" => Cell::Empty,
                    _ => match Money::parse(raw, unit) {
                        Ok((value, decimals)) => Cell::Amount(Amount { value, decimals, text: raw.to_string(), loc }),
                        Err(_) => {
                            bad_amounts.push((p, raw.to_string()));
                            Cell::Text(raw.to_string())
                        }
                    },
                },
                ColumnRole::Code | ColumnRole::CodePart => {
                    let joined: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
                    if joined != *raw {
                        repairs.push((
                            "R001".into(),
                            format!("编码被换行拆开，拼接为 {joined}"),
                            raw.to_string(),
                            joined.clone(),
                            loc,
                        ));
                    }
                    Cell::Text(joined)
                }
                ColumnRole::Name | ColumnRole::Text => {
                    let joined = join_wrapped(raw);
                    if joined != *raw && raw.contains(|c: char| c.is_whitespace()) {
                        repairs.push((
                            "R005".into(),
                            format!("名称被换行拆开，拼接为“{joined}”"),
                            raw.to_string(),
                            joined.clone(),
                            loc,
                        ));
                    }
                    Cell::Text(joined)
                }
                ColumnRole::Seq | ColumnRole::Quantity => Cell::Text(raw.to_string()),
            };
        }
        let seq_col = tb.table.columns.iter().position(|c| c.role == ColumnRole::Seq);
        let is_fragment = seq_col.is_some_and(|s| matches!(row_cells[s], Cell::Empty))
            && !row_cells.iter().any(|c| c.amount().is_some())
            && !tb.table.rows.is_empty()
            && row_cells.iter().enumerate().all(|(i, c)| {
                matches!(c, Cell::Empty) || matches!(tb.table.columns[i].role, ColumnRole::Code | ColumnRole::Name)
            });
        if is_fragment {
            // A wrapped code or name whose tail landed on the next line or page: join it to the row above.
            let prev = tb.table.rows.last_mut().expect("rows");
            // Columns added by a later header leave earlier rows shorter.
            prev.cells.resize(prev.cells.len().max(row_cells.len()), Cell::Empty);
            for (i, c) in row_cells.into_iter().enumerate() {
                if let Cell::Text(tail) = c {
                    let before = prev.cells[i].text().unwrap_or("").to_string();
                    let after = format!("{before}{tail}");
                    prev.cells[i] = Cell::Text(after.clone());
                    if tb.table.columns[i].role == ColumnRole::Code {
                        prev.code = Some(after.clone());
                    }
                    repairs.push((
                        "R002".into(),
                        format!(
                            "第 {} 行的片段“{tail}”接到上一行（第 {} 行）的“{before}”之后，得到“{after}”",
                            no, prev.loc.line
                        ),
                        tail.clone(),
                        after,
                        Loc::cell(no, 0),
                    ));
                }
            }
        } else {
            let code = row_code(&tb.table.columns, &row_cells, &mut tb.code_parts);
            let position = tb.table.rows.len() + 1;
            tb.table.rows.push(Row { position, cells: row_cells, code, roles: Vec::new(), loc: Loc::line(no) });
        }
        for (code, msg, orig, rep, loc) in repairs {
            self.repair(&code, msg, &orig, &rep, loc);
        }
        for (p, raw) in stray {
            self.repair(
                "R008",
                format!("第 {no} 行第 {} 格“{raw}”超出表头范围，未读入任何列", p + 1),
                &raw,
                "",
                Loc::cell(no, p),
            );
        }
        for (p, raw) in bad_amounts {
            self.repair("R007", format!("金额列里的“{raw}”不是金额，按文字保留"), &raw, "", Loc::cell(no, p));
        }
    }

    fn close_table(&mut self) {
        if let Some(tb) = self.table.take() {
            let mut t = tb.table;
            t.decimals = t.printed_decimals();
            assign_roles(tb.kind, &mut t);
            self.doc.tables.push(t);
        }
    }

    fn close_project(&mut self) {
        if let Some(p) = self.project.take() {
            self.doc.projects.push(p.p);
        }
    }

    fn close_section(&mut self) {
        if let Some(s) = self.section.take() {
            self.doc.sections.push(s);
        }
    }

    fn narrative_line(&mut self, no: u32, cells: &[&str], filled: &[&str], whole: &str) {
        if self.mode == Mode::Table {
            self.close_table();
            self.mode = Mode::Narrative;
        }
        // Headings, markers and titles are short; long prose lines skip those tests.
        let short = whole.len() < 300;
        let single = filled.len() == 1 && short;
        let whole_key = if short { key(whole) } else { String::new() };
        if single && self.layout.explanation_markers.iter().any(|m| whole_key.contains(m.as_str())) {
            self.close_project();
            self.close_section();
            self.section = Some(Section {
                id: "preamble".into(),
                heading: join_wrapped(whole),
                paragraphs: vec![],
                loc: Loc::line(no),
            });
            self.mode = Mode::Narrative;
            return;
        }
        if single {
            if let Some(kind) = self.layout.section_for_heading(whole) {
                let k = &whole_key;
                let numbered = strip_numbering(k) != k;
                if numbered || kind.heading_keys.contains(k) {
                    self.close_project();
                    self.close_section();
                    self.section = Some(Section {
                        id: kind.id.clone(),
                        heading: join_wrapped(whole),
                        paragraphs: vec![],
                        loc: Loc::line(no),
                    });
                    self.mode = Mode::Narrative;
                    return;
                }
            }
        }
        let pl = &self.layout.projects;
        if short && filled.len() <= 2 && pl.title_suffixes.iter().any(|s| key(filled[0]).ends_with(&key(s))) {
            self.close_project();
            self.start_project(no, filled[0]);
            return;
        }
        if self.mode == Mode::Project && self.project_line(no, cells, filled) {
            return;
        }
        let text = if cells.len() > 1 { filled.join("\t") } else { whole.to_string() };
        let para = Paragraph { text, loc: Loc::line(no) };
        match self.section.as_mut() {
            Some(s) => s.paragraphs.push(para),
            None => self.doc.unplaced.push(para),
        }
    }

    fn start_project(&mut self, no: u32, title: &str) {
        let mut t = join_wrapped(title);
        let stripped = strip_numbering(&t).to_string();
        if let Some(rest) = stripped.strip_prefix([']', '】']) {
            let fixed = t.replacen(&stripped, rest, 1);
            self.repair(
                "R003",
                format!("标题中多余的“{}”已去掉", &stripped[..stripped.len() - rest.len()]),
                &t,
                &fixed,
                Loc::line(no),
            );
            t = fixed;
        }
        self.project = Some(ProjectBuilder {
            p: Project { title: t, loc: Loc::line(no), ..Project::default() },
            indicator_pos: [0, 1, 2, 3, 4, 5],
            ..ProjectBuilder::default()
        });
        self.mode = Mode::Project;
    }

    /// One line of a performance-target table; false when it does not belong to one.
    fn project_line(&mut self, no: u32, cells: &[&str], filled: &[&str]) -> bool {
        let pl = &self.layout.projects;
        let first = cells.first().copied().unwrap_or("");
        let first_key = key(first);
        // Layout labels are written without whitespace, so they compare with the key directly.
        let has = |labels: &[String], _: &str| labels.iter().any(|l| first_key.starts_with(l.as_str()));
        let mut repairs = Vec::new();
        let Some(pb) = self.project.as_mut() else { return false };
        let unit = pb.p.unit.unwrap_or(self.layout.default_unit);
        let amount = |c: &str, p: usize| {
            Money::parse(c, unit).ok().map(|(value, decimals)| Amount {
                value,
                decimals,
                text: c.to_string(),
                loc: Loc::cell(no, p),
            })
        };
        if has(&pl.code_labels, first) {
            pb.expect = Expect::Nothing;
            pb.p.code = cells.get(1).map(|c| norm(c)).unwrap_or_default();
            for (i, c) in cells.iter().enumerate().skip(1) {
                let k = key(c);
                if let Some(label) = pl.name_labels.iter().find(|l| k.starts_with(&key(l))) {
                    let rest = k[key(label).len()..].trim_start_matches([']', '】', '：', ':', '[']);
                    if rest.is_empty() {
                        pb.p.name =
                            cells[i + 1..].iter().find(|c| !c.is_empty()).map(|c| join_wrapped(c)).unwrap_or_default();
                    } else {
                        let name = join_wrapped(
                            c.split_at(c.find(|ch: char| "]】：:".contains(ch)).map_or(label.len(), |x| x))
                                .1
                                .trim_start_matches([']', '】', '：', ':']),
                        );
                        repairs.push((
                            "R003",
                            format!("粘连的单元格“{c}”拆为“{label}”和“{name}”"),
                            c.to_string(),
                            name.clone(),
                            Loc::cell(no, i),
                        ));
                        pb.p.name = name;
                    }
                }
            }
        } else if has(&pl.budget_row_labels, first) {
            for (i, c) in cells.iter().enumerate() {
                let next = || cells.get(i + 1).and_then(|n| amount(n, i + 1));
                if pl.budget_labels.iter().any(|l| key(l) == key(c)) {
                    pb.p.budget = next();
                } else if pl.fiscal_labels.iter().any(|l| key(l) == key(c)) {
                    pb.p.fiscal = next();
                } else if pl.other_labels.iter().any(|l| key(l) == key(c)) {
                    pb.p.other = next();
                }
            }
            pb.expect = Expect::Purpose;
        } else if has(&pl.plan_labels, first) {
            pb.p.plan_printed = true;
            pb.plan_labels =
                cells.iter().enumerate().skip(1).filter(|(_, c)| !c.is_empty()).map(|(i, c)| (i, norm(c))).collect();
            pb.expect = Expect::PlanValues;
        } else if has(&pl.goal_labels, first) && !key(first).contains("指标") {
            let goal = join_wrapped(&filled[1..].join(""));
            pb.p.goal = (!goal.is_empty()).then_some(goal);
            pb.expect = Expect::Nothing;
        } else if has(&pl.indicator_header_labels, first) {
            let labels = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"];
            for (slot, l) in labels.iter().enumerate() {
                if let Some(p) = cells.iter().position(|c| key(c) == *l) {
                    pb.indicator_pos[slot] = p;
                }
            }
            pb.expect = Expect::Nothing;
        } else if first.is_empty() && pb.expect == Expect::Purpose && filled.len() == 1 {
            pb.p.purpose = Some(join_wrapped(filled[0]));
            pb.expect = Expect::Nothing;
        } else if first.is_empty() && pb.expect == Expect::PlanValues && filled.iter().all(|c| amount(c, 0).is_some()) {
            for (p, c) in cells.iter().enumerate() {
                if let Some(a) = amount(c, p) {
                    let label = pb
                        .plan_labels
                        .iter()
                        .rev()
                        .find(|(lp, _)| *lp <= p)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default();
                    pb.p.plan.push((label, a));
                }
            }
            pb.expect = Expect::Nothing;
        } else if cells.len() >= 3 {
            pb.expect = Expect::Nothing;
            let get = |slot: usize| cells.get(pb.indicator_pos[slot]).map(|c| join_wrapped(c)).unwrap_or_default();
            let ind = Indicator {
                level1: get(0),
                level2: get(1),
                level3: get(2),
                description: get(3),
                value: get(4),
                basis: get(5),
                loc: Loc::line(no),
            };
            if ind.level1.is_empty() && ind.level2.is_empty() && ind.level3.is_empty() && ind.description.is_empty() {
                if let Some(prev) = pb.p.indicators.last_mut() {
                    for (field, tail) in [(&mut prev.value, &ind.value), (&mut prev.basis, &ind.basis)] {
                        if !tail.is_empty() {
                            let before = field.clone();
                            field.push_str(tail);
                            repairs.push((
                                "R002",
                                format!("第 {no} 行的片段“{tail}”接到上一指标的“{before}”之后"),
                                tail.clone(),
                                field.clone(),
                                Loc::line(no),
                            ));
                        }
                    }
                    for (r, m, o, f, l) in repairs {
                        self.repair(r, m, &o, &f, l);
                    }
                    return true;
                }
            }
            let mut ind = ind;
            if ind.level1.is_empty() {
                ind.level1 = pb.p.indicators.last().map(|i| i.level1.clone()).unwrap_or_default();
            }
            pb.p.indicators.push(ind);
        } else {
            return false;
        }
        for (r, m, o, f, l) in repairs {
            self.repair(r, m, &o, &f, l);
        }
        true
    }

    fn finish(mut self) -> Document {
        self.close_table();
        self.close_project();
        self.close_section();
        self.doc
    }
}

/// The row's classification code: a code column, or 类|款|项 parts joined.
fn row_code(columns: &[Column], cells: &[Cell], parts: &mut [String; 2]) -> Option<String> {
    if let Some(i) = columns.iter().position(|c| c.role == ColumnRole::Code) {
        return cells[i].text().filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit())).map(str::to_string);
    }
    let idx: Vec<usize> =
        columns.iter().enumerate().filter(|(_, c)| c.role == ColumnRole::CodePart).map(|(i, _)| i).collect();
    if idx.is_empty() {
        return None;
    }
    let texts: Vec<&str> = idx.iter().map(|&i| cells[i].text().unwrap_or("")).collect();
    if texts.iter().all(|t| t.is_empty()) || !texts.iter().all(|t| t.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let lei = if texts[0].is_empty() { parts[0].clone() } else { texts[0].to_string() };
    let kuan = match texts.get(1) {
        Some(k) if !k.is_empty() => k.to_string(),
        _ if texts.get(2).is_some_and(|x| !x.is_empty()) => parts[1].clone(),
        _ => String::new(),
    };
    let xiang = texts.get(2).copied().unwrap_or("");
    parts[0] = lei.clone();
    if !kuan.is_empty() {
        parts[1] = kuan.clone();
    }
    Some(format!("{lei}{kuan}{xiang}"))
}

fn assign_roles(kind: &TableKind, table: &mut Table) {
    let mut specs: Vec<_> = kind.rows.iter().collect();
    specs.sort_by_key(|s| s.after.is_some());
    for spec in specs {
        let start = match &spec.after {
            Some(r) => match table.rows.iter().position(|row| row.roles.contains(r)) {
                Some(i) => i + 1,
                None => continue,
            },
            None => 0,
        };
        let keys: Vec<String> = spec.names.iter().map(|n| key(n)).collect();
        let found = (start..table.rows.len()).find(|&i| {
            let name = table.row_name(&table.rows[i], spec.column.as_deref());
            let k = key(strip_numbering(name));
            keys.contains(&k)
        });
        if let Some(i) = found {
            table.rows[i].roles.push(spec.role.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_wrapped_cjk_but_keeps_ascii_words() {
        assert_eq!(join_wrapped("国有资本经营 预算支出"), "国有资本经营预算支出");
        assert_eq!(join_wrapped("邯财资 [2024] 24 号"), "邯财资[2024]24号");
        assert_eq!(join_wrapped("Type A"), "Type A");
    }
}
