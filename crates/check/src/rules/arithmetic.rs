//! 表内勾稽: identities that hold inside one table. Differences inside the printed unit's rounding
//! envelope are reported as 尾差 (`A000`, info); beyond it, as the rule's error.

use crate::engine::{Coded, Ctx, Family, Location, PerTable, Rule, Severity, Sink};
use crate::helpers::{class_rows, compare, level};
use yusuan_model::{same_str, Money, Row, Table};

#[cfg(test)]
const EXPENDITURE_HEAD: &str = "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n";

/// A000: 尾差 — reported by the arithmetic and cross-table rules for differences inside the envelope.
pub static A000: Rule = Rule {
    code: "A000",
    name: "尾差",
    severity: Severity::Info,
    family: Family::Arithmetic,
    summary: "合计与分项之和相差不超过舍入范围（每个参与计算的打印数半个末位单位，最多 3 个末位单位，如万元两位小数时 ±0.03 万元）时，记为尾差提示而不是错误。",
    why: "表格以万元两位小数打印，各数分别四舍五入，合计与分项之和可能差几个末位单位；这不是编报错误，但应知晓。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.75\t417.74\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "四舍五入规则；《地方预决算公开操作规程》要求数据准确。",
    check: |cx, sink| {
        // Its findings are reported by the rules that compare sums (see `helpers::compare`).
        if cx.doc.tables.iter().any(Table::has_amounts) {
            sink.evaluated();
        }
    },
};

fn column_sums(cx: &Ctx, sink: &mut Sink) {
    // The columns of the printed parts of a sum, each looked up once (one list for every sum).
    let mut part_is: Vec<usize> = Vec::new();
    for t in &cx.doc.tables {
        let Some(kind) = cx.layout.table(&t.kind) else { continue };
        for sum in &kind.column_sums {
            let Some(total_i) = t.col(&sum.total) else { continue };
            part_is.clear();
            part_is.extend(sum.parts.iter().filter_map(|p| t.col(p)));
            if part_is.is_empty() {
                continue;
            }
            let total_label = t.columns.iter().find(|c| c.id == sum.total).map_or("", |c| c.label.as_str());
            let ulp = t.ulp();
            for r in &t.rows {
                let any =
                    r.amount_at(Some(total_i)).is_some() || part_is.iter().any(|&i| r.amount_at(Some(i)).is_some());
                if !any {
                    continue;
                }
                let expected: Money = part_is.iter().map(|&i| r.value_at(Some(i))).sum();
                // (the parts not printed have no column, so no label)
                let labels = || -> Vec<&str> {
                    sum.parts
                        .iter()
                        .filter_map(|p| t.columns.iter().find(|c| c.id == *p).map(|c| c.label.as_str()))
                        .collect()
                };
                compare(
                    sink,
                    || format!("“{}”第 {} 行：{} ≠ {}", t.title, r.position, total_label, labels().join(" + ")),
                    expected,
                    r.value_at(Some(total_i)),
                    part_is.len() + 1,
                    t.unit,
                    ulp,
                    || Location::cell(t, r, &sum.total),
                );
            }
        }
    }
}

/// A001: on every row, a total column equals the sum of its part columns (as the layout declares).
pub static A001: Rule = Rule {
    code: "A001",
    name: "行内合计等于各列之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "每一行的合计列等于其组成列之和，例如支出总表“合计 = 基本支出 + 项目支出 + …”、基本支出表“合计 = 人员经费 + 公用经费”。组成关系由版式文件声明。",
    why: "合计与组成列不符说明某个数抄错或漏填，读者无法知道哪一个是真的。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t206\t科学技术支出\t551.96\t417.74\t143.22\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t206\t科学技术支出\t551.96\t417.74\t134.22\n",
    basis: "部门预算公开表样的栏次关系（如 3 = 4 + 5）。",
    check: column_sums,
};

/// Adds the amount columns of `t` as [`compare_rows`] reads them to `out`: for each, the index of the first
/// column with its id (as `Table::amount` reads it), the id, and that column's printed label.
fn amount_cols<'t>(t: &'t Table, out: &mut Vec<AmountCol<'t>>) {
    for (i, c) in t.columns.iter().enumerate() {
        if c.role == yusuan_model::ColumnRole::Amount {
            // the first column with the id is this one or one before it
            let first = t.columns[..i].iter().position(|x| same_str(&x.id, &c.id)).unwrap_or(i);
            out.push((first, c.id.as_str(), t.columns[first].label.as_str()));
        }
    }
}

