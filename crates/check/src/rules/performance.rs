//! 绩效目标: every project's performance-target table (项目绩效目标表) — goal, indicators, budget, spending plan.

use crate::engine::{Ctx, Family, Location, Rule, Severity, Sink};
use crate::helpers::compare;
use regex::Regex;
use std::sync::LazyLock;
use yusuan_model::layout::{key_append, key_into, strip_numbering};
use yusuan_model::{Indicator, Money, Project, Unit};

/// The head of a project table: title, unit and the code/name row (`project_head!()` for the usual one).
macro_rules! project_head {
    () => {
        project_head!(
            "邯财教[2024]89号提前下达2025年支持市县科技创新和科学普及专项资金",
            "13040225P00023510002M",
            "邯财教[2024]89号提前下达2025年支持市县科技创新和科学普及专项资金"
        )
    };
    ($title:literal, $code:literal, $name:literal) => {
        concat!("1、", $title, "绩效目标表\n单位：万元\n项目编码\t", $code, "\t\t项目名称\t", $name, "\n")
    };
}

/// The budget row and the purpose row of a project table.
macro_rules! project_budget {
    () => {
        "预算规模及资金用途\t预算数\t2.00\t其中：财政资金\t2.00\t其他资金\t\n\t优秀科技特派员工作站补助\n"
    };
}

/// The spending plan of a project table.
macro_rules! project_plan {
    () => {
        "资金支出计划（%）\t3月底\t\t6月底\t10月底\t12月底\t\n\t\t\t\t\t2.00\n"
    };
}

/// The goal row of a project table.
macro_rules! project_goal {
    () => {
        "绩效目标\t1.更好的运行管理特派站\n"
    };
}

/// The indicator header of a project table.
macro_rules! indicator_head {
    () => {
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\t指标值确定依据\n"
    };
}

/// Complete indicators of a project table.
macro_rules! project_indicators {
    () => {
        concat!(
            indicator_head!(),
            "产出指标\t数量指标\t补助数量\t补助优秀科技特派员工作站数量\t1个\t邯财教【2024】89号文\n",
            "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n",
            "满意度指标\t服务对象满意度指标\t企业满意度\t帮扶企业满意度\t≥95%\t调查问卷\n"
        )
    };
}

/// A complete, correct project table.
macro_rules! project {
    () => {
        concat!(project_head!(), project_budget!(), project_plan!(), project_goal!(), project_indicators!())
    };
}

/// A project's location.
fn at(p: &Project) -> Location {
    Location {
        project: (!p.code.is_empty()).then(|| p.code.clone()),
        title: Some(p.title.clone()),
        name: (!p.name.is_empty()).then(|| p.name.clone()),
        ..Location::default()
    }
    .at(&p.loc)
}

/// An indicator's location.
fn ind_at(p: &Project, i: &Indicator) -> Location {
    at(p).at(&i.loc)
}

/// How a message names a project.
fn label(p: &Project) -> String {
    about(p, None, &[])
}

/// A message that names project `p` (and its indicator `i`, after `的指标`) and goes on with `rest`, put
/// together in one string from their pieces.
fn about(p: &Project, i: Option<&Indicator>, rest: &[&str]) -> String {
    let name = if p.name.is_empty() { strip_numbering(&p.title) } else { p.name.as_str() };
    let label =
        if p.code.is_empty() { ["项目“", name, "”", "", ""] } else { ["项目 ", &p.code, "“", name, "”"] };
    let indicator = i.map(ind_pieces);
    let of = if indicator.is_some() { "的指标" } else { "" };
    let pieces = label.iter().chain([&of]).chain(indicator.iter().flatten()).chain(rest);
    let mut out = String::with_capacity(pieces.clone().map(|x| x.len()).sum());
    for x in pieces {
        out.push_str(x);
    }
    out
}

/// How a message names an indicator, in pieces: `“一级/二级/三级”` (the levels printed), or its description
/// in quotes when none is.
fn ind_pieces(i: &Indicator) -> [&str; 7] {
    let mut out = ["“", "", "", "", "", "", "”"];
    let mut k = 1;
    for level in [i.level1.as_str(), i.level2.as_str(), i.level3.as_str()].into_iter().filter(|s| !s.is_empty()) {
        if k > 1 {
            out[k] = "/";
            k += 1;
        }
        out[k] = level;
        k += 1;
    }
    if k == 1 {
        out[1] = i.description.as_str();
    }
    out
}

