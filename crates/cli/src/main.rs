//! The `yusuan` command line.

mod extract;

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;

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

#[derive(Subcommand)]
enum Command {
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract { file, format, layout } => {
            let doc = match yusuan_read::read_path(&file, layout.as_deref()) {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("错误：{e}");
                    return ExitCode::from(2);
                }
            };
            let stdout = std::io::stdout().lock();
            let r = match format {
                ExtractFormat::Json => serde_json::to_writer_pretty(stdout, &doc).map_err(|e| e.to_string()),
                ExtractFormat::Csv => extract::write_csv(&doc, stdout).map_err(|e| e.to_string()),
            };
            if let Err(e) = r {
                eprintln!("错误：输出失败：{e}");
                return ExitCode::from(2);
            }
            ExitCode::SUCCESS
        }
    }
}
