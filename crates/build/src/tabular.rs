//! The input as tables: the fill-in workbook (`yusuan template`) and the same sheets as CSV files.
//!
//! Each sheet (or `<id>.csv` file) has one header row naming its columns — by the Chinese title the
//! template prints or by the field id — and one record per row. A record is typed through the same
//! serde model as TOML/JSON input, so every refusal names its sheet and row.

use crate::input::{Fund, IncomeKind, Input, Kind, Period, UnitKind};
use crate::read::ReadInputError;
use crate::{InputError, Origins};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Format, Formula, Workbook, XlsxError};
use serde_json::{Map, Value};
use yusuan_model::{Catalog, Classification};

/// One sheet of the input.
pub struct SheetSpec {
    /// Collection id (also the CSV file name without `.csv`).
    pub id: &'static str,
    /// Sheet name in the workbook.
    pub sheet: &'static str,
    /// Columns: (field id, printed title, width).
    pub columns: &'static [(&'static str, &'static str, f64)],
}

const LINE_COLUMNS: &[(&str, &str, f64)] = &[
    ("unit", "单位", 30.0),
    ("function", "功能分类科目", 36.0),
    ("economic", "部门经济分类科目（基本支出必填）", 30.0),
    ("fund", "资金来源", 14.0),
    ("income", "单位资金收入类型", 16.0),
    ("kind", "支出类型", 12.0),
    ("project", "项目编码（项目支出必填）", 26.0),
    ("period", "本年或上年结转", 14.0),
    ("amount", "金额（元）", 16.0),
];

/// Every sheet, in workbook order.
pub const SHEETS: &[SheetSpec] = &[
    SheetSpec {
        id: "department",
        sheet: "部门",
        columns: &[
            ("code", "部门编码", 12.0),
            ("name", "部门名称", 30.0),
            ("year", "预算年度", 10.0),
            ("layout", "版式", 20.0),
            ("prior_year", "上年年度", 10.0),
        ],
    },
    SheetSpec {
        id: "units",
        sheet: "单位",
        columns: &[
            ("name", "单位名称", 36.0),
            ("kind", "单位性质", 12.0),
            ("level", "单位规格", 12.0),
            ("funding", "经费保障形式", 26.0),
        ],
    },
    SheetSpec { id: "lines", sheet: "预算明细", columns: LINE_COLUMNS },
    SheetSpec {
        id: "projects",
        sheet: "项目",
        columns: &[
            ("code", "项目编码", 26.0),
            ("name", "项目名称", 40.0),
            ("purpose", "资金用途", 30.0),
            ("goal", "绩效目标", 40.0),
            ("plan_3", "3月底支出计划（元）", 14.0),
            ("plan_6", "6月底支出计划（元）", 14.0),
            ("plan_10", "10月底支出计划（元）", 14.0),
            ("plan_12", "12月底支出计划（元）", 14.0),
        ],
    },
    SheetSpec {
        id: "indicators",
        sheet: "绩效指标",
        columns: &[
            ("project", "项目编码", 26.0),
            ("level1", "一级指标", 12.0),
            ("level2", "二级指标", 16.0),
            ("level3", "三级指标", 20.0),
            ("description", "绩效指标描述", 30.0),
            ("value", "指标值", 16.0),
            ("basis", "指标值确定依据", 20.0),
        ],
    },
    SheetSpec {
        id: "procurement",
        sheet: "政府采购",
        columns: &[
            ("unit", "单位", 30.0),
            ("project", "项目名称", 20.0),
            ("project_budget", "项目预算资金（元）", 14.0),
            ("item", "采购物品名称", 20.0),
            ("catalog_no", "政府采购目录序号", 14.0),
            ("measure", "计量单位", 10.0),
            ("quantity", "数量", 8.0),
            ("unit_price", "单价（元）", 12.0),
            ("fund", "资金来源", 14.0),
            ("period", "本年或上年结转", 14.0),
            ("amount", "采购金额（元）", 14.0),
            ("sme", "预留中小微企业份额（元）", 16.0),
        ],
    },
    SheetSpec {
        id: "assets",
        sheet: "国有资产",
        columns: &[
            ("date", "截止时间", 12.0),
            ("vehicles", "车辆（台、辆）", 12.0),
            ("vehicles_value", "车辆价值（元）", 14.0),
            ("other_count", "其他固定资产数量", 14.0),
            ("other_value", "其他固定资产价值（元）", 16.0),
        ],
    },
    SheetSpec { id: "prior", sheet: "上年预算明细", columns: LINE_COLUMNS },
    SheetSpec {
        id: "texts",
        sheet: "说明文字",
        columns: &[("id", "编号", 22.0), ("label", "内容", 40.0), ("text", "文字（由经办人填写）", 80.0)],
    },
];

