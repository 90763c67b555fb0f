//! "Consistent by construction", tested on departments unlike the seed's: the example department's budget
//! lines with other amounts (round, odd to the 分, tiny), some lines and projects dropped, lines added from
//! other funds (政府性基金, 财政专户, 单位资金), other classes and the 三公 economic lines, new projects, other
//! procurement and assets, and last year changed or absent. Each package is printed as text, read back and
//! checked: every printed amount of the nine tables is read back exactly, and `yusuan check` finds no error and
//! no warning. A failure prints the case's seed and the findings.

use proptest::prelude::*;
use std::path::Path;
use yusuan_build::input::{
    Fund, IncomeKind, Input, Kind, Line, Period, PlanInput, ProcurementInput, ProjectInput, Yuan,
};
use yusuan_build::{build, read::read_input, Origins};
use yusuan_model::{Catalog, Layout, Money};

/// SplitMix64: the case's choices from its seed, so that a failing seed reproduces the department.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// An amount in 分: a round one (whole hundreds of 元), one odd to the 分, or a tiny one.
    fn amount(&mut self) -> Money {
        Money(match self.below(10) {
            0..=3 => (1 + self.below(50_000)) * 10_000,
            4..=7 => 1 + self.below(500_000_000),
            _ => 1 + self.below(500_000),
        } as i64)
    }
    /// An amount of at least 1 万元, round or odd.
    fn sizeable(&mut self) -> Money {
        Money(1_000_000 + self.amount().0)
    }
    /// `total` split into `n` parts (some of them zero).
    fn split(&mut self, total: Money, n: usize) -> Vec<Money> {
        let mut cuts: Vec<i64> = (1..n).map(|_| (self.below(total.0 as u64 + 1)) as i64).collect();
        cuts.sort_unstable();
        let mut prev = 0;
        let mut out: Vec<Money> = cuts
            .iter()
            .map(|&c| {
                let part = c - prev;
                prev = c;
                Money(part)
            })
            .collect();
        out.push(Money(total.0 - prev));
        out
    }
}

fn example() -> (Input, Origins) {
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."));
    read_input(&root.join("examples/hanshan-kegongxin-2025/input.json")).expect("example input")
}

/// Basic-expenditure lines a department may add: (功能分类项, 经济分类款, kind, fund, income).
const EXTRA_BASIC: [BasicLine; 9] = [
    ("2080502", "30302", Kind::Personnel, Fund::General, None),
    ("2101101", "30110", Kind::Personnel, Fund::General, None),
    ("2060101", "30212", Kind::Public, Fund::General, None),
    ("2060101", "30217", Kind::Public, Fund::General, None),
    ("2060101", "30216", Kind::Public, Fund::General, None),
    ("2060101", "30299", Kind::Public, Fund::General, None),
    ("2013899", "30101", Kind::Personnel, Fund::General, None),
    ("2060101", "30201", Kind::Public, Fund::SpecialAccount, None),
    ("2060101", "30101", Kind::Personnel, Fund::UnitFunds, Some(IncomeKind::Business)),
];

/// Other departments (code as printed above the tables, or none).
const DEPARTMENTS: [(&str, &str); 3] =
    [("311", "邯山区教育体育局"), ("402001", "邯郸市邯山区农业农村局（乡村振兴局）"), ("", "邯山区档案馆")];

/// A basic-expenditure line of this year for `unit`: (功能分类项, 经济分类款, kind, fund, income).
fn basic_line(unit: &str, (function, economic, kind, fund, income): BasicLine, amount: Yuan) -> Line {
    Line {
        unit: unit.into(),
        function: function.into(),
        economic: Some(economic.into()),
        fund,
        income,
        kind,
        project: None,
        period: Period::Current,
        amount,
    }
}

/// (功能分类项, 经济分类款, kind, fund, income) of a basic-expenditure line.
type BasicLine = (&'static str, &'static str, Kind, Fund, Option<IncomeKind>);

/// Economic lines a new project's line may name (most name none).
const PROJECT_ECONOMIC: [Option<&str>; 7] =
    [None, None, None, Some("31013"), Some("30217"), Some("30299"), Some("31002")];

