//! 表间勾稽: identities and inequalities between the tables of one disclosure. Differences inside the
//! printed unit's rounding envelope are reported as 尾差 (`A000`, info); beyond it, as the rule's finding.
//! A rule whose tables are not printed reports "not evaluated".

use crate::engine::{Ctx, Family, Location, Rule, Severity, Sink};
use crate::helpers::{class_rows, compare, envelope, expense_classes, show, tally, CodeCursor};
use yusuan_model::layout::strip_numbering;
use yusuan_model::{same_str, Money, Row, Table};

// Example headers, as printed by the seed (one macro per table kind; rows follow, one per argument).
macro_rules! summary_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n", $($r, "\n"),*) };
}
macro_rules! income_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算收入总表\n单位：万元\n序号\t功能分类科目\t\t合计\t本年收入\t\t\t\t\t\t\t\t上年结转\n\t科目编码\t科目名称\t\t小计\t财政拨款收入\t财政专户收入\t事业收入\t经营收入\t上级补助收入\t附属单位上缴收入\t其他收入\t\n栏次\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n", $($r, "\n"),*) };
}
macro_rules! expenditure_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! fiscal_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算财政拨款收支总表\n单位：万元\n序号\t收入\t\t支出\t\t\t\t\n\t项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n栏次\t1\t2\t3\t4\t5\t6\t7\n", $($r, "\n"),*) };
}
macro_rules! general_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算一般公共预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! gov_fund_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算政府性基金预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! soe_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算国有资本经营预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! basic_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! three_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n", $($r, "\n"),*) };
}
macro_rules! three_wide_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算拨款\t国有资本经营预算财政拨款\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}

/// The table of `kind`, or a "not evaluated" reason naming it.
fn need<'a>(cx: &Ctx<'a>, sink: &mut Sink, kind: &str, what: &str) -> Option<&'a Table> {
    let t = cx.table(kind);
    if t.is_none() {
        sink.not_evaluated(format!("文件中没有{what}"));
    }
    t
}

/// A code of two (code, row) lists with its first row in each.
type Joined<'a> = (&'a str, Option<&'a Row>, Option<&'a Row>);

/// The distinct codes of `a` and `b` in order, each with its first row in either list: what sorting and
/// deduplicating the codes of both and a search of each list per code give, with one sort instead of a
/// string comparison per code and row, in one vector.
fn join_codes<'a>(
    a: impl Iterator<Item = (&'a str, &'a Row)>,
    b: impl Iterator<Item = (&'a str, &'a Row)>,
) -> Vec<Joined<'a>> {
    let mut all: Vec<Joined> = Vec::with_capacity(a.size_hint().1.unwrap_or(0) + b.size_hint().1.unwrap_or(0));
    all.extend(a.map(|(c, r)| (c, Some(r), None)));
    all.extend(b.map(|(c, r)| (c, None, Some(r))));
    // Stable: a code's rows stay in list order, `a`'s first, so the first kept for each side is its first.
    all.sort_by(|x, y| x.0.cmp(y.0));
    all.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 = kept.1.or(later.1);
            kept.2 = kept.2.or(later.2);
        }
        same
    });
    all
}

/// The coarser of two tables' last printed places.
fn ulp2(a: &Table, b: &Table) -> i64 {
    a.ulp().max(b.ulp())
}

/// The printed label of a column.
fn label<'t>(t: &'t Table, col: &'t str) -> &'t str {
    t.columns.iter().find(|c| c.id == col).map_or(col, |c| c.label.as_str())
}

/// The income amount column of a two-sided table.
fn income_col(t: &Table) -> Option<&str> {
    t.columns.iter().find(|c| c.name_column.as_deref() == Some("income_item")).map(|c| c.id.as_str())
}

/// The first (合计) expense amount column of a two-sided table.
fn expense_col(t: &Table) -> Option<&str> {
    t.columns.iter().find(|c| c.name_column.as_deref() == Some("expense_item")).map(|c| c.id.as_str())
}

/// A table's 合计 in `col`: its printed total row, else the sum of its 类 rows; a printed table without
/// rows (空表) totals zero. `None` when it cannot be told.
fn total_of<'a>(cx: &Ctx, t: &'a Table, col: &str) -> Option<(Money, usize, Option<&'a Row>)> {
    if let Some(r) = cx.row_with_role(t, "total") {
        return Some((t.value(r, col), 1, Some(r)));
    }
    let (_, classes, sum) = tally(class_rows(t), |r| t.value(r, col));
    if classes > 0 {
        return Some((sum, classes, None));
    }
    t.rows.is_empty().then_some((Money::ZERO, 1, None))
}

/// Where a table's 合计 is: its total row's cell, or the table.
fn total_loc(t: &Table, r: Option<&Row>, col: &str) -> Location {
    r.map_or_else(|| Location::table(t), |r| Location::cell(t, r, col))
}

/// Reports when the `printed` value is below `floor` (the whole can never be smaller than its part).
#[allow(clippy::too_many_arguments)]
fn not_below(
    sink: &mut Sink,
    what: impl FnOnce() -> String,
    printed: Money,
    floor: Money,
    terms: usize,
    t: &Table,
    ulp: i64,
    loc: impl FnOnce() -> Location,
) {
    if printed < floor {
        compare(sink, what, floor, printed, terms, t.unit, ulp, loc);
    } else {
        sink.evaluated();
    }
}

/// Reports when the `printed` value exceeds `ceiling` (a part can never be larger than its whole).
#[allow(clippy::too_many_arguments)]
fn not_above(
    sink: &mut Sink,
    what: impl FnOnce() -> String,
    printed: Money,
    ceiling: Money,
    terms: usize,
    t: &Table,
    ulp: i64,
    loc: impl FnOnce() -> Location,
) {
    if printed > ceiling {
        compare(sink, what, ceiling, printed, terms, t.unit, ulp, loc);
    } else {
        sink.evaluated();
    }
}

// ---------------------------------------------------------------- 收支总表 ↔ 收入总表

/// Compares the sum of 收支总表 income rows `roles` with the sum of 收入总表 合计 in `cols`.
fn summary_vs_income(cx: &Ctx, sink: &mut Sink, roles: &[&str], cols: &[&str], what: &str) {
    let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
    let Some(i) = need(cx, sink, "income", "收入总表") else { return };
    let Some(sc) = income_col(s) else {
        sink.not_evaluated("收支总表没有收入金额列");
        return;
    };
    let (Some(first), rows, actual) = tally(roles.iter().filter_map(|r| cx.row_with_role(s, r)), |r| s.value(r, sc))
    else {
        sink.not_evaluated(format!("收支总表未列{what}行"));
        return;
    };
    // The printed columns, counted and summed as they are found.
    let printed = || cols.iter().copied().filter(|c| i.col(c).is_some());
    let (mut n_cols, mut expected) = (0, Money::ZERO);
    for c in printed() {
        let Some((v, _, _)) = total_of(cx, i, c) else {
            sink.not_evaluated("收入总表既无合计行也无类级科目行");
            return;
        };
        n_cols += 1;
        expected += v;
    }
    if n_cols == 0 {
        sink.not_evaluated(format!("收入总表没有与{what}对应的列"));
        return;
    }
    compare(
        sink,
        || {
            let labels: Vec<&str> = printed().map(|c| label(i, c)).collect();
            format!("收支总表“{what}”≠ 收入总表合计（{}）", labels.join(" + "))
        },
        expected,
        actual,
        rows + n_cols,
        s.unit,
        ulp2(s, i),
        || Location::cell(s, first, sc),
    );
}

/// X001: 收支总表 财政拨款收入 (一般公共 + 基金 + 国资) = 收入总表 财政拨款收入.
pub static X001: Rule = Rule {
    code: "X001",
    name: "收支总表财政拨款收入与收入总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表中一般公共预算拨款收入、政府性基金预算拨款收入、国有资本经营预算拨款收入之和，等于收入总表合计行的“财政拨款收入”。",
    why: "两张表反映的是同一笔财政拨款收入，不一致说明其中一张表抄错或口径不同，读者无法判断真实的收入规模。",
    bad: concat!(
        summary_t!("1\t一、一般公共预算拨款收入\t538.08\t\t", "2\t三、国有资本经营预算拨款收入\t564.00\t\t"),
        income_t!("1\t\t合计\t1100.08\t1100.08\t1100.08\t\t\t\t\t\t\t"),
    ),
    good: concat!(
        summary_t!("1\t一、一般公共预算拨款收入\t538.08\t\t", "2\t三、国有资本经营预算拨款收入\t564.00\t\t"),
        income_t!("1\t\t合计\t1102.08\t1102.08\t1102.08\t\t\t\t\t\t\t"),
    ),
    basis: "部门预算公开表样：收支总表的收入项目与收入总表的收入来源列口径一致；《地方预决算公开操作规程》要求公开数据准确、前后一致。",
    check: |cx, sink| {
        summary_vs_income(cx, sink, &["income.general_budget", "income.gov_fund", "income.soe"], &["fiscal"], "财政拨款收入");
    },
};