/// The projects, or a not-evaluated reason when there are none.
fn projects<'a>(cx: &Ctx<'a>, sink: &mut Sink) -> &'a [Project] {
    if cx.doc.projects.is_empty() {
        sink.not_evaluated("文件中没有项目绩效目标表");
    }
    &cx.doc.projects
}

fn unit(p: &Project) -> Unit {
    p.unit.unwrap_or(Unit::WanYuan)
}

/// P001: every project states a 绩效目标.
pub static P001: Rule = Rule {
    code: "P001",
    name: "项目未填绩效目标",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "每个项目绩效目标表的“绩效目标”栏都要填写项目的年度绩效目标。",
    why: "没有绩效目标，项目资金就没有可考核的产出和效果，预算绩效管理无从谈起。",
    bad: concat!(project_head!(), project_budget!(), project_plan!(), "绩效目标\t\n", project_indicators!()),
    good: project!(),
    basis: "《中共中央 国务院关于全面实施预算绩效管理的意见》；《项目支出绩效评价管理办法》（财预〔2020〕10号）：预算部门应设定项目绩效目标并随预算公开。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            sink.evaluated();
            if p.goal.as_deref().is_none_or(|g| g.trim().is_empty()) {
                sink.report(about(p, None, &["没有填写绩效目标"]), at(p)).values("年度绩效目标", "空");
            }
        }
    },
};

/// P002: every project lists performance indicators.
pub static P002: Rule = Rule {
    code: "P002",
    name: "项目未列绩效指标",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "每个项目绩效目标表都要列出绩效指标（一级、二级、三级指标及指标值）。",
    why: "没有指标，绩效目标就无法衡量，年终也无法开展绩效评价。",
    bad: concat!(project_head!(), project_budget!(), project_plan!(), project_goal!(), indicator_head!()),
    good: project!(),
    basis: "《项目支出绩效评价管理办法》（财预〔2020〕10号）；财政部绩效目标表样。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            sink.evaluated();
            if p.indicators.is_empty() {
                sink.report(about(p, None, &["没有列出任何绩效指标"]), at(p)).values("产出、效益、满意度指标", "无");
            }
        }
    },
};

/// P003: every project covers each required 一级指标.
pub static P003: Rule = Rule {
    code: "P003",
    name: "缺少必备一级指标",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "列有绩效指标的项目，要覆盖版式规定的每个一级指标：产出指标、效益指标、满意度指标。",
    why: "只有产出没有效益或满意度，绩效目标就只说明花了钱、办了事，说不清效果。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        indicator_head!(),
        "产出指标\t数量指标\t补助数量\t补助优秀科技特派员工作站数量\t1个\t邯财教【2024】89号文\n",
        "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n"
    ),
    good: project!(),
    basis: "财政部项目支出绩效目标表样：一级指标包括产出指标、效益指标、满意度指标。",
    check: |cx, sink| {
        let required = &cx.layout.projects.required_level1;
        if required.is_empty() {
            sink.not_evaluated("版式没有规定必备一级指标");
            return;
        }
        // Keyed once: the required names, and each project's 一级指标 names, each list in one string with a
        // line break after each key (a key holds no whitespace, so no search runs across two of them).
        let mut shorts = String::new();
        for r in required {
            let start = shorts.len();
            shorts.reserve(r.len() + 1);
            key_append(r, &mut shorts);
            while shorts[start..].ends_with("指标") {
                shorts.truncate(shorts.len() - "指标".len());
            }
            shorts.push('\n');
        }
        let mut level1 = String::new();
        for p in projects(cx, sink).iter().filter(|p| !p.indicators.is_empty()) {
            sink.evaluated();
            // Rows of one 一级指标 are printed together: each name is keyed and searched once.
            level1.clear();
            let mut last = None;
            for l in p.indicators.iter().map(|i| i.level1.as_str()) {
                if last != Some(l) {
                    level1.reserve(l.len() + 1);
                    key_append(l, &mut level1);
                    level1.push('\n');
                    last = Some(l);
                }
            }
            for (r, short) in required.iter().zip(shorts.split_terminator('\n')) {
                if !level1.contains(short) {
                    sink.report(about(p, None, &["缺少一级指标“", r, "”"]), at(p)).values(r.as_str(), "无");
                }
            }
        }
        sink.not_evaluated("没有列出绩效指标的项目");
    },
};