/// The texts a person writes, with what they are.
pub const TEXTS: &[(&str, &str)] = &[
    ("duties", "部门职责（每段一行）"),
    ("overall_performance", "部门整体绩效目标"),
    ("special_funds", "部门主管专项资金预算安排情况及绩效目标（没有时写“本部门无主管专项资金”）"),
    ("other", "其他需要说明的事项"),
    ("admin_running_use", "机关运行经费主要用途（可不填，按经济科目起草）"),
    ("reason.total", "预算总额增减变化的原因"),
    ("reason.basic", "基本支出增减变化的原因"),
    ("reason.project", "项目支出增减变化的原因"),
    ("reason.admin_running", "机关运行经费增减变化的原因"),
    ("reason.three_public", "“三公”经费增减变化的原因"),
];

const INTEGER_FIELDS: &[&str] = &["year", "prior_year", "quantity", "vehicles", "other_count"];

/// A record: its row number and its fields.
type Record = (usize, Map<String, Value>);

/// A sheet's rows: (1-based row number, cells).
pub type Rows = Vec<(usize, Vec<String>)>;

/// Builds the input from tables by collection id (`lines` → rows with a header row first).
pub fn from_tables(
    tables: &[(&str, Rows)],
    place: &dyn Fn(&str, usize) -> String,
) -> Result<(Input, Origins), ReadInputError> {
    let mut origins = Origins::default();
    let mut errors = Vec::new();
    // Each collection as (row number, record).
    let mut records: std::collections::BTreeMap<&str, Vec<Record>> = Default::default();
    for spec in SHEETS {
        let Some((_, rows)) = tables.iter().find(|(id, _)| *id == spec.id) else { continue };
        let mut it = rows.iter();
        let Some((_, header)) = it.next() else { continue };
        let ids: Vec<Option<&str>> = header
            .iter()
            .map(|h| {
                let h = h.trim();
                spec.columns.iter().find(|(id, title, _)| *id == h || *title == h).map(|(id, _, _)| *id)
            })
            .collect();
        for (no, cells) in it {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut m = Map::new();
            for (c, v) in cells.iter().enumerate() {
                let (Some(Some(id)), v) = (ids.get(c), v.trim()) else { continue };
                if v.is_empty() {
                    continue;
                }
                // Codes come from drop-down lists as `2060101 行政运行`: the code is the first word.
                let v =
                    if matches!(*id, "function" | "economic") { v.split_whitespace().next().unwrap_or(v) } else { v };
                let value = if INTEGER_FIELDS.contains(id) {
                    v.parse::<i64>().map(Value::from).unwrap_or_else(|_| Value::from(v))
                } else {
                    Value::from(v)
                };
                m.insert(id.to_string(), value);
            }
            records.entry(spec.id).or_default().push((*no, m));
        }
    }
    let mut take = |coll: &str| -> Vec<Record> { records.remove(coll).unwrap_or_default() };
    let department = take("department").into_iter().next();
    let mut top = Map::new();
    let prior_year = department.as_ref().and_then(|(_, d)| d.get("prior_year").cloned());
    match department {
        Some((no, mut d)) => {
            d.remove("prior_year");
            if let Err(e) = serde_json::from_value::<crate::input::DepartmentInput>(Value::Object(d.clone())) {
                errors.push(InputError { place: place("department", no), message: e.to_string() });
            }
            top.insert("department".into(), Value::Object(d));
        }
        None => errors.push(InputError { place: place("department", 0), message: "缺少部门信息".into() }),
    }
    // Each collection is typed record by record so that a refusal names its row.
    fn check<T: serde::de::DeserializeOwned>(
        coll: &str,
        rows: &[Record],
        place: &dyn Fn(&str, usize) -> String,
        errors: &mut Vec<InputError>,
    ) -> Vec<String> {
        let mut places = Vec::new();
        for (no, m) in rows {
            if let Err(e) = serde_json::from_value::<T>(Value::Object(m.clone())) {
                errors.push(InputError { place: place(coll, *no), message: e.to_string() });
            }
            places.push(place(coll, *no));
        }
        places
    }
    let units = take("units");
    origins.places.insert("units".into(), check::<crate::input::UnitInfo>("units", &units, place, &mut errors));
    let lines = take("lines");
    origins.places.insert("lines".into(), check::<crate::input::Line>("lines", &lines, place, &mut errors));
    let prior = take("prior");
    origins.places.insert("prior".into(), check::<crate::input::Line>("prior", &prior, place, &mut errors));
    let mut procurement = take("procurement");
    for (_, m) in &mut procurement {
        if let Some(Value::String(q)) = m.get("quantity").cloned() {
            m.insert("quantity".into(), Value::from(q.parse::<u32>().unwrap_or(0)));
        }
    }
    origins.places.insert(
        "procurement".into(),
        check::<crate::input::ProcurementInput>("procurement", &procurement, place, &mut errors),
    );
    let indicators = take("indicators");
    let mut projects = Vec::new();
    let mut project_places = Vec::new();
    for (no, mut m) in take("projects") {
        let code = m.get("code").and_then(Value::as_str).unwrap_or("").to_string();
        let plan: Vec<Value> = [("plan_3", "3月底"), ("plan_6", "6月底"), ("plan_10", "10月底"), ("plan_12", "12月底")]
            .iter()
            .map(|(k, label)| match m.remove(*k) {
                Some(v) => serde_json::json!({"period": label, "amount": v}),
                None => serde_json::json!({"period": label}),
            })
            .collect();
        m.insert("plan".into(), Value::from(plan));
        let inds: Vec<Value> = indicators
            .iter()
            .filter(|(_, i)| i.get("project").and_then(Value::as_str) == Some(code.as_str()))
            .map(|(_, i)| {
                let mut i = i.clone();
                i.remove("project");
                Value::Object(i)
            })
            .collect();
        m.insert("indicators".into(), Value::from(inds));
        if let Err(e) = serde_json::from_value::<crate::input::ProjectInput>(Value::Object(m.clone())) {
            errors.push(InputError { place: place("projects", no), message: e.to_string() });
        }
        project_places.push(place("projects", no));
        projects.push(Value::Object(m));
    }
    for (no, i) in &indicators {
        let code = i.get("project").and_then(Value::as_str).unwrap_or("");
        if !projects.iter().any(|p| p.get("code").and_then(Value::as_str) == Some(code)) {
            errors
                .push(InputError {
                    place: place("indicators", *no), message: format!("项目编码“{code}”不在项目表中")
                });
        }
    }
    origins.places.insert("projects".into(), project_places);
    let mut texts = Map::new();
    for (_, m) in take("texts") {
        if let (Some(Value::String(id)), Some(Value::String(t))) = (m.get("id"), m.get("text")) {
            texts.insert(id.clone(), Value::from(t.clone()));
        }
    }
    let rows =
        |v: Vec<Record>| -> Value { Value::from(v.into_iter().map(|(_, m)| Value::Object(m)).collect::<Vec<_>>()) };
    top.insert("units".into(), rows(units));
    top.insert("lines".into(), rows(lines));
    top.insert("projects".into(), Value::from(projects));
    top.insert("procurement".into(), rows(procurement));
    if let Some((no, mut a)) = take("assets").into_iter().next() {
        for k in ["vehicles", "other_count"] {
            if let Some(Value::String(q)) = a.get(k).cloned() {
                a.insert(k.into(), Value::from(q.parse::<u32>().unwrap_or(0)));
            }
        }
        if let Err(e) = serde_json::from_value::<crate::input::AssetsInput>(Value::Object(a.clone())) {
            errors.push(InputError { place: place("assets", no), message: e.to_string() });
        }
        top.insert("assets".into(), Value::Object(a));
    }
    if !prior.is_empty() || prior_year.is_some() {
        let year = prior_year.unwrap_or(Value::from(0));
        top.insert("prior".into(), serde_json::json!({"year": year, "lines": rows(prior)}));
    }
    top.insert("texts".into(), Value::Object(texts));
    if !errors.is_empty() {
        return Err(ReadInputError::Entries(errors));
    }
    serde_json::from_value(Value::Object(top))
        .map(|i| (i, origins))
        .map_err(|e| ReadInputError::Invalid(format!("输入无法解析：{e}")))
}