/// X002: 收支总表 财政专户管理资金收入 = 收入总表 财政专户收入.
pub static X002: Rule = Rule {
    code: "X002",
    name: "收支总表财政专户收入与收入总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表的“财政专户管理资金收入”等于收入总表合计行的“财政专户收入”。",
    why: "同一项收入在两张表中金额不同，必有一处错误。",
    bad: concat!(
        summary_t!("1\t四、财政专户管理资金收入\t20.00\t\t"),
        income_t!("1\t\t合计\t10.00\t10.00\t\t10.00\t\t\t\t\t\t"),
    ),
    good: concat!(
        summary_t!("1\t四、财政专户管理资金收入\t20.00\t\t"),
        income_t!("1\t\t合计\t20.00\t20.00\t\t20.00\t\t\t\t\t\t"),
    ),
    basis: "部门预算公开表样：收支总表与收入总表的收入来源口径一致。",
    check: |cx, sink| {
        summary_vs_income(cx, sink, &["income.special_account"], &["special_account"], "财政专户管理资金收入");
    },
};

/// X003: 收支总表 单位资金 = 收入总表 事业 + 经营 + 上级补助 + 附属单位上缴 + 其他收入.
pub static X003: Rule = Rule {
    code: "X003",
    name: "收支总表单位资金与收入总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary:
        "收支总表的“单位资金”等于收入总表合计行的事业收入、经营收入、上级补助收入、附属单位上缴收入、其他收入之和。",
    why: "单位资金是非财政拨款收入的合计，与收入总表明细不符说明漏列或错列了某项单位资金。",
    bad: concat!(
        summary_t!("1\t五、单位资金\t30.00\t\t"),
        income_t!("1\t\t合计\t20.00\t20.00\t\t\t10.00\t\t\t\t10.00\t"),
    ),
    good: concat!(
        summary_t!("1\t五、单位资金\t30.00\t\t"),
        income_t!("1\t\t合计\t30.00\t30.00\t\t\t10.00\t\t\t\t20.00\t"),
    ),
    basis: "部门预算公开表样：单位资金 = 事业收入 + 事业单位经营收入 + 上级补助收入 + 附属单位上缴收入 + 其他收入。",
    check: |cx, sink| {
        summary_vs_income(
            cx,
            sink,
            &["income.unit_funds"],
            &["business", "operating", "superior", "affiliated", "other"],
            "单位资金",
        );
    },
};

/// X004: 收支总表 本年收入合计 = 收入总表 本年收入小计, 收入总计 = 收入总表 合计.
pub static X004: Rule = Rule {
    code: "X004",
    name: "收支总表收入合计与收入总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表的“本年收入合计”等于收入总表合计行的“本年收入小计”；“收入总计”等于收入总表合计行的“合计”。",
    why: "收入总额是预算公开最核心的数字，两张表不一致会使读者无从判断部门收入规模。",
    bad: concat!(
        summary_t!("1\t本年收入合计\t1102.08\t\t", "2\t上年结转结余\t696.22\t\t", "3\t收入总计\t1789.30\t\t"),
        income_t!("1\t\t合计\t1798.30\t1102.08\t1102.08\t\t\t\t\t\t\t696.22"),
    ),
    good: concat!(
        summary_t!("1\t本年收入合计\t1102.08\t\t", "2\t上年结转结余\t696.22\t\t", "3\t收入总计\t1798.30\t\t"),
        income_t!("1\t\t合计\t1798.30\t1102.08\t1102.08\t\t\t\t\t\t\t696.22"),
    ),
    basis: "部门预算公开表样：收支总表与收入总表总额一致。",
    check: |cx, sink| {
        let with_carryover = cx.table("income").is_some_and(|t| t.col("carryover").is_some());
        if with_carryover {
            summary_vs_income(cx, sink, &["income.year_total"], &["year_subtotal"], "本年收入合计");
            summary_vs_income(cx, sink, &["income.grand_total"], &["total"], "收入总计");
        } else {
            // No 上年结转 column (决算, Shanghai): the income table's 合计 is this year's income only.
            let total = if cx.table("summary").is_some_and(|t| cx.row_with_role(t, "income.year_total").is_some()) {
                "income.year_total"
            } else {
                "income.grand_total"
            };
            summary_vs_income(cx, sink, &[total], &["total"], "本年收入合计");
        }
    },
};

/// X005: 收支总表 上年结转 = 收入总表 上年结转 column total.
pub static X005: Rule = Rule {
    code: "X005",
    name: "收支总表上年结转与收入总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表的“上年结转结余”等于收入总表合计行的“上年结转”。",
    why: "结转资金在两张表中金额不同，说明结转数据来源不一或抄错。",
    bad: concat!(summary_t!("1\t上年结转结余\t696.22\t\t"), income_t!("1\t\t合计\t669.22\t\t\t\t\t\t\t\t\t669.22"),),
    good: concat!(summary_t!("1\t上年结转结余\t696.22\t\t"), income_t!("1\t\t合计\t696.22\t\t\t\t\t\t\t\t\t696.22"),),
    basis: "部门预算公开表样：收支总表与收入总表的上年结转口径一致。",
    check: |cx, sink| {
        summary_vs_income(cx, sink, &["income.carryover"], &["carryover"], "上年结转结余");
    },
};

// ---------------------------------------------------------------- 收支总表 ↔ 支出总表

/// Compares, 类 by 类, an amount column of a two-sided table (its rows mapped to codes by name) with the
/// `b_col` of a coded table's 类 rows. Codes on either side are compared; a missing side counts as zero.
#[allow(clippy::too_many_arguments)]
fn classes_agree<'a>(
    sink: &mut Sink,
    a: &'a Table,
    a_col: &str,
    a_rows: impl Iterator<Item = (&'a str, &'a Row)>,
    b: &'a Table,
    b_col: &str,
    a_name: &str,
    b_name: &str,
) {
    // b's 类 rows in order, and the value columns, looked up once rather than per code
    let b_classes = class_rows(b).filter_map(|r| Some((r.code.as_deref()?, r)));
    let (a_ci, b_ci) = (a.col(a_col), b.col(b_col));
    for (code, arow, b_class) in join_codes(a_rows, b_classes) {
        // A three-character code can only be a 类 row's; the first such row is row_with_code's answer.
        let brow = if code.len() == 3 { b_class } else { b.row_with_code(code) };
        let actual = arow.map_or(Money::ZERO, |r| r.value_at(a_ci));
        let expected = brow.map_or(Money::ZERO, |r| r.value_at(b_ci));
        let (cell, note) = match (arow, brow) {
            (Some(r), _) => ((a, r, a_col), ""),
            (None, Some(r)) => ((b, r, b_col), "（该类未在前表列出）"),
            (None, None) => continue,
        };
        if expected == actual {
            sink.evaluated();
            continue;
        }
        let name =
            brow.map(|r| b.row_name(r, None)).or(arow.map(|r| a.row_name(r, Some("expense_item")))).unwrap_or("");
        compare(
            sink,
            || format!("{code} {name}：{a_name}“{}” ≠ {b_name}“{}”{note}", label(a, a_col), label(b, b_col)),
            expected,
            actual,
            2,
            a.unit,
            ulp2(a, b),
            || Location::cell(cell.0, cell.1, cell.2),
        );
    }
}

/// X006: 收支总表 expense 类 rows = 支出总表 类 rows' 合计.
pub static X006: Rule = Rule {
    code: "X006",
    name: "收支总表各类支出与支出总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表支出栏的每一个功能分类类级项目（如“六、科学技术支出”）等于支出总表同一类级科目（如 206）的合计；任一表有数而另一表没有，也算不一致。",
    why: "收支总表是支出总表的汇总，分类支出不一致说明某张表漏列、错列了科目或金额抄错。",
    bad: concat!(
        summary_t!("1\t\t\t六、科学技术支出\t551.96", "2\t\t\t八、社会保障和就业支出\t72.12"),
        expenditure_t!("1\t206\t科学技术支出\t551.96\t417.74\t134.22", "2\t208\t社会保障和就业支出\t72.21\t72.21\t"),
    ),
    good: concat!(
        summary_t!("1\t\t\t六、科学技术支出\t551.96", "2\t\t\t八、社会保障和就业支出\t72.12"),
        expenditure_t!("1\t206\t科学技术支出\t551.96\t417.74\t134.22", "2\t208\t社会保障和就业支出\t72.12\t72.12\t"),
    ),
    basis: "部门预算公开表样：收支总表支出按功能分类类级科目列示，与支出总表一致。",
    check: |cx, sink| {
        let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        let Some(sc) = expense_col(s) else {
            sink.not_evaluated("收支总表没有支出金额列");
            return;
        };
        let rows = expense_classes(cx, s);
        if rows.clone().next().is_none() {
            sink.not_evaluated("收支总表支出栏没有可识别的功能分类类名");
            return;
        }
        classes_agree(sink, s, sc, rows, e, "total", "收支总表", "支出总表");
    },
};

/// X007: 收支总表 本年支出合计 = 支出总表 合计.
pub static X007: Rule = Rule {
    code: "X007",
    name: "收支总表本年支出合计与支出总表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表的“本年支出合计”等于支出总表合计行的“合计”。",
    why: "支出总额在两张表中不一致，读者无从判断部门支出规模。",
    bad: concat!(summary_t!("1\t\t\t本年支出合计\t1798.30"), expenditure_t!("1\t\t合计\t1789.30\t536.08\t1253.22"),),
    good: concat!(summary_t!("1\t\t\t本年支出合计\t1798.30"), expenditure_t!("1\t\t合计\t1798.30\t536.08\t1262.22"),),
    basis: "部门预算公开表样：收支总表与支出总表总额一致。",
    check: |cx, sink| {
        let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        let (Some(sc), Some(row)) = (expense_col(s), cx.row_with_role(s, "expense.year_total")) else {
            sink.not_evaluated("收支总表没有本年支出合计行");
            return;
        };
        let Some((v, n, _)) = total_of(cx, e, "total") else {
            sink.not_evaluated("支出总表既无合计行也无类级科目行");
            return;
        };
        compare(
            sink,
            || "收支总表“本年支出合计”≠ 支出总表“合计”".to_string(),
            v,
            s.value(row, sc),
            n + 1,
            s.unit,
            ulp2(s, e),
            || Location::cell(s, row, sc),
        );
    },
};