/// P004: every indicator has a 指标值.
pub static P004: Rule = Rule {
    code: "P004",
    name: "绩效指标缺少指标值",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "每一条绩效指标都要填写指标值（目标值）。",
    why: "没有指标值的指标无法考核，等于没有设定目标。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        indicator_head!(),
        "产出指标\t数量指标\t补助数量\t补助优秀科技特派员工作站数量\t\t邯财教【2024】89号文\n",
        "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n",
        "满意度指标\t服务对象满意度指标\t企业满意度\t帮扶企业满意度\t≥95%\t调查问卷\n"
    ),
    good: project!(),
    basis: "财政部项目支出绩效目标表样：指标值为必填项。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            for i in &p.indicators {
                sink.evaluated();
                if i.value.trim().is_empty() {
                    sink.report(about(p, Some(i), &["没有填写指标值"]), ind_at(p, i)).values("指标值", "空");
                }
            }
        }
        sink.not_evaluated("没有列出绩效指标的项目");
    },
};

/// P005: every indicator has a 三级指标.
pub static P005: Rule = Rule {
    code: "P005",
    name: "绩效指标缺少三级指标",
    severity: Severity::Warning,
    family: Family::Performance,
    summary: "每一条绩效指标都要写出三级指标（具体考核内容）。",
    why: "只有一级、二级指标分类，没有三级指标，读者不知道具体考核什么。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        indicator_head!(),
        "产出指标\t数量指标\t\t补助优秀科技特派员工作站数量\t1个\t邯财教【2024】89号文\n",
        "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n",
        "满意度指标\t服务对象满意度指标\t企业满意度\t帮扶企业满意度\t≥95%\t调查问卷\n"
    ),
    good: project!(),
    basis: "财政部项目支出绩效目标表样：一级、二级、三级指标逐级细化。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            for i in &p.indicators {
                sink.evaluated();
                if i.level3.trim().is_empty() {
                    sink.report(about(p, Some(i), &["没有三级指标"]), ind_at(p, i)).values("三级指标", "空");
                }
            }
        }
        sink.not_evaluated("没有列出绩效指标的项目");
    },
};

static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"待[^，。；,;]{0,16}(确定|核定|明确|研究)|待定|[XxＸｘ×＊*]{2,}|^\s*[Xx]\s*$").unwrap()
});

/// Every match of [`PLACEHOLDER`] holds one of these characters: a value without them is not searched
/// (most values are plain targets, and the search costs more than this test).
const PLACEHOLDER_CHARS: [char; 8] = ['待', 'X', 'x', 'Ｘ', 'ｘ', '×', '＊', '*'];

/// P006: an indicator value is a placeholder, not a target.
pub static P006: Rule = Rule {
    code: "P006",
    name: "指标值为占位内容",
    severity: Severity::Warning,
    family: Family::Performance,
    summary: "指标值不能是“待会议研究确定”“待定”“XX”之类的占位内容，要写出可考核的目标值。",
    why: "占位内容说明目标尚未确定，公开出去的绩效目标无法考核。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        indicator_head!(),
        "产出指标\t成本指标\t补助标准\t每个工作站补助经费\t待会议研究确定\t邯财教【2024】89号文\n",
        "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n",
        "满意度指标\t服务对象满意度指标\t企业满意度\t帮扶企业满意度\t≥95%\t调查问卷\n"
    ),
    good: concat!(
        project_head!(),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        indicator_head!(),
        "产出指标\t成本指标\t补助标准\t每个工作站补助经费\t≤2万元\t邯财教【2024】89号文\n",
        "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n",
        "满意度指标\t服务对象满意度指标\t企业满意度\t帮扶企业满意度\t≥95%\t调查问卷\n"
    ),
    basis: "《中共中央 国务院关于全面实施预算绩效管理的意见》：绩效目标应细化量化、可衡量。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            for i in &p.indicators {
                sink.evaluated();
                if i.value.contains(PLACEHOLDER_CHARS) && PLACEHOLDER.is_match(&i.value) {
                    sink.report(about(p, Some(i), &["的指标值“", i.value.as_str(), "”是占位内容"]), ind_at(p, i))
                        .values("可考核的目标值", i.value.clone());
                }
            }
        }
        sink.not_evaluated("没有列出绩效指标的项目");
    },
};

