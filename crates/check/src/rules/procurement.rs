//! 采购与资产: the 政府采购预算 table's sums and the 固定资产 table against the vehicle spending.

use crate::engine::{Ctx, Family, Location, Rule, Severity, Sink};
use crate::helpers::{compare, show, tally};
use yusuan_model::{Cell, Money, Row, Table};

/// The title and two header lines of the procurement table, as printed in the seed.
macro_rules! procurement_head {
    () => {
        "部门政府采购预算\n单位：万元\n政府采购项目来源\t\t采购物品名称\t政府采购目录序号\t计量单位\t数量\t单价\t政府采购金额（当年部门预算安排资金）\t\t\t\t\t\t\t2025年预留中小微企业份额\n项目名称\t预算资金\t\t\t\t\t\t合计\t一般公共预算拨款\t基金预算拨款\t国有资本经营预算拨款\t财政专户核拨\t单位资金\t上年结转结余\t\n"
    };
}

/// The 本级 subtotal row (1.50) and its vehicle-service item.
macro_rules! procurement_own {
    () => {
        "邯山区科技和工业信息化局本级\t\t\t\t\t\t\t1.50\t1.50\t\t\t\t\t\t1.50\n公用经费一\t6.90\t车辆维修和保养服务\tC23120301\t万元\t1\t1.50\t1.50\t1.50\t\t\t\t\t\t1.50\n"
    };
}

/// The 事业 subtotal row (2.00) and its printing item.
macro_rules! procurement_unit {
    () => {
        "邯山区科技和工业信息化局（事业）小计\t\t\t\t\t\t\t2.00\t2.00\t\t\t\t\t\t2.00\n公用经费一\t3.00\t其他印刷服务\tC23090199\t万元\t1\t2.00\t2.00\t2.00\t\t\t\t\t\t2.00\n"
    };
}

/// A correct procurement table (合计 3.50).
macro_rules! procurement {
    () => {
        concat!(
            procurement_head!(),
            "合计\t\t\t\t\t\t\t3.50\t3.50\t\t\t\t\t\t3.50\n",
            procurement_own!(),
            procurement_unit!()
        )
    };
}

/// The 三公 table with 1.50 of vehicle running cost.
macro_rules! three_public_running {
    () => {
        "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t二、公务用车购置及运维费\t1.50\t1.50\n2\t其中：公务用车购置费\t\t\n3\t公务用车运行维护费\t1.50\t1.50\n"
    };
}

/// The fixed-asset table head.
macro_rules! assets_head {
    () => {
        "部门固定资产占用情况表\n截止时间：2024-12-31\n项 目\t数量\t价值（金额单位：万元）\n"
    };
}

/// The expenditure table head.
macro_rules! expenditure_head {
    () => {
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n"
    };
}

/// The text of a row's cell in column `id`.
fn text<'a>(t: &Table, r: &'a Row, id: &str) -> &'a str {
    t.col(id).and_then(|i| r.cells.get(i)).and_then(Cell::text).map_or("", str::trim)
}

/// Whether a row names a purchased item (采购物品名称).
fn is_item(t: &Table, r: &Row) -> bool {
    is_item_at(r, t.col("item"))
}

/// [`is_item`] with the item column already found (`t.col("item")`), for loops over a table's rows.
fn is_item_at(r: &Row, item: Option<usize>) -> bool {
    !r.text_at(item).trim().is_empty()
}

fn is_total(r: &Row) -> bool {
    r.roles.iter().any(|x| x == "total")
}

/// Amount columns that add up over rows (not the per-project 预算资金 nor the 单价).
fn summed_columns(t: &Table) -> impl Iterator<Item = &str> {
    let amounts = t.columns.iter().filter(|c| c.role == yusuan_model::ColumnRole::Amount).map(|c| c.id.as_str());
    amounts.filter(|c| !matches!(*c, "project_budget" | "unit_price"))
}