/// A workbook cell as typed text: whole-cent numbers as amounts, integers without decimals.
fn cell_text(d: &calamine::Data) -> String {
    use calamine::Data;
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => crate::input::Yuan::from_f64(*f).map_or_else(|| f.to_string(), |y| y.0.yuan_string()),
        Data::Int(i) => i.to_string(),
        other => other.to_string(),
    }
}

/// Whether `bytes` are a fill-in workbook (it has the 部门 and 预算明细 sheets), as opposed to a
/// published disclosure saved as a workbook.
pub fn is_fill_in(bytes: &[u8]) -> bool {
    use calamine::Reader;
    let Ok(wb) = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)) else { return false };
    let names = wb.sheet_names();
    ["department", "lines"].iter().all(|id| {
        let sheet = SHEETS.iter().find(|s| s.id == *id).map_or("", |s| s.sheet);
        names.iter().any(|n| n == sheet)
    })
}

/// Reads the fill-in workbook.
pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<(Input, Origins), ReadInputError> {
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec()))
        .map_err(|e| ReadInputError::Invalid(format!("{file}：工作簿无法读取：{e}")))?;
    let mut tables = Vec::new();
    for spec in SHEETS {
        let Ok(range) = wb.worksheet_range(spec.sheet) else { continue };
        let (r0, _) = range.start().unwrap_or((0, 0));
        let rows: Rows =
            range.rows().enumerate().map(|(i, r)| (r0 as usize + i + 1, r.iter().map(cell_text).collect())).collect();
        tables.push((spec.id, rows));
    }
    let place = |coll: &str, row: usize| {
        let sheet = SHEETS.iter().find(|s| s.id == coll).map_or(coll, |s| s.sheet);
        format!("工作表“{sheet}”第 {row} 行")
    };
    from_tables(&tables, &place)
}

