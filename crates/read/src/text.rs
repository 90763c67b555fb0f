//! The text reader: tab-separated text as extracted from a published PDF.

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;
use yusuan_model::layout::{
    find_whitespace, key_append, key_changes, key_into, lead_byte_classes, may_start_whitespace, norm, strip_numbering,
    with_key, PageHead, TableKind,
};
use yusuan_model::{
    Amount, Cell, Column, ColumnRole, Document, Indicator, Layout, Loc, Money, Note, Paragraph, Project, Repair, Row,
    Section, ShortText, Table, TocEntry, Unit,
};

static DEPT_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{2,12})\s+(\S.{1,60})$").unwrap());
/// Four leading digits of any script (`\d` is Unicode): the year of a page-head year line, when a digit
/// is not ASCII.
static FOUR_DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})").unwrap());
static TOC_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(.*?)[.．…·\s]*\t?\s*(\d{1,4})\s*$").unwrap());
static YEAR_IN_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d\d)\s*年").unwrap());

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    Start,
    Toc,
    Table,
    Narrative,
    Project,
}

/// Reads `text` (tab-separated cells, one printed line per line) with `layout`.
pub fn read_text(source: &str, text: &str, layout: &Layout) -> Document {
    let doc = read_once(source, text, layout);
    // A table the layout knows is missing: its title may have wrapped onto the next line (a long
    // title led by the department's name). Read again with such titles joined; rare, so only then.
    if missing_tables(&doc, layout) == 0 {
        return doc;
    }
    read_with_titles_joined(source, text, layout, doc)
}

/// How many of the layout's tables `doc` lacks.
fn missing_tables(doc: &Document, layout: &Layout) -> usize {
    layout.tables.iter().filter(|k| doc.table(&k.id).is_none()).count()
}

/// The document read again from `text` with its wrapped titles joined (see [`join_wrapped_titles`]) when
/// that finds more of the layout's tables than `doc`, the first reading; else `doc`.
#[cold]
#[inline(never)]
fn read_with_titles_joined(source: &str, text: &str, layout: &Layout, doc: Document) -> Document {
    let Some((joined, repairs)) = join_wrapped_titles(text, layout) else { return doc };
    let mut again = read_once(source, &joined, layout);
    if missing_tables(&again, layout) >= missing_tables(&doc, layout) {
        return doc;
    }
    again.repairs.extend(repairs);
    again.repairs.sort_by_key(|r| r.loc.line);
    again
}

/// `text` with each table title that wrapped onto the next line (`邯山区…局2025年部门预算一般公共预算财`
/// / `政拨款基本支出表`, a blank line between them or not) printed on its first line, the second left
/// blank so that line numbers stay; and an R002 repair for each. None when no title wrapped.
fn join_wrapped_titles(text: &str, layout: &Layout) -> Option<(String, Vec<Repair>)> {
    fn one_cell(l: &str) -> Option<&str> {
        let t = l.trim();
        (!t.is_empty() && !t.contains('\t') && t.len() <= 120).then_some(t)
    }
    let lines: Vec<&str> = text.split('\n').collect();
    // (line of the head, line of the tail, the joined title)
    let mut joins: Vec<(usize, usize, String)> = Vec::new();
    let mut repairs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(head) = one_cell(lines[i]).filter(|h| layout.table_for_title(h).is_none()) else {
            i += 1;
            continue;
        };
        let next = (i + 1..lines.len().min(i + 3)).find(|&j| !lines[j].trim().is_empty());
        // (a title's last characters are the tail's: most lines fail on them before any joining)
        let tail = next.and_then(|j| one_cell(lines[j]).filter(|t| layout.may_be_title(t)).map(|t| (j, t)));
        let Some((j, tail)) = tail else {
            i += 1;
            continue;
        };
        let title = format!("{head}{tail}");
        match layout.table_for_title(&title) {
            // Unless the tail alone names the same table (`部门预算` / `收支总表`: the table was read). A
            // tail that names another (`款收支总表` reads as the 收支总表) was taken for the wrong table.
            Some(kind) if layout.table_for_title(tail).is_none_or(|t| t.id != kind.id) => {
                repairs.push(Repair {
                    code: "R002".into(),
                    message: format!(
                        "表格标题换行：第 {} 行的“{head}”与第 {} 行的“{tail}”拼接为标题“{title}”",
                        i + 1,
                        j + 1
                    ),
                    original: format!("{head} {tail}"),
                    repaired: title.clone(),
                    loc: Loc::line(i as u32 + 1),
                    table: Some(kind.id.clone()),
                });
                joins.push((i, j, title));
                i = j + 1;
            }
            _ => i += 1,
        }
    }
    if joins.is_empty() {
        return None;
    }
    let mut out: Vec<&str> = lines;
    for (i, j, title) in &joins {
        out[*i] = title;
        out[*j] = "";
    }
    Some((out.join("\n"), repairs))
}

/// One reading of `text`, line by line.
#[inline(always)]
fn read_once(source: &str, text: &str, layout: &Layout) -> Document {
    let mut r = Reader::new(source, layout);
    // Undecoded characters are rare: one search of the whole text spares most lines their own.
    r.undecoded_in_text = has_undecoded(text);
    // Reused for every line (room for a wide table's row at once rather than grown to it).
    let mut cells: Vec<&str> = Vec::with_capacity(32);
    let mut filled: Vec<&str> = Vec::with_capacity(32);
    // Lines as `text.split('\n')` gives them, cut into tab-separated cells in the same pass. A
    // trailing `\r` only ever reaches the last cell, which trimming removes anyway.
    let b = text.as_bytes();
    let mut separators = Separators::new(b);
    let mut no: u32 = 0;
    let mut pos = 0;
    while pos <= b.len() {
        no += 1;
        let line_start = pos;
        cells.clear();
        filled.clear();
        loop {
            let at = separators.next().unwrap_or(b.len());
            debug_assert!(text.is_char_boundary(pos) && text.is_char_boundary(at));
            // SAFETY: `pos` and `at` are the text's ends or next to its tabs and newlines (ASCII
            // bytes), all of them character boundaries, and `pos <= at`.
            let cell = trim_cell(unsafe { text.get_unchecked(pos..at) });
            cells.push(cell);
            if !cell.is_empty() {
                filled.push(cell);
            }
            pos = at + 1;
            if at == b.len() || b[at] == b'\n' {
                break;
            }
        }
        if filled.is_empty() {
            continue;
        }
        // (as `trim_end_matches('\r')`, a byte at a time)
        let mut end = pos - 1;
        while end > line_start && b[end - 1] == b'\r' {
            end -= 1;
        }
        // SAFETY: as for the cells (the bytes before `line_start` and from `end` are ASCII).
        let line = unsafe { text.get_unchecked(line_start..end) };
        r.line(no, line, &cells, &filled);
    }
    r.finish()
}

/// The positions of the tabs and newlines of a text, in order, found sixteen bytes at a time: one
/// pass over the text instead of a search per cell (most cells are a few characters long, too short
/// for a search to repay its setup).
struct Separators<'b> {
    /// The chunks after the one `bits` describes, then a last one padded from the text's tail.
    chunks: std::slice::Iter<'b, [u8; 16]>,
    tail: Option<[u8; 16]>,
    /// Where the chunk `bits` describes starts.
    at: usize,
    /// Bit `i` set when byte `i` of that chunk is a separator not yet returned.
    bits: u32,
}

impl<'b> Separators<'b> {
    fn new(b: &'b [u8]) -> Self {
        let (chunks, rest) = b.as_chunks::<16>();
        let mut tail = [0; 16];
        tail[..rest.len()].copy_from_slice(rest);
        // (a chunk before the first, with nothing in it)
        Separators { chunks: chunks.iter(), tail: Some(tail), at: 0usize.wrapping_sub(16), bits: 0 }
    }
}

impl Iterator for Separators<'_> {
    type Item = usize;

    #[inline]
    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            let chunk = match self.chunks.next() {
                Some(c) => c,
                None => &self.tail.take()?,
            };
            self.at = self.at.wrapping_add(16);
            self.bits = separator_bits(chunk);
        }
        let i = self.at + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        Some(i)
    }
}

/// Bit `i` set when byte `i` of `chunk` is a tab or a newline.
#[inline]
fn separator_bits(chunk: &[u8; 16]) -> u32 {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of every x86_64 processor, and the load reads the sixteen bytes of `chunk`.
    unsafe {
        use std::arch::x86_64::*;
        let v = _mm_loadu_si128(chunk.as_ptr().cast());
        let tabs = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\t' as i8));
        let newlines = _mm_cmpeq_epi8(v, _mm_set1_epi8(b'\n' as i8));
        _mm_movemask_epi8(_mm_or_si128(tabs, newlines)) as u32
    }
    #[cfg(not(target_arch = "x86_64"))]
    separator_bits_bytewise(chunk)
}

/// [`separator_bits`] a byte at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn separator_bits_bytewise(chunk: &[u8; 16]) -> u32 {
    chunk.iter().rev().fold(0, |bits, &b| bits << 1 | u32::from(matches!(b, b'\t' | b'\n')))
}

/// At most this many unrecognised lines between a table's rows (or title) and its header are taken as a
/// page head: a page head prints a few lines, prose more.
const MAX_UNKNOWN_HEAD: usize = 3;