/// Per row of `t`, whether it is a subtotal row: no item, not the total, with amounts (the columns are
/// found once for the table, not once per row).
fn subtotals(t: &Table) -> Vec<bool> {
    let item = t.col("item");
    // (sized up front: a collect of a filter cannot know its length, and grows the vector)
    let mut summed: Vec<Option<usize>> = Vec::with_capacity(t.columns.len());
    summed.extend(summed_columns(t).map(|c| t.col(c)));
    t.rows
        .iter()
        .map(|r| !is_item_at(r, item) && !is_total(r) && summed.iter().any(|&c| r.amount_at(c).is_some()))
        .collect()
}

/// A printed quantity as a fraction (numerator, denominator).
fn quantity(s: &str) -> Option<(i128, i128)> {
    // (a new string only when there are separators to take out)
    let s: std::borrow::Cow<str> = if s.contains([',', '，', ' ']) {
        s.chars().filter(|c| !matches!(c, ',' | '，' | ' ')).collect::<String>().into()
    } else {
        s.into()
    };
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let den = 10i128.checked_pow(frac.len() as u32)?;
    // The digits of both parts read as one number (`int` then `frac`), without joining them.
    let frac_value: i128 = if frac.is_empty() { 0 } else { frac.parse().ok()? };
    let num = int.parse::<i128>().ok()?.checked_mul(den)?.checked_add(frac_value)?;
    Some((num, den))
}

/// The procurement table, or a not-evaluated reason.
fn procurement<'a>(cx: &Ctx<'a>, sink: &mut Sink) -> Option<&'a Table> {
    let t = cx.table("procurement");
    if t.is_none() {
        sink.not_evaluated("没有政府采购预算表");
    }
    t
}

/// Compares, for every summed column, a printed row with the sum of item rows.
fn compare_to_items(sink: &mut Sink, t: &Table, what: &str, total: &Row, items: &[&Row]) {
    let ulp = t.ulp();
    for col in summed_columns(t) {
        // The column as `Table::amount` finds it, once for all the rows.
        let i = t.col(col);
        if total.amount_at(i).is_none() && items.iter().all(|r| r.amount_at(i).is_none()) {
            continue;
        }
        let expected: Money = items.iter().map(|r| r.value_at(i)).sum();
        let label = || t.columns.iter().find(|c| c.id == col).map_or(col, |c| c.label.as_str());
        compare(
            sink,
            || format!("“{}”{what}（{}列）", t.title, label()),
            expected,
            total.value_at(i),
            items.len() + 1,
            t.unit,
            ulp,
            || Location::cell(t, total, col),
        );
    }
}

/// G001: the procurement 合计 row = Σ item rows.
pub static G001: Rule = Rule {
    code: "G001",
    name: "采购合计等于各采购明细之和",
    severity: Severity::Error,
    family: Family::ProcurementAssets,
    summary: "政府采购预算表“合计”行的每一金额列（合计、各资金来源、预留中小微企业份额）等于全部采购明细行（列有采购物品名称的行）之和。",
    why: "合计与明细不符，说明漏列了采购项目或合计算错，采购规模无法确定。",
    bad: concat!(procurement_head!(), "合计\t\t\t\t\t\t\t3.60\t3.60\t\t\t\t\t\t3.60\n", procurement_own!(), procurement_unit!()),
    good: procurement!(),
    basis: "部门政府采购预算表表样：合计 = 各采购项目之和。",
    check: |cx, sink| {
        let Some(t) = procurement(cx, sink) else { return };
        let Some(total) = t.rows.iter().find(|r| is_total(r)) else {
            sink.not_evaluated("政府采购预算表没有合计行");
            return;
        };
        // (sized up front: a collect of a filter cannot know its length, and grows the vector)
        let mut items: Vec<&Row> = Vec::with_capacity(t.rows.len());
        items.extend(t.rows.iter().filter(|r| is_item(t, r)));
        if items.is_empty() {
            sink.not_evaluated("政府采购预算表没有采购明细行");
            return;
        }
        compare_to_items(sink, t, "合计行 ≠ 各采购明细之和", total, &items);
    },
};

