//! The input model: what a department fills in (units, budget lines in 元, projects, procurement,
//! assets, last year's lines and the texts only a person can write).
//!
//! Money is parsed from its printed form into integer 分 ([`Money`]); a float is accepted only when it
//! is a whole number of 分 (what a spreadsheet stores for `1234.56`), never rounded silently.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use yusuan_model::{Money, Unit};

/// An amount in 元 as typed (`"1613600.00"`, `1613600`, `1613600.5`), held in 分.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Yuan(pub Money);

impl Yuan {
    /// Parses a typed amount in 元 (at most two decimals).
    pub fn parse(s: &str) -> Option<Yuan> {
        Money::try_parse(s.trim(), Unit::Yuan).map(|(m, _)| Yuan(m))
    }
    /// A spreadsheet number: accepted when it is a whole number of 分.
    pub fn from_f64(f: f64) -> Option<Yuan> {
        let cents = (f * 100.0).round();
        ((f * 100.0 - cents).abs() < 1e-6 && cents.abs() < 9e15).then_some(Yuan(Money(cents as i64)))
    }
}

impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.yuan_string())
    }
}

impl<'de> Deserialize<'de> for Yuan {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Yuan, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            S(String),
            I(i64),
            F(f64),
        }
        let bad = |what: String| serde::de::Error::custom(format!("金额“{what}”不是以元为单位、最多两位小数的数"));
        match Raw::deserialize(d)? {
            Raw::S(s) => Yuan::parse(&s).ok_or_else(|| bad(s)),
            Raw::I(i) => i.checked_mul(100).map(|f| Yuan(Money(f))).ok_or_else(|| bad(i.to_string())),
            Raw::F(f) => Yuan::from_f64(f).ok_or_else(|| bad(f.to_string())),
        }
    }
}

/// 单位性质.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    /// 行政单位
    #[serde(rename = "行政")]
    Admin,
    /// 参照公务员法管理事业单位
    #[serde(rename = "参公")]
    CivilServiceLike,
    /// 事业单位
    #[serde(rename = "事业")]
    Institution,
}

impl UnitKind {
    /// Printed name.
    pub fn label(self) -> &'static str {
        match self {
            UnitKind::Admin => "行政",
            UnitKind::CivilServiceLike => "参公",
            UnitKind::Institution => "事业",
        }
    }
    /// Every value, for drop-down lists.
    pub const ALL: [&'static str; 3] = ["行政", "参公", "事业"];
}

/// A unit of the department.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UnitInfo {
    /// 单位名称
    pub name: String,
    /// 单位性质
    pub kind: UnitKind,
    /// 单位规格 (e.g. 正科级)
    #[serde(default)]
    pub level: String,
    /// 经费保障形式
    #[serde(default)]
    pub funding: String,
}

/// 资金来源.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Fund {
    /// 一般公共预算
    #[serde(rename = "一般公共预算")]
    General,
    /// 政府性基金预算
    #[serde(rename = "政府性基金")]
    GovFund,
    /// 国有资本经营预算
    #[serde(rename = "国有资本经营")]
    Soe,
    /// 财政专户管理资金
    #[serde(rename = "财政专户")]
    SpecialAccount,
    /// 单位资金
    #[serde(rename = "单位资金")]
    UnitFunds,
}

impl Fund {
    /// Every value, as typed.
    pub const ALL: [&'static str; 5] = ["一般公共预算", "政府性基金", "国有资本经营", "财政专户", "单位资金"];
    /// Whether it is a 财政拨款 (appropriation).
    pub fn fiscal(self) -> bool {
        matches!(self, Fund::General | Fund::GovFund | Fund::Soe)
    }
    /// Parses the typed name.
    pub fn parse(s: &str) -> Option<Fund> {
        Some(match s.trim() {
            "一般公共预算" | "一般公共预算拨款" => Fund::General,
            "政府性基金" | "政府性基金预算" | "政府性基金预算拨款" => Fund::GovFund,
            "国有资本经营" | "国有资本经营预算" | "国有资本经营预算拨款" => Fund::Soe,
            "财政专户" | "财政专户管理资金" => Fund::SpecialAccount,
            "单位资金" => Fund::UnitFunds,
            _ => return None,
        })
    }
    /// Printed name.
    pub fn label(self) -> &'static str {
        Fund::ALL[self as usize]
    }
    /// Fiscal Data Package / JSON id.
    pub fn id(self) -> &'static str {
        ["general", "gov_fund", "soe", "special_account", "unit_funds"][self as usize]
    }
}