/// P007: the projects' budgets add up to the 项目支出 total of the expenditure table.
pub static P007: Rule = Rule {
    code: "P007",
    name: "项目预算之和等于项目支出合计",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "各项目绩效目标表的预算数之和，等于支出总表“合计”行的项目支出。",
    why: "二者不等说明有项目没有公开绩效目标，或项目表的预算数与支出表不符。",
    bad: concat!(
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t14.22\t\t14.22\n",
        project!()
    ),
    good: concat!(
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t2.00\t\t2.00\n",
        project!()
    ),
    basis: "《项目支出绩效评价管理办法》：项目支出全面设定绩效目标；部门预算支出总表项目支出栏。",
    check: |cx, sink| {
        let ps = projects(cx, sink);
        if ps.is_empty() {
            return;
        }
        let Some(t) = cx.table("expenditure") else {
            sink.not_evaluated("没有支出总表");
            return;
        };
        let Some(total) = cx.row_with_role(t, "total").filter(|r| t.amount(r, "project").is_some()) else {
            sink.not_evaluated("支出总表没有合计行的项目支出");
            return;
        };
        let budgets: Vec<Money> = ps.iter().filter_map(|p| p.budget.as_ref().map(|a| a.value)).collect();
        compare(
            sink,
            || format!("{} 个项目的预算数之和 ≠ “{}”合计行的项目支出", budgets.len(), t.title),
            budgets.iter().copied().sum(),
            t.value(total, "project"),
            budgets.len() + 1,
            t.unit,
            t.ulp(),
            || Location::cell(t, total, "project"),
        );
    },
};

/// P008: a printed spending plan carries amounts.
pub static P008: Rule = Rule {
    code: "P008",
    name: "资金支出计划未填",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "项目绩效目标表印出了“资金支出计划”栏，就要在 3 月底、6 月底、10 月底、12 月底等时点填写支出金额或进度。",
    why: "空着的支出计划无法用来监控预算执行进度。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        "资金支出计划（%）\t3月底\t\t6月底\t10月底\t12月底\t\n",
        project_goal!(),
        project_indicators!()
    ),
    good: project!(),
    basis: "河北省项目绩效目标表样：资金支出计划按时点填列。",
    check: |cx, sink| {
        for p in projects(cx, sink).iter().filter(|p| p.plan_printed) {
            sink.evaluated();
            if p.plan.is_empty() {
                sink.report(about(p, None, &["印出了资金支出计划栏，但没有填写任何金额"]), at(p))
                    .values("各时点支出金额", "空");
            }
        }
        sink.not_evaluated("没有印出资金支出计划的项目");
    },
};

/// P009: the spending plan adds up to the budget (or to 100 when printed as percentages).
pub static P009: Rule = Rule {
    code: "P009",
    name: "资金支出计划合计与预算数不符",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "资金支出计划各时点的数之和等于项目预算数；按百分比填列时，各时点之和等于 100。",
    why: "支出计划合计不等于预算数，说明计划少列或多列了资金。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        "资金支出计划（%）\t3月底\t\t6月底\t10月底\t12月底\t\n\t\t\t\t1.00\t2.00\n",
        project_goal!(),
        project_indicators!()
    ),
    good: concat!(
        project_head!(),
        project_budget!(),
        "资金支出计划（%）\t3月底\t\t6月底\t10月底\t12月底\t\n\t\t\t\t1.00\t1.00\n",
        project_goal!(),
        project_indicators!()
    ),
    basis: "河北省项目绩效目标表样：资金支出计划按时点分解预算数。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            let Some(budget) = &p.budget else { continue };
            if p.plan.is_empty() {
                continue;
            }
            let sum: Money = p.plan.iter().map(|(_, a)| a.value).sum();
            let u = unit(p);
            if sum == Money(100 * u.fen()) && p.plan.iter().all(|(_, a)| a.value <= Money(100 * u.fen())) {
                sink.evaluated();
                continue;
            }
            let ulp = u.ulp(p.plan.iter().map(|(_, a)| a.decimals).max().unwrap_or(2).max(budget.decimals));
            let last = p.plan.last().map_or(&budget.loc, |(_, a)| &a.loc);
            compare(
                sink,
                || about(p, None, &["的资金支出计划合计 ≠ 预算数（按百分比填列时也不等于 100）"]),
                budget.value,
                sum,
                p.plan.len() + 1,
                u,
                ulp,
                || at(p).at(last),
            );
        }
        sink.not_evaluated("没有同时列出预算数和支出计划的项目");
    },
};

