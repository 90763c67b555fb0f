//! 完整性: the tables, notes, sections and 目录 entries a disclosure must carry, and the facts that identify it.

use crate::engine::{Ctx, Family, Location, Rule, Severity};
use regex::Regex;
use std::cell::OnceCell;
use std::sync::LazyLock;
use yusuan_model::layout::{key, strip_numbering, with_key};
use yusuan_model::{Section, Table, TocEntry};

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(20\d\d)\s*年").unwrap());

/// A comparison key for titles and headings: no whitespace, quotes, leading year or list numbering.
fn loose(s: &str) -> String {
    with_key(s, |k| key(strip_numbering(k)))
}

/// A 目录 entry, a table title or a section heading reduced to what they are compared by.
pub(crate) struct Named<'a> {
    loose: String,
    /// The table kind or section id it names; for a 目录 entry, looked up in the layout on first use
    /// ([`entry_id`]), since most entries are found by their loose title alone.
    id: OnceCell<Option<&'a str>>,
}

impl<'a> Named<'a> {
    /// A table or section, with its id.
    fn known(loose: String, id: Option<&'a str>) -> Named<'a> {
        Named { loose, id: OnceCell::from(id) }
    }

    /// The id of a table or section (made by [`Named::known`]).
    fn known_id(&self) -> Option<&'a str> {
        self.id.get().copied().flatten()
    }
}

/// What a 目录 entry names: its loose title (the table kind or section id is looked up when needed).
fn toc_entry<'a>(e: &TocEntry) -> Named<'a> {
    Named { loose: loose(&e.title), id: OnceCell::new() }
}

/// The table kind or section id the layout gives 目录 entry `e` (`entry` its [`toc_entry`]).
fn entry_id<'a>(cx: &Ctx<'a>, e: &TocEntry, entry: &Named<'a>) -> Option<&'a str> {
    *entry.id.get_or_init(|| {
        let table = cx.layout.table_for_title(&e.title).map(|t| t.id.as_str());
        table.or_else(|| cx.layout.section_for_heading(&e.title).map(|s| s.id.as_str()))
    })
}

fn table_named<'a>(t: &'a Table) -> Named<'a> {
    Named::known(loose(&t.title), Some(t.kind.as_str()))
}

fn section_named<'a>(s: &'a Section) -> Named<'a> {
    let id = (!s.id.is_empty() && s.id != "preamble").then_some(s.id.as_str());
    Named::known(loose(&s.heading), id)
}

/// What every 目录 entry names, computed once per document (M007 and M008 both ask).
fn toc_entries<'b, 'a>(cx: &'b Ctx<'a>) -> &'b [Named<'a>] {
    cx.cache.toc_named.get_or_init(|| cx.doc.toc.iter().map(toc_entry).collect())
}

/// [`section_named`] of every section, in order, computed once per document.
fn sections_named<'b, 'a>(cx: &'b Ctx<'a>) -> &'b [Named<'a>] {
    cx.cache.sections_named.get_or_init(|| cx.doc.sections.iter().map(section_named).collect())
}

/// Whether one of the 目录 `entries` (with their [`toc_entry`] names) names one of `targets`: by loose title,
/// or else by id (an entry's id lookup, the costlier test, is made only when no title matches).
fn names_any<'t, 'a: 't>(
    cx: &Ctx<'a>,
    entries: impl Iterator<Item = (&'t TocEntry, &'t Named<'a>)> + Clone,
    targets: impl Iterator<Item = &'t Named<'a>> + Clone,
) -> bool {
    entries.clone().any(|(_, en)| targets.clone().any(|t| t.loose == en.loose))
        || entries
            .into_iter()
            .any(|(e, en)| entry_id(cx, e, en).is_some_and(|id| targets.clone().any(|t| t.known_id() == Some(id))))
}

/// A located section heading.
fn section_loc(s: &Section) -> Location {
    let mut l = Location::section(&s.id, &s.loc);
    l.name = Some(s.heading.clone());
    l
}

