//! Reads every published PDF in `fixtures/corpus` and checks text, positions and columns.

use std::path::PathBuf;
use yusuan_pdf::{read_pdf, to_tsv, PdfDocument, PdfError, PdfLine, PdfPage};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus")
}

fn read(name: &str) -> PdfDocument {
    let bytes = std::fs::read(corpus_dir().join(name)).expect("fixture");
    read_pdf(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn texts(line: &PdfLine) -> Vec<&str> {
    line.cells.iter().map(|c| c.text.as_str()).collect()
}

/// The first page with a line whose cell text equals `title`.
fn page_with<'d>(doc: &'d PdfDocument, title: &str) -> &'d PdfPage {
    doc.pages
        .iter()
        .find(|p| p.lines.iter().any(|l| l.cells.iter().any(|c| c.text == title)))
        .unwrap_or_else(|| panic!("no page with {title}"))
}

fn line_starting<'p>(page: &'p PdfPage, first: &[&str]) -> &'p PdfLine {
    page.lines
        .iter()
        .find(|l| l.cells.len() >= first.len() && first.iter().zip(&l.cells).all(|(t, c)| c.text == *t))
        .unwrap_or_else(|| panic!("page {}: no line starting {first:?}", page.number))
}

fn column_of(line: &PdfLine, text: &str) -> usize {
    line.cells.iter().position(|c| c.text == text).unwrap_or_else(|| panic!("no {text} in {:?}", texts(line)))
}

#[test]
fn every_corpus_pdf_reads() {
    let mut n = 0;
    for entry in std::fs::read_dir(corpus_dir()).expect("corpus dir") {
        let path = entry.expect("entry").path();
        if path.extension().is_none_or(|e| e != "pdf") {
            continue;
        }
        n += 1;
        let doc = read_pdf(&std::fs::read(&path).expect("read")).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        assert!(doc.pages.len() >= 20, "{path:?}");
        for p in &doc.pages {
            assert!(p.lines.iter().all(|l| l.page == p.number));
            assert_eq!(p.undecoded, 0, "{path:?} page {}", p.number);
        }
        // sh-putuo-czj-2024-dept-final.pdf has one blank page (14); every other page has text.
        let blank: Vec<u32> = doc.pages.iter().filter(|p| p.lines.is_empty()).map(|p| p.number).collect();
        assert!(blank.len() <= 1, "{path:?}: blank pages {blank:?}");
        let tsv = to_tsv(&doc);
        assert!(!tsv.contains('\u{FFFD}'));
        assert!(tsv.contains("单位：元") || tsv.contains("单位：万元"), "{path:?}");
    }
    assert_eq!(n, 5);
}

#[test]
fn putuo_czj_budget_summary_table() {
    let doc = read("sh-putuo-czj-2025-dept-budget.pdf");
    // WPS leaves overflowing paragraphs above the next page's top edge; they are not printed.
    assert_eq!(to_tsv(&doc).matches("财政拨款支出主要内容如下").count(), 1);
    let page = page_with(&doc, "2025年部门财务收支预算总表");
    let title = page.lines.iter().flat_map(|l| &l.cells).find(|c| c.text == "2025年部门财务收支预算总表").unwrap();
    // Centred near the top of a landscape page.
    assert!(page.width > page.height);
    let cx = (title.bbox[0] + title.bbox[2]) / 2.0;
    assert!((cx - page.width / 2.0).abs() < 60.0, "title centre {cx}");
    assert!(title.bbox[1] < page.height / 4.0);
    let unit = page.lines.iter().flat_map(|l| &l.cells).find(|c| c.text == "单位：元").unwrap();
    assert!(unit.bbox[0] > page.width / 2.0 && unit.bbox[1] > title.bbox[3]);
    let row = line_starting(page, &["一、财政拨款收入"]);
    assert_eq!(texts(row), ["一、财政拨款收入", "31,214,205.80", "一、一般公共服务支出", "22,186,440.80"]);
    // Sparse rows keep their empty cells.
    assert_eq!(texts(line_starting(page, &["2.政府性基金"])), ["2.政府性基金", "", "三、卫生健康支出", "782,164.00"]);
    let total = line_starting(page, &["收入总计"]);
    assert_eq!(texts(total), ["收入总计", "31,214,205.80", "支出总计", "31,214,205.80"]);
    // The amount lies right of its label, on the same baseline band.
    assert!(total.cells[1].bbox[0] > total.cells[0].bbox[2]);
    assert!((total.cells[1].bbox[1] - total.cells[0].bbox[1]).abs() < 3.0);
}

#[test]
fn putuo_czj_expenditure_columns_follow_the_header() {
    let doc = read("sh-putuo-czj-2025-dept-budget.pdf");
    let page = page_with(&doc, "2025年部门支出预算总表");
    let header = line_starting(page, &["功能分类科目编码"]);
    let (total, basic, project) =
        (column_of(header, "合计"), column_of(header, "基本支出"), column_of(header, "项目支出"));
    assert_eq!((total, basic, project), (4, 5, 6));
    assert_eq!(column_of(header, "功能分类科目名称"), 3);
    let codes = line_starting(page, &["类", "款", "项"]);
    assert_eq!(codes.cells.len(), header.cells.len());
    // A project-only line: 基本支出 empty, the amount under 项目支出.
    let row = line_starting(page, &["201", "06", "02"]);
    assert_eq!(row.cells[3].text, "一般行政管理事务");
    assert_eq!(row.cells[total].text, "100,000.00");
    assert_eq!(row.cells[basic].text, "");
    assert_eq!(row.cells[project].text, "100,000.00");
    // Every cell sits under its header column.
    let amount = &row.cells[project].bbox;
    assert!(amount[0] > header.cells[basic].bbox[2]);
    assert!(amount[2] > header.cells[project].bbox[0]);
    let full = line_starting(page, &["201", "06", "01"]);
    assert_eq!(texts(full)[3..], ["行政运行", "16,231,840.80", "16,093,326.00", "138,514.80"]);
}

