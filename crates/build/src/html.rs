//! index.html: one accessible, printable page — the 目录, every table (captions, header cells with
//! `scope`, merged headers as `colspan`/`rowspan`), the explanation with its project tables, and four
//! charts as inline SVG (expenditure by function class, by economic class, 基本 vs 项目, year on year),
//! each with a text alternative. No script, no external file.
//!
//! The page has one fixed shape, so it is written directly (every text escaped by [`esc`]) rather than
//! through a template engine, and the bar charts are drawn directly as SVG rather than with a plotting
//! crate: both keep the build small (the crate adds only `rust_xlsxwriter` to the workspace).

use crate::explain::wan;
use crate::input::Kind;
use crate::printed::{project_lines, Block, PCell, PTable};
use crate::tables::{sum, Atom};
use crate::Built;
use std::fmt::Write;
use yusuan_model::{Catalog, Classification, Money};

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A horizontal bar chart as inline SVG with a title, a description listing every value, and a
/// tooltip per bar.
pub fn bar_chart(id: &str, title: &str, items: &[(String, Money)]) -> String {
    let max = items.iter().map(|(_, m)| m.0.max(0)).max().unwrap_or(0).max(1);
    let (label_w, bar_w, row_h) = (260.0, 360.0, 26.0);
    let h = 30.0 + row_h * items.len() as f64;
    let desc: Vec<String> = items.iter().map(|(n, m)| format!("{n} {} 万元", wan(*m))).collect();
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<figure class="chart"><svg id="{id}" role="img" aria-labelledby="{id}-t {id}-d" viewBox="0 0 {} {h}" width="100%" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        label_w + bar_w + 90.0,
        esc(title),
        esc(&desc.join("；"))
    );
    for (i, (name, m)) in items.iter().enumerate() {
        let y = 20.0 + row_h * i as f64;
        let w = bar_w * m.0.max(0) as f64 / max as f64;
        let _ = write!(
            s,
            r##"<g><title>{n}：{v} 万元</title><text x="{tx}" y="{ty}" text-anchor="end" font-size="13">{n}</text><rect x="{label_w}" y="{y}" width="{w:.1}" height="18" fill="#2b6cb0"/><text x="{vx:.1}" y="{ty}" font-size="12">{v}</text></g>"##,
            n = esc(name),
            v = wan(*m),
            tx = label_w - 6.0,
            ty = y + 14.0,
            vx = label_w + w + 4.0,
        );
    }
    let _ = write!(s, "</svg><figcaption>{}（万元）</figcaption></figure>", esc(title));
    s
}

