//! The seed's department built from its budget lines: every amount of the nine tables equals the mended
//! seed's, and `yusuan check` finds no error and no warning in the built text.

use std::path::Path;
use yusuan_build::input::{Fund, Kind, Line, Period, Yuan};
use yusuan_build::{build, read::read_input};
use yusuan_model::{Catalog, Document, Layout, Money};

const NINE: [&str; 9] = yusuan_model::layout::NINE_TABLES;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

pub fn built_text() -> String {
    let (input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let built = build(&input, &origins, Catalog::bundled())
        .unwrap_or_else(|e| panic!("refused: {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("\n")));
    built.package.to_text()
}

/// (table, row key, column) → amount text, for every amount cell.
fn cells(doc: &Document) -> std::collections::BTreeMap<(String, String, String), i64> {
    let mut out = std::collections::BTreeMap::new();
    for t in doc.tables.iter().filter(|t| NINE.contains(&t.kind.as_str())) {
        for r in &t.rows {
            for (i, c) in r.cells.iter().enumerate() {
                let Some(a) = c.amount() else { continue };
                let col = &t.columns[i];
                let name = t.row_name(r, col.name_column.as_deref());
                let key = match &r.code {
                    Some(code) => code.to_string(),
                    None => yusuan_model::layout::key(name),
                };
                out.insert((t.kind.clone(), key, col.id.clone()), a.value.0);
            }
        }
    }
    out
}

#[test]
fn nine_tables_equal_the_mended_seed_and_check_clean() {
    let text = built_text();
    if let Ok(p) = std::env::var("YUSUAN_DUMP") {
        std::fs::write(p, &text).expect("dump");
    }
    let layout = Layout::by_id("hebei-dept-budget").expect("layout");
    let built = yusuan_read::read_text("built.txt", &text, layout);
    let seed_text =
        std::fs::read_to_string(root().join("fixtures/hanshan-kegongxin-2025-budget.corrected.txt")).expect("seed");
    let seed = yusuan_read::read_text("seed.txt", &seed_text, layout);
    let (b, s) = (cells(&built), cells(&seed));
    assert!(s.len() > 250, "seed cells: {}", s.len());
    let diff: Vec<String> = s
        .iter()
        .filter(|(k, v)| b.get(*k) != Some(v))
        .map(|(k, v)| format!("seed {k:?} = {v}, built {:?}", b.get(k)))
        .chain(b.iter().filter(|(k, _)| !s.contains_key(*k)).map(|(k, v)| format!("built only {k:?} = {v}")))
        .collect();
    assert!(diff.is_empty(), "{} differences:\n{}", diff.len(), diff.join("\n"));
    let report = yusuan_check::check(&built, Catalog::bundled());
    let bad: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != yusuan_check::Severity::Info)
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect();
    assert!(bad.is_empty(), "check found:\n{}", bad.join("\n"));
}

#[test]
fn a_missing_reason_leaves_a_slot_that_check_reports_until_filled() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    input.texts.remove("reason.basic");
    input.texts.remove("other");
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    assert!(
        text.contains("基本支出 536.08 万元，减少 55.59 万元，下降 9.40%，主要原因是【请填写：基本支出变化的原因】")
    );
    let layout = Layout::by_id("hebei-dept-budget").expect("layout");
    let doc = yusuan_read::read_text("draft.txt", &text, layout);
    let report = yusuan_check::check(&doc, Catalog::bundled());
    let slots: Vec<_> = report.findings.iter().filter(|f| f.rule == "N028").collect();
    assert_eq!(slots.len(), 2, "{slots:#?}");
    assert_eq!(slots[0].severity, yusuan_check::Severity::Error);
    assert!(report.findings.iter().all(|f| f.rule != "N019"), "a slot is reported once, by N028");
}

#[test]
fn invalid_entries_are_refused_with_their_row() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    input.lines[2].function = "2069998".into();
    input.lines[4].economic = None;
    input.lines[5].unit = "不存在的单位".into();
    let Err(errors) = build(&input, &origins, Catalog::bundled()) else { panic!("not refused") };
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        text,
        [
            "lines 第 3 条：功能分类科目编码“2069998”不在科目表中",
            "lines 第 5 条：基本支出必须填写部门经济分类科目编码",
            "lines 第 6 条：单位“不存在的单位”不在单位表中",
        ]
    );
}

