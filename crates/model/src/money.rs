//! Exact money: integer 分, never floats.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in 分 (0.01 元).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Money(pub i64);

/// The unit a table prints its amounts in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Unit {
    /// 元
    #[serde(rename = "元")]
    Yuan,
    /// 万元
    #[serde(rename = "万元")]
    WanYuan,
}

impl Unit {
    /// How many 分 one printed unit is worth.
    pub fn fen(self) -> i64 {
        match self {
            Unit::Yuan => 100,
            Unit::WanYuan => 1_000_000,
        }
    }

    /// The unit's printed name.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Yuan => "元",
            Unit::WanYuan => "万元",
        }
    }

    /// Recognises a printed unit name such as `万元` or `元`.
    pub fn parse(s: &str) -> Option<Unit> {
        let s = s.trim();
        if s.starts_with("万元") {
            Some(Unit::WanYuan)
        } else if s.starts_with('元') {
            Some(Unit::Yuan)
        } else {
            None
        }
    }

    /// One unit in the last printed decimal place, in 分 (`0.01 万元` = 10000 分).
    pub fn ulp(self, decimals: u8) -> i64 {
        (self.fen() / 10i64.pow(decimals.min(6) as u32)).max(1)
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why a printed amount could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("不是金额：{0:?}")]
pub struct ParseAmountError(pub String);

impl Money {
    /// Zero.
    pub const ZERO: Money = Money(0);

    /// Parses a printed amount (`1,234.56`, `-3.5`, `（2.00）`) in `unit`; returns the money and
    /// the number of printed decimals. Amounts with more decimals than 分 are refused, never rounded.
    pub fn parse(text: &str, unit: Unit) -> Result<(Money, u8), ParseAmountError> {
        Money::try_parse(text, unit).ok_or_else(|| ParseAmountError(text.to_string()))
    }

    /// [`Money::parse`] without the error value (and without allocating).
    pub fn try_parse(text: &str, unit: Unit) -> Option<(Money, u8)> {
        // Plain `1798.30` (most printed amounts): one pass over the text, no folding.
        if let Some(parsed) = Money::try_parse_plain(text.as_bytes(), unit) {
            return parsed;
        }
        // Separators are dropped and full-width forms folded; what remains must be an optional
        // pair of parentheses around an optional `-`, at most 15 integer digits, `.`, at most 6
        // decimals: 25 characters at most, each folded to one byte here ('[' and ']' stand for `（）`).
        const MAX: usize = 25;
        let mut buf = [0u8; MAX];
        let mut n = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let x = bytes[i];
            let b = if x < 0x80 {
                i += 1;
                match x {
                    b',' | b' ' => continue,
                    b'0'..=b'9' | b'.' | b'-' | b'(' | b')' => x,
                    _ => return None,
                }
            } else {
                let c = text[i..].chars().next()?;
                i += c.len_utf8();
                match c {
                    '，' | '\u{3000}' => continue,
                    '０'..='９' => b'0' + (c as u32 - '０' as u32) as u8,
                    '．' => b'.',
                    '－' | '−' => b'-',
                    '（' => b'[',
                    '）' => b']',
                    _ => return None,
                }
            };
            if n == MAX {
                return None;
            }
            buf[n] = b;
            n += 1;
        }
        let mut s = &buf[..n];
        let mut negative = false;
        if let [open, inner @ .., close] = s {
            if (*open == b'(' && *close == b')') || (*open == b'[' && *close == b']') {
                s = inner;
                negative = true;
            }
        }
        if let [b'-', rest @ ..] = s {
            s = rest;
            negative = !negative;
        }
        let (int, frac) = match s.iter().position(|&b| b == b'.') {
            Some(i) => (&s[..i], &s[i + 1..]),
            None => (s, &[][..]),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.iter().all(u8::is_ascii_digit) || !frac.iter().all(u8::is_ascii_digit) {
            return None;
        }
        if int.len() > 15 || frac.len() > 6 {
            return None;
        }
        let digits = |d: &[u8]| d.iter().fold(0i64, |v, &b| v * 10 + i64::from(b - b'0'));
        Money::from_digits(digits(int), digits(frac), frac.len(), negative, unit)
    }

