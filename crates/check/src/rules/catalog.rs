//! 科目: classification codes and names against the catalog (政府收支分类科目), and their consistency
//! across the tables of one document. A code missing from the bundled, partly unverified catalog is a
//! warning; it is an error only when an official catalog file was loaded for its classification.

use crate::engine::{Coded, Ctx, Family, Location, Rule, Severity, Sink};
use crate::helpers::level;
use yusuan_model::catalog::NameVariant;
use yusuan_model::layout::{key, key_into, with_key};
use yusuan_model::{same_str, Classification, ColumnRole, Money, Row, Table};

// Example headers, as printed by the seed (one macro per table kind; rows follow, one per argument).
macro_rules! summary_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n", $($r, "\n"),*) };
}
macro_rules! income_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算收入总表\n单位：万元\n序号\t功能分类科目\t\t合计\t本年收入\t\t\t\t\t\t\t\t上年结转\n\t科目编码\t科目名称\t\t小计\t财政拨款收入\t财政专户收入\t事业收入\t经营收入\t上级补助收入\t附属单位上缴收入\t其他收入\t\n栏次\t1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\n", $($r, "\n"),*) };
}
macro_rules! expenditure_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! general_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算一般公共预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! soe_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算国有资本经营预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}
macro_rules! basic_t {
    ($($r:literal),* $(,)?) => { concat!("部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n", $($r, "\n"),*) };
}

/// The coded rows of every table of classification `cls` (from the per-document list the catalog rules share).
fn coded<'c, 'a>(cx: &'c Ctx<'a>, cls: Classification) -> std::iter::Peekable<impl Iterator<Item = &'c Coded<'a>>> {
    cx.coded().iter().filter(move |c| c.cls == cls).peekable()
}

