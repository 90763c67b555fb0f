//! The same disclosure printed differently reads the same. Other departments' PDFs break pages at other
//! rows and wrap other codes and names than the seed does; every such variant of the corrected seed must
//! give the same amount cells (row positions aside), and report each wrap it joined with the wrapped text.

use std::collections::BTreeMap;
use yusuan_model::Document;

const CORRECTED: &str = include_str!("../../../fixtures/hanshan-kegongxin-2025-budget.corrected.txt");

fn read(text: &str) -> Document {
    yusuan_read::read_text("variant.txt", text, yusuan_read::detect_layout(text))
}

/// Every amount cell without its row position, counted.
fn cells(doc: &Document) -> BTreeMap<Vec<String>, usize> {
    let mut out = BTreeMap::new();
    for c in doc.amount_cells() {
        let mut r = c.record().to_vec();
        r.remove(3);
        *out.entry(r).or_insert(0) += 1;
    }
    out
}

/// [`cells`] without the printed titles, for variants that print other titles.
fn untitled(cells: BTreeMap<Vec<String>, usize>) -> BTreeMap<Vec<String>, usize> {
    cells
        .into_iter()
        .map(|(mut k, n)| (k.drain(..).enumerate().filter(|(i, _)| *i != 1).map(|(_, f)| f).collect(), n))
        .collect()
}

/// Whether a line is a data row of one of the nine tables (`序号⇥…`).
fn is_data_row(line: &str) -> bool {
    line.split_once('\t').is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The corrected seed's lines, and the indexes of the data rows of its nine tables (before the explanation).
fn rows() -> (Vec<&'static str>, Vec<usize>) {
    let lines: Vec<&str> = CORRECTED.split('\n').collect();
    let explanation = lines.iter().position(|l| l.contains("信息公开情况说明") && !l.contains('\t')).unwrap();
    let explanation = lines.iter().skip(explanation + 1).position(|l| l.contains("信息公开情况说明")).unwrap();
    let rows = (0..explanation).filter(|&i| is_data_row(lines[i])).collect();
    (lines, rows)
}

/// The page head printed above row `i` on a new page: from the header row (序号…) to the header-number
/// row (栏次) of the block it is in.
fn page_head<'a>(lines: &[&'a str], i: usize) -> Vec<&'a str> {
    let numbers = (0..i).rev().find(|&j| lines[j].starts_with("栏次\t") || lines[j].starts_with("档次\t")).unwrap();
    let header = (0..numbers).rev().find(|&j| lines[j].starts_with("序号\t")).unwrap();
    let mut head = vec!["", "306 邯山区科技和工业信息化局", "", "预算年度：2025", "", "单位：万元", ""];
    head.extend(&lines[header..=numbers]);
    head
}

/// A cell a PDF could wrap: a code of one of `lengths` digits, or a name of four or more ideographs; its
/// characters, and whether it is a code.
fn wrappable(cell: &str, lengths: &[usize]) -> Option<(Vec<char>, bool)> {
    let chars: Vec<char> = cell.chars().collect();
    let code = lengths.contains(&chars.len()) && chars.iter().all(char::is_ascii_digit);
    let name = chars.len() >= 4 && chars.iter().all(|c| ('\u{4e00}'..='\u{9fff}').contains(c));
    (code || name).then_some((chars, code))
}

fn assert_reads_the_same(name: &str, text: &str, base: &BTreeMap<Vec<String>, usize>) -> Document {
    let doc = read(text);
    let got = cells(&doc);
    if &got != base {
        let missing: Vec<_> = base.keys().filter(|k| !got.contains_key(*k)).take(3).collect();
        let extra: Vec<_> = got.keys().filter(|k| !base.contains_key(*k)).take(3).collect();
        panic!("{name}: cells differ; missing {missing:?}, extra {extra:?}");
    }
    doc
}

#[test]
fn a_page_break_before_any_row_changes_no_cell() {
    let (lines, rows) = rows();
    let base = cells(&read(CORRECTED));
    // the nine tables' 270 cells, and those of the procurement and asset tables
    assert!(base.values().sum::<usize>() > 270);
    let mut n = 0;
    for &i in rows.iter().filter(|&&i| is_data_row(lines[i - 1])) {
        let mut v = lines[..i].to_vec();
        v.extend(page_head(&lines, i));
        v.extend(&lines[i..]);
        assert_reads_the_same(&format!("page break before line {}", i + 1), &v.join("\n"), &base);
        n += 1;
    }
    assert!(n > 100, "only {n} rows");
}