    /// [`Money::try_parse`] of a text of ASCII digits and dots only, in one pass; `None` when the
    /// text holds anything else (it may still be an amount: `1,234.00`, `（2.00）`).
    fn try_parse_plain(bytes: &[u8], unit: Unit) -> Option<Option<(Money, u8)>> {
        let (mut int, mut frac) = (0i64, 0i64);
        let (mut int_len, mut decimals) = (0usize, 0usize);
        let mut dot = false;
        for &b in bytes {
            match b {
                b'0'..=b'9' if dot => {
                    frac = frac * 10 + i64::from(b - b'0');
                    decimals += 1;
                    // Never money (see below); stopping here also keeps `frac` from overflowing.
                    if decimals > 6 {
                        return Some(None);
                    }
                }
                b'0'..=b'9' => {
                    int = int * 10 + i64::from(b - b'0');
                    int_len += 1;
                    if int_len > 15 {
                        return Some(None);
                    }
                }
                // A second dot leaves a dot among the decimals.
                b'.' if dot => return Some(None),
                b'.' => dot = true,
                _ => return None,
            }
        }
        if int_len == 0 && decimals == 0 {
            return Some(None);
        }
        Some(Money::from_digits(int, frac, decimals, false, unit))
    }

    /// The money of a printed amount's integer digits and `decimals` decimal digits, or `None`
    /// when it has more decimals than the unit has 分 digits, or overflows.
    fn from_digits(int: i64, frac: i64, decimals: usize, negative: bool, unit: Unit) -> Option<(Money, u8)> {
        // 分 per unit has 2 (元) or 6 (万元) digits; more decimals than that is not money.
        let max_dec = match unit {
            Unit::Yuan => 2,
            Unit::WanYuan => 6,
        };
        if decimals > max_dec {
            return None;
        }
        const POW10: [i64; 7] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];
        let unit_fen = unit.fen();
        let fen = int.checked_mul(unit_fen).and_then(|v| v.checked_add(frac * (unit_fen / POW10[decimals])))?;
        Some((Money(if negative { -fen } else { fen }), decimals as u8))
    }

    /// The amount as 元 with two decimals, e.g. `5380800.00`.
    pub fn yuan_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", a / 100, a % 100)
    }

    /// The amount in `unit` with `decimals` places (exact when representable), e.g. `538.08`.
    pub fn format_in(self, unit: Unit, decimals: u8) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let a = self.0.unsigned_abs() as i128;
        let per = unit.fen() as i128;
        let scale = 10i128.pow(decimals as u32);
        // round half away from zero at the printed precision
        let scaled = (a * scale * 2 + per) / (per * 2);
        let int = scaled / scale;
        if decimals == 0 {
            format!("{sign}{int}")
        } else {
            format!("{sign}{int}.{:0width$}", scaled % scale, width = decimals as usize)
        }
    }

    /// The absolute value.
    pub fn abs(self) -> Money {
        Money(self.0.abs())
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0.saturating_sub(o.0))
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        *self = *self + o;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wan_yuan_with_two_decimals() {
        assert_eq!(Money::parse("538.08", Unit::WanYuan), Ok((Money(538_080_000), 2)));
        assert_eq!(Money::parse("1,128.00", Unit::WanYuan), Ok((Money(1_128_000_000), 2)));
        assert_eq!(Money::parse("0", Unit::WanYuan), Ok((Money(0), 0)));
        assert_eq!(Money::parse("-3.5", Unit::Yuan), Ok((Money(-350), 1)));
        assert_eq!(Money::parse("（2.00）", Unit::Yuan), Ok((Money(-200), 2)));
    }

    #[test]
    fn refuses_text_and_excess_precision() {
        assert!(Money::parse("abc", Unit::Yuan).is_err());
        assert!(Money::parse("1.234", Unit::Yuan).is_err());
        assert!(Money::parse("", Unit::Yuan).is_err());
        assert!(Money::parse("99999999999999999999", Unit::Yuan).is_err());
    }

    #[test]
    fn formats_in_yuan_and_wan_yuan() {
        assert_eq!(Money(538_080_000).yuan_string(), "5380800.00");
        assert_eq!(Money(538_080_000).format_in(Unit::WanYuan, 2), "538.08");
        assert_eq!(Money(-150).yuan_string(), "-1.50");
        assert_eq!(Unit::WanYuan.ulp(2), 10_000);
        assert_eq!(Unit::Yuan.ulp(2), 1);
    }
}
