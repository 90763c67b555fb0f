//! The `yusuan` command line: `check`, `extract`, `build`, `template`, `rules`, `explain`, `serve`, `admin`.

/// `println!` that ends the program quietly when stdout is closed (`yusuan check … | head`) instead of
/// panicking on the broken pipe.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

/// `print!` with the same handling of a closed stdout as [`out!`].
macro_rules! out_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = write!(std::io::stdout().lock(), $($arg)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
        }
    }};
}

mod annotate;
mod bulk;
mod extract;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use yusuan_check::{all_rules, rule, Report};
use yusuan_model::Catalog;

// The reader and rules allocate many small strings; mimalloc makes that about a sixth cheaper than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(name = "yusuan", version, about = "预算 Yusuan：读取、检查部门预决算公开文件")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// 检查公开文件：表内、表间、科目、完整性、绩效、采购资产、说明与表格一致性
    Check {
        /// 输入文件（可多个）
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// 报告格式
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
        /// 官方科目表（CSV 或 XLSX，两列：编码、名称），覆盖内置参考科目表
        #[arg(long)]
        catalog: Option<PathBuf>,
        /// 指定版式（默认自动识别）
        #[arg(long)]
        layout: Option<String>,
        /// 批量模式：每份文件的报告和汇总表（summary.csv / summary.json）写入此目录
        #[arg(long)]
        out: Option<PathBuf>,
        /// 批量模式的并行数（默认为 CPU 核数）
        #[arg(long)]
        jobs: Option<usize>,
        /// 把发现的问题作为批注（方框 + 说明）标在 PDF 副本上，写入此文件（仅限单个 PDF 输入）
        #[arg(long, value_name = "OUT.pdf")]
        annotate: Option<PathBuf>,
    },
    /// 把公开文件读成结构化数据（JSON 或每个金额单元格一行的 CSV）
    Extract {
        /// 输入文件
        file: PathBuf,
        /// 输出格式
        #[arg(long, value_enum, default_value = "json")]
        format: ExtractFormat,
        /// 指定版式（默认自动识别）
        #[arg(long)]
        layout: Option<String>,
    },
    /// 由预算明细（TOML/JSON、CSV 文件夹或填报工作簿）生成公开文件：表格、说明、XLSX、网页和开放数据
    Build {
        /// 输入文件或 CSV 文件夹
        input: PathBuf,
        /// 输出目录（整体替换）
        #[arg(short, long, default_value = "out")]
        out: PathBuf,
        /// 官方科目表（CSV 或 XLSX），覆盖内置参考科目表
        #[arg(long)]
        catalog: Option<PathBuf>,
    },
    /// 写出填报工作簿（单位、预算明细、项目、绩效指标、采购、资产、上年数、说明文字；科目为下拉列表）
    Template {
        /// 预算年度
        #[arg(long)]
        year: u16,
        /// 版式
        #[arg(long, default_value = "hebei-dept-budget")]
        layout: String,
        /// 输出文件
        #[arg(short, long, default_value = "input.xlsx")]
        out: PathBuf,
    },
    /// 列出全部规则
    Rules {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 显示一条规则的说明、错误示例和正确示例
    Explain {
        /// 规则编码，如 A001
        code: String,
    },
    /// 启动网站（填报、审核、公开）；默认使用数据目录中的 SQLite，启动时自动建库和迁移
    Serve {
        /// 数据目录（SQLite 数据库文件所在目录）
        #[arg(long, default_value = "yusuan-data")]
        data: PathBuf,
        /// 数据库地址（如 postgres://user:pass@localhost/yusuan），指定后不使用数据目录
        #[arg(long)]
        database: Option<String>,
        /// 监听地址
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
    },
    /// 账号管理
    Admin {
        #[command(subcommand)]
        command: AdminCommand,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// 创建管理员账号（密码从标准输入读取一行）
    Create {
        /// 用户名
        #[arg(long)]
        user: String,
        /// 从标准输入读取密码
        #[arg(long, required = true)]
        password_stdin: bool,
        /// 数据目录
        #[arg(long, default_value = "yusuan-data")]
        data: PathBuf,
        /// 数据库地址
        #[arg(long)]
        database: Option<String>,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { files, format, catalog, layout, out, jobs, annotate } => {
            if out.is_some() || files.iter().any(|f| f.is_dir()) {
                if annotate.is_some() {
                    eprintln!("错误：--annotate 只能用于单个 PDF 文件，不能与批量模式同用");
                    return ExitCode::from(2);
                }
                bulk_check(&files, catalog, layout.as_deref(), out, jobs)
            } else {
                check(&files, format, catalog, layout.as_deref(), annotate.as_deref())
            }
        }
        Command::Extract { file, format, layout } => extract(&file, format, layout.as_deref()),
        Command::Template { year, layout, out } => template(year, &layout, &out),
        Command::Build { input, out, catalog } => match load_catalog(catalog) {
            Ok(catalog) => build(&input, &out, &catalog),
            Err(code) => code,
        },
        Command::Rules { json } => {
            if json {
                let rows: Vec<_> = all_rules()
                    .iter()
                    .map(|r| serde_json::json!({"code": r.code, "name": r.name, "severity": r.severity, "family": r.family, "summary": r.summary}))
                    .collect();
                out!("{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
            } else {
                for r in all_rules() {
                    out!("{}\t{}\t{}\t{}", r.code, r.severity.label(), r.family.label(), r.name);
                }
                out!("共 {} 条规则", all_rules().len());
            }
            ExitCode::SUCCESS
        }
        Command::Serve { data, database, bind } => {
            match yusuan_server::serve_blocking(yusuan_server::ServeOptions { data: Some(data), database, bind }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("错误：{e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Admin { command: AdminCommand::Create { user, password_stdin: _, data, database } } => {
            let mut password = String::new();
            if let Err(e) = std::io::stdin().read_line(&mut password) {
                eprintln!("错误：无法读取密码：{e}");
                return ExitCode::from(2);
            }
            let password = password.trim_end_matches(['\r', '\n']);
            match yusuan_server::create_admin_blocking(Some(&data), database.as_deref(), &user, password) {
                Ok(id) => {
                    out!("已创建管理员 {user}（编号 {id}）");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("错误：{e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Explain { code } => match rule(&code) {
            Some(r) => {
                out_raw!("{}", explain(r));
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("错误：没有编码为 {code} 的规则；运行 yusuan rules 查看全部规则");
                ExitCode::from(2)
            }
        },
    }
}

/// The one-page doc of a rule.
fn explain(r: &yusuan_check::Rule) -> String {
    let indent = |s: &str| s.lines().map(|l| format!("    {}", l.replace('\t', " │ "))).collect::<Vec<_>>().join("\n");
    format!(
        "{code} {name}（{sev}，{fam}）\n\n规则说明\n  {summary}\n\n为什么是问题\n  {why}\n\n错误示例\n{bad}\n\n正确示例\n{good}\n\n依据\n  {basis}\n",
        code = r.code,
        name = r.name,
        sev = r.severity.label(),
        fam = r.family.label(),
        summary = r.summary,
        why = r.why,
        bad = indent(r.bad),
        good = indent(r.good),
        basis = r.basis
    )
}

fn load_catalog(catalog: Option<PathBuf>) -> Result<Catalog, ExitCode> {
    match catalog {
        Some(p) => Catalog::with_official_file(&p).map_err(|e| {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }),
        None => Ok(Catalog::bundled().clone()),
    }
}

fn bulk_check(
    inputs: &[PathBuf],
    catalog: Option<PathBuf>,
    layout: Option<&str>,
    out: Option<PathBuf>,
    jobs: Option<usize>,
) -> ExitCode {
    let catalog = match load_catalog(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let files = bulk::expand(inputs);
    let out = out.unwrap_or_else(|| PathBuf::from("yusuan-reports"));
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    match bulk::run(&files, &catalog, layout, jobs, &out) {
        Ok(rows) => {
            let unreadable = rows.iter().filter(|r| r.status != "ok").count();
            let with_errors = rows.iter().filter(|r| r.errors > 0).count();
            out!(
                "检查 {} 份文件：{} 份有错误，{} 份无法读取；报告与汇总见 {}",
                rows.len(),
                with_errors,
                unreadable,
                out.display()
            );
            for r in rows.iter().filter(|r| r.status != "ok") {
                eprintln!("无法读取：{}", r.message);
            }
            if unreadable > 0 {
                ExitCode::from(2)
            } else if with_errors > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(e) => {
            eprintln!("错误：无法写入报告目录 {}：{e}", out.display());
            ExitCode::from(2)
        }
    }
}

fn check(
    files: &[PathBuf],
    format: ReportFormat,
    catalog: Option<PathBuf>,
    layout: Option<&str>,
    annotate: Option<&std::path::Path>,
) -> ExitCode {
    if let Some(out) = annotate {
        let pdf = files.len() == 1 && std::fs::read(&files[0]).is_ok_and(|b| b.starts_with(b"%PDF"));
        if !pdf {
            eprintln!("错误：--annotate {} 需要恰好一个 PDF 输入文件", out.display());
            return ExitCode::from(2);
        }
    }
    let catalog = match load_catalog(catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let mut reports: Vec<Report> = Vec::new();
    let mut unreadable = false;
    for f in files {
        match yusuan_read::read_path(f, layout) {
            Ok(doc) => reports.push(yusuan_check::check(&doc, &catalog)),
            Err(e) => {
                eprintln!("错误：{e}");
                unreadable = true;
            }
        }
    }
    if let (Some(out), [report]) = (annotate, reports.as_slice()) {
        let file = &files[0];
        let written = std::fs::read(file)
            .map_err(|e| format!("{}：无法读取（{e}）", file.display()))
            .and_then(|bytes| annotate::annotate(&file.display().to_string(), &bytes, &report.findings, out));
        match written {
            Ok(n) => eprintln!("已在 {} 标注 {n} 处问题", out.display()),
            Err(e) => {
                eprintln!("错误：{e}");
                unreadable = true;
            }
        }
    }
    match format {
        ReportFormat::Text => {
            for r in &reports {
                out!("{}", r.to_text());
            }
        }
        ReportFormat::Json => {
            let out = if reports.len() == 1 && files.len() == 1 {
                serde_json::to_string_pretty(&reports[0])
            } else {
                serde_json::to_string_pretty(&reports)
            };
            out!("{}", out.unwrap_or_default());
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if reports.iter().any(Report::has_errors) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn template(year: u16, layout: &str, out: &std::path::Path) -> ExitCode {
    if let Err(e) = yusuan_model::Layout::by_id(layout) {
        eprintln!("错误：{e}");
        return ExitCode::from(2);
    }
    let written = yusuan_build::tabular::write_template(year, layout, Catalog::bundled())
        .map_err(|e| e.to_string())
        .and_then(|bytes| yusuan_build::output::write_file_atomically(out, &bytes).map_err(|e| e.to_string()));
    match written {
        Ok(()) => {
            out!("已写出填报工作簿 {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("错误：{e}");
            ExitCode::from(2)
        }
    }
}

fn build(input: &std::path::Path, out: &std::path::Path, catalog: &Catalog) -> ExitCode {
    use yusuan_build::read::ReadInputError;
    let (data, origins) = match yusuan_build::read::read_input(input) {
        Ok(x) => x,
        Err(ReadInputError::Entries(errors)) => {
            for e in &errors {
                eprintln!("错误：{e}");
            }
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let built = match yusuan_build::build(&data, &origins, catalog) {
        Ok(b) => b,
        Err(errors) => {
            for e in &errors {
                eprintln!("错误：{e}");
            }
            eprintln!("输入有 {} 处错误，未生成任何文件", errors.len());
            return ExitCode::from(2);
        }
    };
    let mut files = match yusuan_build::output::render(&data, &built, catalog) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    match yusuan_build::output::render_pdf(&built) {
        Ok(pdf) => files.push(("disclosure.pdf", pdf)),
        // Everything else can still be built on a machine without a CJK font.
        Err(e @ yusuan_print::PrintError::NoFont) => eprintln!("提示：未生成 disclosure.pdf：{e}"),
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    }
    if let Err(e) = yusuan_build::output::write_atomically(out, &files) {
        eprintln!("错误：{e}");
        return ExitCode::from(2);
    }
    let report = yusuan_check::check(&built.document, catalog);
    let names: Vec<&str> = files.iter().map(|(n, _)| *n).collect();
    out!("已生成 {}：{}", out.display(), names.join("、"));
    let open = report.findings.iter().filter(|f| f.severity != yusuan_check::Severity::Info).count();
    if open > 0 {
        out!("{}", report.to_text());
        out!("生成的文件有 {open} 处需要处理（见上）；填写后重新生成");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

fn extract(file: &std::path::Path, format: ExtractFormat, layout: Option<&str>) -> ExitCode {
    let doc = match yusuan_read::read_path(file, layout) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("错误：{e}");
            return ExitCode::from(2);
        }
    };
    let stdout = std::io::stdout().lock();
    let r = match format {
        ExtractFormat::Json => {
            serde_json::to_writer_pretty(stdout, &doc).map_err(|e| (e.io_error_kind(), e.to_string()))
        }
        ExtractFormat::Csv => extract::write_csv(&doc, stdout).map_err(|e| {
            let kind = match e.kind() {
                csv::ErrorKind::Io(io) => Some(io.kind()),
                _ => None,
            };
            (kind, e.to_string())
        }),
    };
    match r {
        // A reader that stops early (`| head`) is not a failure, as with out!.
        Err((Some(std::io::ErrorKind::BrokenPipe), _)) | Ok(()) => ExitCode::SUCCESS,
        Err((_, e)) => {
            eprintln!("错误：输出失败：{e}");
            ExitCode::from(2)
        }
    }
}
