//! The table builder: budget lines → the printed package in the Hebei layout (nine tables, 政府采购,
//! 国有资产, project tables), every amount a sum of rounded atoms (see [`crate::round`]).

use crate::input::{Fund, IncomeKind, Input, Kind, Line, Period};
use crate::printed::{Block, HeaderCell, PCell, PProject, PTable, Package};
use crate::round::{largest_remainder, largest_remainder_to, round_half_away};
use std::collections::{BTreeMap, BTreeSet};
use yusuan_model::{Catalog, Classification, Money, Unit};

/// 万元 with two decimals: one printed step in 分.
pub const ULP: i64 = 10_000;

/// The 31 expenditure classes the Hebei 收支总表 lists, with their 类 codes (人行科目 has none).
pub const FUNCTION_CLASSES: [(&str, &str); 31] = [
    ("201", "一般公共服务支出"),
    ("202", "外交支出"),
    ("203", "国防支出"),
    ("204", "公共安全支出"),
    ("205", "教育支出"),
    ("206", "科学技术支出"),
    ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"),
    ("209", "社会保险基金支出"),
    ("210", "卫生健康支出"),
    ("211", "节能环保支出"),
    ("212", "城乡社区支出"),
    ("213", "农林水支出"),
    ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"),
    ("216", "商业服务业等支出"),
    ("217", "金融支出"),
    ("219", "援助其他地区支出"),
    ("220", "自然资源海洋气象等支出"),
    ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"),
    ("223", "国有资本经营预算支出"),
    ("224", "灾害防治及应急管理支出"),
    ("227", "预备费"),
    ("229", "其他支出"),
    ("230", "转移性支出"),
    ("231", "债务还本支出"),
    ("232", "债务付息支出"),
    ("233", "债务发行费用支出"),
    ("234", "抗疫特别国债安排的支出"),
    ("", "人行科目"),
];

/// Economic 款 codes of the 三公经费 table rows.
pub mod three_public_codes {
    /// 因公出国（境）费用
    pub const ABROAD: &str = "30212";
    /// 公务用车购置
    pub const VEHICLE_PURCHASE: &str = "31013";
    /// 公务用车运行维护费
    pub const VEHICLE_RUNNING: &str = "30231";
    /// 公务接待费
    pub const RECEPTION: &str = "30217";
    /// 会议费
    pub const MEETING: &str = "30215";
    /// 培训费
    pub const TRAINING: &str = "30216";
}

/// Chinese numerals for list numbering.
pub fn cn_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => "零".into(),
        1..=9 => D[n].into(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        _ if n.is_multiple_of(10) => format!("{}十", D[n / 10]),
        _ => format!("{}十{}", D[n / 10], D[n % 10]),
    }
}

/// The finest grain any table shows.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AtomKey {
    /// 功能分类项
    pub function: String,
    /// 经济分类款 (empty when not given)
    pub economic: String,
    /// Fund.
    pub fund: Fund,
    /// 单位资金 income kind.
    pub income: IncomeKind,
    /// 人员/公用/项目
    pub kind: Kind,
    /// Project code (empty for 基本支出).
    pub project: String,
    /// 本年 or 结转.
    pub period: Period,
    /// Whether the unit is 行政 or 参公 (its 公用经费 are 机关运行经费).
    pub admin: bool,
}

/// A rounded atom.
#[derive(Clone, Debug)]
pub struct Atom {
    /// Its key.
    pub key: AtomKey,
    /// The exact sum of its lines.
    pub exact: Money,
    /// The printed value (a whole number of 0.01 万元).
    pub printed: Money,
}