#[test]
fn the_built_workbook_reads_back_with_the_same_cells_and_checks_clean() {
    let (input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let package = build(&input, &origins, Catalog::bundled()).expect("build").package;
    let bytes = yusuan_build::xlsx::write_disclosure(&package).expect("xlsx");
    if let Ok(p) = std::env::var("YUSUAN_DUMP_XLSX") {
        std::fs::write(p, &bytes).expect("dump");
    }
    let layout = Layout::by_id("hebei-dept-budget").expect("layout");
    let from_text = yusuan_read::read_text("built.txt", &package.to_text(), layout);
    let from_xlsx = yusuan_read::read_workbook_bytes("disclosure.xlsx", &bytes, None).expect("read xlsx");
    assert_eq!(from_xlsx.meta.layout, "hebei-dept-budget");
    assert_eq!(cells(&from_xlsx), cells(&from_text));
    let all = |d: &Document| -> Vec<(String, usize, Vec<Option<i64>>)> {
        d.tables
            .iter()
            .flat_map(|t| {
                t.rows.iter().map(move |r| {
                    (t.kind.clone(), r.position, r.cells.iter().map(|c| c.amount().map(|a| a.value.0)).collect())
                })
            })
            .collect()
    };
    assert_eq!(all(&from_xlsx), all(&from_text), "every table, procurement and assets included");
    assert_eq!(from_xlsx.projects.len(), 7);
    assert_eq!(
        from_xlsx.projects.iter().map(|p| p.budget.as_ref().map(|a| a.value.0)).collect::<Vec<_>>(),
        from_text.projects.iter().map(|p| p.budget.as_ref().map(|a| a.value.0)).collect::<Vec<_>>()
    );
    let report = yusuan_check::check(&from_xlsx, Catalog::bundled());
    let bad: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != yusuan_check::Severity::Info)
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect();
    assert!(bad.is_empty(), "check found:\n{}", bad.join("\n"));
}

/// The drafted parts of the explanation, reviewed: 收入/支出说明, 增减变化, 机关运行经费, 三公, 采购, 资产.
#[test]
fn drafted_explanation_snapshot() {
    let full = built_text();
    let text = &full[full.find("按照《中华人民共和国预算法》").expect("explanation")..];
    let part = |from: &str, to: &str| -> String {
        let a = text.find(from).expect(from);
        let b = a + text[a..].find(to).expect(to);
        text[a..b].trim_end().to_string()
    };
    let drafted = [
        part("二、部门预算安排的总体情况", "五、部门整体绩效目标"),
        part("七、部门项目预算安排情况及绩效目标", "1、"),
        part("八、政府采购预算情况", "部门政府采购预算\n"),
        part("九、国有资产信息", "部门固定资产占用情况表\n"),
    ]
    .join("\n\n");
    insta::assert_snapshot!("drafted_explanation", drafted);
}

/// The printed lines of the nine tables, reviewed against the seed's layout.
#[test]
fn nine_tables_snapshot() {
    let text = built_text();
    let a = text.find("部门预算收支总表\n").expect("first table");
    let b = text[a..].find("邯山区科技和工业信息化局2025年部门预算信息公开情况说明").expect("explanation") + a;
    insta::assert_snapshot!("nine_tables", text[a..b].trim_end());
}

