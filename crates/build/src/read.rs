//! Reading the input: one TOML or JSON file, a folder of CSV files, or the fill-in workbook.

use crate::{Input, InputError, Origins};
use std::path::Path;

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadInputError {
    /// The file could not be read.
    #[error("{0}：无法读取（{1}）")]
    Io(String, std::io::Error),
    /// The file is not valid input.
    #[error("{0}")]
    Invalid(String),
    /// Entries were refused.
    #[error("输入有 {} 处错误", .0.len())]
    Entries(Vec<InputError>),
}

/// Reads an input file or folder, choosing the reader by its extension.
pub fn read_input(path: &Path) -> Result<(Input, Origins), ReadInputError> {
    let file = path.display().to_string();
    if path.is_dir() {
        return crate::tabular::read_csv_dir(path);
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let bytes = std::fs::read(path).map_err(|e| ReadInputError::Io(file.clone(), e))?;
    match ext.as_str() {
        "toml" => {
            let text = std::str::from_utf8(&bytes)
                .map_err(|e| ReadInputError::Invalid(format!("{file}：不是 UTF-8 文本（{e}）")))?;
            toml::from_str(text)
                .map(|i| (i, Origins::default()))
                .map_err(|e| ReadInputError::Invalid(format!("{file}：{e}")))
        }
        "xlsx" | "xls" | "ods" | "xlsm" => crate::tabular::read_workbook(&file, &bytes),
        "json" => serde_json::from_slice(&bytes)
            .map(|i| (i, Origins::default()))
            .map_err(|e| ReadInputError::Invalid(format!("{file}：第 {} 行第 {} 列：{e}", e.line(), e.column()))),
        _ => {
            Err(ReadInputError::Invalid(format!("{file}：不认识的输入格式（应为 .toml、.json、.xlsx 或 CSV 文件夹）")))
        }
    }
}