/// M001: every table the layout marks required is printed.
pub static M001: Rule = Rule {
    code: "M001",
    name: "必备表格缺失",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "版式规定必须公开的每一张表（收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、基本支出表、政府性基金表、国有资本经营表、“三公”经费表、政府采购表、固定资产表）都要在文件中出现，没有数据的也要以空表列示。",
    why: "缺少某张表，读者就无法知道该口径的预算安排，也无法与其他表核对；公开规程要求表格齐全。",
    bad: "部门预算收支总表\n部门预算收入总表\n部门预算支出总表\n部门预算财政拨款收支总表\n部门预算一般公共预算财政拨款支出表\n部门预算一般公共预算财政拨款基本支出表\n部门预算政府性基金预算财政拨款支出表\n部门预算国有资本经营预算财政拨款支出表\n部门政府采购预算\n部门固定资产占用情况表\n",
    good: "部门预算收支总表\n部门预算收入总表\n部门预算支出总表\n部门预算财政拨款收支总表\n部门预算一般公共预算财政拨款支出表\n部门预算一般公共预算财政拨款基本支出表\n部门预算政府性基金预算财政拨款支出表\n部门预算国有资本经营预算财政拨款支出表\n部门预算财政拨款“三公”经费支出表\n部门政府采购预算\n部门固定资产占用情况表\n",
    basis: "《地方预决算公开操作规程》：部门预算应公开收支总表、收入总表、支出总表、财政拨款收支总表、一般公共预算支出表、基本支出表、“三公”经费表、政府性基金预算支出表等；本部门没有数据的表格应列示空表并说明。",
    check: |cx, sink| {
        sink.evaluated();
        for kind in cx.layout.tables.iter().filter(|k| k.required) {
            if cx.table(&kind.id).is_none() {
                let title = kind.titles.first().cloned().unwrap_or_default();
                sink.report(format!("缺少必备表格“{title}”"), Location { table: Some(kind.id.clone()), title: Some(title.clone()), ..Location::default() })
                    .values(title, "未列示");
            }
        }
    },
};

/// M002: a table without any amount carries an 空表 note.
pub static M002: Rule = Rule {
    code: "M002",
    name: "空表未加说明",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "没有任何金额的表格（空表）下方要有说明，如“注：无政府性基金预算财政拨款预算，空表列示。”。",
    why: "不加说明的空表，读者分不清是本部门确实没有该项资金，还是漏填、漏印了数据。",
    bad: "部门预算政府性基金预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n",
    good: "部门预算政府性基金预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n注：无政府性基金预算财政拨款预算，空表列示。\n",
    basis: "《地方预决算公开操作规程》：没有数据的表格应当列出空表并说明。",
    check: |cx, sink| {
        for t in &cx.doc.tables {
            sink.evaluated();
            if !t.has_amounts() && !t.notes.iter().any(|n| n.empty_table) {
                sink.report(format!("“{}”没有任何金额，但表下没有空表说明", t.title), Location::table(t))
                    .values("注明“空表列示”及原因", "无说明");
            }
        }
        if cx.doc.tables.is_empty() {
            sink.not_evaluated("文件中没有表格");
        }
    },
};

/// M003: an 空表 note never sits under a table that has amounts.
pub static M003: Rule = Rule {
    code: "M003",
    name: "空表说明与数据并存",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "表下写着“空表列示”“本表为空”等空表说明，而表中却列有金额，两者必有一错。",
    why: "说明与数据自相矛盾：要么数据是误填的，要么说明是从别的表复制来的，读者无法判断哪个为真。",
    bad: "部门预算国有资本经营预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t1128.00\t\t1128.00\n2\t223\t国有资本经营预算支出\t1128.00\t\t1128.00\n注：无国有资本经营预算财政拨款预算，空表列示。\n",
    good: "部门预算国有资本经营预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t1128.00\t\t1128.00\n2\t223\t国有资本经营预算支出\t1128.00\t\t1128.00\n",
    basis: "《地方预决算公开操作规程》：公开内容应真实、准确；空表说明仅用于没有数据的表格。",
    check: |cx, sink| {
        for t in &cx.doc.tables {
            sink.evaluated();
            if !t.has_amounts() {
                continue;
            }
            for n in t.notes.iter().filter(|n| n.empty_table) {
                sink.report(format!("“{}”列有金额，表下却注明为空表：“{}”", t.title, n.text), Location::table(t).at(&n.loc))
                    .values("有数据的表不加空表说明", n.text.clone());
            }
        }
        if cx.doc.tables.is_empty() {
            sink.not_evaluated("文件中没有表格");
        }
    },
};

