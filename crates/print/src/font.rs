//! The CJK font: found on the machine at run time (never bundled), measured with skrifa.

use crate::PrintError;
use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where Debian's CJK font packages put their files, best first (`fonts-noto-cjk`, `fonts-wqy-microhei`,
/// `fonts-wqy-zenhei`).
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/// A loaded font file with the advance widths of the characters measured so far.
pub struct FontFile {
    /// Where it was read from.
    pub path: PathBuf,
    data: Arc<Vec<u8>>,
    index: u32,
    /// Advance widths in em, by character.
    widths: HashMap<char, f32>,
}

impl FontFile {
    /// The font named by `YUSUAN_FONT`, else the first installed CJK font of [`CANDIDATES`].
    pub fn find() -> Result<FontFile, PrintError> {
        if let Some(p) = std::env::var_os("YUSUAN_FONT") {
            return FontFile::open(Path::new(&p));
        }
        let path = CANDIDATES.iter().map(Path::new).find(|p| p.is_file()).ok_or(PrintError::NoFont)?;
        FontFile::open(path)
    }

    /// Reads a TTF/OTF/TTC file (the first face of a collection) and checks it has Chinese glyphs.
    pub fn open(path: &Path) -> Result<FontFile, PrintError> {
        let data = std::fs::read(path).map_err(|e| PrintError::Font(path.to_path_buf(), e.to_string()))?;
        let mut f = FontFile { path: path.to_path_buf(), data: Arc::new(data), index: 0, widths: HashMap::new() };
        let font = f.face().ok_or_else(|| PrintError::Font(path.to_path_buf(), "不是可用的字体文件".into()))?;
        if font.charmap().map('预').is_none() {
            return Err(PrintError::Font(path.to_path_buf(), "字体没有中文字形".into()));
        }
        f.measure("0123456789.,-：（）%预算单位元万");
        Ok(f)
    }

    fn face(&self) -> Option<FontRef<'_>> {
        FontRef::from_index(&self.data, self.index).ok()
    }

    /// Measures and remembers the characters of `text` not measured yet.
    pub fn measure(&mut self, text: &str) {
        let missing: Vec<char> = text.chars().filter(|c| !self.widths.contains_key(c)).collect();
        if missing.is_empty() {
            return;
        }
        let Some(font) = self.face() else { return };
        let upem = font.head().map(|h| h.units_per_em()).unwrap_or(1000).max(1) as f32;
        let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
        let charmap = font.charmap();
        let found: Vec<(char, f32)> = missing
            .into_iter()
            .map(|c| {
                let w = charmap.map(c).and_then(|g| metrics.advance_width(g)).map_or(1.0, |w| w / upem);
                (c, w)
            })
            .collect();
        self.widths.extend(found);
    }

    /// The width of `text` at `size` points (characters not measured yet count one em).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.widths.get(&c).copied().unwrap_or(1.0)).sum::<f32>() * size
    }

    /// The font for krilla.
    pub(crate) fn krilla(&self) -> Result<krilla::text::Font, PrintError> {
        krilla::text::Font::new(self.data.clone().into(), self.index)
            .ok_or_else(|| PrintError::Font(self.path.clone(), "krilla 无法读取该字体".into()))
    }
}

use skrifa::raw::TableProvider;
