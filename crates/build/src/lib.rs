//! Building a disclosure package from budget lines.
//!
//! **input** ([`Input`]: units, budget lines in 元, projects, procurement, assets, last year, texts; read
//! from TOML, JSON, CSV files or the fill-in workbook, every refusal naming its row) → **atoms** rounded
//! once (see [`round`] for the rounding rule: printed totals always equal the sum of their printed
//! parts) → **printed package** ([`Package`]: the nine tables, project tables, 政府采购 and 国有资产
//! tables and the drafted explanation, see [`explain`]) → writers (text, XLSX, HTML, open data).
//!
//! The [`yusuan_model::Document`] of the package is what the text reader makes of its printed lines,
//! so the built document is, by construction, exactly what `yusuan check` sees in every output.

pub mod explain;
pub mod html;
pub mod input;
pub mod opendata;
pub mod output;
pub mod printed;
pub mod read;
pub mod round;
pub mod tables;
pub mod tabular;
pub mod xlsx;

pub use input::Input;
pub use printed::{Block, PCell, PTable, Package};

use yusuan_model::{Catalog, Classification};

/// One refused entry of the input, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// Where: file, sheet and row (`预算明细 第 5 行`, `lines[3]`).
    pub place: String,
    /// Why, in Chinese.
    pub message: String,
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}", self.place, self.message)
    }
}

/// Where each entry of an input came from, by collection (`lines`, `projects`, …) and index.
#[derive(Clone, Debug, Default)]
pub struct Origins {
    /// Printed places by collection.
    pub places: std::collections::BTreeMap<String, Vec<String>>,
}

impl Origins {
    /// The printed place of entry `i` of `collection`.
    pub fn place(&self, collection: &str, i: usize) -> String {
        self.places
            .get(collection)
            .and_then(|v| v.get(i).cloned())
            .unwrap_or_else(|| format!("{collection} 第 {} 条", i + 1))
    }
}

/// Checks the input against the catalog and itself; every problem is returned, each with its row.
pub fn validate(input: &Input, origins: &Origins, catalog: &Catalog) -> Vec<InputError> {
    let mut errors = Vec::new();
    let mut err = |place: String, message: String| errors.push(InputError { place, message });
    let units: Vec<&str> = input.units.iter().map(|u| u.name.as_str()).collect();
    if input.units.is_empty() {
        err("units".into(), "至少要有一个单位".into());
    }
    let project_codes: Vec<&str> = input.projects.iter().map(|p| p.code.as_str()).collect();
    let check_line = |coll: &str, i: usize, l: &input::Line, err: &mut dyn FnMut(String, String)| {
        let place = origins.place(coll, i);
        if !units.contains(&l.unit.as_str()) {
            err(place.clone(), format!("单位“{}”不在单位表中", l.unit));
        }
        let f = l.function.trim();
        if f.len() != 7 || !f.bytes().all(|b| b.is_ascii_digit()) {
            err(place.clone(), format!("功能分类科目编码“{f}”应为 7 位数字（项级科目）"));
        } else {
            for n in [3, 5, 7] {
                if catalog.get(Classification::Function, &f[..n]).is_none() {
                    err(place.clone(), format!("功能分类科目编码“{}”不在科目表中", &f[..n]));
                    break;
                }
            }
        }
        match l.economic.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
            Some(e) => {
                if e.len() != 5 || catalog.get(Classification::Economic, e).is_none() {
                    err(place.clone(), format!("部门经济分类科目编码“{e}”不在科目表中（应为 5 位款级科目）"));
                } else if catalog.get(Classification::Economic, &e[..3]).is_none() {
                    err(place.clone(), format!("部门经济分类科目编码“{}”不在科目表中", &e[..3]));
                }
            }
            None if l.kind.basic() => err(place.clone(), "基本支出必须填写部门经济分类科目编码".into()),
            None => {}
        }
        match (l.kind, l.project.as_deref().map(str::trim).filter(|p| !p.is_empty())) {
            (input::Kind::Project, None) => err(place.clone(), "项目支出必须填写项目编码".into()),
            (input::Kind::Project, Some(p)) if coll == "lines" && !project_codes.contains(&p) => {
                err(place.clone(), format!("项目编码“{p}”不在项目表中"))
            }
            (k, Some(_)) if k.basic() => err(place.clone(), "基本支出不填项目编码".into()),
            _ => {}
        }
        // 国有资本经营 funds pay 223 lines only, and only they among the fiscal funds do (C011, C012).
        let soe_class = f.starts_with("223");
        match l.fund {
            input::Fund::Soe if !soe_class => {
                err(place.clone(), format!("国有资本经营预算资金只能安排 223 类科目，不能安排“{f}”"))
            }
            input::Fund::General | input::Fund::GovFund if soe_class => {
                err(place.clone(), format!("223 类科目“{f}”只能由国有资本经营预算资金安排"))
            }
            _ => {}
        }
        if l.income.is_some() && l.fund != input::Fund::UnitFunds {
            err(place, "收入类型只用于单位资金".into());
        }
    };
    for (i, l) in input.lines.iter().enumerate() {
        check_line("lines", i, l, &mut err);
    }
    if let Some(p) = &input.prior {
        for (i, l) in p.lines.iter().enumerate() {
            check_line("prior", i, l, &mut err);
        }
    }
    for (i, p) in input.projects.iter().enumerate() {
        let place = origins.place("projects", i);
        if !input.lines.iter().any(|l| l.project.as_deref().map(str::trim) == Some(p.code.as_str())) {
            err(place.clone(), format!("项目“{}”没有任何预算明细", p.code));
        }
        if project_codes.iter().filter(|c| **c == p.code).count() > 1 {
            err(place, format!("项目编码“{}”重复", p.code));
        }
    }
    for (i, p) in input.procurement.iter().enumerate() {
        let place = origins.place("procurement", i);
        if !units.contains(&p.unit.as_str()) {
            err(place.clone(), format!("单位“{}”不在单位表中", p.unit));
        }
        if !p.catalog_no.starts_with(['A', 'B', 'C']) {
            err(place.clone(), format!("政府采购目录序号“{}”应以 A（货物）、B（工程）或 C（服务）开头", p.catalog_no));
        }
        if p.sme.0 > p.amount.0 {
            err(place, "预留中小微企业份额大于采购金额".into());
        }
    }
    errors
}

