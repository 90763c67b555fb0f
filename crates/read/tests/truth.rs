//! Every amount cell of every table of the corpus PDFs against the hand-checked ground truth in
//! `fixtures/corpus/truth/` (built without Yusuan and verified by the documents' own totals; see the
//! README there). Prints precision and recall per document and fails on any difference.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use yusuan_model::{Cell, ColumnRole, Document};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus")
}

/// One CSV record (fields may be quoted, with `""` for a quote).
fn fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            _ => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// A cell: where it is, what labels its row, what it holds.
#[derive(Debug, Clone, PartialEq)]
struct Found {
    page: u32,
    code: String,
    name: String,
    value: String,
}

type Key = (String, usize, String);

fn truth(pdf: &str) -> BTreeMap<Key, Found> {
    let path = corpus().join("truth").join(pdf.replace(".pdf", ".csv"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("table,page,row,code,name,column,col_index,unit,value"));
    let mut out = BTreeMap::new();
    for l in lines {
        let f = fields(l);
        assert_eq!(f.len(), 9, "{l}");
        let key = (f[0].clone(), f[2].parse().unwrap(), f[5].clone());
        let cell = Found { page: f[1].parse().unwrap(), code: f[3].clone(), name: f[4].clone(), value: f[8].clone() };
        assert!(out.insert(key, cell).is_none(), "duplicate truth line {l}");
    }
    out
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every amount cell Yusuan reads, keyed like the truth. Transposed tables (三公) are keyed by their
/// item (the row's role), as the truth names them.
fn extracted(doc: &Document) -> BTreeMap<Key, Found> {
    let mut out = BTreeMap::new();
    for t in &doc.tables {
        for row in &t.rows {
            for (i, col) in t.columns.iter().enumerate() {
                let Some(Cell::Amount(a)) = row.cells.get(i) else { continue };
                if col.role != ColumnRole::Amount {
                    continue;
                }
                let (page, bbox) = (a.loc.page.expect("every amount has its page"), a.loc.bbox.expect("and its box"));
                assert!(bbox[0] < bbox[2] && bbox[1] < bbox[3], "{} row {}: empty box {bbox:?}", t.kind, row.position);
                let name = if t.kind == "three_public" {
                    row.roles.first().cloned().unwrap_or_default()
                } else {
                    t.row_label(row, col.name_column.as_deref()).to_string()
                };
                let found = Found {
                    page,
                    code: row.code.as_deref().unwrap_or_default().to_string(),
                    name: no_space(&name),
                    value: a.value.yuan_string(),
                };
                out.insert((t.kind.clone(), row.position, col.id.clone()), found);
            }
        }
    }
    out
}

#[test]
fn every_amount_cell_of_the_corpus_pdfs_matches_the_ground_truth() {
    let mut pdfs: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".pdf"))
        .collect();
    pdfs.sort();
    assert_eq!(pdfs.len(), 5);
    let (mut all_truth, mut all_got, mut all_right) = (0, 0, 0);
    let mut problems = Vec::new();
    for pdf in &pdfs {
        let doc = yusuan_read::read_path(&corpus().join(pdf), None).unwrap_or_else(|e| panic!("{e}"));
        let want = truth(pdf);
        let got = extracted(&doc);
        let mut right = 0;
        for (k, w) in &want {
            match got.get(k) {
                Some(g)
                    if g.value == w.value && g.code == w.code && g.name == no_space(&w.name) && g.page == w.page =>
                {
                    right += 1
                }
                Some(g) => problems.push(format!("{pdf} {k:?}: want {w:?}, got {g:?}")),
                None => problems.push(format!("{pdf} {k:?}: want {w:?}, not extracted")),
            }
        }
        for (k, g) in &got {
            if !want.contains_key(k) {
                problems.push(format!("{pdf} {k:?}: extracted {g:?}, not in the truth"));
            }
        }
        println!(
            "{pdf}: {} truth cells, {} extracted, {right} right: precision {:.1}%, recall {:.1}%",
            want.len(),
            got.len(),
            100.0 * right as f64 / got.len().max(1) as f64,
            100.0 * right as f64 / want.len().max(1) as f64
        );
        all_truth += want.len();
        all_got += got.len();
        all_right += right;
    }
    println!(
        "corpus: {all_truth} truth cells, {all_got} extracted, {all_right} right: precision {:.2}%, recall {:.2}%",
        100.0 * all_right as f64 / all_got.max(1) as f64,
        100.0 * all_right as f64 / all_truth.max(1) as f64
    );
    assert!(problems.is_empty(), "{} differences:\n{}", problems.len(), problems.join("\n"));
}