/// Words that name a table kind in an 空表 note.
fn kind_words(kind: &str) -> &'static [&'static str] {
    match kind {
        "gov_fund" => &["政府性基金"],
        "soe" => &["国有资本经营"],
        "three_public" => &["三公"],
        "procurement" => &["政府采购", "采购"],
        "assets" => &["固定资产", "资产"],
        "basic" => &["基本支出"],
        "general_budget" => &["一般公共预算"],
        _ => &[],
    }
}

/// Words that unmistakably name one other table kind.
const OTHER_WORDS: &[(&str, &str)] = &[
    ("gov_fund", "政府性基金"),
    ("soe", "国有资本经营"),
    ("three_public", "三公"),
    ("procurement", "政府采购"),
    ("assets", "固定资产"),
];

/// M004: an 空表 note names the table it sits under, not another one.
pub static M004: Rule = Rule {
    code: "M004",
    name: "空表说明张冠李戴",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "空表说明要说本表的事：政府性基金表下的说明应讲政府性基金，不能写成“无国有资本经营预算……”之类别的表的说明。",
    why: "复制粘贴留下的错误说明会让读者误以为另一类资金为空，或怀疑本表的真实情况。",
    bad: "部门预算政府性基金预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n注：无国有资本经营预算财政拨款预算，空表列示。\n",
    good: "部门预算政府性基金预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n注：无政府性基金预算财政拨款预算，空表列示。\n",
    basis: "《地方预决算公开操作规程》：公开内容应真实、准确、完整。",
    check: |cx, sink| {
        for t in &cx.doc.tables {
            let own = kind_words(&t.kind);
            if own.is_empty() {
                continue;
            }
            for n in t.notes.iter().filter(|n| n.empty_table) {
                sink.evaluated();
                let text = key(&n.text);
                if own.iter().any(|w| text.contains(w)) {
                    continue;
                }
                if let Some((other, word)) = OTHER_WORDS.iter().find(|(k, w)| *k != t.kind && text.contains(w)) {
                    let other_title = cx.layout.table(other).and_then(|k| k.titles.first()).map_or(*word, |s| s.as_str());
                    sink.report(format!("“{}”下的空表说明讲的是“{word}”（应为“{other_title}”的说明）：“{}”", t.title, n.text), Location::table(t).at(&n.loc))
                        .values(format!("说明本表（{}）为空", own[0]), n.text.clone());
                }
            }
        }
        sink.not_evaluated("文件中没有带空表说明的表格");
    },
};

/// M005: every explanation section the layout marks required is present.
pub static M005: Rule = Rule {
    code: "M005",
    name: "情况说明缺少必备部分",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "情况说明要包含版式规定的各部分：部门职责及机构设置、预算安排总体情况、机关运行经费、“三公”经费、部门整体绩效目标、主管专项资金、项目绩效目标、政府采购、国有资产、名词解释、其他需要说明的事项。",
    why: "缺少某一部分，相应信息就没有公开，读者也无法将表格与文字对照。",
    bad: "部门预算信息公开情况说明\n一、部门职责及机构设置情况\n二、部门预算安排的总体情况\n三、机关运行经费安排情况\n五、部门整体绩效目标\n六、部门主管专项资金预算安排情况及绩效目标\n七、部门项目预算安排情况及绩效目标\n八、政府采购预算情况\n九、国有资产信息\n十、名词解释\n十一、其他需要说明的事项\n",
    good: "部门预算信息公开情况说明\n一、部门职责及机构设置情况\n二、部门预算安排的总体情况\n三、机关运行经费安排情况\n四、财政拨款“三公”经费预算情况\n五、部门整体绩效目标\n六、部门主管专项资金预算安排情况及绩效目标\n七、部门项目预算安排情况及绩效目标\n八、政府采购预算情况\n九、国有资产信息\n十、名词解释\n十一、其他需要说明的事项\n",
    basis: "《地方预决算公开操作规程》及河北省部门预算公开模板：情况说明的必备内容。",
    check: |cx, sink| {
        sink.evaluated();
        for kind in cx.layout.sections.iter().filter(|k| k.required) {
            if cx.doc.section(&kind.id).is_none() {
                let heading = kind.headings.first().cloned().unwrap_or_default();
                sink.report(format!("情况说明缺少“{heading}”部分"), Location { section: Some(kind.id.clone()), ..Location::default() })
                    .values(heading, "未列示");
            }
        }
    },
};