/// An amount column as [`compare_rows`] reads it: the index of the first column with its id, the id, and
/// that column's printed label.
pub(crate) type AmountCol<'a> = (usize, &'a str, &'a str);

/// [`amount_cols`] of `t`, found once per document for every table (several rules walk them).
fn amount_cols_of<'b, 'a>(cx: &'b Ctx<'a>, t: &'a Table) -> std::borrow::Cow<'b, [AmountCol<'a>]> {
    let all = cx.cache.amount_cols.get_or_init(|| {
        let tables = &cx.doc.tables;
        // (room for every column: a bound found without looking at each)
        PerTable::new(tables, tables.iter().map(|t| t.columns.len()).sum(), amount_cols)
    });
    match cx.table_index(t) {
        Some(i) => std::borrow::Cow::Borrowed(all.get(i)),
        None => {
            let mut cols = Vec::new();
            amount_cols(t, &mut cols);
            std::borrow::Cow::Owned(cols)
        }
    }
}

/// Compares, for every amount column, a printed row with the sum of a set of rows.
fn compare_rows(
    sink: &mut Sink,
    t: &Table,
    cols: &[(usize, &str, &str)],
    what: &dyn Fn() -> String,
    total: &Row,
    parts: &[&Row],
) {
    let ulp = t.ulp();
    for &(i, col, label) in cols {
        let i = Some(i);
        if total.amount_at(i).is_none() && parts.iter().all(|r| r.amount_at(i).is_none()) {
            continue;
        }
        let expected: Money = parts.iter().map(|r| r.value_at(i)).sum();
        compare(
            sink,
            || format!("“{}”{}（{}列）", t.title, what(), label),
            expected,
            total.value_at(i),
            parts.len() + 1,
            t.unit,
            ulp,
            || Location::cell(t, total, col),
        );
    }
}

/// A002: the 合计 row equals the sum of the 类 rows.
pub static A002: Rule = Rule {
    code: "A002",
    name: "合计行等于各类之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "按科目列示的表格中，“合计”行的每一列等于所有类级科目（3 位编码）行之和。",
    why: "合计行不等于各类之和，说明漏列了某个科目或合计算错。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t600.00\t500.00\t100.00\n2\t206\t科学技术支出\t500.00\t400.00\t100.00\n3\t208\t社会保障和就业支出\t90.00\t90.00\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t590.00\t490.00\t100.00\n2\t206\t科学技术支出\t500.00\t400.00\t100.00\n3\t208\t社会保障和就业支出\t90.00\t90.00\t\n",
    basis: "部门预算公开表样：合计 = 各类科目之和。",
    check: |cx, sink| {
        // (one list for every table's 类 rows)
        let mut classes: Vec<&Row> = Vec::new();
        for t in &cx.doc.tables {
            let Some(total) = cx.row_with_role(t, "total") else { continue };
            classes.clear();
            classes.extend(class_rows(t));
            if classes.is_empty() {
                continue;
            }
            compare_rows(sink, t, &amount_cols_of(cx, t), &|| "合计行 ≠ 各类科目之和".to_string(), total, &classes);
        }
    },
};

fn parent_equals_children(cx: &Ctx, sink: &mut Sink, parent_level: usize) {
    // (sized once for the most any table can hold, instead of growing table by table)
    let mut kids: Vec<&Row> = Vec::with_capacity(cx.coded().len());
    let mut level_down: Vec<(&str, &Row)> = Vec::with_capacity(cx.coded().len());
    // Each table's coded rows, with its classification (together in the list the rules share).
    for rows in cx.coded().chunk_by(|a, b| std::ptr::eq(a.table, b.table)) {
        let (t, cls) = (rows[0].table, rows[0].cls);
        let (Some(&parent_len), Some(&child_len)) =
            (cls.lengths().get(parent_level - 1), cls.lengths().get(parent_level))
        else {
            continue;
        };
        // The rows one level down with the code of their parent, listed once per table: each parent's
        // `children` are then those of its code, in the order printed, without a scan of every coded row.
        level_down.clear();
        level_down.extend(rows.iter().filter(|c| c.code.len() == child_len).filter_map(|c| {
            // (a prefix that is not a whole string cannot equal a parent's code)
            Some((c.code.get(..parent_len)?, c.row))
        }));
        if level_down.is_empty() {
            continue;
        }
        let cols = amount_cols_of(cx, t);
        for &Coded { row: r, code, name, .. } in rows {
            if level(cls, code) != Some(parent_level) {
                continue;
            }
            kids.clear();
            kids.extend(level_down.iter().filter(|(p, _)| same_str(p, code)).map(|&(_, k)| k));
            if kids.is_empty() {
                continue;
            }
            let what = || format!("{} {} ≠ 下级科目之和", code, name);
            compare_rows(sink, t, &cols, &what, r, &kids);
        }
    }
}

/// A003: a 类 row equals the sum of its 款 rows.
pub static A003: Rule = Rule {
    code: "A003",
    name: "类等于所属款之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "类级科目（3 位）行的每一列等于其下所有款级科目（5 位）行之和；功能分类和经济分类都适用。",
    why: "类与款不符说明漏列了款或某数抄错。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t208\t社会保障和就业支出\t72.12\t72.12\t\n2\t20805\t行政事业单位养老支出\t64.72\t64.72\t\n3\t20825\t其他生活救助\t7.30\t7.30\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t208\t社会保障和就业支出\t72.12\t72.12\t\n2\t20805\t行政事业单位养老支出\t64.72\t64.72\t\n3\t20825\t其他生活救助\t7.40\t7.40\t\n",
    basis: "《政府收支分类科目》类、款、项的层级关系。",
    check: |cx, sink| parent_equals_children(cx, sink, 1),
};

/// A004: a 款 row equals the sum of its 项 rows.
pub static A004: Rule = Rule {
    code: "A004",
    name: "款等于所属项之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "功能分类款级科目（5 位）行的每一列等于其下所有项级科目（7 位）行之和。",
    why: "款与项不符说明漏列了项或某数抄错。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t20805\t行政事业单位养老支出\t64.72\t64.72\t\n2\t2080501\t行政单位离退休\t2.24\t2.24\t\n3\t2080505\t机关事业单位基本养老保险缴费支出\t62.38\t62.38\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t20805\t行政事业单位养老支出\t64.72\t64.72\t\n2\t2080501\t行政单位离退休\t2.24\t2.24\t\n3\t2080505\t机关事业单位基本养老保险缴费支出\t62.48\t62.48\t\n",
    basis: "《政府收支分类科目》类、款、项的层级关系。",
    check: |cx, sink| parent_equals_children(cx, sink, 2),
};

#[cfg(test)]
const SUMMARY_HEAD: &str =
    "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n";

/// The income amount column and the expense amount columns of a two-sided table.
fn sides(t: &Table) -> (Option<&str>, impl Iterator<Item = &str>) {
    let income = t.columns.iter().find(|c| c.name_column.as_deref() == Some("income_item")).map(|c| c.id.as_str());
    let expense = t.columns.iter().filter(|c| c.name_column.as_deref() == Some("expense_item")).map(|c| c.id.as_str());
    (income, expense)
}

/// The tables with an income amount column ([`sides`]`.0`), told without listing their expense columns.
fn two_sided<'a>(cx: &Ctx<'a>) -> impl Iterator<Item = &'a Table> {
    cx.doc.tables.iter().filter(|t| t.columns.iter().any(|c| c.name_column.as_deref() == Some("income_item")))
}

