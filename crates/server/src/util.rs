//! Small helpers: time, random tokens, hashes, money formatting.

use sha2::{Digest, Sha256};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds in a day.
pub const DAY: i64 = 86_400;
/// Days between approval and the publication deadline.
pub const PUBLISH_DAYS: i64 = 20;
/// China Standard Time offset: dates are shown and counted in Beijing time.
const CST: i64 = 8 * 3600;

/// Now, in Unix seconds.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// `n` random bytes from the OS, hex-encoded.
pub fn random_hex(n: usize) -> String {
    let mut b = vec![0u8; n];
    getrandom::fill(&mut b).expect("the OS random source failed");
    hex(&b)
}

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's civil_from_days).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// The Beijing date of a timestamp, `2025-03-01`.
pub fn date(ts: i64) -> String {
    let (y, m, d) = civil((ts + CST).div_euclid(DAY));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The Beijing date and time of a timestamp, `2025-03-01 14:05`.
pub fn datetime(ts: i64) -> String {
    let s = (ts + CST).rem_euclid(DAY);
    format!("{} {:02}:{:02}", date(ts), s / 3600, s % 3600 / 60)
}

/// The current Beijing year.
pub fn this_year() -> i64 {
    civil((now() + CST).div_euclid(DAY)).0
}

/// The publication deadline of a package approved at `approved_at`: the end of the 20th Beijing day after it.
pub fn deadline(approved_at: i64) -> i64 {
    let day = (approved_at + CST).div_euclid(DAY);
    (day + PUBLISH_DAYS + 1) * DAY - CST - 1
}

/// Whole Beijing days from `now` to `deadline` (0 on the last day, negative when late).
pub fn days_left(deadline: i64, now: i64) -> i64 {
    (deadline + CST).div_euclid(DAY) - (now + CST).div_euclid(DAY)
}

/// 分 as 元 with two decimals and thousands separators: `1,234.56`.
pub fn yuan(fen: i64) -> String {
    let neg = fen < 0;
    let a = fen.unsigned_abs();
    let int = (a / 100).to_string();
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{}{out}.{:02}", if neg { "-" } else { "" }, a % 100)
}

/// 分 as 元 with two decimals and no separators (CSV): `1234.56`.
pub fn yuan_plain(fen: i64) -> String {
    let a = fen.unsigned_abs();
    format!("{}{}.{:02}", if fen < 0 { "-" } else { "" }, a / 100, a % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_beijing_dates() {
        assert_eq!(date(0), "1970-01-01");
        // 2025-03-01 00:30 Beijing = 2025-02-28 16:30 UTC.
        assert_eq!(date(1_740_760_200), "2025-03-01");
        assert_eq!(datetime(1_740_760_200), "2025-03-01 00:30");
    }

    #[test]
    fn the_clock_counts_twenty_beijing_days() {
        let approved = 1_740_760_200; // 2025-03-01 00:30 Beijing
        let d = deadline(approved);
        assert_eq!(datetime(d), "2025-03-21 23:59");
        assert_eq!(days_left(d, approved), 20);
        assert_eq!(days_left(d, d), 0);
        assert_eq!(days_left(d, d + 1), -1);
    }

    #[test]
    fn money_prints_exactly() {
        assert_eq!(yuan(123_456_789), "1,234,567.89");
        assert_eq!(yuan(-5), "-0.05");
        assert_eq!(yuan_plain(-123_456), "-1234.56");
    }
}