/// M006: a section heading is followed by some content.
pub static M006: Rule = Rule {
    code: "M006",
    name: "说明部分只有标题没有内容",
    severity: Severity::Warning,
    family: Family::Completeness,
    summary: "情况说明的每个标题下要有文字、表格或项目绩效目标表；没有相关事项时也要写明“本部门无……”。",
    why: "只有标题的部分让读者无法判断是没有该事项，还是漏写了内容。",
    bad: "部门预算信息公开情况说明\n六、部门主管专项资金预算安排情况及绩效目标\n七、部门项目预算安排情况及绩效目标\n本部门项目绩效目标详见下表。\n",
    good: "部门预算信息公开情况说明\n六、部门主管专项资金预算安排情况及绩效目标\n本部门无主管专项资金，本部分为空。\n七、部门项目预算安排情况及绩效目标\n本部门项目绩效目标详见下表。\n",
    basis: "《地方预决算公开操作规程》：没有相关事项的，应当在说明中写明。",
    check: |cx, sink| {
        let secs = &cx.doc.sections;
        for (i, s) in secs.iter().enumerate() {
            if s.id == "preamble" {
                continue;
            }
            sink.evaluated();
            let start = s.loc.line;
            let end = secs.get(i + 1).map_or(u32::MAX, |n| n.loc.line);
            let inside = |l: u32| l > start && l < end;
            // A part whose content is its subsections (sections the 目录 does not list) is not empty.
            let has_subsections = secs.get(i + 1).is_some_and(|n| {
                cx.layout.sections.iter().find(|k| k.id == n.id).is_some_and(|k| !k.listed)
                    && cx.layout.sections.iter().find(|k| k.id == s.id).is_none_or(|k| k.listed)
            });
            let has_content = !s.paragraphs.is_empty()
                || has_subsections
                || cx.doc.tables.iter().any(|t| inside(t.loc.line))
                || cx.doc.projects.iter().any(|p| inside(p.loc.line));
            if !has_content {
                sink.report(join!("“", s.heading, "”下没有任何内容"), section_loc(s))
                    .values("文字说明，或写明“本部门无此事项”", "空");
            }
        }
        sink.not_evaluated("文件中没有情况说明");
    },
};

/// M007: every 目录 entry with a page number exists in the body.
pub static M007: Rule = Rule {
    code: "M007",
    name: "目录条目在正文中找不到",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "目录中标有页码的每一条，都要在正文中有同名的表格标题或说明标题。",
    why: "目录列了而正文没有，说明该表或该部分漏印，或目录没有随正文更新。",
    bad: "2025年邯山区科技和工业信息化局部门预算信息公开目录\n部门预算收支总表.....\t1\n部门预算财政拨款“三公”经费支出表.....\t17\n部门预算收支总表\n单位：万元\n",
    good: "2025年邯山区科技和工业信息化局部门预算信息公开目录\n部门预算收支总表.....\t1\n部门预算收支总表\n单位：万元\n",
    basis: "《地方预决算公开操作规程》：公开内容应完整，目录与正文一致。",
    check: |cx, sink| {
        // A title printed exactly as the entry (the common case) has its loose title too: loose titles are
        // made only when some entry is not found so.
        let tables: OnceCell<Vec<Named>> = OnceCell::new();
        for (i, e) in cx.doc.toc.iter().enumerate().filter(|(_, e)| e.page.is_some()) {
            sink.evaluated();
            let found = cx.doc.tables.iter().any(|t| t.title == e.title)
                || cx.doc.sections.iter().any(|s| s.heading == e.title)
                || names_any(
                    cx,
                    std::iter::once((e, &toc_entries(cx)[i])),
                    tables
                        .get_or_init(|| cx.doc.tables.iter().map(table_named).collect())
                        .iter()
                        .chain(sections_named(cx)),
                );
            if !found {
                sink.report(format!("目录中的“{}”（第 {} 页）在正文中找不到", e.title, e.page.unwrap_or(0)), Location { name: Some(e.title.clone()), ..Location::default() }.at(&e.loc))
                    .values(e.title.clone(), "正文中无此表或此部分");
            }
        }
        sink.not_evaluated("文件没有带页码的目录");
    },
};