/// What 单位资金 may be.
const INCOMES: [IncomeKind; 5] =
    [IncomeKind::Business, IncomeKind::Operating, IncomeKind::Superior, IncomeKind::Affiliated, IncomeKind::Other];

/// Functions a new project may be paid under.
const PROJECT_FUNCTIONS: [&str; 4] = ["2060502", "2069999", "2120102", "2150899"];

/// The example department changed by the choices of `seed`.
fn department(seed: u64) -> Input {
    let mut rng = Rng(seed);
    let (mut input, _) = example();
    // Another department, year and a unit more now and then.
    if rng.chance(40) {
        let (code, name) = DEPARTMENTS[rng.below(DEPARTMENTS.len() as u64) as usize];
        input.department.code = code.into();
        input.department.name = name.into();
    }
    if rng.chance(40) {
        // (not earlier: its projects are coded and named for 2025, which P014 reports in a 2024 budget)
        input.department.year = 2026;
        if let Some(prior) = &mut input.prior {
            prior.year = input.department.year - 1;
        }
    }
    if rng.chance(30) {
        input.units.push(yusuan_build::input::UnitInfo {
            name: format!("{}所属服务中心", input.department.name),
            kind: yusuan_build::input::UnitKind::Institution,
            level: "股级".into(),
            funding: "财政拨款".into(),
        });
    }
    let unit = input.units[0].name.clone();
    // This year's lines: each kept or dropped, with a new amount.
    let mut dropped_projects = vec![];
    input.lines.retain_mut(|l| {
        if rng.chance(12) {
            if let Some(p) = &l.project {
                dropped_projects.push(p.clone());
            }
            return false;
        }
        // A project of a few yuan would print as nothing in 万元, which P008 and P016 rightly report.
        l.amount = Yuan(if l.project.is_some() { rng.sizeable() } else { rng.amount() });
        true
    });
    input.projects.retain(|p| !dropped_projects.contains(&p.code));
    for extra in EXTRA_BASIC {
        if rng.chance(30) {
            let unit = &input.units[rng.below(input.units.len() as u64) as usize].name;
            input.lines.push(basic_line(unit, extra, Yuan(rng.amount())));
        }
    }
    // Basic spending under any class of the catalog (not the 223 and 230–234 classes, which only their own
    // funds and transfers pay), on economic lines no function line must mirror.
    let items: Vec<&str> = Catalog::bundled()
        .entries(yusuan_model::Classification::Function)
        .into_iter()
        .map(|e| e.code.as_str())
        .filter(|c| c.len() == 7 && !c.starts_with("223") && c[..3] < *"230")
        // (nor the lines the basic table's 30108, 30109, 30113, 30110/30111 and 30302 must equal or exceed)
        .filter(|c| !["20805", "22102", "21011"].iter().any(|m| c.starts_with(m)))
        .collect();
    for _ in 0..rng.below(4) {
        let (economic, kind) =
            [("30101", Kind::Personnel), ("30201", Kind::Public), ("30299", Kind::Public)][rng.below(3) as usize];
        let unit = &input.units[rng.below(input.units.len() as u64) as usize].name;
        let function = items[rng.below(items.len() as u64) as usize];
        input.lines.push(basic_line(unit, (function, economic, kind, Fund::General, None), Yuan(rng.amount())));
    }
    // New projects, from any fund, this year's or carried over, some in more than one line and some on
    // the 三公 economic lines (a car bought, a reception held by a project).
    let template = input.projects.first().cloned().unwrap_or_else(|| example().0.projects[0].clone());
    for n in 0..rng.below(4) {
        let code = format!("13040225P9999{n:04}{}", ["A", "B", "C", "D"][n as usize]);
        let fund =
            [Fund::General, Fund::GovFund, Fund::Soe, Fund::SpecialAccount, Fund::UnitFunds][rng.below(5) as usize];
        for _ in 0..1 + rng.below(2) {
            input.lines.push(Line {
                unit: unit.clone(),
                // 国有资本经营 funds pay 223 lines only, and only they do (C011, C012).
                function: if fund == Fund::Soe {
                    "2230105".into()
                } else {
                    PROJECT_FUNCTIONS[rng.below(PROJECT_FUNCTIONS.len() as u64) as usize].into()
                },
                economic: PROJECT_ECONOMIC[rng.below(PROJECT_ECONOMIC.len() as u64) as usize].map(String::from),
                fund,
                income: (fund == Fund::UnitFunds).then(|| INCOMES[rng.below(INCOMES.len() as u64) as usize]),
                kind: Kind::Project,
                project: Some(code.clone()),
                period: if rng.chance(30) { Period::Carryover } else { Period::Current },
                amount: Yuan(rng.sizeable()),
            });
        }
        input.projects.push(ProjectInput {
            code,
            name: format!("第{}批科技创新券兑付项目", n + 1),
            ..template.clone()
        });
    }
    // Each project's spending plan adds up to its budget.
    for p in &mut input.projects {
        let budget = Money(
            input.lines.iter().filter(|l| l.project.as_deref() == Some(p.code.as_str())).map(|l| l.amount.0 .0).sum(),
        );
        let periods = ["3月底", "6月底", "10月底", "12月底"];
        let parts = rng.split(budget, periods.len());
        p.plan = periods
            .iter()
            .zip(parts)
            .map(|(period, m)| PlanInput { period: (*period).into(), amount: (m != Money::ZERO).then_some(Yuan(m)) })
            .collect();
        // A cost indicator states the budget it caps.
        for i in &mut p.indicators {
            if i.level2 == "成本指标" {
                i.value = format!("≤{}万元", (budget.0 + 999_999) / 1_000_000 * 100);
            }
        }
    }
    for p in &mut input.procurement {
        let amount = Money(1 + rng.below(p.project_budget.0 .0 as u64) as i64);
        p.amount = Yuan(amount);
        p.unit_price = Yuan(amount);
        p.quantity = 1;
        p.sme = Yuan(Money(rng.below(amount.0 as u64 + 1) as i64));
    }
    // A car bought is procured (G009 reports a 公务用车购置费 with no car in the procurement table).
    let cars: Vec<_> = input
        .lines
        .iter()
        .filter(|l| l.economic.as_deref() == Some("31013") && l.fund.fiscal())
        .map(|l| ProcurementInput {
            unit: l.unit.clone(),
            project: input
                .projects
                .iter()
                .find(|p| Some(&p.code) == l.project.as_ref())
                .map_or_else(String::new, |p| p.name.clone()),
            project_budget: l.amount,
            item: "乘用车".into(),
            catalog_no: "A02030500".into(),
            measure: "辆".into(),
            quantity: 1,
            unit_price: l.amount,
            fund: l.fund,
            period: l.period,
            amount: l.amount,
            sme: Yuan(Money::ZERO),
        })
        .collect();
    input.procurement.extend(cars);
    // Purchases from other funds and from last year's money.
    for _ in 0..rng.below(3) {
        let mut p = input.procurement.first().cloned().unwrap_or_else(|| example().0.procurement[0].clone());
        let amount = rng.sizeable();
        p.unit = input.units[rng.below(input.units.len() as u64) as usize].name.clone();
        p.fund =
            [Fund::General, Fund::GovFund, Fund::Soe, Fund::SpecialAccount, Fund::UnitFunds][rng.below(5) as usize];
        p.period = if rng.chance(25) { Period::Carryover } else { Period::Current };
        let (item, catalog_no) = [("复印纸", "A05040101"), ("台式计算机", "A02010104"), ("物业管理服务", "C21040000")]
            [rng.below(3) as usize];
        (p.item, p.catalog_no) = (item.into(), catalog_no.into());
        (p.amount, p.unit_price, p.project_budget) = (Yuan(amount), Yuan(amount), Yuan(amount));
        p.sme = Yuan(Money(rng.below(amount.0 as u64 + 1) as i64));
        input.procurement.push(p);
    }

    if let Some(a) = &mut input.assets {
        // Vehicle costs with no vehicle are what G010 reports: a department with either has a vehicle.
        let running = input.lines.iter().any(|l| l.economic.as_deref() == Some("30231"))
            || input.procurement.iter().any(|p| p.item.contains("车辆"));
        a.vehicles = rng.below(3) as u32 + u32::from(running);
        if a.vehicles == 0 {
            a.vehicles_value = Yuan(Money::ZERO);
        }
    }
    // Last year: other amounts, or no comparison at all.
    if rng.chance(20) {
        input.prior = None;
    } else if let Some(prior) = &mut input.prior {
        prior.lines.retain(|_| !rng.chance(15));
        for l in &mut prior.lines {
            if rng.chance(70) {
                l.amount = Yuan(rng.amount());
            }
        }
        for extra in EXTRA_BASIC {
            if rng.chance(20) {
                prior.lines.push(basic_line(&unit, extra, Yuan(rng.amount())));
            }
        }
    }
    for what in ["reason.total", "reason.basic", "reason.project", "reason.admin_running", "reason.three_public"] {
        input.texts.entry(what.into()).or_insert_with(|| "人员和工作任务调整。".into());
    }
    input
}

