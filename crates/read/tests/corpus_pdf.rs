//! Real published Shanghai PDFs read through their layouts: tables, codes in three columns, amounts
//! in 元 and the 三公 table in 万元, with page and box on every amount.

use std::path::Path;
use yusuan_model::{Document, Money, Unit};

fn read(name: &str) -> Document {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus").join(name);
    yusuan_read::read_path(&p, None).unwrap_or_else(|e| panic!("{e}"))
}

fn yuan(text: &str) -> Money {
    Money::parse(text, Unit::Yuan).unwrap().0
}

/// The value of `column` on the row with `code` (or role) of table `kind`.
fn cell(doc: &Document, kind: &str, code: &str, column: &str) -> Option<Money> {
    let t = doc.table(kind)?;
    let row = t.row_with_code(code).or_else(|| t.row_with_role(code))?;
    t.amount(row, column).map(|a| a.value)
}

#[test]
fn the_putuo_finance_bureau_budget_reads_with_the_shanghai_department_layout() {
    let doc = read("sh-putuo-czj-2025-dept-budget.pdf");
    assert_eq!(doc.meta.layout, "shanghai-dept-budget");
    assert_eq!(doc.meta.dept_name.as_deref(), Some("上海市普陀区财政局"));
    assert_eq!(doc.meta.year, Some(2025));
    let kinds: Vec<&str> = doc.tables.iter().map(|t| t.kind.as_str()).collect();
    for k in yusuan_model::layout::NINE_TABLES {
        assert!(kinds.contains(&k), "{k} missing from {kinds:?}");
    }
    // codes printed as 类|款|项 are joined; amounts are 元 with thousands separators
    assert_eq!(cell(&doc, "income", "2010601", "total"), Some(yuan("16,231,840.80")));
    assert_eq!(cell(&doc, "expenditure", "2010601", "basic"), Some(yuan("16,093,326.00")));
    assert_eq!(cell(&doc, "expenditure", "2010601", "project"), Some(yuan("138,514.80")));
    assert_eq!(cell(&doc, "income", "total", "total"), Some(yuan("31,214,205.80")));
    assert_eq!(cell(&doc, "basic", "30113", "personnel"), Some(yuan("2,049,197.00")));
    assert_eq!(cell(&doc, "basic", "31002", "public"), Some(yuan("90,000.00")));
    assert_eq!(cell(&doc, "summary", "income.grand_total", "income_amount"), Some(yuan("31,214,205.80")));
    assert_eq!(cell(&doc, "fiscal_summary", "expense.grand_total", "general"), Some(yuan("31,214,205.80")));
    // the 三公 table is printed in 万元 as one row of items
    let t = doc.table("three_public").unwrap();
    assert_eq!(t.unit, Unit::WanYuan);
    assert_eq!(cell(&doc, "three_public", "reception", "total"), Money::parse("0.95", Unit::WanYuan).ok().map(|m| m.0));
    assert_eq!(
        cell(&doc, "three_public", "admin_running", "total"),
        Money::parse("229.43", Unit::WanYuan).ok().map(|m| m.0)
    );
    // every amount carries its page and box
    for t in &doc.tables {
        for r in &t.rows {
            for a in r.cells.iter().filter_map(|c| c.amount()) {
                assert!(a.loc.page.is_some() && a.loc.bbox.is_some(), "{} row {} has no page/box", t.title, r.position);
            }
        }
    }
    // the explanation's wrapped lines are joined into sentences
    let overview = doc.section("overview").unwrap();
    assert!(overview.paragraphs[0].text.contains("比2024年预算增加107.62万元"));
}

#[test]
fn the_city_unit_budget_reads_with_the_unit_layout_and_its_wide_summary() {
    let doc = read("sh-city-czj-2025-unit-budget.pdf");
    assert_eq!(doc.meta.layout, "shanghai-unit-budget");
    assert_eq!(doc.meta.edition, yusuan_model::Edition::Unit);
    assert_eq!(doc.tables.len(), 9);
    let s = doc.table("summary").unwrap();
    let first = s.rows.iter().find(|r| s.row_name(r, Some("expense_item")).contains("一般公共服务支出")).unwrap();
    assert_eq!(s.amount(first, "expense_amount").map(|a| a.value), Some(yuan("127,886,849")));
    assert_eq!(s.amount(first, "expense_personnel").map(|a| a.value), Some(yuan("60,330,260")));
    assert_eq!(s.amount(first, "expense_public").map(|a| a.value), Some(yuan("24,531,459")));
    assert_eq!(s.amount(first, "expense_project").map(|a| a.value), Some(yuan("43,025,130")));
    assert_eq!(cell(&doc, "three_public", "abroad", "total"), Money::parse("288.70", Unit::WanYuan).ok().map(|m| m.0));
}

#[test]
fn every_shanghai_budget_in_the_corpus_reads_nine_tables() {
    for f in ["sh-putuo-swj-2025-dept-budget.pdf", "sh-putuo-wanli-2023-dept-budget.pdf"] {
        let doc = read(f);
        assert_eq!(doc.tables.len(), 9, "{f}");
        assert!(doc.tables.iter().filter(|t| t.kind != "gov_fund" && t.kind != "soe").all(|t| t.has_amounts()), "{f}");
    }
}

#[test]
fn a_pdf_that_is_not_a_budget_or_is_broken_gives_an_error_naming_the_file() {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/sh-putuo-czj-2025-dept-budget.pdf");
    let bytes = std::fs::read(p).unwrap();
    let cut = &bytes[..bytes.len() / 3];
    let e = yusuan_read::read_bytes("cut.pdf", cut, None).unwrap_err().to_string();
    assert!(e.contains("cut.pdf"), "{e}");
}

#[test]
fn the_shanghai_template_workbook_reads_through_the_same_layout_with_sheet_locations() {
    let doc = read("sh-dept-budget-template.xlsx");
    assert_eq!(doc.meta.layout, "shanghai-dept-budget");
    assert_eq!(doc.meta.year, Some(2026));
    assert_eq!(doc.tables.len(), 9);
    let income = doc.table("income").unwrap();
    assert!(income.columns.iter().any(|c| c.id == "code_xiang"));
    assert!(income.loc.page.is_some(), "the sheet number is kept as the page");
    assert!(
        doc.repairs.iter().all(|r| r.code != "R007"),
        "{:?}",
        doc.repairs.iter().map(|r| &r.message).collect::<Vec<_>>()
    );
}
