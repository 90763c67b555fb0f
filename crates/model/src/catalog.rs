//! Classification catalogs (政府收支分类科目): bundled reference rows and user-loaded official ones.

use serde::{Deserialize, Serialize};

// FxHash: SipHash dominated every code lookup, and a bundled or officially published catalog needs no
// protection from chosen collisions.
type Map<K, V> = rustc_hash::FxHashMap<K, V>;
use std::path::Path;

/// Which classification a code belongs to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// 支出功能分类 (类/款/项 = 3/5/7 digits)
    #[default]
    Function,
    /// 部门预算支出经济分类 (类/款 = 3/5 digits)
    Economic,
}

impl Classification {
    /// The valid code lengths.
    pub fn lengths(self) -> &'static [usize] {
        match self {
            Classification::Function => &[3, 5, 7],
            Classification::Economic => &[3, 5],
        }
    }
    /// The Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Classification::Function => "支出功能分类",
            Classification::Economic => "部门预算支出经济分类",
        }
    }
}

/// One catalog row.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CatalogEntry {
    /// The code.
    pub code: String,
    /// The official name.
    pub name: String,
    /// How the row was sourced (`public`, `public-name`, `knowledge`, `uncertain`, `official`).
    pub basis: String,
}

impl CatalogEntry {
    /// Whether the row was checked against a public or official source.
    pub fn verified(&self) -> bool {
        matches!(self.basis.as_str(), "public" | "official")
    }
}

/// A known variant or obsolete name.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct NameVariant {
    /// The code.
    pub code: String,
    /// The name seen in documents.
    pub observed: String,
    /// The 2025 name, or `None` when the code itself is obsolete.
    pub canonical: Option<String>,
    /// What kind of variant it is.
    pub kind: String,
}

/// A classification catalog.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    function: Map<String, CatalogEntry>,
    economic: Map<String, CatalogEntry>,
    variants: Vec<NameVariant>,
    /// The comparison key of each variant's observed name, in `variants` order.
    variant_keys: Vec<String>,
    /// Indices into `variants` of the old names: variants with a current name of another key.
    old_names: Vec<usize>,
    /// True for parts loaded from an official catalog file: a missing code is then an error.
    official: Map<Classification, bool>,
    /// Function 类 codes by the comparison key of their name.
    class_by_name: Map<String, String>,
    /// Whether every key of `class_by_name` is its own key, so that a name equal to one is found
    /// without computing its key.
    class_keys_fixed: bool,
    /// Where it came from.
    pub source: String,
}

/// Why a catalog file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file could not be read.
    #[error("无法读取科目表 {file}：{reason}")]
    Read {
        /// File name.
        file: String,
        /// Why.
        reason: String,
    },
    /// A row is malformed.
    #[error("科目表 {file} 第 {row} 行：{reason}")]
    Row {
        /// File name.
        file: String,
        /// 1-based row.
        row: usize,
        /// Why.
        reason: String,
    },
}

const FUNCTION_CSV: &str = include_str!("../../../catalog/function_classification_2025.csv");
const ECONOMIC_CSV: &str = include_str!("../../../catalog/economic_classification_department_2025.csv");
const VARIANTS_CSV: &str = include_str!("../../../catalog/name_variants.csv");