// ---------------------------------------------------------------- 收入总表 ↔ 支出总表

/// X008: 收入总表 and 支出总表 list the same function codes.
pub static X008: Rule = Rule {
    code: "X008",
    name: "收入总表与支出总表科目一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收入总表与支出总表按功能分类列示的科目编码集合相同：一张表有的科目，另一张表也应列出。",
    why: "部门预算“以收定支”，两张表按同一套功能科目编列；只在一张表出现的科目说明漏列或错列。",
    bad: concat!(
        income_t!(
            "1\t206\t科学技术支出\t10.00\t10.00\t10.00\t\t\t\t\t\t\t",
            "2\t208\t社会保障和就业支出\t5.00\t5.00\t5.00\t\t\t\t\t\t\t"
        ),
        expenditure_t!("1\t206\t科学技术支出\t10.00\t10.00\t"),
    ),
    good: concat!(
        income_t!(
            "1\t206\t科学技术支出\t10.00\t10.00\t10.00\t\t\t\t\t\t\t",
            "2\t208\t社会保障和就业支出\t5.00\t5.00\t5.00\t\t\t\t\t\t\t"
        ),
        expenditure_t!("1\t206\t科学技术支出\t10.00\t10.00\t", "2\t208\t社会保障和就业支出\t5.00\t5.00\t"),
    ),
    basis: "部门预算公开表样：收入总表、支出总表均按支出功能分类科目列示，口径一致。",
    check: |cx, sink| {
        let Some(i) = need(cx, sink, "income", "收入总表") else { return };
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        if i.coded_rows().next().is_none() && e.coded_rows().next().is_none() {
            sink.not_evaluated("两表都没有科目行");
            return;
        }
        sink.evaluated();
        for (a, b, an, bn) in [(i, e, "收入总表", "支出总表"), (e, i, "支出总表", "收入总表")] {
            // (the two tables list their codes in much the same order)
            let mut in_b = CodeCursor::new(b);
            for r in a.coded_rows() {
                let code = r.code.as_deref().unwrap_or("");
                if !in_b.lists(code) {
                    sink.report(
                        format!("{an}列有科目 {code} {}，{bn}中没有该科目", a.row_name(r, None)),
                        Location::row(a, r),
                    )
                    .values(format!("{bn}列出 {code}"), "未列出");
                }
            }
        }
    },
};

/// X009: 收入总表 合计 = 支出总表 合计, code by code and in the 合计 row.
pub static X009: Rule = Rule {
    code: "X009",
    name: "收入总表与支出总表逐科目金额一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "同一功能分类科目在收入总表的“合计”等于在支出总表的“合计”；两表合计行也相等。",
    why: "每个科目的收入安排应与支出安排相等（收支平衡到科目），不一致说明某一科目的金额抄错。",
    bad: concat!(
        income_t!("1\t206\t科学技术支出\t551.96\t551.96\t551.96\t\t\t\t\t\t\t"),
        expenditure_t!("1\t206\t科学技术支出\t551.69\t417.74\t133.95"),
    ),
    good: concat!(
        income_t!("1\t206\t科学技术支出\t551.96\t551.96\t551.96\t\t\t\t\t\t\t"),
        expenditure_t!("1\t206\t科学技术支出\t551.96\t417.74\t134.22"),
    ),
    basis: "《中华人民共和国预算法》第十二条收支平衡原则；部门预算公开表样。",
    check: |cx, sink| {
        if cx.doc.meta.phase == yusuan_model::Phase::Final {
            sink.not_evaluated("决算的收入与支出不必相等（有结转结余）");
            return;
        }
        let Some(i) = need(cx, sink, "income", "收入总表") else { return };
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        let ulp = ulp2(i, e);
        if let (Some(ti), Some(te)) = (cx.row_with_role(i, "total"), cx.row_with_role(e, "total")) {
            compare(
                sink,
                || "收入总表合计 ≠ 支出总表合计".to_string(),
                i.value(ti, "total"),
                e.value(te, "total"),
                2,
                e.unit,
                ulp,
                || Location::cell(e, te, "total"),
            );
        }
        for r in e.coded_rows() {
            let code = r.code.as_deref().unwrap_or("");
            let Some(ir) = i.row_with_code(code) else { continue };
            compare(
                sink,
                || format!("{code} {}：收入总表合计 ≠ 支出总表合计", e.row_name(r, None)),
                i.value(ir, "total"),
                e.value(r, "total"),
                2,
                e.unit,
                ulp,
                || Location::cell(e, r, "total"),
            );
        }
        if cx.row_with_role(i, "total").is_none() && e.coded_rows().next().is_none() {
            sink.not_evaluated("两表没有可对比的合计行或科目行");
        }
    },
};

// ---------------------------------------------------------------- 财政拨款收支总表 ↔ 分资金来源支出表

/// Compares a fund column of the 财政拨款收支总表 (by 类, and 本年支出合计) with that fund's table.
fn fund_column(cx: &Ctx, sink: &mut Sink, col: &str, kind: &str, what: &str) {
    let Some(f) = need(cx, sink, "fiscal_summary", "财政拨款收支总表") else { return };
    let Some(t) = need(cx, sink, kind, what) else { return };
    if f.col(col).is_none() {
        sink.not_evaluated(format!("财政拨款收支总表没有{what}对应的资金列"));
        return;
    }
    classes_agree(sink, f, col, expense_classes(cx, f), t, "total", "财政拨款收支总表", what);
    if let (Some(row), Some((v, n, _))) = (cx.row_with_role(f, "expense.year_total"), total_of(cx, t, "total")) {
        compare(
            sink,
            || format!("财政拨款收支总表本年支出合计“{}” ≠ {what}合计", label(f, col)),
            v,
            f.value(row, col),
            n + 1,
            f.unit,
            ulp2(f, t),
            || Location::cell(f, row, col),
        );
    }
    sink.evaluated();
}

/// X010: 财政拨款收支总表 一般公共预算 column = 一般公共预算财政拨款支出表.
pub static X010: Rule = Rule {
    code: "X010",
    name: "财政拨款收支总表一般公共预算列与一般公共预算支出表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "财政拨款收支总表“一般公共预算财政拨款”列的每一类支出及本年支出合计，等于一般公共预算财政拨款支出表同一类级科目及合计行的“合计”。",
    why: "两张表反映同一笔一般公共预算拨款支出，按类不一致说明科目或金额抄错。",
    bad: concat!(
        fiscal_t!("1\t\t\t六、科学技术支出\t551.96\t551.96\t\t"),
        general_t!("1\t206\t科学技术支出\t515.96\t417.74\t98.22"),
    ),
    good: concat!(
        fiscal_t!("1\t\t\t六、科学技术支出\t551.96\t551.96\t\t"),
        general_t!("1\t206\t科学技术支出\t551.96\t417.74\t134.22"),
    ),
    basis: "部门预算公开表样：财政拨款收支总表分资金来源列示，与各资金来源支出表一致。",
    check: |cx, sink| fund_column(cx, sink, "general", "general_budget", "一般公共预算财政拨款支出表"),
};

/// X011: 财政拨款收支总表 政府性基金 column = 政府性基金预算财政拨款支出表.
pub static X011: Rule = Rule {
    code: "X011",
    name: "财政拨款收支总表政府性基金列与基金支出表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "财政拨款收支总表“政府性基金预算财政拨款”列的每一类支出及本年支出合计，等于政府性基金预算财政拨款支出表同一类级科目及合计；基金表为空表时该列也应为空。",
    why: "基金收支单独核算，两表不一致说明基金支出漏列或错列。",
    bad: concat!(
        fiscal_t!("1\t\t\t十二、城乡社区支出\t50.00\t\t50.00\t"),
        gov_fund_t!("1\t212\t城乡社区支出\t40.00\t\t40.00"),
    ),
    good: concat!(
        fiscal_t!("1\t\t\t十二、城乡社区支出\t50.00\t\t50.00\t"),
        gov_fund_t!("1\t212\t城乡社区支出\t50.00\t\t50.00"),
    ),
    basis: "部门预算公开表样；《中华人民共和国预算法》第九条：政府性基金预算专款专用。",
    check: |cx, sink| fund_column(cx, sink, "gov_fund", "gov_fund", "政府性基金预算财政拨款支出表"),
};

/// X012: 财政拨款收支总表 国有资本经营 column = 国有资本经营预算财政拨款支出表.
pub static X012: Rule = Rule {
    code: "X012",
    name: "财政拨款收支总表国有资本经营列与国资支出表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "财政拨款收支总表“国有资本经营预算财政拨款”列的每一类支出及本年支出合计，等于国有资本经营预算财政拨款支出表同一类级科目及合计。",
    why: "国有资本经营预算单独编列，两表不一致说明支出漏列或金额抄错。",
    bad: concat!(
        fiscal_t!("1\t\t\t二十二、国有资本经营预算支出\t1128.00\t\t\t1128.00"),
        soe_t!("1\t223\t国有资本经营预算支出\t1182.00\t\t1182.00"),
    ),
    good: concat!(
        fiscal_t!("1\t\t\t二十二、国有资本经营预算支出\t1128.00\t\t\t1128.00"),
        soe_t!("1\t223\t国有资本经营预算支出\t1128.00\t\t1128.00"),
    ),
    basis: "部门预算公开表样；《中华人民共和国预算法》第十条：国有资本经营预算单独编制。",
    check: |cx, sink| fund_column(cx, sink, "soe", "soe", "国有资本经营预算财政拨款支出表"),
};

