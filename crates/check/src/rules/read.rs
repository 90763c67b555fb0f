//! 读取修复: every repair the reader made, as a finding that quotes the original text.

use crate::engine::{Ctx, Family, Location, Rule, Severity, Sink};
use yusuan_model::same_str;

fn repairs(cx: &Ctx, sink: &mut Sink) {
    sink.evaluated();
    let code = sink.rule().code;
    for r in cx.doc.repairs.iter().filter(|r| same_str(&r.code, code)) {
        let mut loc = Location::default().at(&r.loc);
        if let Some(t) = r.table.as_deref().and_then(|k| cx.table(k)) {
            loc.table = Some(t.kind.clone());
            loc.title = Some(t.title.clone());
        }
        sink.report(join!(r.message, "（原文：“", r.original, "”）"), loc)
            .values(r.repaired.clone(), r.original.clone());
    }
}

/// R001: a code wrapped inside its cell (`206010 1`) was joined.
pub static R001: Rule = Rule {
    code: "R001",
    name: "编码换行拼接",
    severity: Severity::Info,
    family: Family::Read,
    summary: "科目编码在单元格内被换行拆开（如“206010 1”），读取时拼接为完整编码，并在此列出原文以便核对。",
    why: "PDF 提取会把窄列中的长编码拆成两段；不拼接就会把 7 位的项级科目读成 6 位的错误编码。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t206010 1\t行政运行\t417.74\t417.74\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "《地方预决算公开操作规程》要求公开表格按功能分类项级科目列示；编码须完整。",
    check: repairs,
};

/// R002: a wrapped fragment that landed on the next line or page was joined to its row.
pub static R002: Rule = Rule {
    code: "R002",
    name: "跨行片段拼接",
    severity: Severity::Info,
    family: Family::Read,
    summary: "上一行被换行的编码、名称或表格标题的尾部落到了下一行（常见于分页处或较长的标题），读取时接回上一行并列出原文。",
    why: "不接回会多出一行无金额的“行”，而上一行的编码只剩 6 位。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t221020\t住房公积金\t38.29\t38.29\t\n\t1\t\t\t\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2210201\t住房公积金\t38.29\t38.29\t\n",
    basis: "读取约定：修复必须可核对，原文与行号随结果给出。",
    check: repairs,
};

/// R003: glued cells (`项目名称]关于…`) or stray brackets were split off.
pub static R003: Rule = Rule {
    code: "R003",
    name: "粘连单元格拆分",
    severity: Severity::Info,
    family: Family::Read,
    summary: "标签与内容粘在同一单元格（如“项目名称]关于…”）或标题前有多余括号时，读取时拆开并列出原文。",
    why: "粘连会让项目名称丢失或带上多余符号，导致与预算表、采购表无法对应。",
    bad: "1、关于某项目绩效目标表\n单位：万元\n项目编码\t13040225P00000610003R\t\t项目名称]关于某项目\n",
    good: "1、关于某项目绩效目标表\n单位：万元\n项目编码\t13040225P00000610003R\t\t项目名称\t关于某项目\n",
    basis: "读取约定：修复必须可核对。",
    check: repairs,
};

/// R004: a misprinted header-number label (档次 for 栏次) was read as the header-number row.
pub static R004: Rule = Rule {
    code: "R004",
    name: "表头错字",
    severity: Severity::Info,
    family: Family::Read,
    summary: "表头的栏次行印成了“档次”等错字，读取时按栏次行处理，并提示更正。",
    why: "错字本身是公开文件的瑕疵；读取器若不认识它，会把它当成数据行。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n档次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    basis: "部门预算公开表样：表头第二行为“栏次”。",
    check: repairs,
};

/// R005: a name wrapped inside its cell (`国有资本经营 预算支出`) was joined.
pub static R005: Rule = Rule {
    code: "R005",
    name: "名称换行拼接",
    severity: Severity::Info,
    family: Family::Read,
    summary: "科目名称或项目名称在单元格内换行，提取文本中带有空格，读取时去掉换行空格。",
    why: "带空格的名称无法与科目表和其他表中的同一科目比对。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t223\t国有资本经营 预算支出\t1128.00\t\t1128.00\n",
    good: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t223\t国有资本经营预算支出\t1128.00\t\t1128.00\n",
    basis: "读取约定：修复必须可核对。",
    check: repairs,
};