/// Groups lines into atoms and rounds them (largest remainder).
pub fn atoms(lines: &[Line], units: &[crate::input::UnitInfo]) -> Vec<Atom> {
    let admin = |name: &str| units.iter().any(|u| u.name == name && u.kind != crate::input::UnitKind::Institution);
    let mut sums: BTreeMap<AtomKey, Money> = BTreeMap::new();
    for l in lines {
        let key = AtomKey {
            function: l.function.trim().to_string(),
            economic: l.economic.as_deref().unwrap_or("").trim().to_string(),
            fund: l.fund,
            income: l.income.unwrap_or_default(),
            kind: l.kind,
            project: l.project.as_deref().unwrap_or("").trim().to_string(),
            period: l.period,
            admin: admin(&l.unit),
        };
        *sums.entry(key).or_default() += l.amount.0;
    }
    let exact: Vec<i64> = sums.values().map(|m| m.0).collect();
    let printed = largest_remainder(&exact, ULP);
    sums.into_iter().zip(printed).map(|((key, exact), p)| Atom { key, exact, printed: Money(p) }).collect()
}

/// Sum of the printed atoms matching `f`.
pub fn sum(atoms: &[Atom], f: impl Fn(&AtomKey) -> bool) -> Money {
    atoms.iter().filter(|a| f(&a.key)).map(|a| a.printed).sum()
}

type Pred<'a> = Box<dyn Fn(&AtomKey) -> bool + 'a>;

fn header(cells: &[(usize, usize, usize, usize, &str)]) -> Vec<HeaderCell> {
    cells
        .iter()
        .map(|&(row, col, rows, cols, text)| HeaderCell { row, col, rows, cols, text: text.to_string() })
        .collect()
}

struct Ctx<'a> {
    input: &'a Input,
    catalog: &'a Catalog,
    atoms: Vec<Atom>,
}

impl Ctx<'_> {
    fn meta(&self, with_year: bool) -> Vec<String> {
        let d = &self.input.department;
        let mut m = vec![format!("{} {}", d.code, d.name).trim().to_string()];
        if with_year {
            m.push(format!("预算年度：{}", d.year));
        }
        m.push("单位：万元".into());
        m
    }

    fn name(&self, cls: Classification, code: &str) -> String {
        self.catalog.get(cls, code).map(|e| e.name.clone()).unwrap_or_default()
    }

    /// Rows of a classification hierarchy: the 合计 row, then 类 / 款 / (项) rows of every code used by
    /// the atoms passing `filter`, each with one amount per column predicate.
    fn hierarchy(
        &self,
        cls: Classification,
        filter: &dyn Fn(&AtomKey) -> bool,
        columns: &[Pred<'_>],
        seq: bool,
    ) -> (Vec<Vec<PCell>>, Vec<usize>) {
        let code_of = |k: &AtomKey| match cls {
            Classification::Function => k.function.clone(),
            Classification::Economic => k.economic.clone(),
        };
        let used: BTreeSet<String> = self.atoms.iter().filter(|a| filter(&a.key)).map(|a| code_of(&a.key)).collect();
        if used.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let lengths: &[usize] = match cls {
            Classification::Function => &[3, 5, 7],
            Classification::Economic => &[3, 5],
        };
        let mut codes: BTreeSet<String> = BTreeSet::new();
        for c in &used {
            for &n in lengths {
                if c.len() >= n {
                    codes.insert(c[..n].to_string());
                }
            }
        }
        let amounts = |prefix: &str| -> Vec<PCell> {
            columns
                .iter()
                .map(|col| PCell::money(sum(&self.atoms, |k| filter(k) && col(k) && code_of(k).starts_with(prefix))))
                .collect()
        };
        let mut rows = Vec::new();
        let push = |code: &str, name: String, rows: &mut Vec<Vec<PCell>>| {
            let mut r = Vec::new();
            if seq {
                r.push(PCell::Int(rows.len() as i64 + 1));
            }
            r.push(PCell::text(code));
            r.push(PCell::text(name));
            r.extend(amounts(code));
            rows.push(r);
        };
        push("", "合计".into(), &mut rows);
        for c in &codes {
            push(c, self.name(cls, c), &mut rows);
        }
        (rows, vec![0])
    }

    #[allow(clippy::too_many_arguments)]
    fn table(
        &self,
        kind: &str,
        title: &str,
        header_cells: Vec<HeaderCell>,
        header_rows: usize,
        column_ids: &[&str],
        rows: Vec<Vec<PCell>>,
        total_rows: Vec<usize>,
    ) -> PTable {
        PTable {
            kind: kind.into(),
            title: title.into(),
            meta: self.meta(true),
            unit: Unit::WanYuan,
            ncols: column_ids.len(),
            header_rows,
            header: header_cells,
            column_numbers: true,
            column_ids: column_ids.iter().map(|s| s.to_string()).collect(),
            rows,
            total_rows,
            note: None,
        }
    }
}