/// X013: 财政拨款收支总表 income items = 收支总表 income items (一般公共, 基金, 国资).
pub static X013: Rule = Rule {
    code: "X013",
    name: "两张收支总表的财政拨款收入一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "财政拨款收支总表的一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款收入，分别等于收支总表中的同名收入。",
    why: "同一笔财政拨款收入在两张总表中金额不同，说明其中一张表有误。",
    bad: concat!(
        summary_t!("1\t一、一般公共预算拨款收入\t583.08\t\t"),
        fiscal_t!("1\t一、一般公共预算拨款\t538.08\t\t\t\t\t"),
    ),
    good: concat!(
        summary_t!("1\t一、一般公共预算拨款收入\t538.08\t\t"),
        fiscal_t!("1\t一、一般公共预算拨款\t538.08\t\t\t\t\t"),
    ),
    basis: "部门预算公开表样：财政拨款收支总表是收支总表中财政拨款部分的展开。",
    check: |cx, sink| {
        let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
        let Some(f) = need(cx, sink, "fiscal_summary", "财政拨款收支总表") else { return };
        let (Some(sc), Some(fc)) = (income_col(s), income_col(f)) else {
            sink.not_evaluated("缺少收入金额列");
            return;
        };
        for (role, what) in [
            ("income.general_budget", "一般公共预算拨款收入"),
            ("income.gov_fund", "政府性基金预算拨款收入"),
            ("income.soe", "国有资本经营预算拨款收入"),
        ] {
            let (sr, fr) = match (cx.row_with_role(s, role), cx.row_with_role(f, role)) {
                (Some(sr), Some(fr)) => (sr, fr),
                (Some(sr), None) if s.value(sr, sc) != Money::ZERO => {
                    sink.report(format!("收支总表列有{what}，财政拨款收支总表未列该项"), Location::cell(s, sr, sc));
                    continue;
                }
                _ => continue,
            };
            compare(sink, || format!("财政拨款收支总表“{what}”≠ 收支总表"), s.value(sr, sc), f.value(fr, fc), 2, f.unit, ulp2(s, f), || Location::cell(f, fr, fc));
        }
    },
};

/// X014: 一般公共预算财政拨款支出表 基本支出 合计 = 基本支出表 合计.
pub static X014: Rule = Rule {
    code: "X014",
    name: "一般公共预算基本支出与基本支出表一致",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "一般公共预算财政拨款支出表合计行的“基本支出”等于一般公共预算财政拨款基本支出表合计行的“合计”。",
    why: "基本支出表是一般公共预算基本支出按经济分类的展开，两者总额必须相等。",
    bad: concat!(general_t!("1\t\t合计\t670.30\t536.08\t134.22"), basic_t!("1\t\t合计\t563.08\t505.10\t57.98"),),
    good: concat!(general_t!("1\t\t合计\t670.30\t536.08\t134.22"), basic_t!("1\t\t合计\t536.08\t505.10\t30.98"),),
    basis: "部门预算公开表样：基本支出表反映一般公共预算财政拨款基本支出的经济分类。",
    check: |cx, sink| {
        let Some(g) = need(cx, sink, "general_budget", "一般公共预算财政拨款支出表") else { return };
        let Some(b) = need(cx, sink, "basic", "基本支出表") else { return };
        let (Some((gv, gn, _)), Some((bv, bn, br))) = (total_of(cx, g, "basic"), total_of(cx, b, "total")) else {
            sink.not_evaluated("两表缺少合计");
            return;
        };
        compare(
            sink,
            || "基本支出表合计 ≠ 一般公共预算财政拨款支出表“基本支出”合计".to_string(),
            gv,
            bv,
            gn + bn,
            b.unit,
            ulp2(g, b),
            || total_loc(b, br, "total"),
        );
    },
};

// ---------------------------------------------------------------- 经济分类 ↔ 功能分类（惯例对应）

/// Compares economic lines of the basic table with function lines of the general-budget table's 基本支出.
fn econ_vs_function(cx: &Ctx, sink: &mut Sink, econ: &[&str], func: &[&str], at_most: bool) {
    let Some(b) = need(cx, sink, "basic", "基本支出表") else { return };
    let Some(g) = need(cx, sink, "general_budget", "一般公共预算财政拨款支出表") else { return };
    if g.col("basic").is_none() {
        sink.not_evaluated("一般公共预算财政拨款支出表没有基本支出列");
        return;
    }
    let (first, erows, actual) = tally(econ.iter().filter_map(|c| b.row_with_code(c)), |r| b.value(r, "total"));
    let (_, frows, expected) = tally(func.iter().filter_map(|c| g.row_with_code(c)), |r| g.value(r, "basic"));
    let Some(first) = first else {
        sink.not_evaluated(format!("基本支出表未列 {}", econ.join("、")));
        return;
    };
    if frows == 0 {
        sink.not_evaluated(format!("一般公共预算财政拨款支出表未列 {}", func.join("、")));
        return;
    }
    // 离退休 function lines also carry other subsidies (e.g. 30399) and wages of retirees' offices:
    // there the economic line can only be smaller.
    if at_most && actual <= expected {
        sink.evaluated();
        return;
    }
    compare(
        sink,
        || format!("基本支出表 {} ≠ 一般公共预算财政拨款支出表 {} 的基本支出", econ.join(" + "), func.join(" + ")),
        expected,
        actual,
        erows + frows,
        b.unit,
        ulp2(b, g),
        || Location::cell(b, first, "total"),
    );
}

/// X015: 30108 机关事业单位基本养老保险缴费 ↔ 2080505.
pub static X015: Rule = Rule {
    code: "X015",
    name: "养老保险缴费经济科目与功能科目对应",
    severity: Severity::Warning,
    family: Family::CrossTable,
    summary: "基本支出表 30108 机关事业单位基本养老保险缴费，通常等于一般公共预算支出表 2080505 机关事业单位基本养老保险缴费支出的基本支出。两侧都列出时才比较。",
    why: "养老保险缴费在经济分类和功能分类中通常一一对应，不一致往往是科目挂错或金额抄错；但对应关系属编制惯例，故为警告。",
    bad: concat!(
        basic_t!("1\t30108\t机关事业单位基本养老保险缴费\t62.48\t62.48\t"),
        general_t!("1\t2080505\t机关事业单位基本养老保险缴费支出\t64.28\t64.28\t"),
    ),
    good: concat!(
        basic_t!("1\t30108\t机关事业单位基本养老保险缴费\t62.48\t62.48\t"),
        general_t!("1\t2080505\t机关事业单位基本养老保险缴费支出\t62.48\t62.48\t"),
    ),
    basis: "《政府收支分类科目》功能分类 2080505 与部门经济分类 30108 的科目说明（编制惯例）。",
    check: |cx, sink| econ_vs_function(cx, sink, &["30108"], &["2080505"], false),
};

/// X016: 30109 职业年金缴费 ↔ 2080506.
pub static X016: Rule = Rule {
    code: "X016",
    name: "职业年金缴费经济科目与功能科目对应",
    severity: Severity::Warning,
    family: Family::CrossTable,
    summary: "基本支出表 30109 职业年金缴费，通常等于一般公共预算支出表 2080506 机关事业单位职业年金缴费支出的基本支出。两侧都列出时才比较。",
    why: "职业年金缴费在两种分类中通常一一对应，不一致往往是科目挂错；对应关系属编制惯例，故为警告。",
    bad: concat!(
        basic_t!("1\t30109\t职业年金缴费\t10.00\t10.00\t"),
        general_t!("1\t2080506\t机关事业单位职业年金缴费支出\t12.00\t12.00\t"),
    ),
    good: concat!(
        basic_t!("1\t30109\t职业年金缴费\t10.00\t10.00\t"),
        general_t!("1\t2080506\t机关事业单位职业年金缴费支出\t10.00\t10.00\t"),
    ),
    basis: "《政府收支分类科目》功能分类 2080506 与部门经济分类 30109 的科目说明（编制惯例）。",
    check: |cx, sink| econ_vs_function(cx, sink, &["30109"], &["2080506"], false),
};

/// X017: 30113 住房公积金 ↔ 2210201.
pub static X017: Rule = Rule {
    code: "X017",
    name: "住房公积金经济科目与功能科目对应",
    severity: Severity::Warning,
    family: Family::CrossTable,
    summary:
        "基本支出表 30113 住房公积金，通常等于一般公共预算支出表 2210201 住房公积金的基本支出。两侧都列出时才比较。",
    why: "住房公积金在两种分类中通常一一对应，不一致往往是科目挂错或漏列；对应关系属编制惯例，故为警告。",
    bad: concat!(
        basic_t!("1\t30113\t住房公积金\t38.29\t38.29\t"),
        general_t!("1\t2210201\t住房公积金\t32.89\t32.89\t"),
    ),
    good: concat!(
        basic_t!("1\t30113\t住房公积金\t38.29\t38.29\t"),
        general_t!("1\t2210201\t住房公积金\t38.29\t38.29\t"),
    ),
    basis: "《政府收支分类科目》功能分类 2210201 与部门经济分类 30113 的科目说明（编制惯例）。",
    check: |cx, sink| econ_vs_function(cx, sink, &["30113"], &["2210201"], false),
};

