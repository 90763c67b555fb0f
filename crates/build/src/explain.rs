//! The drafted explanation (情况说明): every sentence that follows from the numbers is written from the
//! rounded atoms (so it always agrees with the tables); what only a person knows — duties, the reason
//! for a change, the overall performance goal — comes from the input's texts, and where a text is
//! missing the draft leaves a marked slot [`SLOT_OPEN`]`…`[`SLOT_CLOSE`] that `yusuan check` reports
//! (rule N028) until someone fills it.
//!
//! Text ids: `duties`, `overall_performance`, `special_funds`, `other`, `admin_running_use` (optional),
//! and reasons `reason.total`, `reason.basic`, `reason.project`, `reason.admin_running`,
//! `reason.three_public` (asked for only when the amount changed).

use crate::input::{Fund, Input, Kind, Period};
use crate::printed::{Block, HeaderCell, PCell, PTable};
use crate::tables::{cn_number, sum, three_public_codes as tp, Atom, AtomKey};
use yusuan_model::{Money, Unit};

/// Opens a slot a person must fill.
pub const SLOT_OPEN: &str = "【请填写：";
/// Closes it.
pub const SLOT_CLOSE: &str = "】";

fn slot(what: &str) -> String {
    format!("{SLOT_OPEN}{what}{SLOT_CLOSE}")
}

/// An amount in the explanation: 万元 with two decimals.
pub fn wan(m: Money) -> String {
    m.format_in(Unit::WanYuan, 2)
}

/// `增加 X 万元，增长 p%` / `减少 X 万元，下降 p%` / `与上年持平`, from printed amounts.
pub fn change(cur: Money, prev: Money) -> (String, bool) {
    let d = cur.0 - prev.0;
    if d == 0 {
        return ("与上年持平".into(), false);
    }
    let (dir, trend) = if d > 0 { ("增加", "增长") } else { ("减少", "下降") };
    let amount = format!("{dir} {} 万元", wan(Money(d.abs())));
    if prev.0 <= 0 {
        return (amount, true);
    }
    // percent with two decimals, half away from zero, from the printed amounts
    let bp = (d.abs() as i128 * 20_000 + prev.0 as i128) / (2 * prev.0 as i128);
    (format!("{amount}，{trend} {}.{:02}%", bp / 100, bp % 100), true)
}

/// `较上年增加 …` or `与上年持平`.
fn vs_last_year(change: &str, changed: bool) -> String {
    if changed {
        format!("较上年{change}")
    } else {
        change.to_string()
    }
}

struct Draft<'a> {
    input: &'a Input,
    blocks: Vec<Block>,
}

impl Draft<'_> {
    fn text(&self, id: &str, what: &str) -> String {
        match self.input.texts.get(id).map(|s| s.trim()) {
            Some(s) if !s.is_empty() => s.to_string(),
            _ => slot(what),
        }
    }
    fn heading(&mut self, n: usize, id: &str, text: &str) {
        self.blocks.push(Block::Heading { id: id.into(), text: format!("{}、{}", cn_number(n), text) });
    }
    fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph { text: text.into() });
    }
    fn paras(&mut self, text: &str) {
        for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.para(l);
        }
    }
    /// `，主要原因是…` for a changed amount.
    fn reason(&self, id: &str, what: &str, changed: bool) -> String {
        if !changed {
            return String::new();
        }
        format!("，主要原因是{}", self.text(id, &format!("{what}变化的原因")).trim_end_matches('。'))
    }
}