#[test]
fn index_html_has_every_table_chart_and_heading() {
    let (input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let built = build(&input, &origins, Catalog::bundled()).expect("build");
    let html = yusuan_build::html::write_index(&built, Catalog::bundled());
    assert!(html.starts_with("<!DOCTYPE html><html lang=\"zh-CN\">"));
    for t in built.package.tables() {
        assert!(html.contains(&format!("<caption>{}", yusuan_build::html::esc(&t.title))), "{}", t.title);
    }
    assert_eq!(html.matches("<svg ").count(), 4);
    assert_eq!(html.matches("role=\"img\"").count(), 4);
    assert!(html.contains("<th scope=\"colgroup\" colspan=\"8\">本年收入</th>"));
    assert_eq!(html.matches("<table").count(), html.matches("</table>").count());
}

/// Lines that are not whole hundreds of 元: every printed total still equals the sum of its printed
/// parts, so the checker finds no 尾差 (not even as info) and no cross-table difference.
#[test]
fn odd_amounts_print_without_rounding_differences() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    for l in &mut input.lines {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        // ±99.99 元 at most: the tables' 0.01 万元 boundaries are crossed in both directions.
        l.amount.0 .0 += (x % 19_999) as i64 - 9_999;
    }
    for id in ["reason.total", "reason.admin_running", "reason.three_public"] {
        input.texts.insert(id.into(), "测试用的原因".into());
    }
    // Projects' plans follow their budgets (otherwise the plan-vs-budget rule would rightly complain).
    for p in &mut input.projects {
        let total: i64 =
            input.lines.iter().filter(|l| l.project.as_deref() == Some(&p.code)).map(|l| l.amount.0 .0).sum();
        for step in &mut p.plan {
            if step.amount.is_some() {
                step.amount = Some(yusuan_build::input::Yuan(yusuan_model::Money(total)));
            }
        }
    }
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    let changed = text.lines().zip(built_text().lines()).filter(|(a, b)| a != b).count();
    assert!(changed > 10, "the perturbation must move printed amounts ({changed} lines changed)");
    let layout = Layout::by_id("hebei-dept-budget").expect("layout");
    let doc = yusuan_read::read_text("odd.txt", &text, layout);
    let report = yusuan_check::check(&doc, Catalog::bundled());
    let sums: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.rule.starts_with('A') || f.rule.starts_with('X') || f.severity != yusuan_check::Severity::Info)
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect();
    assert!(sums.is_empty(), "{}", sums.join("\n"));
}