/// 支出类型: 基本支出（人员经费、公用经费）或项目支出.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Kind {
    /// 基本支出—人员经费
    #[serde(rename = "人员经费")]
    Personnel,
    /// 基本支出—公用经费
    #[serde(rename = "公用经费")]
    Public,
    /// 项目支出
    #[serde(rename = "项目")]
    Project,
}

impl Kind {
    /// Every value, as typed.
    pub const ALL: [&'static str; 3] = ["人员经费", "公用经费", "项目"];
    /// Parses the typed name.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s.trim() {
            "人员经费" | "基本支出-人员" | "基本支出-人员经费" | "人员" => Kind::Personnel,
            "公用经费" | "基本支出-公用" | "基本支出-公用经费" | "公用" => Kind::Public,
            "项目" | "项目支出" => Kind::Project,
            _ => return None,
        })
    }
    /// Whether it is 基本支出.
    pub fn basic(self) -> bool {
        self != Kind::Project
    }
    /// Printed name.
    pub fn label(self) -> &'static str {
        Kind::ALL[self as usize]
    }
}

/// 本年安排 or 上年结转.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Period {
    /// 本年
    #[default]
    #[serde(rename = "本年")]
    Current,
    /// 上年结转
    #[serde(rename = "上年结转")]
    Carryover,
}

impl Period {
    /// Every value, as typed.
    pub const ALL: [&'static str; 2] = ["本年", "上年结转"];
    /// Parses the typed name.
    pub fn parse(s: &str) -> Option<Period> {
        Some(match s.trim() {
            "" | "本年" | "本年安排" => Period::Current,
            "上年结转" | "结转" | "上年结转结余" => Period::Carryover,
            _ => return None,
        })
    }
    /// Printed name.
    pub fn label(self) -> &'static str {
        Period::ALL[self as usize]
    }
}

/// Which 单位资金 income it is (收入总表 columns); only for [`Fund::UnitFunds`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum IncomeKind {
    /// 事业收入
    #[serde(rename = "事业收入")]
    Business,
    /// 事业单位经营收入
    #[serde(rename = "经营收入")]
    Operating,
    /// 上级补助收入
    #[serde(rename = "上级补助收入")]
    Superior,
    /// 附属单位上缴收入
    #[serde(rename = "附属单位上缴收入")]
    Affiliated,
    /// 其他收入
    #[default]
    #[serde(rename = "其他收入")]
    Other,
}

impl IncomeKind {
    /// Every value, as typed.
    pub const ALL: [&'static str; 5] = ["事业收入", "经营收入", "上级补助收入", "附属单位上缴收入", "其他收入"];
    /// Parses the typed name.
    pub fn parse(s: &str) -> Option<IncomeKind> {
        IncomeKind::ALL.iter().position(|x| *x == s.trim()).map(|i| {
            [
                IncomeKind::Business,
                IncomeKind::Operating,
                IncomeKind::Superior,
                IncomeKind::Affiliated,
                IncomeKind::Other,
            ][i]
        })
    }
    /// The 收入总表 column id.
    pub fn column(self) -> &'static str {
        ["business", "operating", "superior", "affiliated", "other"][self as usize]
    }
}

/// One budget line: an amount for one unit, 功能分类 项, 经济分类 款, fund, kind and period.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Line {
    /// 单位名称 (one of the units).
    pub unit: String,
    /// 功能分类科目编码 (7-digit 项).
    pub function: String,
    /// 部门经济分类科目编码 (5-digit 款); required for 基本支出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub economic: Option<String>,
    /// 资金来源.
    pub fund: Fund,
    /// For 单位资金: which income it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income: Option<IncomeKind>,
    /// 人员经费 / 公用经费 / 项目.
    pub kind: Kind,
    /// 项目编码, for 项目支出.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// 本年 or 上年结转.
    #[serde(default)]
    pub period: Period,
    /// Amount in 元.
    pub amount: Yuan,
}