fn is(fund: Fund) -> impl Fn(&AtomKey) -> bool {
    move |k| k.fund == fund
}

/// Builds the tables and project tables; the explanation is added by [`crate::explain`].
pub fn build_tables(input: &Input, catalog: &Catalog) -> (Package, Vec<Atom>) {
    let cx = Ctx { input, catalog, atoms: atoms(&input.lines, &input.units) };
    let a = &cx.atoms;
    let all = |_: &AtomKey| true;
    let cur = |k: &AtomKey| k.period == Period::Current;
    let carry = |k: &AtomKey| k.period == Period::Carryover;
    let fiscal = |k: &AtomKey| k.fund.fiscal();
    let mut blocks = Vec::new();

    // 1 收支总表
    {
        let income = [
            ("一、一般公共预算拨款收入", Fund::General),
            ("二、政府性基金预算拨款收入", Fund::GovFund),
            ("三、国有资本经营预算拨款收入", Fund::Soe),
            ("四、财政专户管理资金收入", Fund::SpecialAccount),
            ("五、单位资金", Fund::UnitFunds),
        ];
        let mut rows = Vec::new();
        for (i, (code, name)) in FUNCTION_CLASSES.iter().enumerate() {
            let (inc_name, inc) = match income.get(i) {
                Some((n, f)) => (PCell::text(*n), PCell::money(sum(a, |k| cur(k) && k.fund == *f))),
                None => (PCell::Empty, PCell::Empty),
            };
            let exp = if code.is_empty() { Money::ZERO } else { sum(a, |k| k.function.starts_with(code)) };
            rows.push(vec![
                PCell::Int(i as i64 + 1),
                inc_name,
                inc,
                PCell::text(format!("{}、{}", cn_number(i + 1), name)),
                PCell::money(exp),
            ]);
        }
        let n = rows.len() as i64;
        let total = sum(a, all);
        for (j, (l, lv, r, rv)) in [
            ("本年收入合计", sum(a, cur), "本年支出合计", total),
            ("上年结转结余", sum(a, carry), "年终结转结余", Money::ZERO),
            ("收入总计", total, "支出总计", total),
        ]
        .into_iter()
        .enumerate()
        {
            rows.push(vec![
                PCell::Int(n + j as i64 + 1),
                PCell::text(l),
                PCell::money(lv),
                PCell::text(r),
                PCell::money(rv),
            ]);
        }
        let totals = vec![rows.len() - 3, rows.len() - 1];
        let h = header(&[
            (0, 0, 2, 1, "序号"),
            (0, 1, 1, 2, "收入"),
            (0, 3, 1, 2, "支出"),
            (1, 1, 1, 1, "项目"),
            (1, 2, 1, 1, "预算数"),
            (1, 3, 1, 1, "项目"),
            (1, 4, 1, 1, "预算数"),
        ]);
        let ids = ["seq", "income_item", "income_amount", "expense_item", "expense_amount"];
        blocks.push(Block::Table(cx.table("summary", "部门预算收支总表", h, 2, &ids, rows, totals)));
    }

    // 2 收入总表
    {
        let unit_funds = |ik: IncomeKind| move |k: &AtomKey| cur(k) && k.fund == Fund::UnitFunds && k.income == ik;
        let cols: Vec<Pred> = vec![
            Box::new(all),
            Box::new(cur),
            Box::new(move |k| cur(k) && fiscal(k)),
            Box::new(move |k| cur(k) && k.fund == Fund::SpecialAccount),
            Box::new(unit_funds(IncomeKind::Business)),
            Box::new(unit_funds(IncomeKind::Operating)),
            Box::new(unit_funds(IncomeKind::Superior)),
            Box::new(unit_funds(IncomeKind::Affiliated)),
            Box::new(unit_funds(IncomeKind::Other)),
            Box::new(carry),
        ];
        let (rows, totals) = cx.hierarchy(Classification::Function, &all, &cols, true);
        let h = header(&[
            (0, 0, 2, 1, "序号"),
            (0, 1, 1, 2, "功能分类科目"),
            (0, 3, 2, 1, "合计"),
            (0, 4, 1, 8, "本年收入"),
            (0, 12, 2, 1, "上年结转"),
            (1, 1, 1, 1, "科目编码"),
            (1, 2, 1, 1, "科目名称"),
            (1, 4, 1, 1, "小计"),
            (1, 5, 1, 1, "财政拨款收入"),
            (1, 6, 1, 1, "财政专户收入"),
            (1, 7, 1, 1, "事业收入"),
            (1, 8, 1, 1, "经营收入"),
            (1, 9, 1, 1, "上级补助收入"),
            (1, 10, 1, 1, "附属单位上缴收入"),
            (1, 11, 1, 1, "其他收入"),
        ]);
        let ids = [
            "seq",
            "code",
            "name",
            "total",
            "year_subtotal",
            "fiscal",
            "special_account",
            "business",
            "operating",
            "superior",
            "affiliated",
            "other",
            "carryover",
        ];
        blocks.push(Block::Table(cx.table("income", "部门预算收入总表", h, 2, &ids, rows, totals)));
    }

    // 3 支出总表
    {
        let cols: Vec<Pred> = vec![
            Box::new(all),
            Box::new(|k: &AtomKey| k.kind.basic()),
            Box::new(|k: &AtomKey| !k.kind.basic()),
            Box::new(|_: &AtomKey| false),
            Box::new(|_: &AtomKey| false),
            Box::new(|_: &AtomKey| false),
        ];
        let (rows, totals) = cx.hierarchy(Classification::Function, &all, &cols, true);
        let mut cells = vec![(0, 0, 2, 1, "序号"), (0, 1, 1, 2, "功能分类科目")];
        for (i, l) in
            ["合计", "基本支出", "项目支出", "经营支出", "上解上级支出", "对附属单位补助支出"].iter().enumerate()
        {
            cells.push((0, 3 + i, 2, 1, l));
        }
        cells.extend([(1, 1, 1, 1, "科目编码"), (1, 2, 1, 1, "科目名称")]);
        let ids = ["seq", "code", "name", "total", "basic", "project", "operating", "remit", "subsidy"];
        blocks.push(Block::Table(cx.table("expenditure", "部门预算支出总表", header(&cells), 2, &ids, rows, totals)));
    }

    // 4 财政拨款收支总表
    {
        let income = [
            ("一、一般公共预算拨款", Fund::General),
            ("二、政府性基金预算拨款", Fund::GovFund),
            ("三、国有资本经营预算拨款", Fund::Soe),
        ];
        let expense = |code: &str| -> Vec<PCell> {
            let m = |f: &dyn Fn(&AtomKey) -> bool| {
                PCell::money(if code.is_empty() {
                    Money::ZERO
                } else {
                    sum(a, |k| f(k) && k.function.starts_with(code))
                })
            };
            vec![m(&fiscal), m(&is(Fund::General)), m(&is(Fund::GovFund)), m(&is(Fund::Soe))]
        };
        let mut rows = Vec::new();
        for (i, (code, name)) in FUNCTION_CLASSES.iter().enumerate() {
            let (n, v) = match income.get(i) {
                Some((n, f)) => (PCell::text(*n), PCell::money(sum(a, |k| cur(k) && k.fund == *f))),
                None => (PCell::Empty, PCell::Empty),
            };
            let mut r = vec![PCell::Int(i as i64 + 1), n, v, PCell::text(format!("{}、{}", cn_number(i + 1), name))];
            r.extend(expense(code));
            rows.push(r);
        }
        let fiscal_all = |f: Option<Fund>| PCell::money(sum(a, |k| fiscal(k) && f.is_none_or(|f| k.fund == f)));
        let year_total = vec![
            PCell::Int(32),
            PCell::text("本年收入合计"),
            PCell::money(sum(a, |k| cur(k) && fiscal(k))),
            PCell::text("本年支出合计"),
            fiscal_all(None),
            fiscal_all(Some(Fund::General)),
            fiscal_all(Some(Fund::GovFund)),
            fiscal_all(Some(Fund::Soe)),
        ];
        rows.push(year_total);
        rows.push(vec![
            PCell::Int(33),
            PCell::text("年初财政拨款结转和结余"),
            PCell::money(sum(a, |k| carry(k) && fiscal(k))),
            PCell::text("年末财政拨款结转和结余"),
        ]);
        for (j, (n, f)) in income.iter().enumerate() {
            rows.push(vec![
                PCell::Int(34 + j as i64),
                PCell::text(*n),
                PCell::money(sum(a, |k| carry(k) && k.fund == *f)),
            ]);
        }
        rows.push(vec![
            PCell::Int(37),
            PCell::text("收入总计"),
            PCell::money(sum(a, fiscal)),
            PCell::text("支出总计"),
            fiscal_all(None),
            fiscal_all(Some(Fund::General)),
            fiscal_all(Some(Fund::GovFund)),
            fiscal_all(Some(Fund::Soe)),
        ]);
        for r in &mut rows {
            r.resize(8, PCell::Empty);
        }
        let h = header(&[
            (0, 0, 2, 1, "序号"),
            (0, 1, 1, 2, "收入"),
            (0, 3, 1, 5, "支出"),
            (1, 1, 1, 1, "项目"),
            (1, 2, 1, 1, "金额"),
            (1, 3, 1, 1, "项目"),
            (1, 4, 1, 1, "合计"),
            (1, 5, 1, 1, "一般公共预算财政拨款"),
            (1, 6, 1, 1, "政府性基金预算财政拨款"),
            (1, 7, 1, 1, "国有资本经营预算财政拨款"),
        ]);
        let ids =
            ["seq", "income_item", "income_amount", "expense_item", "expense_total", "general", "gov_fund", "soe"];
        let totals = vec![31, 36];
        blocks.push(Block::Table(cx.table("fiscal_summary", "部门预算财政拨款收支总表", h, 2, &ids, rows, totals)));
    }

    // 5, 7, 8 一般公共预算 / 政府性基金 / 国有资本经营 财政拨款支出表; 6 基本支出表
    let fund_table = |kind: &str, title: &str, fund: Fund, empty_note: &str| -> PTable {
        let cols: Vec<Pred> =
            vec![Box::new(all), Box::new(|k: &AtomKey| k.kind.basic()), Box::new(|k: &AtomKey| !k.kind.basic())];
        let (rows, totals) = cx.hierarchy(Classification::Function, &is(fund), &cols, true);
        let h = header(&[
            (0, 0, 2, 1, "序号"),
            (0, 1, 1, 2, "功能分类科目"),
            (0, 3, 2, 1, "合计"),
            (0, 4, 2, 1, "基本支出"),
            (0, 5, 2, 1, "项目支出"),
            (1, 1, 1, 1, "科目编码"),
            (1, 2, 1, 1, "科目名称"),
        ]);
        let ids = ["seq", "code", "name", "total", "basic", "project"];
        let mut t = cx.table(kind, title, h, 2, &ids, rows, totals);
        if t.rows.is_empty() {
            t.note = Some(format!("注：{empty_note}，空表列示。"));
        }
        t
    };
    blocks.push(Block::Table(fund_table(
        "general_budget",
        "部门预算一般公共预算财政拨款支出表",
        Fund::General,
        "无一般公共预算财政拨款预算",
    )));
    {
        let basic_general = |k: &AtomKey| k.fund == Fund::General && k.kind.basic();
        let cols: Vec<Pred> = vec![
            Box::new(all),
            Box::new(|k: &AtomKey| k.kind == Kind::Personnel),
            Box::new(|k: &AtomKey| k.kind == Kind::Public),
        ];
        let (rows, totals) = cx.hierarchy(Classification::Economic, &basic_general, &cols, true);
        let h = header(&[
            (0, 0, 2, 1, "序号"),
            (0, 1, 1, 2, "支出部门经济分类科目"),
            (0, 3, 1, 3, "一般公共预算基本支出"),
            (1, 1, 1, 1, "科目编码"),
            (1, 2, 1, 1, "科目名称"),
            (1, 3, 1, 1, "合计"),
            (1, 4, 1, 1, "人员经费"),
            (1, 5, 1, 1, "公用经费"),
        ]);
        let ids = ["seq", "code", "name", "total", "personnel", "public"];
        let mut t = cx.table("basic", "部门预算一般公共预算财政拨款基本支出表", h, 2, &ids, rows, totals);
        if t.rows.is_empty() {
            t.note = Some("注：无一般公共预算财政拨款基本支出预算，空表列示。".into());
        }
        blocks.push(Block::Table(t));
    }
    blocks.push(Block::Table(fund_table(
        "gov_fund",
        "部门预算政府性基金预算财政拨款支出表",
        Fund::GovFund,
        "无政府性基金预算财政拨款预算",
    )));
    blocks.push(Block::Table(fund_table(
        "soe",
        "部门预算国有资本经营预算财政拨款支出表",
        Fund::Soe,
        "无国有资本经营预算财政拨款预算",
    )));

    // 9 三公经费
    {
        use three_public_codes::*;
        let by = |codes: &[&str]| -> Vec<PCell> {
            let m = |f: Option<Fund>| {
                PCell::money(sum(a, |k| {
                    k.fund.fiscal() && f.is_none_or(|f| k.fund == f) && codes.contains(&k.economic.as_str())
                }))
            };
            vec![m(None), m(Some(Fund::General)), m(Some(Fund::GovFund)), m(Some(Fund::Soe))]
        };
        let three = [ABROAD, VEHICLE_PURCHASE, VEHICLE_RUNNING, RECEPTION];
        let items: Vec<(&str, Vec<&str>)> = vec![
            ("合计", vec![ABROAD, VEHICLE_PURCHASE, VEHICLE_RUNNING, RECEPTION, MEETING, TRAINING]),
            ("“三公”经费小计", three.to_vec()),
            ("一、因公出国（境）费", vec![ABROAD]),
            ("其中：教学科研人员因公出国（境）费", vec![]),
            ("其他因公出国（境）费", vec![ABROAD]),
            ("二、公务用车购置及运维费", vec![VEHICLE_PURCHASE, VEHICLE_RUNNING]),
            ("其中：公务用车购置费", vec![VEHICLE_PURCHASE]),
            ("公务用车运行维护费", vec![VEHICLE_RUNNING]),
            ("三、公务接待费", vec![RECEPTION]),
            ("四、会议费", vec![MEETING]),
            ("五、培训费", vec![TRAINING]),
        ];
        let rows: Vec<Vec<PCell>> = items
            .iter()
            .enumerate()
            .map(|(i, (name, codes))| {
                let mut r = vec![PCell::Int(i as i64 + 1), PCell::text(*name)];
                r.extend(by(codes));
                r
            })
            .collect();
        let h = header(&[
            (0, 0, 2, 1, "序号"),
            (0, 1, 2, 1, "项目"),
            (0, 2, 1, 4, "资金性质"),
            (1, 2, 1, 1, "合计"),
            (1, 3, 1, 1, "一般公共预算财政拨款"),
            (1, 4, 1, 1, "政府性基金预算拨款"),
            (1, 5, 1, 1, "国有资本经营预算财政拨款"),
        ]);
        let ids = ["seq", "name", "total", "general", "gov_fund", "soe"];
        let empty = rows.iter().flatten().all(|c| !matches!(c, PCell::Money(_)));
        let mut t = cx.table("three_public", "部门预算财政拨款“三公”经费支出表", h, 2, &ids, rows, vec![0, 1]);
        // Its rows are printed even when empty, so the note says the table is empty on purpose (M002).
        if empty {
            t.note = Some("注：无财政拨款“三公”经费、会议费和培训费预算，空表列示。".into());
        }
        blocks.push(Block::Table(t));
    }

    let package = Package {
        layout: input.department.layout.clone(),
        dept_code: input.department.code.clone(),
        dept_name: input.department.name.clone(),
        year: input.department.year,
        blocks,
    };
    (package, cx.atoms)
}

