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
        let err = || ParseAmountError(text.to_string());
        let mut s: String = text
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}'))
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                '－' | '−' => '-',
                c => c,
            })
            .collect();
        let mut negative = false;
        if (s.starts_with('(') && s.ends_with(')')) || (s.starts_with('（') && s.ends_with('）')) {
            let open = s.chars().next().map_or(0, char::len_utf8);
            let close = s.chars().last().map_or(0, char::len_utf8);
            s = s[open..s.len() - close].to_string();
            negative = true;
        }
        if let Some(rest) = s.strip_prefix('-') {
            s = rest.to_string();
            negative = !negative;
        }
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i, f),
            None => (s.as_str(), ""),
        };
        if int.is_empty() && frac.is_empty() {
            return Err(err());
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        if int.len() > 15 {
            return Err(err());
        }
        let decimals = frac.len();
        let unit_fen = unit.fen();
        // 分 per unit has log10 of 2 (元) or 6 (万元) digits; more decimals than that is not money.
        let max_dec = (unit_fen as f64).log10() as usize;
        if decimals > max_dec {
            return Err(err());
        }
        let int_v: i64 = if int.is_empty() { 0 } else { int.parse().map_err(|_| err())? };
        let frac_v: i64 = if frac.is_empty() { 0 } else { frac.parse().map_err(|_| err())? };
        let scale = 10i64.pow(decimals as u32);
        let fen =
            int_v.checked_mul(unit_fen).and_then(|v| v.checked_add(frac_v * (unit_fen / scale))).ok_or_else(err)?;
        Ok((Money(if negative { -fen } else { fen }), decimals as u8))
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