/// G002: each subtotal row = Σ its item rows.
pub static G002: Rule = Rule {
    code: "G002",
    name: "采购小计等于所属明细之和",
    severity: Severity::Error,
    family: Family::ProcurementAssets,
    summary: "政府采购预算表中，单位小计行（无采购物品名称、有金额、不是合计的行）等于其下至下一个小计行之间各采购明细行之和。",
    why: "小计与明细不符，说明某单位的采购项目漏列或金额抄错。",
    bad: concat!(
        procurement_head!(),
        "合计\t\t\t\t\t\t\t3.50\t3.50\t\t\t\t\t\t3.50\n",
        "邯山区科技和工业信息化局本级\t\t\t\t\t\t\t1.60\t1.60\t\t\t\t\t\t1.60\n公用经费一\t6.90\t车辆维修和保养服务\tC23120301\t万元\t1\t1.50\t1.50\t1.50\t\t\t\t\t\t1.50\n",
        procurement_unit!()
    ),
    good: procurement!(),
    basis: "部门政府采购预算表表样：单位小计 = 该单位各采购项目之和。",
    check: |cx, sink| {
        let Some(t) = procurement(cx, sink) else { return };
        let rows = &t.rows;
        let subtotal = subtotals(t);
        let item = t.col("item");
        let is_item = |j: &usize| is_item_at(&rows[*j], item);
        let bound = |j: &usize| subtotal[*j] || is_total(&rows[*j]);
        // (one list for the items of every subtotal)
        let mut items: Vec<&Row> = Vec::new();
        for (i, r) in rows.iter().enumerate() {
            if !subtotal[i] {
                continue;
            }
            items.clear();
            items.extend((i + 1..rows.len()).take_while(|j| !bound(j)).filter(is_item).map(|j| &rows[j]));
            if items.is_empty() {
                items.extend((0..i).rev().take_while(|j| !bound(j)).filter(is_item).map(|j| &rows[j]));
            }
            if items.is_empty() {
                continue;
            }
            let name = t.row_name(r, None);
            compare_to_items(sink, t, &join!("小计行“", name, "” ≠ 所属采购明细之和"), r, &items);
        }
        sink.not_evaluated("政府采购预算表没有带明细的小计行");
    },
};

/// G003: the reserved SME share never exceeds the amount.
pub static G003: Rule = Rule {
    code: "G003",
    name: "预留中小企业份额超过采购金额",
    severity: Severity::Error,
    family: Family::ProcurementAssets,
    summary: "政府采购预算表每一行的“预留中小微企业份额”不大于该行的政府采购金额合计。",
    why: "预留份额是采购金额的一部分，超过采购金额不可能，说明填错了列或金额。",
    bad: concat!(
        procurement_head!(),
        "合计\t\t\t\t\t\t\t3.50\t3.50\t\t\t\t\t\t3.50\n",
        procurement_own!(),
        "邯山区科技和工业信息化局（事业）小计\t\t\t\t\t\t\t2.00\t2.00\t\t\t\t\t\t2.00\n公用经费一\t3.00\t其他印刷服务\tC23090199\t万元\t1\t2.00\t2.00\t2.00\t\t\t\t\t\t2.50\n"
    ),
    good: procurement!(),
    basis: "《政府采购促进中小企业发展管理办法》（财库〔2020〕46号）：预留份额为采购项目预算总额的一部分。",
    check: |cx, sink| {
        let Some(t) = procurement(cx, sink) else { return };
        if t.col("sme").is_none() || t.col("total").is_none() {
            sink.not_evaluated("政府采购预算表没有预留中小企业份额列或合计列");
            return;
        }
        for r in &t.rows {
            let Some(sme) = t.amount(r, "sme") else { continue };
            sink.evaluated();
            let total = t.value(r, "total");
            if sme.value > total {
                sink.report(
                    format!("“{}”第 {} 行预留中小微企业份额 {} 大于采购金额 {}", t.title, r.position, show(sme.value, t.unit), show(total, t.unit)),
                    Location::cell(t, r, "sme"),
                )
                .values(format!("≤ {}", show(total, t.unit)), sme.text.clone());
            }
        }
        sink.not_evaluated("政府采购预算表没有填列预留份额");
    },
};