struct TableBuilder<'a, 't> {
    kind: &'a TableKind,
    /// The table without its rows, which are in `rows` until the table closes.
    table: Table,
    /// The data rows so far (a buffer reused from table to table).
    rows: Vec<Row>,
    header: Vec<Vec<&'t str>>,
    last_was_header: bool,
    /// For each printed position, the column it belongs to.
    positions: Vec<Option<usize>>,
    /// The last 类 / 款 seen, for codes printed in three columns.
    code_parts: [ShortText; 2],
    /// Where the rows print their 序号 and code, found once for the current columns.
    found: FoundColumns,
    /// The most decimals of any amount read so far (the table's printed decimals, found as the
    /// rows are read rather than by a pass over them at the end).
    most_decimals: Option<u8>,
    /// The header leaves (deepest printed label per position) the columns were last fixed from, and
    /// the positions among them the layout does not know.
    fixed_leaves: Vec<&'t str>,
    fixed_unknown: Vec<(usize, &'t str)>,
    /// The rows taken as header rows so far.
    seen_header_rows: Vec<Vec<&'t str>>,
    /// The table's title printed again inside it (atop a continuation page), and where: the table goes
    /// on unless its next row numbers from 1 again (the table printed twice).
    title_again: Option<(&'t str, u32)>,
}

struct Reader<'a, 't> {
    layout: &'a Layout,
    doc: Document,
    mode: Mode,
    table: Option<TableBuilder<'a, 't>>,
    project: Option<ProjectBuilder>,
    section: Option<Section>,
    /// Scratch buffers for comparison keys.
    key: String,
    /// The source slice (address, length) whose key `key` holds, when it is a slice of the text being
    /// read (immutable while reading, so the same slice has the same key).
    keyed: Option<(usize, usize)>,
    key2: String,
    /// An empty row buffer to build the next table's rows in.
    spare_rows: Vec<Row>,
    /// Whether the text holds undecoded characters anywhere (when not, no line needs looking at).
    undecoded_in_text: bool,
    /// Short lines inside a table that no rule recognises (`报送单位：…` atop a page), held until what
    /// follows tells: a header row makes them page-head lines (skipped, reported), anything else prose
    /// that ended the table (read again as such).
    unknown_head: Vec<(u32, &'t str)>,
}

#[derive(Default)]
struct ProjectBuilder {
    p: Project,
    expect: Expect,
    plan_labels: Vec<(usize, String)>,
    indicator_pos: [usize; 6],
}

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Expect {
    #[default]
    Nothing,
    Purpose,
    PlanValues,
}

/// Whether `c` is surely not a Unicode decimal digit (`\d`): ASCII other than 0–9, or CJK text
/// and punctuation outside the full-width digits.
fn surely_not_digit(c: char) -> bool {
    if c.is_ascii() {
        return !c.is_ascii_digit();
    }
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{3000}'..='\u{303F}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{FF00}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FFEF}')
}

/// The year of a title line: the capture of `YEAR_IN_TITLE` (`(20\d\d)\s*年`) parsed.
fn year_in_title(whole: &str) -> Option<Option<u16>> {
    let by_regex = || YEAR_IN_TITLE.captures(whole).map(|c| c[1].parse().ok());
    let mut from = 0;
    while let Some(at) = whole[from..].find("20") {
        let at = from + at;
        from = at + 1;
        let mut rest = whole[at + 2..].chars();
        let (Some(d1), d2) = (rest.next(), rest.next()) else { break };
        if d1.is_ascii_digit() {
            match d2 {
                Some(d2) if d2.is_ascii_digit() && whole[at + 4..].trim_start().starts_with('年') => {
                    return Some(whole[at..at + 4].parse().ok());
                }
                Some(d2) if d2.is_ascii_digit() => {}
                // A Unicode digit: let the regex decide.
                Some(d2) if !surely_not_digit(d2) => return by_regex(),
                _ => {}
            }
        } else if !surely_not_digit(d1) {
            return by_regex();
        }
    }
    None
}

/// A repair made while reading a row: rule code, message, original text, repaired text, place.
type RowRepair = (String, String, String, String, Loc);

/// Joins the cells of `row_cells`, line `no`, to the row above: a wrapped code or name whose tail landed on
/// the next line or page. Out of line: `data_row` runs for every row, and few are fragments.
#[cold]
fn join_fragment(tb: &mut TableBuilder, row_cells: Vec<Cell>, no: u32, repairs: &mut Vec<RowRepair>) {
    let prev = tb.rows.last_mut().expect("rows");
    // Columns added by a later header leave earlier rows shorter.
    prev.cells.resize(prev.cells.len().max(row_cells.len()), Cell::Empty);
    for (i, c) in row_cells.into_iter().enumerate() {
        if let Cell::Text(tail) = c {
            let before = prev.cells[i].text().unwrap_or("").to_string();
            let after = format!("{before}{tail}");
            prev.cells[i] = Cell::Text(after.as_str().into());
            if tb.table.columns[i].role == ColumnRole::Code {
                prev.code = Some(after.as_str().into());
            }
            repairs.push((
                "R002".into(),
                format!(
                    "第 {} 行的片段“{tail}”接到上一行（第 {} 行）的“{before}”之后，得到“{after}”",
                    no, prev.loc.line
                ),
                tail.to_string(),
                after,
                Loc::cell(no, 0),
            ));
        }
    }
}

/// Whether a table cell prints a mark for "nothing here" (`-`, `—`, `－`, `/` …) rather than a value: it
/// reads as an empty cell, in amount columns and in a table's names, codes and counts alike. (An
/// indicator's `/` is kept as printed: it says "not applicable", which a rule may judge.)
#[inline]
fn is_blank_mark(cell: &str) -> bool {
    // Most cells are ruled out by their first byte (ASCII `-` `/`, or the others' lead byte).
    matches!(cell.as_bytes().first(), Some(b'-' | b'/' | 0xE2 | 0xEF)) && only_blank_marks(cell)
}

/// [`is_blank_mark`] past its first byte: one to three marks and nothing else.
fn only_blank_marks(cell: &str) -> bool {
    const MARKS: [char; 8] = ['-', '－', '—', '–', '―', '─', '/', '／'];
    cell.len() <= 9 && cell.chars().count() <= 3 && cell.chars().all(|c| MARKS.contains(&c))
}

/// `s.trim()`, with a quick answer for cells that neither start nor end with whitespace.
fn trim_cell(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return s };
    let plain_start = !may_start_whitespace(first);
    // A non-ASCII last character is looked at through its first byte (the last byte that is not a
    // continuation byte `10xxxxxx`), which rules out whitespace for CJK text without decoding it; of
    // the CJK punctuation (first byte 0xE3: `。`, `、` …) only the ideographic space U+3000 is.
    // (A third last byte 0xE0..0xEF leads the last character: CJK text needs no search for it.)
    let lead = || match *b {
        [.., x, _, _] if x & 0xF0 == 0xE0 => Some(x),
        _ => b.iter().rev().find(|&&x| x & 0xC0 != 0x80).copied(),
    };
    let plain_end = (0x21..0x80).contains(&last)
        || (last >= 0x80
            && lead().is_some_and(|lead| !may_start_whitespace(lead) || (lead == 0xE3 && !s.ends_with('\u{3000}'))));
    if plain_start && plain_end {
        s
    } else {
        s.trim()
    }
}

/// Removes whitespace that a wrapped cell left inside CJK text, keeping it between ASCII words.
pub(crate) fn join_wrapped(s: &str) -> String {
    join_wrapped_cell(trim_cell(s))
}

/// [`join_wrapped`] of a cell as `read_text` cuts them, already trimmed.
fn join_wrapped_cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    join_wrapped_into(s, &mut out);
    out
}

/// Writes [`join_wrapped_cell`]`(s)` to `out`: a `String`, or a cell's `ShortText`, which holds most
/// names without an allocation.
fn join_wrapped_into(s: &str, out: &mut impl std::fmt::Write) {
    debug_assert_eq!(s, s.trim());
    // Writing to a string cannot fail.
    let mut put = |t: &str| out.write_str(t).expect("write to a string");
    let mut rest = s;
    let Some(first) = find_whitespace(rest) else { return put(s) };
    let mut ws = first;
    loop {
        // `rest[..ws]` holds no whitespace; a whitespace run starts at `ws` and is never the last
        // thing in `rest` (the text is trimmed).
        let (word, tail) = rest.split_at(ws);
        put(word);
        let next = tail.find(|c: char| !c.is_whitespace()).unwrap_or(tail.len());
        rest = &tail[next..];
        let prev = word.as_bytes().last().copied();
        let after = rest.as_bytes().first().copied();
        if matches!((prev, after), (Some(a), Some(b)) if a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()) {
            put(" ");
        }
        match find_whitespace(rest) {
            Some(w) => ws = w,
            None => return put(rest),
        }
    }
}

/// For each byte that starts a character, the character's length in bytes.
static CHAR_WIDTH: [u8; 256] = lead_byte_classes(&[], 0);

/// `s.contains(['：', ':', '。'])`, told by the characters' first bytes and then their bytes (`EF BC 9A`,
/// `3A`, `E3 80 82`), without decoding every character.
fn has_colon_or_stop(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b':' => return true,
            0xEF if b[i + 1..].starts_with(&[0xBC, 0x9A]) => return true,
            0xE3 if b[i + 1..].starts_with(&[0x80, 0x82]) => return true,
            x => i += usize::from(CHAR_WIDTH[usize::from(x)]),
        }
    }
    false
}

/// Whether `s` has at most `n` characters, counted only when its length leaves that open (a character
/// takes one to four bytes): most prose lines are too long to need counting.
fn at_most_chars(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && s.chars().count() <= n)
}

/// The character the key of trimmed `cell` ends with, when the cell tells: its own last character,
/// unless the key changes that one (`None`, as for an empty cell). The key may also be left empty.
/// Spares cells that can be no label their key.
fn key_last_char(cell: &str) -> Option<char> {
    cell.chars().next_back().filter(|&c| !key_changes(c))
}

/// Whether a key whose last character is `last` (see [`key_last_char`]) may be one of `keys`.
fn may_be_one_of(last: Option<char>, keys: &[String]) -> bool {
    last.is_none_or(|c| keys.iter().any(|k| k.is_empty() || k.ends_with(c)))
}

/// Whether the key of trimmed `cell` may start with one of `keys`, as far as the cell's first
/// character tells: the key starts with it unless the key changes it or strips the start it belongs
/// to (a year `2025年`, `其中：`).
fn may_key_start_with(cell: &str, keys: &[String]) -> bool {
    match cell.chars().next() {
        Some(c) if !(key_changes(c) || c.is_ascii_digit() || c == '其') => {
            keys.iter().any(|k| k.is_empty() || k.starts_with(c))
        }
        _ => true,
    }
}

/// [`join_wrapped_cell`] of a cell whose comparison key is `key`: a key holds no whitespace, so a cell
/// equal to its key (most titles, headings and labels) has none to remove and is copied without a search.
fn join_wrapped_keyed(cell: &str, key: &str) -> String {
    debug_assert_eq!(key, yusuan_model::layout::key(cell));
    if cell == key {
        cell.to_string()
    } else {
        join_wrapped_cell(cell)
    }
}

/// The title and page number of a 目录 line: the captures of `TOC_LINE`, found without the regex
/// when the characters around the number are ASCII or dot leaders.
fn toc_parts(line: &str) -> Option<(&str, &str)> {
    let by_regex =
        || TOC_LINE.captures(line).map(|c| (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str())));
    let t = line.trim_end();
    let digits = t.bytes().rev().take_while(u8::is_ascii_digit).count();
    let start = t.len() - digits;
    if digits == 0 {
        // The last character may still be a Unicode digit.
        return match t.chars().next_back() {
            Some(c) if !surely_not_digit(c) => by_regex(),
            _ => None,
        };
    }
    if digits > 4 {
        // `\d{1,4}` takes the last four digits; the lazy title takes everything before them.
        let at = t.len() - 4;
        return Some((&t[..at], &t[at..]));
    }
    let leader = |c: char| matches!(c, '.' | '．' | '…' | '·') || c.is_whitespace();
    let head = &t[..start];
    match head.chars().next_back() {
        // A Unicode digit before the ASCII ones would belong to the number.
        Some(c) if !leader(c) && !surely_not_digit(c) => return by_regex(),
        _ => {}
    }
    let title = head.trim_end_matches(leader);
    Some((title, &t[start..]))
}

/// What follows the first of `labels` that `line` starts with (labels are a layout's page-head words).
fn after_label<'s>(line: &'s str, labels: &[String]) -> Option<&'s str> {
    let b = line.as_bytes();
    labels.iter().find_map(|l| {
        let l = l.as_bytes();
        // Most lines differ from a label in its first character's last bytes: those are compared (inline)
        // before the whole.
        let starts = b.len() >= l.len() && (l.len() < 3 || b[1..3] == l[1..3]) && b[..l.len()] == *l;
        starts.then(|| &line[l.len()..])
    })
}

/// The year of `预算年度：2025`: `None` when the line is not one, `Some(None)` when it is one whose
/// year does not parse (mirrors `^LABEL[：:]\s*(\d{4})` with `parse().ok()`).
fn year_line(whole: &str, head: &PageHead) -> Option<Option<u16>> {
    let rest = after_label(whole, &head.year_labels)?.strip_prefix(['：', ':'])?.trim_start();
    let mut chars = rest.chars();
    for _ in 0..4 {
        match chars.next() {
            Some(c) if c.is_ascii_digit() => {}
            Some(c) if c.is_ascii() => return None,
            None => return None,
            // A non-ASCII character may still be a Unicode digit: let the regex decide.
            Some(_) => return FOUR_DIGITS.captures(rest).map(|c| c[1].parse().ok()),
        }
    }
    Some(rest[..4].parse().ok())
}

/// The unit of `单位：万元` / `金额单位：元` lines (mirrors `^LABEL[：:]\s*(万元|元)\s*$`).
fn unit_line(whole: &str, head: &PageHead) -> Option<Unit> {
    let rest = after_label(whole, &head.unit_labels)?.strip_prefix(['：', ':'])?.trim_start();
    let (unit, rest) = if let Some(r) = rest.strip_prefix("万元") {
        (Unit::WanYuan, r)
    } else {
        (Unit::Yuan, rest.strip_prefix('元')?)
    };
    rest.trim_start().is_empty().then_some(unit)
}

/// Whether `cell` may be a unit line (see [`unit_line`]) as far as its end tells: `…元`, bracketed or not.
fn may_be_unit_line(cell: &str) -> bool {
    cell.strip_suffix(['）', ')']).unwrap_or(cell).ends_with('元')
}

/// Whether the line is a cut-off date (`截止时间：…`).
fn date_line(whole: &str, head: &PageHead) -> bool {
    after_label(whole, &head.date_labels).is_some_and(|r| r.starts_with(['：', ':']))
}

/// A character that stands for a glyph the extractor could not map to text.
fn undecoded_char(c: char) -> bool {
    c == '\u{FFFD}' || ('\u{E000}'..='\u{F8FF}').contains(&c)
}

