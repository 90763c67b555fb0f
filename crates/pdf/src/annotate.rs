//! Marks on a PDF as annotations any viewer shows: the original file byte for byte followed by an
//! incremental update (new annotation objects and the changed page dictionaries), so nothing of the
//! original is rewritten. Used for "the published PDF with every finding boxed at its place".

use lopdf::{Dictionary, IncrementalDocument, Object, ObjectId, StringFormat};
use std::collections::BTreeMap;

/// One box to draw and comment: page (1-based), box in page coordinates (y down, as the reader gives
/// them), the annotation's title and text, and its colour (RGB 0…1).
#[derive(Clone, Debug, PartialEq)]
pub struct Mark {
    /// Page, 1-based.
    pub page: u32,
    /// Box in page coordinates (x0, y0, x1, y1), y down.
    pub bbox: [f32; 4],
    /// Title (/T).
    pub title: String,
    /// Text (/Contents).
    pub contents: String,
    /// Colour.
    pub colour: [f32; 3],
}

/// A finding as the annotator shows it: the rule code, the severity (`error`, `warning` or `info`, as
/// reports spell it) and its word, the message, the expected and printed values, and its place.
#[derive(Clone, Copy, Debug)]
pub struct Noted<'a> {
    /// Rule code.
    pub rule: &'a str,
    /// `error`, `warning` or `info`.
    pub severity: &'a str,
    /// The severity's word (错误, 警告, 提示).
    pub label: &'a str,
    /// What is wrong.
    pub message: &'a str,
    /// What was expected.
    pub expected: Option<&'a str>,
    /// What was printed.
    pub actual: Option<&'a str>,
    /// Page (1-based) and box, when the finding has a place.
    pub place: Option<(u32, [f32; 4])>,
}

/// The box of each finding that has a place (coloured by severity, commented with its message and, where
/// given, the expected and printed values), and one note listing the findings that have none (something
/// missing from the document), as [`annotate`] takes them.
pub fn marks<'a>(findings: impl IntoIterator<Item = Noted<'a>>) -> (Vec<Mark>, Option<String>) {
    let mut marks = Vec::new();
    let mut placeless = Vec::new();
    for f in findings {
        let text = format!("{} {}：{}", f.rule, f.label, f.message);
        let Some((page, bbox)) = f.place else {
            placeless.push(text);
            continue;
        };
        let contents = match (f.expected, f.actual) {
            (Some(e), Some(a)) => format!("{text}（应为 {e}，实为 {a}）"),
            _ => text,
        };
        let colour = match f.severity {
            "error" => [0.85, 0.0, 0.0],
            "warning" => [0.95, 0.55, 0.0],
            _ => [0.0, 0.35, 0.85],
        };
        marks.push(Mark { page, bbox, title: format!("Yusuan {}", f.rule), contents, colour });
    }
    let note = (!placeless.is_empty()).then(|| format!("全文问题（无具体位置）：\n{}", placeless.join("\n")));
    (marks, note)
}

/// A PDF text string (UTF-16BE with its byte-order mark), as annotation texts must be for CJK.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// The annotation rectangle in user space for a box in page coordinates (y down), given the page's
/// map back to user space (see [`crate::user_space_transforms`]), with a small margin.
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

fn real(v: f64) -> Object {
    Object::Real(v as f32)
}

fn rgb(c: [f32; 3]) -> Object {
    Object::Array(c.iter().map(|c| Object::Real(*c)).collect())
}

/// `original` (the bytes of `source`) with one Square annotation per mark whose page exists, and, when
/// `note` is given, one Text annotation on the first page holding it (what has no place in the
/// document). Returns the new file and how many marks were drawn.
pub fn annotate(source: &str, original: &[u8], marks: &[Mark], note: Option<&str>) -> Result<(Vec<u8>, usize), String> {
    let transforms = crate::user_space_transforms(original).map_err(|e| format!("{source}：{e}"))?;
    let mut inc: IncrementalDocument =
        original.try_into().map_err(|e: lopdf::Error| format!("{source}：PDF 无法写入批注（{e}）"))?;
    let pages = inc.get_prev_documents().get_pages();
    let mut per_page: BTreeMap<u32, Vec<ObjectId>> = BTreeMap::new();
    let mut n = 0;
    for mark in marks {
        let (Some(&page_id), Some(&m)) = (pages.get(&mark.page), transforms.get(mark.page as usize - 1)) else {
            continue;
        };
        let r = user_rect(mark.bbox, m);
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Subtype", Object::Name(b"Square".to_vec()));
        d.set("Rect", Object::Array(r.iter().map(|v| real(*v)).collect()));
        d.set("Contents", text_string(&mark.contents));
        d.set("T", text_string(&mark.title));
        d.set("Subj", text_string(&mark.title));
        d.set("NM", text_string(&format!("yusuan-{n}")));
        d.set("C", rgb(mark.colour));
        d.set("Border", Object::Array(vec![Object::Integer(0), Object::Integer(0), Object::Real(1.5)]));
        d.set("F", Object::Integer(4)); // print
        d.set("P", Object::Reference(page_id));
        let id = inc.new_document.add_object(Object::Dictionary(d));
        per_page.entry(mark.page).or_default().push(id);
        n += 1;
    }
    if let (Some(note), Some(&page_id), Some(&m)) = (note, pages.get(&1), transforms.first()) {
        let r = user_rect([12.0, 12.0, 30.0, 30.0], m);
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Annot".to_vec()));
        d.set("Subtype", Object::Name(b"Text".to_vec()));
        d.set("Rect", Object::Array(r.iter().map(|v| real(*v)).collect()));
        d.set("Contents", text_string(note));
        d.set("T", text_string("Yusuan"));
        d.set("Name", Object::Name(b"Note".to_vec()));
        d.set("C", rgb([0.95, 0.55, 0.0]));
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
    Ok((bytes, n))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn noted<'a>(rule: &'a str, severity: &'a str, place: Option<(u32, [f32; 4])>) -> Noted<'a> {
        Noted {
            rule,
            severity,
            label: "错误",
            message: "合计不等于各项之和",
            expected: Some("10.00"),
            actual: Some("9.00"),
            place,
        }
    }

    #[test]
    fn placed_findings_become_coloured_boxes_and_the_rest_one_note() {
        let bbox = [10.0, 20.0, 30.0, 40.0];
        let (boxes, note) = marks([
            noted("A001", "error", Some((2, bbox))),
            noted("X001", "warning", Some((3, bbox))),
            noted("M001", "error", None),
        ]);
        assert_eq!(boxes.len(), 2);
        assert_eq!(boxes[0].page, 2);
        assert_eq!(boxes[0].bbox, bbox);
        assert_eq!(boxes[0].title, "Yusuan A001");
        assert_eq!(boxes[0].contents, "A001 错误：合计不等于各项之和（应为 10.00，实为 9.00）");
        assert_ne!(boxes[0].colour, boxes[1].colour, "errors and warnings are told apart");
        // The note names what has no place, without values.
        assert_eq!(note.as_deref(), Some("全文问题（无具体位置）：\nM001 错误：合计不等于各项之和"));
        assert_eq!(marks([noted("A001", "info", Some((1, bbox)))]).1, None);
    }
}
