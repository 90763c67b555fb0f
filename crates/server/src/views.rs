//! Pages: minijinja templates (Chinese) and the view models of documents with their findings.

use crate::core::FindingRow;
use crate::util::yuan;
use minijinja::Environment;
use serde::Serialize;
use yusuan_model::{Cell, Document};

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("doc.html", include_str!("../templates/doc.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("package.html", include_str!("../templates/package.html")),
    ("version.html", include_str!("../templates/version.html")),
    ("diff.html", include_str!("../templates/diff.html")),
    ("dashboard.html", include_str!("../templates/dashboard.html")),
    ("audit.html", include_str!("../templates/audit.html")),
    ("admin.html", include_str!("../templates/admin.html")),
    ("public_index.html", include_str!("../templates/public_index.html")),
    ("public_year.html", include_str!("../templates/public_year.html")),
    ("public_package.html", include_str!("../templates/public_package.html")),
    ("search.html", include_str!("../templates/search.html")),
];

/// The stylesheet served at `/static/style.css`.
pub const STYLE: &str = include_str!("../templates/style.css");

/// The template environment.
pub fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    for (name, src) in TEMPLATES {
        env.add_template(name, src).expect("templates are valid");
    }
    env
}

/// HTML-escapes text.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A cell as shown.
#[derive(Serialize)]
pub struct CellView {
    pub text: String,
    pub amount: bool,
    /// The worst severity of the findings at this cell (`error`, `warning`, `info`), if any.
    pub mark: Option<String>,
    /// Numbers (1-based, as listed) of the findings at this cell.
    pub findings: Vec<usize>,
}

/// A row as shown.
#[derive(Serialize)]
pub struct RowView {
    pub position: usize,
    pub cells: Vec<CellView>,
    pub mark: Option<String>,
    pub findings: Vec<usize>,
}

/// A table as shown.
#[derive(Serialize)]
pub struct TableView {
    pub anchor: String,
    pub kind: String,
    pub title: String,
    pub unit: String,
    pub columns: Vec<String>,
    pub rows: Vec<RowView>,
    /// Findings about the table as a whole.
    pub findings: Vec<usize>,
}

/// A paragraph as shown.
#[derive(Serialize)]
pub struct ParagraphView {
    pub text: String,
    pub mark: Option<String>,
    pub findings: Vec<usize>,
}

/// An explanation section as shown.
#[derive(Serialize)]
pub struct SectionView {
    pub heading: String,
    pub paragraphs: Vec<ParagraphView>,
    pub findings: Vec<usize>,
}

/// A project's performance-target table as shown.
#[derive(Serialize)]
pub struct ProjectView {
    pub anchor: String,
    pub title: String,
    pub code: String,
    pub name: String,
    pub unit: String,
    /// 预算数, 其中财政资金, 其他资金 as printed.
    pub budget: [String; 3],
    pub purpose: String,
    /// 资金支出计划: (period, amount as printed).
    pub plan: Vec<(String, String)>,
    pub goal: String,
    /// 一级, 二级, 三级, 描述, 指标值, 依据.
    pub indicators: Vec<[String; 6]>,
    pub mark: Option<String>,
    pub findings: Vec<usize>,
}

/// A finding as listed, with where it is shown.
#[derive(Serialize)]
pub struct FindingView {
    pub n: usize,
    #[serde(flatten)]
    pub finding: FindingRow,
    /// Anchor of the table or section it is shown at.
    pub anchor: Option<String>,
}

/// A document with every finding placed at its cell, row, table, paragraph or section.
#[derive(Serialize)]
pub struct DocView {
    pub tables: Vec<TableView>,
    pub sections: Vec<SectionView>,
    pub projects: Vec<ProjectView>,
    pub findings: Vec<FindingView>,
    /// Findings placed nowhere more precise than the document.
    pub general: Vec<usize>,
    /// 功能分类「类」 totals of the expenditure table, for the bar chart: (code, name, 元, percent of max).
    pub chart: Vec<(String, String, String, i64)>,
}

fn worse(a: Option<String>, b: &str) -> Option<String> {
    let rank = |s: &str| match s {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    };
    match a {
        Some(a) if rank(&a) <= rank(b) => Some(a),
        _ => Some(b.to_string()),
    }
}