/// One row of a performance-target table.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct IndicatorInput {
    /// 一级指标
    pub level1: String,
    /// 二级指标
    pub level2: String,
    /// 三级指标
    pub level3: String,
    /// 绩效指标描述
    #[serde(default)]
    pub description: String,
    /// 指标值
    pub value: String,
    /// 指标值确定依据
    #[serde(default)]
    pub basis: String,
}

/// One period of a spending plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlanInput {
    /// Printed period label (`3月底`).
    pub period: String,
    /// Amount in 元 (absent: nothing planned in that period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Yuan>,
}

/// A project with its performance targets; its budget is the sum of its lines.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProjectInput {
    /// 项目编码
    pub code: String,
    /// 项目名称
    pub name: String,
    /// 资金用途
    #[serde(default)]
    pub purpose: String,
    /// 绩效目标
    #[serde(default)]
    pub goal: String,
    /// 资金支出计划
    #[serde(default)]
    pub plan: Vec<PlanInput>,
    /// 绩效指标
    #[serde(default)]
    pub indicators: Vec<IndicatorInput>,
}

/// One line of the 政府采购预算.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProcurementInput {
    /// 单位名称
    pub unit: String,
    /// 项目名称 (budget item the purchase is paid from)
    pub project: String,
    /// 项目预算资金, in 元
    pub project_budget: Yuan,
    /// 采购物品名称
    pub item: String,
    /// 政府采购目录序号 (A… goods, B… works, C… services)
    pub catalog_no: String,
    /// 计量单位
    #[serde(default)]
    pub measure: String,
    /// 数量
    pub quantity: u32,
    /// 单价, in 元
    pub unit_price: Yuan,
    /// Fund paying for it.
    pub fund: Fund,
    /// 本年 or 上年结转.
    #[serde(default)]
    pub period: Period,
    /// 采购金额, in 元
    pub amount: Yuan,
    /// 预留中小微企业份额, in 元
    #[serde(default)]
    pub sme: Yuan,
}

/// Fixed assets held at the end of last year.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct AssetsInput {
    /// 截止时间 (e.g. `2024-12-31`)
    pub date: String,
    /// 车辆（台、辆）
    pub vehicles: u32,
    /// Their value, in 元
    pub vehicles_value: Yuan,
    /// 其他固定资产 count
    pub other_count: u32,
    /// Their value, in 元
    pub other_value: Yuan,
}

/// Last year's budget, for the year-on-year comparison.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PriorInput {
    /// The year.
    pub year: u16,
    /// Its budget lines.
    #[serde(default)]
    pub lines: Vec<Line>,
}

/// The department as a whole.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DepartmentInput {
    /// 部门编码 printed above the tables.
    #[serde(default)]
    pub code: String,
    /// 部门名称
    pub name: String,
    /// 预算年度
    pub year: u16,
    /// Layout id.
    #[serde(default = "hebei")]
    pub layout: String,
}

fn hebei() -> String {
    "hebei-dept-budget".into()
}

/// Everything a department provides.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Input {
    /// The department.
    pub department: DepartmentInput,
    /// Its units.
    pub units: Vec<UnitInfo>,
    /// Budget lines.
    pub lines: Vec<Line>,
    /// Projects with performance targets.
    #[serde(default)]
    pub projects: Vec<ProjectInput>,
    /// 政府采购.
    #[serde(default)]
    pub procurement: Vec<ProcurementInput>,
    /// 国有资产.
    #[serde(default)]
    pub assets: Option<AssetsInput>,
    /// Last year.
    #[serde(default)]
    pub prior: Option<PriorInput>,
    /// Texts only a person can write, by id: `duties`, `overall_performance`, `special_funds`,
    /// `other`, `admin_running_use`, and change reasons `reason.<what>` (see [`crate::explain`]).
    #[serde(default)]
    pub texts: BTreeMap<String, String>,
}