/// X018: 30110 + 30111 ↔ 21011 行政事业单位医疗.
pub static X018: Rule = Rule {
    code: "X018",
    name: "医疗保险缴费经济科目与功能科目对应",
    severity: Severity::Warning,
    family: Family::CrossTable,
    summary: "基本支出表 30110 职工基本医疗保险缴费与 30111 公务员医疗补助缴费之和，通常等于一般公共预算支出表 21011 行政事业单位医疗的基本支出。两侧都列出时才比较。",
    why: "医疗保险缴费在两种分类中通常对应，不一致往往是科目挂错；对应关系属编制惯例，故为警告。",
    bad: concat!(
        basic_t!("1\t30110\t职工基本医疗保险缴费\t7.93\t7.93\t", "2\t30111\t公务员医疗补助缴费\t1.00\t1.00\t"),
        general_t!("1\t21011\t行政事业单位医疗\t7.93\t7.93\t"),
    ),
    good: concat!(
        basic_t!("1\t30110\t职工基本医疗保险缴费\t7.93\t7.93\t", "2\t30111\t公务员医疗补助缴费\t1.00\t1.00\t"),
        general_t!("1\t21011\t行政事业单位医疗\t8.93\t8.93\t"),
    ),
    basis: "《政府收支分类科目》功能分类 21011 与部门经济分类 30110、30111 的科目说明（编制惯例）。",
    check: |cx, sink| econ_vs_function(cx, sink, &["30110", "30111"], &["21011"], false),
};

/// X019: 30302 退休费 ↔ 2080501 + 2080502.
pub static X019: Rule = Rule {
    code: "X019",
    name: "退休费经济科目与功能科目对应",
    severity: Severity::Warning,
    family: Family::CrossTable,
    summary: "基本支出表 30302 退休费，通常等于一般公共预算支出表 2080501 行政单位离退休与 2080502 事业单位离退休的基本支出之和。两侧都列出时才比较。",
    why: "退休费在两种分类中通常对应，不一致往往是科目挂错；对应关系属编制惯例，故为警告。",
    bad: concat!(
        basic_t!("1\t30302\t退休费\t2.24\t2.24\t"),
        general_t!("1\t2080501\t行政单位离退休\t1.24\t1.24\t", "2\t2080502\t事业单位离退休\t0.50\t0.50\t"),
    ),
    good: concat!(
        basic_t!("1\t30302\t退休费\t2.24\t2.24\t"),
        general_t!("1\t2080501\t行政单位离退休\t1.24\t1.24\t", "2\t2080502\t事业单位离退休\t1.00\t1.00\t"),
    ),
    basis: "《政府收支分类科目》功能分类 20805 与部门经济分类 30302 的科目说明（编制惯例）。",
    check: |cx, sink| econ_vs_function(cx, sink, &["30302"], &["2080501", "2080502"], true),
};

// ---------------------------------------------------------------- “三公”经费表 ↔ 基本支出表

/// Checks a 三公 row (its 一般公共预算 column) is not smaller than economic lines of the basic table.
/// Returns false when the row is not printed.
fn three_at_least(cx: &Ctx, sink: &mut Sink, role: &str, econ: &[&str], what: &str) -> bool {
    let (Some(t), Some(b)) = (cx.table("three_public"), cx.table("basic")) else { return false };
    let Some(row) = cx.row_with_role(t, role) else { return false };
    let col = if t.col("general").is_some() { "general" } else { "total" };
    let (_, econ_rows, line) = tally(econ.iter().filter_map(|c| b.row_with_code(c)), |r| b.value(r, "total"));
    not_below(
        sink,
        || format!("“三公”经费表{what}（{}）小于基本支出表 {} 的金额", label(t, col), econ.join(" + ")),
        t.value(row, col),
        line,
        econ_rows + 1,
        t,
        ulp2(t, b),
        || Location::cell(t, row, col),
    );
    true
}

/// The shared preconditions of the 三公 rules: both tables printed.
fn three_tables(cx: &Ctx, sink: &mut Sink) -> bool {
    need(cx, sink, "three_public", "“三公”经费表").is_some() && need(cx, sink, "basic", "基本支出表").is_some()
}

/// X020: 公务用车运行维护费 ≥ 30231, 公务用车购置费 ≥ 31013.
pub static X020: Rule = Rule {
    code: "X020",
    name: "公务用车费用不小于对应经济科目",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "“三公”经费表的公务用车运行维护费（一般公共预算财政拨款）不小于基本支出表 30231 公务用车运行维护费；公务用车购置费不小于 31013 公务用车购置。“三公”经费含基本支出和项目支出，只能大于或等于基本支出中的对应科目，不要求相等。",
    why: "“三公”经费表的金额小于基本支出中同一用途的科目，说明“三公”经费少报了。",
    bad: concat!(three_t!("1\t公务用车运行维护费\t1.05\t1.05"), basic_t!("1\t30231\t公务用车运行维护费\t1.50\t\t1.50"),),
    good: concat!(three_t!("1\t公务用车运行维护费\t1.50\t1.50"), basic_t!("1\t30231\t公务用车运行维护费\t1.50\t\t1.50"),),
    basis: "财政部“三公”经费统计口径：公务用车购置及运行维护费对应经济分类 31013、30231。",
    check: |cx, sink| {
        if !three_tables(cx, sink) {
            return;
        }
        let running = three_at_least(cx, sink, "vehicle.running", &["30231"], "公务用车运行维护费");
        let purchase = three_at_least(cx, sink, "vehicle.purchase", &["31013"], "公务用车购置费");
        if !running && !purchase && !three_at_least(cx, sink, "vehicle", &["30231", "31013"], "公务用车购置及运维费") {
            sink.not_evaluated("“三公”经费表未列公务用车费用行");
        }
    },
};

/// The check of a 三公 rule comparing one row with one economic line.
fn three_rule(cx: &Ctx, sink: &mut Sink, role: &str, econ: &str, what: &str) {
    if three_tables(cx, sink) && !three_at_least(cx, sink, role, &[econ], what) {
        sink.not_evaluated(format!("“三公”经费表未列{what}行"));
    }
}

/// X021: the 三公 table's meeting row is not smaller than economic line 30215.
pub static X021: Rule = Rule {
    code: "X021",
    name: "会议费不小于经济科目会议费",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "“三公”经费表列有会议费行时，其金额（一般公共预算财政拨款）不小于基本支出表 30215 会议费。表中会议费含基本支出和项目支出，只能大于或等于基本支出中的会议费，不要求相等。",
    why: "基本支出已安排会议费而“三公”经费表的会议费为空或更小，说明会议费少报，“三公”经费表合计也随之失真。",
    bad: concat!(three_t!("1\t四、会议费\t\t"), basic_t!("1\t30215\t会议费\t0.40\t\t0.40")),
    good: concat!(three_t!("1\t四、会议费\t0.40\t0.40"), basic_t!("1\t30215\t会议费\t0.40\t\t0.40")),
    basis: "《党政机关厉行节约反对浪费条例》要求公开会议费；河北省部门预算“三公”经费表含会议费、培训费。",
    check: |cx, sink| three_rule(cx, sink, "meeting", "30215", "会议费"),
};

/// X022: the 三公 table's training row is not smaller than economic line 30216.
pub static X022: Rule = Rule {
    code: "X022",
    name: "培训费不小于经济科目培训费",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "“三公”经费表列有培训费行时，其金额（一般公共预算财政拨款）不小于基本支出表 30216 培训费。不要求相等。",
    why: "基本支出已安排培训费而“三公”经费表的培训费为空或更小，说明培训费少报。",
    bad: concat!(three_t!("1\t五、培训费\t\t"), basic_t!("1\t30216\t培训费\t0.50\t\t0.50")),
    good: concat!(three_t!("1\t五、培训费\t0.80\t0.80"), basic_t!("1\t30216\t培训费\t0.50\t\t0.50")),
    basis: "《党政机关厉行节约反对浪费条例》；河北省部门预算“三公”经费表含会议费、培训费。",
    check: |cx, sink| three_rule(cx, sink, "training", "30216", "培训费"),
};

/// X023: the 三公 table's abroad row is not smaller than economic line 30212.
pub static X023: Rule = Rule {
    code: "X023",
    name: "因公出国（境）费不小于经济科目",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary:
        "“三公”经费表的因公出国（境）费（一般公共预算财政拨款）不小于基本支出表 30212 因公出国（境）费用。不要求相等。",
    why: "基本支出已安排出国（境）费用而“三公”经费表金额更小，说明“三公”经费少报。",
    bad: concat!(three_t!("1\t一、因公出国（境）费\t\t"), basic_t!("1\t30212\t因公出国（境）费用\t3.00\t\t3.00")),
    good: concat!(
        three_t!("1\t一、因公出国（境）费\t3.00\t3.00"),
        basic_t!("1\t30212\t因公出国（境）费用\t3.00\t\t3.00")
    ),
    basis: "财政部“三公”经费统计口径：因公出国（境）费对应经济分类 30212。",
    check: |cx, sink| three_rule(cx, sink, "abroad", "30212", "因公出国（境）费"),
};