/// M008: every section of the explanation is listed in the 目录.
pub static M008: Rule = Rule {
    code: "M008",
    name: "说明部分未列入目录",
    severity: Severity::Warning,
    family: Family::Completeness,
    summary: "文件有目录时，情况说明中的每个部分都应在目录中列出。",
    why: "目录不全，读者找不到相应内容，也说明目录没有随正文更新。",
    bad: "2025年邯山区科技和工业信息化局部门预算信息公开目录\n一、部门职责及机构设置情况.....\t19\n部门预算收支总表\n单位：万元\n邯山区科技和工业信息化局2025年部门预算信息公开情况说明\n一、部门职责及机构设置情况\n负责全区科技、工业和信息化工作。\n十一、其他需要说明的事项\n我部门无其他需要说明的事项。\n",
    good: "2025年邯山区科技和工业信息化局部门预算信息公开目录\n一、部门职责及机构设置情况.....\t19\n十一、其他需要说明的事项.....\t41\n部门预算收支总表\n单位：万元\n邯山区科技和工业信息化局2025年部门预算信息公开情况说明\n一、部门职责及机构设置情况\n负责全区科技、工业和信息化工作。\n十一、其他需要说明的事项\n我部门无其他需要说明的事项。\n",
    basis: "公开文件编排惯例：目录与正文一致。",
    check: |cx, sink| {
        if cx.doc.toc.is_empty() {
            sink.not_evaluated("文件没有目录");
            return;
        }
        // Sections the layout says the 目录 does not list (subsections) are left out.
        let in_toc = |s: &&Section| cx.layout.sections.iter().find(|k| k.id == s.id).is_none_or(|k| k.listed);
        // (sized up front: a collect of a filter cannot know its length, and grows the vector)
        let mut sections: Vec<&Section> = Vec::with_capacity(cx.doc.sections.len());
        sections.extend(cx.doc.sections.iter().filter(|s| s.id != "preamble").filter(in_toc));
        let listed = |s: &Section| {
            // A heading printed exactly as an entry (the common case) has its loose title too: loose titles
            // are made only when some heading is not found so.
            if cx.doc.toc.iter().any(|e| e.title == s.heading) {
                return true;
            }
            // `s` is one of the document's sections: its name was computed at its index.
            let i = cx.doc.sections.iter().position(|x| std::ptr::eq(x, s)).expect("a section of the document");
            names_any(cx, cx.doc.toc.iter().zip(toc_entries(cx)), std::iter::once(&sections_named(cx)[i]))
        };
        if let Some(first) = sections.first().filter(|_| !sections.iter().any(|s| listed(s))) {
            // A 目录 of tables only: one finding, not one per section.
            sink.report(format!("目录没有列出情况说明的任何部分（共 {} 个部分）", sections.len()), section_loc(first))
                .values("列入目录", "目录中没有");
            return;
        }
        for s in sections {
            sink.evaluated();
            if !listed(s) {
                sink.report(format!("“{}”没有列入目录", s.heading), section_loc(s)).values("列入目录", "目录中没有");
            }
        }
        sink.not_evaluated("文件没有情况说明");
    },
};

/// Whether a column label states the money unit (e.g. `价值（金额单位：万元）`).
fn label_states_unit(label: &str) -> bool {
    label.contains("万元") || label.contains("金额单位") || label.contains("（元）") || label.contains("(元)")
}

