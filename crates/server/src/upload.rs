//! Uploads: the type is sniffed from the content (never the name), workbooks are inspected for zip bombs
//! before any decompression, and reading + checking run on a blocking thread.

use crate::error::AppError;
use yusuan_check::Report;
use yusuan_model::{Catalog, Document};

/// The largest upload accepted, in bytes (enforced while the body streams in).
pub const MAX_UPLOAD: usize = 50 * 1024 * 1024;
/// The most a workbook may claim to decompress to.
const MAX_UNZIPPED: u64 = 200 * 1024 * 1024;
/// The highest compression ratio of one workbook member that is still believable.
const MAX_RATIO: u64 = 200;

/// What kind of file an upload is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A published PDF.
    Pdf,
    /// An XLSX/ODS workbook (zip): a published disclosure saved as a workbook.
    Workbook,
    /// Yusuan's fill-in workbook of budget lines (`yusuan template`): the package is built from it.
    FillIn,
    /// An XLS workbook (OLE compound file).
    Xls,
    /// Tab-separated text extracted from a PDF.
    Text,
}

impl Kind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Pdf => "pdf",
            Kind::Workbook => "xlsx",
            Kind::FillIn => "fill_in",
            Kind::Xls => "xls",
            Kind::Text => "text",
        }
    }
    /// The MIME type for downloads.
    pub fn mime(s: &str) -> &'static str {
        match s {
            "pdf" => "application/pdf",
            "xlsx" | "fill_in" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xls" => "application/vnd.ms-excel",
            _ => "text/plain; charset=utf-8",
        }
    }
}

/// Decides the kind from the first bytes; refuses anything else.
pub fn sniff(bytes: &[u8]) -> Result<Kind, AppError> {
    if bytes.is_empty() {
        return Err(AppError::Unprocessable("文件为空".into()));
    }
    if bytes.starts_with(b"%PDF-") {
        return Ok(Kind::Pdf);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Ok(Kind::Workbook);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Kind::Xls);
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(t) if !t.contains('\0') => Ok(Kind::Text),
        _ => Err(AppError::Unprocessable(
            "不支持的文件类型：请上传预决算公开的 PDF、XLSX/XLS/ODS 工作簿，或从 PDF 提取的 UTF-8 文本".into(),
        )),
    }
}

/// Reads a zip's central directory and refuses archives that claim too much, compress too well, or are
/// not workbooks (no `xl/workbook.xml` nor ODS `content.xml`).
pub fn inspect_zip(bytes: &[u8]) -> Result<(), AppError> {
    let bad = |m: &str| Err(AppError::Unprocessable(format!("工作簿无法读取：{m}")));
    let u16_at = |i: usize| bytes.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64);
    let u32_at = |i: usize| bytes.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64);
    // End of central directory: the last "PK\x05\x06" within 64 KiB + 22 bytes of the end.
    let tail = bytes.len().saturating_sub(65_557);
    let Some(eocd) = (tail..bytes.len().saturating_sub(21)).rev().find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
    else {
        return bad("不是完整的 zip 文件");
    };
    let (Some(entries), Some(mut at)) = (u16_at(eocd + 10), u32_at(eocd + 16)) else { return bad("目录损坏") };
    if entries > 10_000 {
        return bad("成员过多");
    }
    let mut total = 0u64;
    let mut workbook = false;
    for _ in 0..entries {
        let at_usize = at as usize;
        if !bytes.get(at_usize..).is_some_and(|b| b.starts_with(b"PK\x01\x02")) {
            return bad("目录损坏");
        }
        let (Some(comp), Some(size), Some(n), Some(extra), Some(comment)) = (
            u32_at(at_usize + 20),
            u32_at(at_usize + 24),
            u16_at(at_usize + 28),
            u16_at(at_usize + 30),
            u16_at(at_usize + 32),
        ) else {
            return bad("目录损坏");
        };
        if comp == 0xFFFF_FFFF || size == 0xFFFF_FFFF {
            return bad("不接受 zip64 工作簿");
        }
        let name = bytes.get(at_usize + 46..at_usize + 46 + n as usize).unwrap_or(b"");
        workbook |= name == b"xl/workbook.xml" || name == b"content.xml";
        total += size;
        if total > MAX_UNZIPPED || size > comp.max(1) * MAX_RATIO && size > 1024 * 1024 {
            return bad("解压后体积异常（疑似 zip 炸弹）");
        }
        at += 46 + n + extra + comment;
    }
    if !workbook {
        return bad("zip 文件中没有工作簿内容");
    }
    Ok(())
}