/// X024: the 三公 table's reception row is not smaller than economic line 30217.
pub static X024: Rule = Rule {
    code: "X024",
    name: "公务接待费不小于经济科目",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "“三公”经费表的公务接待费（一般公共预算财政拨款）不小于基本支出表 30217 公务接待费。不要求相等。",
    why: "基本支出已安排公务接待费而“三公”经费表金额更小，说明“三公”经费少报。",
    bad: concat!(three_t!("1\t三、公务接待费\t0.50\t0.50"), basic_t!("1\t30217\t公务接待费\t0.80\t\t0.80")),
    good: concat!(three_t!("1\t三、公务接待费\t0.80\t0.80"), basic_t!("1\t30217\t公务接待费\t0.80\t\t0.80")),
    basis: "财政部“三公”经费统计口径：公务接待费对应经济分类 30217。",
    check: |cx, sink| three_rule(cx, sink, "reception", "30217", "公务接待费"),
};

// ---------------------------------------------------------------- 收支总表 ↔ 财政拨款收支总表

/// Whether the document shows income other than 财政拨款 (财政专户, 单位资金), and where.
fn non_fiscal_income(cx: &Ctx) -> bool {
    let in_summary = cx.table("summary").is_some_and(|s| {
        let col = income_col(s).unwrap_or("");
        ["income.special_account", "income.unit_funds"]
            .iter()
            .filter_map(|r| cx.row_with_role(s, r))
            .any(|r| s.value(r, col) != Money::ZERO)
    });
    let in_income = cx.table("income").is_some_and(|t| {
        let cols = ["special_account", "business", "operating", "superior", "affiliated", "other"].map(|c| t.col(c));
        t.rows.iter().any(|r| cols.iter().any(|&c| r.value_at(c) != Money::ZERO))
    });
    in_summary || in_income
}

/// X025: without non-fiscal income, 收支总表 = 财政拨款收支总表.
pub static X025: Rule = Rule {
    code: "X025",
    name: "无非财政拨款收入时两张收支总表相等",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "部门没有财政专户管理资金和单位资金时，收支总表与财政拨款收支总表的本年收入合计、上年结转、收入总计、各类支出、本年支出合计和支出总计应逐项相等；有非财政拨款收入时不比较。收支总表的上年结转大于财政拨款的（上年留下的单位资金或财政专户资金）时，本年收入合计仍应相等，收入总计、支出总计之差等于上年结转之差，各类支出的财政拨款不大于全部支出，各类之差的和等于本年支出合计之差。",
    why: "全部收入都是财政拨款时，两张总表反映同一组收支，任何差异都说明某张表抄错。",
    bad: concat!(
        summary_t!("1\t一、一般公共预算拨款收入\t538.08\t六、科学技术支出\t538.08", "2\t本年收入合计\t538.08\t本年支出合计\t538.08"),
        fiscal_t!(
            "1\t一、一般公共预算拨款\t538.08\t六、科学技术支出\t500.00\t500.00\t\t",
            "2\t\t\t八、社会保障和就业支出\t38.08\t38.08\t\t",
            "3\t本年收入合计\t538.08\t本年支出合计\t538.08\t538.08\t\t"
        ),
    ),
    good: concat!(
        summary_t!("1\t一、一般公共预算拨款收入\t538.08\t六、科学技术支出\t538.08", "2\t本年收入合计\t538.08\t本年支出合计\t538.08"),
        fiscal_t!(
            "1\t一、一般公共预算拨款\t538.08\t六、科学技术支出\t538.08\t538.08\t\t",
            "2\t本年收入合计\t538.08\t本年支出合计\t538.08\t538.08\t\t"
        ),
    ),
    basis: "部门预算公开表样：收支总表 = 财政拨款收支总表 + 非财政拨款收支。",
    check: |cx, sink| {
        let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
        let Some(f) = need(cx, sink, "fiscal_summary", "财政拨款收支总表") else { return };
        if non_fiscal_income(cx) {
            sink.not_evaluated("文件有非财政拨款收入（财政专户或单位资金），两表不必相等");
            return;
        }
        let (Some(si), Some(fi), Some(se), Some(fe)) = (income_col(s), income_col(f), expense_col(s), expense_col(f)) else {
            sink.not_evaluated("缺少收入或支出金额列");
            return;
        };
        let ulp = ulp2(s, f);
        let carryover = |t: &Table, col| cx.row_with_role(t, "income.carryover").map(|r| t.value(r, col));
        if let (Some(all), Some(fiscal)) = (carryover(s, si), carryover(f, fi)) {
            if all - fiscal > Money(envelope(2, ulp)) {
                return non_fiscal_carryover(cx, sink, (s, si, se), (f, fi, fe), all - fiscal);
            }
        }
        for (role, sc, fc, what) in [
            ("income.year_total", si, fi, "本年收入合计"),
            ("income.carryover", si, fi, "上年结转"),
            ("income.grand_total", si, fi, "收入总计"),
            ("expense.year_total", se, fe, "本年支出合计"),
            ("expense.grand_total", se, fe, "支出总计"),
        ] {
            let (Some(sr), Some(fr)) = (cx.row_with_role(s, role), cx.row_with_role(f, role)) else { continue };
            compare(sink, || format!("财政拨款收支总表“{what}”≠ 收支总表"), s.value(sr, sc), f.value(fr, fc), 2, f.unit, ulp, || Location::cell(f, fr, fc));
        }
        // The columns as `Table::value` finds them, once per table rather than per code.
        let (se_i, fe_i) = (s.col(se), f.col(fe));
        for (code, sr, fr) in join_codes(expense_classes(cx, s), expense_classes(cx, f)) {
            let sv = sr.map_or(Money::ZERO, |r| r.value_at(se_i));
            let fv = fr.map_or(Money::ZERO, |r| r.value_at(fe_i));
            let (lt, lr, lc) = match (fr, sr) {
                (Some(r), _) => (f, r, fe),
                (None, Some(r)) => (s, r, se),
                (None, None) => continue,
            };
            let name = || strip_numbering(lt.row_name(lr, Some("expense_item")));
            compare(sink, || format!("{code} {}：财政拨款收支总表 ≠ 收支总表", name()), sv, fv, 2, f.unit, ulp, || Location::cell(lt, lr, lc));
        }
    },
};

/// X025 when the 收支总表 carries over more than the 财政拨款 (单位资金 or 财政专户 left from last year, with
/// none of either this year): this year's income is the same in both tables; their 收入总计 and 支出总计
/// differ by that `gap`; each class's 财政拨款 is at most its whole spending; and what the classes spend
/// beyond 财政拨款 adds up to the difference of the 本年支出合计.
fn non_fiscal_carryover<'a>(
    cx: &Ctx<'a>,
    sink: &mut Sink,
    (s, si, se): (&'a Table, &str, &str),
    (f, fi, fe): (&'a Table, &str, &str),
    gap: Money,
) {
    let ulp = ulp2(s, f);
    let roles = |role| cx.row_with_role(s, role).zip(cx.row_with_role(f, role));
    if let Some((sr, fr)) = roles("income.year_total") {
        compare(
            sink,
            || "财政拨款收支总表“本年收入合计”≠ 收支总表".into(),
            s.value(sr, si),
            f.value(fr, fi),
            2,
            f.unit,
            ulp,
            || Location::cell(f, fr, fi),
        );
    }
    for (role, sc, fc, what) in
        [("income.grand_total", si, fi, "收入总计"), ("expense.grand_total", se, fe, "支出总计")]
    {
        let Some((sr, fr)) = roles(role) else { continue };
        compare(
            sink,
            || format!("财政拨款收支总表“{what}”加上非财政拨款的上年结转 {} ≠ 收支总表", show(gap, s.unit)),
            s.value(sr, sc),
            f.value(fr, fc) + gap,
            3,
            f.unit,
            ulp,
            || Location::cell(f, fr, fc),
        );
    }
    let (se_i, fe_i) = (s.col(se), f.col(fe));
    let mut beyond = Money::ZERO;
    let mut classes = 0;
    for (code, sr, fr) in join_codes(expense_classes(cx, s), expense_classes(cx, f)) {
        let sv = sr.map_or(Money::ZERO, |r| r.value_at(se_i));
        let fv = fr.map_or(Money::ZERO, |r| r.value_at(fe_i));
        beyond += sv - fv;
        classes += 1;
        let Some(r) = fr.filter(|_| fv - sv > Money(envelope(2, ulp))) else { continue };
        let name = strip_numbering(f.row_name(r, Some("expense_item")));
        sink.report(
            format!("{code} {name}：财政拨款安排 {}，大于收支总表的全部支出 {}", show(fv, f.unit), show(sv, s.unit)),
            Location::cell(f, r, fe),
        )
        .values(format!("≤ {}", show(sv, s.unit)), show(fv, f.unit));
    }
    if let Some((sr, fr)) = roles("expense.year_total") {
        let year_gap = s.value(sr, se) - f.value(fr, fe);
        compare(
            sink,
            || "各类支出中非财政拨款部分之和 ≠ 两表“本年支出合计”之差".into(),
            year_gap,
            beyond,
            classes + 2,
            f.unit,
            ulp,
            || Location::cell(f, fr, fe),
        );
    }
}

// ---------------------------------------------------------------- 支出总表 ↔ 分资金来源支出表

/// The printed fund tables (一般公共, 基金, 国资), first in the array (at most three: no vector needed).
struct Funds<'a>([Option<&'a Table>; 3]);

impl<'a> Funds<'a> {
    fn iter(&self) -> impl Iterator<Item = &'a Table> + '_ {
        self.0.iter().map_while(|t| *t)
    }
    fn is_empty(&self) -> bool {
        self.0[0].is_none()
    }
}