/// Whether a line holds undecoded characters (U+FFFD, private use area). In UTF-8 these are
/// `EE xx xx` (U+E000..U+EFFF), `EF 80..A3 xx` (U+F000..U+F8FF) and `EF BF BD`; full-width
/// punctuation (`EF BC xx`) also starts with 0xEF, so the byte after it decides. The bytes from 0xEE
/// up are found 64 at a time: a search that stops at each 0xEF would stop at every `：`.
fn has_undecoded(line: &str) -> bool {
    let b = line.as_bytes();
    let at = |i: usize| {
        b[i] == 0xEE
            || b[i] == 0xEF
                && match b.get(i + 1) {
                    Some(&y) if y <= 0xA3 => true,
                    Some(0xBF) => b.get(i + 2) == Some(&0xBD),
                    _ => false,
                }
    };
    let (blocks, rest) = b.as_chunks::<64>();
    let found = blocks.iter().enumerate().any(|(n, block)| {
        let mut high = high_bits(block);
        while high != 0 {
            if at(64 * n + high.trailing_zeros() as usize) {
                return true;
            }
            high &= high - 1;
        }
        false
    }) || (b.len() - rest.len()..b.len()).any(at);
    debug_assert_eq!(found, line.chars().any(undecoded_char));
    found
}

/// Bit `i` set when byte `i` of `block` is 0xEE or above (the first byte of an undecoded character,
/// and of few others).
#[inline]
fn high_bits(block: &[u8; 64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: SSE2 is part of every x86_64 processor, and the loads read the 64 bytes of `block`.
    unsafe {
        use std::arch::x86_64::*;
        let quarter = |q: usize| {
            let v = _mm_loadu_si128(block.as_ptr().add(16 * q).cast());
            u64::from(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(0xEEu8 as i8)), v)) as u16)
        };
        quarter(0) | quarter(1) << 16 | quarter(2) << 32 | quarter(3) << 48
    }
    #[cfg(not(target_arch = "x86_64"))]
    high_bits_bytewise(block)
}

/// [`high_bits`] a byte at a time.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn high_bits_bytewise(block: &[u8; 64]) -> u64 {
    block.iter().rev().fold(0, |bits, &b| bits << 1 | u64::from(b >= 0xEE))
}

/// Whether a cell is a labelled page-head fact: department, unit or year (`编制部门：…`, `单位：元`,
/// `（单位：万元）`, `预算年度：2025`).
fn page_head_fact(cell: &str, head: &PageHead) -> bool {
    let c = unbracketed(cell);
    head.may_start(c) && (org_line(c, head).is_some() || unit_line(c, head).is_some() || year_line(c, head).is_some())
}

/// `（单位：万元）` without its brackets: a page-head line some publishers print in brackets.
#[inline]
fn unbracketed(line: &str) -> &str {
    // Most lines start with neither bracket: one byte tells (`（` is EF BC 88).
    if !matches!(line.as_bytes().first(), Some(b'(' | 0xEF)) {
        return line;
    }
    match line.strip_prefix(['（', '(']).and_then(|l| l.strip_suffix(['）', ')'])) {
        Some(inner) => inner.trim(),
        None => line,
    }
}

/// The department named by `编制部门：上海市普陀区财政局` (also 编制单位, 预算主管部门, 预算单位).
fn org_line<'s>(whole: &'s str, head: &PageHead) -> Option<&'s str> {
    let rest = after_label(whole, &head.org_labels)?.trim_start().strip_prefix(['：', ':'])?.trim();
    // `编制部门：` left blank (a template) is still the page-head line.
    (rest.chars().count() <= 60).then_some(rest)
}

/// A page number printed in the footer: `- 3 -`, `—3—`, `第 3 页`, `第3页 共40页`, `3 / 40`. A bare number is
/// not taken: it could be a value.
fn page_number_line(whole: &str) -> bool {
    // Most lines fail on their first character; only the rest pay for the copy without spaces.
    let starts = |c: char| c.is_ascii_digit() || matches!(c, '-' | '－' | '—' | '–' | '第');
    if whole.len() > 40 || !whole.trim_start().starts_with(starts) {
        return false;
    }
    // Every page number below is made of these characters alone: other lines (`306 邯山区…`) need no
    // copy without spaces.
    let page_char = |c: char| c.is_ascii_digit() || matches!(c, '-' | '－' | '—' | '–' | '第' | '页' | '共' | '/');
    if !whole.chars().all(|c| page_char(c) || c.is_whitespace()) {
        return false;
    }
    let t = norm(whole);
    let digits = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    let dashes = ['-', '－', '—', '–'];
    if let Some(inner) = t.strip_prefix(dashes).and_then(|r| r.strip_suffix(dashes)) {
        return digits(inner.trim_matches(dashes));
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    let page = |s: &str| s.strip_prefix('第').and_then(|r| r.strip_suffix('页')).is_some_and(digits);
    match t.find("共") {
        Some(i) => page(&t[..i]) && t[i..].strip_prefix("共").and_then(|r| r.strip_suffix('页')).is_some_and(digits),
        None => page(&t),
    }
}

/// The department code and name of `306 邯山区…` (mirrors `DEPT_LINE`).
fn dept_line(whole: &str) -> Option<(&str, &str)> {
    let digits = whole.bytes().take_while(u8::is_ascii_digit).count();
    let after = whole[digits..].chars().next()?;
    if !after.is_whitespace() {
        if after.is_ascii() {
            return None;
        }
        // Possibly a Unicode digit: let the regex decide.
        return DEPT_LINE
            .captures(whole)
            .map(|c| (c.get(1).map_or("", |m| m.as_str()), c.get(2).map_or("", |m| m.as_str())));
    }
    if !(2..=12).contains(&digits) {
        return None;
    }
    let rest = whole[digits..].trim_start();
    let fits = rest.chars().nth(1).is_some() && at_most_chars(rest, 61);
    fits.then(|| (&whole[..digits], rest))
}

/// The page head's department line, `306 邯山区…` or glued `306邯山区…`: its code and name.
fn any_dept_line<'s>(whole: &'s str, head: &PageHead) -> Option<(&'s str, &'s str)> {
    dept_line(whole).or_else(|| glued_dept_line(whole, head))
}

/// `306邯山区科技和工业信息化局`: the department line with no space after its code (a PDF whose producer
/// placed the name right after the code), when what follows the code ends as the layout's names end.
#[cold]
fn glued_dept_line<'s>(whole: &'s str, head: &PageHead) -> Option<(&'s str, &'s str)> {
    let digits = whole.bytes().take_while(u8::is_ascii_digit).count();
    if !(2..=12).contains(&digits) {
        return None;
    }
    head.bare_org_name(&whole[digits..]).map(|name| (&whole[..digits], name))
}

impl<'a, 't> Reader<'a, 't> {
    fn new(source: &str, layout: &'a Layout) -> Self {
        let mut doc = Document::default();
        doc.meta.source = source.to_string();
        doc.meta.layout = layout.id.clone();
        doc.meta.phase = layout.phase;
        doc.meta.edition = layout.edition;
        Reader {
            layout,
            doc,
            mode: Mode::Start,
            table: None,
            project: None,
            section: None,
            // (room for the key of a long line at once rather than grown to it)
            key: String::with_capacity(512),
            keyed: None,
            key2: String::new(),
            spare_rows: Vec::new(),
            undecoded_in_text: true,
            unknown_head: Vec::new(),
        }
    }

    fn repair(&mut self, code: &str, message: String, original: &str, repaired: &str, loc: Loc) {
        let table = self.table.as_ref().map(|t| t.kind.id.clone());
        self.doc.repairs.push(Repair {
            code: code.into(),
            message,
            original: original.into(),
            repaired: repaired.into(),
            loc,
            table,
        });
    }

    /// Puts the key of `s`, a slice of the text being read, in `self.key`, unless it is already there.
    fn key_source(&mut self, s: &'t str) {
        let id = (s.as_ptr() as usize, s.len());
        if self.keyed != Some(id) {
            key_into(s, &mut self.key);
            self.keyed = Some(id);
        }
    }

    /// Puts the key of any text in `self.key`.
    fn key_other(&mut self, s: &str) {
        key_into(s, &mut self.key);
        self.keyed = None;
    }

    fn line(&mut self, no: u32, line: &str, cells: &[&'t str], filled: &[&'t str]) {
        if self.undecoded_in_text && has_undecoded(line) {
            let n = line.chars().filter(|&c| undecoded_char(c)).count();
            self.repair(
                "R010",
                format!("第 {no} 行有 {n} 个无法解码的字符（替换符或私用区字符），这些文字不可信"),
                line,
                "",
                Loc::line(no),
            );
        }
        let single = filled.len() == 1;
        // The non-empty cells joined by spaces; only built when its text is needed (one cell is
        // its own join).
        let joined;
        let whole: &str = if single {
            filled[0]
        } else if self.mode == Mode::Start {
            joined = filled.join(" ");
            &joined
        } else {
            ""
        };
        if self.doc.meta.title.is_none() && self.mode == Mode::Start {
            self.doc.meta.title = Some(join_wrapped(whole));
            if let Some(year) = year_in_title(whole) {
                self.doc.meta.year = year;
            }
            // The title line is the document's, not a paragraph (it may also open the 目录).
            if self.layout.toc_markers.iter().any(|m| whole.contains(m.as_str())) {
                self.mode = Mode::Toc;
            }
            if self.layout.table_for_title(whole).is_none() && !self.is_project_title(whole, false) {
                return;
            }
        }
        // A table title starts a table wherever it stands, except inside the 目录; its page head's unit
        // (after the year or department, if those too) may share its printed line (`部门预算收支总表⇥单位：万元`).
        let head = &self.layout.page_head;
        // (the unit last: other lines fail on their last bytes)
        let title_and_facts = || {
            filled.len() <= 3
                && may_be_unit_line(filled[filled.len() - 1])
                && filled[1..].iter().all(|c| page_head_fact(c, head))
        };
        if (single || title_and_facts())
            && filled[0].len() <= 200
            && self.layout.may_be_title(filled[0])
            && (self.mode != Mode::Toc || toc_parts(line).is_none())
        {
            self.key_source(filled[0]);
            // In the 目录, numbered lines (`4．2025年部门…预算总表`) are entries, not tables — unless the
            // 目录 already listed that table: then the body has begun with its numbered title.
            let numbered_in_toc = self.mode == Mode::Toc && strip_numbering(&self.key) != self.key.as_str();
            let kind = self.layout.table_for_title_key(&self.key);
            let listed =
                |k: &TableKind| self.toc_lists(|t| self.layout.table_for_title(t).is_some_and(|x| x.id == k.id));
            if let Some(kind) = kind.filter(|k| !numbered_in_toc || listed(k)) {
                // The title again inside its own table (printed atop every page, or as `…（续表）`): the table
                // goes on under its repeated page head.
                match self.table.as_mut().filter(|t| self.mode == Mode::Table && t.kind.id == kind.id) {
                    Some(t) => t.title_again = Some((filled[0], no)),
                    None => self.start_table(kind, filled[0], no),
                }
                for c in &filled[1..] {
                    self.meta_line(c);
                }
                return;
            }
        }
        if self.mode == Mode::Start && self.layout.toc_markers.iter().any(|m| whole.contains(m.as_str())) {
            self.mode = Mode::Toc;
            return;
        }
        if self.mode == Mode::Toc {
            // A section heading printed without leader dots or page number is the body, not the 目录: when
            // unnumbered, or when the 目录 already listed that section (the body may begin with `一、…`); so
            // is the explanation's title when the 目录 already listed it (the explanation before the tables).
            let body_heading = single
                && toc_parts(line).is_none()
                && !line.contains('…')
                && !line.contains("..")
                && (self.layout.section_for_heading(filled[0]).is_some_and(|s| {
                    with_key(filled[0], |k| strip_numbering(k) == k)
                        || self.toc_lists(|t| self.layout.section_for_heading(t).is_some_and(|x| x.id == s.id))
                }) || {
                    let explanation = |text: &str| with_key(text, |k| self.layout.has_explanation_marker(k));
                    explanation(filled[0]) && self.toc_lists(explanation)
                });
            if !body_heading {
                self.toc_line(no, line, filled);
                return;
            }
            self.mode = Mode::Narrative;
        }
        if single && self.meta_line(whole) {
            return;
        }
        if single && page_number_line(whole) {
            return;
        }
        // `编制部门：…⇥单位：元`, `306 邯山区…⇥预算年度：2025⇥单位：万元` — several page-head facts on one
        // printed line (the department's code and name only inside a table, where it cannot be prose).
        if !single && filled.len() <= 3 {
            let head_line = match filled.iter().position(|c| !page_head_fact(c, head)) {
                None => true,
                // The department's code and name first (a data row's 序号 is no such line: it fails at once).
                Some(0) => {
                    self.mode == Mode::Table
                        && filled[1..].iter().all(|c| page_head_fact(c, head))
                        && any_dept_line(filled[0], head).is_some()
                }
                Some(_) => false,
            };
            if head_line {
                for c in filled {
                    self.meta_line(c);
                }
                return;
            }
        }
        // `306⇥邯山区…`: the page-head department line printed as two cells (a PDF keeps the gap). Only
        // before a table's header, where it cannot be a data row.
        let before_header = self.table.as_ref().is_none_or(|t| t.positions.is_empty() && t.header.is_empty());
        if filled.len() == 2 && before_header && filled[0].bytes().all(|b| b.is_ascii_digit()) {
            let joined = filled.join(" ");
            if dept_line(&joined).is_some() && self.meta_line(&joined) {
                return;
            }
        }
        // The department's name alone on its page-head line.
        if single && self.mode == Mode::Table && self.bare_org_line(whole, before_header) {
            return;
        }
        if self.mode == Mode::Table && self.table_line(no, cells, filled) {
            return;
        }
        self.narrative_line(no, cells, filled, whole);
    }

