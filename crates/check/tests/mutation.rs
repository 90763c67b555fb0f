//! Mutation testing on the corrected seed: changing any single amount cell of the nine tables by at
//! least 0.05 of the printed unit must raise at least one error. Prints the recall.

mod common;

use proptest::prelude::*;
use yusuan_model::{Money, Unit};

const NINE: [&str; 9] = yusuan_model::layout::NINE_TABLES;

/// (line, cell, value) of every amount cell of the nine tables.
fn cells() -> Vec<(u32, u16, Money)> {
    let doc = common::read(common::CORRECTED);
    let mut v = Vec::new();
    for t in doc.tables.iter().filter(|t| NINE.contains(&t.kind.as_str())) {
        assert_eq!(t.unit, Unit::WanYuan);
        for r in &t.rows {
            for a in r.cells.iter().filter_map(|c| c.amount()) {
                v.push((a.loc.line, a.loc.cell.expect("cell index"), a.value));
            }
        }
    }
    v
}

/// The corrected seed with one cell replaced by `value` (printed in 万元, two decimals).
fn mutate(line: u32, cell: u16, value: Money) -> String {
    common::CORRECTED
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i as u32 + 1 != line {
                return l.to_string();
            }
            let mut parts: Vec<String> = l.split('\t').map(str::to_string).collect();
            parts[cell as usize] = value.format_in(Unit::WanYuan, 2);
            parts.join("\t")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn caught(line: u32, cell: u16, value: Money) -> bool {
    common::run(&mutate(line, cell, value)).has_errors()
}

#[test]
fn every_single_cell_change_of_five_hundredths_raises_an_error() {
    let cells = cells();
    assert_eq!(
        cells.len(),
        272,
        "the corrected seed prints the 270 published cells plus the mended 会议费 row (2 cells)"
    );
    let step = Unit::WanYuan.ulp(2) * 5; // 0.05 万元
    let mut missed = Vec::new();
    let mut tried = 0;
    for &(line, cell, v) in &cells {
        for delta in [step, -step] {
            let new = Money(v.0 + delta);
            if new.0 < 0 {
                continue;
            }
            tried += 1;
            if !caught(line, cell, new) {
                missed.push(format!(
                    "line {line} cell {cell}: {} → {}",
                    v.format_in(Unit::WanYuan, 2),
                    new.format_in(Unit::WanYuan, 2)
                ));
            }
        }
    }
    let recall = (tried - missed.len()) as f64 / tried as f64;
    println!("mutation recall: {}/{} = {:.2}%", tried - missed.len(), tried, recall * 100.0);
    assert!(missed.is_empty(), "mutations not caught:\n{}", missed.join("\n"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any change of at least 0.05 万元, in either direction, of any cell is caught.
    #[test]
    fn any_change_of_at_least_five_hundredths_is_caught(index in 0usize..272, hundredths in 5i64..100_000, up in any::<bool>()) {
        let cells = cells();
        let (line, cell, v) = cells[index % cells.len()];
        let delta = hundredths * Unit::WanYuan.ulp(2);
        let new = Money(if up || v.0 < delta { v.0 + delta } else { v.0 - delta });
        prop_assert!(caught(line, cell, new), "line {} cell {}: {:?} -> {:?}", line, cell, v, new);
    }
}