/// The money cells of a table, row by row.
fn amounts_of_rows<'a>(rows: impl Iterator<Item = Vec<Money>> + 'a) -> Vec<Money> {
    rows.flatten().filter(|m| *m != Money::ZERO).collect()
}

/// `package` as text extracted from a printed copy: page breaks after 6–20 rows of a table repeat its page
/// head, header and 栏次 row; a code or a long name is now and then wrapped inside its cell.
fn extracted(package: &yusuan_build::Package, rng: &mut Rng) -> String {
    // How this publisher prints amounts: thousands separated or not; an empty amount cell as nothing,
    // `0.00` or a dash.
    let thousands = rng.chance(40);
    let empty = ["", "", "0.00", "-", "—"][rng.below(5) as usize];
    // What a new page of a table starts with besides its page head: nothing, a page number under the page
    // before, `续表`, or the title again.
    let page_top = rng.below(4);
    let mut page = 0;
    let mut out = String::new();
    let emit = |cells: &[String], out: &mut String| {
        let last = cells.iter().rposition(|c| !c.is_empty()).map_or(0, |i| i + 1);
        out.push_str(&cells[..last].join("\t"));
        out.push('\n');
    };
    for (name, lines) in package.to_lines() {
        let Some(t) =
            package.tables().find(|t| t.title == name && yusuan_model::layout::NINE_TABLES.contains(&t.kind.as_str()))
        else {
            for l in &lines {
                emit(l, &mut out);
            }
            out.push('\n');
            continue;
        };
        let head = 1 + t.meta.len() + t.header_rows + usize::from(t.column_numbers);
        let (top, rest) = lines.split_at(head.min(lines.len()));
        let (rows, note) = rest.split_at(t.rows.len().min(rest.len()));
        top.iter().for_each(|l| emit(l, &mut out));
        let mut on_page = 0;
        let mut page_rows = 6 + rng.below(15);
        for (position, row) in rows.iter().enumerate() {
            if on_page == page_rows {
                page += 1;
                match page_top {
                    1 => out.push_str(&format!("- {page} -\n")),
                    2 => out.push_str("\n续表\n"),
                    3 => out.push_str(&format!("\n{}\n", t.title)),
                    _ => {}
                }
                out.push('\n');
                for l in &top[1..] {
                    let typo = l.first().is_some_and(|c| c == "栏次") && rng.chance(30);
                    emit(
                        &if typo { [vec!["档次".to_string()], l[1..].to_vec()].concat() } else { l.clone() },
                        &mut out,
                    );
                }
                on_page = 0;
                page_rows = 6 + rng.below(15);
            }
            // A cell's tail the extractor put on a line of its own, under its column (`206010` / `1`).
            let mut tail: Option<(usize, String)> = None;
            let wrapped: Vec<String> = row
                .iter()
                .zip(&t.column_ids)
                .enumerate()
                .map(|(c, (cell, id))| {
                    let money_column = t.rows.iter().any(|r| matches!(r.get(c), Some(yusuan_build::PCell::Money(_))));
                    let is_money = matches!(t.rows[position].get(c), Some(yusuan_build::PCell::Money(_)));
                    if is_money && thousands {
                        return with_thousands(cell);
                    }
                    if money_column && cell.is_empty() {
                        return empty.to_string();
                    }
                    let chars: Vec<char> = cell.chars().collect();
                    let wrappable = (id == "code" && chars.len() == 7)
                        || (id.contains("name") || id.contains("item")) && chars.len() >= 8;
                    if !wrappable || !rng.chance(25) {
                        return cell.clone();
                    }
                    let at = if id == "code" { 6 } else { 3 + rng.below(chars.len() as u64 - 4) as usize };
                    let (head, rest): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
                    if tail.is_none() && rng.chance(30) {
                        tail = Some((c, rest));
                        return head;
                    }
                    format!("{head} {rest}")
                })
                .collect();
            emit(&wrapped, &mut out);
            if let Some((c, rest)) = tail {
                let mut line = vec![String::new(); c + 1];
                line[c] = rest;
                emit(&line, &mut out);
            }
            on_page += 1;
        }
        note.iter().for_each(|l| emit(l, &mut out));
        out.push('\n');
    }
    out
}