/// M009: every table prints its money unit.
pub static M009: Rule = Rule {
    code: "M009",
    name: "表格未标明金额单位",
    severity: Severity::Warning,
    family: Family::Completeness,
    summary: "每张表都要印出金额单位（“单位：万元”或在列标题中写明），否则按版式默认单位读取。",
    why: "元和万元相差一万倍；不标单位，读者只能猜。",
    bad: "部门预算支出总表\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "部门预算公开表样：表头右上方标明金额单位。",
    check: |cx, sink| {
        for t in &cx.doc.tables {
            sink.evaluated();
            if !t.unit_printed && !t.columns.iter().any(|c| label_states_unit(&c.label)) {
                sink.report(format!("“{}”没有印出金额单位，按{}读取", t.title, t.unit.label()), Location::table(t))
                    .values("单位：万元", "未标明");
            }
        }
        if cx.doc.tables.is_empty() {
            sink.not_evaluated("文件中没有表格");
        }
    },
};

/// M010: the department and the budget year are recognised.
pub static M010: Rule = Rule {
    code: "M010",
    name: "未能识别部门名称或预算年度",
    severity: Severity::Warning,
    family: Family::Completeness,
    summary: "表格上方要印出部门编码和名称（如“306 邯山区科技和工业信息化局”）以及预算年度（“预算年度：2025”或标题中的年度）。",
    why: "不写部门和年度，表格脱离文件就无法知道是谁、哪一年的预算，也无法与其他年度比较。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    good: "部门预算支出总表\n306 邯山区科技和工业信息化局\n预算年度：2025\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "部门预算公开表样：表头列示部门编码、部门名称和预算年度。",
    check: |cx, sink| {
        sink.evaluated();
        let m = &cx.doc.meta;
        if m.dept_name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            sink.report("未能识别部门名称（表格上方应印出部门编码和名称）", Location::default()).values("部门编码 部门名称", "未识别");
        }
        if m.year.is_none() {
            sink.report("未能识别预算年度（标题或“预算年度：”行）", Location::default()).values("预算年度：YYYY", "未识别");
        }
    },
};

/// M011: tables appear in the layout's order.
pub static M011: Rule = Rule {
    code: "M011",
    name: "表格顺序与版式不同",
    severity: Severity::Info,
    family: Family::Completeness,
    summary: "各表按公开模板的顺序排列（收支总表、收入总表、支出总表、财政拨款收支总表……）。",
    why: "顺序打乱不算错误，但会增加读者查找和对照的难度，也可能提示有表格被替换或重复。",
    bad: "部门预算支出总表\n单位：万元\n部门预算收支总表\n单位：万元\n",
    good: "部门预算收支总表\n单位：万元\n部门预算支出总表\n单位：万元\n",
    basis: "河北省部门预算公开模板的表格顺序。",
    check: |cx, sink| {
        let order = |t: &Table| cx.layout.tables.iter().position(|k| k.id == t.kind);
        let mut last: Option<(usize, &Table)> = None;
        for t in &cx.doc.tables {
            let Some(i) = order(t) else { continue };
            if let Some((j, prev)) = last {
                sink.evaluated();
                if i < j {
                    sink.report(format!("“{}”排在“{}”之后，与模板顺序不同", t.title, prev.title), Location::table(t))
                        .values(format!("在“{}”之前", prev.title), format!("在“{}”之后", prev.title));
                    continue;
                }
            }
            last = Some((i, t));
        }
        sink.not_evaluated("文件中少于两张表");
    },
};

/// The first year (`2025年`) written in a text: the first four characters of the first match, which the
/// pattern's group holds (found without captures, which allocate).
fn year_in(s: &str) -> Option<u16> {
    let m = YEAR.find(s)?.as_str();
    m[..m.char_indices().nth(4).map_or(m.len(), |(i, _)| i)].parse().ok()
}