/// P010: 财政资金 + 其他资金 = 预算数.
pub static P010: Rule = Rule {
    code: "P010",
    name: "财政资金加其他资金等于预算数",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "项目绩效目标表中，预算数 = 其中：财政资金 + 其他资金。",
    why: "资金来源之和与预算数不符，说明其中一个数抄错。",
    bad: concat!(
        project_head!(),
        "预算规模及资金用途\t预算数\t2.00\t其中：财政资金\t1.50\t其他资金\t\n\t优秀科技特派员工作站补助\n",
        project_plan!(),
        project_goal!(),
        project_indicators!()
    ),
    good: project!(),
    basis: "河北省项目绩效目标表样：预算数按资金来源分列。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            let Some(budget) = &p.budget else { continue };
            if p.fiscal.is_none() && p.other.is_none() {
                continue;
            }
            let parts = [&p.fiscal, &p.other];
            let sum: Money = parts.iter().filter_map(|a| a.as_ref().map(|a| a.value)).sum();
            let decimals =
                parts.iter().filter_map(|a| a.as_ref().map(|a| a.decimals)).max().unwrap_or(2).max(budget.decimals);
            compare(
                sink,
                || about(p, None, &["的财政资金 + 其他资金 ≠ 预算数"]),
                sum,
                budget.value,
                3,
                unit(p),
                unit(p).ulp(decimals),
                || at(p).at(&budget.loc),
            );
        }
        sink.not_evaluated("没有列出资金来源的项目");
    },
};

/// P011: every project says what the money is for.
pub static P011: Rule = Rule {
    code: "P011",
    name: "未填资金用途",
    severity: Severity::Warning,
    family: Family::Performance,
    summary: "项目绩效目标表“预算规模及资金用途”栏中，预算数下方要写明资金用途。",
    why: "不写用途，读者只知道花多少钱，不知道钱花在哪里。",
    bad: concat!(
        project_head!(),
        "预算规模及资金用途\t预算数\t2.00\t其中：财政资金\t2.00\t其他资金\t\n",
        project_plan!(),
        project_goal!(),
        project_indicators!()
    ),
    good: project!(),
    basis: "河北省项目绩效目标表样：预算规模及资金用途。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            sink.evaluated();
            if p.purpose.as_deref().is_none_or(|s| s.trim().is_empty()) {
                sink.report(about(p, None, &["没有写明资金用途"]), at(p)).values("资金用途", "空");
            }
        }
    },
};

/// P012: no project code is used twice.
pub static P012: Rule = Rule {
    code: "P012",
    name: "项目编码重复",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "每个项目的项目编码唯一，不能有两张绩效目标表使用同一编码。",
    why: "编码重复说明绩效目标表重复列示，或把另一个项目的编码抄错了，项目预算也会重复计算。",
    bad: concat!(project!(), project!()),
    good: project!(),
    basis: "预算管理一体化规范：项目库中项目编码唯一。",
    check: |cx, sink| {
        let ps = projects(cx, sink);
        for (i, p) in ps.iter().enumerate() {
            if p.code.is_empty() {
                continue;
            }
            sink.evaluated();
            if let Some(first) = ps[..i].iter().find(|q| q.code == p.code) {
                sink.report(format!("{}的项目编码与第 {} 行的“{}”重复", label(p), first.loc.line, first.title), at(p))
                    .values("唯一的项目编码", p.code.clone());
            }
        }
    },
};

static PROJECT_CODE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{8}[A-Z]\d{8,14}[A-Z0-9]?$").unwrap());

/// P013: the project code has the shape of a 预算管理一体化 project code.
pub static P013: Rule = Rule {
    code: "P013",
    name: "项目编码格式异常",
    severity: Severity::Warning,
    family: Family::Performance,
    summary: "项目编码应为预算管理一体化系统的编码：6 位行政区划 + 2 位年度 + 类别字母 + 流水号（如 13040225P00000610003R）。",
    why: "编码缺失或格式不对，项目就无法与预算系统、支出表对应，常见于手工录入或提取错位。",
    bad: concat!(
        project_head!(
            "邯财教[2024]89号提前下达2025年支持市县科技创新和科学普及专项资金",
            "P0002351",
            "邯财教[2024]89号提前下达2025年支持市县科技创新和科学普及专项资金"
        ),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        project_indicators!()
    ),
    good: project!(),
    basis: "《预算管理一体化规范》：项目编码规则。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            sink.evaluated();
            if p.code.is_empty() {
                sink.report(about(p, None, &["没有项目编码"]), at(p)).values("项目编码", "空");
            } else if !PROJECT_CODE.is_match(&p.code) {
                sink.report(about(p, None, &["的项目编码“", p.code.as_str(), "”格式异常"]), at(p)).values("如 13040225P00000610003R", p.code.clone());
            }
        }
    },
};