/// Compares a printed role row with the sum of role rows in one column.
fn role_identity(cx: &Ctx, sink: &mut Sink, t: &Table, col: &str, total_role: &str, part_roles: &[&str], what: &str) {
    let Some(total) = cx.row_with_role(t, total_role) else {
        sink.not_evaluated(format!("“{}”没有 {total_role} 行", t.title));
        return;
    };
    // (the rows found, counted and summed as they are found)
    let (mut parts, mut expected) = (0, Money::ZERO);
    for r in part_roles.iter().filter_map(|r| cx.row_with_role(t, r)) {
        parts += 1;
        expected += t.value(r, col);
    }
    if parts == 0 {
        sink.not_evaluated(format!("“{}”没有 {} 中的任何一行", t.title, part_roles.join("、")));
        return;
    }
    compare(
        sink,
        || format!("“{}”{}", t.title, what),
        expected,
        t.value(total, col),
        parts + 1,
        t.unit,
        t.ulp(),
        || Location::cell(t, total, col),
    );
}

/// A005: 收入总计 equals 支出总计 in a two-sided table.
pub static A005: Rule = Rule {
    code: "A005",
    name: "收支两侧总计平衡",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "收支总表和财政拨款收支总表中，收入总计等于支出总计。",
    why: "预算收支必须平衡；两侧总计不等说明某一侧漏列或算错。",
    bad: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t收入总计\t1798.30\t支出总计\t1789.30\n",
    good: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t收入总计\t1798.30\t支出总计\t1798.30\n",
    basis: "《中华人民共和国预算法》第十二条：各级预算应当做到收支平衡。",
    check: |cx, sink| {
        for t in two_sided(cx) {
            let (Some(inc), mut exp) = sides(t) else { continue };
            let (Some(i), Some(e)) = (cx.row_with_role(t, "income.grand_total"), cx.row_with_role(t, "expense.grand_total")) else {
                sink.not_evaluated(format!("“{}”缺少收入总计或支出总计行", t.title));
                continue;
            };
            let Some(first_exp) = exp.next() else { continue };
            compare(sink, || format!("“{}”收入总计 ≠ 支出总计", t.title), t.value(i, inc), t.value(e, first_exp), 2, t.unit, t.ulp(), || Location::cell(t, e, first_exp));
        }
    },
};