    /// Whether the 目录 read so far has an entry whose title `names` (a table, a section, the explanation):
    /// the body, which prints them again, has begun.
    #[cold]
    fn toc_lists(&self, names: impl Fn(&str) -> bool) -> bool {
        self.doc.toc.iter().any(|e| names(&e.title))
    }

    fn toc_line(&mut self, no: u32, line: &str, filled: &[&str]) {
        let (title, page) = match toc_parts(line) {
            Some((title, page)) if filled.len() > 1 || line.contains("..") || line.contains('…') => {
                (title.trim_end_matches(['.', '．', '…', '·', ' ']).to_string(), page.parse().ok())
            }
            _ => (filled.join("").trim_end_matches(['.', '．', '…', '·', ' ']).to_string(), None),
        };
        let title = join_wrapped(&title);
        if !title.is_empty() {
            self.doc.toc.push(TocEntry { title, page, loc: Loc::line(no) });
        }
    }

    /// `邯山区档案馆` alone between a table's title and its header, or again atop a later page of the
    /// table: the page head's department line printed without a code or a label.
    #[cold]
    fn bare_org_line(&mut self, whole: &str, before_header: bool) -> bool {
        let Some(name) = self.layout.page_head.bare_org_name(whole) else { return false };
        let name = join_wrapped(name);
        match &self.doc.meta.dept_name {
            // Inside a table only the name already seen at a page head is one: a row's name is not.
            Some(known) => before_header || *known == name,
            None if before_header => {
                self.doc.meta.dept_name = Some(name);
                true
            }
            None => false,
        }
    }

    /// Lines (of one cell) that repeat at page heads: department, year, unit, cut-off date.
    fn meta_line(&mut self, whole: &str) -> bool {
        let whole = unbracketed(whole);
        let Some(&first) = whole.as_bytes().first() else { return false };
        // Most lines are prose or names, which start with none of the labels below.
        let head = &self.layout.page_head;
        if !first.is_ascii_digit() && !head.may_start(whole) {
            return false;
        }
        if let Some(name) = org_line(whole, head) {
            if self.doc.meta.dept_name.is_none() && !name.is_empty() {
                // `预算单位：306 邯山区…` names the department by its code too.
                let (code, name) = dept_line(name).map_or((None, name), |(c, n)| (Some(c.to_string()), n));
                self.doc.meta.dept_code = self.doc.meta.dept_code.take().or(code);
                self.doc.meta.dept_name = Some(join_wrapped(name));
            }
            return true;
        }
        if first.is_ascii_digit() {
            if self.mode == Mode::Table {
                if let Some((code, name)) = any_dept_line(whole, head) {
                    if self.doc.meta.dept_code.is_none() {
                        self.doc.meta.dept_code = Some(code.to_string());
                        self.doc.meta.dept_name = Some(join_wrapped(name));
                    }
                    return true;
                }
            }
            return false;
        }
        if let Some(year) = year_line(whole, head) {
            self.doc.meta.year = self.doc.meta.year.or(year);
            return true;
        }
        if let Some(unit) = unit_line(whole, head) {
            let unit = Some(unit);
            if let Some(p) = self.project.as_mut().filter(|_| self.mode == Mode::Project) {
                p.p.unit = p.p.unit.or(unit);
            } else if let (Some(t), Some(u)) = (self.table.as_mut().filter(|_| self.mode == Mode::Table), unit) {
                if t.rows.is_empty() {
                    t.table.unit = u;
                    t.table.unit_printed = true;
                }
            }
            return true;
        }
        date_line(whole, head) && self.mode == Mode::Table
    }

    /// `self.key` holds the key of `title` (the line was keyed to find its table).
    fn start_table(&mut self, kind: &'a TableKind, title: &str, no: u32) {
        let printed_title = join_wrapped_keyed(title, &self.key);
        self.replay_unknown_head();
        self.close_table();
        self.close_project();
        if kind.skip {
            self.repair("R006", format!("版式暂不读取表“{printed_title}”，其内容未列入结果"), title, "", Loc::line(no));
        }
        let unit = kind.unit.unwrap_or(self.layout.default_unit);
        self.table = Some(TableBuilder {
            kind,
            table: Table {
                kind: kind.id.clone(),
                title: printed_title,
                unit,
                unit_printed: false,
                columns: Vec::new(),
                rows: Vec::new(),
                notes: Vec::new(),
                loc: Loc::line(no),
                decimals: 2,
            },
            rows: std::mem::take(&mut self.spare_rows),
            header: Vec::new(),
            last_was_header: false,
            positions: Vec::new(),
            code_parts: Default::default(),
            found: FoundColumns::default(),
            most_decimals: None,
            fixed_leaves: Vec::new(),
            fixed_unknown: Vec::new(),
            seen_header_rows: Vec::new(),
            title_again: None,
        });
        self.mode = Mode::Table;
    }

    /// The table printed again under its own title (its 序号 restarting at 1): the rows so far are one
    /// table, the rows from here another of the same kind, read with the same columns.
    #[cold]
    fn restart_table(&mut self, title: &'t str, no: u32) {
        let Some(old) = self.table.as_mut() else { return };
        let kind = old.kind;
        let columns = old.table.columns.clone();
        let (unit, unit_printed) = (old.table.unit, old.table.unit_printed);
        let header = std::mem::take(&mut old.header);
        let positions = std::mem::take(&mut old.positions);
        let found = std::mem::take(&mut old.found);
        let fixed_leaves = std::mem::take(&mut old.fixed_leaves);
        let fixed_unknown = std::mem::take(&mut old.fixed_unknown);
        let seen_header_rows = std::mem::take(&mut old.seen_header_rows);
        self.key_source(title);
        self.start_table(kind, title, no);
        let tb = self.table.as_mut().expect("started");
        (tb.table.columns, tb.table.unit, tb.table.unit_printed) = (columns, unit, unit_printed);
        (tb.header, tb.positions, tb.found) = (header, positions, found);
        (tb.fixed_leaves, tb.fixed_unknown, tb.seen_header_rows) = (fixed_leaves, fixed_unknown, seen_header_rows);
    }

    /// Handles a line inside a table; false when the line ends the table.
    fn table_line(&mut self, no: u32, cells: &[&'t str], filled: &[&'t str]) -> bool {
        let Some(tb) = self.table.as_ref() else { return false };
        let kind = tb.kind;
        if kind.skip {
            // Passed over until prose ends the table (the finding was made at its title).
            return !(filled.len() == 1 && cells.len() == 1);
        }
        // A table continued on the next page prints its header rows again, and the tests below
        // depend on the cells alone: a row already taken as a header row is one again.
        if tb.seen_header_rows.iter().any(|r| r.as_slice() == cells) {
            self.skip_unknown_head();
            self.push_header_row(cells);
            return true;
        }
        // A row's 序号 or code, digits only, is its own key: no need to build it.
        let first = if filled[0].bytes().all(|b| b.is_ascii_digit()) {
            filled[0]
        } else {
            self.key_source(filled[0]);
            self.key.as_str()
        };
        // 栏次 row (or its misprint 档次): fixes the header.
        let is_number_label = self.layout.header_number_labels.iter().any(|l| l == first);
        let typo = self.layout.header_number_typos.iter().find(|l| *l == first).cloned();
        let first_is_header = kind.is_header_key(first);
        if (is_number_label || typo.is_some()) && filled[1..].iter().all(|c| c.bytes().all(|d| d.is_ascii_digit())) {
            self.skip_unknown_head();
            if let Some(t) = typo {
                let label = self.layout.header_number_labels.first().cloned().unwrap_or_default();
                self.repair(
                    "R004",
                    format!("表头“{t}”行按“{label}”（栏次号）读取"),
                    filled[0],
                    &label,
                    Loc::cell(no, 0),
                );
            }
            self.fix_columns(no);
            if let Some(tb) = self.table.as_mut() {
                tb.last_was_header = false;
            }
            return true;
        }
        if first_is_header && filled[1..].iter().all(|c| self.is_header_cell(kind, c)) && !self.name_tail(cells) {
            self.skip_unknown_head();
            let tb = self.table.as_mut().expect("table");
            tb.seen_header_rows.push(cells.to_vec());
            self.push_header_row(cells);
            return true;
        }
        // Not a header row: lines held as a possible page head were prose, which ended the table.
        let single = filled.len() == 1 && cells.len() == 1;
        let may_be_held = single && self.unknown_head.len() < MAX_UNKNOWN_HEAD;
        if !may_be_held && self.replay_unknown_head() {
            return false;
        }
        if filled[0].starts_with("注") && (filled[0].starts_with("注：") || filled[0].starts_with("注:")) {
            if self.replay_unknown_head() {
                return false;
            }
            let text = join_wrapped(&filled.join(""));
            let empty_table = self.layout.is_empty_note(&text);
            self.table.as_mut().expect("table").table.notes.push(Note { text, loc: Loc::line(no), empty_table });
            return true;
        }
        if single {
            // Prose: the table is over. (A row the layout names, printed bare, is a row with no amounts: a
            // workbook drops the empty cells that extracted text keeps as tabs; so is a unit's `…小计`.)
            self.key_source(filled[0]);
            if !kind.is_row_name_key(&self.key) && !kind.ends_with_row_name_key(&self.key) {
                // Unless a header row follows: then it was a page-head line no rule knows.
                if self.may_be_unknown_head(filled[0]) {
                    self.unknown_head.push((no, filled[0]));
                    return true;
                }
                self.replay_unknown_head();
                return false;
            }
            if self.replay_unknown_head() {
                return false;
            }
        }
        if self.table.as_ref().is_some_and(|t| t.positions.is_empty()) && self.split_glued_header(no, cells) {
            return true;
        }
        self.data_row(no, cells);
        true
    }