/// `1798.30` as `1,798.30`.
fn with_thousands(amount: &str) -> String {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(d);
    }
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}.{frac}")
    }
}

/// How a built package reaches the reader.
#[derive(Clone, Copy, Debug)]
enum Form {
    /// Tab-separated text, as extracted from a published PDF.
    Text,
    /// The same text as a PDF extractor gives a printed copy: each table's page head and header repeated
    /// at page breaks (`栏次` sometimes typed `档次`), codes and names wrapped inside their cells
    /// (`206010 1`, `国有资本经营 预算支出`).
    Extracted,
    /// The workbook `yusuan build` writes.
    Workbook,
    /// The typeset PDF (needs a CJK font).
    Pdf,
    /// The text with its explanation worded as other departments word theirs (see [`reworded`]).
    Reworded,
}

/// `text` with its explanation reworded, each way or not by the choices of `rng`: no space around
/// numbers (`1798.30万元`), trailing zeros dropped (`1798.3 万元`, `1128 万元`), amounts in 元 with
/// thousands separators (`17,983,000.00元`), `比上年` for `较2024年预算`, `同比下降` for `下降`, `主要是` for
/// `主要原因是`, `其中，` for `其中：`. A correct explanation reworded is still correct.
fn reworded(text: &str, rng: &mut Rng) -> String {
    use regex::Regex;
    let at = text.rfind("信息公开情况说明\n").unwrap_or(0);
    let (tables, mut prose) = (&text[..at], text[at..].to_string());
    if rng.chance(50) {
        prose = Regex::new(r"(\d) 万元").unwrap().replace_all(&prose, "${1}万元").into_owned();
        prose = Regex::new(r"([^\x00-\x7f]) (\d)").unwrap().replace_all(&prose, "${1}${2}").into_owned();
    }
    if rng.chance(30) {
        prose = Regex::new(r"(\d+\.\d)0(\s*万元)").unwrap().replace_all(&prose, "${1}${2}").into_owned();
        prose = Regex::new(r"(\d+)\.0(\s*万元)").unwrap().replace_all(&prose, "${1}${2}").into_owned();
    } else if rng.chance(30) {
        let wan = Regex::new(r"(\d+)\.(\d\d)\s*万元").unwrap();
        prose = wan
            .replace_all(&prose, |c: &regex::Captures| {
                let yuan: i64 = c[1].parse::<i64>().unwrap() * 10_000 + c[2].parse::<i64>().unwrap() * 100;
                format!("{}.00元", with_thousands(&yuan.to_string()))
            })
            .into_owned();
    }
    if rng.chance(30) {
        // Shares and rates to one decimal (`增长 136.8%`); not `11.95%`, which may be 11.947 (11.9) or
        // 11.953 (12.0): rounding a rounded figure again is a slip N014 reports.
        let pct = Regex::new(r"(\d+)\.(\d)([0-46-9])%").unwrap();
        prose = pct
            .replace_all(&prose, |c: &regex::Captures| {
                let tenths: i64 = c[1].parse::<i64>().unwrap() * 10 + c[2].parse::<i64>().unwrap();
                let tenths = tenths + i64::from(c[3].parse::<u8>().unwrap() > 5);
                format!("{}.{}%", tenths / 10, tenths % 10)
            })
            .into_owned();
    }
    for (from, to) in [
        ("较上年", "比上年"),
        ("较上年", "与上年相比"),
        ("下降 ", "同比下降 "),
        ("主要原因是", "主要是"),
        ("主要原因是", "主要系"),
        ("其中：", "其中，"),
    ] {
        if rng.chance(30) {
            prose = prose.replace(from, to);
        }
    }
    if rng.chance(30) {
        prose = Regex::new(r"较\d{4}年预算").unwrap().replace_all(&prose, "比上年").into_owned();
    }
    format!("{tables}{prose}")
}