/// Reads a folder of `<id>.csv` files (UTF-8, header row first).
pub fn read_csv_dir(dir: &std::path::Path) -> Result<(Input, Origins), ReadInputError> {
    let mut tables = Vec::new();
    for spec in SHEETS {
        let path = dir.join(format!("{}.csv", spec.id));
        if !path.exists() {
            continue;
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_path(&path)
            .map_err(|e| ReadInputError::Invalid(format!("{}：{e}", path.display())))?;
        let mut rows = Vec::new();
        for (i, rec) in r.records().enumerate() {
            let rec = rec.map_err(|e| ReadInputError::Invalid(format!("{}：{e}", path.display())))?;
            rows.push((i + 1, rec.iter().map(|s| s.trim_start_matches('\u{feff}').to_string()).collect()));
        }
        tables.push((spec.id, rows));
    }
    let place = |coll: &str, row: usize| format!("{coll}.csv 第 {row} 行");
    from_tables(&tables, &place)
}

/// The fill-in workbook for `year` and `layout`: one sheet per collection with its header row,
/// drop-down lists (units, codes with their names from the catalog, funds, kinds, periods, 一级指标)
/// and number validation on amounts; a hidden sheet holds the code lists.
pub fn write_template(year: u16, layout: &str, catalog: &Catalog) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_font_name("宋体").set_background_color("#DDEBF7").set_text_wrap();
    const LAST: u32 = 5000;
    let functions = catalog.entries(Classification::Function);
    let economics = catalog.entries(Classification::Economic);
    let list = |items: &[&str]| DataValidation::new().allow_list_strings(items);
    let amount = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(-1e13, 1e13))
        .set_error_message("金额以元为单位，最多两位小数")?;
    for spec in SHEETS {
        let ws = wb.add_worksheet();
        ws.set_name(spec.sheet)?;
        for (c, (_, title, width)) in spec.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *title, &head)?;
            ws.set_column_width(c as u16, *width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (c, (id, _, _)) in spec.columns.iter().enumerate() {
            let c = c as u16;
            let v = match (spec.id, *id) {
                ("units", "kind") => Some(list(&UnitKind::ALL)?),
                (_, "fund") => Some(list(&Fund::ALL)?),
                (_, "kind") => Some(list(&Kind::ALL)?),
                (_, "period") => Some(list(&Period::ALL)?),
                (_, "income") => Some(list(&IncomeKind::ALL)?),
                (_, "level1") => Some(list(&["产出指标", "效益指标", "满意度指标", "成本指标"])?),
                (_, "unit") => Some(DataValidation::new().allow_list_formula(Formula::new("=单位!$A$2:$A$200"))),
                (_, "function") => Some(
                    DataValidation::new()
                        .allow_list_formula(Formula::new(format!("=科目表!$A$2:$A${}", functions.len() + 1))),
                ),
                (_, "economic") => Some(
                    DataValidation::new()
                        .allow_list_formula(Formula::new(format!("=科目表!$B$2:$B${}", economics.len() + 1))),
                ),
                (_, "amount" | "project_budget" | "unit_price" | "sme" | "vehicles_value" | "other_value") => {
                    Some(amount.clone())
                }
                (_, k) if k.starts_with("plan_") => Some(amount.clone()),
                _ => None,
            };
            if let Some(v) = v {
                let v = v.set_error_title("输入无效")?;
                ws.add_data_validation(1, c, LAST, c, &v)?;
            }
        }
        match spec.id {
            "department" => {
                ws.write_number(1, 2, f64::from(year))?;
                ws.write_string(1, 3, layout)?;
                ws.write_number(1, 4, f64::from(year.saturating_sub(1)))?;
            }
            "texts" => {
                for (r, (id, label)) in TEXTS.iter().enumerate() {
                    ws.write_string(r as u32 + 1, 0, *id)?;
                    ws.write_string(r as u32 + 1, 1, *label)?;
                }
            }
            _ => {}
        }
    }
    let ws = wb.add_worksheet();
    ws.set_name("科目表")?;
    ws.write_string_with_format(0, 0, "功能分类科目", &head)?;
    ws.write_string_with_format(0, 1, "部门经济分类科目", &head)?;
    for (i, e) in functions.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, format!("{} {}", e.code, e.name))?;
    }
    for (i, e) in economics.iter().enumerate() {
        ws.write_string(i as u32 + 1, 1, format!("{} {}", e.code, e.name))?;
    }
    ws.set_column_width(0, 50)?;
    ws.set_column_width(1, 40)?;
    ws.set_hidden(true);
    wb.save_to_buffer()
}

