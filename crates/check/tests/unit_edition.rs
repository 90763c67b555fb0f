//! A Hebei 单位预算 disclosure: the corrected seed as a budget unit would publish it (titles 单位预算…, sections
//! 单位…, the unit calling itself 本单位) reads with the unit layout, like the department edition, and is clean.

mod common;

use yusuan_check::Severity;
use yusuan_model::Edition;

/// The corrected seed with the department's words replaced by the unit edition's.
fn unit_edition(self_word: &str) -> String {
    let mut t = common::CORRECTED
        .replace("\n部门预算", "\n单位预算")
        .replace("部门预算信息公开情况说明", "单位预算信息公开情况说明");
    for (dept, unit) in [
        ("一、部门职责及机构设置情况", "一、单位职责及机构设置情况"),
        ("二、部门预算安排的总体情况", "二、单位预算安排的总体情况"),
        ("五、部门整体绩效目标", "五、单位整体绩效目标"),
        ("六、部门主管专项资金", "六、单位主管专项资金"),
        ("七、部门项目预算安排情况及绩效目标", "七、单位项目预算安排情况及绩效目标"),
        ("\n部门政府采购预算", "\n单位政府采购预算"),
        ("\n部门固定资产占用情况表", "\n单位固定资产占用情况表"),
        ("我部门", self_word),
        ("本部门", self_word),
    ] {
        t = t.replace(dept, unit);
    }
    t
}

#[test]
fn a_unit_edition_reads_with_the_unit_layout_and_the_same_cells() {
    let unit = common::read(&unit_edition("本单位"));
    let dept = common::read(common::CORRECTED);
    assert_eq!(unit.meta.layout, "hebei-unit-budget");
    assert_eq!(unit.meta.edition, Edition::Unit);
    assert_eq!(unit.tables.len(), dept.tables.len());
    let values = |d: &yusuan_model::Document| d.amount_cells().map(|c| c.amount.value).collect::<Vec<_>>();
    assert_eq!(values(&unit), values(&dept));
    assert_eq!(unit.sections.len(), dept.sections.len());
}

#[test]
fn a_unit_edition_is_clean_and_its_department_wording_is_a_warning() {
    let r = common::run(&unit_edition("本单位"));
    let noted: Vec<_> = r.findings.iter().filter(|f| f.severity != Severity::Info).map(|f| &f.message).collect();
    assert!(noted.is_empty(), "{noted:?}");
    let r = common::run(&unit_edition("本部门"));
    assert!(r.by_rule("N022").count() >= 2, "{:?}", r.findings.iter().map(|f| &f.message).collect::<Vec<_>>());
}
