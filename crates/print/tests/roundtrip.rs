//! The typeset PDF read back by Yusuan's own PDF reader gives the document it was made from: every
//! amount cell of every table, every project, and a clean check.

use yusuan_model::{Cell, Document, Layout};

const CORRECTED: &str = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.corrected.txt");

/// The font, or None (with a notice) when the machine has no CJK font; CI sets `YUSUAN_REQUIRE_FONT`
/// and installs one, so there the test cannot be skipped.
fn font() -> Option<yusuan_print::FontFile> {
    match yusuan_print::FontFile::find() {
        Ok(f) => Some(f),
        Err(e) if std::env::var_os("YUSUAN_REQUIRE_FONT").is_none() => {
            eprintln!("skipped: {e}");
            None
        }
        Err(e) => panic!("{e}"),
    }
}

/// The corrected seed as read from its text, and as read back from its typeset PDF.
fn typeset_seed() -> Option<(Document, Document)> {
    let mut font = font()?;
    let layout = Layout::by_id("hebei-dept-budget").unwrap();
    let source = yusuan_read::read_text("corrected", CORRECTED, layout);
    let pdf = yusuan_print::pdf(&source, layout, &mut font).expect("typeset");
    assert!(pdf.starts_with(b"%PDF"));
    let back = yusuan_read::read_bytes("built.pdf", &pdf, None).expect("read back");
    Some((source, back))
}

/// (table kind, row position, code, name, column id, value in 分) of every amount cell.
fn cells(doc: &Document) -> Vec<(String, usize, String, String, String, i64)> {
    let mut out = Vec::new();
    for t in &doc.tables {
        for r in &t.rows {
            for (c, cell) in t.columns.iter().zip(&r.cells) {
                if let Cell::Amount(a) = cell {
                    let name = t.row_name(r, c.name_column.as_deref()).to_string();
                    out.push((
                        t.kind.clone(),
                        r.position,
                        r.code.as_deref().unwrap_or_default().to_string(),
                        name,
                        c.id.clone(),
                        a.value.0,
                    ));
                }
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_seed_typeset_and_read_back_has_the_same_cells_and_no_findings() {
    let Some((source, back)) = typeset_seed() else { return };
    assert_eq!(back.meta.layout, "hebei-dept-budget", "the layout is recognised from the printed titles");
    assert_eq!(back.meta.year, source.meta.year);
    assert_eq!(back.meta.dept_code, source.meta.dept_code);
    assert_eq!(back.meta.dept_name, source.meta.dept_name);

    let (want, got) = (cells(&source), cells(&back));
    assert!(want.len() >= 270, "the seed has at least 270 amount cells, found {}", want.len());
    let missing: Vec<_> = want.iter().filter(|c| !got.contains(c)).collect();
    let extra: Vec<_> = got.iter().filter(|c| !want.contains(c)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing {missing:#?}\nextra {extra:#?}");

    let codes = |d: &Document| {
        d.projects
            .iter()
            .map(|p| (p.code.clone(), p.budget.as_ref().map(|a| a.value), p.indicators.len()))
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&back), codes(&source));
    let sections = |d: &Document| d.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>();
    assert_eq!(sections(&back), sections(&source));

    let report = yusuan_check::check(&back, yusuan_model::Catalog::bundled());
    let serious: Vec<_> = report.findings.iter().filter(|f| f.severity != yusuan_check::Severity::Info).collect();
    assert!(serious.is_empty(), "{serious:#?}");
}

#[test]
fn every_page_has_a_number_and_the_toc_points_to_the_table_pages() {
    let Some((_, back)) = typeset_seed() else { return };
    // The 目录 lists the nine tables with the page on which each starts (as printed in its footer).
    let summary = back.toc.iter().find(|e| e.title.starts_with("部门预算收支总表")).expect("toc entry");
    let page_of_table = back.table("summary").and_then(|t| t.loc.page).expect("page of the table");
    // Two pages (cover, 目录) come before page 1.
    assert_eq!(summary.page, Some(page_of_table - 2), "{:?}", back.toc);
}

/// The Shanghai corpus documents (类|款|项 codes, no department code, the “三公” table printed with its
/// items as columns, the 决算 table with 预算数 | 决算数 pairs) typeset and read back: the same amount cells.
#[test]
fn shanghai_disclosures_typeset_and_read_back_have_the_same_cells() {
    let Some(mut font) = font() else { return };
    for f in [
        "sh-putuo-czj-2025-dept-budget.pdf",
        "sh-putuo-swj-2025-dept-budget.pdf",
        "sh-putuo-wanli-2023-dept-budget.pdf",
        "sh-city-czj-2025-unit-budget.pdf",
        "sh-putuo-czj-2024-dept-final.pdf",
    ] {
        let path = format!("{}/../../fixtures/corpus/{f}", env!("CARGO_MANIFEST_DIR"));
        let source = yusuan_read::read_bytes(&path, &std::fs::read(&path).unwrap(), None).unwrap();
        let layout = Layout::by_id(&source.meta.layout).unwrap();
        let pdf = yusuan_print::pdf(&source, layout, &mut font).expect("typeset");
        let back = yusuan_read::read_bytes("built.pdf", &pdf, None).expect("read back");
        assert_eq!(back.meta.layout, source.meta.layout, "{f}: same layout recognised");
        let (a, b) = (cells(&source), cells(&back));
        let missing: Vec<_> = a.iter().filter(|c| !b.contains(c)).collect();
        let extra: Vec<_> = b.iter().filter(|c| !a.contains(c)).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{f}: missing {missing:#?}\nextra {extra:#?}");
        assert!(!a.is_empty(), "{f}: amount cells read");
    }
}