/// G004: 数量 × 单价 = 合计 on item rows.
pub static G004: Rule = Rule {
    code: "G004",
    name: "数量乘单价等于采购金额",
    severity: Severity::Warning,
    family: Family::ProcurementAssets,
    summary: "采购明细行同时列出数量和单价时，数量 × 单价 = 该行合计（允许单价舍入带来的差额）。",
    why: "数量、单价与金额对不上，说明其中一项抄错，或单价超出配置标准。",
    bad: concat!(
        procurement_head!(),
        "合计\t\t\t\t\t\t\t3.50\t3.50\t\t\t\t\t\t3.50\n",
        "邯山区科技和工业信息化局本级\t\t\t\t\t\t\t1.50\t1.50\t\t\t\t\t\t1.50\n公用经费一\t6.90\t车辆维修和保养服务\tC23120301\t万元\t2\t1.50\t1.50\t1.50\t\t\t\t\t\t1.50\n",
        procurement_unit!()
    ),
    good: procurement!(),
    basis: "部门政府采购预算表表样：金额 = 数量 × 单价。",
    check: |cx, sink| {
        let Some(t) = procurement(cx, sink) else { return };
        for r in t.rows.iter().filter(|r| is_item(t, r)) {
            let (Some((num, den)), Some(price), Some(total)) =
                (quantity(text(t, r, "quantity")), t.amount(r, "unit_price"), t.amount(r, "total"))
            else {
                continue;
            };
            sink.evaluated();
            let exact = price.value.0 as i128 * num;
            let expected = Money(((exact * 2 + den) / (den * 2)) as i64);
            let ulp = t.unit.ulp(price.decimals.max(total.decimals)) as i128;
            let tolerance = (ulp * num / den + ulp) / 2;
            if ((total.value.0 - expected.0) as i128).abs() > tolerance {
                let q = text(t, r, "quantity");
                sink.report(
                    format!("“{}”第 {} 行“{}”：数量 {q} × 单价 {} = {}，与合计 {} 不符", t.title, r.position, text(t, r, "item"), price.text, show(expected, t.unit), total.text),
                    Location::cell(t, r, "total"),
                )
                .values(show(expected, t.unit), total.text.clone());
            }
        }
        sink.not_evaluated("没有同时列出数量、单价和金额的采购明细");
    },
};

/// G005: a 小计 row with no amounts at all.
pub static G005: Rule = Rule {
    code: "G005",
    name: "空的小计行",
    severity: Severity::Info,
    family: Family::ProcurementAssets,
    summary: "政府采购预算表中只有“小计”二字、没有任何金额的行，记为提示。",
    why: "空小计行通常是模板残留，不影响金额，但会让读者误以为有单位的采购被漏填。",
    bad: concat!(procurement_head!(), "合计\t\t\t\t\t\t\t3.50\t3.50\t\t\t\t\t\t3.50\n", "邯山区科技和工业信息化局本级\t\t\t\t\t\t\t1.50\t1.50\t\t\t\t\t\t1.50\n小计\t\t\t\t\t\t\t\t\t\t\t\t\t\t\n公用经费一\t6.90\t车辆维修和保养服务\tC23120301\t万元\t1\t1.50\t1.50\t1.50\t\t\t\t\t\t1.50\n", procurement_unit!()),
    good: procurement!(),
    basis: "公开表格编排惯例：不保留空的模板行。",
    check: |cx, sink| {
        for t in cx.doc.tables.iter().filter(|t| t.kind == "procurement" || t.kind == "assets") {
            sink.evaluated();
            for r in &t.rows {
                let blank = !is_item(t, r) && !is_total(r) && !r.cells.iter().any(|c| c.amount().is_some());
                let name = t.row_name(r, None);
                if blank && name.contains("小计") {
                    sink.report(format!("“{}”第 {} 行“{name}”没有任何金额", t.title, r.position), Location::row(t, r))
                        .values("删去或填列金额", "空");
                }
            }
        }
        sink.not_evaluated("没有政府采购预算表或固定资产表");
    },
};

/// The number of vehicles in the assets table and where it is printed, or why it is unknown.
fn vehicle_count(cx: &Ctx) -> Result<(i128, Location), String> {
    let t = cx.table("assets").ok_or("没有固定资产占用情况表")?;
    let r = cx.row_with_role(t, "vehicles").ok_or("固定资产占用情况表没有车辆行")?;
    let q = text(t, r, "quantity");
    let (num, _) = quantity(q).ok_or_else(|| format!("车辆数量“{q}”不是数字"))?;
    let mut loc = Location::row(t, r);
    loc.column = Some("quantity".into());
    Ok((num, loc))
}

