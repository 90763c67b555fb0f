//! The command line on real and broken inputs: exit codes, messages naming the file, no panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn yusuan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_yusuan")).args(args).output().expect("run yusuan")
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures").join(name).display().to_string()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("yusuan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_published_seed_fails_the_check_with_exit_1() {
    let o = yusuan(&["check", &fixture("hanshan-kegongxin-2025-budget.txt")]);
    assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stdout));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("错误"));
    assert!(out.contains("邯山区科技和工业信息化局"));
}

#[test]
fn the_corrected_seed_passes_the_check_with_exit_0() {
    let o = yusuan(&["check", &fixture("hanshan-kegongxin-2025-budget.corrected.txt")]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stdout));
}

#[test]
fn json_findings_carry_rule_severity_message_and_location() {
    let o = yusuan(&["check", "--format", "json", &fixture("hanshan-kegongxin-2025-budget.txt")]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert!(f["rule"].is_string() && f["severity"].is_string() && f["message"].is_string());
        assert!(f["location"].is_object());
    }
    assert!(findings.iter().any(|f| f["expected"].is_string() && f["actual"].is_string()));
    assert!(v["counts"]["not_evaluated"].is_number());
}

#[test]
fn extract_csv_has_the_agreed_columns_and_270_cells_in_the_nine_tables() {
    let o = yusuan(&["extract", "--format", "csv", &fixture("hanshan-kegongxin-2025-budget.txt")]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    let mut rd = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        rd.headers().unwrap().iter().collect::<Vec<_>>(),
        ["table", "title", "unit", "row", "code", "name", "column", "label", "value"]
    );
    let nine = yusuan_model::layout::NINE_TABLES;
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.iter().filter(|r| nine.contains(&&r[0])).count(), 270);
    // the wrapped code that continued on the next page is joined
    assert!(rows.iter().any(|r| &r[0] == "income" && &r[4] == "2210201" && &r[8] == "382900.00"));
    // wrapped names lose their wrapping spaces; values are 元 with two decimals
    assert!(rows.iter().any(|r| &r[0] == "income"
        && &r[5] == "国有资本经营预算支出"
        && &r[6] == "carryover"
        && &r[8] == "5640000.00"));
}