#[test]
fn a_department_without_procurement_prints_an_empty_table_and_checks_clean() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    input.procurement.clear();
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    assert!(text.contains("2025年部门无政府采购预算。"));
    assert!(text.contains("注：本部门无政府采购预算，空表列示。"));
    let doc = yusuan_read::read_text("x.txt", &text, Layout::by_id("hebei-dept-budget").expect("layout"));
    let report = yusuan_check::check(&doc, Catalog::bundled());
    let bad: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != yusuan_check::Severity::Info)
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn the_built_pdf_reads_back_with_the_same_cells_and_checks_clean() {
    let (input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let built = build(&input, &origins, Catalog::bundled()).expect("builds");
    let pdf = match yusuan_build::output::render_pdf(&built) {
        Ok(pdf) => pdf,
        // CI installs a CJK font and sets YUSUAN_REQUIRE_FONT, so this is never skipped there.
        Err(e @ yusuan_print::PrintError::NoFont) if std::env::var_os("YUSUAN_REQUIRE_FONT").is_none() => {
            eprintln!("skipped: {e}");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let back = yusuan_read::read_bytes("disclosure.pdf", &pdf, None).expect("read back");
    assert_eq!(back.meta.layout, "hebei-dept-budget");
    let (want, got) = (cells(&built.document), cells(&back));
    assert!(want.len() > 250, "built cells: {}", want.len());
    assert_eq!(got, want, "the PDF gives the cells of the built package");
    let report = yusuan_check::check(&back, Catalog::bundled());
    let bad: Vec<String> = report
        .findings
        .iter()
        .filter(|f| f.severity != yusuan_check::Severity::Info)
        .map(|f| format!("[{}] {}", f.rule, f.message))
        .collect();
    assert!(bad.is_empty(), "check found in the PDF:\n{}", bad.join("\n"));
}

/// The example department with `lines` added (amounts in 元).
fn with_lines(lines: &[(&str, &str, Fund, Kind, i64)]) -> String {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let unit = input.units[0].name.clone();
    for &(function, economic, fund, kind, yuan) in lines {
        input.lines.push(Line {
            unit: unit.clone(),
            function: function.into(),
            economic: Some(economic.into()),
            fund,
            income: (fund == Fund::UnitFunds).then_some(yusuan_build::input::IncomeKind::Business),
            kind,
            project: None,
            period: Period::Current,
            amount: Yuan(Money(yuan * 100)),
        });
    }
    build(&input, &origins, Catalog::bundled()).expect("build").package.to_text()
}

fn check_text(text: &str) -> yusuan_check::Report {
    let doc = yusuan_read::read_text("x.txt", text, Layout::by_id("hebei-dept-budget").expect("layout"));
    yusuan_check::check(&doc, Catalog::bundled())
}

#[test]
fn basic_expenditure_paid_partly_by_other_funds_bounds_the_stated_personnel_and_public_funds() {
    // 10 万元 of 公用经费 from a 财政专户: the explanation's 公用经费 (all funds) is 40.98, the basic table's
    // (一般公共预算 only) 30.98, and no table prints the 40.98.
    let text = with_lines(&[("2060101", "30201", Fund::SpecialAccount, Kind::Public, 100_000)]);
    assert!(text.contains("日常公用经费支出 40.98 万元"), "{text}");
    let report = check_text(&text);
    let n006 = report.rules.iter().find(|s| s.code == "N006").expect("N006 ran");
    assert_eq!(n006.status, yusuan_check::Status::NotEvaluated, "{:?}", report.by_rule("N006").collect::<Vec<_>>());
    assert!(n006.reason.as_deref().is_some_and(|r| r.contains("10.00万元")), "{:?}", n006.reason);
    // Below the basic table's figure, or above it plus the other funds, it is wrong whatever the funds.
    for wrong in ["日常公用经费支出 20.98 万元", "日常公用经费支出 50.98 万元"] {
        let report = check_text(&text.replace("日常公用经费支出 40.98 万元", wrong));
        let found: Vec<_> = report.by_rule("N006").collect();
        assert_eq!(found.len(), 1, "{wrong}: {found:?}");
        assert_eq!(found[0].expected.as_deref(), Some("30.98万元 ～ 40.98万元"));
    }
    // Every yuan from 一般公共预算 (the example as it is): the figure is compared exactly, as before.
    let report = check_text(&built_text().replace("日常公用经费支出 30.98 万元", "日常公用经费支出 30.99 万元"));
    assert_eq!(report.by_rule("N006").count(), 1);
}

#[test]
fn an_empty_three_public_table_carries_its_note() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    input.lines.retain(|l| !matches!(l.economic.as_deref(), Some("30231" | "30215" | "30216" | "30212" | "30217")));
    input.procurement.retain(|p| !p.item.contains("车辆"));
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    assert!(text.contains("注：无财政拨款“三公”经费、会议费和培训费预算，空表列示。"));
    let report = check_text(&text);
    assert_eq!(report.by_rule("M002").count(), 0, "{:?}", report.by_rule("M002").collect::<Vec<_>>());
}

#[test]
fn a_reserved_share_never_prints_above_its_purchase() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    // Purchases of 446, 447 and 447 元 print as 0.04, 0.05, 0.04 万元 (13 hundredths in all); shares of 445
    // and 7 元 add up to 0.05, which rounding the shares alone would give the first one, above its 0.04.
    let template = input.procurement[0].clone();
    input.procurement = [(44_600, 44_500), (44_700, 700), (44_700, 0)]
        .into_iter()
        .map(|(amount, sme)| yusuan_build::input::ProcurementInput {
            amount: Yuan(Money(amount)),
            unit_price: Yuan(Money(amount)),
            sme: Yuan(Money(sme)),
            ..template.clone()
        })
        .collect();
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    let report = check_text(&text);
    assert_eq!(report.by_rule("G003").count(), 0, "{:?}", report.by_rule("G003").collect::<Vec<_>>());
}

#[test]
fn state_capital_funds_and_223_lines_go_together() {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let soe = input.lines.iter().position(|l| l.fund == Fund::Soe).expect("a 国有资本经营 line");
    input.lines[soe].function = "2069999".into();
    input.lines[0].function = "2230105".into();
    let Err(errors) = build(&input, &origins, Catalog::bundled()) else { panic!("not refused") };
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(
        text,
        [
            "lines 第 1 条：223 类科目“2230105”只能由国有资本经营预算资金安排".to_string(),
            format!("lines 第 {} 条：国有资本经营预算资金只能安排 223 类科目，不能安排“2069999”", soe + 1),
        ]
    );
}

#[test]
fn a_carryover_of_unit_funds_keeps_the_two_summaries_comparable() {
    // Last year's 120 万元 for 2069999 left as 单位资金, not 财政拨款: the 收支总表 carries over 696.22, the
    // 财政拨款收支总表 576.22, and each figure of the two still answers for the other.
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let l = input.lines.iter_mut().find(|l| l.function == "2069999" && l.period == Period::Carryover).expect("line");
    l.fund = Fund::UnitFunds;
    l.income = Some(yusuan_build::input::IncomeKind::Business);
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    let report = check_text(&text);
    let x025 = report.rules.iter().find(|s| s.code == "X025").expect("X025 ran");
    assert_eq!(x025.status, yusuan_check::Status::Passed, "{:?}", report.by_rule("X025").collect::<Vec<_>>());
    let bad: Vec<_> = report.findings.iter().filter(|f| f.severity != yusuan_check::Severity::Info).collect();
    assert!(bad.is_empty(), "{bad:?}");
    // 10 万元 more spent on 科学技术 from 财政拨款 than the 收支总表 spends on it in all.
    let line = "六、科学技术支出\t431.96\t431.96";
    assert!(text.contains(line), "{text}");
    let wrong = text.replace(line, "六、科学技术支出\t561.96\t561.96");
    let found: Vec<String> = check_text(&wrong).by_rule("X025").map(|f| f.message.clone()).collect();
    assert!(
        found
            .iter()
            .any(|m| m.contains("206 科学技术支出：财政拨款安排 561.96万元，大于收支总表的全部支出 551.96万元")),
        "{found:?}"
    );
}

/// The example department built with last year's 1.50 万元 of 公务用车运行维护费 (30231) on `economic` instead:
/// this year's 三公 total is unchanged while its parts moved. The text, and N017's findings in it.
fn three_public_moved_from(economic: &str, reason: Option<&str>) -> (String, usize) {
    let (mut input, origins) = read_input(&root().join("examples/hanshan-kegongxin-2025/input.json")).expect("input");
    let prior = input.prior.as_mut().expect("last year");
    let car = prior.lines.iter_mut().find(|l| l.economic.as_deref() == Some("30231")).expect("30231 last year");
    car.economic = Some(economic.into());
    if let Some(r) = reason {
        input.texts.insert("reason.three_public".into(), r.into());
    }
    let text = build(&input, &origins, Catalog::bundled()).expect("build").package.to_text();
    let n017 = check_text(&text).by_rule("N017").count();
    (text, n017)
}

#[test]
fn three_public_items_that_move_under_an_unchanged_total_get_their_reason() {
    // Last year the 1.50 万元 went to 公务接待, this year to the car: the total is unchanged, two items moved.
    let (text, n017) = three_public_moved_from("30217", Some("公务接待压减、公务用车运行费用按实际安排"));
    assert!(
        text.contains("“三公”经费总额与上年持平，各项有增有减，主要原因是公务接待压减、公务用车运行费用按实际安排。"),
        "{text}"
    );
    assert_eq!(n017, 0);
    // Last year it bought a car, this year it runs one: 公务用车购置及运维费 unchanged too, its parts moved.
    let (text, n017) = three_public_moved_from("31013", None);
    assert!(text.contains("“三公”经费总额与上年持平，各项有增有减"), "{text}");
    assert_eq!(n017, 0);
}

#[test]
fn every_figure_the_drafted_explanation_states_answers_to_a_table() {
    // The fund's spending, the 项目支出 of the project section, the 政府采购 by kind and its reserved share,
    // and each asset's value: the draft agrees with the tables, and a figure changed by 0.05 万元 is an error.
    let text = built_text();
    let report = check_text(&text);
    for code in ["N007", "N011", "N012", "N031", "N032"] {
        let status = report.rules.iter().find(|s| s.code == code).map(|s| s.status);
        assert_eq!(status, Some(yusuan_check::Status::Passed), "{code}");
    }
    for (from, to, rule) in [
        ("（其中国有资本经营预算拨款支出 1128.00 万元）", "（其中国有资本经营预算拨款支出 1128.05 万元）", "N031"),
        ("共安排项目支出 1262.22 万元", "共安排项目支出 1262.27 万元", "N007"),
        ("服务类 3.50 万元", "服务类 3.55 万元", "N032"),
        ("预留中小微企业份额 3.50 万元", "预留中小微企业份额 3.45 万元", "N011"),
        ("车辆 1 辆，价值 12.00 万元", "车辆 1 辆，价值 12.05 万元", "N012"),
        ("其他固定资产 225 项，价值 68.64 万元", "其他固定资产 225 项，价值 68.69 万元", "N012"),
    ] {
        assert!(text.contains(from), "{from}");
        let report = check_text(&text.replace(from, to));
        let found: Vec<_> = report.by_rule(rule).filter(|f| f.severity == yusuan_check::Severity::Error).collect();
        assert_eq!(found.len(), 1, "{to}: {found:?}");
    }
}