/// A built package.
pub struct Built {
    /// What every output prints.
    pub package: Package,
    /// The package as the model: what the text reader makes of its printed lines, i.e. what
    /// `yusuan check` sees in every output.
    pub document: yusuan_model::Document,
    /// The rounded atoms of this year's lines.
    pub atoms: Vec<tables::Atom>,
    /// The rounded atoms of last year's lines, when given.
    pub prior: Option<Vec<tables::Atom>>,
}

/// Builds the package; refuses the input (with every problem and its row) when it does not validate.
pub fn build(input: &Input, origins: &Origins, catalog: &Catalog) -> Result<Built, Vec<InputError>> {
    let errors = validate(input, origins, catalog);
    if !errors.is_empty() {
        return Err(errors);
    }
    let (mut package, atoms) = tables::build_tables(input, catalog);
    let prior = input.prior.as_ref().map(|p| tables::atoms(&p.lines, &input.units));
    let projects = tables::project_tables(input, &atoms);
    let procurement = tables::procurement_table(input);
    let assets = tables::assets_table(input);
    let explanation = explain::draft(input, &atoms, prior.as_deref(), procurement, assets, projects);
    let layout = yusuan_model::Layout::by_id(&input.department.layout)
        .map_err(|e| vec![InputError { place: "department.layout".into(), message: e.to_string() }])?;
    let d = &input.department;
    let mut blocks = vec![Block::Title { text: format!("{}年{}部门预算信息公开目录", d.year, d.name) }];
    let mut toc: Vec<(String, bool)> = package.tables().map(|t| (t.title.clone(), false)).collect();
    toc.push((format!("{}{}年部门预算信息公开情况说明", d.name, d.year), false));
    for b in &explanation {
        if let Block::Heading { text, .. } = b {
            toc.push((text.clone(), true));
        }
    }
    blocks.push(Block::Toc { entries: toc });
    blocks.append(&mut package.blocks);
    blocks.extend(explanation);
    package.blocks = blocks;
    let document = yusuan_read::read_text("disclosure.txt", &package.to_text(), layout);
    Ok(Built { package, document, atoms, prior })
}
