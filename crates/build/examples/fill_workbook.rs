//! Writes an input (TOML/JSON/CSV folder) as the filled fill-in workbook:
//! `cargo run -p yusuan-build --example fill_workbook -- examples/hanshan-kegongxin-2025/input.json examples/hanshan-kegongxin-2025/input.xlsx`

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, input, out] = args.as_slice() else {
        eprintln!("usage: fill_workbook INPUT OUT.xlsx");
        std::process::exit(2);
    };
    let (input, _) = yusuan_build::read::read_input(std::path::Path::new(input)).expect("input");
    let bytes = yusuan_build::tabular::write_filled(&input, yusuan_model::Catalog::bundled()).expect("workbook");
    yusuan_build::output::write_file_atomically(std::path::Path::new(out), &bytes).expect("write");
}