/// Drafts the explanation blocks. `tables` are the procurement and assets tables (placed inside
/// their sections) and the project tables.
pub fn draft(
    input: &Input,
    atoms: &[Atom],
    prior: Option<&[Atom]>,
    procurement: Option<PTable>,
    assets: Option<(PTable, Money)>,
    projects: Vec<crate::printed::PProject>,
) -> Vec<Block> {
    let d = &input.department;
    let y = d.year;
    let py = input.prior.as_ref().map_or(y.saturating_sub(1), |p| p.year);
    let mut w = Draft { input, blocks: Vec::new() };
    let s = |f: &dyn Fn(&AtomKey) -> bool| sum(atoms, f);
    let p = |f: &dyn Fn(&AtomKey) -> bool| prior.map(|a| sum(a, f));

    w.blocks.push(Block::Part { text: format!("{}{y}年部门预算信息公开情况说明", d.name) });
    w.para(format!(
        "按照《中华人民共和国预算法》、《地方预决算公开操作规程》和《关于进一步推进预算公开工作的实施意见》规定，现将{}{y}年部门预算公开如下：",
        d.name
    ));

    // 一、职责及机构
    w.heading(1, "duties", "部门职责及机构设置情况");
    w.para("部门职责：");
    let duties = w.text("duties", "部门职责");
    w.paras(&duties);
    w.para("机构设置：");
    let org_rows: Vec<Vec<PCell>> = input
        .units
        .iter()
        .map(|u| {
            vec![
                PCell::text(u.name.clone()),
                PCell::text(u.kind.label()),
                PCell::text(u.level.clone()),
                PCell::text(u.funding.clone()),
            ]
        })
        .collect();
    w.blocks.push(Block::Table(PTable {
        kind: "org".into(),
        title: "部门机构设置情况".into(),
        meta: vec![],
        unit: Unit::WanYuan,
        ncols: 4,
        header_rows: 1,
        header: ["单位名称", "单位性质", "单位规格", "经费保障形式"]
            .iter()
            .enumerate()
            .map(|(i, t)| HeaderCell { row: 0, col: i, rows: 1, cols: 1, text: t.to_string() })
            .collect(),
        column_numbers: false,
        column_ids: ["unit", "kind", "level", "funding"].map(String::from).to_vec(),
        rows: org_rows,
        total_rows: vec![],
        note: None,
    }));

    // 二、总体情况
    w.heading(2, "overview", "部门预算安排的总体情况");
    let cur = |k: &AtomKey| k.period == Period::Current;
    let fund = |f: Fund| move |k: &AtomKey| k.period == Period::Current && k.fund == f;
    let total = s(&|_| true);
    w.para("1、收入说明");
    w.para(format!(
        "{y}年部门共安排预算收入 {} 万元，其中：本年收入 {} 万元，包括一般公共预算拨款收入 {} 万元、政府性基金预算拨款收入 {} 万元、国有资本经营预算拨款收入 {} 万元、财政专户管理资金收入 {} 万元、单位资金 {} 万元；上年结转结余 {} 万元。",
        wan(total),
        wan(s(&cur)),
        wan(s(&fund(Fund::General))),
        wan(s(&fund(Fund::GovFund))),
        wan(s(&fund(Fund::Soe))),
        wan(s(&fund(Fund::SpecialAccount))),
        wan(s(&fund(Fund::UnitFunds))),
        wan(s(&|k| k.period == Period::Carryover)),
    ));
    let basic = |k: &AtomKey| k.kind.basic();
    let project = |k: &AtomKey| k.kind == Kind::Project;
    w.para("2、支出说明");
    let soe_project = s(&|k| project(k) && k.fund == Fund::Soe);
    w.para(format!(
        "{y}年部门共安排预算支出 {} 万元，其中：基本支出 {} 万元，具体为人员经费支出 {} 万元、日常公用经费支出 {} 万元；项目支出 {} 万元{}。",
        wan(total),
        wan(s(&basic)),
        wan(s(&|k| k.kind == Kind::Personnel)),
        wan(s(&|k| k.kind == Kind::Public)),
        wan(s(&project)),
        if soe_project == Money::ZERO {
            String::new()
        } else {
            format!("（其中国有资本经营预算拨款支出 {} 万元）", wan(soe_project))
        }
    ));
    w.para("3、比上年增减变化情况");
    match (p(&|_| true), p(&basic), p(&project)) {
        (Some(pt), Some(pb), Some(pp)) => {
            let (ct, t_changed) = change(total, pt);
            let (cb, b_changed) = change(s(&basic), pb);
            let (cp, p_changed) = change(s(&project), pp);
            let mut text = if t_changed {
                format!("{y}年预算收支安排 {} 万元，较{py}年预算{ct}", wan(total))
            } else {
                format!("{y}年预算收支安排 {} 万元，与{py}年预算持平", wan(total))
            };
            if !b_changed && !p_changed {
                text.push_str(&w.reason("reason.total", "预算总额", t_changed));
            }
            text.push_str(&format!("。其中：基本支出 {} 万元，{cb}", wan(s(&basic))));
            text.push_str(&w.reason("reason.basic", "基本支出", b_changed));
            text.push_str(&format!("；项目支出 {} 万元，{cp}", wan(s(&project))));
            text.push_str(&w.reason("reason.project", "项目支出", p_changed));
            text.push('。');
            w.para(text);
        }
        _ => w.para(slot(&format!("与{py}年预算相比的增减变化（输入中没有上年数据）"))),
    }

    // 三、机关运行经费
    w.heading(3, "admin_running", "机关运行经费安排情况");
    let ar_of = |k: &AtomKey| k.admin && k.kind == Kind::Public && k.fund == Fund::General;
    let ar = s(&ar_of);
    let uses: Vec<String> = {
        let mut v: Vec<(Money, String)> = Vec::new();
        for a in atoms.iter().filter(|a| ar_of(&a.key) && a.printed != Money::ZERO) {
            let name = yusuan_model::Catalog::bundled()
                .get(yusuan_model::Classification::Economic, &a.key.economic)
                .map(|e| e.name.clone())
                .unwrap_or_default();
            match v.iter_mut().find(|x| x.1 == name) {
                Some(x) => x.0 += a.printed,
                None => v.push((a.printed, name)),
            }
        }
        v.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        v.into_iter().filter(|x| !x.1.is_empty()).take(6).map(|x| x.1).collect()
    };
    let use_text = match input.texts.get("admin_running_use") {
        Some(t) if !t.trim().is_empty() => t.trim().trim_end_matches('。').to_string(),
        _ if uses.is_empty() => "日常运行支出".into(),
        _ => format!("{}等日常运行支出", uses.join("、")),
    };
    let mut t = format!("{y}年机关运行经费共计安排 {} 万元", wan(ar));
    if let Some(pa) = p(&ar_of) {
        let (c, changed) = change(ar, pa);
        t.push_str(&format!("，{}", vs_last_year(&c, changed)));
        t.push_str(&w.reason("reason.admin_running", "机关运行经费", changed));
    }
    t.push_str(&format!("，主要用于{use_text}。"));
    w.para(t);

    // 四、三公
    w.heading(4, "three_public", "财政拨款“三公”经费预算情况及增减变化原因");
    let by =
        |codes: &'static [&'static str]| move |k: &AtomKey| k.fund.fiscal() && codes.contains(&k.economic.as_str());
    const THREE: &[&str] = &[tp::ABROAD, tp::VEHICLE_PURCHASE, tp::VEHICLE_RUNNING, tp::RECEPTION];
    const VEHICLE: &[&str] = &[tp::VEHICLE_PURCHASE, tp::VEHICLE_RUNNING];
    let item = |codes: &'static [&'static str]| -> (String, bool) {
        let c = s(&by(codes));
        match p(&by(codes)) {
            Some(pv) => {
                let (t, changed) = change(c, pv);
                (format!("{} 万元，{}", wan(c), vs_last_year(&t, changed)), changed)
            }
            None => (format!("{} 万元", wan(c)), false),
        }
    };
    let (sub, sub_changed) = item(THREE);
    let (abroad, abroad_changed) = item(&[tp::ABROAD]);
    let (vehicle, vehicle_changed) = item(VEHICLE);
    let (purchase, purchase_changed) = item(&[tp::VEHICLE_PURCHASE]);
    let (running, running_changed) = item(&[tp::VEHICLE_RUNNING]);
    let (reception, reception_changed) = item(&[tp::RECEPTION]);
    w.para(format!(
        "{y}年，我部门“三公”经费预算安排 {sub}{}。其中：因公出国（境）费 {abroad}；公务用车购置及运维费 {vehicle}，其中：公务用车购置费 {purchase}，公务用车运行维护费 {running}；公务接待费 {reception}。另安排会议费 {} 万元、培训费 {} 万元。",
        w.reason("reason.three_public", "“三公”经费", sub_changed),
        wan(s(&by(&[tp::MEETING]))),
        wan(s(&by(&[tp::TRAINING]))),
    ));
    // The total unchanged while its items moved: the reason for the items, in a paragraph of its own.
    let items_changed = [abroad_changed, vehicle_changed, purchase_changed, running_changed, reception_changed];
    if !sub_changed && items_changed.contains(&true) {
        let why = w.reason("reason.three_public", "“三公”经费各项增减", true);
        w.para(format!("“三公”经费总额与上年持平，各项有增有减{why}。"));
    }

    // 五、六
    w.heading(5, "overall_performance", "部门整体绩效目标");
    let t = w.text("overall_performance", "部门整体绩效目标");
    w.paras(&t);
    w.heading(6, "special_funds", "部门主管专项资金预算安排情况及绩效目标");
    let t = w.text("special_funds", "部门主管专项资金预算安排情况及绩效目标；没有专项资金时写明“本部门无主管专项资金”");
    w.paras(&t);

    // 七、项目
    w.heading(7, "project_performance", "部门项目预算安排情况及绩效目标");
    w.para(format!(
        "{y}年部门共安排项目支出 {} 万元，涉及项目 {} 个，各项目绩效目标如下。",
        wan(s(&project)),
        projects.len()
    ));
    w.blocks.extend(projects.into_iter().map(Block::Project));

    // 八、政府采购
    w.heading(8, "procurement", "政府采购预算情况");
    match procurement {
        Some(t) if t.rows.is_empty() => {
            w.para(format!("{y}年部门无政府采购预算。"));
            w.blocks.push(Block::Table(t));
        }
        Some(t) => {
            let total = money_at(&t, 0, 7);
            let sme = money_at(&t, 0, 14);
            let class = |prefix: char| -> Money {
                t.rows
                    .iter()
                    .filter(|r| matches!(&r[3], PCell::Text(c) if c.starts_with(prefix)))
                    .map(|r| cell_money(&r[7]))
                    .sum()
            };
            let mut text = format!(
                "{y}年部门政府采购预算 {} 万元，其中：货物类 {} 万元，工程类 {} 万元，服务类 {} 万元；预留中小微企业份额 {} 万元",
                wan(total),
                wan(class('A')),
                wan(class('B')),
                wan(class('C')),
                wan(sme)
            );
            if total.0 > 0 {
                let bp = (sme.0 as i128 * 20_000 + total.0 as i128) / (2 * total.0 as i128);
                text.push_str(&format!("，占政府采购预算的 {}.{:02}%", bp / 100, bp % 100));
            }
            text.push('。');
            w.para(text);
            w.blocks.push(Block::Table(t));
        }
        None => w.para(format!("{y}年部门无政府采购预算。")),
    }

    // 九、国有资产
    w.heading(9, "assets", "国有资产信息");
    match (assets, input.assets.as_ref()) {
        (Some((t, total)), Some(a)) => {
            w.para(format!(
                "{}（含所属单位）上年末固定资产金额为 {} 万元，其中：车辆 {} 辆，价值 {} 万元；其他固定资产 {} 项，价值 {} 万元（详见下表）。",
                d.name,
                wan(total),
                a.vehicles,
                wan(cell_money(&t.rows[0][2])),
                a.other_count,
                wan(cell_money(&t.rows[1][2]))
            ));
            w.blocks.push(Block::Table(t));
        }
        _ => w.para(slot("上年末固定资产情况")),
    }

    // 十、名词解释
    w.heading(10, "glossary", "名词解释");
    for (i, (term, text)) in GLOSSARY.iter().enumerate() {
        w.para(format!("{}、{term}：{text}", i + 1));
    }

    // 十一
    w.heading(11, "other", "其他需要说明的事项");
    let t = w.text("other", "其他需要说明的事项；没有时写明“我部门无其他需要说明的事项”");
    w.paras(&t);
    w.blocks
}