/// The vehicle running cost: 三公 table role vehicle.running, or economic code 30231 of the basic table.
fn running_cost(cx: &Ctx) -> Option<(Money, String)> {
    if let Some(t) = cx.table("three_public") {
        if let Some(r) = cx.row_with_role(t, "vehicle.running") {
            if let Some(a) = t.amount(r, "total") {
                return Some((a.value, join!("“", t.title, "”公务用车运行维护费 ", show(a.value, t.unit))));
            }
        }
    }
    let t = cx.table("basic")?;
    let r = t.row_with_code("30231")?;
    let a = t.amount(r, "total")?;
    Some((a.value, join!("“", t.title, "”30231 公务用车运行维护费 ", show(a.value, t.unit))))
}

/// G006: vehicle running costs are budgeted while the department owns no vehicle.
pub static G006: Rule = Rule {
    code: "G006",
    name: "无车辆却安排公务用车运行维护费",
    severity: Severity::Warning,
    family: Family::ProcurementAssets,
    summary: "“三公”经费表（或基本支出表 30231 科目）安排了公务用车运行维护费，而固定资产占用情况表的车辆数量为 0。",
    why: "没有公务用车却安排运行维护费，要么车辆数填错，要么运行维护费没有依据，是审计和社会关注的重点。",
    bad: concat!(three_public_running!(), assets_head!(), "1、车辆（台、辆）\t0\t0\n2、其他固定资产\t225\t80.64\n"),
    good: concat!(
        three_public_running!(),
        assets_head!(),
        "1、车辆（台、辆）\t1\t12.00\n2、其他固定资产\t225\t68.64\n"
    ),
    basis: "《党政机关公务用车管理办法》：公务用车运行维护费按实有车辆编列。",
    check: |cx, sink| {
        let (count, loc) = match vehicle_count(cx) {
            Ok(v) => v,
            Err(reason) => {
                sink.not_evaluated(reason);
                return;
            }
        };
        let Some((cost, what)) = running_cost(cx) else {
            sink.not_evaluated("没有公务用车运行维护费的数据");
            return;
        };
        sink.evaluated();
        if cost > Money::ZERO && count == 0 {
            sink.report(join!("固定资产占用情况表车辆数量为 0，但", what), loc)
                .values("车辆数量 ≥ 1，或不安排运行维护费", "0 辆");
        }
    },
};

/// G007: an asset row's quantity and value agree (both zero or both positive).
pub static G007: Rule = Rule {
    code: "G007",
    name: "资产数量与价值不匹配",
    severity: Severity::Warning,
    family: Family::ProcurementAssets,
    summary: "固定资产占用情况表中，数量为 0 的资产价值也应为 0，数量大于 0 的资产价值应大于 0。",
    why: "有价值无数量或有数量无价值，说明某一栏填错或漏填。",
    bad: concat!(assets_head!(), "1、车辆（台、辆）\t0\t12.00\n2、其他固定资产\t225\t68.64\n"),
    good: concat!(assets_head!(), "1、车辆（台、辆）\t1\t12.00\n2、其他固定资产\t225\t68.64\n"),
    basis: "《行政事业性国有资产管理条例》：资产账实相符。",
    check: |cx, sink| {
        let Some(t) = cx.table("assets") else {
            sink.not_evaluated("没有固定资产占用情况表");
            return;
        };
        for r in &t.rows {
            let (Some((num, _)), Some(v)) = (quantity(text(t, r, "quantity")), t.amount(r, "value")) else { continue };
            sink.evaluated();
            let name = t.row_name(r, None);
            let q = text(t, r, "quantity");
            if num == 0 && v.value > Money::ZERO {
                sink.report(format!("“{name}”数量为 0，价值却为 {}", v.text), Location::cell(t, r, "value"))
                    .values("0", v.text.clone());
            } else if num > 0 && v.value == Money::ZERO {
                sink.report(format!("“{name}”数量为 {q}，价值却为 0"), Location::cell(t, r, "value"))
                    .values("> 0", v.text.clone());
            }
        }
        sink.not_evaluated("固定资产占用情况表没有同时列出数量和价值的行");
    },
};

