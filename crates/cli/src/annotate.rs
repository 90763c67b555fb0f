//! `yusuan check FILE.pdf --annotate OUT.pdf`: a copy of the PDF with every located finding boxed
//! and commented at its place, as PDF annotations any viewer shows.
//!
//! The copy is the original file byte for byte followed by an incremental update (new annotation
//! objects and the changed page dictionaries), so nothing of the original is rewritten. It is written
//! to a temporary file next to `OUT.pdf` and renamed, so `OUT.pdf` is never half-written.

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, StringFormat};
use std::collections::BTreeMap;
use std::path::Path;
use yusuan_check::{Finding, Severity};

/// A PDF text string (UTF-16BE with its byte-order mark), as annotation texts must be for CJK.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The annotation rectangle in user space for a box in page coordinates (y down), given the page's
/// map back to user space (see [`yusuan_pdf::user_space_transforms`]), with a small margin.
pub fn user_rect(bbox: [f32; 4], m: [f64; 6]) -> [f64; 4] {
    let pad = 1.5;
    let (x0, y0, x1, y1) = (bbox[0] as f64 - pad, bbox[1] as f64 - pad, bbox[2] as f64 + pad, bbox[3] as f64 + pad);
    let map = |x: f64, y: f64| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
    let pts = [map(x0, y0), map(x1, y0), map(x0, y1), map(x1, y1)];
    let xs = pts.iter().map(|p| p.0);
    let ys = pts.iter().map(|p| p.1);
    [
        xs.clone().fold(f64::MAX, f64::min),
        ys.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
        ys.fold(f64::MIN, f64::max),
    ]
}

fn colour(s: Severity) -> [f32; 3] {
    match s {
        Severity::Error => [0.85, 0.0, 0.0],
        Severity::Warning => [0.95, 0.55, 0.0],
        _ => [0.0, 0.35, 0.85],
    }
}

fn real(v: f64) -> Object {
    Object::Real(v as f32)
}

/// Writes `out`: `original` (the bytes of `source`) with one Square annotation per finding that has a
/// page and a box, and one note on the first page listing the findings that have no place (something
/// missing from the document). Returns how many findings were boxed.
pub fn annotate(source: &str, original: &[u8], findings: &[Finding], out: &Path) -> Result<usize, String> {
    let transforms = yusuan_pdf::user_space_transforms(original).map_err(|e| format!("{source}：{e}"))?;
    let mut inc: IncrementalDocument =
        original.try_into().map_err(|e: lopdf::Error| format!("{source}：PDF 无法写入批注（{e}）"))?;
    let pages = inc.get_prev_documents().get_pages();
    let mut per_page: BTreeMap<u32, Vec<ObjectId>> = BTreeMap::new();
    let mut n = 0;
    for f in findings {
        let (Some(page), Some(bbox)) = (f.location.page, f.location.bbox) else { continue };
        let (Some(&page_id), Some(&m)) = (pages.get(&page), transforms.get(page as usize - 1)) else { continue };
        let r = user_rect(bbox, m);
        let mut contents = format!("{} {}：{}", f.rule, f.severity.label(), f.message);
        if let (Some(e), Some(a)) = (&f.expected, &f.actual) {
            contents.push_str(&format!("（应为 {e}，实为 {a}）"));
        }
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Subtype", Object::Name(b"Square".to_vec()));
        d.set("Rect", Object::Array(r.iter().map(|v| real(*v)).collect()));
        d.set("Contents", text_string(&contents));
        d.set("T", text_string(&format!("Yusuan {}", f.rule)));
        d.set("Subj", text_string(f.rule));
        d.set("NM", text_string(&format!("yusuan-{}-{n}", f.rule)));
        d.set("C", Object::Array(colour(f.severity).iter().map(|c| Object::Real(*c)).collect()));
        d.set("Border", Object::Array(vec![Object::Integer(0), Object::Integer(0), Object::Real(1.5)]));
        d.set("F", Object::Integer(4)); // print
        d.set("P", Object::Reference(page_id));
        let id = inc.new_document.add_object(Object::Dictionary(d));
        per_page.entry(page).or_default().push(id);
        n += 1;
    }
    // Findings about what is missing have no place in the document: one note on the first page lists them.
    let placeless: Vec<String> = findings
        .iter()
        .filter(|f| f.location.page.is_none() || f.location.bbox.is_none())
        .map(|f| format!("{} {}：{}", f.rule, f.severity.label(), f.message))
        .collect();
    if let (false, Some(&page_id), Some(&m)) = (placeless.is_empty(), pages.get(&1), transforms.first()) {
        let r = user_rect([12.0, 12.0, 30.0, 30.0], m);
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Subtype", Object::Name(b"Text".to_vec()));
        d.set("Rect", Object::Array(r.iter().map(|v| real(*v)).collect()));
        d.set("Contents", text_string(&format!("全文问题（无具体位置）：\n{}", placeless.join("\n"))));
        d.set("T", text_string("Yusuan"));
        d.set("Name", Object::Name(b"Note".to_vec()));
        d.set("C", Object::Array(colour(Severity::Warning).iter().map(|c| Object::Real(*c)).collect()));
        d.set("F", Object::Integer(4));
        d.set("P", Object::Reference(page_id));
        let id = inc.new_document.add_object(Object::Dictionary(d));
        per_page.entry(1).or_default().push(id);
    }
    for (page, ids) in per_page {
        let page_id = pages[&page];
        inc.opt_clone_object_to_new_document(page_id)
            .map_err(|e| format!("{source}：第 {page} 页无法写入批注（{e}）"))?;
        // Existing annotations stay: an /Annots reference is resolved into a direct array.
        let prev = inc.get_prev_documents();
        let mut annots: Vec<Object> =
            match inc.new_document.get_dictionary(page_id).ok().and_then(|d| d.get(b"Annots").ok()) {
                Some(Object::Array(a)) => a.clone(),
                Some(Object::Reference(r)) => match prev.get_object(*r) {
                    Ok(Object::Array(a)) => a.clone(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
        annots.extend(ids.into_iter().map(Object::Reference));
        let dict =
            inc.new_document.get_dictionary_mut(page_id).map_err(|e| format!("{source}：第 {page} 页（{e}）"))?;
        dict.set("Annots", Object::Array(annots));
    }
    let mut bytes = Vec::with_capacity(original.len() + 4096);
    inc.save_to(&mut bytes).map_err(|e| format!("{source}：批注 PDF 无法生成（{e}）"))?;
    write_atomically(out, &bytes).map_err(|e| format!("{}：无法写入（{e}）", out.display()))?;
    Ok(n)
}

/// Writes `bytes` to a temporary file in `path`'s directory and renames it over `path`.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