#[test]
fn a_code_or_name_wrapped_anywhere_reads_the_same_and_is_reported() {
    let (lines, rows) = rows();
    let base = cells(&read(CORRECTED));
    let mut n = 0;
    for &i in &rows {
        let cells: Vec<&str> = lines[i].split('\t').collect();
        for (k, cell) in cells.iter().enumerate() {
            let Some((chars, code)) = wrappable(cell, &[5, 7]) else { continue };
            // every place a PDF's cell could wrap it
            for at in (if code { 3 } else { 1 })..chars.len() {
                let wrapped: String = chars[..at].iter().chain([' '].iter()).chain(&chars[at..]).collect();
                let mut line: Vec<&str> = cells.clone();
                line[k] = &wrapped;
                let line = line.join("\t");
                let text = [&lines[..i], &[line.as_str()], &lines[i + 1..]].concat().join("\n");
                let doc = assert_reads_the_same(&format!("line {} cell {k} wrapped as {wrapped}", i + 1), &text, &base);
                let repair = if code { "R001" } else { "R005" };
                assert!(
                    doc.repairs.iter().any(|r| r.code == repair && r.original.contains(&wrapped)),
                    "line {}: {wrapped} joined without a {repair} quoting it",
                    i + 1
                );
                n += 1;
            }
        }
    }
    assert!(n > 500, "only {n} wraps");
}

#[test]
fn a_code_or_name_whose_tail_lands_on_the_next_line_reads_the_same_and_is_reported() {
    let (lines, rows) = rows();
    let base = cells(&read(CORRECTED));
    let mut n = 0;
    for &i in &rows {
        let cells: Vec<&str> = lines[i].split('\t').collect();
        for (k, cell) in cells.iter().enumerate().skip(1) {
            let Some((chars, code)) = wrappable(cell, &[7]) else { continue };
            // a code's last digit, or the second half of a name, printed on a line of its own in the same column
            let at = if code { 6 } else { chars.len() / 2 };
            let (head, tail): (String, String) = (chars[..at].iter().collect(), chars[at..].iter().collect());
            let mut first = cells.clone();
            first[k] = &head;
            let mut second = vec![""; cells.len()];
            second[k] = &tail;
            let (first, second) = (first.join("\t"), second.join("\t"));
            // on the next line, or on the next page under its repeated head (as the seed prints 221020 / 1)
            for over_page in [false, true] {
                let mut v = lines[..i].to_vec();
                v.push(&first);
                if over_page {
                    v.extend(page_head(&lines, i));
                }
                v.push(&second);
                v.extend(&lines[i + 1..]);
                let name = format!("line {}: {cell} as {head} / {tail} (over a page: {over_page})", i + 1);
                let doc = assert_reads_the_same(&name, &v.join("\n"), &base);
                assert!(
                    doc.repairs.iter().any(|r| r.code == "R002" && r.original == tail && r.repaired.ends_with(cell)),
                    "{name}: joined without an R002 quoting the fragment"
                );
                n += 1;
            }
        }
    }
    assert!(n > 200, "only {n} fragments");
}

/// The titles of the corrected seed's tables (lines that start `部门预算` and end `表`).
fn retitled(f: impl Fn(&str, usize) -> String) -> String {
    let mut k = 0;
    let lines: Vec<String> = CORRECTED
        .split('\n')
        .map(|l| {
            if l.starts_with("部门预算") && l.ends_with('表') && !l.contains('\t') {
                k += 1;
                f(l, k)
            } else {
                l.to_string()
            }
        })
        .collect();
    assert_eq!(k, 10, "the nine tables' titles and the 目录's 部门预算公开表");
    lines.join("\n")
}

