//! Shared pieces for rules: rounding envelopes, amount formatting, classification hierarchy.

use crate::engine::{Location, Severity, Sink};
use yusuan_model::{Classification, Money, Row, Table, Unit};

/// Code of the info finding for a difference inside the rounding envelope (尾差).
pub const TAIL: &str = "A000";

/// The rounding envelope, in 分, of an identity between `terms` printed values rounded to `ulp`:
/// half a unit in the last place per rounded term, capped at three units, since publishers round each
/// printed cell from exact 分 and larger gaps are never rounding.
pub fn envelope(terms: usize, ulp: i64) -> i64 {
    (terms.max(2) as i64 * ulp / 2).min(3 * ulp)
}

/// Formats money in a printed unit with two decimals, e.g. `538.08万元`.
pub fn show(m: Money, unit: Unit) -> String {
    let s = m.format_in(unit, 2);
    // show exact 分 when the unit hides them
    if unit == Unit::WanYuan && m.0 % 10_000 != 0 {
        join!(s, "万元（", m.yuan_string(), "元）")
    } else {
        join!(s, unit.label())
    }
}

/// Compares an identity `expected` (computed from `terms` printed values) with a printed `actual`.
/// The description and location are built only when something is reported.
///
/// Equal: nothing. Inside the envelope: a 尾差 info finding. Outside: a finding of the rule.
/// Returns true when an error was reported.
#[allow(clippy::too_many_arguments)]
#[inline]
pub fn compare(
    sink: &mut Sink,
    what: impl FnOnce() -> String,
    expected: Money,
    actual: Money,
    terms: usize,
    unit: Unit,
    ulp: i64,
    loc: impl FnOnce() -> Location,
) -> bool {
    sink.evaluated();
    // Most identities hold: that case is decided where the rule calls, and only a difference calls out.
    if actual == expected {
        return false;
    }
    report_difference(sink, what, expected, actual, terms, unit, ulp, loc)
}

/// [`compare`] for values that differ.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn report_difference(
    sink: &mut Sink,
    what: impl FnOnce() -> String,
    expected: Money,
    actual: Money,
    terms: usize,
    unit: Unit,
    ulp: i64,
    loc: impl FnOnce() -> Location,
) -> bool {
    let diff = (actual - expected).0;
    let env = envelope(terms, ulp);
    let (what, loc) = (what(), loc());
    if diff.abs() <= env {
        sink.report_as(
            TAIL,
            Severity::Info,
            format!(
                "{what}：相差 {}，在打印单位的舍入范围（±{}）内，属尾差",
                show(Money(diff), unit),
                show(Money(env), unit)
            ),
            loc,
        )
        .values(show(expected, unit), show(actual, unit));
        return false;
    }
    sink.report(join!(what, "：相差 ", show(Money(diff), unit)), loc).values(show(expected, unit), show(actual, unit));
    true
}

/// The first of `rows`, how many there are, and the sum of `value` over them: what a list of them tells,
/// without the list.
pub(crate) fn tally<'r>(
    rows: impl Iterator<Item = &'r Row>,
    value: impl Fn(&Row) -> Money,
) -> (Option<&'r Row>, usize, Money) {
    rows.fold((None, 0, Money::ZERO), |(first, n, sum), r| (first.or(Some(r)), n + 1, sum + value(r)))
}

/// The classification level of a code by its length: 1 = 类, 2 = 款, 3 = 项.
pub fn level(cls: Classification, code: &str) -> Option<usize> {
    cls.lengths().iter().position(|&l| l == code.len()).map(|i| i + 1)
}

/// Rows whose code is a direct child of `code` (next level down, same prefix).
pub fn children<'a>(t: &'a Table, cls: Classification, code: &str) -> Vec<&'a Row> {
    let Some(lv) = level(cls, code) else { return vec![] };
    let Some(&child_len) = cls.lengths().get(lv) else { return vec![] };
    t.coded_rows().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == child_len && c.starts_with(code))).collect()
}

/// Amount columns of a table, by id.
pub fn amount_columns(t: &Table) -> Vec<&str> {
    t.columns.iter().filter(|c| c.role == yusuan_model::ColumnRole::Amount).map(|c| c.id.as_str()).collect()
}

/// The classification a table's codes belong to, from the layout.
pub fn classification(cx: &crate::Ctx, t: &Table) -> Classification {
    cx.layout.table(&t.kind).map(|k| k.classification).unwrap_or_default()
}

/// The rows of the 收支总表-style expense side that name a function 类 (e.g. `六、科学技术支出`),
/// with that 类's code.
pub fn expense_class_rows<'a>(cx: &crate::Ctx<'a>, t: &'a Table, name_column: &str) -> Vec<(&'a str, &'a Row)> {
    if name_column == "expense_item" {
        return expense_classes(cx, t).collect();
    }
    t.rows
        .iter()
        .filter_map(|r| {
            let name = t.row_name(r, Some(name_column));
            cx.catalog.function_class_by_name(name).map(|e| (e.code.as_str(), r))
        })
        .collect()
}

/// [`expense_class_rows`] of the `expense_item` column, read from the names the context found once per
/// document, without a list made per call.
pub(crate) fn expense_classes<'b, 'a: 'b>(
    cx: &'b crate::Ctx<'a>,
    t: &'a Table,
) -> impl Iterator<Item = (&'a str, &'a Row)> + Clone + 'b {
    let found = cx.found_expense_classes(t);
    let col = t.col("expense_item");
    t.rows.iter().enumerate().filter_map(move |(k, r)| {
        let class = match found {
            Some(names) => names[k].class,
            None => cx.expense_name(r, col).class,
        };
        class.map(|c| (c, r))
    })
}

/// Tells whether a table lists a code (`Table::row_with_code(code).is_some()`) for codes asked in about the
/// order the table lists them, as when walking a related table: each search starts at the row the last one
/// found (then wraps around), a few steps per code instead of a scan from the top.
pub struct CodeCursor<'a> {
    table: &'a Table,
    at: usize,
}

impl<'a> CodeCursor<'a> {
    /// A cursor at the top of `table`.
    pub fn new(table: &'a Table) -> CodeCursor<'a> {
        CodeCursor { table, at: 0 }
    }

    /// Whether the table lists a row with classification code `code`.
    pub fn lists(&mut self, code: &str) -> bool {
        let rows = &self.table.rows;
        let has_code = |r: &Row| r.code.as_deref().is_some_and(|c| yusuan_model::same_str(c, code));
        let found =
            rows[self.at..].iter().position(has_code).map(|k| self.at + k).or_else(|| rows.iter().position(has_code));
        if let Some(k) = found {
            self.at = k;
        }
        found.is_some()
    }
}

/// The rows of a function table that carry a 类 (3-digit) code.
pub fn class_rows(t: &Table) -> impl Iterator<Item = &Row> {
    t.coded_rows().filter(|r| r.code.as_deref().is_some_and(|c| c.len() == 3))
}

#[cfg(test)]
mod tests {
    use super::tally;
    use yusuan_model::{Money, Row};

    #[test]
    fn a_tally_is_what_a_list_of_the_rows_tells() {
        let row = |position| Row { position, ..Row::default() };
        let rows: Vec<Row> = (1..=3).map(row).collect();
        let value = |r: &Row| Money(r.position as i64 * 10);
        let (first, n, sum) = tally(rows.iter(), value);
        assert_eq!((first.map(|r| r.position), n, sum), (Some(1), 3, Money(60)));
        let (first, n, sum) = tally(rows.iter().skip(3), value);
        assert_eq!((first.is_none(), n, sum), (true, 0, Money::ZERO));
    }
}