/// A read and checked upload.
pub struct Upload {
    /// The file.
    pub bytes: Vec<u8>,
    /// Its kind.
    pub kind: Kind,
    /// What was read.
    pub document: Document,
    /// `document` as JSON.
    pub document_json: String,
    /// The check report.
    pub report: Report,
    /// `report` as JSON.
    pub report_json: String,
}

/// Sniffs, reads and checks an upload on a blocking thread; a reader panic is an error, not a crash.
pub async fn read_and_check(
    filename: String,
    bytes: Vec<u8>,
    layout: Option<String>,
    catalog: std::sync::Arc<Catalog>,
) -> Result<Upload, AppError> {
    if bytes.len() > MAX_UPLOAD {
        return Err(AppError::TooLarge((MAX_UPLOAD / 1024 / 1024) as u64));
    }
    let mut kind = sniff(&bytes)?;
    if kind == Kind::Workbook {
        inspect_zip(&bytes)?;
    }
    tokio::task::spawn_blocking(move || {
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let doc = if kind == Kind::Workbook && yusuan_build::tabular::is_fill_in(&bytes) {
                kind = Kind::FillIn;
                build(&filename, &bytes, &catalog)?
            } else {
                yusuan_read::read_bytes(&filename, &bytes, layout.as_deref()).map_err(|e| e.to_string())?
            };
            let report = yusuan_check::check(&doc, &catalog);
            Ok::<_, String>((doc, report))
        }));
        let (document, report) = match read {
            Ok(Ok(r)) => r,
            Ok(Err(e)) => return Err(AppError::Unprocessable(e)),
            Err(_) => return Err(AppError::Unprocessable(format!("{filename}：文件无法读取（读取器内部错误）"))),
        };
        let document_json = serde_json::to_string(&document).map_err(|e| AppError::Internal(e.to_string()))?;
        let report_json = serde_json::to_string(&report).map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(Upload { bytes, kind, document, document_json, report, report_json })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

/// Builds the package from a fill-in workbook; a refused input names every sheet row that is wrong.
fn build(filename: &str, bytes: &[u8], catalog: &Catalog) -> Result<Document, String> {
    use yusuan_build::read::ReadInputError;
    let refused = |errors: Vec<yusuan_build::InputError>| {
        let list: Vec<String> = errors.iter().take(20).map(|e| format!("{}：{}", e.place, e.message)).collect();
        let more = errors.len().saturating_sub(20);
        let more = if more > 0 { format!("；另有 {more} 处") } else { String::new() };
        format!("{filename}：填报工作簿有 {} 处错误：{}{more}", errors.len(), list.join("；"))
    };
    let (input, origins) = yusuan_build::tabular::read_workbook(filename, bytes).map_err(|e| match e {
        ReadInputError::Entries(errors) => refused(errors),
        other => other.to_string(),
    })?;
    yusuan_build::build(&input, &origins, catalog).map(|b| b.document).map_err(refused)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content() {
        assert_eq!(sniff(b"%PDF-1.7\n").unwrap(), Kind::Pdf);
        assert_eq!(sniff("部门预算\t1".as_bytes()).unwrap(), Kind::Text);
        assert!(sniff(b"\x89PNG\r\n\x1a\n\0\0").is_err());
        assert!(sniff(b"").is_err());
    }

    #[test]
    fn refuses_a_zip_without_a_workbook_or_broken() {
        assert!(inspect_zip(b"PK\x03\x04garbage").is_err());
    }
}