#[test]
fn titles_numbered_tagged_or_led_by_the_departments_name_read_the_same() {
    let base = untitled(cells(&read(CORRECTED)));
    let tables = read(CORRECTED).tables.len();
    type Retitle<'a> = &'a dyn Fn(&str, usize) -> String;
    let variants: [(&str, Retitle); 6] = [
        ("表N：", &|l, k| format!("表{k}：{l}")),
        ("N.", &|l, k| format!("{k}.{l}")),
        ("year", &|l, _| format!("2025年{l}")),
        ("department", &|l, _| format!("邯山区科技和工业信息化局{l}")),
        ("department and year", &|l, _| format!("邯山区科技和工业信息化局2025年{l}")),
        ("（公开NN表）", &|l, k| format!("{l}（公开{k:02}表）")),
    ];
    for (name, f) in variants {
        let doc = read(&retitled(f));
        assert_eq!(doc.tables.len(), tables, "{name}");
        assert!(untitled(cells(&doc)) == base, "{name}: cells differ");
    }
}

/// The Ministry of Finance's template names for the nine tables (中央部门预算公开), which other regions print.
const NATIONAL_TITLES: [(&str, &str); 9] = [
    ("部门预算一般公共预算财政拨款基本支出表", "一般公共预算基本支出表"),
    ("部门预算一般公共预算财政拨款支出表", "一般公共预算支出表"),
    ("部门预算政府性基金预算财政拨款支出表", "政府性基金预算支出表"),
    ("部门预算国有资本经营预算财政拨款支出表", "国有资本经营预算支出表"),
    ("部门预算财政拨款“三公”经费支出表", "一般公共预算“三公”经费支出表"),
    ("部门预算财政拨款收支总表", "财政拨款收支总表"),
    ("部门预算收支总表", "部门收支总表"),
    ("部门预算收入总表", "部门收入总表"),
    ("部门预算支出总表", "部门支出总表"),
];

#[test]
fn the_national_templates_table_names_read_the_same() {
    let base = untitled(cells(&read(CORRECTED)));
    let tables = read(CORRECTED).tables.len();
    // Titles, 目录 entries and the explanation's references alike, longest name first.
    let text = NATIONAL_TITLES.iter().fold(CORRECTED.to_string(), |t, (ours, theirs)| t.replace(ours, theirs));
    assert!(!text.contains("部门预算一般公共预算"), "every title renamed");
    let doc = read(&text);
    assert_eq!(doc.tables.len(), tables);
    assert!(untitled(cells(&doc)) == base, "cells differ");
    assert!(doc.unplaced.is_empty(), "lines left unplaced: {:?}", doc.unplaced.first());
}

#[test]
fn the_explanation_printed_before_the_tables_reads_the_same() {
    let lines: Vec<&str> = CORRECTED.split('\n').collect();
    let first_table = lines.iter().position(|l| *l == "部门预算收支总表").unwrap();
    let explanation = lines.iter().rposition(|l| l.contains("信息公开情况说明") && !l.contains('\t')).unwrap();
    assert!(first_table < explanation);
    let moved =
        [&lines[..first_table], &lines[explanation..], &[""], &lines[first_table..explanation]].concat().join("\n");
    let (seed, doc) = (read(CORRECTED), read(&moved));
    assert_eq!(cells(&doc), cells(&seed));
    let sections = |d: &Document| d.sections.iter().map(|s| (s.id.clone(), s.paragraphs.len())).collect::<Vec<_>>();
    assert_eq!(sections(&doc), sections(&seed));
    assert_eq!(doc.projects.len(), seed.projects.len());
    assert!(doc.unplaced.is_empty(), "{:?}", doc.unplaced.first());
}

/// The corrected seed with `mark(title)` printed atop every continuation page of a table (before the
/// repeated department line that follows its rows).
fn continued(mark: impl Fn(&str) -> String) -> (String, usize) {
    let lines: Vec<&str> = CORRECTED.split('\n').collect();
    let (mut out, mut title, mut n) = (Vec::new(), None, 0);
    for (i, l) in lines.iter().enumerate() {
        if l.starts_with("部门预算") && l.ends_with('表') && !l.contains('\t') {
            title = Some(*l);
        }
        if let Some(t) =
            title.filter(|_| l.starts_with("306 ") && lines[i.saturating_sub(3)..i].iter().any(|x| is_data_row(x)))
        {
            out.extend([mark(t), String::new()]);
            n += 1;
        }
        out.push(l.to_string());
    }
    (out.join("\n"), n)
}