impl Catalog {
    /// The catalog bundled with Yusuan (2025 reference rows; most 项 unverified).
    pub fn bundled() -> &'static Catalog {
        static C: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        C.get_or_init(|| {
            let mut c =
                Catalog { source: "内置参考科目表（2025，部分未核实）".into(), ..Catalog::default() };
            for (cls, text) in [(Classification::Function, FUNCTION_CSV), (Classification::Economic, ECONOMIC_CSV)] {
                for r in parse_rows("bundled", text).expect("bundled catalog is tested") {
                    c.map_mut(cls).insert(r.code.clone(), r);
                }
            }
            let mut rd = csv::Reader::from_reader(VARIANTS_CSV.as_bytes());
            for rec in rd.records().flatten() {
                let canonical = rec.get(2).unwrap_or("");
                c.variants.push(NameVariant {
                    code: rec.get(0).unwrap_or("").to_string(),
                    observed: rec.get(1).unwrap_or("").to_string(),
                    canonical: (!canonical.starts_with("(none")).then(|| canonical.to_string()),
                    kind: rec.get(3).unwrap_or("").to_string(),
                });
            }
            c.index_names();
            c
        })
    }

    /// The bundled catalog with the official rows of `path` (CSV or XLSX: code, name) laid over it.
    /// Every classification the file covers is then treated as complete and verified.
    pub fn with_official_file(path: &Path) -> Result<Catalog, CatalogError> {
        let file = path.display().to_string();
        let bytes =
            std::fs::read(path).map_err(|e| CatalogError::Read { file: file.clone(), reason: e.to_string() })?;
        Catalog::with_official_bytes(&file, &bytes)
    }

    /// [`Catalog::with_official_file`] for a file already in memory (an upload), named `file` in messages;
    /// a workbook is told from CSV text by its first bytes.
    pub fn with_official_bytes(file: &str, bytes: &[u8]) -> Result<Catalog, CatalogError> {
        let file = file.to_string();
        let workbook =
            bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
        let rows = if workbook {
            read_workbook(&file, bytes)?
        } else {
            let text = std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes))
                .map_err(|e| CatalogError::Read { file: file.clone(), reason: format!("不是 UTF-8 文本：{e}") })?;
            parse_rows(&file, text)?
        };
        if rows.is_empty() {
            return Err(CatalogError::Read {
                file, reason: "没有任何科目行（需要 code,name 两列）".into()
            });
        }
        let mut c = Catalog::bundled().clone();
        c.source = file;
        c.official.clear();
        for mut r in rows {
            let cls = if r.code.starts_with('2') { Classification::Function } else { Classification::Economic };
            if !c.is_official(cls) {
                c.map_mut(cls).clear();
                c.official.insert(cls, true);
            }
            r.basis = "official".into();
            c.map_mut(cls).insert(r.code.clone(), r);
        }
        c.index_names();
        Ok(c)
    }

    fn index_names(&mut self) {
        self.class_by_name = self
            .function
            .values()
            .filter(|e| e.code.len() == 3)
            .map(|e| (crate::layout::key(&e.name), e.code.clone()))
            .collect();
        self.class_keys_fixed = self.class_by_name.keys().all(|k| crate::layout::key(k) == *k);
        self.variant_keys = self.variants.iter().map(|v| crate::layout::key(&v.observed)).collect();
        self.old_names = (0..self.variants.len())
            .filter(|&i| {
                let canonical = self.variants[i].canonical.as_deref();
                canonical.is_some_and(|c| crate::layout::key(c) != self.variant_keys[i])
            })
            .collect();
    }

    fn map_mut(&mut self, cls: Classification) -> &mut Map<String, CatalogEntry> {
        match cls {
            Classification::Function => &mut self.function,
            Classification::Economic => &mut self.economic,
        }
    }

    /// Every entry of a classification, sorted by code (for drop-down lists).
    pub fn entries(&self, cls: Classification) -> Vec<&CatalogEntry> {
        let map = match cls {
            Classification::Function => &self.function,
            Classification::Economic => &self.economic,
        };
        let mut v: Vec<&CatalogEntry> = map.values().collect();
        v.sort_by(|a, b| a.code.cmp(&b.code));
        v
    }

    /// Looks a code up.
    pub fn get(&self, cls: Classification, code: &str) -> Option<&CatalogEntry> {
        match cls {
            Classification::Function => self.function.get(code),
            Classification::Economic => self.economic.get(code),
        }
    }

    /// Whether this classification came from an official file (then absence is an error).
    pub fn is_official(&self, cls: Classification) -> bool {
        self.official.get(&cls).copied().unwrap_or(false)
    }

    /// Known variants and obsolete names.
    pub fn variants(&self) -> &[NameVariant] {
        &self.variants
    }

    /// The comparison key (`layout::key`) of each variant's observed name, in [`Catalog::variants`] order.
    pub fn variant_keys(&self) -> &[String] {
        &self.variant_keys
    }

    /// The old names among [`Catalog::variants`] (a current name whose key differs from the observed
    /// name's), with their keys from [`Catalog::variant_keys`], in `variants` order.
    pub fn old_names(&self) -> impl Iterator<Item = (&NameVariant, &String)> {
        self.old_names.iter().map(|&i| (&self.variants[i], &self.variant_keys[i]))
    }

    /// The function 类 whose official name is `name` (numbering and whitespace ignored).
    pub fn function_class_by_name(&self, name: &str) -> Option<&CatalogEntry> {
        self.function_class_by_unnumbered_name(crate::layout::strip_numbering(name))
    }

    /// [`Catalog::function_class_by_name`] for a name whose numbering was already stripped
    /// (`layout::strip_numbering`), for callers that keep the stripped name too.
    pub fn function_class_by_unnumbered_name(&self, name: &str) -> Option<&CatalogEntry> {
        self.function_class_code_by_unnumbered_name(name).and_then(|code| self.function.get(code))
    }

    /// The code of [`Catalog::function_class_by_unnumbered_name`]'s entry, without looking the entry up
    /// (every code of the name index is a function entry's).
    pub fn function_class_code_by_unnumbered_name(&self, name: &str) -> Option<&str> {
        // A name equal to a key that is its own key has that key: no need to compute it.
        let printed_as_key = self.class_keys_fixed.then(|| self.class_by_name.get(name)).flatten();
        printed_as_key.or_else(|| crate::layout::with_key(name, |k| self.class_by_name.get(k))).map(String::as_str)
    }

    /// The code of the function 类 whose name has the comparison key (`layout::key`) `k`.
    pub fn function_class_by_key(&self, k: &str) -> Option<&str> {
        self.class_by_name.get(k).map(String::as_str)
    }

    /// Number of rows per classification.
    pub fn len(&self, cls: Classification) -> usize {
        match cls {
            Classification::Function => self.function.len(),
            Classification::Economic => self.economic.len(),
        }
    }
}