/// A006: 本年收入合计 equals the sum of the income items.
pub static A006: Rule = Rule {
    code: "A006",
    name: "本年收入合计等于各项收入之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "收支总表（和财政拨款收支总表）中，本年收入合计等于一般公共预算、政府性基金、国有资本经营、财政专户、单位资金等各项收入之和。",
    why: "合计与明细不符，读者无法判断收入规模。",
    bad: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t一、一般公共预算拨款收入\t538.08\t\t\n2\t三、国有资本经营预算拨款收入\t564.00\t\t\n3\t本年收入合计\t1120.08\t\t\n",
    good: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t一、一般公共预算拨款收入\t538.08\t\t\n2\t三、国有资本经营预算拨款收入\t564.00\t\t\n3\t本年收入合计\t1102.08\t\t\n",
    basis: "部门预算收支总表表样。",
    check: |cx, sink| {
        let items = [
            "income.general_budget",
            "income.gov_fund",
            "income.soe",
            "income.special_account",
            "income.unit_funds",
            // 决算 and Shanghai layouts list the unit's own income by source
            "income.superior",
            "income.business",
            "income.operating",
            "income.affiliated",
            "income.other",
        ];
        for t in two_sided(cx) {
            let (Some(inc), _) = sides(t) else { continue };
            role_identity(cx, sink, t, inc, "income.year_total", &items, "本年收入合计 ≠ 各项收入之和");
        }
    },
};

/// A007: 本年支出合计 equals the sum of the expense items.
pub static A007: Rule = Rule {
    code: "A007",
    name: "本年支出合计等于各项支出之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "收支总表和财政拨款收支总表中，本年支出合计（每一列）等于其上方各支出功能类之和。",
    why: "合计与明细不符，说明漏列了某类支出或算错。",
    bad: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t\t\t六、科学技术支出\t551.96\n2\t\t\t八、社会保障和就业支出\t72.12\n3\t本年收入合计\t\t本年支出合计\t642.08\n",
    good: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t\t\t六、科学技术支出\t551.96\n2\t\t\t八、社会保障和就业支出\t72.12\n3\t本年收入合计\t\t本年支出合计\t624.08\n",
    basis: "部门预算收支总表表样。",
    check: |cx, sink| {
        for t in two_sided(cx) {
            let (_, exp) = sides(t);
            let Some(total) = cx.row_with_role(t, "expense.year_total") else {
                sink.not_evaluated(format!("“{}”没有 expense.year_total 行", t.title));
                continue;
            };
            // Columns as `Table::row_name` and `Table::amount` find them, once per table.
            let name_col = t.col("expense_item");
            // (sized up front: a collect of a filter cannot know its length, and grows the vector)
            let mut items: Vec<&Row> = Vec::with_capacity(t.rows.len());
            items.extend(
                t.rows.iter().take_while(|r| r.position < total.position).filter(|r| !r.text_at(name_col).is_empty()),
            );
            for col in exp {
                let i = t.col(col);
                if items.iter().all(|r| r.amount_at(i).is_none()) && total.amount_at(i).is_none() {
                    continue;
                }
                let expected: Money = items.iter().map(|r| r.value_at(i)).sum();
                let label = t.columns.iter().find(|c| c.id == col).map_or(col, |c| c.label.as_str());
                compare(sink, || format!("“{}”本年支出合计 ≠ 各项支出之和（{label}列）", t.title), expected, total.value_at(i), items.len() + 1, t.unit, t.ulp(), || Location::cell(t, total, col));
            }
        }
    },
};