/// Builds the view of `doc` with `findings` placed.
pub fn doc_view(doc: &Document, findings: Vec<FindingRow>) -> DocView {
    let mut tables: Vec<TableView> = doc
        .tables
        .iter()
        .enumerate()
        .map(|(ti, t)| TableView {
            anchor: format!("t{ti}"),
            kind: t.kind.clone(),
            title: t.title.clone(),
            unit: t.unit.label().to_string(),
            columns: t.columns.iter().map(|c| c.label.clone()).collect(),
            rows: t
                .rows
                .iter()
                .map(|r| RowView {
                    position: r.position,
                    cells: t
                        .columns
                        .iter()
                        .enumerate()
                        .map(|(i, _)| {
                            let cell = r.cells.get(i).unwrap_or(&Cell::Empty);
                            CellView {
                                text: cell.text().unwrap_or("").to_string(),
                                amount: cell.amount().is_some(),
                                mark: None,
                                findings: vec![],
                            }
                        })
                        .collect(),
                    mark: None,
                    findings: vec![],
                })
                .collect(),
            findings: vec![],
        })
        .collect();
    let mut sections: Vec<SectionView> = doc
        .sections
        .iter()
        .map(|s| SectionView {
            heading: s.heading.clone(),
            paragraphs: s
                .paragraphs
                .iter()
                .map(|p| ParagraphView { text: p.text.clone(), mark: None, findings: vec![] })
                .collect(),
            findings: vec![],
        })
        .collect();
    let mut projects: Vec<ProjectView> = doc
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let text = |a: &Option<yusuan_model::Amount>| a.as_ref().map_or(String::new(), |a| a.text.to_string());
            ProjectView {
                anchor: format!("p{i}"),
                title: p.title.clone(),
                code: p.code.clone(),
                name: p.name.clone(),
                unit: p.unit.map_or("万元", |u| u.label()).to_string(),
                budget: [text(&p.budget), text(&p.fiscal), text(&p.other)],
                purpose: p.purpose.clone().unwrap_or_default(),
                plan: p.plan.iter().map(|(l, a)| (l.clone(), a.text.to_string())).collect(),
                goal: p.goal.clone().unwrap_or_default(),
                indicators: p.indicators.iter().map(|x| x.columns().map(str::to_string)).collect(),
                mark: None,
                findings: vec![],
            }
        })
        .collect();
    let mut general = Vec::new();
    let mut views = Vec::new();
    for (i, f) in findings.into_iter().enumerate() {
        let n = i + 1;
        let mut anchor = None;
        let table = f.table.as_deref().and_then(|k| doc.tables.iter().position(|t| t.kind == k));
        let section = f.section.as_deref().and_then(|id| doc.sections.iter().position(|s| s.id == id));
        let project = f.project.as_deref().and_then(|c| doc.projects.iter().position(|p| p.code == c));
        if let (Some(pi), None) = (project, table) {
            let pv = &mut projects[pi];
            anchor = Some(pv.anchor.clone());
            pv.mark = worse(pv.mark.take(), &f.severity);
            pv.findings.push(n);
        } else if let Some(ti) = table {
            let t = &doc.tables[ti];
            let tv = &mut tables[ti];
            anchor = Some(tv.anchor.clone());
            let row = f.row.and_then(|pos| t.rows.iter().position(|r| r.position as i64 == pos));
            let col = f.column.as_deref().and_then(|c| t.col(c));
            match (row, col) {
                (Some(r), Some(c)) => {
                    let cv = &mut tv.rows[r].cells[c];
                    cv.mark = worse(cv.mark.take(), &f.severity);
                    cv.findings.push(n);
                }
                (Some(r), None) => {
                    let rv = &mut tv.rows[r];
                    rv.mark = worse(rv.mark.take(), &f.severity);
                    rv.findings.push(n);
                }
                _ => tv.findings.push(n),
            }
        } else if let Some(si) = section {
            anchor = Some(format!("s{si}"));
            let s = &doc.sections[si];
            let sv = &mut sections[si];
            match f.line.and_then(|l| s.paragraphs.iter().position(|p| i64::from(p.loc.line) == l)) {
                Some(pi) => {
                    let pv = &mut sv.paragraphs[pi];
                    pv.mark = worse(pv.mark.take(), &f.severity);
                    pv.findings.push(n);
                }
                None => sv.findings.push(n),
            }
        } else if let Some((si, pi)) = f.line.and_then(|l| {
            doc.sections
                .iter()
                .enumerate()
                .find_map(|(si, s)| s.paragraphs.iter().position(|p| i64::from(p.loc.line) == l).map(|pi| (si, pi)))
        }) {
            anchor = Some(format!("s{si}"));
            let pv = &mut sections[si].paragraphs[pi];
            pv.mark = worse(pv.mark.take(), &f.severity);
            pv.findings.push(n);
        } else {
            general.push(n);
        }
        views.push(FindingView { n, finding: f, anchor });
    }
    let mut chart = crate::core::class_totals(doc);
    chart.sort_by_key(|c| std::cmp::Reverse(c.2));
    let max = chart.iter().map(|c| c.2).max().unwrap_or(0).max(1);
    let chart = chart.into_iter().map(|(c, n, v)| (c, n, yuan(v), (v.max(0) * 100 / max).max(1))).collect();
    DocView { tables, sections, projects, findings: views, general, chart }
}