#[test]
fn a_title_or_a_continuation_line_atop_each_page_continues_the_table() {
    let seed = read(CORRECTED);
    for (name, mark) in [
        ("title", &(|t: &str| t.to_string()) as &dyn Fn(&str) -> String),
        ("title（续表）", &|t: &str| format!("{t}（续表）")),
        ("续表", &|_: &str| "续表".to_string()),
        ("（续表）", &|_: &str| "（续表）".to_string()),
    ] {
        let (text, pages) = continued(mark);
        assert!(pages >= 8, "{name}: {pages} continuation pages");
        let doc = read(&text);
        assert_eq!(doc.tables.len(), seed.tables.len(), "{name}");
        assert_eq!(cells(&doc), cells(&seed), "{name}");
    }
}

#[test]
fn explanation_headings_worded_as_other_departments_word_them_read_the_same_sections() {
    let sections = |d: &Document| d.sections.iter().map(|s| (s.id.clone(), s.paragraphs.len())).collect::<Vec<_>>();
    let seed = sections(&read(CORRECTED));
    let mut text = CORRECTED.to_string();
    for (printed, other) in [
        ("一、部门职责及机构设置情况", "一、部门主要职责及机构设置"),
        ("二、部门预算安排的总体情况", "二、部门收支预算总体情况"),
        ("四、财政拨款“三公”经费预算情况及增减变化原因", "四、财政拨款“三公”经费支出情况"),
        ("五、部门整体绩效目标", "五、部门整体支出绩效目标"),
        ("七、部门项目预算安排情况及绩效目标", "七、项目支出绩效目标"),
        ("九、国有资产信息", "九、国有资产占有使用情况"),
        ("十、名词解释", "十、专业名词解释"),
    ] {
        assert!(text.contains(printed), "{printed}");
        text = text.replace(printed, other);
    }
    let doc = read(&text);
    assert_eq!(sections(&doc), seed);
    assert!(doc.unplaced.is_empty(), "{:?}", doc.unplaced.first());
}

#[test]
fn line_endings_trailing_blanks_and_the_misprinted_header_number_label_change_no_cell() {
    let base = cells(&read(CORRECTED));
    assert_reads_the_same("CRLF", &CORRECTED.replace('\n', "\r\n"), &base);
    let trailing: Vec<String> =
        CORRECTED.split('\n').map(|l| if l.is_empty() { String::new() } else { format!("{l}  ") }).collect();
    assert_reads_the_same("trailing blanks", &trailing.join("\n"), &base);
    let doc = assert_reads_the_same("档次", &CORRECTED.replace("\n栏次\t", "\n档次\t"), &base);
    assert!(doc.repairs.iter().filter(|r| r.code == "R004").count() >= 9);
}

#[test]
fn the_department_named_alone_atop_each_page_reads_the_same() {
    // Without its code (`邯山区科技和工业信息化局`, not `306 邯山区…`), above every table and at each page break.
    let base = cells(&read(CORRECTED));
    let text = CORRECTED.replace("\n306 邯山区科技和工业信息化局\n", "\n邯山区科技和工业信息化局\n");
    assert_eq!(text.matches("\n邯山区科技和工业信息化局\n").count(), 19);
    let doc = assert_reads_the_same("name alone", &text, &base);
    assert_eq!(doc.meta.dept_name.as_deref(), Some("邯山区科技和工业信息化局"));
    assert_eq!(doc.meta.dept_code, None);
    assert!(doc.repairs.iter().all(|r| r.code != "R011"), "read as the name, not passed over");
    // A line that ends as no department's name ends is not taken for the name: before the header it is an
    // unknown page-head line, passed over and reported.
    let other = CORRECTED.replacen("\n306 邯山区科技和工业信息化局\n", "\n以下为本部门收支总体情况\n", 1);
    let doc = assert_reads_the_same("unknown line", &other, &base);
    assert_eq!(doc.meta.dept_name.as_deref(), Some("邯山区科技和工业信息化局"), "from the next page head");
    let skipped: Vec<_> = doc.repairs.iter().filter(|r| r.code == "R011").map(|r| r.original.as_str()).collect();
    assert_eq!(skipped, ["以下为本部门收支总体情况"]);
}