fn table_html(t: &PTable, out: &mut String) {
    let _ = write!(out, r#"<table><caption>{}"#, esc(&t.title));
    if !t.meta.is_empty() {
        let _ = write!(out, r#"<br><small>{}</small>"#, esc(&t.meta.join("　")));
    }
    out.push_str("</caption><thead>");
    for r in 0..t.header_rows {
        out.push_str("<tr>");
        for h in t.header.iter().filter(|h| h.row == r) {
            let _ = write!(
                out,
                r#"<th scope="{}"{}{}>{}</th>"#,
                if h.cols > 1 { "colgroup" } else { "col" },
                if h.rows > 1 { format!(r#" rowspan="{}""#, h.rows) } else { String::new() },
                if h.cols > 1 { format!(r#" colspan="{}""#, h.cols) } else { String::new() },
                esc(&h.text)
            );
        }
        out.push_str("</tr>");
    }
    if t.column_numbers {
        out.push_str(r#"<tr class="n"><th scope="row">栏次</th>"#);
        for c in 1..t.ncols {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</thead><tbody>");
    for (i, r) in t.rows.iter().enumerate() {
        out.push_str(if t.total_rows.contains(&i) { r#"<tr class="total">"# } else { "<tr>" });
        for c in r {
            match c {
                PCell::Money(_) | PCell::Int(_) => {
                    let _ = write!(out, r#"<td class="num">{}</td>"#, c.printed(t.unit));
                }
                _ => {
                    let _ = write!(out, "<td>{}</td>", esc(&c.printed(t.unit)));
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    if let Some(n) = &t.note {
        let _ = write!(out, r#"<p class="note">{}</p>"#, esc(n));
    }
}

fn charts(built: &Built, catalog: &Catalog) -> String {
    let a = &built.atoms;
    let mut by_class: Vec<(String, Money)> = Vec::new();
    let mut classes: Vec<&str> = a.iter().filter_map(|x| x.key.function.get(..3)).collect();
    classes.sort_unstable();
    classes.dedup();
    for c in classes {
        let name = catalog.get(Classification::Function, c).map_or(c.to_string(), |e| e.name.clone());
        by_class.push((name, sum(a, |k| k.function.starts_with(c))));
    }
    let mut by_econ: Vec<(String, Money)> = Vec::new();
    let mut econ: Vec<&str> = a.iter().filter_map(|x| x.key.economic.get(..3)).collect();
    econ.sort_unstable();
    econ.dedup();
    for c in econ {
        let name = catalog.get(Classification::Economic, c).map_or(c.to_string(), |e| e.name.clone());
        by_econ.push((name, sum(a, |k| k.economic.starts_with(c))));
    }
    let bp = |x: &[Atom]| {
        [
            ("基本支出—人员经费".to_string(), sum(x, |k| k.kind == Kind::Personnel)),
            ("基本支出—公用经费".to_string(), sum(x, |k| k.kind == Kind::Public)),
            ("项目支出".to_string(), sum(x, |k| k.kind == Kind::Project)),
        ]
    };
    let mut s = String::new();
    s.push_str(&bar_chart("c-function", "支出按功能分类（类）", &by_class));
    if !by_econ.is_empty() {
        s.push_str(&bar_chart("c-economic", "注明经济分类的支出（类）", &by_econ));
    }
    s.push_str(&bar_chart("c-kind", "基本支出与项目支出", &bp(a)));
    if let Some(p) = &built.prior {
        let (c, q) = (bp(a), bp(p));
        let mut items =
            vec![("上年预算合计".to_string(), sum(p, |_| true)), ("本年预算合计".to_string(), sum(a, |_| true))];
        for (x, y) in q.iter().zip(c.iter()) {
            items.push((format!("上年{}", x.0), x.1));
            items.push((format!("本年{}", y.0), y.1));
        }
        s.push_str(&bar_chart("c-yoy", "与上年预算比较", &items));
    }
    s
}

/// The page.
pub fn write_index(built: &Built, catalog: &Catalog) -> String {
    let p = &built.package;
    let title = format!("{}{}年部门预算信息公开", p.dept_name, p.year);
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{}</title><style>
body{{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;max-width:1100px;margin:auto;padding:1em;line-height:1.6;color:#111}}
table{{border-collapse:collapse;margin:1em 0;font-size:13px;width:100%}}caption{{font-weight:bold;font-size:16px;padding:.5em}}
th,td{{border:1px solid #444;padding:2px 6px}}th{{background:#eef}}td.num{{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}}
tr.total td{{font-weight:bold}}tr.n td{{text-align:center;color:#555}}.note{{font-size:13px}}figure.chart{{margin:1em 0}}
section.table{{break-before:page}}@media print{{body{{max-width:none}}nav{{display:none}}section.table{{break-before:page}}}}
</style></head><body><header><h1>{}</h1></header>"#,
        esc(&title),
        esc(&title)
    );
    o.push_str(r#"<nav aria-label="目录"><h2>目录</h2><ol>"#);
    let mut n = 0;
    for b in &p.blocks {
        match b {
            Block::Table(t) if t.kind != "org" => {
                n += 1;
                let _ = write!(o, "<li><a href=\"#t{n}\">{}</a></li>", esc(&t.title));
            }
            Block::Heading { id, text } => {
                let _ = write!(o, "<li><a href=\"#s-{id}\">{}</a></li>", esc(text));
            }
            _ => {}
        }
    }
    o.push_str("</ol></nav><main>");
    let _ =
        write!(o, r#"<section aria-labelledby="charts"><h2 id="charts">图表</h2>{}</section>"#, charts(built, catalog));
    n = 0;
    for b in &p.blocks {
        match b {
            Block::Table(t) if t.kind != "org" => {
                n += 1;
                let _ = write!(o, r#"<section class="table" id="t{n}">"#);
                table_html(t, &mut o);
                o.push_str("</section>");
            }
            Block::Table(t) => table_html(t, &mut o),
            Block::Part { text } => {
                let _ = write!(o, "<h2>{}</h2>", esc(text));
            }
            Block::Heading { id, text } => {
                let _ = write!(o, r#"<h3 id="s-{id}">{}</h3>"#, esc(text));
            }
            Block::Paragraph { text } => {
                let _ = write!(o, "<p>{}</p>", esc(text));
            }
            Block::Project(pr) => {
                let mut lines = Vec::new();
                project_lines(pr, &mut lines);
                let _ = write!(o, "<table><caption>{}</caption><tbody>", esc(&pr.title()));
                for l in lines.iter().skip(2) {
                    o.push_str("<tr>");
                    for c in l {
                        let _ = write!(o, "<td>{}</td>", esc(c));
                    }
                    o.push_str("</tr>");
                }
                o.push_str("</tbody></table>");
            }
            Block::Title { .. } | Block::Toc { .. } => {}
        }
    }
    o.push_str("</main></body></html>\n");
    o
}