/// Writes an input as a filled workbook (the template with the input's records), for round trips and
/// for people who start from an existing budget.
pub fn write_filled(input: &Input, catalog: &Catalog) -> Result<Vec<u8>, XlsxError> {
    let _ = catalog;
    let mut wb = Workbook::new();
    let head = Format::new().set_bold().set_font_name("宋体");
    for (spec, rows) in SHEETS.iter().map(|s| (s, to_rows(input, s.id))) {
        let ws = wb.add_worksheet();
        ws.set_name(spec.sheet)?;
        for (c, (_, title, width)) in spec.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *title, &head)?;
            ws.set_column_width(c as u16, *width)?;
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if !v.is_empty() {
                    ws.write_string(r as u32 + 1, c as u16, v)?;
                }
            }
        }
    }
    wb.save_to_buffer()
}

/// The records of collection `id` as rows of strings in the sheet's column order.
pub fn to_rows(input: &Input, id: &str) -> Vec<Vec<String>> {
    let spec = SHEETS.iter().find(|s| s.id == id).expect("known sheet");
    let obj = |v: Value| -> Vec<String> {
        spec.columns
            .iter()
            .map(|(k, _, _)| match v.get(*k) {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                _ => String::new(),
            })
            .collect()
    };
    let to = |x: &dyn erased::Ser| x.value();
    match id {
        "department" => {
            let mut v = serde_json::to_value(&input.department).unwrap_or_default();
            if let (Some(p), Value::Object(m)) = (&input.prior, &mut v) {
                m.insert("prior_year".into(), Value::from(p.year));
            }
            vec![obj(v)]
        }
        "units" => input.units.iter().map(|u| obj(to(u))).collect(),
        "lines" => input.lines.iter().map(|l| obj(to(l))).collect(),
        "prior" => input.prior.iter().flat_map(|p| p.lines.iter()).map(|l| obj(to(l))).collect(),
        "procurement" => input.procurement.iter().map(|p| obj(to(p))).collect(),
        "assets" => input.assets.iter().map(|a| obj(to(a))).collect(),
        "projects" => input
            .projects
            .iter()
            .map(|p| {
                let mut v = to(p);
                if let Value::Object(m) = &mut v {
                    for (x, k) in p.plan.iter().zip(["plan_3", "plan_6", "plan_10", "plan_12"]) {
                        if let Some(a) = x.amount {
                            m.insert(k.into(), Value::from(a.0.yuan_string()));
                        }
                    }
                }
                obj(v)
            })
            .collect(),
        "indicators" => input
            .projects
            .iter()
            .flat_map(|p| {
                p.indicators.iter().map(move |i| {
                    let mut v = to(i);
                    if let Value::Object(m) = &mut v {
                        m.insert("project".into(), Value::from(p.code.clone()));
                    }
                    v
                })
            })
            .map(obj)
            .collect(),
        "texts" => input
            .texts
            .iter()
            .map(|(k, t)| vec![k.clone(), TEXTS.iter().find(|x| x.0 == k).map_or("", |x| x.1).to_string(), t.clone()])
            .collect(),
        _ => Vec::new(),
    }
}

mod erased {
    /// Serialises any input record to a JSON value.
    pub trait Ser {
        fn value(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn value(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap_or_default()
        }
    }
}