#[test]
fn unknown_lines_above_a_header_are_a_page_head_and_reported_and_before_prose_end_the_table() {
    let base = cells(&read(CORRECTED));
    // Page-head lines no layout lists, atop all 19 pages of the nine tables, up to three of them.
    for (printed, unknown) in [
        ("报送单位：邯山区科技和工业信息化局", 1),
        ("[306]邯山区科技和工业信息化局", 1),
        // the name alone is known: the department's
        ("部门：306\n邯山区科技和工业信息化局\n第一部分", 2),
    ] {
        let text = CORRECTED.replace("\n306 邯山区科技和工业信息化局\n", &format!("\n{printed}\n"));
        let doc = assert_reads_the_same(printed, &text, &base);
        let skipped = doc.repairs.iter().filter(|r| r.code == "R011").count();
        assert_eq!(skipped, 19 * unknown, "{printed}: each unknown line reported");
        assert!(doc.unplaced.is_empty(), "{printed}");
    }
    // Four such lines are more than a page head prints: the table ends, and they are kept as prose.
    let text = CORRECTED.replacen("\n306 邯山区科技和工业信息化局\n", "\n甲\n乙\n丙\n丁\n", 1);
    let doc = read(&text);
    assert!(cells(&doc).len() < base.len());
    assert_eq!(doc.unplaced.iter().take(4).map(|p| p.text.as_str()).collect::<Vec<_>>(), ["甲", "乙", "丙", "丁"]);
    // A short line after a table's last row, then prose: the table ended there, and nothing is lost.
    let last_row = "11\t五、培训费\t\t\t\t\n";
    assert!(CORRECTED.contains(last_row), "the 三公 table's last row");
    let text = CORRECTED.replacen(last_row, &format!("{last_row}以下为说明\n这是一段正文，不是表格。\n"), 1);
    let doc = assert_reads_the_same("prose after a table", &text, &base);
    let kept: Vec<_> = doc.unplaced.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(kept, ["以下为说明", "这是一段正文，不是表格。"]);
    assert!(doc.repairs.iter().all(|r| r.code != "R011"));
}

#[test]
fn a_units_subtotal_without_amounts_printed_bare_keeps_the_procurement_table_open() {
    // A unit whose purchases print no amount in 万元: its `…小计` row is its name alone, and the rows after it
    // are still the table's.
    let base = cells(&read(CORRECTED));
    let at = CORRECTED.find("邯山区科技和工业信息化局（事业）小计\t").expect("subtotal row");
    let text = format!("{}邯山区科工局差额70%小计\n{}", &CORRECTED[..at], &CORRECTED[at..]);
    let doc = assert_reads_the_same("bare subtotal", &text, &base);
    let procurement = doc.table("procurement").expect("procurement table");
    assert!(procurement.rows.iter().any(|r| r.cells.iter().any(|c| c.text() == Some("邯山区科工局差额70%小计"))));
}

#[test]
fn a_names_tail_that_reads_as_a_header_label_is_joined_to_its_name() {
    // `二十二、国有资本经营预算` with `支出` on the next line, under the name: `支出` is also the 收支总表's
    // header group, but right after a data row, alone under a name column, it is the name's tail.
    let base = cells(&read(CORRECTED));
    let text = CORRECTED
        .replace("\t二十二、国有资本经营预算支出\t1128.00\n", "\t二十二、国有资本经营预算\t1128.00\n\t\t\t支出\n")
        .replace(
            "\t二十二、国有资本经营预算支出\t1128.00\t\t\t1128.00\n",
            "\t二十二、国有资本经营预算\t1128.00\t\t\t1128.00\n\t\t\t支出\n",
        );
    assert_eq!(text.matches("\n\t\t\t支出\n").count(), 2);
    let doc = assert_reads_the_same("tail 支出", &text, &base);
    let joined = doc.repairs.iter().filter(|r| r.code == "R002" && r.repaired == "二十二、国有资本经营预算支出");
    assert_eq!(joined.count(), 2, "{:?}", doc.repairs.iter().filter(|r| r.code == "R002").collect::<Vec<_>>());
}