fn built_and_read(seed: u64, form: Form) -> Result<(), String> {
    let input = department(seed);
    let built = build(&input, &Origins::default(), Catalog::bundled())
        .map_err(|e| format!("refused: {}", e.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")))?;
    let mut text = built.package.to_text();
    let doc = match form {
        Form::Text => yusuan_read::read_text("built.txt", &text, Layout::by_id("hebei-dept-budget").expect("layout")),
        Form::Extracted => {
            let mut rng = Rng(seed ^ 0x5eed);
            let mut printed = extracted(&built.package, &mut rng);
            if rng.chance(50) {
                printed = reworded(&printed, &mut rng);
            }
            let plain = std::mem::replace(&mut text, printed);
            // Every department has a table longer than a page (the 收支总表's 34 rows at least).
            assert!(text.lines().count() > plain.lines().count() + 6, "no page break made");
            if let Ok(dir) = std::env::var("YUSUAN_DUMP_EXTRACTED") {
                std::fs::write(Path::new(&dir).join(format!("extracted-{seed}.txt")), &text).expect("dump");
            }
            yusuan_read::read_text("extracted.txt", &text, Layout::by_id("hebei-dept-budget").expect("layout"))
        }
        Form::Reworded => {
            text = reworded(&text, &mut Rng(seed ^ 0x00de_1a7e));
            yusuan_read::read_text("reworded.txt", &text, Layout::by_id("hebei-dept-budget").expect("layout"))
        }
        Form::Workbook => {
            let bytes = yusuan_build::xlsx::write_disclosure(&built.package).map_err(|e| e.to_string())?;
            if let Ok(dir) = std::env::var("YUSUAN_DUMP_XLSX") {
                std::fs::write(Path::new(&dir).join(format!("random-{seed}.xlsx")), &bytes).expect("dump");
            }
            yusuan_read::read_workbook_bytes("built.xlsx", &bytes, None).map_err(|e| e.to_string())?
        }
        Form::Pdf => match yusuan_build::output::render_pdf(&built) {
            Ok(pdf) => {
                if let Ok(dir) = std::env::var("YUSUAN_DUMP") {
                    std::fs::write(Path::new(&dir).join(format!("random-{seed}.pdf")), &pdf).expect("dump");
                }
                yusuan_read::read_bytes("built.pdf", &pdf, None).map_err(|e| e.to_string())?
            }
            // CI installs a CJK font and sets YUSUAN_REQUIRE_FONT, so this is never skipped there.
            Err(yusuan_print::PrintError::NoFont) if std::env::var_os("YUSUAN_REQUIRE_FONT").is_none() => return Ok(()),
            Err(e) => return Err(e.to_string()),
        },
    };
    let mut problems = vec![];
    for kind in yusuan_model::layout::NINE_TABLES {
        let printed = built.package.table(kind).map(|t| {
            amounts_of_rows(t.rows.iter().map(|r| {
                r.iter()
                    .map(|c| match c {
                        yusuan_build::printed::PCell::Money(m) => *m,
                        _ => Money::ZERO,
                    })
                    .collect()
            }))
        });
        let read = doc.table(kind).map(|t| {
            amounts_of_rows(
                t.rows.iter().map(|r| r.cells.iter().map(|c| c.amount().map_or(Money::ZERO, |a| a.value)).collect()),
            )
        });
        if printed != read {
            problems.push(format!("{kind}: printed {printed:?}\n  read {read:?}"));
        }
    }
    let report = yusuan_check::check(&doc, Catalog::bundled());
    problems.extend(
        report
            .findings
            .iter()
            .filter(|f| f.severity != yusuan_check::Severity::Info)
            // Without last year's lines the builder leaves the comparison for a person to write, and the
            // check reports the slot until then (that is what it is for).
            .filter(|f| !(input.prior.is_none() && f.rule == "N028" && f.message.contains("输入中没有上年数据")))
            .map(|f| format!("[{}] {:?} {}", f.rule, f.location, f.message)),
    );
    if problems.is_empty() {
        return Ok(());
    }
    if let Ok(dir) = std::env::var("YUSUAN_DUMP") {
        std::fs::write(Path::new(&dir).join(format!("random-{seed}-{form:?}.txt")), &text).expect("dump");
    }
    Err(format!("seed {seed} ({form:?}):\n{}", problems.join("\n")))
}

/// Runs the proptest `$name`: `$cases` departments, each read in `$form` (see [`built_and_read`]).
macro_rules! departments_read_as {
    ($name:ident, $form:expr, $cases:expr) => {
        proptest! {
            #![proptest_config(cases($cases))]

            #[test]
            fn $name(seed in any::<u64>()) {
                if let Err(e) = built_and_read(seed, $form) {
                    prop_assert!(false, "{}", e);
                }
            }
        }
    };
}

/// `n` cases, none kept or shrunk: a case is its seed, and the seed is in the failure's message.
fn cases(n: u32) -> ProptestConfig {
    ProptestConfig { cases: n, failure_persistence: None, max_shrink_iters: 0, ..ProptestConfig::default() }
}

departments_read_as!(a_built_department_reads_back_exactly_and_checks_clean, Form::Text, 256);
departments_read_as!(a_built_departments_extracted_text_reads_back_exactly_and_checks_clean, Form::Extracted, 256);
departments_read_as!(a_built_departments_explanation_reworded_checks_clean, Form::Reworded, 128);
departments_read_as!(a_built_departments_workbook_reads_back_exactly_and_checks_clean, Form::Workbook, 64);
departments_read_as!(a_built_departments_pdf_reads_back_exactly_and_checks_clean, Form::Pdf, 8);

/// One department by its seed, in every form: `YUSUAN_SEED=N cargo test -p yusuan-build --test
/// random_departments one_department -- --ignored` (with `YUSUAN_DUMP=DIR` to keep what was read).
#[test]
#[ignore = "a debugging aid: runs the department YUSUAN_SEED names"]
fn one_department() {
    let seed = std::env::var("YUSUAN_SEED").expect("YUSUAN_SEED").parse().expect("a number");
    for form in [Form::Text, Form::Extracted, Form::Reworded, Form::Workbook, Form::Pdf] {
        if let Err(e) = built_and_read(seed, form) {
            panic!("{e}");
        }
    }
}

/// The cells of the nine tables that no error answers for when changed by 0.05 万元 (either way), of all
/// tried: the department of `seed` as plain text.
fn uncaught_mutations(seed: u64) -> (Vec<String>, usize) {
    let input = department(seed);
    let built = build(&input, &Origins::default(), Catalog::bundled()).expect("builds");
    let text = built.package.to_text();
    let layout = Layout::by_id("hebei-dept-budget").expect("layout");
    let doc = yusuan_read::read_text("built.txt", &text, layout);
    let lines: Vec<&str> = text.lines().collect();
    let step = yusuan_model::Unit::WanYuan.ulp(2) * 5;
    let (mut missed, mut tried) = (Vec::new(), 0);
    for t in doc.tables.iter().filter(|t| yusuan_model::layout::NINE_TABLES.contains(&t.kind.as_str())) {
        for a in t.rows.iter().flat_map(|r| r.cells.iter().filter_map(|c| c.amount())) {
            for delta in [step, -step] {
                let new = Money(a.value.0 + delta);
                if new.0 < 0 {
                    continue;
                }
                tried += 1;
                let mut mutated = lines.clone();
                let line = a.loc.line as usize - 1;
                let mut parts: Vec<&str> = lines[line].split('\t').collect();
                let printed = new.format_in(yusuan_model::Unit::WanYuan, 2);
                parts[a.loc.cell.expect("cell") as usize] = &printed;
                let changed = parts.join("\t");
                mutated[line] = &changed;
                let doc = yusuan_read::read_text("mutated.txt", &mutated.join("\n"), layout);
                if !yusuan_check::check(&doc, Catalog::bundled()).has_errors() {
                    missed.push(format!(
                        "{} line {}: {} → {printed}",
                        t.kind,
                        line + 1,
                        a.value.format_in(yusuan_model::Unit::WanYuan, 2)
                    ));
                }
            }
        }
    }
    (missed, tried)
}

proptest! {
    #![proptest_config(cases(2))]

    /// As the corrected seed's mutation test, on departments unlike it.
    #[test]
    fn every_single_cell_change_in_a_built_department_raises_an_error(seed in any::<u64>()) {
        let (missed, tried) = uncaught_mutations(seed);
        println!("seed {seed}: mutation recall {}/{tried}", tried - missed.len());
        prop_assert!(missed.is_empty(), "seed {}: {} of {} changes not caught:\n{}", seed, missed.len(), tried, missed.join("\n"));
    }
}

/// The amounts the explanation of `text` states (`123.45 万元`, `1798.3万元`, `17,983,000.00元`): byte
/// offset and length of the number, and whether it is in 元 (else 万元).
fn stated_amounts(text: &str) -> Vec<(usize, usize, bool)> {
    let b = text.as_bytes();
    let mut out = vec![];
    let mut i = text.rfind("信息公开情况说明\n").unwrap_or(0);
    while i < b.len() {
        if b[i].is_ascii_digit() && !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b',') {
            let j = i + b[i..].iter().take_while(|c| c.is_ascii_digit() || **c == b'.' || **c == b',').count();
            let after = text[j..].trim_start_matches(' ');
            let yuan = after.starts_with('元');
            if (after.starts_with("万元") || yuan) && text[i..j].contains('.') {
                out.push((i, j - i, yuan));
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// `printed` (`1,798.30` or `1798.3`) with 0.05 万元 more, printed as it was (separated, in 元, or not).
fn plus_five_hundredths(printed: &str, yuan: bool) -> String {
    let value: f64 = printed.replace(',', "").parse().expect("a number");
    if yuan {
        with_thousands(&format!("{:.2}", value + 500.0))
    } else {
        format!("{:.2}", value + 0.05)
    }
}

/// Why a stated amount cannot be checked against the tables, from the words before it: a change against
/// last year (whose figures no table prints), the 机关运行经费 (no Hebei table prints it), or the
/// department's whole 人员经费 / 公用经费 when other funds pay part of the 基本支出 (no table splits them).
fn unverifiable(before: &str) -> Option<&'static str> {
    let clause = before.rsplit(['，', '；', '。', '：', '（']).next().unwrap_or(before).trim_end();
    if ["增加", "减少"].iter().any(|w| clause.ends_with(w)) {
        Some("change")
    } else if clause.contains("机关运行经费") {
        Some("机关运行经费")
    } else if clause.contains("人员经费") || clause.contains("公用经费") {
        Some("all-fund basic")
    } else {
        None
    }
}

proptest! {
    #![proptest_config(cases(3))]

    /// Each amount the drafted explanation states, changed by 0.05 万元, raises a new warning or error,
    /// unless no table could tell (see [`unverifiable`]).
    #[test]
    fn every_checkable_amount_the_explanation_states_is_checked(seed in any::<u64>(), reword in any::<bool>()) {
        let input = department(seed);
        let built = build(&input, &Origins::default(), Catalog::bundled()).expect("builds");
        let mut text = built.package.to_text();
        if reword {
            text = reworded(&text, &mut Rng(seed ^ 0x00de_1a7e));
        }
        let layout = Layout::by_id("hebei-dept-budget").expect("layout");
        let serious = |t: &str| {
            let doc = yusuan_read::read_text("x.txt", t, layout);
            yusuan_check::check(&doc, Catalog::bundled()).findings.iter().filter(|f| f.severity != yusuan_check::Severity::Info).count()
        };
        let base = serious(&text);
        let mut missed = vec![];
        let amounts = stated_amounts(&text);
        prop_assert!(amounts.len() > 20, "{} amounts", amounts.len());
        for (at, len, yuan) in amounts {
            let mutated = format!("{}{}{}", &text[..at], plus_five_hundredths(&text[at..at + len], yuan), &text[at + len..]);
            if serious(&mutated) <= base && unverifiable(&text[..at]).is_none() {
                let from = text[..at].char_indices().rev().nth(20).map_or(0, |(i, _)| i);
                missed.push(format!("…{}{}", &text[from..at], &text[at..at + len]));
            }
        }
        prop_assert!(missed.is_empty(), "seed {} (reworded: {}): not caught:\n{}", seed, reword, missed.join("\n"));
    }
}
