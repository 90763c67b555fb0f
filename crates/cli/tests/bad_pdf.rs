//! Broken, hostile and unusual PDFs: a clear error naming the file (exit 2) or a report, never a
//! panic or a hang. The PDFs are generated here, not committed.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/corpus").join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-bad-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Runs `yusuan check FILE`, killing it after `limit` (a hang fails the test).
fn check_within(path: &Path, limit: Duration) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["check", path.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yusuan");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > limit {
            child.kill().ok();
            panic!("yusuan check {} still running after {limit:?}", path.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Exit 2 with a message that names the file and contains `why`; no panic.
fn refused(path: &Path, why: &str) {
    let o = check_within(path, Duration::from_secs(60));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{}: {err}", path.display());
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(err.contains(name), "{err}");
    assert!(err.contains(why), "expected “{why}” in: {err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A PDF from object bodies (object `i + 1` is `objects[i]`), with a correct xref table and `trailer`
/// entries added to `/Size` and `/Root 1 0 R`.
fn pdf(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(o);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1)
            .as_bytes(),
    );
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut o = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    o.extend_from_slice(data);
    o.extend_from_slice(b"\nendstream");
    o
}

/// Catalog, page tree with `n` pages sharing one content stream and one resource dictionary.
fn pages(n: usize, resources: &str, content: Vec<u8>, extra: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    let first_page = 5;
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", first_page + i)).collect();
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes(),
        content,
        resources.as_bytes().to_vec(),
    ];
    for _ in 0..n {
        objects
            .push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources 4 0 R >>".to_vec());
    }
    objects.extend(extra);
    objects
}

#[test]
fn a_truncated_pdf_is_refused_as_truncated() {
    let bytes = std::fs::read(corpus("sh-putuo-czj-2025-dept-budget.pdf")).unwrap();
    for (name, cut) in [("cut-half.pdf", bytes.len() / 2), ("cut-tail.pdf", bytes.len() - 10), ("cut-head.pdf", 40)] {
        let p = scratch(name);
        std::fs::write(&p, &bytes[..cut]).unwrap();
        refused(&p, "截断");
    }
}

#[test]
fn an_encrypted_pdf_is_refused_as_encrypted() {
    // RC4 128-bit standard security handler whose user password is not empty (O/U are not those of
    // the empty password), so the document cannot be opened without one.
    let objects = pages(
        1,
        "<< >>",
        stream("", b"BT ET"),
        vec![format!(
            "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 /O <{}> /U <{}> >>",
            "4F".repeat(32),
            "55".repeat(32)
        )
        .into_bytes()],
    );
    let bytes =
        pdf(&objects, "/Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]");
    let p = scratch("encrypted.pdf");
    std::fs::write(&p, bytes).unwrap();
    refused(&p, "加密");
}

#[test]
fn a_scanned_pdf_without_text_is_refused_as_needing_ocr() {
    // Three pages, each one full-page greyscale image and no text: what a scanner produces.
    let (w, h) = (64usize, 90usize);
    let pixels: Vec<u8> = (0..w * h).map(|i| if (i / w) % 9 == 0 || i % w == 5 { 0 } else { 230 }).collect();
    let image = stream(
        &format!("/Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8"),
        &pixels,
    );
    let objects =
        pages(3, "<< /XObject << /Im0 8 0 R >> >>", stream("", b"q 595 0 0 842 0 0 cm /Im0 Do Q"), vec![image]);
    let p = scratch("scanned.pdf");
    std::fs::write(&p, pdf(&objects, "")).unwrap();
    refused(&p, "没有文本层");
    let err = stderr(&check_within(&p, Duration::from_secs(30)));
    assert!(err.contains("扫描") && err.contains("OCR"), "{err}");
}

#[test]
fn a_huge_pdf_is_refused_and_a_big_one_reads_in_bounded_time() {
    // Over the size limit: refused before parsing.
    let p = scratch("huge.pdf");
    let mut f = std::fs::File::create(&p).unwrap();
    std::io::Write::write_all(&mut f, b"%PDF-1.7\n").unwrap();
    f.set_len(40 * 1024 * 1024).unwrap();
    refused(&p, "过大");
    std::fs::remove_file(&p).ok();
    // 3,000 pages, each drawing 300 table rules and nothing else: read, found to have nothing readable, quickly.
    let mut content = Vec::new();
    for i in 0..150 {
        content.extend_from_slice(
            format!("50 {} m 545 {} l S {} 50 m {} 800 l S\n", 50 + i * 5, 50 + i * 5, 50 + i * 3, 50 + i * 3)
                .as_bytes(),
        );
    }
    let objects = pages(3000, "<< >>", stream("", &content), vec![]);
    let p = scratch("many-pages.pdf");
    std::fs::write(&p, pdf(&objects, "")).unwrap();
    let start = Instant::now();
    refused(&p, "没有可读的文字或图像");
    assert!(start.elapsed() < Duration::from_secs(60), "{:?}", start.elapsed());
}

#[test]
fn malformed_objects_give_an_error_or_a_report_never_a_panic() {
    let bytes = std::fs::read(corpus("sh-putuo-czj-2025-dept-budget.pdf")).unwrap();
    let mut cases: Vec<(&str, Vec<u8>)> = Vec::new();
    // The xref points past the end of the file.
    let at = bytes.windows(9).rposition(|w| w == b"startxref").unwrap();
    let mut b = bytes[..at].to_vec();
    b.extend_from_slice(b"startxref\n999999999\n%%EOF\n");
    cases.push(("bad-startxref.pdf", b));
    // Object bodies overwritten with garbage in the middle of the file (compressed streams included).
    for (name, from, len) in
        [("garbage-quarter.pdf", 4, 5000), ("garbage-middle.pdf", 2, 20000), ("garbage-third.pdf", 3, 60000)]
    {
        let mut b = bytes.clone();
        let start = b.len() / from;
        let end = (start + len).min(b.len() - 4096);
        let mut x: u32 = 0x1234_5678;
        for byte in &mut b[start..end] {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            *byte = x as u8;
        }
        cases.push((name, b));
    }
    // Every `endobj` and `endstream` keyword removed.
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if text.contains("endobj") {
        let mut b = bytes.clone();
        for pat in [&b"endobj"[..], &b"endstream"[..]] {
            let mut i = 0;
            while let Some(p) = b[i..].windows(pat.len()).position(|w| w == pat) {
                let j = i + p;
                b[j..j + pat.len()].fill(b' ');
                i = j + pat.len();
            }
        }
        cases.push(("no-endobj.pdf", b));
    }
    // A page whose /Contents is a dangling reference and whose /MediaBox is nonsense.
    let objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 -1e30 (x)] /Contents 99 0 R >>".to_vec(),
    ];
    cases.push(("dangling.pdf", pdf(&objects, "")));
    for (name, b) in cases {
        let p = scratch(name);
        std::fs::write(&p, &b).unwrap();
        let o = check_within(&p, Duration::from_secs(60));
        let err = stderr(&o);
        assert!(matches!(o.status.code(), Some(0..=2)), "{name}: {:?} {err}", o.status);
        assert!(!err.contains("panicked"), "{name}: {err}");
        if o.status.code() == Some(2) {
            assert!(err.contains(name), "{name}: {err}");
        }
    }
}