#[test]
fn a_department_line_with_no_space_after_its_code_reads_the_same() {
    // `306邯山区科技和工业信息化局`, as a spreadsheet's PDF prints the page head's code and name.
    let base = cells(&read(CORRECTED));
    let text = CORRECTED.replace("\n306 邯山区科技和工业信息化局\n", "\n306邯山区科技和工业信息化局\n");
    let doc = assert_reads_the_same("glued code", &text, &base);
    assert_eq!(doc.meta.dept_code.as_deref(), Some("306"));
    assert_eq!(doc.meta.dept_name.as_deref(), Some("邯山区科技和工业信息化局"));
}

#[test]
fn a_page_head_printed_on_one_line_or_its_unit_in_brackets_reads_the_same() {
    let base = cells(&read(CORRECTED));
    let head = "306 邯山区科技和工业信息化局\n\n预算年度：2025\n\n单位：万元";
    assert_eq!(CORRECTED.matches(head).count(), 17, "the page heads above the nine tables' pages");
    for (name, printed) in [
        ("one line", "306 邯山区科技和工业信息化局\t预算年度：2025\t单位：万元"),
        ("unit in brackets", "306 邯山区科技和工业信息化局\n\n预算年度：2025\n\n（单位：万元）"),
        ("one line, unit in brackets", "306 邯山区科技和工业信息化局\t预算年度：2025\t(单位：万元)"),
    ] {
        let doc = assert_reads_the_same(name, &CORRECTED.replace(head, printed), &base);
        assert_eq!(doc.meta.dept_code.as_deref(), Some("306"), "{name}");
        assert_eq!(doc.meta.year, Some(2025), "{name}");
        assert!(doc.tables.iter().take(9).all(|t| t.unit_printed), "{name}: a unit not read");
        assert!(doc.unplaced.is_empty(), "{name}: {:?}", doc.unplaced.first());
    }
}

#[test]
fn a_code_column_headed_as_other_regions_head_it_reads_the_same() {
    let base = cells(&read(CORRECTED));
    for label in ["科目代码", "功能科目编码"] {
        // The function-classified tables only: the basic table's codes are economic.
        let basic = CORRECTED.find("部门预算一般公共预算财政拨款基本支出表\n").unwrap();
        let gov_fund = CORRECTED.find("部门预算政府性基金预算财政拨款支出表\n").unwrap();
        let relabel = |s: &str| s.replace("\t科目编码\t", &format!("\t{label}\t"));
        let text = format!(
            "{}{}{}",
            relabel(&CORRECTED[..basic]),
            &CORRECTED[basic..gov_fund],
            relabel(&CORRECTED[gov_fund..])
        );
        assert_eq!(text.matches(label).count(), 9, "{label}: the function tables' header rows");
        let doc = assert_reads_the_same(label, &text, &base);
        assert!(doc.repairs.iter().all(|r| r.code != "R008"), "{label}: a header cell left unread");
    }
}

#[test]
fn the_department_labelled_or_named_as_its_own_unit_atop_each_page_reads_the_same() {
    let base = cells(&read(CORRECTED));
    for (printed, code, name) in [
        ("部门名称：邯山区科技和工业信息化局", None, "邯山区科技和工业信息化局"),
        ("主管部门：邯山区科技和工业信息化局", None, "邯山区科技和工业信息化局"),
        ("单位名称：306 邯山区科技和工业信息化局", Some("306"), "邯山区科技和工业信息化局"),
        ("306邯山区科技和工业信息化局本级", Some("306"), "邯山区科技和工业信息化局本级"),
        ("邯山区科技和工业信息化局本级", None, "邯山区科技和工业信息化局本级"),
    ] {
        let text = CORRECTED.replace("\n306 邯山区科技和工业信息化局\n", &format!("\n{printed}\n"));
        let doc = assert_reads_the_same(printed, &text, &base);
        assert_eq!(doc.meta.dept_code.as_deref(), code, "{printed}");
        assert_eq!(doc.meta.dept_name.as_deref(), Some(name), "{printed}");
        assert!(doc.unplaced.is_empty(), "{printed}: {:?}", doc.unplaced.first());
    }
}