/// The procurement 合计 (total row, or Σ item rows), with the total row it is printed in (None for a sum).
fn procurement_total(t: &Table) -> Option<(Money, Option<&Row>)> {
    if let Some(r) = t.rows.iter().find(|r| is_total(r)) {
        if let Some(a) = t.amount(r, "total") {
            return Some((a.value, Some(r)));
        }
    }
    let (_, items, sum) = tally(t.rows.iter().filter(|r| is_item(t, r)), |r| t.value(r, "total"));
    (items > 0).then_some((sum, None))
}

/// G008: procurement never exceeds total expenditure.
pub static G008: Rule = Rule {
    code: "G008",
    name: "采购金额超过支出总额",
    severity: Severity::Error,
    family: Family::ProcurementAssets,
    summary: "政府采购预算合计不大于部门支出总表的支出合计。",
    why: "政府采购资金来自部门预算，采购总额超过全部支出不可能，说明单位或金额有误。",
    bad: concat!(expenditure_head!(), "1\t\t合计\t3.00\t3.00\t\n", procurement!()),
    good: concat!(expenditure_head!(), "1\t\t合计\t1798.30\t536.08\t1262.22\n", procurement!()),
    basis: "部门预算编制口径：政府采购预算是部门预算支出的一部分。",
    check: |cx, sink| {
        let Some(p) = procurement(cx, sink) else { return };
        let Some(e) = cx.table("expenditure") else {
            sink.not_evaluated("没有支出总表");
            return;
        };
        let Some(er) = cx.row_with_role(e, "total").filter(|r| e.amount(r, "total").is_some()) else {
            sink.not_evaluated("支出总表没有合计");
            return;
        };
        let Some((amount, total_row)) = procurement_total(p) else {
            sink.not_evaluated("政府采购预算表没有金额");
            return;
        };
        sink.evaluated();
        let spend = e.value(er, "total");
        if amount > spend {
            sink.report(
                format!("政府采购预算合计 {} 超过“{}”支出合计 {}", show(amount, p.unit), e.title, show(spend, e.unit)),
                total_row.map_or_else(|| Location::table(p), |r| Location::cell(p, r, "total")),
            )
            .values(format!("≤ {}", show(spend, e.unit)), show(amount, p.unit));
        }
    },
};

/// Whether a procurement item buys a vehicle (goods, not a vehicle service).
fn buys_vehicle(t: &Table, r: &Row) -> bool {
    let item = text(t, r, "item");
    let catalog = text(t, r, "catalog_no");
    is_item(t, r)
        && (item.contains("车") && !catalog.starts_with(['C', 'c']) && !is_vehicle_service(item)
            || catalog.starts_with("A020305"))
}

/// Whether an item is a vehicle service (repair, fuel, insurance).
fn is_vehicle_service(item: &str) -> bool {
    item.contains("车") && ["维修", "保养", "加油", "燃油", "燃料", "保险", "年检"].iter().any(|w| item.contains(w))
}

/// G009: a vehicle purchase budgeted in 三公 has a procurement row.
pub static G009: Rule = Rule {
    code: "G009",
    name: "购置公务用车未列政府采购",
    severity: Severity::Warning,
    family: Family::ProcurementAssets,
    summary: "“三公”经费表安排了公务用车购置费，政府采购预算表中应有相应的车辆采购明细。",
    why: "购车属于政府采购目录内的货物，应编列政府采购预算；没有采购明细说明采购预算漏编或购置费有误。",
    bad: "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t二、公务用车购置及运维费\t20.00\t20.00\n2\t其中：公务用车购置费\t20.00\t20.00\n3\t公务用车运行维护费\t\t\n",
    good: concat!(
        "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t二、公务用车购置及运维费\t20.00\t20.00\n2\t其中：公务用车购置费\t20.00\t20.00\n3\t公务用车运行维护费\t\t\n",
        procurement_head!(),
        "合计\t\t\t\t\t\t\t20.00\t20.00\t\t\t\t\t\t\n公用经费一\t20.00\t乘用车\tA02030500\t辆\t1\t20.00\t20.00\t20.00\t\t\t\t\t\t\n"
    ),
    basis: "《中华人民共和国政府采购法》；《党政机关公务用车管理办法》：公务用车购置纳入政府采购。",
    check: |cx, sink| {
        let Some(t) = cx.table("three_public") else {
            sink.not_evaluated("没有“三公”经费表");
            return;
        };
        let Some(r) = cx.row_with_role(t, "vehicle.purchase") else {
            sink.not_evaluated("“三公”经费表没有公务用车购置费行");
            return;
        };
        sink.evaluated();
        let purchase = t.value(r, "total");
        if purchase <= Money::ZERO {
            return;
        }
        let bought = cx.table("procurement").is_some_and(|p| p.rows.iter().any(|x| buys_vehicle(p, x)));
        if !bought {
            sink.report(format!("“{}”安排公务用车购置费 {}，但政府采购预算表中没有车辆采购明细", t.title, show(purchase, t.unit)), Location::cell(t, r, "total"))
                .values("政府采购预算中列示车辆采购", "无");
        }
    },
};