/// The printed fund tables (一般公共, 基金, 国资).
fn fund_tables<'a>(cx: &Ctx<'a>) -> Funds<'a> {
    let mut funds = Funds([None; 3]);
    for (slot, t) in funds.0.iter_mut().zip(["general_budget", "gov_fund", "soe"].iter().filter_map(|k| cx.table(k))) {
        *slot = Some(t);
    }
    funds
}

/// X026: 支出总表 基本支出 / 项目支出 合计 ≥ the sum of the fund tables'.
pub static X026: Rule = Rule {
    code: "X026",
    name: "支出总表基本和项目支出不小于财政拨款之和",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "支出总表合计行的“基本支出”“项目支出”分别不小于一般公共预算、政府性基金预算、国有资本经营预算三张财政拨款支出表相应合计之和（财政拨款只是全部支出的一部分）。",
    why: "财政拨款安排的基本支出或项目支出大于部门全部支出，说明某张表多列或支出总表漏列。",
    bad: concat!(expenditure_t!("1\t\t合计\t600.00\t500.00\t100.00"), general_t!("1\t\t合计\t550.00\t400.00\t150.00"),),
    good: concat!(expenditure_t!("1\t\t合计\t600.00\t500.00\t100.00"), general_t!("1\t\t合计\t500.00\t400.00\t100.00"),),
    basis: "部门预算公开表样：支出总表包含全部资金来源的支出。",
    check: |cx, sink| {
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        let funds = fund_tables(cx);
        if funds.is_empty() {
            sink.not_evaluated("文件中没有分资金来源的财政拨款支出表");
            return;
        }
        for (col, what) in [("basic", "基本支出"), ("project", "项目支出")] {
            let Some((ev, _, er)) = total_of(cx, e, col) else {
                sink.not_evaluated("支出总表缺少合计");
                return;
            };
            let (parts, sum) =
                funds.iter().filter_map(|t| total_of(cx, t, col).map(|x| x.0)).fold((0, Money::ZERO), |(n, s), v| (n + 1, s + v));
            let ulp = funds.iter().map(|t| t.ulp()).max().unwrap_or(1).max(e.ulp());
            not_below(sink, || format!("支出总表“{what}”合计小于各财政拨款支出表之和"), ev, sum, parts + 1, e, ulp, || total_loc(e, er, col));
        }
    },
};

/// X027: per code, 支出总表 ≥ the fund tables' sum.
pub static X027: Rule = Rule {
    code: "X027",
    name: "支出总表各科目不小于财政拨款之和",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "同一功能分类科目，支出总表的合计、基本支出、项目支出分别不小于三张财政拨款支出表中该科目相应金额之和。",
    why: "某科目的财政拨款支出大于该科目的全部支出，说明科目挂错或金额抄错。",
    bad: concat!(
        expenditure_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00"),
        general_t!("1\t206\t科学技术支出\t520.00\t400.00\t120.00"),
    ),
    good: concat!(
        expenditure_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00"),
        general_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00"),
    ),
    basis: "部门预算公开表样：支出总表包含全部资金来源的支出。",
    check: |cx, sink| {
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        let funds = fund_tables(cx);
        if funds.is_empty() {
            sink.not_evaluated("文件中没有分资金来源的财政拨款支出表");
            return;
        }
        let ulp = funds.iter().map(|t| t.ulp()).max().unwrap_or(1).max(e.ulp());
        // The coded rows of 支出总表 (table 0) and of each fund table (1, 2, …) by code, in one sort instead of a
        // search of each table per code. Stable: a code's rows stay in table and row order, so the first of
        // each table is what `Table::row_with_code` finds.
        let tables = std::iter::once(e).chain(funds.iter()).enumerate();
        // (sized for every row of the tables: a collect of a filter cannot know its length, and grows)
        let mut coded: Vec<(&str, usize, &Row)> =
            Vec::with_capacity(e.rows.len() + funds.iter().map(|t| t.rows.len()).sum::<usize>());
        coded.extend(tables.flat_map(|(k, t)| t.coded_rows().map(move |r| (r.code.as_deref().unwrap_or(""), k, r))));
        coded.sort_by(|a, b| a.0.cmp(b.0));
        // The columns, as `Table::value` finds them, looked up once per table rather than per code and column.
        const COLS: [(&str, &str); 3] = [("total", "合计"), ("basic", "基本支出"), ("project", "项目支出")];
        // (arrays, not vectors: there are at most three columns and three fund tables)
        let cols: [_; 3] = std::array::from_fn(|k| {
            let (col, what) = COLS[k];
            e.col(col).map(|i| (k, col, what, Some(i)))
        });
        let fund_cols = funds.0.map(|t| t.map(|t| COLS.map(|(c, _)| t.col(c))));
        // (each fund table's first row of a code, with the table's columns)
        let mut found = [None; 3];
        for group in coded.chunk_by(|a, b| a.0 == b.0) {
            // (the codes of the fund tables that 支出总表 lists)
            let first_in = |k: usize| group.iter().find(|x| x.1 == k).map(|x| x.2);
            let (code, Some(er)) = (group[0].0, first_in(0)) else { continue };
            let mut n = 0;
            for (k, c) in fund_cols.iter().map_while(Option::as_ref).enumerate() {
                if let Some(r) = first_in(k + 1) {
                    found[n] = Some((r, c));
                    n += 1;
                }
            }
            let rows = &found[..n];
            if rows.is_empty() {
                continue;
            }
            for &(k, col, what, ei) in cols.iter().flatten() {
                let sum: Money = rows.iter().flatten().map(|(r, c)| r.value_at(c[k])).sum();
                not_below(
                    sink,
                    || format!("{code} {}：支出总表“{what}”小于各财政拨款支出表之和", e.row_name(er, None)),
                    er.value_at(ei),
                    sum,
                    rows.len() + 1,
                    e,
                    ulp,
                    || Location::cell(e, er, col),
                );
            }
        }
    },
};

/// X028: every code of the fund tables is in 支出总表.
pub static X028: Rule = Rule {
    code: "X028",
    name: "财政拨款支出表科目包含于支出总表",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary:
        "一般公共预算、政府性基金预算、国有资本经营预算财政拨款支出表中出现的每个功能分类科目，都应在支出总表中列出。",
    why: "支出总表汇总全部资金来源的支出，财政拨款表有而支出总表没有的科目说明支出总表漏列。",
    bad: concat!(
        general_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00", "2\t208\t社会保障和就业支出\t72.12\t72.12\t"),
        expenditure_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00"),
    ),
    good: concat!(
        general_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00", "2\t208\t社会保障和就业支出\t72.12\t72.12\t"),
        expenditure_t!("1\t206\t科学技术支出\t500.00\t400.00\t100.00", "2\t208\t社会保障和就业支出\t72.12\t72.12\t"),
    ),
    basis: "部门预算公开表样：支出总表包含全部资金来源的支出。",
    check: |cx, sink| {
        let Some(e) = need(cx, sink, "expenditure", "支出总表") else { return };
        let funds = fund_tables(cx);
        if funds.is_empty() {
            sink.not_evaluated("文件中没有分资金来源的财政拨款支出表");
            return;
        }
        sink.evaluated();
        for t in funds.iter() {
            // (a fund table lists its codes in the order 支出总表 lists them)
            let mut in_e = CodeCursor::new(e);
            for r in t.coded_rows() {
                let code = r.code.as_deref().unwrap_or("");
                if !in_e.lists(code) {
                    sink.report(
                        format!("“{}”列有科目 {code} {}，支出总表中没有该科目", t.title, t.row_name(r, None)),
                        Location::row(t, r),
                    )
                    .values(format!("支出总表列出 {code}"), "未列出");
                }
            }
        }
    },
};

/// X029: 收支总表 上年结转 ≥ 财政拨款收支总表 年初财政拨款结转和结余.
pub static X029: Rule = Rule {
    code: "X029",
    name: "上年结转不小于财政拨款结转",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "收支总表的“上年结转结余”不小于财政拨款收支总表的“年初财政拨款结转和结余”（前者还可能含非财政拨款结转）。",
    why: "财政拨款结转是全部结转的一部分，大于全部结转说明某张表的结转数有误。",
    bad: concat!(summary_t!("1\t上年结转结余\t132.22\t\t"), fiscal_t!("1\t年初财政拨款结转和结余\t696.22\t\t\t\t\t"),),
    good: concat!(summary_t!("1\t上年结转结余\t696.22\t\t"), fiscal_t!("1\t年初财政拨款结转和结余\t696.22\t\t\t\t\t"),),
    basis: "部门预算公开表样：收支总表的上年结转包含财政拨款结转。",
    check: |cx, sink| {
        let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
        let Some(f) = need(cx, sink, "fiscal_summary", "财政拨款收支总表") else { return };
        let (Some(sc), Some(fc)) = (income_col(s), income_col(f)) else {
            sink.not_evaluated("缺少收入金额列");
            return;
        };
        let (Some(sr), Some(fr)) = (cx.row_with_role(s, "income.carryover"), cx.row_with_role(f, "income.carryover"))
        else {
            sink.not_evaluated("两表未同时列出上年结转行");
            return;
        };
        not_below(
            sink,
            || "收支总表上年结转结余小于财政拨款收支总表年初结转".to_string(),
            s.value(sr, sc),
            f.value(fr, fc),
            2,
            s,
            ulp2(s, f),
            || Location::cell(s, sr, sc),
        );
    },
};