#[test]
fn a_dash_or_slash_printed_in_empty_cells_reads_as_the_empty_cell() {
    // Some publishers print `-`, `—`, `－` or `/` where a cell is empty, in amount columns and in the
    // procurement table's item, code and count columns alike; the project tables' spending plans too.
    let base = format!("{:?}", read(CORRECTED));
    let has_amount =
        |l: &str| l.split('\t').any(|c| c.contains('.') && c.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
    for mark in ["-", "—", "－", "/", "--"] {
        let text: Vec<String> = CORRECTED
            .split('\n')
            .map(|l| {
                if !l.contains('\t') || !has_amount(l) {
                    return l.to_string();
                }
                l.split('\t').map(|c| if c.is_empty() { mark } else { c }).collect::<Vec<_>>().join("\t")
            })
            .collect();
        let text = text.join("\n");
        let marked = text.split(['\t', '\n']).filter(|c| *c == mark).count();
        assert!(marked > 400, "{mark}: only {marked} cells marked");
        assert!(base == format!("{:?}", read(&text)), "{mark}: the document reads otherwise");
    }
    // An indicator's `/` says "not applicable" and is kept as printed, for the rules to judge.
    let line = "满意度指标\t服务对象满意度指标\t企业满意度\t受补助企业满意度\t≥90%\t调查问卷";
    let doc = read(&CORRECTED.replace(line, &line.replace("≥90%", "/")));
    let values: Vec<&str> = doc.projects.iter().flat_map(|p| &p.indicators).map(|i| i.value.as_str()).collect();
    assert_eq!(values.iter().filter(|v| **v == "/").count(), CORRECTED.matches(line).count(), "{values:?}");
}

#[test]
fn a_title_printed_with_its_unit_on_one_line_reads_the_same() {
    // `部门预算收支总表⇥单位：万元`: the unit printed at the right of the title's line, not below it.
    let base = cells(&read(CORRECTED));
    let mut text = CORRECTED.to_string();
    let mut joined = 0;
    for (title, _) in NATIONAL_TITLES {
        let at = text.find(&format!("\n{title}\n")).expect("title") + 1;
        let Some(unit) = text[at..].find("\n单位：万元\n").map(|u| at + u) else { continue };
        let title_end = at + title.len();
        text = format!(
            "{}\t单位：万元{}{}",
            &text[..title_end],
            &text[title_end..unit],
            &text[unit + "\n单位：万元".len()..]
        );
        joined += 1;
    }
    assert_eq!(joined, NATIONAL_TITLES.len());
    let doc = assert_reads_the_same("title and unit", &text, &base);
    assert!(doc.tables.iter().take(9).all(|t| t.unit_printed), "a unit not read");
    assert!(doc.unplaced.is_empty(), "{:?}", doc.unplaced.first());
}

#[test]
fn a_title_led_by_the_departments_name_and_wrapped_onto_the_next_line_is_joined_and_reported() {
    // `邯山区科技和工业信息化局2025年部门预算一般公共预算财政拨款基本支出表` is wider than a page: the PDF
    // prints its tail on the next line, with or without a blank line between.
    let base = untitled(cells(&read(CORRECTED)));
    for gap in ["\n", "\n\n"] {
        let text = retitled(|l, _| {
            let title: Vec<char> = format!("邯山区科技和工业信息化局2025年{l}").chars().collect();
            let (head, tail) = title.split_at(24);
            format!("{}{gap}{}", head.iter().collect::<String>(), tail.iter().collect::<String>())
        });
        let doc = read(&text);
        assert_eq!(doc.tables.len(), read(CORRECTED).tables.len(), "gap {gap:?}");
        assert!(untitled(cells(&doc)) == base, "gap {gap:?}: cells differ");
        let joined: Vec<_> = doc.repairs.iter().filter(|r| r.code == "R002" && r.message.contains("标题")).collect();
        assert_eq!(joined.len(), 9, "gap {gap:?}: {joined:?}");
        assert!(joined.iter().all(|r| r.repaired.starts_with("邯山区科技和工业信息化局2025年部门预算")));
        let basic = doc.table("basic").expect("basic table");
        assert_eq!(basic.title, "邯山区科技和工业信息化局2025年部门预算一般公共预算财政拨款基本支出表");
    }
}