fn parse_rows(file: &str, text: &str) -> Result<Vec<CatalogEntry>, CatalogError> {
    let mut rd = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, rec) in rd.records().enumerate() {
        let rec = rec.map_err(|e| CatalogError::Row { file: file.into(), row: i + 1, reason: e.to_string() })?;
        let cells: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
        if let Some(e) = entry_from_cells(file, i + 1, &cells)? {
            out.push(e);
        }
    }
    Ok(out)
}

fn entry_from_cells(file: &str, row: usize, cells: &[String]) -> Result<Option<CatalogEntry>, CatalogError> {
    let code: String = cells.first().map(|c| c.chars().filter(|c| !c.is_whitespace()).collect()).unwrap_or_default();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
        // header or blank rows are skipped; a row with a name but no code is an error
        if row == 1 || code.is_empty() && cells.iter().all(|c| c.is_empty()) || code == "code" || code.contains("编码")
        {
            return Ok(None);
        }
        return Err(CatalogError::Row {
            file: file.into(), row, reason: format!("科目编码不是数字：{code:?}")
        });
    }
    let name = cells.get(1).cloned().unwrap_or_default();
    if name.is_empty() {
        return Err(CatalogError::Row { file: file.into(), row, reason: format!("科目 {code} 没有名称") });
    }
    let basis = cells.get(3).cloned().unwrap_or_else(|| "official".into());
    Ok(Some(CatalogEntry { code, name, basis }))
}

fn read_workbook(file: &str, bytes: &[u8]) -> Result<Vec<CatalogEntry>, CatalogError> {
    use calamine::{open_workbook_auto_from_rs, Reader};
    let mut wb = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| CatalogError::Read { file: file.to_string(), reason: e.to_string() })?;
    let mut out = Vec::new();
    for name in wb.sheet_names().to_vec() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| CatalogError::Read { file: file.to_string(), reason: e.to_string() })?;
        for (i, row) in range.rows().enumerate() {
            let cells: Vec<String> = row.iter().map(|c| c.to_string().trim().to_string()).collect();
            // Excel may store codes as numbers: 2010101.0 → 2010101
            let mut cells = cells;
            if let Some(c) = cells.first_mut() {
                if let Some(stripped) = c.strip_suffix(".0") {
                    *c = stripped.to_string();
                }
            }
            if let Some(e) = entry_from_cells(&format!("{file}#{name}"), i + 1, &cells)? {
                out.push(e);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_catalog_knows_the_seed_codes() {
        let c = Catalog::bundled();
        assert_eq!(c.get(Classification::Function, "20604").unwrap().name, "技术研究与开发");
        assert_eq!(c.get(Classification::Economic, "30231").unwrap().name, "公务用车运行维护费");
        assert!(c.get(Classification::Function, "2230105").unwrap().verified());
        assert!(c.len(Classification::Function) > 1000);
        assert_eq!(c.function_class_by_name("六、科学技术支出").unwrap().code, "206");
        assert!(c.variants().iter().any(|v| v.code == "30104" && v.canonical.is_none()));
    }

    #[test]
    fn official_xlsx_is_read_with_numeric_codes() {
        let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/official-function-catalog-sample.xlsx");
        let c = Catalog::with_official_file(&p).unwrap();
        assert!(c.is_official(Classification::Function));
        assert_eq!(c.get(Classification::Function, "206").unwrap().name, "科学技术支出");
        assert_eq!(c.get(Classification::Function, "20604").unwrap().basis, "official");
        assert!(c.get(Classification::Function, "2060502").is_none());
    }

    #[test]
    fn official_csv_replaces_the_classification_it_covers() {
        let dir = std::env::temp_dir().join(format!("yusuan-cat-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("official.csv");
        std::fs::write(&p, "编码,名称\n206,科学技术支出\n20601,科学技术管理事务\n").unwrap();
        let c = Catalog::with_official_file(&p).unwrap();
        assert!(c.is_official(Classification::Function));
        assert!(!c.is_official(Classification::Economic));
        assert!(c.get(Classification::Function, "2060101").is_none());
        assert!(c.get(Classification::Economic, "30101").is_some());
        std::fs::write(&p, "206,科学技术支出\nabc,坏行\n").unwrap();
        let e = Catalog::with_official_file(&p).unwrap_err().to_string();
        assert!(e.contains("第 2 行"), "{e}");
    }
}