/// X030: for each fund, its table's 合计 = its income + its 年初结转 − its 年末结转.
pub static X030: Rule = Rule {
    code: "X030",
    name: "分资金来源收支平衡",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "对一般公共预算、政府性基金预算、国有资本经营预算三种资金分别有：该资金支出表合计 = 财政拨款收支总表中该资金的本年收入 + 年初结转 − 年末结转。",
    why: "每种财政拨款资金分别平衡；某种资金的支出与其收入和结转不符，说明收入、结转或支出有一处错误。",
    bad: concat!(
        fiscal_t!("1\t一、一般公共预算拨款\t538.08\t\t\t\t\t", "2\t年初财政拨款结转和结余\t132.22\t\t\t\t\t", "3\t一、一般公共预算拨款\t132.22\t\t\t\t\t"),
        general_t!("1\t\t合计\t607.30\t536.08\t71.22"),
    ),
    good: concat!(
        fiscal_t!("1\t一、一般公共预算拨款\t538.08\t\t\t\t\t", "2\t年初财政拨款结转和结余\t132.22\t\t\t\t\t", "3\t一、一般公共预算拨款\t132.22\t\t\t\t\t"),
        general_t!("1\t\t合计\t670.30\t536.08\t134.22"),
    ),
    basis: "《中华人民共和国预算法》第十二条收支平衡；部门预算公开表样（财政拨款收支总表分资金来源列示）。",
    check: |cx, sink| {
        let Some(f) = need(cx, sink, "fiscal_summary", "财政拨款收支总表") else { return };
        let Some(fc) = income_col(f) else {
            sink.not_evaluated("财政拨款收支总表没有收入金额列");
            return;
        };
        let carry_total = cx.row_with_role(f, "income.carryover").map_or(Money::ZERO, |r| f.value(r, fc));
        let has_breakdown = f.rows.iter().any(|r| r.roles.iter().any(|x| x.starts_with("carryover.")));
        for (kind, income, carry, col, what) in [
            ("general_budget", "income.general_budget", "carryover.general_budget", "general", "一般公共预算"),
            ("gov_fund", "income.gov_fund", "carryover.gov_fund", "gov_fund", "政府性基金预算"),
            ("soe", "income.soe", "carryover.soe", "soe", "国有资本经营预算"),
        ] {
            let Some(t) = cx.table(kind) else { continue };
            if !has_breakdown && carry_total != Money::ZERO {
                sink.not_evaluated("财政拨款收支总表未按资金来源列示年初结转");
                return;
            }
            let Some((tv, tn, tr)) = total_of(cx, t, "total") else { continue };
            let inc = cx.row_with_role(f, income).map_or(Money::ZERO, |r| f.value(r, fc));
            let cin = cx.row_with_role(f, carry).map_or(Money::ZERO, |r| f.value(r, fc));
            let cout = cx.row_with_role(f, "expense.carryover").map_or(Money::ZERO, |r| f.value(r, col));
            compare(
                sink,
                || format!("“{}”合计 ≠ {what}拨款收入 + 年初结转 − 年末结转", t.title),
                inc + cin - cout,
                tv,
                tn + 3,
                t.unit,
                ulp2(f, t),
                || total_loc(t, tr, "total"),
            );
        }
    },
};

/// X031: the 三公 table's fund columns do not exceed the fund tables' totals.
pub static X031: Rule = Rule {
    code: "X031",
    name: "三公经费各资金来源不超过对应支出表",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "“三公”经费表合计行的一般公共预算、政府性基金、国有资本经营预算各列，分别不超过对应财政拨款支出表的合计；对应支出表为空表时，该列也应为空。",
    why: "“三公”经费是某种资金支出的一部分，超过该资金全部支出（或该资金根本没有支出）说明列错了资金来源。",
    bad: concat!(
        three_wide_t!("1\t合计\t5.00\t\t\t5.00"),
        soe_t!(),
        "注：无国有资本经营预算财政拨款预算，空表列示。\n"
    ),
    good: concat!(three_wide_t!("1\t合计\t5.00\t5.00\t\t"), general_t!("1\t\t合计\t10.00\t10.00\t"),),
    basis: "财政部“三公”经费公开口径：按资金来源分列。",
    check: |cx, sink| {
        let Some(t) = need(cx, sink, "three_public", "“三公”经费表") else { return };
        let Some(row) = cx.row_with_role(t, "total").or_else(|| cx.row_with_role(t, "subtotal")) else {
            sink.not_evaluated("“三公”经费表没有合计行");
            return;
        };
        if ["general", "gov_fund", "soe"].iter().all(|c| t.col(c).is_none()) {
            // (the Shanghai table prints one amount per item, not split by fund)
            sink.not_evaluated("“三公”经费表没有按资金来源分列的金额列");
            return;
        }
        for (col, kind) in [("general", "general_budget"), ("gov_fund", "gov_fund"), ("soe", "soe")] {
            if t.col(col).is_none() {
                continue;
            }
            let Some(f) = cx.table(kind) else {
                sink.not_evaluated(format!("文件中没有与“{}”列对应的财政拨款支出表", label(t, col)));
                continue;
            };
            let Some((fv, _, _)) = total_of(cx, f, "total") else {
                sink.not_evaluated(format!("“{}”没有合计", f.title));
                continue;
            };
            not_above(
                sink,
                || format!("“三公”经费表“{}”大于“{}”合计", label(t, col), f.title),
                t.value(row, col),
                fv,
                2,
                t,
                ulp2(t, f),
                || Location::cell(t, row, col),
            );
        }
    },
};

/// X032: 财政拨款收支总表 类 合计 ≤ 收支总表 类.
pub static X032: Rule = Rule {
    code: "X032",
    name: "财政拨款各类支出不超过收支总表",
    severity: Severity::Error,
    family: Family::CrossTable,
    summary: "财政拨款收支总表每一类支出的“合计”及本年支出合计，不超过收支总表中同一类支出和本年支出合计（财政拨款只是全部支出的一部分）。",
    why: "财政拨款安排的某类支出大于该类全部支出，说明某张表的该类金额有误。",
    bad: concat!(summary_t!("1\t\t\t六、科学技术支出\t551.96"), fiscal_t!("1\t\t\t六、科学技术支出\t600.00\t600.00\t\t"),),
    good: concat!(summary_t!("1\t\t\t六、科学技术支出\t551.96"), fiscal_t!("1\t\t\t六、科学技术支出\t551.96\t551.96\t\t"),),
    basis: "部门预算公开表样：收支总表包含全部资金来源的收支。",
    check: |cx, sink| {
        let Some(s) = need(cx, sink, "summary", "收支总表") else { return };
        let Some(f) = need(cx, sink, "fiscal_summary", "财政拨款收支总表") else { return };
        let (Some(se), Some(fe)) = (expense_col(s), expense_col(f)) else {
            sink.not_evaluated("缺少支出金额列");
            return;
        };
        let ulp = ulp2(s, f);
        // (sized for every row: a collect of a filter cannot know its length, and grows)
        let mut srows: Vec<(&str, &Row)> = Vec::with_capacity(s.rows.len());
        srows.extend(expense_classes(cx, s));
        // The columns as `Table::value` finds them, once per table rather than per 类.
        let (se_i, fe_i) = (s.col(se), f.col(fe));
        for (code, fr) in expense_classes(cx, f) {
            let sv = srows.iter().find(|(c, _)| same_str(c, code)).map_or(Money::ZERO, |(_, r)| r.value_at(se_i));
            not_above(
                sink,
                || format!("{code} {}：财政拨款收支总表大于收支总表", strip_numbering(f.row_name(fr, Some("expense_item")))),
                fr.value_at(fe_i),
                sv,
                2,
                f,
                ulp,
                || Location::cell(f, fr, fe),
            );
        }
        if let (Some(sr), Some(fr)) = (cx.row_with_role(s, "expense.year_total"), cx.row_with_role(f, "expense.year_total")) {
            not_above(sink, || "财政拨款收支总表本年支出合计大于收支总表".to_string(), f.value(fr, fe), s.value(sr, se), 2, f, ulp, || Location::cell(f, fr, fe));
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] = &[
    &X001, &X002, &X003, &X004, &X005, &X006, &X007, &X008, &X009, &X010, &X011, &X012, &X013, &X014, &X015, &X016,
    &X017, &X018, &X019, &X020, &X021, &X022, &X023, &X024, &X025, &X026, &X027, &X028, &X029, &X030, &X031, &X032,
];

#[cfg(test)]
mod tests {
    use super::join_codes;
    use yusuan_model::Row;

    #[test]
    fn joined_codes_are_sorted_once_each_with_the_first_row_of_either_list() {
        let row = |position| Row { position, ..Row::default() };
        let rows: Vec<Row> = (0..7).map(row).collect();
        let a = [("206", &rows[0]), ("208", &rows[1]), ("206", &rows[2]), ("213", &rows[3])];
        let b = [("208", &rows[4]), ("201", &rows[5]), ("208", &rows[6])];
        let at = |r: Option<&Row>| r.map(|r| r.position);
        let joined: Vec<_> =
            join_codes(a.into_iter(), b.into_iter()).into_iter().map(|(c, x, y)| (c, at(x), at(y))).collect();
        assert_eq!(
            joined,
            [("201", None, Some(5)), ("206", Some(0), None), ("208", Some(1), Some(4)), ("213", Some(3), None)]
        );
        assert!(join_codes(a[..0].iter().copied(), b[..0].iter().copied()).is_empty());
    }
}