    /// `类⇥款⇥项⇥合计⇥2,946.25…`: the last header row (the code-part labels) printed in the same row as
    /// the first data row. Splits it into a header row and a data row, and reports the repair.
    fn split_glued_header(&mut self, no: u32, cells: &[&'t str]) -> bool {
        let Some(kind) = self.table.as_ref().map(|t| t.kind) else { return false };
        let code_part_label = |c: &str| {
            with_key(c, |k| {
                kind.columns.iter().any(|col| col.role == ColumnRole::CodePart && col.labels.iter().any(|l| l == k))
            })
        };
        let lead = cells.iter().take_while(|c| c.is_empty() || code_part_label(c)).count();
        if lead == 0 || lead >= cells.len() || cells[..lead].iter().filter(|c| !c.is_empty()).count() < 2 {
            return false;
        }
        let mut head: Vec<&'t str> = cells.to_vec();
        head[lead..].iter_mut().for_each(|c| *c = "");
        let mut rest: Vec<&'t str> = cells.to_vec();
        rest[..lead].iter_mut().for_each(|c| *c = "");
        let labels = cells[..lead].iter().filter(|c| !c.is_empty()).copied().collect::<Vec<_>>().join(" ");
        if let Some(tb) = self.table.as_mut() {
            if !tb.last_was_header {
                tb.header.clear();
            }
            tb.header.push(head);
        }
        self.fix_columns(no);
        self.repair(
            "R009",
            format!("表头“{labels}”与第一行数据印在同一行，拆为表头行和数据行"),
            &cells.join("\t"),
            &rest.join("\t"),
            Loc::line(no),
        );
        self.data_row(no, &rest);
        true
    }

    /// Whether `cells`, which read as a header label (`支出`), are rather the tail of the name above
    /// (`二十二、国有资本经营预算` / `支出`): one cell, under a name or code column, right after a data row.
    #[cold]
    fn name_tail(&self, cells: &[&str]) -> bool {
        let Some(tb) = self.table.as_ref() else { return false };
        if tb.rows.is_empty() || tb.last_was_header || cells.first().is_none_or(|c| !c.is_empty()) {
            return false;
        }
        let mut filled = cells.iter().enumerate().filter(|(_, c)| !c.is_empty()).map(|(i, _)| i);
        let (Some(at), None) = (filled.next(), filled.next()) else { return false };
        tb.positions
            .get(at)
            .copied()
            .flatten()
            .is_some_and(|col| matches!(tb.table.columns[col].role, ColumnRole::Name | ColumnRole::Code))
    }

    /// Whether `line` (one cell, inside a table, not a row) may be a page-head line no rule knows: short, no
    /// sentence, and nothing the layout reads otherwise (an empty-table note, the explanation's title, a
    /// section heading, a project table's title).
    #[cold]
    fn may_be_unknown_head(&mut self, line: &'t str) -> bool {
        if self.unknown_head.len() >= MAX_UNKNOWN_HEAD
            || !at_most_chars(line, 60)
            || line.contains(['。', '；', ';', '！', '？'])
            || self.layout.is_empty_note(line)
        {
            return false;
        }
        self.key_source(line);
        let layout = self.layout;
        !layout.has_explanation_marker(&self.key)
            && layout.section_for_heading_key(&self.key).is_none()
            && !self.is_project_title(line, true)
    }

    /// The held lines were page-head lines: a header row follows them. Reported, so that a person can check
    /// nothing was lost.
    fn skip_unknown_head(&mut self) {
        if self.unknown_head.is_empty() {
            return;
        }
        let title = self.table.as_ref().map(|t| t.table.title.clone()).unwrap_or_default();
        for (no, line) in std::mem::take(&mut self.unknown_head) {
            self.repair("R011", format!("表“{title}”表头之前的一行未能识别，按页眉略过"), line, "", Loc::line(no));
        }
    }

    /// The held lines were prose after all: the table ended at the first, as when they were read. Whether
    /// any were held (the line at hand then follows them as prose).
    #[inline]
    fn replay_unknown_head(&mut self) -> bool {
        // (asked on most lines of a table, which seldom holds any)
        !self.unknown_head.is_empty() && self.replay_held_lines()
    }

    /// [`Reader::replay_unknown_head`] when lines are held.
    #[cold]
    fn replay_held_lines(&mut self) -> bool {
        let held = std::mem::take(&mut self.unknown_head);
        for &(no, line) in &held {
            self.narrative_line(no, &[line], &[line], line);
        }
        !held.is_empty()
    }

    /// Adds a header row to the current header (starting a new one after other rows).
    fn push_header_row(&mut self, cells: &[&'t str]) {
        let tb = self.table.as_mut().expect("table");
        if !tb.last_was_header {
            tb.header.clear();
        }
        tb.header.push(cells.to_vec());
        tb.last_was_header = true;
    }

    fn is_header_cell(&mut self, kind: &TableKind, cell: &str) -> bool {
        self.key_other(cell);
        kind.is_header_key(&self.key)
    }

    /// Maps printed positions to layout columns from the header rows seen so far.
    fn fix_columns(&mut self, no: u32) {
        let Some(tb) = self.table.as_mut() else { return };
        if tb.header.is_empty() && !tb.positions.is_empty() {
            return;
        }
        let width = tb.header.iter().map(Vec::len).max().unwrap_or(0);
        if !tb.kind.pairs.is_empty() {
            let unknown = fix_pair_columns(tb, width);
            for (p, label) in unknown {
                self.repair("R006", format!("版式不认识的列标题“{label}”，该列未读取"), &label, "", Loc::cell(no, p));
            }
            return;
        }
        let mut leaves: Vec<&'t str> = vec![""; width];
        for row in &tb.header {
            for (i, c) in row.iter().enumerate() {
                if !c.is_empty() {
                    leaves[i] = c;
                }
            }
        }
        // A table continued on the next page prints its header again: the same leaves map to the
        // same columns as last time (columns are only ever added), so the positions stand and only
        // the findings on unknown columns are made again.
        if !tb.positions.is_empty() && leaves == tb.fixed_leaves {
            tb.header.clear();
            let unknown = tb.fixed_unknown.clone();
            self.report_unknown_columns(no, &unknown);
            return;
        }
        let kind = tb.kind;
        // Room for a column per leaf at once, rather than growing the list column by column.
        tb.table.columns.reserve(width);
        let mut used = vec![false; kind.columns.len()];
        let mut positions = vec![None; width];
        let mut unknown = Vec::new();
        for (p, leaf) in leaves.iter().enumerate() {
            if leaf.is_empty() {
                continue;
            }
            // `key_other` by hand: `tb` holds `self.table` mutably here.
            key_into(leaf, &mut self.key);
            self.keyed = None;
            let k = self.key.as_str();
            let found = kind.columns.iter().enumerate().find(|(i, c)| {
                !used[*i]
                    && match kind.label_keys.get(*i) {
                        Some(keys) if keys.len() == c.labels.len() => keys.iter().any(|l| l == k),
                        _ => c.labels.iter().any(|l| with_key(l, |l| l == k)),
                    }
            });
            let unknown_id;
            let id = match found {
                Some((i, spec)) => {
                    used[i] = true;
                    spec.id.as_str()
                }
                None if (if kind.group_keys.len() == kind.header_groups.len() {
                    kind.group_keys.iter().any(|g| g == k)
                } else {
                    kind.header_groups.iter().any(|g| with_key(g, |g| g == k))
                }) =>
                {
                    continue
                }
                None => {
                    unknown.push((p, *leaf));
                    unknown_id = format!("col{p}");
                    unknown_id.as_str()
                }
            };
            // A table repeated on a later page keeps its columns; only new ones are added.
            let idx = match tb.table.columns.iter().position(|c| c.id == id) {
                Some(i) => i,
                None => {
                    let col = match found {
                        Some((_, spec)) => Column {
                            id: spec.id.clone(),
                            label: join_wrapped_keyed(leaf, k),
                            role: spec.role,
                            name_column: spec.name_column.clone(),
                        },
                        None => Column {
                            id: id.to_string(),
                            label: join_wrapped_keyed(leaf, k),
                            role: ColumnRole::Amount,
                            name_column: None,
                        },
                    };
                    tb.table.columns.push(col);
                    tb.table.columns.len() - 1
                }
            };
            positions[p] = Some(idx);
        }
        tb.positions = positions;
        tb.header.clear();
        tb.fixed_leaves = leaves;
        tb.fixed_unknown.clone_from(&unknown);
        self.report_unknown_columns(no, &unknown);
    }

    /// The findings on header labels the layout does not know (kept as amount columns `col{p}`).
    fn report_unknown_columns(&mut self, no: u32, unknown: &[(usize, &str)]) {
        for &(p, leaf) in unknown {
            self.repair(
                "R006",
                format!("版式不认识的列标题“{}”，按金额列保留为 col{p}", join_wrapped(leaf)),
                leaf,
                &format!("col{p}"),
                Loc::cell(no, p),
            );
        }
    }

    fn data_row(&mut self, no: u32, cells: &[&'t str]) {
        if let Some((title, at)) = self.table.as_mut().and_then(|t| t.title_again.take()) {
            if cells.first() == Some(&"1") && self.table.as_ref().is_some_and(|t| !t.rows.is_empty()) {
                self.restart_table(title, at);
            }
        }
        if self.table.as_ref().is_some_and(|t| t.positions.is_empty()) {
            let has_header = self.table.as_ref().is_some_and(|t| !t.header.is_empty());
            if has_header {
                self.fix_columns(no);
            } else {
                // No header printed: assume the layout's columns in order.
                let tb = self.table.as_mut().expect("table");
                tb.table.columns = tb
                    .kind
                    .columns
                    .iter()
                    .map(|s| Column {
                        id: s.id.clone(),
                        label: s.labels[0].clone(),
                        role: s.role,
                        name_column: s.name_column.clone(),
                    })
                    .collect();
                tb.positions = (0..tb.table.columns.len()).map(Some).collect();
                tb.fixed_leaves.clear();
                let title = tb.table.title.clone();
                self.repair(
                    "R006",
                    format!("表“{title}”没有表头，按版式列顺序读取"),
                    cells.join("\t").as_str(),
                    "",
                    Loc::line(no),
                );
            }
        }
        let tb = self.table.as_mut().expect("table");
        tb.last_was_header = false;
        let unit = tb.table.unit;
        let ncols = tb.table.columns.len();
        // Written in place rather than cloned from a template cell (`vec![Cell::Empty; n]` clones each).
        let mut row_cells = Vec::with_capacity(ncols);
        row_cells.resize_with(ncols, || Cell::Empty);
        let mut repairs: Vec<RowRepair> = Vec::new();
        let mut stray = Vec::new();
        let mut bad_amounts = Vec::new();
        for (p, raw) in cells.iter().enumerate() {
            if raw.is_empty() || is_blank_mark(raw) {
                continue;
            }
            let Some(Some(ci)) = tb.positions.get(p).copied() else {
                stray.push((p, raw.to_string()));
                continue;
            };
            let col = &tb.table.columns[ci];
            let loc = Loc::cell(no, p);
            row_cells[ci] = match col.role {
                ColumnRole::Amount => match Money::try_parse(raw, unit) {
                    Some((value, decimals)) => {
                        tb.most_decimals = tb.most_decimals.max(Some(decimals));
                        Cell::Amount(Amount { value, decimals, text: (*raw).into(), loc })
                    }
                    None => {
                        bad_amounts.push((p, raw.to_string()));
                        Cell::Text((*raw).into())
                    }
                },
                ColumnRole::Code | ColumnRole::CodePart if raw.bytes().all(|b| b.is_ascii_digit()) => {
                    Cell::Text((*raw).into())
                }
                ColumnRole::Code | ColumnRole::CodePart => {
                    let joined = norm(raw);
                    if joined != *raw {
                        repairs.push((
                            "R001".into(),
                            format!("编码被换行拆开，拼接为 {joined}"),
                            raw.to_string(),
                            joined.clone(),
                            loc,
                        ));
                    }
                    Cell::Text(joined.into())
                }
                // Most names hold no whitespace: nothing to join, and no joined copy to compare.
                ColumnRole::Name | ColumnRole::Text if find_whitespace(raw).is_none() => Cell::Text((*raw).into()),
                ColumnRole::Name | ColumnRole::Text => {
                    let mut joined = ShortText::default();
                    join_wrapped_into(raw, &mut joined);
                    if joined != *raw && raw.contains(|c: char| c.is_whitespace()) {
                        repairs.push((
                            "R005".into(),
                            format!("名称被换行拆开，拼接为“{joined}”"),
                            raw.to_string(),
                            joined.to_string(),
                            loc,
                        ));
                    }
                    Cell::Text(joined)
                }
                ColumnRole::Seq | ColumnRole::Quantity => Cell::Text((*raw).into()),
            };
        }
        if tb.found.width != ncols {
            // Columns are only ever added, so an unchanged count means unchanged columns.
            tb.found = FoundColumns::of(&tb.table.columns);
        }
        let seq_col = tb.found.seq;
        let is_fragment = seq_col.is_some_and(|s| matches!(row_cells[s], Cell::Empty))
            && !row_cells.iter().any(|c| c.amount().is_some())
            && !tb.rows.is_empty()
            && row_cells.iter().enumerate().all(|(i, c)| {
                matches!(c, Cell::Empty) || matches!(tb.table.columns[i].role, ColumnRole::Code | ColumnRole::Name)
            });
        if is_fragment {
            join_fragment(tb, row_cells, no, &mut repairs);
        } else {
            let code = row_code(&tb.found.code, &row_cells, &mut tb.code_parts);
            let position = tb.rows.len() + 1;
            tb.rows.push(Row { position, cells: row_cells, code, roles: Vec::new(), loc: Loc::line(no) });
        }
        // Most rows have nothing to report.
        if !(repairs.is_empty() && stray.is_empty() && bad_amounts.is_empty()) {
            self.row_repairs(no, repairs, stray, bad_amounts);
        }
    }

    /// Reports what reading row `no` repaired: joined codes and names, cells beyond the header, text in
    /// amount columns. Out of line: most rows have none, and `data_row` runs for every row.
    #[cold]
    fn row_repairs(
        &mut self,
        no: u32,
        repairs: Vec<RowRepair>,
        stray: Vec<(usize, String)>,
        bad_amounts: Vec<(usize, String)>,
    ) {
        for (code, msg, orig, rep, loc) in repairs {
            self.repair(&code, msg, &orig, &rep, loc);
        }
        for (p, raw) in stray {
            self.repair(
                "R008",
                format!("第 {no} 行第 {} 格“{raw}”超出表头范围，未读入任何列", p + 1),
                &raw,
                "",
                Loc::cell(no, p),
            );
        }
        for (p, raw) in bad_amounts {
            self.repair("R007", format!("金额列里的“{raw}”不是金额，按文字保留"), &raw, "", Loc::cell(no, p));
        }
    }

    fn close_table(&mut self) {
        if let Some(mut tb) = self.table.take() {
            let mut t = tb.table;
            // One allocation of the exact size, rather than the growth steps of the buffer; `append`
            // moves the rows in one copy and leaves the emptied buffer its capacity.
            t.rows = Vec::with_capacity(tb.rows.len());
            t.rows.append(&mut tb.rows);
            self.spare_rows = tb.rows;
            // As `Table::printed_decimals`: rows only ever gain amounts in `data_row`.
            t.decimals = tb.most_decimals.unwrap_or(2);
            debug_assert_eq!(t.decimals, t.printed_decimals());
            if tb.kind.blocks > 1 {
                unfold_blocks(&mut t, tb.kind.blocks);
            }
            if tb.kind.transpose && !tb.kind.pairs.is_empty() {
                transpose_pairs(&mut t, &tb.kind.pairs);
            } else if tb.kind.transpose {
                transpose(&mut t);
            }
            assign_roles(tb.kind, &mut t);
            if !tb.kind.skip {
                self.doc.tables.push(t);
            }
        }
    }

    fn close_project(&mut self) {
        if let Some(p) = self.project.take() {
            self.doc.projects.push(p.p);
        }
    }

    fn close_section(&mut self) {
        if let Some(s) = self.section.take() {
            self.doc.sections.push(s);
        }
    }

    /// `whole` is the line's text when it has one cell (otherwise unused).
    fn narrative_line(&mut self, no: u32, cells: &[&'t str], filled: &[&'t str], whole: &str) {
        if self.mode == Mode::Table {
            // `续表` atop a page: the table goes on under its repeated page head.
            if filled.len() == 1 && self.layout.is_continuation(filled[0]) {
                return;
            }
            self.close_table();
            self.mode = Mode::Narrative;
        }
        // Headings, markers and titles are short; long prose lines skip those tests.
        // (the line's length as if its cells were joined by spaces)
        let whole_len = filled.iter().map(|c| c.len()).sum::<usize>() + filled.len() - 1;
        let short = whole_len < 300;
        let single = filled.len() == 1 && short;
        // A heading is a short line, not a sentence (`（四）机关运行经费：指…` is a glossary item).
        let heading_like = single && at_most_chars(whole, 40) && !has_colon_or_stop(whole);
        // Most prose lines lack the characters of every explanation marker: they are not keyed.
        let may_be_marker = single && self.layout.may_hold_explanation_marker(whole);
        if heading_like || may_be_marker {
            // `whole` is `filled[0]`, often keyed already by `line`.
            self.key_source(filled[0]);
        }
        let whole_key = self.key.as_str();
        if may_be_marker && self.layout.has_explanation_marker(whole_key) {
            let heading = join_wrapped_keyed(whole, whole_key);
            self.close_project();
            self.close_section();
            self.section = Some(Section { id: "preamble".into(), heading, paragraphs: vec![], loc: Loc::line(no) });
            self.mode = Mode::Narrative;
            return;
        }
        if heading_like {
            if let Some(kind) = self.layout.section_for_heading_key(whole_key) {
                let k = whole_key;
                let numbered = strip_numbering(k) != k;
                let bare = yusuan_model::layout::strip_year(k);
                let by_suffix = kind.suffixes.iter().any(|x| k.ends_with(x.as_str()));
                if numbered || by_suffix || kind.heading_keys.iter().any(|h| h == k || h == bare) {
                    let heading = join_wrapped_keyed(whole, k);
                    self.close_project();
                    self.close_section();
                    self.section =
                        Some(Section { id: kind.id.clone(), heading, paragraphs: vec![], loc: Loc::line(no) });
                    self.mode = Mode::Narrative;
                    return;
                }
            }
        }
        if short && filled.len() <= 2 && self.is_project_title_cell(filled[0]) {
            self.close_project();
            self.start_project(no, filled[0]);
            return;
        }
        if self.mode == Mode::Project && self.project_line(no, cells, filled) {
            return;
        }
        let text = if cells.len() > 1 { filled.join("\t") } else { whole.to_string() };
        let para = Paragraph { text, loc: Loc::line(no) };
        match self.section.as_mut() {
            Some(s) => s.paragraphs.push(para),
            None => self.doc.unplaced.push(para),
        }
    }

    /// Whether `first`, a cell of the text, ends with a project-table title suffix.
    fn is_project_title_cell(&mut self, first: &'t str) -> bool {
        // (most cells end with no suffix's last character, and are not keyed for it)
        if !self.layout.may_be_project_title(first) {
            return false;
        }
        // Often keyed already (a single-cell line), and kept for `project_line`.
        self.key_source(first);
        self.is_project_title(first, true)
    }

    /// Whether `first` ends with a project-table title suffix; `keyed` when `self.key` already
    /// holds its key.
    fn is_project_title(&mut self, first: &str, keyed: bool) -> bool {
        let layout = self.layout;
        let pl = &layout.projects;
        if pl.title_suffixes.is_empty() {
            return false;
        }
        if !keyed {
            self.key_other(first);
        }
        let k = self.key.as_str();
        let pk = &layout.project_keys;
        if pk.ready {
            pk.title_suffixes.iter().any(|s| k.ends_with(s.as_str()))
        } else {
            pl.title_suffixes.iter().any(|s| with_key(s, |s| k.ends_with(s)))
        }
    }

    /// `self.key` holds the key of `title` (the line was keyed to tell it is a project title).
    fn start_project(&mut self, no: u32, title: &str) {
        let mut t = join_wrapped_keyed(title, &self.key);
        let numbering = t.len() - strip_numbering(&t).len();
        if let Some(rest) = t[numbering..].strip_prefix([']', '】']) {
            // The title without the bracket (numbering holds no bracket, so this is where the
            // text after the numbering is first found).
            let fixed = format!("{}{rest}", &t[..numbering]);
            self.repair(
                "R003",
                format!("标题中多余的“{}”已去掉", &t[numbering..t.len() - rest.len()]),
                &t,
                &fixed,
                Loc::line(no),
            );
            t = fixed;
        }
        self.project = Some(ProjectBuilder {
            p: Project { title: t, loc: Loc::line(no), ..Project::default() },
            indicator_pos: [0, 1, 2, 3, 4, 5],
            ..ProjectBuilder::default()
        });
        self.mode = Mode::Project;
    }

    /// One line of a performance-target table; false when it does not belong to one.
    fn project_line(&mut self, no: u32, cells: &[&'t str], filled: &[&'t str]) -> bool {
        let layout = self.layout;
        let pl = &layout.projects;
        let pk = &layout.project_keys;
        // The keys of a label list (computed here for layouts built without `Layout::from_toml`).
        let keys = |ready: &'a [String], labels: &[String]| -> Cow<'a, [String]> {
            if pk.ready {
                Cow::Borrowed(ready)
            } else {
                Cow::Owned(labels.iter().map(|l| yusuan_model::layout::key(l)).collect())
            }
        };
        let first = cells.first().copied().unwrap_or("");
        // Keyed already when `is_project_title` was asked about it.
        self.key_source(first);
        let first_key = self.key.as_str();
        let k = &mut self.key2;
        // Layout labels are written without whitespace, so they compare with the key directly.
        let has = |labels: &[String], _: &str| labels.iter().any(|l| first_key.starts_with(l.as_str()));
        let mut repairs = Vec::new();
        let Some(pb) = self.project.as_mut() else { return false };
        let unit = pb.p.unit.unwrap_or(layout.default_unit);
        let amount = |c: &str, p: usize| {
            Money::try_parse(c, unit).map(|(value, decimals)| Amount {
                value,
                decimals,
                text: c.into(),
                loc: Loc::cell(no, p),
            })
        };
        if has(&pl.code_labels, first) {
            pb.expect = Expect::Nothing;
            pb.p.code = cells.get(1).map(|c| norm(c)).unwrap_or_default();
            let name_keys = keys(&pk.name_labels, &pl.name_labels);
            for (i, c) in cells.iter().enumerate().skip(1) {
                // Most cells (the code, the name) can start with no name label.
                if !may_key_start_with(c, &name_keys) {
                    continue;
                }
                key_into(c, k);
                let k = k.as_str();
                if let Some((label, label_key)) =
                    pl.name_labels.iter().zip(name_keys.iter()).find(|(_, lk)| k.starts_with(lk.as_str()))
                {
                    let rest = k[label_key.len()..].trim_start_matches([']', '】', '：', ':', '[']);
                    if rest.is_empty() {
                        pb.p.name =
                            cells[i + 1..].iter().find(|c| !c.is_empty()).map(|c| join_wrapped(c)).unwrap_or_default();
                    } else {
                        // Split after the label's characters (the cell may hold wrapping spaces).
                        let label_chars = label.chars().filter(|ch| !ch.is_whitespace()).count();
                        let after_label = c
                            .char_indices()
                            .filter(|(_, ch)| !ch.is_whitespace())
                            .nth(label_chars)
                            .map_or(c.len(), |(i, _)| i);
                        let name = join_wrapped(c[after_label..].trim_start_matches([']', '】', '：', ':', '[']));
                        repairs.push((
                            "R003",
                            format!("粘连的单元格“{c}”拆为“{label}”和“{name}”"),
                            c.to_string(),
                            name.clone(),
                            Loc::cell(no, i),
                        ));
                        pb.p.name = name;
                    }
                }
            }
        } else if has(&pl.budget_row_labels, first) {
            let budget = keys(&pk.budget_labels, &pl.budget_labels);
            let fiscal = keys(&pk.fiscal_labels, &pl.fiscal_labels);
            let other = keys(&pk.other_labels, &pl.other_labels);
            for (i, c) in cells.iter().enumerate() {
                // Most cells (the amounts, the row's own label) can be none of the labels.
                let last = key_last_char(c);
                if !(may_be_one_of(last, &budget) || may_be_one_of(last, &fiscal) || may_be_one_of(last, &other)) {
                    continue;
                }
                let next = || cells.get(i + 1).and_then(|n| amount(n, i + 1));
                key_into(c, k);
                let is = |labels: &[String]| labels.iter().any(|l| l == k);
                if is(&budget) {
                    pb.p.budget = next();
                } else if is(&fiscal) {
                    pb.p.fiscal = next();
                } else if is(&other) {
                    pb.p.other = next();
                }
            }
            pb.expect = Expect::Purpose;
        } else if has(&pl.plan_labels, first) {
            pb.p.plan_printed = true;
            pb.plan_labels =
                cells.iter().enumerate().skip(1).filter(|(_, c)| !c.is_empty()).map(|(i, c)| (i, norm(c))).collect();
            pb.expect = Expect::PlanValues;
        } else if has(&pl.goal_labels, first) && !first_key.contains("指标") {
            let goal = join_wrapped(&filled[1..].join(""));
            pb.p.goal = (!goal.is_empty()).then_some(goal);
            pb.expect = Expect::Nothing;
        } else if has(&pl.indicator_header_labels, first) {
            let labels = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据"];
            // Each cell keyed once; a label's slot takes the first cell that matches it.
            let mut placed = [false; 6];
            for (p, c) in cells.iter().enumerate() {
                // A cell printed as a label is its own key (the labels hold nothing a key changes); an
                // empty cell is none.
                let slot = match labels.iter().position(|l| c == l) {
                    Some(slot) => Some(slot),
                    None if c.is_empty() => None,
                    None => {
                        key_into(c, k);
                        labels.iter().position(|l| k.as_str() == *l)
                    }
                };
                if let Some(slot) = slot.filter(|&s| !placed[s]) {
                    pb.indicator_pos[slot] = p;
                    placed[slot] = true;
                }
            }
            pb.expect = Expect::Nothing;
        } else if first.is_empty() && pb.expect == Expect::Purpose && filled.len() == 1 {
            pb.p.purpose = Some(join_wrapped(filled[0]));
            pb.expect = Expect::Nothing;
        } else if (first.is_empty() || is_blank_mark(first))
            && pb.expect == Expect::PlanValues
            && filled.iter().all(|c| Money::try_parse(c, unit).is_some() || is_blank_mark(c))
        {
            for (p, c) in cells.iter().enumerate() {
                if let Some(a) = amount(c, p) {
                    let label = pb
                        .plan_labels
                        .iter()
                        .rev()
                        .find(|(lp, _)| *lp <= p)
                        .map(|(_, l)| l.clone())
                        .unwrap_or_default();
                    pb.p.plan.push((label, a));
                }
            }
            pb.expect = Expect::Nothing;
        } else if cells.len() >= 3 {
            pb.expect = Expect::Nothing;
            let get = |slot: usize| cells.get(pb.indicator_pos[slot]).map(|c| join_wrapped_cell(c)).unwrap_or_default();
            let ind = Indicator {
                level1: get(0),
                level2: get(1),
                level3: get(2),
                description: get(3),
                value: get(4),
                basis: get(5),
                loc: Loc::line(no),
            };
            if ind.level1.is_empty() && ind.level2.is_empty() && ind.level3.is_empty() && ind.description.is_empty() {
                if let Some(prev) = pb.p.indicators.last_mut() {
                    for (field, tail) in [(&mut prev.value, &ind.value), (&mut prev.basis, &ind.basis)] {
                        if !tail.is_empty() {
                            let before = field.clone();
                            field.push_str(tail);
                            repairs.push((
                                "R002",
                                format!("第 {no} 行的片段“{tail}”接到上一指标的“{before}”之后"),
                                tail.clone(),
                                field.clone(),
                                Loc::line(no),
                            ));
                        }
                    }
                    for (r, m, o, f, l) in repairs {
                        self.repair(r, m, &o, &f, l);
                    }
                    return true;
                }
            }
            let mut ind = ind;
            if ind.level1.is_empty() {
                ind.level1 = pb.p.indicators.last().map(|i| i.level1.clone()).unwrap_or_default();
            }
            pb.p.indicators.push(ind);
        } else {
            return false;
        }
        for (r, m, o, f, l) in repairs {
            self.repair(r, m, &o, &f, l);
        }
        true
    }

    fn finish(mut self) -> Document {
        self.replay_unknown_head();
        self.close_table();
        self.close_project();
        self.close_section();
        self.doc
    }
}

/// Where a table's rows print their classification code.
enum CodeColumns {
    /// A column holding the whole code.
    Whole(usize),
    /// The columns of a code printed in parts (类|款|项), in order; none when the table has no code.
    Parts(Vec<usize>),
}

impl Default for CodeColumns {
    /// No code columns (a table without columns).
    fn default() -> Self {
        CodeColumns::Parts(Vec::new())
    }
}

impl CodeColumns {
    /// The code columns among `columns`.
    fn of(columns: &[Column]) -> CodeColumns {
        match columns.iter().position(|c| c.role == ColumnRole::Code) {
            Some(i) => CodeColumns::Whole(i),
            None => CodeColumns::Parts(
                columns.iter().enumerate().filter(|(_, c)| c.role == ColumnRole::CodePart).map(|(i, _)| i).collect(),
            ),
        }
    }
}

/// The 序号 and code columns of a table, found once for a set of columns rather than on every row.
#[derive(Default)]
struct FoundColumns {
    /// How many columns there were when they were looked for.
    width: usize,
    /// The 序号 column.
    seq: Option<usize>,
    /// The code columns.
    code: CodeColumns,
}

impl FoundColumns {
    /// The 序号 and code columns among `columns`.
    fn of(columns: &[Column]) -> FoundColumns {
        FoundColumns {
            width: columns.len(),
            seq: columns.iter().position(|c| c.role == ColumnRole::Seq),
            code: CodeColumns::of(columns),
        }
    }
}

/// The row's classification code: a code column, or 类|款|项 parts joined.
fn row_code(code: &CodeColumns, cells: &[Cell], parts: &mut [ShortText; 2]) -> Option<ShortText> {
    let part_columns = match code {
        CodeColumns::Whole(i) => {
            return cells[*i]
                .text()
                .filter(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()))
                .map(ShortText::from)
        }
        CodeColumns::Parts(p) => p,
    };
    // As zipping the columns with the cells: parts beyond the cells are not read.
    let texts = || part_columns.iter().map_while(|&i| cells.get(i)).map(|cell| cell.text().unwrap_or(""));
    let mut any = false;
    for t in texts() {
        if !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        any |= !t.is_empty();
    }
    if !any {
        return None;
    }
    let mut it = texts();
    let (t0, t1, t2) = (it.next().unwrap_or(""), it.next(), it.next());
    let lei = if t0.is_empty() { parts[0].clone() } else { ShortText::from(t0) };
    let kuan = match t1 {
        Some(k) if !k.is_empty() => ShortText::from(k),
        _ if t2.is_some_and(|x| !x.is_empty()) => parts[1].clone(),
        _ => ShortText::default(),
    };
    let mut code = lei.clone();
    code.push_str(&kuan);
    code.push_str(t2.unwrap_or(""));
    parts[0] = lei;
    if !kuan.is_empty() {
        parts[1] = kuan;
    }
    Some(code)
}

/// Columns of a table whose items are printed as pairs of sub-columns (预算数 | 决算数): each
/// sub-column gets the id `item/sub` and, as label, its item's header. Returns the positions whose
/// item header the layout does not know.
fn fix_pair_columns(tb: &mut TableBuilder<'_, '_>, width: usize) -> Vec<(usize, String)> {
    let kind = tb.kind;
    let is_pair_label = |c: &str| kind.pair_labels.iter().position(|l| with_key(c, |k| with_key(l, |l| k == l)));
    // The deepest printed header text at a position.
    let deepest = |p: usize, skip_pairs: bool| {
        tb.header
            .iter()
            .rev()
            .filter_map(|r| r.get(p).copied())
            .find(|c| !(c.is_empty() || skip_pairs && is_pair_label(c).is_some()))
            .unwrap_or("")
    };
    let mut positions = vec![None; width];
    let mut unknown = Vec::new();
    let mut new_columns = Vec::new();
    for (p, slot) in positions.iter_mut().enumerate() {
        let Some(j) = is_pair_label(deepest(p, false)) else { continue };
        let Some(q) = p.checked_sub(j) else { continue };
        let group = deepest(q, true);
        let spec = kind.columns.iter().find(|c| c.labels.iter().any(|l| with_key(l, |l| with_key(group, |g| g == l))));
        let Some(spec) = spec else {
            if j == 0 && !group.is_empty() {
                unknown.push((q, join_wrapped(group)));
            }
            continue;
        };
        let id = format!("{}/{}", spec.id, kind.pairs.get(j).map_or("", String::as_str));
        let idx = match tb.table.columns.iter().chain(&new_columns).position(|c: &Column| c.id == id) {
            Some(i) => i,
            None => {
                new_columns.push(Column {
                    id,
                    label: join_wrapped(group),
                    role: ColumnRole::Amount,
                    name_column: None,
                });
                tb.table.columns.len() + new_columns.len() - 1
            }
        };
        *slot = Some(idx);
    }
    tb.table.columns.extend(new_columns);
    tb.positions = positions;
    tb.header.clear();
    unknown
}

/// A table printed as `n` side-by-side blocks of the same columns becomes one table with the first
/// block's columns: the rows of the left block, then those of the next block, each row's code taken
/// from its own block. A table printed as one block (no column of a later block, whose ids end in
/// `.2`, `.3` …, as a workbook written from the model prints it) is kept as it is.
fn unfold_blocks(t: &mut Table, n: usize) {
    let width = t.columns.len();
    if n < 2 || !width.is_multiple_of(n) || !t.columns.iter().any(|c| c.id.ends_with(".2")) {
        return;
    }
    let per = width / n;
    let columns: Vec<Column> = t.columns[..per].to_vec();
    let code_columns = CodeColumns::of(&columns);
    let mut rows = Vec::new();
    for b in 0..n {
        let mut parts: [ShortText; 2] = Default::default();
        for r in &t.rows {
            let cells: Vec<Cell> = (0..per).map(|i| r.cells.get(b * per + i).cloned().unwrap_or_default()).collect();
            if cells.iter().all(|c| matches!(c, Cell::Empty)) {
                continue;
            }
            let code = row_code(&code_columns, &cells, &mut parts);
            rows.push(Row { position: rows.len() + 1, cells, code, roles: Vec::new(), loc: r.loc.clone() });
        }
    }
    t.columns = columns;
    t.rows = rows;
}

/// [`transpose`] for items printed as pairs of sub-columns: one row per item (in printed order),
/// with one amount column per sub-column.
fn transpose_pairs(t: &mut Table, pairs: &[String]) {
    let Some(src) = t.rows.iter().find(|r| r.cells.iter().any(|c| c.amount().is_some())).cloned() else { return };
    let mut items: Vec<(String, String, Vec<Cell>)> = Vec::new();
    for (i, c) in t.columns.iter().enumerate() {
        let Some((item, sub)) = c.id.rsplit_once('/') else { continue };
        let Some(j) = pairs.iter().position(|p| p == sub) else { continue };
        let k = match items.iter().position(|(id, _, _)| id == item) {
            Some(k) => k,
            None => {
                items.push((item.to_string(), c.label.clone(), vec![Cell::Empty; pairs.len()]));
                items.len() - 1
            }
        };
        items[k].2[j] = src.cells.get(i).cloned().unwrap_or_default();
    }
    t.columns =
        std::iter::once(Column {
            id: "name".into(), label: "项目".into(), role: ColumnRole::Name, name_column: None
        })
        .chain(pairs.iter().map(|p| Column {
            id: p.clone(),
            label: p.clone(),
            role: ColumnRole::Amount,
            name_column: None,
        }))
        .collect();
    t.rows = items
        .into_iter()
        .enumerate()
        .map(|(i, (id, label, cells))| Row {
            position: i + 1,
            cells: std::iter::once(Cell::Text(label.into())).chain(cells).collect(),
            code: None,
            roles: vec![id],
            loc: src.loc.clone(),
        })
        .collect();
}

/// Keys of the row names in one name column: the column, the keys one after another, and the rows
/// that may take a role, in row order, each with its key's span.
type NameKeys<'c> = (Option<&'c str>, String, Vec<(usize, usize, usize)>);

/// Turns a table printed as one row of item columns into one row per item (role = column id), with
/// the printed column header as the row name and a single amount column.
fn transpose(t: &mut Table) {
    let Some(src) = t.rows.iter().find(|r| r.cells.iter().any(|c| c.amount().is_some())).cloned() else { return };
    let items: Vec<(Column, Cell)> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.role == ColumnRole::Amount)
        .map(|(i, c)| (c.clone(), src.cells.get(i).cloned().unwrap_or_default()))
        .collect();
    t.columns = vec![
        Column { id: "name".into(), label: "项目".into(), role: ColumnRole::Name, name_column: None },
        Column {
            id: yusuan_model::layout::ITEM_TOTAL.into(),
            label: "金额".into(),
            role: ColumnRole::Amount,
            name_column: None,
        },
    ];
    t.rows = items
        .into_iter()
        .enumerate()
        .map(|(i, (col, cell))| Row {
            position: i + 1,
            cells: vec![Cell::Text(col.label.into()), cell],
            code: None,
            roles: vec![col.id],
            loc: src.loc.clone(),
        })
        .collect();
}

