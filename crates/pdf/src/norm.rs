//! Character normalisation: the subset of NFKC that matters for budget tables.

use crate::nfkc_table::{COMPAT, KANGXI};
use std::sync::LazyLock;

static KANGXI_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| KANGXI.chars().collect());

/// Whether a decoded character is garbage rather than text: the replacement character,
/// control characters and private-use code points (fonts without a usable Unicode mapping).
pub(crate) fn is_undecodable(c: char) -> bool {
    c == '\u{FFFD}'
        || (c.is_control() && !c.is_whitespace())
        || matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// Appends `c` to `out` after mapping full-width ASCII letters and digits to ASCII, odd spaces
/// to a space, and CJK compatibility ideographs / Kangxi radicals to unified ideographs.
/// Full-width punctuation (`：（），`) is kept: the text reader's keys use full-width forms.
pub(crate) fn push_norm(c: char, out: &mut String) {
    let u = c as u32;
    let mapped = match u {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => char::from_u32(u - 0xFEE0),
        0x00A0 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => Some(' '),
        0x200B..=0x200D | 0xFEFF | 0x00AD => return,
        0x2F00..=0x2FD5 => KANGXI_CHARS.get((u - 0x2F00) as usize).copied(),
        0x2E80..=0x2EFF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F => {
            COMPAT.binary_search_by_key(&u, |p| p.0).ok().and_then(|i| char::from_u32(COMPAT[i].1))
        }
        _ => None,
    };
    out.push(mapped.unwrap_or(c));
}

/// If `s` is an amount written with full-width punctuation (`１，２３４．５６`, `－５`), returns
/// it in ASCII; other text is returned unchanged.
pub(crate) fn fix_number(s: String) -> String {
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    let numeric = s.chars().all(|c| {
        c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | '%' | '，' | '．' | '－' | '＋' | '％' | '−' | ' ')
    });
    if !has_digit || !numeric || s.is_ascii() {
        return s;
    }
    s.chars()
        .map(|c| match c {
            '，' => ',',
            '．' => '.',
            '－' | '−' => '-',
            '＋' => '+',
            '％' => '%',
            c => c,
        })
        .collect()
}

/// Whether `s` is a number as printed in a table (`1,234.56`, `-5`, `12.5%`, `2080505`).
pub(crate) fn is_numeric(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+' | '%' | ' '))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        s.chars().for_each(|c| push_norm(c, &mut out));
        fix_number(out)
    }

    #[test]
    fn full_width_and_radicals() {
        assert_eq!(norm("１，２３４．５６"), "1,234.56");
        assert_eq!(norm("－５"), "-5");
        assert_eq!(norm("单位：元"), "单位：元");
        assert_eq!(norm("\u{2F00}\u{2F06}"), "一二");
        assert_eq!(norm("\u{F900}"), "\u{8C48}");
        assert!(is_undecodable('\u{FFFD}'));
        assert!(is_undecodable('\u{E360}'));
        assert!(!is_undecodable('元'));
    }
}
