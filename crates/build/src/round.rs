//! The rounding rule: printed totals always equal the sum of their printed parts.
//!
//! Budget lines are exact (分). Tables print 万元 with two decimals, so every printed amount is a whole
//! number of 0.01 万元 (= 100 元 = 10 000 分, the *ulp*). Rounding each printed cell on its own would print
//! totals that differ from the sum of their printed parts (尾差). Instead:
//!
//! 1. The lines are grouped into *atoms*: the finest cells any table shows (功能分类项 × 经济分类款 ×
//!    fund × 单位资金 income kind × 人员/公用/项目 × project × 本年/结转).
//! 2. The atoms are rounded together by the **largest-remainder method**: each atom is first rounded
//!    down to a whole ulp; the grand total is rounded half away from zero; the ulps still missing are
//!    given, one each, to the atoms with the largest remainders (ties: the atom that sorts first).
//! 3. Every printed amount — a 项 row, a 款 or 类 subtotal, a column total, the 合计 row, an amount
//!    in the explanation — is then the **sum of rounded atoms**, never a rounding of its own.
//!
//! So every identity that holds between the exact lines (row sums, column sums, cross-table equalities
//! such as 30108 = 2080505) holds exactly between the printed numbers, and the grand total is the
//! exact grand total correctly rounded. Each atom is off by less than one ulp; a subtotal of *k* atoms
//! can be off from its own exact rounding by less than *k*/2 ulp in the worst case (in practice
//! 0 or 0.01 万元). When every line is a whole number of 100 元 (as in the seed) nothing changes.
//! Tables outside the lines (procurement, assets, plans) are rounded the same way within themselves.

/// Rounds `values` (分) to multiples of `ulp` so that they add up to the sum of `values` rounded half
/// away from zero, each value moving by less than one `ulp` (largest-remainder method).
pub fn largest_remainder(values: &[i64], ulp: i64) -> Vec<i64> {
    let total: i64 = values.iter().sum();
    largest_remainder_to(values, ulp, round_half_away(total, ulp))
}

/// As [`largest_remainder`], with the rounded total (in ulps) given; it must lie within the floors'
/// sum and the floors' sum plus the number of values, else plain rounding is used.
pub fn largest_remainder_to(values: &[i64], ulp: i64, target_ulps: i64) -> Vec<i64> {
    let floors: Vec<i64> = values.iter().map(|v| v.div_euclid(ulp)).collect();
    let missing = target_ulps - floors.iter().sum::<i64>();
    if missing < 0 || missing as usize > values.len() {
        return values.iter().map(|v| round_half_away(*v, ulp) * ulp).collect();
    }
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Largest remainder first; ties keep input order (stable sort).
    order.sort_by_key(|&i| std::cmp::Reverse(values[i].rem_euclid(ulp)));
    let mut out: Vec<i64> = floors.iter().map(|f| f * ulp).collect();
    for &i in order.iter().take(missing as usize) {
        out[i] += ulp;
    }
    out
}

/// `v / ulp` rounded half away from zero.
pub fn round_half_away(v: i64, ulp: i64) -> i64 {
    let q = (v.abs() * 2 + ulp) / (ulp * 2);
    if v < 0 {
        -q
    } else {
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_add_up_to_the_rounded_total() {
        // Three lines of 33.33 元 … in 万元: 0.0033 each; total 99.99 元 = 0.01 万元.
        let v = [3333, 3333, 3333];
        let r = largest_remainder(&v, 10_000);
        assert_eq!(r.iter().sum::<i64>(), 10_000);
        assert_eq!(r, vec![10_000, 0, 0]);
        // Exact values stay exact.
        assert_eq!(largest_remainder(&[538_080_000, 1_000_000], 10_000), vec![538_080_000, 1_000_000]);
        // Plain rounding of each would print 0.02 + 0.02 = 0.04 against a total of 0.03.
        let v = [15_000, 15_000];
        let r = largest_remainder(&v, 10_000);
        assert_eq!(r.iter().sum::<i64>(), 30_000);
        for (a, b) in v.iter().zip(&r) {
            assert!((a - b).abs() < 10_000);
        }
        assert_eq!(round_half_away(-15_000, 10_000), -2);
    }

    #[test]
    fn random_sets_always_add_up() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..2000 {
            let n = (x % 17) as usize + 1;
            let v: Vec<i64> = (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    (x % 10_000_000) as i64 - 1_000_000
                })
                .collect();
            let r = largest_remainder(&v, 10_000);
            assert_eq!(r.iter().sum::<i64>(), round_half_away(v.iter().sum(), 10_000) * 10_000);
            assert!(v.iter().zip(&r).all(|(a, b)| (a - b).abs() < 10_000 && b % 10_000 == 0));
        }
    }
}
