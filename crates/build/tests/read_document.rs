//! A document that was read, not built (an uploaded disclosure), laid out as a workbook by
//! `xlsx::write_document`: the workbook reads back through the same layout to the same amount cells.

use yusuan_model::Document;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures");

fn cells(d: &Document) -> Vec<String> {
    d.amount_cells()
        .map(|c| {
            format!(
                "{} | {} | {} | {} | {}",
                c.table.kind,
                c.row.position,
                c.row.code.as_deref().unwrap_or(""),
                c.column.id,
                c.amount.value.yuan_string()
            )
        })
        .collect()
}

fn round_trip(file: &str) {
    let path = format!("{FIXTURES}/{file}");
    let doc = yusuan_read::read_bytes(&path, &std::fs::read(&path).unwrap(), None).unwrap();
    let xlsx =
        yusuan_build::xlsx::write_document(&doc, yusuan_model::Layout::by_id(&doc.meta.layout).unwrap()).unwrap();
    let back = yusuan_read::read_bytes("disclosure.xlsx", &xlsx, None).unwrap();
    assert_eq!(back.meta.layout, doc.meta.layout, "{file}: same layout recognised");
    let (a, b) = (cells(&doc), cells(&back));
    let missing: Vec<_> = a.iter().filter(|c| !b.contains(c)).collect();
    let extra: Vec<_> = b.iter().filter(|c| !a.contains(c)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{file}: missing {missing:#?}\nextra {extra:#?}");
    assert_eq!(a.len(), b.len(), "{file}");
    assert_eq!(back.projects.len(), doc.projects.len(), "{file}: project tables");
}

#[test]
fn the_mended_seed_as_a_workbook_reads_back_cell_for_cell() {
    round_trip("hanshan-kegongxin-2025-budget.corrected.txt");
}

/// Shanghai layouts: codes printed as 类|款|项, the department named by `编制部门：` (no code), the “三公”
/// table printed with its items as columns, and the 决算 basic-expenditure table's two blocks.
#[test]
fn shanghai_disclosures_as_workbooks_read_back_cell_for_cell() {
    for file in [
        "corpus/sh-putuo-czj-2025-dept-budget.pdf",
        "corpus/sh-putuo-swj-2025-dept-budget.pdf",
        "corpus/sh-putuo-wanli-2023-dept-budget.pdf",
        "corpus/sh-city-czj-2025-unit-budget.pdf",
        "corpus/sh-putuo-czj-2024-dept-final.pdf",
    ] {
        round_trip(file);
    }
}

/// The page-head words a printed table carries are its layout's: a region that labels the unit line
/// `金额单位` gets `金额单位：万元` above each table (the bundled layouts' first label is `单位`).
#[test]
fn a_read_table_prints_its_layouts_unit_label() {
    let path = format!("{FIXTURES}/hanshan-kegongxin-2025-budget.corrected.txt");
    let doc = yusuan_read::read_bytes(&path, &std::fs::read(&path).unwrap(), None).unwrap();
    let mut layout = yusuan_model::Layout::by_id(&doc.meta.layout).unwrap().clone();
    let meta = |layout: &yusuan_model::Layout| {
        let package = yusuan_build::printed::Package::from_document(&doc, layout);
        package
            .blocks
            .iter()
            .filter_map(|b| match b {
                yusuan_build::printed::Block::Table(t) => Some(t.meta.clone()),
                _ => None,
            })
            .collect::<Vec<_>>()
    };
    assert!(meta(&layout).iter().all(|m| m.contains(&"单位：万元".to_string())), "{:?}", meta(&layout));
    layout.page_head.unit_labels = vec!["金额单位".into(), "单位".into()];
    let printed = meta(&layout);
    assert_eq!(printed.len(), doc.tables.len());
    assert!(printed.iter().all(|m| m.contains(&"金额单位：万元".to_string())), "{printed:?}");
}