#[test]
fn city_unit_budget_wide_summary() {
    let doc = read("sh-city-czj-2025-unit-budget.pdf");
    let page = page_with(&doc, "2025年预算单位财务收支预算总表");
    let row = line_starting(page, &["一、财政拨款收入"]);
    assert_eq!(
        texts(row),
        [
            "一、财政拨款收入",
            "171,915,169",
            "一、一般公共服务支出",
            "127,886,849",
            "60,330,260",
            "24,531,459",
            "43,025,130"
        ]
    );
    // Two-level header: 基本支出 spans 人员经费 + 公用经费; 项目支出 spans two header rows.
    let header = line_starting(page, &["", "", "", "合计"]);
    assert_eq!(texts(header)[4..], ["基本支出", "", "项目支出"]);
    let sub = line_starting(page, &["", "", "", "", "人员经费"]);
    assert_eq!(texts(sub)[4..], ["人员经费", "公用经费", ""]);
    let tsv = to_tsv(&doc);
    assert!(tsv.contains("\n208\t05\t05\t机关事业单位基本养老保险缴费支出\t8,000,000\t8,000,000\t\n"));
}

#[test]
fn putuo_final_accounts() {
    let doc = read("sh-putuo-czj-2024-dept-final.pdf");
    let page = page_with(&doc, "收入支出决算总表");
    assert!(page.height > page.width, "portrait");
    let row = line_starting(page, &["一、一般公共预算财政拨款收入"]);
    assert_eq!(texts(row), ["一、一般公共预算财政拨款收入", "2,940.05", "一、一般公共服务支出", "2,106.66"]);
    // The table continues on the next page.
    let next = &doc.pages[page.number as usize];
    assert_eq!(texts(line_starting(next, &["总计"])), ["总计", "2,995.39", "总计", "2,995.39"]);
    // Merged header cells keep their whole text in the column where they start.
    let tsv = to_tsv(&doc);
    assert!(tsv.contains("\t附属单位上缴收入\t"));
    assert!(tsv.contains("\n201\t06\t01\t行政运行\t1,511.90\t1,511.89\t\t\t\t\t0.01\n"));
}

#[test]
fn wanli_performance_table_merged_cells() {
    let doc = read("sh-putuo-wanli-2023-dept-budget.pdf");
    let page = page_with(&doc, "新建万里街道社区公共服务中心");
    let row = line_starting(page, &["项目名称"]);
    assert_eq!(texts(row)[2], "新建万里街道社区公共服务中心");
    assert!(texts(row).contains(&"阶段性项目"));
    let money = line_starting(page, &["项目资金（元）"]);
    assert!(texts(money).contains(&"4,100,000.00"));
    let tsv = to_tsv(&doc);
    assert!(tsv.contains("\t≥13459.00(平方米)\t"));
}

#[test]
fn tsv_separates_pages_with_a_blank_line() {
    let doc = read("sh-putuo-swj-2025-dept-budget.pdf");
    let tsv = to_tsv(&doc);
    let blocks = tsv.split("\n\n").count();
    assert!(blocks >= doc.pages.len(), "{blocks} blocks for {} pages", doc.pages.len());
    assert!(tsv.contains("\n合计\t\t\t\t371,514,655.00\t19,830,655.00\t351,684,000.00\n"));
}

#[test]
fn truncated_and_random_input_give_errors() {
    let bytes = std::fs::read(corpus_dir().join("sh-putuo-czj-2025-dept-budget.pdf")).unwrap();
    assert_eq!(read_pdf(&bytes[..bytes.len() / 2]), Err(PdfError::Truncated));
    assert_eq!(read_pdf(&[]), Err(PdfError::NotPdf));
    // Pseudo-random bytes (xorshift), with and without a PDF header and trailer.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let noise: Vec<u8> = (0..20_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect();
    assert_eq!(read_pdf(&noise), Err(PdfError::NotPdf));
    let mut fake = b"%PDF-1.7\n".to_vec();
    fake.extend_from_slice(&noise);
    fake.extend_from_slice(b"\n%%EOF\n");
    assert!(read_pdf(&fake).is_err());
    // A real file with its middle cut out: whatever hayro recovers, no panic.
    let mut holed = bytes[..bytes.len() / 3].to_vec();
    holed.extend_from_slice(&bytes[bytes.len() * 2 / 3..]);
    let _ = read_pdf(&holed);
    let msg = PdfError::Truncated.to_string();
    assert!(msg.contains("截断") && msg.contains("truncated"));
}

/// A minimal, valid one-page PDF that draws only a line: no text, no image.
#[test]
fn page_without_text_or_image_is_reported_as_such() {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        "<< /Length 22 >>\nstream\n0 0 m 100 100 l S\n\nendstream",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        pdf.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    let err = read_pdf(&pdf).unwrap_err();
    assert_eq!(err, PdfError::NoText { pages: 1 });
    assert!(err.to_string().contains("没有可读的文字或图像"));
}