/// M012: the title, the explanation heading and the tables name the same year.
pub static M012: Rule = Rule {
    code: "M012",
    name: "标题年度与预算年度不一致",
    severity: Severity::Error,
    family: Family::Completeness,
    summary: "文件标题中的年度、表格的预算年度、情况说明标题中的年度和政府采购表“××年预留中小微企业份额”列中的年度应当相同。",
    why: "年度不一致通常是套用上年文件未改全，读者无法确定公开的是哪一年的预算。",
    bad: "2025年邯山区科技和工业信息化局部门预算信息公开\n邯山区科技和工业信息化局2024年部门预算信息公开情况说明\n现将邯山区科技和工业信息化局部门预算公开如下：\n",
    good: "2025年邯山区科技和工业信息化局部门预算信息公开\n邯山区科技和工业信息化局2025年部门预算信息公开情况说明\n现将邯山区科技和工业信息化局部门预算公开如下：\n",
    basis: "《地方预决算公开操作规程》：公开内容应真实、准确。",
    check: |cx, sink| {
        let Some(year) = cx.doc.meta.year else {
            sink.not_evaluated("未能识别预算年度");
            return;
        };
        // Each place's description and location are made only when its year differs.
        let mut place = |y: u16, what: &dyn Fn() -> String, loc: &dyn Fn() -> Location| {
            sink.evaluated();
            if y != year {
                sink.report(format!("{}写的是 {y} 年，而预算年度是 {year} 年", what()), loc()).values(year.to_string(), y.to_string());
            }
        };
        if let Some(title) = &cx.doc.meta.title {
            if let Some(y) = year_in(title) {
                place(y, &|| format!("文件标题“{title}”"), &|| Location { name: Some(title.clone()), ..Location::default() });
            }
        }
        if let Some(s) = cx.doc.section("preamble") {
            if let Some(y) = year_in(&s.heading) {
                place(y, &|| format!("情况说明标题“{}”", s.heading), &|| section_loc(s));
            }
        }
        if let Some(t) = cx.table("procurement") {
            if let Some(c) = t.columns.iter().find(|c| c.id == "sme") {
                if let Some(y) = year_in(&c.label) {
                    let loc = || {
                        let mut l = Location::table(t);
                        l.column = Some(c.id.clone());
                        l
                    };
                    place(y, &|| format!("“{}”的列“{}”", t.title, c.label), &loc);
                }
            }
        }
        sink.not_evaluated("标题、情况说明和表格中都没有写明年度");
    },
};

/// M013: no table is printed twice.
pub static M013: Rule = Rule {
    code: "M013",
    name: "表格重复列示",
    severity: Severity::Warning,
    family: Family::Completeness,
    summary: "同一种表只应出现一次（跨页续表不重复印标题）。",
    why: "重复的表可能数据不同，读者不知道以哪张为准；也可能是另一张表被误印成了这张。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "部门预算公开表样：每张表列示一次。",
    check: |cx, sink| {
        for (i, t) in cx.doc.tables.iter().enumerate() {
            sink.evaluated();
            if let Some(first) = cx.doc.tables[..i].iter().find(|p| p.kind == t.kind) {
                let line = first.loc.line;
                sink.report(format!("“{}”重复列示（第一次在第 {line} 行）", t.title), Location::table(t))
                    .values("列示一次", "列示多次");
            }
        }
        if cx.doc.tables.is_empty() {
            sink.not_evaluated("文件中没有表格");
        }
    },
};

/// M014: every line was placed in a table, a section or a project.
pub static M014: Rule = Rule {
    code: "M014",
    name: "无法归位的内容",
    severity: Severity::Warning,
    family: Family::Completeness,
    summary: "读取时无法归入任何表格、说明部分或项目绩效目标表的文字，逐行列出，请人工核对。",
    why: "这些文字可能是漏识别的表格标题、错位的说明或多余的内容；它们不会被任何规则检查。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n以上数据为初步数，仅供参考。\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "读取约定：任何内容都不得被悄悄丢弃。",
    check: |cx, sink| {
        sink.evaluated();
        for p in &cx.doc.unplaced {
            sink.report(format!("第 {} 行的内容无法归入任何表格或说明部分：“{}”", p.loc.line, p.text), Location::default().at(&p.loc))
                .values("归入表格或说明", p.text.clone());
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] =
    &[&M001, &M002, &M003, &M004, &M005, &M006, &M007, &M008, &M009, &M010, &M011, &M012, &M013, &M014];

#[cfg(test)]
mod tests {
    use super::{year_in, YEAR};

    #[test]
    fn the_year_in_a_text_is_the_patterns_first_group() {
        for s in [
            "",
            "2025年",
            "邯山区2024 年部门预算",
            "20٢٦年",
            "2026年 2025年",
            "1999年",
            "2020202年",
            "x2031\u{3000}年度",
            "2025",
        ] {
            let by_captures: Option<u16> = YEAR.captures(s).and_then(|c| c[1].parse().ok());
            assert_eq!(year_in(s), by_captures, "{s:?}");
        }
    }
}