/// A008: 收入总计 = 本年收入合计 + 上年结转.
pub static A008: Rule = Rule {
    code: "A008",
    name: "收入总计等于本年收入加上年结转",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "收入总计 = 本年收入合计 + 上年结转结余（年初财政拨款结转和结余）。",
    why: "总计与构成不符说明结转或本年收入有误。",
    bad: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t本年收入合计\t1102.08\t\t\n2\t上年结转结余\t696.22\t\t\n3\t收入总计\t1789.30\t\t\n",
    good: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t本年收入合计\t1102.08\t\t\n2\t上年结转结余\t696.22\t\t\n3\t收入总计\t1798.30\t\t\n",
    basis: "部门预算收支总表表样。",
    check: |cx, sink| {
        for t in two_sided(cx) {
            let (Some(inc), _) = sides(t) else { continue };
            role_identity(
                cx,
                sink,
                t,
                inc,
                "income.grand_total",
                &["income.year_total", "income.carryover", "income.nonfiscal_use"],
                "收入总计 ≠ 本年收入合计 + 上年结转",
            );
        }
    },
};

/// A009: 支出总计 = 本年支出合计 + 年终结转.
pub static A009: Rule = Rule {
    code: "A009",
    name: "支出总计等于本年支出加年终结转",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "支出总计（每一列）= 本年支出合计 + 年终（年末）结转结余。",
    why: "总计与构成不符说明结转或本年支出有误。",
    bad: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t\t\t本年支出合计\t1798.30\n2\t\t\t年终结转结余\t\n3\t\t\t支出总计\t1789.30\n",
    good: "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t\t\t本年支出合计\t1798.30\n2\t\t\t年终结转结余\t\n3\t\t\t支出总计\t1798.30\n",
    basis: "部门预算收支总表表样。",
    check: |cx, sink| {
        for t in two_sided(cx) {
            for col in sides(t).1 {
                role_identity(
                    cx,
                    sink,
                    t,
                    col,
                    "expense.grand_total",
                    &["expense.year_total", "expense.carryover", "expense.distribution"],
                    "支出总计 ≠ 本年支出合计 + 年终结转",
                );
            }
        }
    },
};

/// A010: 年初财政拨款结转和结余 = its breakdown by fund.
pub static A010: Rule = Rule {
    code: "A010",
    name: "年初结转等于分资金来源之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "财政拨款收支总表中，年初财政拨款结转和结余等于其下一般公共预算、政府性基金、国有资本经营预算拨款结转之和。",
    why: "结转明细与合计不符，说明结转资金来源列示有误。",
    bad: "部门预算财政拨款收支总表\n单位：万元\n序号\t收入\t\t支出\t\t\t\t\n\t项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n栏次\t1\t2\t3\t4\t5\t6\t7\n1\t年初财政拨款结转和结余\t696.22\t\t\t\t\t\n2\t一、一般公共预算拨款\t132.22\t\t\t\t\t\n3\t三、国有资本经营预算拨款\t546.00\t\t\t\t\t\n",
    good: "部门预算财政拨款收支总表\n单位：万元\n序号\t收入\t\t支出\t\t\t\t\n\t项目\t金额\t项目\t合计\t一般公共预算财政拨款\t政府性基金预算财政拨款\t国有资本经营预算财政拨款\n栏次\t1\t2\t3\t4\t5\t6\t7\n1\t年初财政拨款结转和结余\t696.22\t\t\t\t\t\n2\t一、一般公共预算拨款\t132.22\t\t\t\t\t\n3\t三、国有资本经营预算拨款\t564.00\t\t\t\t\t\n",
    basis: "财政拨款收支总表表样。",
    check: |cx, sink| {
        for t in two_sided(cx) {
            let (Some(inc), _) = sides(t) else { continue };
            if !t.rows.iter().any(|r| r.roles.iter().any(|x| x.starts_with("carryover."))) {
                sink.not_evaluated(format!("“{}”没有按资金来源分列年初结转", t.title));
                continue;
            }
            role_identity(cx, sink, t, inc, "income.carryover", &["carryover.general_budget", "carryover.gov_fund", "carryover.soe"], "年初结转 ≠ 各资金来源结转之和");
        }
    },
};

#[cfg(test)]
const THREE_HEAD: &str =
    "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n";

fn three_public_identity<const N: usize>(
    cx: &Ctx,
    sink: &mut Sink,
    total: &str,
    parts: &[&str; N],
    what: &str,
    need_all_parts: bool,
) {
    let Some(t) = cx.table("three_public") else {
        sink.not_evaluated("没有“三公”经费表");
        return;
    };
    let Some(tot) = cx.row_with_role(t, total) else {
        sink.not_evaluated(format!("“{}”没有 {total} 行", t.title));
        return;
    };
    // The rows found, at most one per part: in an array, not a vector.
    let (mut rows, mut found) = ([tot; N], 0);
    for r in parts.iter().filter_map(|p| cx.row_with_role(t, p)) {
        rows[found] = r;
        found += 1;
    }
    let rows = &rows[..found];
    if rows.is_empty() || (need_all_parts && rows.len() < parts.len()) {
        sink.not_evaluated(format!("“{}”没有列出 {} 行", t.title, parts.join("、")));
        return;
    }
    compare_rows(sink, t, &amount_cols_of(cx, t), &|| what.to_string(), tot, rows);
}

