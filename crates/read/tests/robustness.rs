//! Inputs found by fuzzing stay fixed: they give a document or an error, never a panic.

#[test]
fn a_fragment_row_under_a_header_that_added_columns_does_not_panic() {
    let bytes = include_bytes!("../../../fixtures/fuzz/crash-short-row-fragment.txt");
    let _ = yusuan_read::read_bytes("crash.txt", bytes, None);
}

#[test]
fn a_glued_project_name_cell_with_wide_characters_does_not_panic() {
    let text = "1、某项目绩效目标表\n单位：万元\n项目编码\t13040225P00000610003R\t\t项目名称０\n项目编码\tX\t\t项 目名称]关于某项目\n";
    let layout = yusuan_model::Layout::by_id("hebei-dept-budget").unwrap();
    let doc = yusuan_read::read_text("t.txt", text, layout);
    assert_eq!(doc.projects.len(), 1);
    assert_eq!(doc.projects[0].name, "关于某项目");
}