#[test]
fn rules_and_explain_list_the_registry() {
    let o = yusuan(&["rules"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stdout).contains("A001"));
    let o = yusuan(&["explain", "a013"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for part in ["规则说明", "为什么是问题", "错误示例", "正确示例", "依据"] {
        assert!(out.contains(part), "{part}");
    }
    assert_eq!(yusuan(&["explain", "Z999"]).status.code(), Some(2));
}

#[test]
fn an_empty_file_is_refused_with_exit_2_naming_it() {
    let p = scratch("empty.txt");
    std::fs::write(&p, "").unwrap();
    let o = yusuan(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("empty.txt") && stderr(&o).contains("为空"), "{}", stderr(&o));
}

#[test]
fn binary_garbage_is_refused_with_exit_2() {
    let p = scratch("garbage.bin");
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    std::fs::write(&p, bytes).unwrap();
    let o = yusuan(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("garbage.bin"), "{}", stderr(&o));
}

#[test]
fn text_without_any_table_is_refused_with_exit_2() {
    let p = scratch("prose.txt");
    std::fs::write(&p, "这是一段与预算无关的文字。\n第二行。\n").unwrap();
    let o = yusuan(&["extract", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有识别出任何预决算表格"), "{}", stderr(&o));
}

#[test]
fn text_whose_cells_are_separated_by_spaces_is_refused_with_exit_2_saying_why() {
    // What `pdftotext -layout` gives: columns aligned with spaces, so an empty cell leaves no trace.
    let seed = std::fs::read_to_string(fixture("hanshan-kegongxin-2025-budget.txt")).unwrap();
    let p = scratch("layout.txt");
    std::fs::write(&p, seed.replace('\t', "    ")).unwrap();
    let o = yusuan(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", String::from_utf8_lossy(&o.stdout));
    assert!(stderr(&o).contains("layout.txt") && stderr(&o).contains("没有制表符"), "{}", stderr(&o));
    // With its tabs, the same text reads.
    std::fs::write(&p, seed).unwrap();
    assert_eq!(yusuan(&["check", p.to_str().unwrap()]).status.code(), Some(1));
}

#[test]
fn a_truncated_document_gives_a_partial_result_with_findings() {
    let seed = std::fs::read_to_string(fixture("hanshan-kegongxin-2025-budget.txt")).unwrap();
    let cut: String = seed.lines().take(120).collect::<Vec<_>>().join("\n");
    let p = scratch("truncated.txt");
    std::fs::write(&p, cut).unwrap();
    let o = yusuan(&["check", "--format", "json", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(v["tables"].as_u64().unwrap() >= 2);
    assert!(v["counts"]["errors"].as_u64().unwrap() >= 1);
}

#[test]
fn a_100_mb_file_is_refused_with_exit_2() {
    let p = scratch("huge.txt");
    let f = std::fs::File::create(&p).unwrap();
    f.set_len(100 * 1024 * 1024).unwrap();
    let o = yusuan(&["check", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("过大"), "{}", stderr(&o));
    std::fs::remove_file(&p).ok();
}

#[test]
fn a_missing_file_and_a_bad_catalog_are_refused_with_exit_2() {
    let o = yusuan(&["check", "/nonexistent/x.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent/x.txt"));
    let cat = scratch("bad-catalog.csv");
    std::fs::write(&cat, "206,科学技术支出\nxyz,坏\n").unwrap();
    let o = yusuan(&["check", "--catalog", cat.to_str().unwrap(), &fixture("hanshan-kegongxin-2025-budget.txt")]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("第 2 行"), "{}", stderr(&o));
}

#[test]
fn bulk_check_walks_a_folder_writes_every_report_and_a_summary_and_survives_a_bad_file() {
    let dir = scratch("bulk-in");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(fixture("hanshan-kegongxin-2025-budget.txt"), dir.join("seed.txt")).unwrap();
    std::fs::copy(fixture("hanshan-kegongxin-2025-budget.corrected.txt"), dir.join("sub/corrected.txt")).unwrap();
    std::fs::write(dir.join("sub/broken.pdf"), b"%PDF-1.7 not really").unwrap();
    let out = scratch("bulk-out");
    let o = yusuan(&["check", dir.to_str().unwrap(), "--out", out.to_str().unwrap(), "--jobs", "2"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let summary = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(summary.as_bytes());
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let by_file = |end: &str| rows.iter().find(|r| r[0].ends_with(end)).unwrap().clone();
    assert_eq!(&by_file("seed.txt")[1], "ok");
    assert_eq!(&by_file("seed.txt")[6], "8");
    assert_eq!(&by_file("corrected.txt")[6], "0");
    assert_eq!(&by_file("broken.pdf")[1], "unreadable");
    let reports = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json"))
        .count();
    assert_eq!(reports, 3, "two reports and summary.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);
}

#[test]
fn build_writes_every_output_and_each_checks_clean() {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/hanshan-kegongxin-2025/input.json");
    let out = scratch("built");
    let o = yusuan(&["build", &input.display().to_string(), "-o", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    for f in
        ["disclosure.txt", "disclosure.xlsx", "index.html", "lines.csv", "cells.csv", "model.json", "datapackage.json"]
    {
        assert!(out.join(f).is_file(), "{f}");
    }
    for f in ["disclosure.txt", "disclosure.xlsx"] {
        let o = yusuan(&["check", &out.join(f).display().to_string(), "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{f}");
        let report: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
        let serious: Vec<_> =
            report["findings"].as_array().expect("findings").iter().filter(|f| f["severity"] != "info").collect();
        assert!(serious.is_empty(), "{f}: {serious:?}");
    }
    // A rebuild replaces the folder as a whole; no temporary folder is left behind.
    let o = yusuan(&["build", &input.display().to_string(), "-o", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(0));
    let leftovers: Vec<_> = std::fs::read_dir(out.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".built."))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn template_is_written_and_an_empty_one_is_refused_by_build() {
    let t = scratch("input.xlsx");
    let o = yusuan(&["template", "--year", "2025", "-o", &t.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = scratch("from-template");
    let o = yusuan(&["build", &t.display().to_string(), "-o", &out.display().to_string()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("工作表“部门”第 2 行"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly_not_with_a_panic() {
    use std::io::Read;
    use std::process::Stdio;
    // `yusuan extract … | head -c 16`: the pipe closes after the first bytes of an output far larger than the
    // pipe's buffer, so the write is still going on when it closes.
    let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
        .args(["extract", &fixture("hanshan-kegongxin-2025-budget.txt"), "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run yusuan");
    let mut first = [0u8; 16];
    child.stdout.take().expect("stdout").read_exact(&mut first).expect("some output");
    // Dropping the read end closes the pipe; the report goes on writing into it.
    let out = child.wait_with_output().expect("wait");
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.code().is_some(), "ended by a signal: {:?}", out.status);
}

/// `yusuan extract … | head` closes the pipe early: that is not a failure, and says nothing.
#[test]
fn extract_into_a_closed_pipe_exits_quietly() {
    for format in ["csv", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_yusuan"))
            .args(["extract", &fixture("hanshan-kegongxin-2025-budget.txt"), "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run yusuan");
        // the reading end closed before anything is written
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "{format}: {}", stderr(&o));
    }
}
