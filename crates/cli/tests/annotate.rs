//! `yusuan check FILE.pdf --annotate OUT.pdf` on a real disclosure: one Square annotation per located
//! finding, at the finding's box converted to PDF user space, appended as an incremental update.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan")).args(args).output().expect("run yusuan")
}

/// A fresh folder per test and file (tests run in parallel and check that no temporary file is left).
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-annotate-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn num(o: &lopdf::Object) -> f64 {
    match o {
        lopdf::Object::Integer(i) => *i as f64,
        lopdf::Object::Real(r) => *r as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// A PDF text string (UTF-16BE with BOM, or PDFDocEncoding ASCII) as Rust text.
fn text(o: &lopdf::Object) -> String {
    let lopdf::Object::String(b, _) = o else { panic!("not a string: {o:?}") };
    match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => {
            String::from_utf16(&u.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect::<Vec<_>>()).unwrap()
        }
        None => String::from_utf8_lossy(b).into_owned(),
    }
}

#[test]
fn every_located_finding_is_boxed_and_commented_at_its_place() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/sh-putuo-czj-2025-dept-budget.pdf");
    let out = scratch("annotated.pdf");
    let o = yusuan(&["check", "--format", "json", "--annotate", out.to_str().unwrap(), src.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let located: Vec<&serde_json::Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["location"]["page"].is_u64() && f["location"]["bbox"].is_array())
        .collect();
    assert!(located.iter().any(|f| f["rule"] == "M004"), "the misplaced empty-table note is among them");
    assert!(err.contains(&format!("标注 {} 处", located.len())), "{err}");

    // The original bytes are kept as they are; the annotations are an incremental update.
    let original = std::fs::read(&src).unwrap();
    let annotated = std::fs::read(&out).unwrap();
    assert!(annotated.len() > original.len() && annotated.starts_with(&original));
    assert!(!std::fs::read_dir(out.parent().unwrap()).unwrap().any(|e| e
        .unwrap()
        .file_name()
        .to_string_lossy()
        .ends_with(".tmp")));

    let doc = lopdf::Document::load_mem(&annotated).expect("the annotated PDF parses");
    let pages = doc.get_pages();
    assert_eq!(pages.len(), lopdf::Document::load_mem(&original).unwrap().get_pages().len());
    let mut found = Vec::new();
    for (&n, &id) in &pages {
        let page = doc.get_dictionary(id).unwrap();
        let Ok(annots) = page.get(b"Annots") else { continue };
        let annots = doc.dereference(annots).unwrap().1.as_array().unwrap().clone();
        let media: Vec<f64> = page.get(b"MediaBox").unwrap().as_array().unwrap().iter().map(num).collect();
        assert!(page.get(b"Rotate").map_or(true, |r| num(r) == 0.0));
        for a in annots {
            let a = doc.dereference(&a).unwrap().1.as_dict().unwrap();
            assert_eq!(a.get(b"Subtype").unwrap().as_name().unwrap(), b"Square");
            let rect: Vec<f64> = a.get(b"Rect").unwrap().as_array().unwrap().iter().map(num).collect();
            found.push((n, rect, text(a.get(b"T").unwrap()), text(a.get(b"Contents").unwrap()), media[3]));
        }
    }
    assert_eq!(found.len(), located.len());
    // Each finding has its annotation on its page, at its box: x unchanged, y flipped from the top of
    // the page (y down) to PDF user space (y up), with a 1.5 pt margin.
    for f in &located {
        let rule = f["rule"].as_str().unwrap();
        let page = f["location"]["page"].as_u64().unwrap() as u32;
        let b: Vec<f64> = f["location"]["bbox"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        let i = found
            .iter()
            .position(|(p, rect, title, contents, top)| {
                let want = [b[0] - 1.5, top - b[3] - 1.5, b[2] + 1.5, top - b[1] + 1.5];
                *p == page
                    && title == &format!("Yusuan {rule}")
                    && contents.starts_with(rule)
                    && contents.contains(f["message"].as_str().unwrap())
                    && rect.iter().zip(want).all(|(g, w)| (g - w).abs() < 0.05)
            })
            .unwrap_or_else(|| panic!("no annotation for {f} among {found:?}"));
        found.remove(i);
    }
    assert!(found.is_empty());
}

#[test]
fn annotate_needs_exactly_one_pdf() {
    let out = scratch("x.pdf");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/hanshan-kegongxin-2025-budget.txt");
    let o = yusuan(&["check", "--annotate", out.to_str().unwrap(), seed.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("PDF"));
    assert!(!out.exists());
}

#[test]
fn findings_without_a_place_are_listed_in_a_note_on_the_first_page() {
    // The 决算 prints no department code and name above its tables: M010 has no place to box.
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus/sh-putuo-czj-2024-dept-final.pdf");
    let out = scratch("final-annotated.pdf");
    let o = yusuan(&["check", "--annotate", out.to_str().unwrap(), src.to_str().unwrap()]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&o.stderr));
    let doc = lopdf::Document::load_mem(&std::fs::read(&out).unwrap()).unwrap();
    let first = doc.get_dictionary(doc.get_pages()[&1]).unwrap();
    let annots = doc.dereference(first.get(b"Annots").unwrap()).unwrap().1.as_array().unwrap().clone();
    let notes: Vec<String> = annots
        .iter()
        .map(|a| doc.dereference(a).unwrap().1.as_dict().unwrap().clone())
        .filter(|a| a.get(b"Subtype").unwrap().as_name().unwrap() == b"Text")
        .map(|a| text(a.get(b"Contents").unwrap()))
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("M010"), "{}", notes[0]);
}