/// The project tables, in input order, with budgets summed from the rounded atoms.
pub fn project_tables(input: &Input, atoms: &[Atom]) -> Vec<PProject> {
    input
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let of = |k: &AtomKey| k.project == p.code;
            let budget = sum(atoms, of);
            let fiscal = sum(atoms, |k| of(k) && k.fund.fiscal());
            let exact: Vec<i64> = p.plan.iter().map(|x| x.amount.map_or(0, |y| y.0 .0)).collect();
            let exact_sum: i64 = atoms.iter().filter(|a| of(&a.key)).map(|a| a.exact.0).sum();
            let rounded = if exact.iter().sum::<i64>() == exact_sum {
                largest_remainder_to(&exact, ULP, budget.0 / ULP)
            } else {
                exact.iter().map(|v| round_half_away(*v, ULP) * ULP).collect()
            };
            PProject {
                number: i + 1,
                code: p.code.clone(),
                name: p.name.clone(),
                budget,
                fiscal,
                other: budget - fiscal,
                purpose: p.purpose.clone(),
                plan: p.plan.iter().zip(rounded).map(|(x, r)| (x.period.clone(), x.amount.map(|_| Money(r)))).collect(),
                goal: p.goal.clone(),
                indicators: p
                    .indicators
                    .iter()
                    .map(|x| {
                        [
                            x.level1.clone(),
                            x.level2.clone(),
                            x.level3.clone(),
                            x.description.clone(),
                            x.value.clone(),
                            x.basis.clone(),
                        ]
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The 政府采购预算 table (printed empty, with an 空表 note, when nothing is procured).
pub fn procurement_table(input: &Input) -> Option<PTable> {
    let items = &input.procurement;
    let amounts = largest_remainder(&items.iter().map(|p| p.amount.0 .0).collect::<Vec<_>>(), ULP);
    // Rounded on their own, a share could print above its purchase (G003): a share is at most its purchase,
    // and the whole purchase when all of it is reserved.
    let smes: Vec<i64> = largest_remainder(&items.iter().map(|p| p.sme.0 .0).collect::<Vec<_>>(), ULP)
        .into_iter()
        .zip(items.iter().zip(&amounts))
        .map(|(sme, (p, &amount))| if p.sme.0 == p.amount.0 { amount } else { sme.min(amount) })
        .collect();
    // columns 7..=14: total, general, gov_fund, soe, special_account, unit_funds, carryover, sme
    let money_cols = |sel: &dyn Fn(usize) -> bool| -> Vec<PCell> {
        let mut v = [0i64; 8];
        for (i, p) in items.iter().enumerate() {
            if !sel(i) {
                continue;
            }
            v[0] += amounts[i];
            let col = if p.period == Period::Carryover { 6 } else { 1 + p.fund as usize };
            v[col] += amounts[i];
            v[7] += smes[i];
        }
        v.iter().map(|x| PCell::money(Money(*x))).collect()
    };
    let mut rows = Vec::new();
    let mut first = vec![PCell::text("合计")];
    first.resize(7, PCell::Empty);
    first.extend(money_cols(&|_| true));
    rows.push(first);
    let mut units: Vec<&str> = input.units.iter().map(|u| u.name.as_str()).collect();
    for p in items {
        if !units.contains(&p.unit.as_str()) {
            units.push(&p.unit);
        }
    }
    for u in units {
        if !items.iter().any(|p| p.unit == u) {
            continue;
        }
        let mut sub = vec![PCell::text(format!("{u}小计"))];
        sub.resize(7, PCell::Empty);
        sub.extend(money_cols(&|i| items[i].unit == u));
        rows.push(sub);
        for (i, p) in items.iter().enumerate().filter(|(_, p)| p.unit == u) {
            let mut r = vec![
                PCell::text(p.project.clone()),
                PCell::money(Money(round_half_away(p.project_budget.0 .0, ULP) * ULP)),
                PCell::text(p.item.clone()),
                PCell::text(p.catalog_no.clone()),
                PCell::text(p.measure.clone()),
                PCell::Int(p.quantity.into()),
                PCell::money(Money(round_half_away(p.unit_price.0 .0, ULP) * ULP)),
            ];
            r.extend(money_cols(&|j| j == i));
            rows.push(r);
        }
    }
    let year = input.department.year;
    let sme_label = format!("{year}年预留中小微企业份额");
    let h = header(&[
        (0, 0, 1, 2, "政府采购项目来源"),
        (0, 2, 2, 1, "采购物品名称"),
        (0, 3, 2, 1, "政府采购目录序号"),
        (0, 4, 2, 1, "计量单位"),
        (0, 5, 2, 1, "数量"),
        (0, 6, 2, 1, "单价"),
        (0, 7, 1, 7, "政府采购金额（当年部门预算安排资金）"),
        (0, 14, 2, 1, &sme_label),
        (1, 0, 1, 1, "项目名称"),
        (1, 1, 1, 1, "预算资金"),
        (1, 7, 1, 1, "合计"),
        (1, 8, 1, 1, "一般公共预算拨款"),
        (1, 9, 1, 1, "基金预算拨款"),
        (1, 10, 1, 1, "国有资本经营预算拨款"),
        (1, 11, 1, 1, "财政专户核拨"),
        (1, 12, 1, 1, "单位资金"),
        (1, 13, 1, 1, "上年结转结余"),
    ]);
    let d = &input.department;
    Some(PTable {
        kind: "procurement".into(),
        title: "部门政府采购预算".into(),
        meta: vec![format!("{} {}", d.code, d.name).trim().to_string(), "单位：万元".into()],
        unit: Unit::WanYuan,
        ncols: 15,
        header_rows: 2,
        header: h,
        column_numbers: false,
        column_ids: [
            "project_name",
            "project_budget",
            "item",
            "catalog_no",
            "measure",
            "quantity",
            "unit_price",
            "total",
            "general",
            "gov_fund",
            "soe",
            "special_account",
            "unit_funds",
            "carryover",
            "sme",
        ]
        .map(String::from)
        .to_vec(),
        total_rows: if items.is_empty() { vec![] } else { vec![0] },
        rows: if items.is_empty() { vec![] } else { rows },
        note: Some(if items.is_empty() {
            "注：本部门无政府采购预算，空表列示。".into()
        } else {
            "注：同一采购目录序号的物品，其单价会因配置规格不同而变动，均符合资产配置标准。涉密采购事项按照相关规定执行。".into()
        }),
    })
}

/// The 固定资产占用情况表 (None without asset data) and the printed total value.
pub fn assets_table(input: &Input) -> Option<(PTable, Money)> {
    let a = input.assets.as_ref()?;
    let v = largest_remainder(&[a.vehicles_value.0 .0, a.other_value.0 .0], ULP);
    let d = &input.department;
    let rows = vec![
        vec![PCell::text("1、车辆（台、辆）"), PCell::Int(a.vehicles.into()), PCell::money(Money(v[0]))],
        vec![PCell::text("2、其他固定资产"), PCell::Int(a.other_count.into()), PCell::money(Money(v[1]))],
    ];
    Some((
        PTable {
            kind: "assets".into(),
            title: "部门固定资产占用情况表".into(),
            meta: vec![format!("{} {}", d.code, d.name).trim().to_string(), format!("截止时间：{}", a.date)],
            unit: Unit::WanYuan,
            ncols: 3,
            header_rows: 1,
            header: header(&[(0, 0, 1, 1, "项目"), (0, 1, 1, 1, "数量"), (0, 2, 1, 1, "价值（金额单位：万元）")]),
            column_numbers: false,
            column_ids: ["name", "quantity", "value"].map(String::from).to_vec(),
            rows,
            total_rows: vec![],
            note: None,
        },
        Money(v[0] + v[1]),
    ))
}