/// Whether a code has a valid shape for its classification: digits, a valid length, the right first digit.
pub(crate) fn well_formed(cls: Classification, code: &str) -> bool {
    let first = match cls {
        Classification::Function => '2',
        Classification::Economic => '3',
    };
    cls.lengths().contains(&code.len()) && code.starts_with(first) && code.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `name` is a known old or variant name of `code` (reported by C009, not as a plain mismatch).
fn known_variant(cx: &Ctx, code: &str, k: &str) -> bool {
    cx.catalog.variants().iter().zip(cx.catalog.variant_keys()).any(|(v, vk)| same_str(&v.code, code) && vk == k)
}

fn shape(cx: &Ctx, sink: &mut Sink, cls: Classification) {
    let mut rows = coded(cx, cls);
    if rows.peek().is_none() {
        sink.not_evaluated(format!("文件中没有{}科目行", cls.label()));
        return;
    }
    sink.evaluated();
    for &Coded { table: t, row: r, code, well_formed, .. } in rows {
        if !well_formed {
            // (the valid lengths written out only for a finding)
            let lengths: Vec<String> = cls.lengths().iter().map(usize::to_string).collect();
            sink.report(
                format!(
                    "“{}”中{}编码 {code}（{}）不合规：应为 {} 位数字且以 {} 开头",
                    t.title,
                    cls.label(),
                    t.row_name(r, None),
                    lengths.join("、"),
                    if cls == Classification::Function { 2 } else { 3 }
                ),
                Location::row(t, r),
            )
            .values(format!("{} 位{}编码", lengths.join("/"), cls.label()), code.to_string());
        }
    }
}

/// C001: function codes are 3, 5 or 7 digits starting with 2.
pub static C001: Rule = Rule {
    code: "C001",
    name: "功能分类编码位数",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "支出功能分类科目编码为 3 位（类）、5 位（款）或 7 位（项）数字，并以 2 开头。",
    why: "位数不对的编码无法对应到任何科目，通常是换行截断、漏位或多位造成的。",
    bad: expenditure_t!("1\t206010\t行政运行\t417.74\t417.74\t"),
    good: expenditure_t!("1\t2060101\t行政运行\t417.74\t417.74\t"),
    basis: "《2025年政府收支分类科目》：支出功能分类设类、款、项三级，编码分别为 3、5、7 位。",
    check: |cx, sink| shape(cx, sink, Classification::Function),
};

/// C002: economic codes are 3 or 5 digits starting with 3.
pub static C002: Rule = Rule {
    code: "C002",
    name: "经济分类编码位数",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "部门预算支出经济分类科目编码为 3 位（类）或 5 位（款）数字，并以 3 开头。",
    why: "位数不对的编码无法对应到任何经济科目，人员经费、公用经费口径也随之无法核对。",
    bad: basic_t!("1\t3010\t基本工资\t161.36\t161.36\t"),
    good: basic_t!("1\t30101\t基本工资\t161.36\t161.36\t"),
    basis: "《2025年政府收支分类科目》：部门预算支出经济分类设类、款两级，编码分别为 3、5 位。",
    check: |cx, sink| shape(cx, sink, Classification::Economic),
};

fn exists(cx: &Ctx, sink: &mut Sink, cls: Classification) {
    let mut rows = coded(cx, cls);
    if rows.peek().is_none() {
        sink.not_evaluated(format!("文件中没有{}科目行", cls.label()));
        return;
    }
    sink.evaluated();
    let official = cx.catalog.is_official(cls);
    let code_of_rule = sink.rule().code;
    for &Coded { table: t, row: r, code, entry, well_formed, .. } in rows {
        if !well_formed || entry.is_some() {
            continue;
        }
        let (severity, source) = if official {
            (Severity::Error, "正式科目表")
        } else {
            (Severity::Warning, "内置参考科目表（未完全核实）")
        };
        sink.report_as(
            code_of_rule,
            severity,
            format!("“{}”中科目 {code} {} 不在{source}中", t.title, t.row_name(r, None)),
            Location::row(t, r),
        )
        .values(format!("{}中的编码", cls.label()), code.to_string());
    }
}

/// C003: function codes exist in the catalog.
pub static C003: Rule = Rule {
    code: "C003",
    name: "功能分类科目不存在",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary:
        "每个支出功能分类编码都应在当年《政府收支分类科目》中存在。使用内置参考科目表时为警告；加载正式科目表后为错误。",
    why: "不存在的科目说明编码抄错或使用了已废止的科目，支出用途无法归类。",
    bad: expenditure_t!("1\t2069998\t其他科学技术支出\t120.00\t\t120.00"),
    good: expenditure_t!("1\t2069999\t其他科学技术支出\t120.00\t\t120.00"),
    basis: "《2025年政府收支分类科目》（财政部）。",
    check: |cx, sink| exists(cx, sink, Classification::Function),
};

/// C004: economic codes exist in the catalog.
pub static C004: Rule = Rule {
    code: "C004",
    name: "经济分类科目不存在",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "每个部门预算支出经济分类编码都应在当年科目表中存在。使用内置参考科目表时为警告；加载正式科目表后为错误。",
    why: "不存在的经济科目说明编码抄错或使用了旧科目。",
    bad: basic_t!("1\t30298\t其他商品和服务支出\t5.00\t\t5.00"),
    good: basic_t!("1\t30299\t其他商品和服务支出\t5.00\t\t5.00"),
    basis: "《2025年政府收支分类科目》部门预算支出经济分类。",
    check: |cx, sink| exists(cx, sink, Classification::Economic),
};

fn names(cx: &Ctx, sink: &mut Sink, cls: Classification) {
    let mut rows = coded(cx, cls);
    if rows.peek().is_none() {
        sink.not_evaluated(format!("文件中没有{}科目行", cls.label()));
        return;
    }
    let code_of_rule = sink.rule().code;
    // (the key of a name, in one string for every row)
    let mut k = String::new();
    for &Coded { table: t, row: r, code, name, entry, as_catalog, .. } in rows {
        let Some(entry) = entry else { continue };
        if name.is_empty() {
            continue;
        }
        sink.evaluated();
        // Equal printed names have equal keys: the key is needed only when they differ.
        if as_catalog {
            continue;
        }
        // (room for the name first: its key is about as long, and the string then grows at most once)
        k.clear();
        k.reserve(name.len());
        key_into(name, &mut k);
        if yusuan_model::layout::with_key(&entry.name, |e| *k == *e) || known_variant(cx, code, &k) {
            continue;
        }
        let sure = entry.verified() || cx.catalog.is_official(cls);
        let severity = if sure { Severity::Error } else { Severity::Warning };
        let note = if sure { "" } else { "（科目表该行尚未核实）" };
        sink.report_as(
            code_of_rule,
            severity,
            // (joined in one allocation: cheaper than the formatting machinery, for plain pieces)
            join!("“", t.title, "”中科目 ", code, " 名称为“", name, "”，科目表为“", entry.name, "”", note),
            Location::row(t, r),
        )
        .values(entry.name.clone(), name.to_string());
    }
}

/// C005: function names equal the catalog's.
pub static C005: Rule = Rule {
    code: "C005",
    name: "功能分类科目名称与科目表不符",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "支出功能分类科目的名称应与科目表一致（忽略空格、引号和全半角括号）。科目表该行已核实或为正式科目表时为错误，否则为警告。",
    why: "科目名称写错会误导读者对支出用途的理解，也说明表格可能是手工录入而非系统导出。",
    bad: expenditure_t!("1\t20604\t技术与开发\t12.22\t\t12.22"),
    good: expenditure_t!("1\t20604\t技术研究与开发\t12.22\t\t12.22"),
    basis: "《2025年政府收支分类科目》科目名称。",
    check: |cx, sink| names(cx, sink, Classification::Function),
};

/// C006: economic names equal the catalog's.
pub static C006: Rule = Rule {
    code: "C006",
    name: "经济分类科目名称与科目表不符",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "部门预算支出经济分类科目的名称应与科目表一致（忽略空格、引号和全半角括号）。科目表该行已核实或为正式科目表时为错误，否则为警告。",
    why: "经济科目名称写错，会让读者误解资金的具体用途（如公务用车、会议、培训）。",
    bad: basic_t!("1\t30231\t公车运行维护费\t1.50\t\t1.50"),
    good: basic_t!("1\t30231\t公务用车运行维护费\t1.50\t\t1.50"),
    basis: "《2025年政府收支分类科目》部门预算支出经济分类科目名称。",
    check: |cx, sink| names(cx, sink, Classification::Economic),
};

/// A coded row with its table and the comparison key of its name.
type Named<'a> = (&'a Table, &'a Row, String);

/// C007: one code, one name, across every table of the document.
pub static C007: Rule = Rule {
    code: "C007",
    name: "同一科目在各表名称不一致",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "同一科目编码在文件各表中的名称必须相同（忽略空格、引号和全半角括号）。与科目表名称一致的写法（或多数表的写法）为准，其余位置报告。",
    why: "同一科目在不同表中名称不同，说明表格来自不同口径或手工改动，读者无法确认是否为同一科目。",
    bad: concat!(income_t!("1\t20604\t技术与开发\t12.22\t\t\t\t\t\t\t\t\t12.22"), expenditure_t!("1\t20604\t技术与研究开发\t12.22\t\t12.22"),),
    good: concat!(
        income_t!("1\t20604\t技术研究与开发\t12.22\t\t\t\t\t\t\t\t\t12.22"),
        expenditure_t!("1\t20604\t技术研究与开发\t12.22\t\t12.22"),
    ),
    basis: "《2025年政府收支分类科目》；《地方预决算公开操作规程》要求公开内容前后一致。",
    check: |cx, sink| {
        // Coded rows with their printed names.
        let rows = || cx.coded().iter().filter(|c| !c.name.is_empty());
        if rows().next().is_none() {
            sink.not_evaluated("文件中没有科目行");
            return;
        }
        sink.evaluated();
        // The codes printed with more than one name, in (classification, code) order, each with its rows in
        // document order. Rows printed with their catalog name agree, so only a code with a row printed
        // otherwise can have more than one name: the other codes are passed over without being grouped.
        let mut candidates: Vec<(bool, &str)> = rows()
            .filter(|c| !c.as_catalog)
            .map(|c| (c.cls == Classification::Economic, c.code))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        for (economic, code) in candidates {
            let in_group = |c: &&Coded| same_str(c.code, code) && (c.cls == Classification::Economic) == economic;
            let printed: Vec<&Coded> = rows().filter(in_group).collect();
            if printed.iter().all(|c| c.name == printed[0].name) {
                continue;
            }
            let group: Vec<Named> = printed.iter().map(|c| (c.table, c.row, key(c.name))).collect();
            let rows = || group.iter();
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (_, _, k) in rows() {
                match counts.iter_mut().find(|(n, _)| n == k) {
                    Some(c) => c.1 += 1,
                    None => counts.push((k, 1)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            let cls = if economic { Classification::Economic } else { Classification::Function };
            let official = cx.catalog.get(cls, code).map(|e| key(&e.name));
            let reference = official
                .as_deref()
                .filter(|o| counts.iter().any(|(n, _)| n == o))
                .map(str::to_string)
                .unwrap_or_else(|| {
                    let max = counts.iter().map(|c| c.1).max().unwrap_or(0);
                    counts.iter().find(|c| c.1 == max).map_or(String::new(), |c| c.0.to_string())
                });
            // (messages joined in one allocation: cheaper than the formatting machinery, for plain pieces)
            let all: Vec<String> = rows().map(|(t, r, _)| join!(t.title, "作“", t.row_name(r, None), "”")).collect();
            let shown = rows().find(|(_, _, k)| *k == reference).map_or(reference.as_str(), |(t, r, _)| t.row_name(r, None));
            for (t, r, k) in rows() {
                if *k == reference {
                    continue;
                }
                sink.report(join!("科目 ", code, " 在各表中名称不一致：", all.join("，")), Location::row(t, r))
                    .values(shown.to_string(), t.row_name(r, None).to_string());
            }
        }
    },
};

/// C008: obsolete codes (e.g. 30104, 30105) are not used.
pub static C008: Rule = Rule {
    code: "C008",
    name: "使用已废止的科目编码",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "不得使用已废止的科目编码，如 2018 年经济分类改革前的 30104 社会保障缴费、30105 伙食费。",
    why: "已废止的科目在当年预算中不存在，说明套用了旧模板或旧数据。",
    bad: basic_t!("1\t30104\t社会保障缴费\t10.00\t10.00\t"),
    good: basic_t!("1\t30112\t其他社会保障缴费\t10.00\t10.00\t"),
    basis: "《财政部关于印发〈支出经济分类科目改革方案〉的通知》（财预〔2017〕98号），自 2018 年起施行。",
    check: |cx, sink| {
        if cx.doc.tables.iter().all(|t| t.coded_rows().next().is_none()) {
            sink.not_evaluated("文件中没有科目行");
            return;
        }
        sink.evaluated();
        for v in cx.catalog.variants().iter().filter(|v| v.canonical.is_none()) {
            for t in &cx.doc.tables {
                for r in t.coded_rows().filter(|r| r.code.as_deref().is_some_and(|c| same_str(c, &v.code))) {
                    sink.report(
                        format!("“{}”使用了已废止的科目 {} {}", t.title, v.code, t.row_name(r, None)),
                        Location::row(t, r),
                    )
                    .values("现行科目", v.code.clone());
                }
            }
        }
    },
};

/// C009: known old names (e.g. 医疗卫生与计划生育支出) are not used.
pub static C009: Rule = Rule {
    code: "C009",
    name: "使用旧科目名称",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "科目名称不应使用已更名前的旧名称或非规范简称（如 210 “医疗卫生与计划生育支出”应为“卫生健康支出”），表格科目行和收支总表的类级项目都适用。",
    why: "旧名称说明套用了旧模板，读者可能据此误判科目口径。",
    bad: expenditure_t!("1\t210\t医疗卫生与计划生育支出\t7.93\t7.93\t"),
    good: expenditure_t!("1\t210\t卫生健康支出\t7.93\t7.93\t"),
    basis: "《政府收支分类科目》历年修订（2019 年起 210 类更名为卫生健康支出等）。",
    check: |cx, sink| {
        let olds: Vec<_> = cx.catalog.old_names().collect();
        // A row without a code (the expense side of a two-sided table) can only name a 类.
        let class_olds: Vec<_> = olds.iter().filter(|(v, _)| v.code.len() == 3).copied().collect();
        // Per 类 old name: the current 类 whose name has the same key (a name the expense cache found
        // to be that 类's has that key, so it needs no key of its own).
        let class_of_old: Vec<Option<&str>> =
            class_olds.iter().map(|(_, vk)| cx.catalog.function_class_by_key(vk)).collect();
        // The codes that have an old name, and the 类 that an old 类 name names: a row of another code or
        // 类 is passed over at one look-up.
        let old_codes: rustc_hash::FxHashSet<&str> = olds.iter().map(|(v, _)| v.code.as_str()).collect();
        let classes_of_old: rustc_hash::FxHashSet<&str> = class_of_old.iter().flatten().copied().collect();
        for t in &cx.doc.tables {
            // The columns `row_name` would find, once per table.
            let first_name = t.columns.iter().position(|c| c.role == ColumnRole::Name);
            // The expense names with their numbering stripped, shared with the other rules (empty for a
            // table without an `expense_item` column).
            let expense = if t.col("expense_item").is_some() { cx.expense_classes(t) } else { Default::default() };
            for (i, r) in t.rows.iter().enumerate() {
                let (name, col, olds, class) = match (&r.code, expense.get(i)) {
                    (Some(_), _) => (r.text_at(first_name), None, &olds, None),
                    (None, Some(e)) => (e.name, Some("expense_item"), &class_olds, e.class),
                    (None, None) => continue,
                };
                if name.is_empty() {
                    continue;
                }
                sink.evaluated();
                let same_code = |code: &str| r.code.as_deref().is_none_or(|c| same_str(c, code));
                // The name's key only for a row whose code has an old name (any old 类 name applies to an
                // uncoded row).
                let may_be_old = match (r.code.as_deref(), class) {
                    (Some(code), _) => old_codes.contains(code),
                    (None, Some(class)) => classes_of_old.contains(class),
                    (None, None) => !olds.is_empty(),
                };
                if !may_be_old {
                    continue;
                }
                let mut report = |v: &NameVariant| {
                    let canonical = v.canonical.clone().unwrap_or_default();
                    let loc = col.map_or_else(|| Location::row(t, r), |c| Location::cell(t, r, c));
                    sink.report(format!("“{}”中科目 {} 使用了旧名称“{name}”，现行名称为“{canonical}”", t.title, v.code), loc)
                        .values(canonical, name.to_string());
                };
                if let Some(class) = class {
                    // The name's key is that 类's (only uncoded rows have a class, so every old name applies).
                    for ((v, _), old) in class_olds.iter().zip(&class_of_old) {
                        if *old == Some(class) {
                            report(v);
                        }
                    }
                    continue;
                }
                // In the reused buffer of `with_key`: the key is only compared, never kept.
                with_key(name, |k| {
                    for (v, vk) in olds {
                        if same_code(&v.code) && vk.as_str() == k {
                            report(v);
                        }
                    }
                });
            }
        }
    },
};

/// C010: the 类 names on the expense side of the two-sided tables are catalog names.
pub static C010: Rule = Rule {
    code: "C010",
    name: "收支总表支出类名不规范",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "收支总表和财政拨款收支总表支出栏中有金额的项目，名称应是支出功能分类的类级科目名称（如“六、科学技术支出”），否则无法与支出总表逐类核对。",
    why: "类名写错或自造名称，读者无法确认金额属于哪一类支出，表间核对也无从进行。",
    bad: summary_t!("1\t\t\t六、科学技术\t551.96"),
    good: summary_t!("1\t\t\t六、科学技术支出\t551.96"),
    basis: "部门预算公开表样：收支总表支出按支出功能分类类级科目列示。",
    check: |cx, sink| {
        // The expense amount columns as `Table::row_name` and `Table::amount` find them, once per table, in one
        // list for every table.
        let mut cols: Vec<Option<usize>> = Vec::new();
        for t in cx.doc.tables.iter().filter(|t| t.col("expense_item").is_some()) {
            cols.clear();
            let expense = t.columns.iter().filter(|c| c.name_column.as_deref() == Some("expense_item"));
            cols.extend(expense.map(|c| t.col(&c.id)));
            let name_col = t.col("expense_item");
            let classes = cx.expense_classes(t);
            for (r, expense) in t.rows.iter().zip(classes.iter()) {
                if r.roles.iter().any(|x| x.starts_with("expense.")) {
                    continue;
                }
                let name = r.text_at(name_col);
                if name.is_empty() {
                    continue;
                }
                sink.evaluated();
                // (`0.00` printed where nothing is spent is no amount)
                let has_amount = cols.iter().any(|&c| r.amount_at(c).is_some_and(|a| a.value != Money::ZERO));
                if !has_amount || expense.class.is_some() {
                    continue;
                }
                let k = key(expense.name);
                let old = cx.catalog.variants().iter().zip(cx.catalog.variant_keys()).any(|(v, vk)| v.code.len() == 3 && *vk == k);
                if old {
                    continue;
                }
                sink.report(format!("“{}”支出栏“{name}”不是支出功能分类的类级科目名称", t.title), Location::cell(t, r, "expense_item"))
                    .values("类级科目名称", name.to_string());
            }
        }
    },
};

/// C011: 223 (国有资本经营预算支出) codes appear only in the 国有资本经营 table, not in 一般公共/基金.
pub static C011: Rule = Rule {
    code: "C011",
    name: "一般公共预算表列有国有资本经营预算科目",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "一般公共预算财政拨款支出表和政府性基金预算财政拨款支出表中不得出现 223 国有资本经营预算支出类科目。",
    why: "223 类科目只用于国有资本经营预算，列入一般公共预算或基金预算表说明资金来源列错。",
    bad: general_t!("1\t223\t国有资本经营预算支出\t1128.00\t\t1128.00"),
    good: general_t!("1\t206\t科学技术支出\t551.96\t417.74\t134.22"),
    basis: "《中华人民共和国预算法》第五条、第十条：国有资本经营预算与一般公共预算分别编制；《政府收支分类科目》223 类说明。",
    check: |cx, sink| {
        for kind in ["general_budget", "gov_fund"] {
            let Some(t) = cx.table(kind) else { continue };
            sink.evaluated();
            for r in t.coded_rows().filter(|r| r.code.as_deref().is_some_and(|c| c.starts_with("223"))) {
                sink.report(format!("“{}”列有国有资本经营预算支出科目 {} {}", t.title, r.code.as_deref().unwrap_or(""), t.row_name(r, None)), Location::row(t, r))
                    .values("非 223 类科目", r.code.clone().unwrap_or_default());
            }
        }
        if cx.table("general_budget").is_none() && cx.table("gov_fund").is_none() {
            sink.not_evaluated("文件中没有一般公共预算或政府性基金预算财政拨款支出表");
        }
    },
};

/// C012: the 国有资本经营 table holds only 223 codes.
pub static C012: Rule = Rule {
    code: "C012",
    name: "国有资本经营预算表列有其他科目",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "国有资本经营预算财政拨款支出表只能列 223 国有资本经营预算支出类科目。",
    why: "国有资本经营预算资金只能用于 223 类支出，列入其他类科目说明科目或资金来源列错。",
    bad: soe_t!("1\t206\t科学技术支出\t2.00\t\t2.00"),
    good: soe_t!("1\t223\t国有资本经营预算支出\t2.00\t\t2.00"),
    basis: "《中华人民共和国预算法》第十条；《政府收支分类科目》223 类说明。",
    check: |cx, sink| {
        let Some(t) = cx.table("soe") else {
            sink.not_evaluated("文件中没有国有资本经营预算财政拨款支出表");
            return;
        };
        sink.evaluated();
        for r in t.coded_rows().filter(|r| !r.code.as_deref().is_some_and(|c| c.starts_with("223"))) {
            sink.report(
                format!(
                    "“{}”列有非国有资本经营预算科目 {} {}",
                    t.title,
                    r.code.as_deref().unwrap_or(""),
                    t.row_name(r, None)
                ),
                Location::row(t, r),
            )
            .values("223 类科目", r.code.clone().unwrap_or_default());
        }
    },
};

/// The code one level up, if any.
fn parent(cls: Classification, code: &str) -> Option<&str> {
    let lv = level(cls, code)?;
    if lv < 2 {
        return None;
    }
    code.get(..cls.lengths()[lv - 2])
}

/// The coded rows of each table listed hierarchically (with at least one 类 row), table by table.
fn hierarchical<'c, 'a>(cx: &'c Ctx<'a>) -> impl Iterator<Item = &'c [Coded<'a>]> + Clone {
    // (each table's coded rows are together in the shared list)
    cx.coded()
        .chunk_by(|a, b| std::ptr::eq(a.table, b.table))
        .filter(|rows| rows.iter().any(|c| level(c.cls, c.code) == Some(1)))
}

/// C013: a 项 row's 款 (and a 款 row's 类) is printed in the same table.
pub static C013: Rule = Rule {
    code: "C013",
    name: "缺少上级科目行",
    severity: Severity::Error,
    family: Family::Catalog,
    summary: "按类、款、项分级列示的表格中，每个项级科目的所属款、每个款级科目的所属类都应在同一张表中列出。",
    why: "缺少上级科目行，类、款合计无法核对，读者也看不出该项属于哪类支出；常见原因是分页或复制时丢行。",
    bad: expenditure_t!("1\t206\t科学技术支出\t417.74\t417.74\t", "2\t2060101\t行政运行\t417.74\t417.74\t"),
    good: expenditure_t!(
        "1\t206\t科学技术支出\t417.74\t417.74\t",
        "2\t20601\t科学技术管理事务\t417.74\t417.74\t",
        "3\t2060101\t行政运行\t417.74\t417.74\t"
    ),
    basis: "部门预算公开表样：功能分类科目按类、款、项分级列示。",
    check: |cx, sink| {
        let tables = hierarchical(cx);
        if tables.clone().next().is_none() {
            sink.not_evaluated("文件中没有分级列示的科目表");
            return;
        }
        sink.evaluated();
        for rows in tables {
            for (i, &Coded { table: t, row: r, code, cls, name, .. }) in rows.iter().enumerate() {
                let Some(p) = parent(cls, code) else { continue };
                // A parent is printed above its rows, mostly just above: looked for from the row upwards
                // first (the test is whether it is listed anywhere, so the order of the search is free).
                if !rows[..i].iter().rev().chain(&rows[i..]).any(|x| same_str(x.code, p)) {
                    sink.report(format!("“{}”列有 {code} {name}，但没有其上级科目 {p}", t.title), Location::row(t, r))
                        .values(format!("列出 {p}"), "未列出");
                }
            }
        }
    },
};

/// C014: rows of a 款 follow their 类 (and 项 their 款).
pub static C014: Rule = Rule {
    code: "C014",
    name: "科目排列顺序错乱",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "分级列示的表格中，每个款级、项级科目行应紧随其上级科目之后排列，不得排到其他类或款之下。",
    why: "科目排错位置，读者会把它误认为其他类的下级，也说明表格可能被手工调整过。",
    bad: expenditure_t!(
        "1\t206\t科学技术支出\t10.00\t10.00\t",
        "2\t208\t社会保障和就业支出\t5.00\t5.00\t",
        "3\t20601\t科学技术管理事务\t10.00\t10.00\t"
    ),
    good: expenditure_t!(
        "1\t206\t科学技术支出\t10.00\t10.00\t",
        "2\t20601\t科学技术管理事务\t10.00\t10.00\t",
        "3\t208\t社会保障和就业支出\t5.00\t5.00\t"
    ),
    basis: "部门预算公开表样：功能分类科目按类、款、项分级列示。",
    check: |cx, sink| {
        let tables = hierarchical(cx);
        if tables.clone().next().is_none() {
            sink.not_evaluated("文件中没有分级列示的科目表");
            return;
        }
        sink.evaluated();
        for rows in tables {
            // The index of the last row seen of each level (1-based).
            let mut last: [Option<usize>; 4] = [None; 4];
            for (i, &Coded { table: t, row: r, code, cls, name, .. }) in rows.iter().enumerate() {
                let Some(lv) = level(cls, code) else { continue };
                if lv >= 2 {
                    // The nearest row above of a higher level: the last seen of any level above.
                    let prev = last[1..lv].iter().flatten().max().map(|&k| &rows[k]);
                    let misplaced = match prev {
                        Some(p) => !code.starts_with(p.code),
                        None => rows.iter().any(|p| p.code.len() < code.len() && code.starts_with(p.code)),
                    };
                    if misplaced {
                        let under = prev.map_or(String::from("表首"), |p| format!("{} {}", p.code, p.name));
                        sink.report(
                            format!("“{}”中 {code} {name} 排在 {under} 之下，未紧随其上级科目", t.title),
                            Location::row(t, r),
                        )
                        .values(format!("排在 {} 之下", parent(cls, code).unwrap_or("")), under);
                    }
                }
                last[lv] = Some(i);
            }
        }
    },
};

/// C015: names use full-width parentheses.
pub static C015: Rule = Rule {
    code: "C015",
    name: "名称中使用半角括号",
    severity: Severity::Info,
    family: Family::Catalog,
    summary: "表格中的科目和项目名称应使用全角括号“（）”，如“因公出国（境）费用”；出现半角括号“()”时提示。",
    why: "科目表使用全角括号；半角括号不影响金额，但说明名称是手工录入的，检索和比对时也容易漏配。",
    bad: basic_t!("1\t30212\t因公出国(境)费用\t1.00\t\t1.00"),
    good: basic_t!("1\t30212\t因公出国（境）费用\t1.00\t\t1.00"),
    basis: "《2025年政府收支分类科目》科目名称写法；GB/T 15834《标点符号用法》。",
    check: |cx, sink| {
        // Each name column as `Table::row_name` finds it (the first column with its id), once per table, in
        // one list for every table.
        let mut name_cols: Vec<Option<usize>> = Vec::new();
        for t in &cx.doc.tables {
            name_cols.clear();
            name_cols.extend(t.columns.iter().filter(|c| c.role == ColumnRole::Name).map(|c| t.col(&c.id)));
            for r in &t.rows {
                for &c in &name_cols {
                    let name = r.text_at(c);
                    if name.is_empty() {
                        continue;
                    }
                    sink.evaluated();
                    // ASCII bytes in UTF-8 are only ever those characters.
                    if memchr::memchr2(b'(', b')', name.as_bytes()).is_some() {
                        let fixed = name.replace('(', "（").replace(')', "）");
                        sink.report(format!("“{}”中名称“{name}”使用了半角括号", t.title), Location::row(t, r))
                            .values(fixed, name.to_string());
                    }
                }
            }
        }
    },
};

/// C016: a coded row carries a name.
pub static C016: Rule = Rule {
    code: "C016",
    name: "科目行缺少名称",
    severity: Severity::Warning,
    family: Family::Catalog,
    summary: "列有科目编码的行应同时列出科目名称。",
    why: "只有编码没有名称，读者无法知道支出用途；常见原因是换行或合并单元格导致名称丢失。",
    bad: expenditure_t!("1\t206\t\t551.96\t417.74\t134.22"),
    good: expenditure_t!("1\t206\t科学技术支出\t551.96\t417.74\t134.22"),
    basis: "部门预算公开表样：科目编码与科目名称同时列示。",
    check: |cx, sink| {
        for &Coded { table: t, row: r, code, name, entry, .. } in cx.coded() {
            sink.evaluated();
            // All whitespace (`trim().is_empty()`), told from the first character rather than both ends.
            if name.chars().all(char::is_whitespace) {
                let expected = entry.map_or_else(|| "科目名称".to_string(), |e| e.name.clone());
                sink.report(format!("“{}”中科目 {code} 没有名称", t.title), Location::row(t, r)).values(expected, "");
            }
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] =
    &[&C001, &C002, &C003, &C004, &C005, &C006, &C007, &C008, &C009, &C010, &C011, &C012, &C013, &C014, &C015, &C016];
