//! The same input as JSON, as the filled workbook and as CSV files builds the same package; the empty
//! template is refused with sheet and row; bad entries in a workbook are refused with their row.

use std::path::Path;
use yusuan_build::{build, read::read_input, tabular};
use yusuan_model::Catalog;

fn example() -> yusuan_build::Input {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hanshan-kegongxin-2025/input.json"));
    read_input(p).expect("input").0
}

fn text_of(input: &yusuan_build::Input, origins: &yusuan_build::Origins) -> String {
    build(input, origins, Catalog::bundled()).expect("build").package.to_text()
}

#[test]
fn workbook_and_csv_inputs_build_the_same_package_as_json() {
    let input = example();
    let want = text_of(&input, &Default::default());
    let bytes = tabular::write_filled(&input, Catalog::bundled()).expect("xlsx");
    let (from_xlsx, origins) = tabular::read_workbook("input.xlsx", &bytes).expect("read xlsx");
    assert_eq!(text_of(&from_xlsx, &origins), want);
    let dir = std::env::temp_dir().join(format!("yusuan-csv-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    for s in tabular::SHEETS {
        let mut w = csv::Writer::from_path(dir.join(format!("{}.csv", s.id))).expect("csv");
        w.write_record(s.columns.iter().map(|c| c.0)).expect("header");
        for r in tabular::to_rows(&input, s.id) {
            w.write_record(&r).expect("row");
        }
    }
    let (from_csv, origins) = read_input(&dir).expect("read csv");
    assert_eq!(text_of(&from_csv, &origins), want);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn refusals_name_the_sheet_and_row() {
    let template = tabular::write_template(2025, "hebei-dept-budget", Catalog::bundled()).expect("template");
    let err = tabular::read_workbook("input.xlsx", &template).expect_err("empty template refused");
    assert!(err.to_string().contains("错误") || matches!(err, yusuan_build::read::ReadInputError::Entries(_)), "{err}");
    let mut input = example();
    input.lines[3].function = "2069998".into();
    let bytes = tabular::write_filled(&input, Catalog::bundled()).expect("xlsx");
    let (bad, origins) = tabular::read_workbook("input.xlsx", &bytes).expect("types are fine");
    let Err(errors) = build(&bad, &origins, Catalog::bundled()) else { panic!("not refused") };
    assert_eq!(errors[0].to_string(), "工作表“预算明细”第 5 行：功能分类科目编码“2069998”不在科目表中");
    // A typing error is refused by the reader with its row.
    let mut rows = vec![(1, vec!["单位".to_string(), "资金来源".into(), "金额（元）".into()])];
    rows.push((2, vec!["本级".into(), "一般公共预算".into(), "12.345".into()]));
    let dept = vec![(1, vec!["部门名称".to_string(), "预算年度".into()]), (2, vec!["某局".into(), "2025".into()])];
    let err = tabular::from_tables(&[("department", dept), ("lines", rows)], &|c, r| format!("{c} 第 {r} 行"))
        .expect_err("refused");
    match err {
        yusuan_build::read::ReadInputError::Entries(e) => {
            assert_eq!(e[0].place, "lines 第 2 行");
        }
        other => panic!("{other}"),
    }
}

#[test]
fn the_examples_workbook_builds_the_same_package_as_its_json() {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hanshan-kegongxin-2025/input.xlsx"));
    let (input, origins) = read_input(p).expect("read input.xlsx");
    assert_eq!(text_of(&input, &origins), text_of(&example(), &Default::default()));
}

#[test]
fn toml_input_builds_the_same_package_as_json() {
    let input = example();
    let toml = toml::to_string(&input).expect("toml");
    let path = std::env::temp_dir().join(format!("yusuan-input-{}.toml", std::process::id()));
    std::fs::write(&path, toml).expect("write");
    let (from_toml, origins) = read_input(&path).expect("read toml");
    std::fs::remove_file(&path).ok();
    assert_eq!(text_of(&from_toml, &origins), text_of(&input, &Default::default()));
}
