//! Writing every output of a build into a folder, atomically: everything is rendered in memory, written
//! into a fresh sibling folder, and only then renamed into place, so a failed build never leaves a
//! half-written folder and a reader never sees a mix of two builds.

use crate::{Built, Input};
use std::path::{Path, PathBuf};
use yusuan_model::Catalog;

/// The files a build writes, in order.
pub const FILES: [&str; 7] =
    ["disclosure.txt", "disclosure.xlsx", "index.html", "lines.csv", "cells.csv", "model.json", "datapackage.json"];

/// Why the outputs could not be written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// A file system error.
    #[error("{0}：{1}")]
    Io(String, std::io::Error),
    /// An output could not be rendered.
    #[error("{0} 无法生成：{1}")]
    Render(&'static str, String),
}

/// Renders every output in memory.
pub fn render(input: &Input, built: &Built, catalog: &Catalog) -> Result<Vec<(&'static str, Vec<u8>)>, OutputError> {
    let r = |name: &'static str| move |e: &dyn std::fmt::Display| OutputError::Render(name, e.to_string());
    Ok(vec![
        (FILES[0], built.package.to_text().into_bytes()),
        (FILES[1], crate::xlsx::write_disclosure(&built.package).map_err(|e| r(FILES[1])(&e))?),
        (FILES[2], crate::html::write_index(built, catalog).into_bytes()),
        (FILES[3], crate::opendata::lines_csv(input, catalog).map_err(|e| r(FILES[3])(&e))?),
        (FILES[4], crate::opendata::cells_csv(&built.package).map_err(|e| r(FILES[4])(&e))?),
        (FILES[5], crate::opendata::model_json(input, built).map_err(|e| r(FILES[5])(&e))?),
        (FILES[6], crate::opendata::datapackage_json(input).map_err(|e| r(FILES[6])(&e))?),
    ])
}

/// The PDF of the package (`disclosure.pdf`), typeset with the CJK font installed on the machine. Fails
/// with [`yusuan_print::PrintError::NoFont`] when there is none; the other outputs do not need a font.
pub fn render_pdf(built: &Built) -> Result<Vec<u8>, yusuan_print::PrintError> {
    render_pdf_with(built, &mut yusuan_print::FontFile::find()?)
}

/// [`render_pdf`] with a font already loaded (for building many packages).
pub fn render_pdf_with(built: &Built, font: &mut yusuan_print::FontFile) -> Result<Vec<u8>, yusuan_print::PrintError> {
    let layout = yusuan_model::Layout::by_id(&built.document.meta.layout)
        .unwrap_or_else(|_| &yusuan_model::Layout::bundled()[0]);
    yusuan_print::pdf(&built.document, layout, font)
}

/// Writes `files` into `out`, replacing it as a whole.
pub fn write_atomically(out: &Path, files: &[(&str, Vec<u8>)]) -> Result<(), OutputError> {
    let io = |p: &Path| {
        let p = p.display().to_string();
        move |e| OutputError::Io(p, e)
    };
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(io(parent))?;
    let name = out.file_name().map_or("out".into(), |n| n.to_string_lossy().into_owned());
    let sibling = |tag: &str| -> PathBuf { parent.join(format!(".{name}.{tag}-{}", std::process::id())) };
    let tmp = sibling("tmp");
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir(&tmp).map_err(io(&tmp))?;
    let result = (|| {
        for (f, bytes) in files {
            let p = tmp.join(f);
            std::fs::write(&p, bytes).map_err(io(&p))?;
        }
        let old = sibling("old");
        let had_old = out.exists();
        if had_old {
            std::fs::rename(out, &old).map_err(io(out))?;
        }
        if let Err(e) = std::fs::rename(&tmp, out) {
            if had_old {
                let _ = std::fs::rename(&old, out);
            }
            return Err(io(out)(e));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Writes one file atomically (a temporary sibling renamed into place).
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let io = |e| OutputError::Io(path.display().to_string(), e);
    let name = path.file_name().map_or("out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(e)
    })
}