fn cell_money(c: &PCell) -> Money {
    match c {
        PCell::Money(m) => *m,
        _ => Money::ZERO,
    }
}

fn money_at(t: &PTable, row: usize, col: usize) -> Money {
    t.rows.get(row).and_then(|r| r.get(col)).map_or(Money::ZERO, cell_money)
}

/// The standard glossary of the Hebei layout.
pub const GLOSSARY: [(&str, &str); 10] = [
    ("财政拨款收入", "指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款、国有资本经营预算拨款。"),
    ("财政专户管理资金收入", "缴入财政专户、实行专项管理的教育收费收入。"),
    ("单位资金收入", "指除财政拨款收入和财政专户管理资金以外的收入，包括事业收入（不含教育收费）、上级补助收入、附属单位上缴收入、事业单位经营收入及其他收入，其中，其他收入主要包括债务收入、投资收益等。"),
    ("事业收入", "指事业单位开展专业业务活动及辅助活动所取得的收入。"),
    ("事业单位经营收入", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。"),
    ("上年结转", "指以前年度安排、结转到本年仍按原规定用途继续使用的资金。"),
    ("部门预算支出", "包括人员类项目支出、运转类项目支出和特定目标类项目支出。其中：人员类项目支出和运转类项目中的公用经费项目支出对应部门预算中的基本支出；运转类项目中的其他运转类项目支出和特定目标类项目支出对应部门预算中的项目支出，以及经营支出和往来支出。"),
    ("事业单位经营支出", "指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动发生的支出。"),
    ("“三公”经费", "纳入财政预算管理的“三公”经费，是指预算部门（单位）用财政拨款安排的因公出国（境）费、公务用车购置及运维费和公务接待费。其中，因公出国（境）费反映单位公务出国（境）的住宿费、旅费、伙食补助费、杂费、培训费等支出；公务用车购置及运维费反映单位公务用车购置支出（含车辆购置税、牌照费）及按规定保留的公务用车燃料费、维修费、过路过桥费、保险费、安全奖励费用等支出；公务接待费反映单位按规定开支的各类公务接待（含外宾接待）支出。"),
    ("机关运行经费", "是指各部门（单位）的公用经费，包括办公及印刷费、邮电费、差旅费、会议费、福利费、日常维修费、专用材料及一般设备购置费、办公用房水电费、办公用房取暖费、办公用房物业管理费、公务用车运行维护费以及其他费用。"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_have_direction_amount_and_percent() {
        assert_eq!(change(Money(1_798_300_000), Money(2_031_170_000)).0, "减少 232.87 万元，下降 11.46%");
        assert_eq!(change(Money(15_000_000), Money(10_000_000)).0, "增加 5.00 万元，增长 50.00%");
        assert_eq!(change(Money(1), Money(1)), ("与上年持平".to_string(), false));
        assert_eq!(change(Money(10_000), Money(0)).0, "增加 0.01 万元");
    }
}