/// R006: a column header the layout does not know (kept as `colN`), or a table without header.
pub static R006: Rule = Rule {
    code: "R006",
    name: "未识别的列",
    severity: Severity::Warning,
    family: Family::Read,
    summary: "表头中有版式未定义的列标题，或表格没有表头；该列按金额列保留为 colN，不参与勾稽。",
    why: "列名不标准会让读者和检查都无法判断这一列的含义；也可能是版式需要补充别名。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\t专项支出\n\t科目编码\t科目名称\t\t\t\t\n栏次\t1\t2\t3\t4\t5\t6\n1\t2060101\t行政运行\t417.74\t417.74\t\t\n",
    good: TABLE_HEAD_GOOD,
    basis: "部门预算公开表样规定的列。",
    check: repairs,
};

const TABLE_HEAD_GOOD: &str = "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n";

/// R007: text in an amount column that is not an amount.
pub static R007: Rule = Rule {
    code: "R007",
    name: "金额无法识别",
    severity: Severity::Warning,
    family: Family::Read,
    summary: "金额列中出现了不能读作金额的文字（如“1.2.3”“待定”），按文字保留，不参与计算。",
    why: "公开表格中的金额必须是数字；文字会让合计无法核对。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t待定\t417.74\t\n",
    good: TABLE_HEAD_GOOD,
    basis: "《地方预决算公开操作规程》：公开数据应真实、准确。",
    check: repairs,
};

/// R008: a cell beyond the header's columns.
pub static R008: Rule = Rule {
    code: "R008",
    name: "超出表头的单元格",
    severity: Severity::Warning,
    family: Family::Read,
    summary: "数据行的单元格多于表头列数，多出的内容无法归入任何列，列出原文以便核对。",
    why: "多出的单元格通常是错位或粘连，金额可能被读进了错误的列。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\t99.00\n",
    good: TABLE_HEAD_GOOD,
    basis: "读取约定：不丢弃任何内容。",
    check: repairs,
};

/// R009: the last header row printed in the same row as the first data row was split.
pub static R009: Rule = Rule {
    code: "R009",
    name: "表头与首行粘连",
    severity: Severity::Info,
    family: Family::Read,
    summary: "表头最后一行（如科目编码的“类 款 项”）与第一行数据（常为合计行）印在同一行时，读取时拆成表头行和数据行，并列出原文。",
    why: "不拆开，类、款、项三列就没有列名，科目编码无法拼接，合计行也会被当成表头。",
    bad: "收入决算表\n单位：万元\n项目\t\t\t\t本年收入合计\t财政拨款收入\n支出功能分类\t\t\t科目名称\t\t\n类\t款\t项\t合计\t100.00\t100.00\n201\t\t\t一般公共服务支出\t100.00\t100.00\n",
    good: "收入决算表\n单位：万元\n项目\t\t\t\t本年收入合计\t财政拨款收入\n支出功能分类\t\t\t科目名称\t\t\n类\t款\t项\t\t\t\n\t\t\t合计\t100.00\t100.00\n201\t\t\t一般公共服务支出\t100.00\t100.00\n",
    basis: "读取约定：修复必须可核对。",
    check: repairs,
};

/// R010: text that could not be decoded (replacement characters, private-use glyphs, unmapped PDF glyphs).
pub static R010: Rule = Rule {
    code: "R010",
    name: "文字无法解码",
    severity: Severity::Warning,
    family: Family::Read,
    summary: "文件中有无法解码为文字的字形（PDF 字体没有文字映射，或提取的文本中出现替换符“\u{FFFD}”、私用区字符），按页或按行列出；这些位置的文字和数字不可信。",
    why: "乱码不会被当作数据：不报告就会让缺字的名称或金额悄悄进入结果。",
    bad: "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政\u{FFFD}行\t417.74\t417.74\t\n",
    good: TABLE_HEAD_GOOD,
    basis: "读取约定：无法解码的内容必须报告，不得以乱码进入数据。",
    check: repairs,
};

/// R011: a line the reader did not recognise, printed between a table's title or rows and its header,
/// was passed over as a page-head line.
pub static R011: Rule = Rule {
    code: "R011",
    name: "未识别的页眉行",
    severity: Severity::Info,
    family: Family::Read,
    summary: "表名（或续页）与表头之间有至多三行读取时不认识的短文字（如“报送单位：…”这类版式未列出的页眉），\
              因其后紧接表头，按页眉略过，不计入表格或说明，并列出原文以便核对。",
    why: "不略过，这行就会被当作正文而提前结束表格，其后整张表都读不到；略过则须让人核对它确实只是页眉。",
    bad: "部门预算支出总表\n报送单位：邯山区科技和工业信息化局\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t2060101\t行政运行\t417.74\t417.74\t\n",
    good: TABLE_HEAD_GOOD,
    basis: "读取约定：修复必须可核对，不丢弃任何内容。",
    check: repairs,
};

/// The family's rules.
pub static RULES: &[&Rule] = &[&R001, &R002, &R003, &R004, &R005, &R006, &R007, &R008, &R009, &R010, &R011];
