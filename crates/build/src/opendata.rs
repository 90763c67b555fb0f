//! Open data: a tidy CSV of every budget line (`lines.csv`), a tidy CSV of every printed table cell
//! (`cells.csv`), the model as JSON (`model.json`) and a Fiscal Data Package descriptor
//! (`datapackage.json`) mapping `lines.csv` to the functional and economic classifications, the fund
//! source, the phase (approved budget) and the currency (CNY).

use crate::input::Input;
use crate::printed::{PCell, Package};
use crate::Built;
use yusuan_model::{Catalog, Classification};

fn csv_bytes(rows: Vec<Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r)?;
    }
    w.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// `lines.csv`: one row per budget line, amounts in 元 with two decimals.
pub fn lines_csv(input: &Input, catalog: &Catalog) -> Result<Vec<u8>, csv::Error> {
    let name = |cls, code: &str| catalog.get(cls, code).map(|e| e.name.clone()).unwrap_or_default();
    let mut rows = vec![[
        "fiscal_year",
        "phase",
        "direction",
        "unit",
        "function_code",
        "function_name",
        "function_class",
        "function_class_name",
        "economic_code",
        "economic_name",
        "fund_source",
        "income_kind",
        "expenditure_kind",
        "project_code",
        "period",
        "amount",
        "currency",
    ]
    .map(String::from)
    .to_vec()];
    for l in &input.lines {
        let f = l.function.trim();
        let e = l.economic.as_deref().unwrap_or("").trim();
        rows.push(vec![
            input.department.year.to_string(),
            "approved".into(),
            "expenditure".into(),
            l.unit.clone(),
            f.into(),
            name(Classification::Function, f),
            f.get(..3).unwrap_or("").into(),
            name(Classification::Function, f.get(..3).unwrap_or("")),
            e.into(),
            if e.is_empty() { String::new() } else { name(Classification::Economic, e) },
            l.fund.label().into(),
            l.income.map(|i| crate::input::IncomeKind::ALL[i as usize].to_string()).unwrap_or_default(),
            l.kind.label().into(),
            l.project.clone().unwrap_or_default(),
            l.period.label().into(),
            l.amount.0.yuan_string(),
            "CNY".into(),
        ]);
    }
    csv_bytes(rows)
}

/// `cells.csv`: one row per non-empty printed table cell; money in 元 with two decimals.
pub fn cells_csv(p: &Package) -> Result<Vec<u8>, csv::Error> {
    let mut rows = vec![["table", "title", "unit", "row", "column", "label", "type", "text", "value_yuan"]
        .map(String::from)
        .to_vec()];
    for t in p.tables() {
        let labels = t.leaf_labels();
        for (ri, r) in t.rows.iter().enumerate() {
            for (ci, c) in r.iter().enumerate() {
                let (kind, value) = match c {
                    PCell::Empty => continue,
                    PCell::Text(_) => ("text", String::new()),
                    PCell::Int(i) => ("count", i.to_string()),
                    PCell::Money(m) => ("money", m.yuan_string()),
                };
                rows.push(vec![
                    t.kind.clone(),
                    t.title.clone(),
                    t.unit.label().into(),
                    (ri + 1).to_string(),
                    t.column_ids.get(ci).cloned().unwrap_or_default(),
                    labels.get(ci).cloned().unwrap_or_default(),
                    kind.into(),
                    c.printed(t.unit),
                    if kind == "money" { value } else { String::new() },
                ]);
            }
        }
    }
    csv_bytes(rows)
}

/// `model.json`: the input and the built document (the same model `yusuan extract` gives).
pub fn model_json(input: &Input, built: &Built) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec_pretty(&serde_json::json!({ "input": input, "document": built.document }))
}

/// `datapackage.json`: a Fiscal Data Package descriptor for `lines.csv`.
pub fn datapackage_json(input: &Input) -> serde_json::Result<Vec<u8>> {
    let d = &input.department;
    let field = |name: &str, ty: &str, title: &str| serde_json::json!({"name": name, "type": ty, "title": title});
    let v = serde_json::json!({
        "profile": "fiscal-data-package",
        "name": format!("{}-{}-budget", d.code, d.year).to_lowercase(),
        "title": format!("{}{}年部门预算", d.name, d.year),
        "countryCode": "CN",
        "fiscalPeriod": {"start": format!("{}-01-01", d.year), "end": format!("{}-12-31", d.year)},
        "resources": [{
            "name": "budget-lines",
            "path": "lines.csv",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": {"fields": [
                field("fiscal_year", "year", "预算年度"),
                field("phase", "string", "预算阶段（approved：批复预算）"),
                field("direction", "string", "收支方向"),
                field("unit", "string", "单位"),
                field("function_code", "string", "功能分类科目编码"),
                field("function_name", "string", "功能分类科目名称"),
                field("function_class", "string", "功能分类类级编码"),
                field("function_class_name", "string", "功能分类类级名称"),
                field("economic_code", "string", "部门经济分类科目编码"),
                field("economic_name", "string", "部门经济分类科目名称"),
                field("fund_source", "string", "资金来源"),
                field("income_kind", "string", "单位资金收入类型"),
                field("expenditure_kind", "string", "支出类型（人员经费/公用经费/项目）"),
                field("project_code", "string", "项目编码"),
                field("period", "string", "本年/上年结转"),
                {"name": "amount", "type": "number", "title": "金额（元）", "decimalChar": ".", "groupChar": ""},
                field("currency", "string", "币种"),
            ]}
        }],
        "model": {
            "measures": {
                "amount": {"source": "amount", "currency": "CNY", "factor": 1, "direction": "expenditure", "phase": "approved"}
            },
            "dimensions": {
                "date": {"dimensionType": "datetime", "attributes": {"year": {"source": "fiscal_year"}}, "primaryKey": "year"},
                "functional-classification": {
                    "dimensionType": "classification",
                    "classificationType": "functional",
                    "attributes": {
                        "class": {"source": "function_class"},
                        "class_label": {"source": "function_class_name", "labelfor": "class"},
                        "code": {"source": "function_code", "parent": "class"},
                        "label": {"source": "function_name", "labelfor": "code"}
                    },
                    "primaryKey": "code"
                },
                "economic-classification": {
                    "dimensionType": "classification",
                    "classificationType": "economic",
                    "attributes": {
                        "code": {"source": "economic_code"},
                        "label": {"source": "economic_name", "labelfor": "code"}
                    },
                    "primaryKey": "code"
                },
                "fund-source": {"dimensionType": "fact", "attributes": {"name": {"source": "fund_source"}}, "primaryKey": "name"},
                "administrative-classification": {
                    "dimensionType": "classification",
                    "classificationType": "administrative",
                    "attributes": {"unit": {"source": "unit"}},
                    "primaryKey": "unit"
                },
                "project": {"dimensionType": "fact", "attributes": {"code": {"source": "project_code"}}, "primaryKey": "code"},
                "expenditure-kind": {"dimensionType": "fact", "attributes": {"kind": {"source": "expenditure_kind"}}, "primaryKey": "kind"},
                "period": {"dimensionType": "fact", "attributes": {"period": {"source": "period"}}, "primaryKey": "period"},
                "phase": {"dimensionType": "fact", "attributes": {"phase": {"source": "phase"}}, "primaryKey": "phase"}
            }
        }
    });
    serde_json::to_vec_pretty(&v)
}