/// G010: vehicle services are procured while the department owns no vehicle.
pub static G010: Rule = Rule {
    code: "G010",
    name: "无车辆却采购车辆服务",
    severity: Severity::Warning,
    family: Family::ProcurementAssets,
    summary: "政府采购预算表列有车辆维修、保养、加油、保险等服务，而固定资产占用情况表的车辆数量为 0。",
    why: "没有车辆却采购车辆服务，要么车辆数填错，要么采购项目没有依据。",
    bad: concat!(procurement!(), assets_head!(), "1、车辆（台、辆）\t0\t0\n2、其他固定资产\t225\t80.64\n"),
    good: concat!(procurement!(), assets_head!(), "1、车辆（台、辆）\t1\t12.00\n2、其他固定资产\t225\t68.64\n"),
    basis: "《党政机关公务用车管理办法》；《行政事业性国有资产管理条例》：资产账实相符。",
    check: |cx, sink| {
        let Some(p) = procurement(cx, sink) else { return };
        let (count, loc) = match vehicle_count(cx) {
            Ok(v) => v,
            Err(reason) => {
                sink.not_evaluated(reason);
                return;
            }
        };
        sink.evaluated();
        if count > 0 {
            return;
        }
        for r in p.rows.iter().filter(|r| is_item(p, r) && is_vehicle_service(text(p, r, "item"))) {
            let item = text(p, r, "item");
            sink.report(
                format!("固定资产占用情况表车辆数量为 0，但“{}”第 {} 行采购“{item}”", p.title, r.position),
                Location::row(p, r),
            )
            .values(
                "车辆数量 ≥ 1，或不采购车辆服务",
                format!("车辆 0 辆（第 {} 行）；采购“{item}”", loc.line.unwrap_or(0)),
            );
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] = &[&G001, &G002, &G003, &G004, &G005, &G006, &G007, &G008, &G009, &G010];

#[cfg(test)]
mod tests {
    use super::quantity;

    /// What [`quantity`] read before it took the separators out only when there are some and read the two
    /// parts without joining them.
    fn joined(s: &str) -> Option<(i128, i128)> {
        let s: String = s.chars().filter(|c| !matches!(c, ',' | '，' | ' ')).collect();
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let den = 10i128.checked_pow(frac.len() as u32)?;
        let num: i128 = [int, frac].concat().parse().ok()?;
        Some((num, den))
    }

    #[test]
    fn quantities_are_read_as_before() {
        let long = "9".repeat(39);
        for s in ["", "1", "0", "12", "1.5", "1,200.50", "1，2 3", ".5", "1.", "1..2", "a", "-1", "+1", "1.2.3", &long]
        {
            assert_eq!(quantity(s), joined(s), "{s:?}");
        }
        for (int, frac) in [("1", &"0".repeat(37)[..]), ("17", &"0".repeat(37)[..]), (&long[..20], &long[..18])] {
            let s = format!("{int}.{frac}");
            assert_eq!(quantity(&s), joined(&s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn quantities_of_any_digits_are_read_as_before(s in "[0-9,， .a-]{0,44}") {
            proptest::prop_assert_eq!(quantity(&s), joined(&s));
        }
    }
}