/// The years of `s`'s `20dd年` mentions, in order: what the captures of `(20\d\d)\s*年` that parse as a
/// number give (a match ends at its 年, after whitespace and the year's four digits), found without the
/// regex engine, whose cache made the rule's cost vary from run to run.
fn years(s: &str) -> impl Iterator<Item = u16> + '_ {
    memchr::memmem::find_iter(s.as_bytes(), "年".as_bytes()).filter_map(|end| {
        let before = s[..end].trim_end();
        let y = before.get(before.len().checked_sub(4)?..)?;
        // (a year of other digits than ASCII ones does not parse)
        if y.starts_with("20") && y.bytes().all(|b| b.is_ascii_digit()) {
            y.parse().ok()
        } else {
            None
        }
    })
}

/// P014: no project belongs to a later year than the document.
pub static P014: Rule = Rule {
    code: "P014",
    name: "项目年度晚于预算年度",
    severity: Severity::Warning,
    family: Family::Performance,
    summary: "项目编码中的年度（第 7、8 位）和项目名称中的“××年”不应晚于预算年度；早于预算年度的（上年结转、提前下达）属正常情况，不报告。",
    why: "出现以后年度的项目，通常是套用了别的年度的表格或编码录错。",
    bad: concat!(
        "2025年邯山区科技和工业信息化局部门预算信息公开\n",
        project_head!(
            "邯财教[2025]89号提前下达2026年支持市县科技创新和科学普及专项资金",
            "13040226P00023510002M",
            "邯财教[2025]89号提前下达2026年支持市县科技创新和科学普及专项资金"
        ),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        project_indicators!()
    ),
    good: concat!("2025年邯山区科技和工业信息化局部门预算信息公开\n", project!()),
    basis: "预算年度原则：部门预算只编列本年度（含上年结转）的项目。",
    check: |cx, sink| {
        let Some(year) = cx.doc.meta.year else {
            sink.not_evaluated("未能识别预算年度");
            return;
        };
        for p in projects(cx, sink) {
            sink.evaluated();
            // The code's year, when later than the document's and the code is well formed (the shape,
            // tested by a regex, only for the rare later year).
            let code_year = p.code.get(6..8).and_then(|y| y.parse::<u16>().ok()).map(|y| 2000 + y);
            if let Some(y) = code_year.filter(|y| *y > year && PROJECT_CODE.is_match(&p.code)) {
                sink.report(format!("{}的项目编码年度为 {y} 年，晚于预算年度 {year} 年", label(p)), at(p)).values(format!("≤ {year}"), y.to_string());
                continue;
            }
            let name = if p.name.is_empty() { &p.title } else { &p.name };
            if let Some(y) = years(name).find(|y| *y > year) {
                sink.report(format!("{}名称中的年度为 {y} 年，晚于预算年度 {year} 年", label(p)), at(p)).values(format!("≤ {year}"), y.to_string());
            }
        }
    },
};

/// P015: every indicator states the basis of its value.
pub static P015: Rule = Rule {
    code: "P015",
    name: "指标值未写确定依据",
    severity: Severity::Info,
    family: Family::Performance,
    summary: "绩效指标的“指标值确定依据”栏宜写明依据（文件、历史数据、计划标准等）。",
    why: "没有依据，读者难以判断指标值是否合理。",
    bad: concat!(
        project_head!(),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        indicator_head!(),
        "产出指标\t数量指标\t补助数量\t补助优秀科技特派员工作站数量\t1个\t\n",
        "效益指标\t社会效益指标\t为企业进行技术培训\t为企业进行技术培训指导\t提高企业科技创新能力\t工作总结\n",
        "满意度指标\t服务对象满意度指标\t企业满意度\t帮扶企业满意度\t≥95%\t调查问卷\n"
    ),
    good: project!(),
    basis: "财政部项目支出绩效目标表样：指标值确定依据。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            for i in &p.indicators {
                sink.evaluated();
                if i.basis.trim().is_empty() {
                    sink.report(about(p, Some(i), &["没有写指标值确定依据"]), ind_at(p, i)).values("确定依据", "空");
                }
            }
        }
        sink.not_evaluated("没有列出绩效指标的项目");
    },
};