/// A011: “三公”经费小计 = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费.
pub static A011: Rule = Rule {
    code: "A011",
    name: "三公小计等于三项之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "“三公”经费表中，“三公”经费小计（或合计）= 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费。",
    why: "“三公”经费是社会关注的重点，小计与三项不符会直接引起质疑。",
    bad: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t“三公”经费小计\t2.50\t2.50\n2\t一、因公出国（境）费\t\t\n3\t二、公务用车购置及运维费\t1.50\t1.50\n4\t三、公务接待费\t\t\n",
    good: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t“三公”经费小计\t1.50\t1.50\n2\t一、因公出国（境）费\t\t\n3\t二、公务用车购置及运维费\t1.50\t1.50\n4\t三、公务接待费\t\t\n",
    basis: "财政部关于“三公”经费公开的口径：因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
    check: |cx, sink| {
        let parts = ["abroad", "vehicle", "reception"];
        let has_subtotal = cx.table("three_public").is_some_and(|t| cx.row_with_role(t, "subtotal").is_some());
        three_public_identity(cx, sink, if has_subtotal { "subtotal" } else { "total" }, &parts, "“三公”经费小计 ≠ 出国 + 用车 + 接待", false);
    },
};

/// A012: 公务用车购置及运维费 = 购置费 + 运行维护费; 因公出国（境）费 = its printed parts.
pub static A012: Rule = Rule {
    code: "A012",
    name: "三公分项等于其中项之和",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "公务用车购置及运维费 = 公务用车购置费 + 公务用车运行维护费；因公出国（境）费 = 其中各项之和（表中列出时）。",
    why: "分项与其中项不符，说明购置或运维的金额抄错。",
    bad: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t二、公务用车购置及运维费\t1.50\t1.50\n2\t其中：公务用车购置费\t\t\n3\t公务用车运行维护费\t1.05\t1.05\n",
    good: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t二、公务用车购置及运维费\t1.50\t1.50\n2\t其中：公务用车购置费\t\t\n3\t公务用车运行维护费\t1.50\t1.50\n",
    basis: "“三公”经费表表样。",
    check: |cx, sink| {
        three_public_identity(cx, sink, "vehicle", &["vehicle.purchase", "vehicle.running"], "公务用车购置及运维费 ≠ 购置费 + 运行维护费", false);
        three_public_identity(cx, sink, "abroad", &["abroad.teaching", "abroad.other"], "因公出国（境）费 ≠ 其中各项之和", false);
    },
};

/// A013: the 三公 table's 合计 = 小计 + 会议费 + 培训费 where those rows are printed.
pub static A013: Rule = Rule {
    code: "A013",
    name: "三公表合计等于小计加会议费培训费",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "“三公”经费表同时列出会议费、培训费时，合计 = “三公”经费小计 + 会议费 + 培训费；不列时，合计 = 小计。",
    why: "合计与构成不符说明会议费或培训费漏计或多计。",
    bad: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t合计\t1.50\t1.50\n2\t“三公”经费小计\t1.50\t1.50\n3\t四、会议费\t0.40\t0.40\n4\t五、培训费\t\t\n",
    good: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t合计\t1.90\t1.90\n2\t“三公”经费小计\t1.50\t1.50\n3\t四、会议费\t0.40\t0.40\n4\t五、培训费\t\t\n",
    basis: "河北省部门预算“三公”经费表表样（含会议费、培训费）。",
    check: |cx, sink| {
        let has_subtotal = cx.table("three_public").is_some_and(|t| cx.row_with_role(t, "subtotal").is_some());
        if has_subtotal {
            three_public_identity(cx, sink, "total", &["subtotal", "meeting", "training"], "合计 ≠ “三公”经费小计 + 会议费 + 培训费", false);
        } else {
            sink.not_evaluated("“三公”经费表没有单列“三公”经费小计（合计即三项之和）");
        }
    },
};

#[cfg(test)]
const BASIC_HEAD: &str = "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n";