fn assign_roles(kind: &TableKind, table: &mut Table) {
    let fresh: Vec<Vec<String>>;
    let spec_keys = if kind.row_name_keys.len() == kind.rows.len() {
        &kind.row_name_keys
    } else {
        fresh = kind.rows.iter().map(|r| r.names.iter().map(|n| yusuan_model::layout::key(n)).collect()).collect();
        &fresh
    };
    // Keys of row names, per name column, computed when first needed: (column, text, candidate rows).
    let mut names: Vec<NameKeys> = Vec::new();
    // No role name's key is empty in the bundled layouts: rows whose key is empty (most, a name no role
    // name can be is not keyed) are then left out of the candidates.
    let empty_names = spec_keys.iter().flatten().any(String::is_empty);
    // Specs without `after` first, each group in layout order.
    let order = (0..kind.rows.len()).filter(|&i| kind.rows[i].after.is_none());
    let order = order.chain((0..kind.rows.len()).filter(|&i| kind.rows[i].after.is_some()));
    for si in order {
        let spec = &kind.rows[si];
        let start = match &spec.after {
            Some(r) => match table.rows.iter().position(|row| row.roles.contains(r)) {
                Some(i) => i + 1,
                None => continue,
            },
            None => 0,
        };
        let keys = &spec_keys[si];
        let column = spec.column.as_deref();
        let slot = match names.iter().position(|(c, _, _)| *c == column) {
            Some(s) => s,
            None => {
                names.push(row_name_keys(kind, table, column, empty_names));
                names.len() - 1
            }
        };
        let (_, buf, cands) = &names[slot];
        // Lengths first, then bytes (the span is a whole key: no character boundaries to check).
        let found = cands.iter().filter(|&&(_, _, i)| i >= start).find_map(|&(from, to, i)| {
            keys.iter().any(|n| n.len() == to - from && n.as_bytes() == &buf.as_bytes()[from..to]).then_some(i)
        });
        if let Some(i) = found {
            let roles = &mut table.rows[i].roles;
            if roles.is_empty() {
                // Most rows take one role: a list of it alone, made at once rather than grown.
                *roles = vec![spec.role.clone()];
            } else {
                roles.push(spec.role.clone());
            }
        }
    }
}