/// P016: every project prints its 预算数.
pub static P016: Rule = Rule {
    code: "P016",
    name: "项目未列预算数",
    severity: Severity::Error,
    family: Family::Performance,
    summary: "每个项目绩效目标表都要列出预算数。",
    why: "没有预算数，绩效目标就失去了对应的资金规模，也无法与支出表核对。",
    bad: concat!(
        project_head!(),
        "预算规模及资金用途\t预算数\t\t其中：财政资金\t\t其他资金\t\n\t优秀科技特派员工作站补助\n",
        project_goal!(),
        project_indicators!()
    ),
    good: project!(),
    basis: "河北省项目绩效目标表样：预算规模及资金用途。",
    check: |cx, sink| {
        for p in projects(cx, sink) {
            sink.evaluated();
            if p.budget.is_none() {
                sink.report(about(p, None, &["没有列出预算数"]), at(p)).values("预算数", "空");
            }
        }
    },
};

/// P017: the project name is printed and agrees with the table title.
pub static P017: Rule = Rule {
    code: "P017",
    name: "项目名称缺失或与表名不符",
    severity: Severity::Warning,
    family: Family::Performance,
    summary: "项目绩效目标表要填写项目名称，且表名应为“项目名称 + 绩效目标表”。",
    why: "名称缺失或与表名不符，说明表格拼接错位或套用了别的项目的表。",
    bad: concat!(
        project_head!(
            "邯财教[2024]89号提前下达2025年支持市县科技创新和科学普及专项资金",
            "13040225P00023510002M",
            "邯财教[2024]7号2024年支持市县科技创新和科学普及（高企认定奖补资金）"
        ),
        project_budget!(),
        project_plan!(),
        project_goal!(),
        project_indicators!()
    ),
    good: project!(),
    basis: "河北省项目绩效目标表样。",
    check: |cx, sink| {
        // The layout's title suffixes keyed once, not per project, in one string with a line break after
        // each (a key holds none); each project's title and name keyed into two strings reused.
        let mut suffixes = String::new();
        for s in &cx.layout.projects.title_suffixes {
            suffixes.reserve(s.len() + 1);
            key_append(s, &mut suffixes);
            suffixes.push('\n');
        }
        let (mut title, mut name) = (String::new(), String::new());
        for p in projects(cx, sink) {
            sink.evaluated();
            if p.name.trim().is_empty() {
                sink.report(about(p, None, &["没有填写项目名称"]), at(p)).values("项目名称", "空");
                continue;
            }
            // (room for the text first: a key is about as long, and the string then grows at most once)
            let t = strip_numbering(&p.title);
            title.clear();
            title.reserve(t.len());
            key_into(t, &mut title);
            name.clear();
            name.reserve(p.name.len());
            key_into(&p.name, &mut name);
            let (title, name) = (title.as_str(), name.as_str());
            let bare = suffixes.split_terminator('\n').find_map(|s| title.strip_suffix(s)).unwrap_or(title);
            if !bare.contains(name) && !name.contains(bare) {
                sink.report(about(p, None, &["的名称与表名“", p.title.as_str(), "”不一致"]), at(p))
                    .values(p.title.clone(), p.name.clone());
            }
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] = &[
    &P001, &P002, &P003, &P004, &P005, &P006, &P007, &P008, &P009, &P010, &P011, &P012, &P013, &P014, &P015, &P016,
    &P017,
];

#[cfg(test)]
mod tests {
    use super::years;
    use crate::engine::{Ctx, Rule, Sink};
    use regex::Regex;

    /// The messages of `rule` on a document of `text`.
    fn run(rule: &'static Rule, text: &str) -> Vec<String> {
        let layout = yusuan_model::Layout::by_id("hebei-dept-budget").expect("layout");
        let doc = yusuan_read::read_text("t.txt", text, layout);
        let cx = Ctx::new(&doc, yusuan_model::Catalog::bundled(), layout);
        let mut sink = Sink::new(rule);
        (rule.check)(&cx, &mut sink);
        sink.finish().2.into_iter().filter(|f| f.rule == rule.code).map(|f| f.message).collect()
    }

    #[test]
    fn messages_name_projects_and_indicators_as_the_joined_labels_did() {
        use yusuan_model::{Indicator, Project};
        let old_label = |p: &Project| {
            let name = if p.name.is_empty() { super::strip_numbering(&p.title) } else { p.name.as_str() };
            if p.code.is_empty() {
                format!("项目“{name}”")
            } else {
                format!("项目 {}“{name}”", p.code)
            }
        };
        let old_ind = |i: &Indicator| {
            let parts: Vec<&str> = [i.level1.as_str(), i.level2.as_str(), i.level3.as_str()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect();
            format!("“{}”", if parts.is_empty() { i.description.clone() } else { parts.join("/") })
        };
        let project = |code: &str, name: &str, title: &str| Project {
            code: code.into(),
            name: name.into(),
            title: title.into(),
            ..Default::default()
        };
        let indicator = |l: [&str; 3], d: &str| Indicator {
            level1: l[0].into(),
            level2: l[1].into(),
            level3: l[2].into(),
            description: d.into(),
            ..Default::default()
        };
        let projects =
            [project("13040225P00023510002M", "补助", "1、补助绩效目标表"), project("", "", "2、某项目绩效目标表")];
        let indicators = [
            indicator(["产出指标", "数量指标", "补助数量"], "d"),
            indicator(["", "数量指标", ""], "d"),
            indicator(["产出指标", "", "补助数量"], "d"),
            indicator(["", "", ""], "描述"),
        ];
        for p in &projects {
            assert_eq!(super::label(p), old_label(p));
            assert_eq!(super::about(p, None, &["没有", "编码"]), format!("{}没有编码", old_label(p)));
            for i in &indicators {
                let joined = format!("{}的指标{}没有填写指标值", old_label(p), old_ind(i));
                assert_eq!(super::about(p, Some(i), &["没有填写指标值"]), joined);
            }
        }
    }

    #[test]
    fn required_level1_names_are_found_keyed_in_any_indicator_row() {
        let head = concat!(project_head!(), project_budget!(), project_plan!(), project_goal!(), indicator_head!());
        let output = "产出指标\t数量指标\t补助数量\t补助数量\t1个\t文件\n";
        let benefit = "效 益\t社会效益指标\t培训\t培训指导\t提高能力\t总结\n";
        let satisfaction = "“满意度”指标\t服务对象满意度指标\t企业满意度\t满意度\t≥95%\t问卷\n";
        let all = format!("{head}{output}{output}{benefit}{satisfaction}");
        assert_eq!(run(&super::P003, &all), Vec::<String>::new());
        let missing = run(&super::P003, &format!("{head}{output}{satisfaction}{output}"));
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(missing[0].ends_with("缺少一级指标“效益指标”"), "{missing:?}");
    }

    #[test]
    fn a_project_name_is_compared_with_its_title_keyed_and_without_the_suffix() {
        let table = |title: &str, name: &str| {
            format!(
                "1、{title}\n单位：万元\n项目编码\t13040225P00023510002M\t\t项目名称\t{name}\n{}{}{}{}",
                project_budget!(),
                project_plan!(),
                project_goal!(),
                project_indicators!()
            )
        };
        assert!(run(&super::P017, &table("科技 特派员补助绩效目标表", "科技特派员 补助")).is_empty());
        assert!(run(&super::P017, &table("科技特派员补助绩效目标表", "特派员")).is_empty());
        let other = run(&super::P017, &table("科技特派员补助绩效目标表", "高企认定奖补"));
        assert_eq!(other.len(), 1, "{other:?}");
    }

    #[test]
    fn years_are_what_the_regex_they_replace_finds() {
        let re = Regex::new(r"(20\d\d)\s*年").unwrap();
        for s in [
            "",
            "2026年",
            "邯财教[2025]89号提前下达2026年支持市县科技创新",
            "2025 年与 2027　年",
            "202020年",
            "20２6年",
            "１2026年",
            "2026",
            "年2026年年",
            "x2019\t年, 2031年度",
            "20٢٦年 2020٢年 2027年",
        ] {
            let want: Vec<u16> = re.captures_iter(s).filter_map(|c| c[1].parse().ok()).collect();
            assert_eq!(years(s).collect::<Vec<_>>(), want, "{s:?}");
        }
    }
}