fn econ_class(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

/// A014: 人员经费 = 301 + 303, 公用经费 = 302 (+ 310) in the basic-expenditure table.
pub static A014: Rule = Rule {
    code: "A014",
    name: "人员经费和公用经费口径",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "基本支出表中，人员经费合计 = 工资福利支出（301）+ 对个人和家庭的补助（303）；公用经费合计 = 商品和服务支出（302）（+ 资本性支出 310，如列示）。",
    why: "人员经费、公用经费是说明中必须披露的口径，与经济分类不符会误导读者。",
    bad: "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t536.08\t495.46\t40.62\n2\t301\t工资福利支出\t495.46\t495.46\t\n3\t302\t商品和服务支出\t30.98\t\t30.98\n4\t303\t对个人和家庭的补助\t9.64\t\t9.64\n",
    good: "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t536.08\t505.10\t30.98\n2\t301\t工资福利支出\t495.46\t495.46\t\n3\t302\t商品和服务支出\t30.98\t\t30.98\n4\t303\t对个人和家庭的补助\t9.64\t9.64\t\n",
    basis: "财政部部门预算编制口径：人员经费 = 工资福利支出 + 对个人和家庭的补助；公用经费 = 商品和服务支出等。",
    check: |cx, sink| {
        let Some(t) = cx.table("basic") else {
            sink.not_evaluated("没有基本支出表");
            return;
        };
        let Some(total) = cx.row_with_role(t, "total") else {
            sink.not_evaluated(format!("“{}”没有合计行", t.title));
            return;
        };
        // (the rows counted and summed as they are found, without a list of them)
        let sum = |codes: &[&str]| -> (Money, usize) {
            let rows = class_rows(t).filter(|r| codes.contains(&r.code.as_deref().unwrap_or("")));
            rows.fold((Money::ZERO, 0), |(m, n), r| (m + t.value(r, "total"), n + 1))
        };
        if t.col("personnel").is_none() && t.col("public").is_none() {
            sink.not_evaluated(format!("“{}”没有人员经费、公用经费列", t.title));
            return;
        }
        for (col, codes, what) in [("personnel", &["301", "303"][..], "人员经费 ≠ 301 + 303"), ("public", &["302", "310"][..], "公用经费 ≠ 302 + 310")] {
            if t.col(col).is_none() {
                continue;
            }
            let (expected, n) = sum(codes);
            if n == 0 && t.amount(total, col).is_none() {
                continue;
            }
            compare(sink, || format!("“{}”{what}", t.title), expected, t.value(total, col), n + 1, t.unit, t.ulp(), || Location::cell(t, total, col));
        }
    },
};

/// A015: an economic line sits in the right column (301/303 under 人员经费, 302/310 under 公用经费).
pub static A015: Rule = Rule {
    code: "A015",
    name: "经济科目列错人员或公用经费",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "基本支出表中，301、303 类科目的金额只能列在人员经费，302、310 类科目的金额只能列在公用经费。",
    why: "列错栏会使人员经费、公用经费（机关运行经费）口径失真。",
    bad: "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n1\t30305\t生活补助\t7.40\t\t7.40\n",
    good: "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n1\t30305\t生活补助\t7.40\t7.40\t\n",
    basis: "财政部部门预算编制口径：人员经费与公用经费的经济分类范围。",
    check: |cx, sink| {
        let Some(t) = cx.table("basic") else {
            sink.not_evaluated("没有基本支出表");
            return;
        };
        if t.col("personnel").is_none() || t.col("public").is_none() {
            sink.not_evaluated(format!("“{}”没有分列人员经费和公用经费", t.title));
            return;
        }
        for r in t.coded_rows() {
            let code = r.code.as_deref().unwrap_or("");
            let wrong = match econ_class(code) {
                "301" | "303" => "public",
                "302" | "310" => "personnel",
                _ => continue,
            };
            sink.evaluated();
            if let Some(a) = t.amount(r, wrong).filter(|a| a.value != Money::ZERO) {
                let col = if wrong == "public" { "公用经费" } else { "人员经费" };
                sink.report(format!("{code} {} 的金额 {} 列在了{col}栏", t.row_name(r, None), a.text), Location::cell(t, r, wrong))
                    .values("0", a.text.clone());
            }
        }
    },
};

/// A016: budget tables carry no negative amounts.
pub static A016: Rule = Rule {
    code: "A016",
    name: "预算金额为负数",
    severity: Severity::Warning,
    family: Family::Arithmetic,
    summary: "预算表中的金额不应为负数。",
    why: "预算安排数为负通常是录入错误（符号或借贷方向）。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t-417.74\t-417.74\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "预算编制常识：安排数不为负。",
    check: |cx, sink| {
        if cx.doc.meta.phase != yusuan_model::Phase::Budget {
            sink.not_evaluated("决算可有负数（如结转调整）");
            return;
        }
        for t in &cx.doc.tables {
            for r in &t.rows {
                // (a row's cells beyond the columns are not read, nor columns beyond its cells)
                for (c, cell) in t.columns.iter().zip(&r.cells) {
                    if let Some(a) = cell.amount() {
                        sink.evaluated();
                        if a.value.0 < 0 {
                            sink.report(format!("“{}”第 {} 行“{}”为负数 {}", t.title, r.position, c.label, a.text), Location::cell(t, r, &c.id))
                                .values("≥ 0", a.text.clone());
                        }
                    }
                }
            }
        }
    },
};

/// A017: the row identities a layout declares (e.g. Shanghai: 收入总计 = 财政拨款收入 + 事业收入 + …).
pub static A017: Rule = Rule {
    code: "A017",
    name: "版式声明的行间合计关系",
    severity: Severity::Error,
    family: Family::Arithmetic,
    summary: "版式文件为某些表声明的行间关系成立，例如上海版收支总表“收入总计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入”、“财政拨款收入 = 一般公共预算资金 + 政府性基金 + 国有资本经营预算”。",
    why: "合计行与其组成行不符，说明某项收入漏列或合计算错。",
    bad: concat!(
        "2025年部门财务收支预算总表\n编制部门：上海市某局\t单位：元\n本年收入\t\t本年支出\t\n项目\t预算数\t项目\t预算数\n",
        "一、财政拨款收入\t31,214,205.80\t一、一般公共服务支出\t31,214,205.80\n",
        "1.一般公共预算资金\t31,214,205.80\t\t\n",
        "二、事业收入\t100.00\t\t\n",
        "收入总计\t31,214,205.80\t支出总计\t31,214,205.80\n"
    ),
    good: concat!(
        "2025年部门财务收支预算总表\n编制部门：上海市某局\t单位：元\n本年收入\t\t本年支出\t\n项目\t预算数\t项目\t预算数\n",
        "一、财政拨款收入\t31,214,205.80\t一、一般公共服务支出\t31,214,205.80\n",
        "1.一般公共预算资金\t31,214,205.80\t\t\n",
        "二、事业收入\t\t\t\n",
        "收入总计\t31,214,205.80\t支出总计\t31,214,205.80\n"
    ),
    basis: "上海市部门预算公开表样（财务收支预算总表）；版式文件中的 row_sums。",
    check: |cx, sink| {
        let mut declared = false;
        for t in &cx.doc.tables {
            let Some(kind) = cx.layout.table(&t.kind) else { continue };
            for sum in &kind.row_sums {
                declared = true;
                if t.col(&sum.column).is_none() {
                    sink.not_evaluated(format!("“{}”没有 {} 列", t.title, sum.column));
                    continue;
                }
                let parts: Vec<&str> = sum.parts.iter().map(String::as_str).collect();
                let names: Vec<&str> = parts
                    .iter()
                    .filter_map(|p| cx.row_with_role(t, p))
                    .map(|r| t.row_name(r, t.columns.iter().find(|c| c.id == sum.column).and_then(|c| c.name_column.as_deref())))
                    .collect();
                let total_name = t
                    .row_with_role(&sum.total)
                    .map(|r| t.row_name(r, t.columns.iter().find(|c| c.id == sum.column).and_then(|c| c.name_column.as_deref())))
                    .unwrap_or("");
                role_identity(cx, sink, t, &sum.column, &sum.total, &parts, &format!("{total_name} ≠ {}", names.join(" + ")));
            }
        }
        if !declared {
            sink.not_evaluated(format!("版式 {} 没有为文件中的表格声明行间合计关系", cx.layout.id));
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] = &[
    &A017, &A000, &A001, &A002, &A003, &A004, &A005, &A006, &A007, &A008, &A009, &A010, &A011, &A012, &A013, &A014,
    &A015, &A016,
];

#[cfg(test)]
mod tests {
    #[test]
    fn example_heads_are_the_printed_headers() {
        // The shared headers above are what the examples start with; keep them in sync with the layout.
        for h in [super::EXPENDITURE_HEAD, super::SUMMARY_HEAD, super::THREE_HEAD, super::BASIC_HEAD] {
            let doc = yusuan_read::read_text("head", h, yusuan_model::Layout::by_id("hebei-dept-budget").unwrap());
            assert_eq!(doc.tables.len(), 1, "{h}");
            assert!(!doc.tables[0].columns.is_empty(), "{h}");
        }
    }
}