/// The keys of the row names in the name column `column` (as `Table::row_name`), with the rows that
/// may take a role: those with a non-empty key, or all when `empty_names` (a role name's key is empty).
fn row_name_keys<'c>(kind: &TableKind, table: &Table, column: Option<&'c str>, empty_names: bool) -> NameKeys<'c> {
    let idx = match column {
        Some(id) => table.col(id),
        None => table.columns.iter().position(|c| c.role == ColumnRole::Name),
    };
    let mut buf = String::with_capacity(table.rows.len() * 32);
    let mut cands = Vec::with_capacity(table.rows.len());
    for (i, row) in table.rows.iter().enumerate() {
        let from = buf.len();
        let mut name = idx.and_then(|c| row.cells.get(c)).and_then(Cell::text).unwrap_or("");
        // `合计` printed under the code columns (Shanghai) names the row too.
        if name.is_empty() && column.is_none() {
            name = row
                .cells
                .iter()
                .find_map(|c| match c {
                    Cell::Text(t) if !t.is_empty() => Some(t.as_str()),
                    _ => None,
                })
                .unwrap_or("");
        }
        // A name no role name can be is left without a key (empty: no role name's key is).
        if kind.may_be_row_name(name) {
            key_append(strip_numbering(name), &mut buf);
        }
        if buf.len() > from || empty_names {
            cands.push((from, buf.len(), i));
        }
    }
    (column, buf, cands)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_are_recognised_but_not_bare_numbers_or_prose() {
        for p in ["- 3 -", "—12—", "－ 7 －", "第 3 页", "第3页 共40页", "3 / 40"] {
            assert!(page_number_line(p), "{p}");
        }
        for p in ["3", "538.08", "-5", "第三部分", "2025/2026年", "第3条", "一、收支预算总体情况"] {
            assert!(!page_number_line(p), "{p}");
        }
    }

    #[test]
    fn a_bare_numbered_row_the_layout_names_stays_in_its_table() {
        // A workbook drops a row's empty cells: `二、事业收入` is then a line of one cell. Its name, numbered,
        // is a row of the layout's summary table, so the rows after it are still the table's.
        let text = "2025年部门财务收支预算总表\n编制部门：某局\t单位：元\n本年收入\t\t本年支出\t\n\
                    项目\t预算数\t项目\t预算数\n一、财政拨款收入\t100.00\t一、一般公共服务支出\t100.00\n\
                    二、事业收入\n收入总计\t100.00\t支出总计\t100.00\n";
        let doc = read_text("t", text, Layout::by_id("shanghai-dept-budget").unwrap());
        let t = doc.table("summary").expect("summary read");
        assert_eq!(t.rows.len(), 3, "{:?}", t.rows);
        assert!(t.row_with_role("income.business").is_some());
        assert_eq!(t.row_with_role("income.grand_total").map(|r| t.value(r, "income_amount").0), Some(10_000));
    }

    #[test]
    fn page_head_labels_come_from_the_layout() {
        // A region that prints `填报单位：` and `年度：` instead: a layout says so, no code changes.
        let mine = "extends = \"hebei-dept-budget\"\nid = \"mine\"\n[page_head]\norg_labels = [\"填报单位\"]\n\
                    year_labels = [\"年度\"]\nunit_labels = [\"单位\"]\ndate_labels = []\n";
        let mine = Layout::from_toml("mine.toml", mine).unwrap();
        let text = "部门预算支出总表\n填报单位：邯山区某局\n年度：2025\n单位：元\n";
        let doc = read_text("t", text, &mine);
        assert_eq!(doc.meta.dept_name.as_deref(), Some("邯山区某局"));
        assert_eq!(doc.meta.year, Some(2025));
        assert_eq!(doc.tables[0].unit, Unit::Yuan);
        // The bundled layout does not know these labels: the lines are no page-head facts there.
        let doc = read_text("t", text, Layout::by_id("hebei-dept-budget").unwrap());
        assert_eq!(doc.meta.dept_name, None);
        assert_eq!(doc.meta.year, None);
    }

    #[test]
    fn separators_are_every_tab_and_newline() {
        let parts = ["", "\t", "\n", "\r\n", "a", "中文", "\u{0}", "\u{8}", "\u{b}", "\u{7f}", "\u{80}", "12345678"];
        for a in parts {
            for b in parts {
                for c in parts {
                    for d in parts {
                        let s = format!("{a}{b}{c}{d}{c}{b}{a}{d}");
                        let want: Vec<usize> =
                            s.bytes().enumerate().filter(|(_, x)| matches!(x, b'\t' | b'\n')).map(|(i, _)| i).collect();
                        assert_eq!(Separators::new(s.as_bytes()).collect::<Vec<_>>(), want, "{s:?}");
                    }
                }
            }
        }
        for b in 0..=255u8 {
            for at in [0, 7, 15] {
                let mut chunk = [b'x'; 16];
                chunk[at] = b;
                assert_eq!(separator_bits(&chunk), separator_bits_bytewise(&chunk), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn undecoded_characters_are_found_wherever_they_stand() {
        let chars = [
            "a", "中", "：", "\u{FFFD}", "\u{E000}", "\u{EFFF}", "\u{F000}", "\u{F8FF}", "\u{F900}", "\u{FFE5}",
            "\u{FFFF}",
        ];
        for pad in 0..70 {
            for c in chars {
                for end in ["", "。", "a"] {
                    let s = format!("{}{c}{end}", "中a".repeat(pad / 4) + &"b".repeat(pad % 4));
                    assert_eq!(has_undecoded(&s), s.chars().any(undecoded_char), "{s:?}");
                }
            }
        }
        for b in 0..=255u8 {
            for at in [0, 15, 16, 47, 63] {
                let mut block = [b'x'; 64];
                block[at] = b;
                assert_eq!(high_bits(&block), high_bits_bytewise(&block), "{b:#x} at {at}");
            }
        }
    }

    #[test]
    fn cells_are_trimmed_as_by_trim() {
        let parts =
            ["", " ", "\t", "\u{a0}", "\u{3000}", "\u{2028}", "a", "é", "中", "。", "、", "𠀀", "\u{85}", "\u{1680}"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(trim_cell(&s), s.trim(), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn colons_and_full_stops_are_found_by_their_bytes() {
        let parts = ["", "a", ":", "：", "。", "、", "中", "𠀀", "é", "\u{FF1B}", "\u{3003}", "\u{EF9A}"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let s = format!("{a}{b}{c}");
                    assert_eq!(has_colon_or_stop(&s), s.contains(['：', ':', '。']), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn bounded_character_counts_agree_with_counting() {
        for base in ["", "a", "中", "𠀀", "一、部门职责及机构设置情况"] {
            for times in [0, 1, 2, 3, 5, 9, 10, 11, 13, 40, 41, 60] {
                let s = base.repeat(times);
                for n in [0, 1, 3, 10, 40] {
                    assert_eq!(at_most_chars(&s, n), s.chars().count() <= n, "{s:?} {n}");
                }
            }
        }
    }

    #[test]
    fn label_quick_rejects_never_reject_a_matching_key() {
        let labels: Vec<String> =
            ["预算数", "财政资金", "其他资金", "项目名称", "（%）", ""].iter().map(|l| l.to_string()).collect();
        let parts = ["", "其中：", "2025年", "“", "(", ")", ":", "项目名称", "预算数", "财政 资金", "81.00", "a", "）"];
        for a in parts {
            for b in parts {
                for c in parts {
                    let cell = format!("{a}{b}{c}");
                    let cell = cell.trim();
                    let k = yusuan_model::layout::key(cell);
                    for keys in labels.chunks(1).chain([&labels[..5]]) {
                        if keys.contains(&k) {
                            assert!(may_be_one_of(key_last_char(cell), keys), "{cell:?} {keys:?}");
                        }
                        if keys.iter().any(|l| k.starts_with(l.as_str())) {
                            assert!(may_key_start_with(cell, keys), "{cell:?} {keys:?}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn joins_wrapped_cjk_but_keeps_ascii_words() {
        assert_eq!(join_wrapped("国有资本经营 预算支出"), "国有资本经营预算支出");
        assert_eq!(join_wrapped("邯财资 [2024] 24 号"), "邯财资[2024]24号");
        assert_eq!(join_wrapped("Type A"), "Type A");
        assert_eq!(join_wrapped("a\u{3000} b\tc 中 d"), "a b c中d");
    }

    #[test]
    fn line_parsers_agree_with_their_regexes() {
        // The page-head parsers against regexes made from the same labels.
        let head = &Layout::by_id("hebei-dept-budget").unwrap().page_head;
        let any = |labels: &[String]| labels.iter().map(|l| regex::escape(l)).collect::<Vec<_>>().join("|");
        let unit = Regex::new(&format!(r"^(?:{})[：:]\s*(万元|元)\s*$", any(&head.unit_labels))).unwrap();
        let date = Regex::new(&format!(r"^(?:{})[：:]", any(&head.date_labels))).unwrap();
        let year = Regex::new(&format!(r"^(?:{})[：:]\s*(\d{{4}})", any(&head.year_labels))).unwrap();
        let heads = [
            "",
            "预算年度",
            "单位",
            "金额单位",
            "截止时间",
            "截至日期",
            "编制部门",
            "编制单位",
            "预算主管部门",
            "预算单位",
            "306",
            "2025",
            "12",
            "1234567890123",
        ];
        let mids = [
            "", "：", ":", " ", "\t", "\u{3000}", "..", "．．", "…", "·", "年", " 年", "\u{0663}", "５", "a", "万元",
            "元",
        ];
        let tails = [
            "",
            "2025",
            "２０２５",
            "20２5",
            "7",
            "12345",
            " 万元 ",
            "元",
            "邯山区科技局",
            "x",
            "\u{0663}\u{0664}",
            "年度",
        ];
        for h in heads {
            for m in mids {
                for t in tails {
                    for s in [format!("{h}{m}{t}"), format!("{t}{m}{h}"), format!("{h}{t}{m}{t}")] {
                        let s = s.as_str();
                        assert_eq!(unit_line(s, head), unit.captures(s).and_then(|c| Unit::parse(&c[1])), "{s:?}");
                        assert_eq!(date_line(s, head), date.is_match(s), "{s:?}");
                        assert_eq!(year_line(s, head), year.captures(s).map(|c| c[1].parse().ok()), "{s:?}");
                        assert_eq!(year_in_title(s), YEAR_IN_TITLE.captures(s).map(|c| c[1].parse().ok()), "{s:?}");
                        let trimmed = s.trim();
                        if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
                            let want = DEPT_LINE
                                .captures(trimmed)
                                .map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()));
                            assert_eq!(dept_line(trimmed), want, "{s:?}");
                        }
                        let want =
                            TOC_LINE.captures(s).map(|c| (c.get(1).unwrap().as_str(), c.get(2).unwrap().as_str()));
                        assert_eq!(toc_parts(s), want, "{s:?}");
                        // `meta_line` passes over lines by their first character: every page-head line
                        // these parsers take must pass that test.
                        let taken = org_line(s, head).is_some()
                            || unit_line(s, head).is_some()
                            || year_line(s, head).is_some()
                            || date_line(s, head);
                        if taken {
                            assert!(head.may_start(s), "{s:?}");
                        }
                    }
                }
            }
        }
    }
}
