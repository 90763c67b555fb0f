//! 说明与表格: the explanation (情况说明) against the tables, and its wording.
//!
//! An amount the explanation states (`X 万元`, `X 元`) is tied to its topic by the words just before the
//! number — its subject, read back to the previous punctuation mark or the previous amount — and compared
//! with the table at the stated number's own precision: "1798.3 万元" equals a printed 1798.30, and a
//! number rounded in prose to fewer decimals is not an error.

use crate::engine::{Ctx, Family, Location, Rule, Severity, Sink};
use crate::helpers::{compare, show};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;
use yusuan_model::{Cell, Edition, Loc, Money, Section, Table, Unit};

// ---------------------------------------------------------------------------------------------------
// Shared pieces of the examples (a title giving the year, the tables, the explanation's start).

macro_rules! title {
    () => {
        "某局2025年部门预算公开\n"
    };
}

macro_rules! summary_table {
    () => {
        "部门预算收支总表\n单位：万元\n序号\t收入\t\t支出\t\n\t项目\t预算数\t项目\t预算数\n栏次\t1\t2\t3\t4\n1\t一、一般公共预算拨款收入\t538.08\t六、科学技术支出\t1798.30\n2\t三、国有资本经营预算拨款收入\t564.00\t\t\n3\t本年收入合计\t1102.08\t本年支出合计\t1798.30\n4\t上年结转结余\t696.22\t年终结转结余\t\n5\t收入总计\t1798.30\t支出总计\t1798.30\n"
    };
}

macro_rules! expenditure_table {
    () => {
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t1798.30\t536.08\t1262.22\n"
    };
}

macro_rules! basic_table {
    () => {
        "部门预算一般公共预算财政拨款基本支出表\n单位：万元\n序号\t支出部门经济分类科目\t\t一般公共预算基本支出\t\t\n\t科目编码\t科目名称\t合计\t人员经费\t公用经费\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t536.08\t505.10\t30.98\n"
    };
}

macro_rules! three_table {
    () => {
        "部门预算财政拨款“三公”经费支出表\n单位：万元\n序号\t项目\t合计\t一般公共预算财政拨款\n栏次\t1\t2\t3\n1\t“三公”经费小计\t1.50\t1.50\n2\t一、因公出国（境）费\t\t\n3\t二、公务用车购置及运维费\t1.50\t1.50\n4\t其中：公务用车购置费\t\t\n5\t公务用车运行维护费\t1.50\t1.50\n6\t三、公务接待费\t\t\n"
    };
}

macro_rules! procurement_table {
    () => {
        "部门政府采购预算\n单位：万元\n项目名称\t预算资金\t采购物品名称\t合计\t一般公共预算拨款\n合计\t\t\t3.50\t3.50\n"
    };
}

macro_rules! soe_table {
    () => {
        "部门预算国有资本经营预算财政拨款支出表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t1128.00\t\t1128.00\n"
    };
}

macro_rules! procurement_items_table {
    () => {
        "部门政府采购预算\n单位：万元\n项目名称\t预算资金\t采购物品名称\t政府采购目录序号\t合计\t一般公共预算拨款\n合计\t\t\t\t3.50\t3.50\n公用经费一\t6.90\t车辆维修和保养服务\tC23120301\t1.50\t1.50\n公用经费一\t3.00\t其他印刷服务\tC23090199\t2.00\t2.00\n"
    };
}

macro_rules! assets_table {
    () => {
        "部门固定资产占用情况表\n项 目\t数量\t价值（金额单位：万元）\n1、车辆（台、辆）\t1\t12.00\n2、其他固定资产\t225\t68.64\n"
    };
}

macro_rules! explanation {
    () => {
        "邯山区某局 2025 年部门预算信息公开情况说明\n"
    };
}

macro_rules! overview {
    () => {
        "二、部门预算安排的总体情况\n"
    };
}

// ---------------------------------------------------------------------------------------------------
// Reading the explanation.

/// The ids of [`BUDGET_SECTIONS`], followed by `extra` ids, as one list (written once for both lists).
macro_rules! budget_sections {
    ($($extra:literal),*) => {
        &["", "preamble", "overview", "admin_running", "three_public", "procurement", "assets", "other", $($extra),*]
    };
}

/// Sections whose amounts describe the budget itself (not performance targets, duties or definitions).
const BUDGET_SECTIONS: &[&str] = budget_sections!();

/// Sections of performance targets, where numbers are targets rather than budget figures.
const TARGET_SECTIONS: &[&str] = &["overall_performance", "special_funds", "project_performance"];

static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?)\s*(万元|元|万)").expect("amount pattern")
});
static CHANGE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(增加|减少|增长|下降|降低|上升|压减|增|减)了?约?$").expect("change tail"));
static CHANGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(增加|减少|增长|下降|降低|上升|增|减)了?\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:[.．]\d+)?)\s*(万元|元|万)",
        r"(?:\s*[（(，,]\s*(?:同比)?(增加|减少|增长|下降|降低|上升)?\s*(-?\d+(?:[.．]\d+)?)\s*[%％]\s*[）)]?)?"
    ))
    .expect("change pattern")
});

fn is_boundary(c: char) -> bool {
    matches!(c, '，' | ',' | '。' | '；' | ';' | '：' | ':' | '、' | '\n' | '！' | '？' | '!' | '?')
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// Text without whitespace or quotation marks, for keyword tests: a part of `s` when they are only at its
/// ends (as the space before a stated amount), a new string only otherwise.
fn key(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    // The kept runs of characters, between dropped ones: the first is borrowed, and a string is made
    // only for a second, copying each run at once. Only ASCII and characters led by 0xC2, 0xE1, 0xE2 or
    // 0xE3 can be whitespace or quotes, and no continuation byte is one of those, so the scan may step
    // byte by byte.
    let mut first: Option<&str> = None;
    let mut out: Option<String> = None;
    let mut keep = |from: usize, to: usize| {
        if from == to {
            return;
        }
        let part = &s[from..to];
        match (&mut out, first) {
            (Some(o), _) => o.push_str(part),
            (None, Some(f)) => {
                let mut o = String::with_capacity(s.len());
                o.push_str(f);
                o.push_str(part);
                out = Some(o);
            }
            (None, None) => first = Some(part),
        }
    };
    let (mut run, mut i) = (0, 0);
    while i < b.len() {
        let drop = match b[i] {
            x @ 0..=0x7f => usize::from(x == b'"' || x == b'\'' || x.is_ascii_whitespace() || x == 0x0b),
            0xC2 | 0xE1..=0xE3 => {
                let c = s[i..].chars().next().unwrap_or('x');
                if c.is_whitespace() || matches!(c, '“' | '”' | '‘' | '’') {
                    c.len_utf8()
                } else {
                    0
                }
            }
            _ => 0,
        };
        if drop == 0 {
            i += 1;
            continue;
        }
        keep(run, i);
        i += drop;
        run = i;
    }
    keep(run, b.len());
    let key = match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(first.unwrap_or("")),
    };
    debug_assert_eq!(
        key,
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\''))
            .collect::<String>()
    );
    key
}

fn has<'a>(s: impl Hay<'a>, words: &[&str]) -> bool {
    words.iter().any(|w| contains(s, w))
}

/// `haystack.contains(needle)` without the searcher set-up that dominates on the short subjects and
/// clauses tested here (a byte match of UTF-8 text is a character match). Candidates are found by the
/// needle's last byte: in Chinese text a continuation byte recurs far less often than a lead byte.
fn contains<'a>(haystack: impl Hay<'a>, needle: &str) -> bool {
    haystack.may_hold(needle) && find(haystack.text(), needle).is_some()
}

/// What [`contains`] and [`has`] search: a text, or a [`Subject`], which rules most words out unsearched.
trait Hay<'a>: Copy {
    fn text(self) -> &'a str;
    /// False only when `needle` is surely not in the text.
    fn may_hold(self, _needle: &str) -> bool {
        true
    }
}

impl<'a> Hay<'a> for &'a str {
    fn text(self) -> &'a str {
        self
    }
}

/// The subject of a stated amount ([`key`] of the words before it), with the set of its characters'
/// last bytes: the classifiers test each subject for dozens of words, most of them absent, and a word
/// whose last byte is not in the set is absent without a search.
#[derive(Clone)]
pub(crate) struct Subject<'a> {
    text: Cow<'a, str>,
    /// Bit `c & 63` for every character `c` of two or more bytes (whose last byte is `0x80 | c & 63`).
    ends: u64,
}

impl<'a> Subject<'a> {
    fn new(text: Cow<'a, str>) -> Subject<'a> {
        let ends = text.chars().filter(|c| !c.is_ascii()).fold(0, |m, c| m | 1 << (c as u32 & 63));
        Subject { text, ends }
    }
}

impl std::ops::Deref for Subject<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl<'a> Hay<'a> for &'a Subject<'_> {
    fn text(self) -> &'a str {
        &self.text
    }
    fn may_hold(self, needle: &str) -> bool {
        // (a match ends where a character of the text ends: with the needle's last byte)
        match needle.as_bytes().last() {
            Some(&b) if b >= 0x80 => self.ends & 1 << (b & 63) != 0,
            _ => true,
        }
    }
}

/// `haystack.find(needle)`, found as [`contains`] finds it (candidates in order, so the first is the
/// leftmost).
fn find(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    let Some((&last, init)) = n.split_last() else { return Some(0) };
    if h.len() < n.len() {
        return None;
    }
    memchr::memchr_iter(last, &h[init.len()..]).find(|&j| h[j..j + init.len()] == *init)
}

/// The byte offset just after the last boundary mark in `text[..end]`, not before `floor`.
fn clause_start(text: &str, floor: usize, end: usize) -> usize {
    text[floor..end].char_indices().rfind(|(_, c)| is_boundary(*c)).map_or(floor, |(i, c)| floor + i + c.len_utf8())
}

/// The byte offset of the first boundary mark in `text[start..]` (or the end).
fn clause_end(text: &str, start: usize) -> usize {
    text[start..].char_indices().find(|(_, c)| is_boundary(*c)).map_or(text.len(), |(i, _)| start + i)
}

fn unit_of(s: &str) -> Unit {
    if s == "元" {
        Unit::Yuan
    } else {
        Unit::WanYuan
    }
}

/// An amount stated in the explanation.
#[derive(Clone)]
pub(crate) struct Mention<'a> {
    /// The number and unit as printed, e.g. `1798.3 万元`.
    printed: &'a str,
    /// Where the printed amount ends in its text (byte offset).
    end: usize,
    value: Money,
    decimals: u8,
    unit: Unit,
    /// The subject words before the number (no whitespace, no quotation marks).
    subject: Subject<'a>,
    /// Sign of the change word right before the number (`增加` +1, `减少` −1), if any.
    change: Option<i64>,
    /// Whether the subject compares with last year (`较`, `同比`, …).
    compared: bool,
    /// Whether the subject names a classification line (`（项）`, `（款）`, `科目`), not a total.
    line_item: bool,
}

impl Mention<'_> {
    fn ulp(&self) -> i64 {
        self.unit.ulp(self.decimals)
    }
}

/// The amounts stated in each explanation paragraph of `sections` (all when empty), computed once per
/// document; a paragraph without a digit states none, and is passed over before its section is compared.
fn stated_amounts<'b, 'a>(
    cx: &'b Ctx<'a>,
    sections: &'b [&'b str],
) -> impl Iterator<Item = (&'a Section, &'a Loc, &'b [Mention<'a>])> + 'b {
    stated_in_texts(cx, sections).map(|(t, found)| (t.sec, t.loc, found))
}

/// [`stated_amounts`] with the paragraph each list is from.
fn stated_in_texts<'b, 'a>(
    cx: &'b Ctx<'a>,
    sections: &'b [&'b str],
) -> impl Iterator<Item = (&'b Text<'a>, &'b [Mention<'a>])> + 'b {
    let texts = all_texts(cx);
    let cells = cx.cache.mentions.get_or_init(|| texts.iter().map(|_| std::cell::OnceCell::new()).collect());
    // The texts come section by section: whether a section is wanted is asked once, not per text.
    let mut wanted: Option<(&Section, bool)> = None;
    let mut in_sections = move |sec: &'a Section| match wanted {
        Some((s, w)) if std::ptr::eq(s, sec) => w,
        _ => {
            let w = sections.is_empty() || sections.contains(&sec.id.as_str());
            wanted = Some((sec, w));
            w
        }
    };
    texts
        .iter()
        .zip(cells)
        .filter(move |(t, _)| !t.heading && t.facts & DIGIT != 0 && in_sections(t.sec))
        .map(|(t, cell)| (t, cell.get_or_init(|| mentions(t.text)).as_slice()))
}

/// Every `X 万元` / `X 元` / `X 万` in `text` that states money: the whole match, the number, the unit
/// and the parsed amount.
fn amounts(text: &str) -> impl Iterator<Item = (Span<'_>, Span<'_>, Unit, Money, u8)> {
    amount_matches(text).filter_map(move |all| {
        // the groups of AMOUNT: the number is the match's leading run of number characters, the unit its tail
        let m = all.as_str();
        let num_len = m.find(|c: char| c.is_whitespace() || c == '万' || c == '元').unwrap_or(m.len());
        let num = Span { start: all.start(), text: &m[..num_len] };
        let unit = if m.ends_with("万元") {
            "万元"
        } else if m.ends_with('元') {
            "元"
        } else {
            "万"
        };
        if text[..num.start()]
            .chars()
            .next_back()
            .is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '．' | '０'..='９'))
        {
            return None;
        }
        // `5 万人次` is a count, not money.
        if unit == "万" && text[all.end()..].chars().next().is_some_and(is_han) {
            return None;
        }
        let u = unit_of(unit);
        let (value, decimals) = Money::parse(num.as_str(), u).ok()?;
        Some((all, num, u, value, decimals))
    })
}

/// Every `X 万元` / `X 元` / `X 万` in `text`, with its subject.
fn mentions(text: &str) -> Vec<Mention<'_>> {
    let mut out: Vec<Mention> = Vec::new();
    let mut prev_end = 0;
    for (all, num, u, value, decimals) in amounts(text) {
        let floor = prev_end.min(num.start());
        let mut from = clause_start(text, floor, num.start());
        let mut subject = key(&text[from..num.start()]);
        let filler = |s: &str| s.chars().all(|c| matches!(c, '为' | '共' | '计' | '合' | '约' | '达' | '是'));
        // `车辆 1 辆，价值 12.00 万元`: a bare 价值 is the value of what the clause before names.
        let bare_value = |s: &str| {
            let s = s.trim_end_matches(['为', '共', '计', '约', '达', '是']);
            matches!(s, "价值" | "原值" | "净值" | "金额" | "账面价值" | "账面原值" | "资产价值")
        };
        if (filler(&subject) || bare_value(&subject)) && from > floor {
            let before = text[..from].char_indices().next_back().map_or(floor, |(i, _)| i.max(floor));
            from = clause_start(text, floor, before);
            subject = key(&text[from..num.start()]);
        }
        let subject = Subject::new(subject);
        let change = change_tail(&subject);
        let compared = has(&subject, &["较", "比上年", "与上年", "同比", "去年"]);
        let line_item = contains(&subject, "（项）") || contains(&subject, "（款）") || contains(&subject, "科目");
        let end = all.end();
        out.push(Mention {
            printed: all.as_str(),
            end,
            value,
            decimals,
            unit: u,
            subject,
            change,
            compared,
            line_item,
        });
        prev_end = all.end();
    }
    out
}

/// A matched number or amount: its offset and text.
struct Span<'a> {
    start: usize,
    text: &'a str,
}

impl<'a> Span<'a> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.start + self.text.len()
    }
    fn as_str(&self) -> &'a str {
        self.text
    }
}

/// The matches of [`AMOUNT`] in `text`, as `AMOUNT.find_iter` finds them, without running the pattern
/// over the whole text. A match ends with its unit (`万元`, `元`, `万`), and what comes before the unit
/// holds neither 万 nor 元: so each 万 or 元 is taken in turn with the run before it of characters a
/// number and its spaces may hold, and the match ending there, if any, starts at the first place in that
/// run from which the rest of the run is a number and spaces (there is one end: `万元` when it can).
/// A run of ASCII (nearly all) is read by hand; any other goes to the pattern.
fn amount_matches(text: &str) -> impl Iterator<Item = Span<'_>> {
    let b = text.as_bytes();
    let mut from = 0;
    // `万` is E4 B8 87 and `元` E5 85 83: candidates by their last bytes
    memchr::memchr2_iter(0x87, 0x83, b).filter_map(move |i| {
        let u = (i + 1).checked_sub(3)?;
        if u < from || !(b[u..=i] == *"万".as_bytes() || b[u..=i] == *"元".as_bytes()) {
            return None;
        }
        let end = if text[u..].starts_with("万元") { u + 6 } else { u + 3 };
        // spaces, and before them what a number may hold (`\d` is wider than ASCII, as `is_numeric` is)
        let number = text[from..u].trim_end_matches(char::is_whitespace);
        let run = from + number.trim_end_matches(|c: char| c.is_numeric() || matches!(c, ',' | '.' | '．' | '-')).len();
        let start = if text[run..u].is_ascii() {
            (run..u).find(|&s| ascii_number(&b[s..u]))?
        } else {
            run + AMOUNT.find(&text[run..end])?.start()
        };
        from = end;
        Some(Span { start, text: &text[start..end] })
    })
}

/// Whether ASCII `s` is wholly `-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*` (what [`AMOUNT`] matches
/// before its unit).
fn ascii_number(s: &[u8]) -> bool {
    let digits = |t: &[u8]| !t.is_empty() && t.iter().all(u8::is_ascii_digit);
    // (the ASCII characters of `\s`: `is_ascii_whitespace` leaves out the vertical tab)
    let s = &s[..s.iter().rposition(|c| !matches!(c, b'\t'..=b'\r' | b' ')).map_or(0, |k| k + 1)];
    let s = s.strip_prefix(b"-").unwrap_or(s);
    let (int, frac) = match s.iter().position(|&c| c == b'.') {
        Some(k) => (&s[..k], Some(&s[k + 1..])),
        None => (s, None),
    };
    if frac.is_some_and(|f| !digits(f)) {
        return false;
    }
    if !int.contains(&b',') {
        return digits(int);
    }
    let mut groups = int.split(|&c| c == b',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g))
}

/// The direction of a change word ending `subject` (`(增加|减少|…|增|减)了?约?$`), if any.
fn change_tail(subject: &str) -> Option<i64> {
    let s = subject.strip_suffix('约').unwrap_or(subject);
    let s = s.strip_suffix('了').unwrap_or(s);
    const WORDS: &[&str] = &["增加", "减少", "增长", "下降", "降低", "上升", "压减", "增", "减"];
    let found = WORDS.iter().find(|w| s.ends_with(*w)).map(|w| direction(w));
    debug_assert_eq!(found, CHANGE_TAIL.captures(subject).map(|c| direction(&c[1])));
    found
}

/// +1 for words of increase, −1 for words of decrease.
fn direction(word: &str) -> i64 {
    if word.starts_with('增') || word == "上升" {
        1
    } else {
        -1
    }
}

/// A stated change: `减少 232.87 万元（11.5%）`.
pub(crate) struct Change<'a> {
    /// Byte offset of the direction word.
    start: usize,
    end: usize,
    word: &'a str,
    sign: i64,
    printed: &'a str,
    value: Money,
    decimals: u8,
    unit: Unit,
    /// The percent: its own direction word, its value, its decimals, as printed.
    pct: Option<(Option<&'a str>, f64, u8, &'a str)>,
}

impl Change<'_> {
    fn signed(&self) -> Money {
        Money(self.sign * self.value.0)
    }
    fn ulp(&self) -> i64 {
        self.unit.ulp(self.decimals)
    }
}

/// A printed percent (`11.46`, full-width `１１．４６`) and its decimals.
fn percent(printed: &str) -> Option<(f64, u8)> {
    let ascii: String = printed
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            _ => c,
        })
        .collect();
    let decimals = ascii.split_once('.').map_or(0, |(_, d)| d.len() as u8);
    Some((ascii.parse().ok()?, decimals))
}

fn changes(text: &str) -> Vec<Change<'_>> {
    // Every direction word of CHANGE holds one of these; most sentences hold none.
    if !has(text, &["增", "减", "降", "升"]) {
        return Vec::new();
    }
    CHANGE
        .find_iter(text)
        .filter_map(|all| {
            let g = change_groups(all.as_str());
            let at = |r: &std::ops::Range<usize>| &text[all.start() + r.start..all.start() + r.end];
            let num = at(&g.num);
            let unit = unit_of(at(&g.unit));
            let (value, decimals) = Money::parse(num, unit).ok()?;
            let pct = g.pct.and_then(|(word, p)| {
                let p = at(&p);
                let (v, d) = percent(p)?;
                Some((word, v, d, p))
            });
            Some(Change {
                start: all.start(),
                end: all.end(),
                word: g.word,
                sign: direction(g.word),
                printed: at(&(g.num.start..g.unit.end)),
                value,
                decimals,
                unit,
                pct,
            })
        })
        .collect()
}

/// The groups of a match of [`CHANGE`], as byte ranges of the match where they are not words.
#[derive(Debug, PartialEq)]
struct ChangeGroups<'a> {
    word: &'a str,
    num: std::ops::Range<usize>,
    unit: std::ops::Range<usize>,
    /// The percent's own direction word, if any, and its number.
    pct: Option<(Option<&'a str>, std::ops::Range<usize>)>,
}

/// The groups of `m`, a whole match of [`CHANGE`], read from it: capturing them with the pattern costs a
/// backtracking search per match. The pattern parses a match one way only (no direction word but 增 and
/// 减 starts another, the number holds no space, 万 or 元, the unit is `万元` whenever it can be), so the
/// groups are read in its order.
fn change_groups(m: &str) -> ChangeGroups<'_> {
    const WORDS: [&str; 8] = ["增加", "减少", "增长", "下降", "降低", "上升", "增", "减"];
    // past `\s*` from `at`
    let spaces = |at: usize| m.len() - m[at..].trim_start().len();
    let upto = |at: usize, stop: &dyn Fn(char) -> bool| m[at..].find(stop).map_or(m.len(), |k| at + k);
    let word = WORDS.into_iter().find(|w| m.starts_with(w)).unwrap_or("");
    let at = spaces(word.len() + if m[word.len()..].starts_with('了') { '了'.len_utf8() } else { 0 });
    let num = at..upto(at, &|c| c.is_whitespace() || c == '万' || c == '元');
    let u = spaces(num.end);
    let unit = u..u + if m[u..].starts_with("万元") { "万元".len() } else { "元".len() };
    // the percent group, whenever the match goes on past the unit
    let pct = (unit.end < m.len()).then(|| {
        let at = spaces(unit.end);
        // the bracket or comma
        let at = spaces(at + m[at..].chars().next().map_or(0, char::len_utf8));
        let at = if m[at..].starts_with("同比") { at + "同比".len() } else { at };
        let word = WORDS[..6].iter().copied().find(|w| m[at..].starts_with(w));
        let at = spaces(at + word.map_or(0, str::len));
        (word, at..upto(at, &|c| c.is_whitespace() || c == '%' || c == '％'))
    });
    ChangeGroups { word, num, unit, pct }
}

/// Whether a paragraph compares with an earlier year.
fn compares(text: &str) -> bool {
    has(text, &["上年", "去年", "较", "比", "同比", "相比", "增减"])
}

/// The sentences of a paragraph as byte ranges (ending after `。`, `！`, `？`).
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    // `。` is led by the byte 0xE3, `！` and `？` by 0xEF: the ideographs between them are skipped unread.
    for i in memchr::memchr2_iter(0xE3, 0xEF, text.as_bytes()) {
        if let Some(mark) = ["。", "！", "？"].into_iter().find(|m| text[i..].starts_with(m)) {
            out.push((start, i + mark.len()));
            start = i + mark.len();
        }
    }
    if start < text.len() {
        out.push((start, text.len()));
    }
    out
}

/// A heading or paragraph of the explanation, with which of the [`text_facts`] characters it holds.
pub(crate) struct Text<'a> {
    sec: &'a Section,
    text: &'a str,
    loc: &'a Loc,
    heading: bool,
    facts: u8,
    /// Counts of the paired marks for N020: [“ ”] [（( ）)] [【 】].
    pairs: [[usize; 2]; 3],
}

/// An ASCII digit, or a character that may be another decimal digit (regex `\d` is Unicode).
const DIGIT: u8 = 1;
/// Something every [`RESIDUE`] match holds: one of its characters (`原因`, `填` after `处`, `请`, `【` or
/// `（`), or a bracket right after `增`, `加` or `少` (as in `增加（减少）`: the common 增 and 减 alone
/// would pass most paragraphs).
const RESIDUE_CHAR: u8 = 2;
/// `我` or `本` followed by `单` or `部` (how a document calls itself: 我单位, 本部门).
const SELF_CHAR: u8 = 4;
/// Two punctuation marks in a row that [`DOUBLED`] may list.
const PUNCT_PAIR: u8 = 8;
/// Exactly what [`compares`] looks for.
const COMPARES: u8 = 16;
/// `19` or `20`, which every match of [`YEAR`], [`YEAR_NO_NIAN`] and [`COMPARED_YEAR`] holds: most texts
/// with digits hold no year, and are not searched for one.
const CENTURY: u8 = 32;

/// What [`text_facts`] does on a character it looks at.
#[derive(Clone, Copy, Debug)]
enum Look {
    /// not looked at
    Pass,
    /// `Ｘ`, `＊`, `…`: [`RESIDUE_CHAR`]
    Residue,
    /// `因`: [`RESIDUE_CHAR`] after `原`
    Yin,
    /// `填`: [`RESIDUE_CHAR`] after `处`, `请`, `【`, `（`
    Tian,
    /// `减`: [`COMPARES`] after `增`
    Jian,
    /// `我`, `本`: [`SELF_CHAR`] before `单` or `部`
    SelfWord,
    /// `年`: [`COMPARES`] after `上` or `去`
    Nian,
    /// `较`, `比`: [`COMPARES`]
    Compares,
    /// `。`, `、`, `，`, `；`: [`PUNCT_PAIR`] after a mark
    Mark,
    /// `“`, `（`, `【`: the opening mark of pair `k` of [`Text::pairs`], counted
    Open(u8),
    /// `”`, `）`, `】`: the closing mark of pair `k`, counted
    Close(u8),
    /// a full-width digit: [`DIGIT`]
    Digit,
}

/// The characters [`text_facts`] looks at, with what it does on each.
const LOOKED_AT: [(char, Look); 31] = [
    ('填', Look::Tian),
    ('因', Look::Yin),
    ('Ｘ', Look::Residue),
    ('＊', Look::Residue),
    ('…', Look::Residue),
    ('减', Look::Jian),
    ('我', Look::SelfWord),
    ('本', Look::SelfWord),
    ('年', Look::Nian),
    ('较', Look::Compares),
    ('比', Look::Compares),
    ('。', Look::Mark),
    ('、', Look::Mark),
    ('，', Look::Mark),
    ('；', Look::Mark),
    ('“', Look::Open(0)),
    ('”', Look::Close(0)),
    ('（', Look::Open(1)),
    ('）', Look::Close(1)),
    ('【', Look::Open(2)),
    ('】', Look::Close(2)),
    ('０', Look::Digit),
    ('１', Look::Digit),
    ('２', Look::Digit),
    ('３', Look::Digit),
    ('４', Look::Digit),
    ('５', Look::Digit),
    ('６', Look::Digit),
    ('７', Look::Digit),
    ('８', Look::Digit),
    ('９', Look::Digit),
];

/// [`NEAR`]'s entry for the rows set whole.
const WHOLE: u8 = u8::MAX;

/// Characters by their first two bytes: 0 where the character needs no look, else the row of [`LOOKS`]
/// for its last byte. Row `k` < 16 holds the three-byte characters led by `0xE0 | k`: where a character of
/// [`LOOKED_AT`] starts with those two bytes the entry is set (most ideographs and punctuation marks start
/// otherwise, and are passed without decoding them); the rows of the blocks that are neither ideographs
/// nor CJK punctuation (`Other` below) are set whole ([`WHOLE`]). Row 16, set whole, is every other first
/// byte's (ASCII, the leads of two and four bytes; see [`ROW`]). One look-up and one branch per
/// character: a dispatch on the lead byte first would be a branch the processor cannot predict in
/// Chinese text.
static NEAR: [[u8; 256]; 17] = {
    let mut t = [[0; 256]; 17];
    let mut rows = 0;
    let mut i = 0;
    while i < LOOKED_AT.len() {
        let c = LOOKED_AT[i].0 as u32;
        // every one is encoded in three bytes: 1110xxxx 10yyyyyy 10zzzzzz
        let e = &mut t[((c >> 12) & 0x0f) as usize][(0x80 | ((c >> 6) & 0x3f)) as usize];
        if *e == 0 {
            rows += 1;
            *e = rows;
        }
        i += 1;
    }
    assert!(rows as usize == LOOKS.len() - 1);
    let mut lead = 0;
    while lead < 16 {
        let x = 0xe0 | lead as u8;
        if !is_ideograph_lead(x) && !matches!(x, 0xe2 | 0xe3 | 0xef) {
            t[lead] = [WHOLE; 256];
        }
        lead += 1;
    }
    t[16] = [WHOLE; 256];
    t
};

/// What to do on a character of [`LOOKED_AT`], by its row of [`NEAR`] and its last byte's low six bits:
/// one look-up and one jump instead of decoding the character and comparing it with each.
static LOOKS: [[Look; 64]; 12] = {
    let mut t = [[Look::Pass; 64]; 12];
    let mut i = 0;
    while i < LOOKED_AT.len() {
        let (c, look) = LOOKED_AT[i];
        let c = c as u32;
        let row = NEAR[((c >> 12) & 0x0f) as usize][(0x80 | ((c >> 6) & 0x3f)) as usize];
        t[row as usize][(c & 0x3f) as usize] = look;
        i += 1;
    }
    t
};

/// The row of [`NEAR`] for a character's first byte.
static ROW: [u8; 256] = {
    let mut t = [16; 256];
    let mut x = 0xe0;
    while x < 0xf0 {
        t[x] = (x & 0x0f) as u8;
        x += 1;
    }
    t
};

/// [`NEAR`] by a character's first two bytes read as one little-endian `u16`: the pass's test is one
/// load of two bytes and one look-up, with no row to find first.
static NEAR2: [u8; 1 << 16] = {
    let mut t = [0; 1 << 16];
    let mut i = 0;
    while i < t.len() {
        t[i] = NEAR[ROW[i & 0xff] as usize][i >> 8];
        i += 1;
    }
    t
};

/// Whether a character of three bytes starting with `x` is in a block of ideographs (lead bytes
/// 0xE4–0xE9; 0xE2, 0xE3 and 0xEF lead the CJK punctuation, the other leads every block that holds
/// decimal digits other than the full-width ones).
const fn is_ideograph_lead(x: u8) -> bool {
    x >= 0xe4 && x <= 0xe9
}

/// The UTF-8 bytes of a character of three bytes.
const fn utf8_3(c: char) -> [u8; 3] {
    let c = c as u32;
    [0xe0 | (c >> 12) as u8, 0x80 | ((c >> 6) & 0x3f) as u8, 0x80 | (c & 0x3f) as u8]
}

/// Whether the character ending at byte `at` of `b` is one of `chars` (of three bytes each): a character
/// looked at asks for the one before it this way, so that the pass need not carry it along.
fn after(b: &[u8], at: usize, chars: &[[u8; 3]]) -> bool {
    at >= 3 && chars.iter().any(|c| b[at - 3..at] == *c)
}

/// Whether the character after the one of three bytes at byte `at` of `b` is one of `chars`.
fn followed_by(b: &[u8], at: usize, chars: &[[u8; 3]]) -> bool {
    b.get(at + 3..at + 6).is_some_and(|next| chars.iter().any(|c| next == c))
}

/// One pass over a text for the characters some rules need, so that a rule skips a text that
/// cannot match instead of running its pattern on it; it also counts N020's paired marks. Works on
/// the UTF-8 bytes: most characters are passed by their first two bytes.
fn text_facts(text: &str) -> (u8, [[usize; 2]; 3]) {
    const MARKS: [[u8; 3]; 5] = [utf8_3('。'), utf8_3('，'), utf8_3('、'), utf8_3('；'), utf8_3('：')];
    // what an opening bracket of a RESIDUE match follows
    const CHANGE_ENDS: [[u8; 3]; 3] = [utf8_3('增'), utf8_3('加'), utf8_3('少')];
    let residue_bracket = |b: &[u8], at: usize| if after(b, at, &CHANGE_ENDS) { RESIDUE_CHAR } else { 0 };
    let b = text.as_bytes();
    let mut f = 0;
    let mut pairs = [[0usize; 2]; 3];
    let mut i = 0;
    // each byte's next byte
    let next = b.get(1..).unwrap_or_default();
    loop {
        // Only entries of three-byte characters are clear: ideographs and CJK punctuation, nearly every
        // character of a text. (A last byte of its own is ASCII, looked at below.)
        while i < next.len() && NEAR2[usize::from(u16::from_le_bytes([b[i], next[i]]))] == 0 {
            i += 3;
        }
        // A row of LOOKS is a three-byte ideograph or CJK mark, looked at at once; the rest (the rows set
        // whole, or the last byte) is told by its lead byte.
        let row = next.get(i).map_or(WHOLE, |&y| NEAR2[usize::from(u16::from_le_bytes([b[i], y]))]);
        let Some(&x) = b.get(i) else { break };
        if row != WHOLE {
            // (a character of three bytes)
        } else if x & 0xf0 == 0xe0 {
            // a block that is neither ideographs nor CJK punctuation
            f |= DIGIT | RESIDUE_CHAR;
            i += 3;
            continue;
        } else if x < 0x80 {
            // a run of ASCII (numbers, spaces, tabs) at once
            while let Some(&x) = b.get(i).filter(|x| x.is_ascii()) {
                match x {
                    b'0'..=b'9' => {
                        f |= DIGIT;
                        if i > 0 && matches!((b[i - 1], x), (b'1', b'9') | (b'2', b'0')) {
                            f |= CENTURY;
                        }
                    }
                    b'X' | b'x' => f |= RESIDUE_CHAR,
                    b'(' => {
                        pairs[1][0] += 1;
                        f |= residue_bracket(b, i);
                    }
                    b')' => pairs[1][1] += 1,
                    _ => {}
                }
                i += 1;
            }
            continue;
        } else {
            // `×`, and every block that holds decimal digits other than the full-width ones
            f |= DIGIT | RESIDUE_CHAR;
            i += if x < 0xe0 { 2 } else { 4 };
            continue;
        }
        let at = i;
        i += 3;
        match LOOKS[usize::from(row)][usize::from(b[at + 2] & 0x3f)] {
            Look::Pass => {}
            Look::Residue => f |= RESIDUE_CHAR,
            Look::Yin if after(b, at, &[utf8_3('原')]) => f |= RESIDUE_CHAR,
            Look::Tian if after(b, at, &[utf8_3('处'), utf8_3('请'), utf8_3('【'), utf8_3('（')]) => {
                f |= RESIDUE_CHAR
            }
            Look::Jian if after(b, at, &[utf8_3('增')]) => f |= COMPARES,
            Look::SelfWord if followed_by(b, at, &[utf8_3('单'), utf8_3('部')]) => f |= SELF_CHAR,
            Look::Nian if after(b, at, &[utf8_3('上'), utf8_3('去')]) => f |= COMPARES,
            Look::Compares => f |= COMPARES,
            Look::Mark if after(b, at, &MARKS) => f |= PUNCT_PAIR,
            Look::Open(k) => {
                pairs[usize::from(k)][0] += 1;
                if k == 1 {
                    f |= residue_bracket(b, at);
                }
            }
            Look::Close(k) => pairs[usize::from(k)][1] += 1,
            Look::Digit => f |= DIGIT,
            Look::Yin | Look::Tian | Look::Jian | Look::SelfWord | Look::Nian | Look::Mark => {}
        }
    }
    (f, pairs)
}

/// Headings and paragraphs of every section holding any of the characters `need` (all when 0), for
/// wording rules.
fn texts<'b, 'a>(cx: &'b Ctx<'a>, need: u8) -> impl Iterator<Item = (&'a Section, &'a str, &'a Loc)> + 'b {
    all_texts(cx).iter().filter(move |t| need == 0 || t.facts & need != 0).map(|t| (t.sec, t.text, t.loc))
}

fn all_texts<'b, 'a>(cx: &'b Ctx<'a>) -> &'b [Text<'a>] {
    cx.cache.texts.get_or_init(|| {
        // Sized up front: a heading and its paragraphs per section (growing it copies the texts again).
        let mut v = Vec::with_capacity(cx.doc.sections.iter().map(|s| 1 + s.paragraphs.len()).sum());
        for sec in &cx.doc.sections {
            let text = sec.heading.as_str();
            let (facts, pairs) = text_facts(text);
            v.push(Text { sec, text, loc: &sec.loc, heading: true, facts, pairs });
            for p in &sec.paragraphs {
                let text = p.text.as_str();
                let (facts, pairs) = text_facts(text);
                v.push(Text { sec, text, loc: &p.loc, heading: false, facts, pairs });
            }
        }
        debug_assert!(v
            .iter()
            .all(|t| t.facts & RESIDUE_CHAR != 0 || !RESIDUE.is_match(t.text) && !contains(t.text, "原因")));
        debug_assert!(v
            .iter()
            .all(|t| t.facts & SELF_CHAR != 0 || !has(t.text, &["我单位", "本单位", "我部门", "本部门"])));
        v
    })
}

/// Every text of [`all_texts`] in one string, each followed by a NUL, with where each starts: one search
/// of a pattern holding no NUL (so that no match spans two texts) covers them all, instead of one search
/// and its set-up per text.
pub(crate) struct Joined {
    text: String,
    starts: Vec<usize>,
}

/// The matches of `re` (which must not match a NUL) in every text of [`all_texts`], in order: the text's
/// index and the match's byte range in that text.
fn matches_in_texts<'b>(cx: &'b Ctx, re: &'b Regex) -> impl Iterator<Item = (usize, std::ops::Range<usize>)> + 'b {
    let joined = cx.cache.joined.get_or_init(|| {
        let texts = all_texts(cx);
        let mut text = String::with_capacity(texts.iter().map(|t| t.text.len() + 1).sum());
        let mut starts = Vec::with_capacity(texts.len());
        for t in texts {
            starts.push(text.len());
            text.push_str(t.text);
            text.push('\0');
        }
        Joined { text, starts }
    });
    let mut k = 0;
    re.find_iter(&joined.text).map(move |m| {
        while joined.starts.get(k + 1).is_some_and(|&s| s <= m.start()) {
            k += 1;
        }
        let at = joined.starts[k];
        (k, m.start() - at..m.end() - at)
    })
}

/// Marks a wording rule evaluated when there is any explanation; says why not otherwise.
fn has_explanation(cx: &Ctx, sink: &mut Sink) -> bool {
    if cx.doc.sections.is_empty() {
        sink.not_evaluated("文件中没有情况说明");
        return false;
    }
    sink.evaluated();
    true
}

/// The clause around a byte range, for messages (cut to about 16 characters either side).
fn excerpt(text: &str, start: usize, end: usize) -> String {
    let from = clause_start(text, 0, start);
    let to = clause_end(text, end);
    let from = text[from..start].char_indices().rev().nth(15).map_or(from, |(i, _)| from + i);
    let to = text[end..to].char_indices().nth(16).map_or(to, |(i, _)| end + i);
    text[from..to].trim().to_string()
}

// ---------------------------------------------------------------------------------------------------
// Stated amounts against the tables.

/// Where a topic's figure is printed: candidate (table kind, row role, column id); the first whose
/// table, row and column exist is used. Role `*` sums the column over all rows.
type Want = &'static [(&'static str, &'static str, &'static str)];

/// The figure a [`Want`] points to, with its table.
fn resolve<'a>(cx: &Ctx<'a>, want: Want) -> Option<(Money, &'a Table)> {
    for &(kind, role, col) in want {
        let Some(t) = cx.doc.table(kind) else { continue };
        if t.col(col).is_none() {
            continue;
        }
        if role == "*" {
            if t.rows.is_empty() {
                continue;
            }
            return Some((t.rows.iter().map(|r| t.value(r, col)).sum(), t));
        }
        let Some(r) = t.row_with_role(role) else { continue };
        return Some((t.value(r, col), t));
    }
    None
}

type Classify = fn(&Subject) -> Option<(&'static str, Want)>;

/// How far a stated amount may lie from the printed table figure by rounding alone: nothing when both
/// are printed to the same place; half the table's last place when the prose is more precise; half of
/// both last places when the prose rounds to fewer decimals (`1798 万元` for a printed 1798.30).
fn window(stated_ulp: i64, table_ulp: i64) -> i64 {
    match stated_ulp.cmp(&table_ulp) {
        std::cmp::Ordering::Equal => 0,
        std::cmp::Ordering::Less => table_ulp / 2,
        std::cmp::Ordering::Greater => (stated_ulp + table_ulp) / 2,
    }
}

/// Compares one stated amount with its table figure, at the stated precision.
fn agree(sink: &mut Sink, sec: &Section, loc: &Loc, m: &Mention, label: &str, expected: Money, t: &Table) {
    let window = window(m.ulp(), t.ulp());
    if (m.value - expected).0.abs() <= window {
        sink.evaluated();
        return;
    }
    compare(
        sink,
        || format!("说明中{label}写作“{}”，与“{}”不一致", m.printed, t.title),
        expected,
        m.value,
        2,
        t.unit,
        window,
        || Location::section(&sec.id, loc),
    );
}

/// Runs a topic: every level amount whose subject the classifier recognises is compared with its table.
fn stated(cx: &Ctx, sink: &mut Sink, topic: &str, sections: &'static [&'static str], classify: Classify) {
    stated_with(cx, sink, topic, sections, classify, &agree);
}

/// How a stated amount is judged against its table figure ([`agree`], unless the figure only bounds it).
type Judge<'j> = &'j dyn Fn(&mut Sink, &Section, &Loc, &Mention, &str, Money, &Table);

/// [`stated`], judging each recognised amount with `judge`.
fn stated_with(
    cx: &Ctx,
    sink: &mut Sink,
    topic: &str,
    sections: &'static [&'static str],
    classify: Classify,
    judge: Judge,
) {
    let mut seen = false;
    for (sec, loc, found) in stated_amounts(cx, sections) {
        for m in found {
            // `“…（类）…（款）…（项）”1,623.18万元` states one classification line, not a total.
            if m.change.is_some() || m.compared || m.line_item {
                continue;
            }
            let Some((label, want)) = classify(&m.subject) else { continue };
            seen = true;
            match resolve(cx, want) {
                Some((expected, t)) => judge(sink, sec, loc, m, label, expected, t),
                None => sink.not_evaluated(format!("说明写了{label}，但没有列示它的表格")),
            }
        }
    }
    if !seen {
        sink.not_evaluated(format!("说明中没有写{topic}的金额"));
    }
}

/// [`stated`] for the 人员经费 and 公用经费 of the 基本支出表, which prints 一般公共预算 only. Where the
/// 支出总表's 基本支出 is larger (财政专户 or 单位资金 pay part of it), a figure stated without naming its fund
/// is the department's whole 人员经费 (`基本支出…具体为人员经费支出…`): no table prints it, but it lies between
/// the basic table's figure and that plus the other funds' 基本支出.
fn stated_basic(cx: &Ctx, sink: &mut Sink, topic: &str, classify: Classify) {
    let other_funds = cx.doc.table("expenditure").zip(cx.doc.table("basic")).and_then(|(e, b)| {
        let all = e.value(e.row_with_role("total")?, "basic");
        let general = b.value(b.row_with_role("total")?, "total");
        // Totals of the same lines, the two print alike when every yuan of 基本支出 is 一般公共预算.
        (all > general).then_some((all - general, e))
    });
    let Some((others, e)) = other_funds else {
        return stated(cx, sink, topic, OVERVIEW, classify);
    };
    stated_with(cx, sink, topic, OVERVIEW, classify, &|sink, sec, loc, m, label, expected, t| {
        if has(&m.subject, GENERAL_FUND) {
            return agree(sink, sec, loc, m, label, expected, t);
        }
        let window = Money(window(m.ulp(), t.ulp()) + e.ulp());
        if m.value >= expected - window && m.value <= expected + others + window {
            return sink.not_evaluated(format!(
                "基本支出中有 {} 不是一般公共预算拨款，没有表格分人员经费和公用经费列示它",
                show(others, e.unit)
            ));
        }
        sink.evaluated();
        sink.report(
            format!(
                "说明中{label}写作“{}”，不在“{}”的{label}与它加上其他资金安排的基本支出 {} 之间",
                m.printed,
                t.title,
                show(others, e.unit)
            ),
            Location::section(&sec.id, loc),
        )
        .values(format!("{} ～ {}", show(expected, t.unit), show(expected + others, t.unit)), show(m.value, t.unit));
    });
}

/// Words that name a figure as 一般公共预算 (财政拨款) money.
const GENERAL_FUND: &[&str] = &["一般公共预算", "一般预算", "财政拨款"];

const FUND_WORDS: &[&str] = &[
    "一般公共预算",
    "一般预算",
    "政府性基金",
    "国有资本",
    "财政专户",
    "单位资金",
    "事业收入",
    "经营收入",
    "上级补助",
    "附属单位",
    "其他收入",
    "结转",
    "财政拨款",
];
const OTHER_TOPICS: &[&str] = &["三公", "采购", "资产", "机关运行", "绩效"];
const OVERVIEW: &[&str] = &["", "preamble", "overview"];

fn income_total(s: &Subject) -> Option<(&'static str, Want)> {
    // Most subjects name neither: one test each instead of the word lists below.
    if !contains(s, "收入") && !contains(s, "收支") {
        return None;
    }
    // (the rejecting lists in the order that rejects the explanation's usual subjects soonest)
    if has(s, FUND_WORDS) || has(s, &["基本支出", "项目支出"]) || has(s, OTHER_TOPICS) {
        return None;
    }
    if contains(s, "收支") && has(s, &["安排", "总", "共", "合计"]) {
        return Some(("收支总计", &[("summary", "income.grand_total", "income_amount")]));
    }
    if !contains(s, "收入") || contains(s, "支出") {
        return None;
    }
    if contains(s, "本年收入") {
        return Some(("本年收入合计", &[("summary", "income.year_total", "income_amount")]));
    }
    has(s, &["共", "总", "合计", "全年", "安排"])
        .then_some(("收入总计", &[("summary", "income.grand_total", "income_amount")]))
}

fn fund_source(s: &Subject) -> Option<(&'static str, Want)> {
    if has(s, &["支出", "项目"]) || has(s, OTHER_TOPICS) {
        return None;
    }
    if contains(s, "结转") {
        if has(s, &["年末", "年终"]) || has(s, &["一般公共预算", "政府性基金", "国有资本"]) {
            return None;
        }
        return Some((
            "上年结转",
            &[
                ("summary", "income.carryover", "income_amount"),
                ("fiscal_summary", "income.carryover", "income_amount"),
            ],
        ));
    }
    if has(s, &["一般公共预算", "一般预算"]) {
        return Some((
            "一般公共预算拨款收入",
            &[
                ("summary", "income.general_budget", "income_amount"),
                ("fiscal_summary", "income.general_budget", "income_amount"),
            ],
        ));
    }
    if contains(s, "政府性基金") {
        return Some((
            "政府性基金预算拨款收入",
            &[("summary", "income.gov_fund", "income_amount"), ("fiscal_summary", "income.gov_fund", "income_amount")],
        ));
    }
    if contains(s, "国有资本") {
        return Some((
            "国有资本经营预算拨款收入",
            &[("summary", "income.soe", "income_amount"), ("fiscal_summary", "income.soe", "income_amount")],
        ));
    }
    if contains(s, "财政专户") {
        return Some(("财政专户管理资金收入", &[("summary", "income.special_account", "income_amount")]));
    }
    if contains(s, "单位资金") {
        return Some(("单位资金收入", &[("summary", "income.unit_funds", "income_amount")]));
    }
    if contains(s, "经营收入") {
        return Some(("事业单位经营收入", &[("income", "total", "operating")]));
    }
    if contains(s, "事业收入") {
        return Some(("事业收入", &[("income", "total", "business")]));
    }
    if contains(s, "上级补助") {
        return Some(("上级补助收入", &[("income", "total", "superior")]));
    }
    if contains(s, "附属单位") {
        return Some(("附属单位上缴收入", &[("income", "total", "affiliated")]));
    }
    if contains(s, "其他收入") {
        return Some(("其他收入", &[("income", "total", "other")]));
    }
    if contains(s, "财政拨款") && contains(s, "收入") {
        return Some(("财政拨款收入", &[("income", "total", "fiscal")]));
    }
    None
}

fn expense_total(s: &Subject) -> Option<(&'static str, Want)> {
    // `支出` first: most subjects lack it, and it costs one test against the word lists' twenty-six.
    // (the rejecting lists in the order that rejects the explanation's usual subjects soonest)
    if !contains(s, "支出")
        || has(s, &["基本", "项目", "人员", "公用", "上解", "补助", "经营", "收支"])
        || has(s, FUND_WORDS)
        || has(s, OTHER_TOPICS)
    {
        return None;
    }
    if contains(s, "本年支出") {
        return Some(("本年支出合计", &[("summary", "expense.year_total", "expense_amount")]));
    }
    has(s, &["共", "总", "合计", "全年", "安排"])
        .then_some(("支出总计", &[("summary", "expense.grand_total", "expense_amount")]))
}

fn basic(s: &Subject) -> Option<(&'static str, Want)> {
    if !contains(s, "基本支出") || has(s, &["三公", "项目支出"]) {
        return None;
    }
    // `基本支出中工资福利支出等人员经费 X 万元` states the part named after it, N005's or N006's; both parts
    // named (`基本支出（人员经费和公用经费）`) are the whole.
    let after = &s[s.rfind("基本支出").unwrap_or(0)..];
    if contains(after, "人员经费") != contains(after, "公用经费") {
        return None;
    }
    Some(if has(s, GENERAL_FUND) {
        ("一般公共预算基本支出", &[("general_budget", "total", "basic"), ("basic", "total", "total")])
    } else if contains(s, "政府性基金") {
        ("政府性基金预算基本支出", &[("gov_fund", "total", "basic")])
    } else if contains(s, "国有资本") {
        ("国有资本经营预算基本支出", &[("soe", "total", "basic")])
    } else {
        ("基本支出", &[("expenditure", "total", "basic")])
    })
}

fn project(s: &Subject) -> Option<(&'static str, Want)> {
    if !contains(s, "项目支出") || has(s, &["三公", "基本支出", "绩效"]) {
        return None;
    }
    Some(if has(s, GENERAL_FUND) {
        ("一般公共预算项目支出", &[("general_budget", "total", "project")])
    } else if contains(s, "政府性基金") {
        ("政府性基金预算项目支出", &[("gov_fund", "total", "project")])
    } else if contains(s, "国有资本") {
        ("国有资本经营预算项目支出", &[("soe", "total", "project")])
    } else {
        ("项目支出", &[("expenditure", "total", "project")])
    })
}

/// The 项目支出 total as the project section states it (`共安排项目支出 X 万元，涉及项目 N 个`): a single
/// project's `项目支出` there is not.
fn project_total(s: &Subject) -> Option<(&'static str, Want)> {
    project(s).filter(|_| has(s, &["共", "合计", "总计", "总额", "全部"]))
}

/// A fund's whole spending (`其中国有资本经营预算拨款支出 X 万元`): its 财政拨款支出表's 合计.
fn fund_expense(s: &Subject) -> Option<(&'static str, Want)> {
    if !contains(s, "支出") || has(s, &["基本", "项目", "人员", "公用", "三公", "收入", "结转", "机关运行", "采购"])
    {
        return None;
    }
    if has(s, &["一般公共预算", "一般预算"]) {
        Some(("一般公共预算财政拨款支出", &[("general_budget", "total", "total")]))
    } else if contains(s, "政府性基金") {
        Some(("政府性基金预算财政拨款支出", &[("gov_fund", "total", "total")]))
    } else if contains(s, "国有资本") {
        Some(("国有资本经营预算财政拨款支出", &[("soe", "total", "total")]))
    } else {
        None
    }
}

// (A subject naming both 人员经费 and 公用经费 states their sum, the 基本支出.)
fn personnel(s: &Subject) -> Option<(&'static str, Want)> {
    (contains(s, "人员经费") && !has(s, &["三公", "公用经费"]))
        .then_some(("人员经费", &[("basic", "total", "personnel")]))
}

fn public(s: &Subject) -> Option<(&'static str, Want)> {
    (contains(s, "公用经费") && !has(s, &["机关运行", "三公", "人员经费"]))
        .then_some(("公用经费", &[("basic", "total", "public")]))
}

const THREE_ITEMS: &[&str] = &["出国", "公务用车", "车辆", "接待", "会议费", "培训费", "运行维护", "运维"];

fn three_total(s: &Subject) -> Option<(&'static str, Want)> {
    (contains(s, "三公") && !has(s, THREE_ITEMS)).then_some((
        "“三公”经费",
        &[
            ("three_public", "subtotal", "total"),
            ("three_public", "subtotal", "general"),
            ("three_public", "total", "total"),
            ("three_public", "total", "general"),
        ],
    ))
}

fn three_item(s: &Subject) -> Option<(&'static str, Want)> {
    // Every item's words below hold one of these: most subjects hold none, and are passed in six tests.
    if !has(s, &["出国", "购置", "车", "公务接待", "会议费", "培训费"]) {
        return None;
    }
    if contains(s, "出国") {
        return Some((
            "因公出国（境）费",
            &[("three_public", "abroad", "total"), ("three_public", "abroad", "general")],
        ));
    }
    if has(s, &["购置及运", "购置和运"]) {
        return Some((
            "公务用车购置及运行维护费",
            &[("three_public", "vehicle", "total"), ("three_public", "vehicle", "general")],
        ));
    }
    if has(s, &["公务用车购置", "车辆购置"]) {
        return Some((
            "公务用车购置费",
            &[("three_public", "vehicle.purchase", "total"), ("three_public", "vehicle.purchase", "general")],
        ));
    }
    if has(s, &["公务用车运行", "公务用车运维", "车辆运行"]) {
        return Some((
            "公务用车运行维护费",
            &[("three_public", "vehicle.running", "total"), ("three_public", "vehicle.running", "general")],
        ));
    }
    if contains(s, "公务接待") {
        return Some((
            "公务接待费",
            &[("three_public", "reception", "total"), ("three_public", "reception", "general")],
        ));
    }
    if contains(s, "会议费") {
        return Some(("会议费", &[("three_public", "meeting", "total"), ("three_public", "meeting", "general")]));
    }
    if contains(s, "培训费") {
        return Some(("培训费", &[("three_public", "training", "total"), ("three_public", "training", "general")]));
    }
    None
}

fn procurement(s: &Subject) -> Option<(&'static str, Want)> {
    // `预留中小微企业份额 3.50 万元` names the procurement's share without the word 采购.
    if has(s, &["中小", "小微"]) && (contains(s, "采购") || contains(s, "预留")) {
        return Some(("预留中小企业份额", &[("procurement", "total", "sme")]));
    }
    // `政府采购货物预算 X 万元` is one kind's amount, N032's to compare.
    if !contains(s, "采购") || has(s, &["固定资产", "拟购置"]) || procurement_kind(s).is_some() {
        return None;
    }
    has(s, &["预算", "金额", "安排", "共", "总额", "合计", "资金"])
        .then_some(("政府采购预算", &[("procurement", "total", "total")]))
}

fn assets(s: &Subject) -> Option<(&'static str, Want)> {
    let vehicles = || contains(s, "车辆") && has(s, &["价值", "原值", "净值", "金额"]);
    if !(has(s, &["固定资产", "国有资产", "资产总额", "资产原值", "资产价值"]) || vehicles())
        || has(s, &["购置", "新增", "采购", "处置", "拟"])
    {
        return None;
    }
    Some(if contains(s, "车辆") {
        ("车辆价值", &[("assets", "vehicles", "value")])
    } else if contains(s, "其他固定资产") {
        ("其他固定资产价值", &[("assets", "other_assets", "value")])
    } else {
        ("固定资产金额", &[("assets", "*", "value")])
    })
}

/// N001: the stated income (or 收支) total equals 收入总计 in the 收支总表.
pub static N001: Rule = Rule {
    code: "N001",
    name: "说明中的收入总计与收支总表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“共安排预算收入 X 万元”“预算收支安排 X 万元”（或“本年收入合计”）等于收支总表的收入总计（或本年收入合计）。按说明所写的小数位比较：1798.3 万元与 1798.30 相等。",
    why: "说明是多数读者读的部分；说明与表格的总数不一致，读者无从判断哪个是真的。",
    bad: concat!(title!(), summary_table!(), explanation!(), overview!(), "2025 年部门共安排预算收入 1789.3 万元。\n"),
    good: concat!(title!(), summary_table!(), explanation!(), overview!(), "2025 年部门共安排预算收入 1798.3 万元。\n"),
    basis: "《地方预决算公开操作规程》：公开的预算数据应真实、准确，说明与报表一致。",
    check: |cx, sink| stated(cx, sink, "收入总计", OVERVIEW, income_total),
};

/// N002: each stated fund source equals its income row.
pub static N002: Rule = Rule {
    code: "N002",
    name: "说明中的各项收入与表格一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的一般公共预算、政府性基金、国有资本经营预算拨款收入、事业收入、其他收入和年初（上年）结转，各自等于收支总表（或收入总表合计行）的对应数。",
    why: "收入来源是预算的结构；说明写错某项来源，会误导读者对资金性质的判断。",
    bad: concat!(title!(), summary_table!(), explanation!(), overview!(), "其中：一般公共预算 583.08 万元，国有资本经营预算拨款收入 564 万元。\n"),
    good: concat!(title!(), summary_table!(), explanation!(), overview!(), "其中：一般公共预算 538.08 万元，国有资本经营预算拨款收入 564 万元。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致；部门预算收支总表表样。",
    check: |cx, sink| stated(cx, sink, "收入来源", OVERVIEW, fund_source),
};

/// N003: the stated expense total equals 支出总计.
pub static N003: Rule = Rule {
    code: "N003",
    name: "说明中的支出总计与收支总表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“共安排预算支出 X 万元”（或“本年支出合计”）等于收支总表的支出总计（或本年支出合计）。",
    why: "支出总数是说明的核心数字，与表格不一致即失去可信度。",
    bad: concat!(title!(), summary_table!(), explanation!(), overview!(), "2025 年部门共安排预算支出 1789.3 万元。\n"),
    good: concat!(title!(), summary_table!(), explanation!(), overview!(), "2025 年部门共安排预算支出 1798.3 万元。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致。",
    check: |cx, sink| stated(cx, sink, "支出总计", OVERVIEW, expense_total),
};

/// N004: the stated 基本支出 equals the 支出总表 合计 row.
pub static N004: Rule = Rule {
    code: "N004",
    name: "说明中的基本支出与支出总表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“基本支出 X 万元”等于支出总表合计行的基本支出（写明一般公共预算时，等于一般公共预算财政拨款支出表的基本支出）。",
    why: "基本支出是保运转的钱，说明与表格不一致会让人怀疑人员和运转经费的安排。",
    bad: concat!(title!(), expenditure_table!(), explanation!(), overview!(), "其中：基本支出为 563.08 万元。\n"),
    good: concat!(title!(), expenditure_table!(), explanation!(), overview!(), "其中：基本支出为 536.08 万元。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致。",
    check: |cx, sink| stated(cx, sink, "基本支出", OVERVIEW, basic),
};

/// N005: the stated 人员经费 equals the 基本支出表 合计 row.
pub static N005: Rule = Rule {
    code: "N005",
    name: "说明中的人员经费与基本支出表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“人员经费 X 万元”等于一般公共预算财政拨款基本支出表合计行的人员经费。支出总表的基本支出大于该表合计（财政专户、单位资金等也安排基本支出）时，未写明资金来源的人员经费是全部资金的，没有表格列示：它须在该表的人员经费与其加上其他资金基本支出之间，在此之间为“未评估”。",
    why: "人员经费是社会关注的重点，说明与表格不一致会引起质疑。",
    bad: concat!(title!(), basic_table!(), explanation!(), overview!(), "具体为人员经费支出 550.1 万元。\n"),
    good: concat!(title!(), basic_table!(), explanation!(), overview!(), "具体为人员经费支出 505.1 万元。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致。",
    check: |cx, sink| stated_basic(cx, sink, "人员经费", personnel),
};

/// N006: the stated 公用经费 equals the 基本支出表 合计 row.
pub static N006: Rule = Rule {
    code: "N006",
    name: "说明中的公用经费与基本支出表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“（日常）公用经费 X 万元”等于一般公共预算财政拨款基本支出表合计行的公用经费。支出总表的基本支出大于该表合计（财政专户、单位资金等也安排基本支出）时，未写明资金来源的公用经费是全部资金的，没有表格列示：它须在该表的公用经费与其加上其他资金基本支出之间，在此之间为“未评估”。",
    why: "公用经费决定机关运行成本，说明与表格不一致会误导读者。",
    bad: concat!(title!(), basic_table!(), explanation!(), overview!(), "日常公用经费支出 39.98 万元。\n"),
    good: concat!(title!(), basic_table!(), explanation!(), overview!(), "日常公用经费支出 30.98 万元。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致。",
    check: |cx, sink| stated_basic(cx, sink, "公用经费", public),
};

/// N007: the stated 项目支出 equals the 支出总表 合计 row.
pub static N007: Rule = Rule {
    code: "N007",
    name: "说明中的项目支出与支出总表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary:
        "情况说明写的“项目支出 X 万元”等于支出总表合计行的项目支出（写明资金来源时，等于该来源支出表的项目支出）；项目绩效部分写的“共安排项目支出 X 万元”也是。",
    why: "项目支出反映部门干事的钱，说明与表格不一致会误导读者。",
    bad: concat!(title!(), expenditure_table!(), explanation!(), overview!(), "项目支出 1226.22 万元。\n"),
    good: concat!(title!(), expenditure_table!(), explanation!(), overview!(), "项目支出 1262.22 万元。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致。",
    check: |cx, sink| {
        stated(cx, sink, "项目支出", OVERVIEW, project);
        stated(cx, sink, "项目支出", &["project_performance", "special_funds"], project_total);
    },
};

/// N008: the stated 机关运行经费 is at most the 公用经费, and equals the figure a table prints.
pub static N008: Rule = Rule {
    code: "N008",
    name: "机关运行经费不超过公用经费",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的机关运行经费不超过基本支出表的公用经费；“三公”经费表列有机关运行经费时，两者相等。",
    why: "机关运行经费是用一般公共预算安排的公用经费，超过公用经费说明口径或数字有误。",
    bad: concat!(title!(), basic_table!(), explanation!(), "三、机关运行经费安排情况\n", "机关运行经费共计安排 39.98 万元，主要用于办公费、水费、印刷费等日常运行支出。\n"),
    good: concat!(title!(), basic_table!(), explanation!(), "三、机关运行经费安排情况\n", "机关运行经费共计安排 30.98 万元，主要用于办公费、水费、印刷费等日常运行支出。\n"),
    basis: "财政部关于机关运行经费的口径：为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金，属公用经费。",
    check: |cx, sink| {
        let mut seen = false;
        for (sec, loc, found) in stated_amounts(cx, &["admin_running", "overview", "three_public"]) {
            for m in found {
                if m.change.is_some() || !contains(&m.subject, "机关运行经费") {
                    continue;
                }
                seen = true;
                let printed = cx.doc.table("three_public").and_then(|t| {
                    let r = t.row_with_role("admin_running")?;
                    ["total", "general"].iter().find(|c| t.amount(r, c).is_some()).map(|c| (t, t.value(r, c)))
                });
                if let Some((t, v)) = printed {
                    agree(sink, sec, loc, m, "机关运行经费", v, t);
                    continue;
                }
                let Some((public, t)) = resolve(cx, &[("basic", "total", "public")]) else {
                    sink.not_evaluated("没有基本支出表，无法核对机关运行经费");
                    continue;
                };
                sink.evaluated();
                let window = window(m.ulp(), t.ulp());
                if (m.value - public).0 > window {
                    sink.report(
                        format!("机关运行经费“{}”超过基本支出表的公用经费 {}", m.printed, show(public, t.unit)),
                        Location::section(&sec.id, loc),
                    )
                    .values(format!("≤ {}", show(public, t.unit)), m.printed);
                }
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有写机关运行经费的金额");
        }
    },
};

/// N009: the stated “三公” total equals the “三公” table.
pub static N009: Rule = Rule {
    code: "N009",
    name: "说明中的“三公”经费合计与表格一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“三公”经费预算数等于“三公”经费表的“三公”经费小计（没有小计行时为合计行）。",
    why: "“三公”经费是社会最关注的数字之一，说明与表格不一致会直接引起质疑。",
    bad: concat!(
        title!(),
        three_table!(),
        explanation!(),
        "四、财政拨款“三公”经费预算情况\n",
        "2025 年，我部门“三公”经费预算安排 2.5 万元。\n"
    ),
    good: concat!(
        title!(),
        three_table!(),
        explanation!(),
        "四、财政拨款“三公”经费预算情况\n",
        "2025 年，我部门“三公”经费预算安排 1.5 万元。\n"
    ),
    basis: "财政部关于“三公”经费公开的要求：说明“三公”经费预算总额及增减变化原因，并与表格一致。",
    check: |cx, sink| stated(cx, sink, "“三公”经费合计", &["three_public", "overview"], three_total),
};

/// N010: each stated “三公” item equals its row.
pub static N010: Rule = Rule {
    code: "N010",
    name: "说明中的“三公”经费分项与表格一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的因公出国（境）费、公务用车购置及运行维护费（及其购置费、运行维护费）、公务接待费，各自等于“三公”经费表的对应行。",
    why: "分项不一致说明说明或表格有一处抄错。",
    bad: concat!(title!(), three_table!(), explanation!(), "四、财政拨款“三公”经费预算情况\n", "其中因公出国（境）费 0 万元；公务用车购置及运行维护费 2.5 万元；公务接待费 0 万元。\n"),
    good: concat!(title!(), three_table!(), explanation!(), "四、财政拨款“三公”经费预算情况\n", "其中因公出国（境）费 0 万元；公务用车购置及运行维护费 1.5 万元；公务接待费 0 万元。\n"),
    basis: "财政部关于“三公”经费公开的口径：因公出国（境）费、公务用车购置及运行维护费、公务接待费。",
    check: |cx, sink| stated(cx, sink, "“三公”经费分项", &["three_public", "overview"], three_item),
};

/// N011: the stated procurement budget equals the procurement table's 合计.
pub static N011: Rule = Rule {
    code: "N011",
    name: "说明中的政府采购预算与采购表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的政府采购预算总额（或预留中小企业份额）等于政府采购预算表合计行的合计（或预留份额）。",
    why: "政府采购是公开监督的重点，说明与表格不一致会误导供应商和公众。",
    bad: concat!(
        title!(),
        procurement_table!(),
        explanation!(),
        "八、政府采购预算情况\n",
        "2025 年政府采购预算总额 5.3 万元。\n"
    ),
    good: concat!(
        title!(),
        procurement_table!(),
        explanation!(),
        "八、政府采购预算情况\n",
        "2025 年政府采购预算总额 3.5 万元。\n"
    ),
    basis: "《地方预决算公开操作规程》：部门预算应公开政府采购预算情况。",
    check: |cx, sink| stated(cx, sink, "政府采购预算", &["procurement", "assets", "overview"], procurement),
};

/// N012: the stated fixed-asset value equals the asset table.
pub static N012: Rule = Rule {
    code: "N012",
    name: "说明中的国有资产金额与资产表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary:
        "情况说明写的（上年末）固定资产金额等于固定资产占用情况表价值列之和（写明车辆或其他固定资产时，等于该行）。",
    why: "国有资产占用是公开的内容，说明与表格不一致说明其中一处有误。",
    bad: concat!(
        title!(),
        assets_table!(),
        explanation!(),
        "九、国有资产信息\n",
        "上年末固定资产金额为 68.64 万元。\n"
    ),
    good: concat!(
        title!(),
        assets_table!(),
        explanation!(),
        "九、国有资产信息\n",
        "上年末固定资产金额为 80.64 万元。\n"
    ),
    basis: "《地方预决算公开操作规程》：部门预算应公开国有资产占用情况。",
    check: |cx, sink| stated(cx, sink, "国有资产", &["assets"], assets),
};

/// N031: a fund's stated spending equals its 财政拨款支出表.
pub static N031: Rule = Rule {
    code: "N031",
    name: "说明中分资金来源的支出与其支出表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的“一般公共预算（财政拨款）支出 X 万元”“政府性基金预算拨款支出 X 万元”“国有资本经营预算拨款支出 X 万元”（如“项目支出 1262.22 万元（其中国有资本经营预算拨款支出 1128 万元）”）等于该资金的财政拨款支出表合计行的合计。写明基本支出或项目支出的，由基本支出、项目支出的规则比较。",
    why: "分资金来源的支出是读者了解钱从哪里来的依据，说明与该资金的支出表不一致，说明其中一处有误。",
    bad: concat!(title!(), soe_table!(), explanation!(), overview!(), "项目支出 1262.22 万元（其中国有资本经营预算拨款支出 1182 万元）。\n"),
    good: concat!(title!(), soe_table!(), explanation!(), overview!(), "项目支出 1262.22 万元（其中国有资本经营预算拨款支出 1128 万元）。\n"),
    basis: "《地方预决算公开操作规程》：说明应与报表一致。",
    check: |cx, sink| stated(cx, sink, "分资金来源的支出", OVERVIEW, fund_expense),
};

/// The 政府采购 kind a stated amount names (`货物类 X 万元`), by the first letter of the 政府采购目录序号.
/// (`货物类`, `其中：工程类`, `政府采购服务预算`; not `政府购买服务`, which is no kind of procurement.)
fn procurement_kind(s: &str) -> Option<(&'static str, char)> {
    if s.chars().count() > 12 || contains(s, "购买服务") {
        return None;
    }
    let mut kinds = [("货物", 'A'), ("工程", 'B'), ("服务", 'C')].into_iter().filter(|(word, _)| contains(s, word));
    let found = kinds.next()?;
    kinds.next().is_none().then_some(found)
}

/// N032: 货物/工程/服务 amounts stated for the 政府采购 equal the procurement table's items of that kind.
pub static N032: Rule = Rule {
    code: "N032",
    name: "说明中的政府采购分类金额与采购表一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明写的政府采购“货物类 X 万元、工程类 Y 万元、服务类 Z 万元”分别等于政府采购预算表中政府采购目录序号以 A（货物）、B（工程）、C（服务）开头的采购明细的合计之和。",
    why: "采购分类金额说明钱买什么；与采购明细不符，说明分类或金额有一处写错。",
    bad: concat!(title!(), procurement_items_table!(), explanation!(), "八、政府采购预算情况\n", "2025 年政府采购预算 3.5 万元，其中：货物类 1.5 万元，服务类 2 万元。\n"),
    good: concat!(title!(), procurement_items_table!(), explanation!(), "八、政府采购预算情况\n", "2025 年政府采购预算 3.5 万元，其中：货物类 0 万元，服务类 3.5 万元。\n"),
    basis: "《政府采购品目分类目录》：A 货物、B 工程、C 服务。",
    check: |cx, sink| {
        let Some(t) = cx.doc.table("procurement") else {
            sink.not_evaluated("文件中没有政府采购预算表");
            return;
        };
        let (Some(catalog), Some(total)) = (t.col("catalog_no"), t.col("total")) else {
            sink.not_evaluated("政府采购预算表没有政府采购目录序号或合计列");
            return;
        };
        let kind_sum = |letter: char| -> Money {
            t.rows
                .iter()
                .filter(|r| r.text_at(Some(catalog)).trim_start().starts_with(letter))
                .map(|r| r.value_at(Some(total)))
                .sum()
        };
        let mut seen = false;
        for (sec, loc, found) in stated_amounts(cx, &["procurement"]) {
            for m in found.iter().filter(|m| m.change.is_none() && !m.compared) {
                let Some((word, letter)) = procurement_kind(&m.subject) else { continue };
                seen = true;
                agree(sink, sec, loc, m, &format!("政府采购{word}类"), kind_sum(letter), t);
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有写货物、工程、服务类政府采购的金额");
        }
    },
};

// ---------------------------------------------------------------------------------------------------
// Changes against last year.

/// A change in a sentence, with the change it is part of (after `其中`).
pub(crate) struct Node<'a> {
    change: Change<'a>,
    parent: Option<usize>,
    children: Vec<usize>,
}

/// The changes of one sentence as a tree: a `其中` after a change opens its parts; parts of a part end
/// at the next `；` (so do the parts of a part in a sentence that opens with `其中`).
fn change_tree(sentence: &str) -> Vec<Node<'_>> {
    enum Tok {
        Change(usize),
        Level,
        Qizhong,
        Semicolon,
    }
    let mut nodes: Vec<Node> =
        changes(sentence).into_iter().map(|change| Node { change, parent: None, children: vec![] }).collect();
    if nodes.is_empty() {
        return nodes;
    }
    let mut toks: Vec<(usize, Tok)> = nodes.iter().enumerate().map(|(i, n)| (n.change.start, Tok::Change(i))).collect();
    // Where the amounts start (as `mentions` finds them, without building their subjects).
    for start in amounts(sentence).map(|(_, num, ..)| num.start()) {
        if !nodes.iter().any(|n| n.change.start <= start && start < n.change.end) {
            toks.push((start, Tok::Level));
        }
    }
    toks.extend(sentence.match_indices("其中").map(|(i, _)| (i, Tok::Qizhong)));
    toks.extend(sentence.match_indices(['；', ';']).map(|(i, _)| (i, Tok::Semicolon)));
    toks.sort_by_key(|t| t.0);
    // open groups: (the change they break down, closes at `；`)
    let mut groups: Vec<(Option<usize>, bool)> = Vec::new();
    let mut last: Option<Option<usize>> = None;
    for (_, tok) in toks {
        match tok {
            Tok::Semicolon => {
                while groups.last().is_some_and(|g| g.1) {
                    groups.pop();
                }
            }
            Tok::Qizhong => match last {
                // A part's own parts close at the next `；`, which separates the parts around it.
                Some(opener) => {
                    let nested = !groups.is_empty() || opener.is_none_or(|i| nodes[i].parent.is_some());
                    groups.push((opener, nested));
                }
                // `。其中：A…；B…` lists the parts of a change in the sentence before: A and B are parts.
                None => groups.push((None, false)),
            },
            Tok::Level => last = Some(None),
            Tok::Change(i) => {
                if let Some(p) = groups.last().and_then(|g| g.0) {
                    nodes[i].parent = Some(p);
                    nodes[p].children.push(i);
                }
                last = Some(Some(i));
            }
        }
    }
    nodes
}

/// Every paragraph that compares with last year, with its sentences' change trees.
/// A paragraph with its sentences' change trees (sentence offset, nodes).
pub(crate) type ChangeParagraph<'a> = (&'a Section, &'a str, &'a Loc, Vec<(usize, Vec<Node<'a>>)>);

fn change_paragraphs<'b, 'a>(cx: &'b Ctx<'a>) -> &'b [ChangeParagraph<'a>] {
    cx.cache.change_paragraphs.get_or_init(|| compute_change_paragraphs(cx))
}

fn compute_change_paragraphs<'a>(cx: &Ctx<'a>) -> Vec<ChangeParagraph<'a>> {
    // A change needs a number: paragraphs without a digit have no change tree.
    all_texts(cx)
        .iter()
        .filter(|t| !t.heading && BUDGET_SECTIONS.contains(&t.sec.id.as_str()))
        .filter(|t| t.facts & DIGIT != 0 && t.facts & COMPARES != 0)
        .map(|&Text { sec: s, text, loc, .. }| {
            debug_assert!(compares(text));
            let trees: Vec<(usize, Vec<Node>)> = sentences(text)
                .into_iter()
                .map(|(a, b)| (a, change_tree(&text[a..b])))
                .filter(|(_, t)| !t.is_empty())
                .collect();
            (s, text, loc, trees)
        })
        .filter(|p| !p.3.is_empty())
        .collect()
}

/// N013: the direction of a change is stated once and consistently.
pub static N013: Rule = Rule {
    code: "N013",
    name: "增减方向用词一致",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "“增加/减少/增长/下降 X 万元（Y%）”中，方向只用一次且前后一致：不写“减少 -5 万元”这样的双重否定，金额与幅度的方向词不相反，同一分句不同时写“持平”或“无增减”与非零的增减额。",
    why: "方向自相矛盾时读者无法知道预算是增是减。",
    bad: concat!(title!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算增加 232.87 万元（下降 11.5%），主要原因是项目减少。\n"),
    good: concat!(title!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元（下降 11.5%），主要原因是项目减少。\n"),
    basis: "预算说明的通行写法：增减变化写明方向、金额和幅度。",
    check: |cx, sink| {
        let paras = change_paragraphs(cx);
        if paras.is_empty() {
            sink.not_evaluated("说明中没有与上年比较的增减金额");
            return;
        }
        for (sec, text, loc, trees) in paras {
            for (offset, nodes) in trees.iter().map(|(o, n)| (*o, n)) {
                for n in nodes {
                    sink.evaluated();
                    let c = &n.change;
                    // The place and the excerpt are made only for a finding (most changes have none).
                    let at = || Location::section(&sec.id, loc);
                    let shown = || excerpt(text, offset + c.start, offset + c.end);
                    if c.value.0 < 0 {
                        sink.report(format!("“{}”：方向词“{}”后又写负数，含义不明", shown(), c.word), at());
                        continue;
                    }
                    if let Some((w, v, _, _)) = c.pct {
                        if v < 0.0 {
                            sink.report(format!("“{}”：幅度写成负数，与方向词重复", shown()), at());
                        } else if let Some(w) = w.filter(|w| direction(w) != c.sign) {
                            sink.report(format!("“{}”：金额“{}”而幅度“{w}”，方向相反", shown(), c.word), at());
                        }
                    }
                    let sentence = &text[offset..];
                    let from = clause_start(sentence, 0, c.start);
                    let to = clause_end(sentence, c.end);
                    let clause = &sentence[from..to];
                    if c.value.0 != 0 && has(clause, &["持平", "无增减", "不变"]) {
                        sink.report(format!("“{}”：既写增减额又写持平或无增减", clause.trim()), at());
                    }
                }
            }
        }
    },
};

/// The current-year figure a change refers to: the table figure of the change's own subject, or of the
/// amount stated before it in the sentence, or that stated amount. Value and its ulp.
fn current_of(cx: &Ctx, sentence: &str, c: &Change) -> Option<(Money, i64)> {
    let classifiers: [Classify; 8] =
        [income_total, expense_total, basic, project, personnel, public, three_total, three_item];
    let from = clause_start(sentence, 0, c.start);
    let subject = Subject::new(key(&sentence[from..c.start]));
    for f in classifiers {
        if let Some((_, want)) = f(&subject) {
            if let Some((v, t)) = resolve(cx, want) {
                return Some((v, t.ulp()));
            }
        }
    }
    let before = mentions(&sentence[..c.start]);
    let m = before.iter().rev().find(|m| m.change.is_none())?;
    for f in classifiers {
        if let Some((_, want)) = f(&m.subject) {
            if let Some((v, t)) = resolve(cx, want) {
                return Some((v, t.ulp()));
            }
        }
    }
    Some((m.value, m.ulp()))
}

/// N014: the stated percent agrees with the stated change and the current figure.
pub static N014: Rule = Rule {
    code: "N014",
    name: "增减幅度与增减额相符",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "同时写了增减额 X 和幅度 Y% 时，Y ≈ X ÷（本年数 − X）× 100，按说明所写的小数位和金额的舍入范围比较。本年数取说明所指项目的表格数（如收支总计），找不到时取句中先写的金额。",
    why: "幅度算错会夸大或缩小变化，读者据此得出错误结论。",
    bad: concat!(title!(), summary_table!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元（下降 15.2%），主要原因是项目减少。\n"),
    good: concat!(title!(), summary_table!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元（下降 11.5%），主要原因是项目减少。\n"),
    basis: "增减幅度 = 增减额 ÷ 上年数 × 100%。",
    check: |cx, sink| {
        let mut seen = false;
        for (sec, text, loc, trees) in change_paragraphs(cx) {
            for (offset, nodes) in trees.iter().map(|(o, n)| (*o, n)) {
                let sentence = &text[offset..];
                for n in nodes {
                    let c = &n.change;
                    let Some((_, pv, pd, pp)) = c.pct else { continue };
                    let Some((current, culp)) = current_of(cx, sentence, c) else { continue };
                    let x = c.signed().0 as f64;
                    let cur = current.0 as f64;
                    let prev = cur - x;
                    if prev <= 0.0 {
                        continue;
                    }
                    seen = true;
                    sink.evaluated();
                    let expected = x / prev * 100.0;
                    let psign = c.pct.and_then(|p| p.0).map_or(c.sign, direction) as f64;
                    let stated = psign * pv;
                    let ex = c.ulp() as f64 / 2.0;
                    let ec = culp as f64 / 2.0;
                    let tol = 0.5 * 10f64.powi(-(pd as i32)) + 100.0 * (ex / prev + x.abs() * (ec + ex) / (prev * prev));
                    if (stated - expected).abs() > tol + 1e-9 {
                        sink.report(
                            format!(
                                "“{}”：按增减额 {} 与本年数 {} 计算，幅度应为 {:.2}%，说明写作 {}%",
                                excerpt(text, offset + c.start, offset + c.end),
                                c.printed,
                                show(current, Unit::WanYuan),
                                expected.abs(),
                                pp
                            ),
                            Location::section(&sec.id, loc),
                        )
                        .values(format!("{:.2}%", expected.abs()), format!("{pp}%"));
                    }
                }
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有同时写增减额和增减幅度的句子");
        }
    },
};

/// N015: a total change equals the sum of its stated parts.
pub static N015: Rule = Rule {
    code: "N015",
    name: "分项增减之和等于总增减",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "“较上年减少 X 万元，其中：A 减少 a 万元，B 增加 b 万元”这样写了总增减和两个以上分项时，各分项按方向带符号相加等于总增减（分项之下再列“其中”的也逐级核对）。",
    why: "分项相加不等于总数，说明某个增减额抄错或漏列了分项。",
    bad: concat!(title!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元，其中：基本支出减少 55.59 万元，主要是人员退休；项目支出减少 187.28 万元，主要原因是上年一次性项目结束。\n"),
    good: concat!(title!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元，其中：基本支出减少 55.59 万元，主要是人员退休；项目支出减少 177.28 万元，主要原因是上年一次性项目结束。\n"),
    basis: "总增减 = 各分项增减之和。",
    check: |cx, sink| {
        let mut seen = false;
        for (sec, text, loc, trees) in change_paragraphs(cx) {
            for (offset, nodes) in trees.iter().map(|(o, n)| (*o, n)) {
                for n in nodes {
                    if n.children.len() < 2 {
                        continue;
                    }
                    seen = true;
                    let parts: Money = n.children.iter().map(|&i| nodes[i].change.signed()).sum();
                    let ulp = n.children.iter().map(|&i| nodes[i].change.ulp()).chain([n.change.ulp()]).max().unwrap_or(1);
                    let c = &n.change;
                    compare(
                        sink,
                        || format!(
                            "“{}”与其后 {} 个分项增减之和不符",
                            excerpt(text, offset + c.start, offset + c.end),
                            n.children.len()
                        ),
                        parts,
                        c.signed(),
                        n.children.len() + 1,
                        c.unit,
                        ulp,
                        || Location::section(&sec.id, loc),
                    );
                }
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有列出分项的总增减");
        }
    },
};

static COMPARED_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:较|比|与|同比|相比)\s*((?:19|20)\d{2})\s*年").expect("compared year"));

/// N016: the year compared with is the year before the budget year.
pub static N016: Rule = Rule {
    code: "N016",
    name: "比较年度为上一年度",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "“较（比、与）YYYY 年”比较的年度是预算年度的上一年。",
    why: "预算说明的增减变化是与上年比较；年份写错，比较的对象就错了。",
    bad: concat!(
        title!(),
        explanation!(),
        overview!(),
        "2025 年预算收支安排 1798.3 万元，较 2023 年预算减少 232.87 万元，主要原因是上年一次性项目结束。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        overview!(),
        "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元，主要原因是上年一次性项目结束。\n"
    ),
    basis: "《地方预决算公开操作规程》：部门预算应说明与上年相比的增减变化情况。",
    check: |cx, sink| {
        let Some(year) = cx.doc.meta.year else {
            sink.not_evaluated("不知道文件的预算年度");
            return;
        };
        let mut seen = false;
        let dated = all_texts(cx).iter().filter(|t| !t.heading && t.facts & CENTURY != 0);
        for &Text { sec, text, loc, .. } in dated {
            for m in COMPARED_YEAR.find_iter(text) {
                // the year group: the comparing word and the spaces before it hold no ASCII digit
                let at = m.as_str().find(|c: char| c.is_ascii_digit()).unwrap_or(0);
                let Ok(y) = year_digits(&m.as_str()[at..]).parse::<u16>() else { continue };
                seen = true;
                sink.evaluated();
                if y + 1 != year {
                    sink.report(
                        format!("“{}”：{year} 年预算应与 {} 年比较", m.as_str().trim(), year - 1),
                        Location::section(&sec.id, loc),
                    )
                    .values(format!("{} 年", year - 1), format!("{y} 年"));
                }
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有写明比较的年度");
        }
    },
};

const REASONS: &[&str] = &["原因", "主要是", "主要为", "由于", "因为", "用于", "主要系", "系因", "是因"];

/// N017: every change states its reason.
pub static N017: Rule = Rule {
    code: "N017",
    name: "增减变化说明原因",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "与上年比较的每个非零增减额都写明原因（主要原因是、主要是、由于、用于……），写在该增减额的同一句或其后到下一个增减额之前；总增减已分项说明原因的，不必再写。",
    why: "预算公开要求说明增减变化的原因；只列数字不说原因，读者无法判断变化是否合理。",
    bad: concat!(title!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元，其中：基本支出减少 55.59 万元，主要是人员退休工资等费用减少；项目支出减少 177.28 万元。\n"),
    good: concat!(title!(), explanation!(), overview!(), "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元，其中：基本支出减少 55.59 万元，主要是人员退休工资等费用减少；项目支出减少 177.28 万元，主要原因是上年一次性项目结束。\n"),
    basis: "《地方预决算公开操作规程》：部门预算应对本部门收支增减变化情况作出说明；“三公”经费应说明增减变化原因。",
    check: |cx, sink| {
        let paras = change_paragraphs(cx);
        if paras.is_empty() {
            sink.not_evaluated("说明中没有与上年比较的增减金额");
            return;
        }
        for (sec, text, loc, trees) in paras {
            // A reason stated in its own paragraph of the section (`…增加的主要原因是…`, `各项有增有减，主要是…`,
            // `变动原因：…`) covers it.
            // (The section's paragraphs as the shared pass saw them: one holds `原因` only if marked RESIDUE_CHAR.)
            let reasons = |t: &Text| {
                let p = t.text;
                t.facts & RESIDUE_CHAR != 0 && has(p, &["主要原因", "原因是", "原因为", "原因：", "原因:"])
                    || (has(p, &["增减", "有增有减", "变化"]) && has(p, &["主要是", "主要系", "由于", "因为", "系因"]))
            };
            let texts = all_texts(cx);
            let heading = texts.iter().position(|t| std::ptr::eq(t.sec, *sec)).unwrap_or(texts.len());
            let paragraphs = texts.get(heading + 1..heading + 1 + sec.paragraphs.len()).unwrap_or_default();
            debug_assert!(paragraphs.len() == sec.paragraphs.len()
                && paragraphs.iter().zip(&sec.paragraphs).all(|(t, p)| std::ptr::eq(t.text, p.text.as_str())));
            if paragraphs.iter().any(reasons) {
                sink.evaluated();
                continue;
            }
            // every change of the paragraph, in order, with its absolute position
            let all: Vec<(usize, usize)> = trees
                .iter()
                .flat_map(|(off, nodes)| nodes.iter().map(move |n| (off + n.change.start, off + n.change.end)))
                .collect();
            let own = |start: usize, end: usize| {
                let next = all.iter().map(|a| a.0).filter(|&s| s >= end).min().unwrap_or(text.len());
                let from = clause_start(text, 0, start);
                has(&text[end..next], REASONS) || has(&text[from..start], REASONS)
            };
            // The walks below ask about a change again and again: each answer is kept.
            let owns: Vec<Vec<std::cell::OnceCell<bool>>> =
                trees.iter().map(|(_, nodes)| nodes.iter().map(|_| std::cell::OnceCell::new()).collect()).collect();
            let own_at = |k: usize, i: usize| {
                *owns[k][i].get_or_init(|| {
                    let (off, nodes) = (&trees[k].0, &trees[k].1);
                    let c = &nodes[i].change;
                    c.value.0 == 0 || own(off + c.start, off + c.end)
                })
            };
            fn down(nodes: &[Node], i: usize, own: &dyn Fn(usize) -> bool) -> bool {
                own(i) || (!nodes[i].children.is_empty() && nodes[i].children.iter().all(|&k| down(nodes, k, own)))
            }
            // `…增加 3119.99 万元。其中：A…，主要是…；B…，主要是…`: a sentence opening with 其中 lists the parts of
            // the total before it, whose reason covers them, and which they explain when each has one.
            let parts = |k: usize| trees.get(k).is_some_and(|(off, _)| text[*off..].trim_start().starts_with("其中"));
            let roots = |k: usize| (0..trees[k].1.len()).filter(move |&i| trees[k].1[i].parent.is_none());
            let reasoned_parts = |k: usize| parts(k) && roots(k).all(|i| down(&trees[k].1, i, &|j| own_at(k, j)));
            let mut total_reasoned = false;
            for (k, (off, nodes)) in trees.iter().enumerate() {
                sink.evaluated();
                let inherited = total_reasoned && parts(k);
                let explained = reasoned_parts(k + 1);
                let own_n = |i: usize| own_at(k, i);
                let up = |mut i: usize| loop {
                    if own_n(i) {
                        break true;
                    }
                    match nodes[i].parent {
                        Some(p) => i = p,
                        None => break inherited || explained,
                    }
                };
                let mut todo: Vec<usize> = roots(k).collect();
                while let Some(i) = todo.pop() {
                    if down(nodes, i, &own_n) || up(i) {
                        continue;
                    }
                    if nodes[i].parent.is_none() && !nodes[i].children.is_empty() {
                        todo.extend(nodes[i].children.iter().copied());
                        continue;
                    }
                    let c = &nodes[i].change;
                    sink.report(
                        join!("“", excerpt(text, off + c.start, off + c.end), "”没有说明增减原因"),
                        Location::section(&sec.id, loc),
                    );
                }
                total_reasoned = inherited || roots(k).any(own_n);
            }
        }
    },
};

// ---------------------------------------------------------------------------------------------------
// Years.

static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*(年?)").expect("year"));

/// The `(?:19|20)\d{2}` a match of [`YEAR`], [`YEAR_NO_NIAN`] or [`COMPARED_YEAR`] holds at the start of
/// `s`: its first four characters (`\d` may be a digit of another script), found without captures.
fn year_digits(s: &str) -> &str {
    &s[..s.char_indices().nth(4).map_or(s.len(), |(i, _)| i)]
}

/// The matches of `re`, which opens with `((?:19|20)\d{2})` and goes on with what `tail` reads (the
/// length it matches after the year's digits; None where it cannot match), as `re.find_iter` finds them.
/// The years are found by hand from their ASCII `19` or `20`; a text where a year's digits may be of
/// another script goes to the pattern. Into `out`, cleared first (one list for all the texts searched).
fn year_matches<'t>(text: &'t str, re: &Regex, tail: fn(&str) -> Option<usize>, out: &mut Vec<Span<'t>>) {
    let b = text.as_bytes();
    out.clear();
    let mut from = 0;
    for p in memchr::memchr2_iter(b'1', b'2', b) {
        if p < from || !matches!(b.get(p..p + 2), Some(b"19" | b"20")) {
            continue;
        }
        let mut digits = text[p + 2..].chars();
        let (c1, c2) = (digits.next(), digits.next());
        let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let other = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() && c.is_numeric());
        if other(c1) || ascii(c1) && other(c2) {
            out.clear();
            out.extend(re.find_iter(text).map(|m| Span { start: m.start(), text: m.as_str() }));
            return;
        }
        if !(ascii(c1) && ascii(c2)) {
            continue;
        }
        let Some(n) = tail(&text[p + 4..]) else { continue };
        from = p + 4 + n;
        out.push(Span { start: p, text: &text[p..from] });
    }
}

/// What [`YEAR`] matches after the year's digits: `\s*(年?)`.
fn year_tail(rest: &str) -> Option<usize> {
    let t = rest.trim_start();
    Some(rest.len() - t.len() + if t.starts_with('年') { '年'.len_utf8() } else { 0 })
}

/// What [`YEAR_NO_NIAN`] matches after the year's digits: `[ \t\u{3000}]*(\S)`.
fn no_nian_tail(rest: &str) -> Option<usize> {
    let t = rest.trim_start_matches([' ', '\t', '\u{3000}']);
    let c = t.chars().next().filter(|c| !c.is_whitespace())?;
    Some(rest.len() - t.len() + c.len_utf8())
}

/// Whether the digits at `start..end` stand alone (not part of a longer number or code).
fn standalone(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '－'))
        && !after.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '/' | '－' | '%' | '％'))
}

/// N018: the years mentioned fit the budget year.
pub static N018: Rule = Rule {
    code: "N018",
    name: "年份与预算年度相符",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "情况说明的标题、引言和总体情况中写的预算年度（“YYYY 年部门预算”“YYYY 年部门共安排”）等于文件的预算年度；说明中不出现晚于预算年度下一年的年份。",
    why: "年份写错多是套用往年模板未改，读者会怀疑整份说明是否更新。",
    bad: concat!(title!(), "邯山区某局 2024 年部门预算信息公开情况说明\n", "现将 2024 年部门预算公开如下：\n"),
    good: concat!(title!(), explanation!(), "现将 2025 年部门预算公开如下：\n"),
    basis: "《地方预决算公开操作规程》：公开内容应真实、准确。",
    check: |cx, sink| {
        let Some(year) = cx.doc.meta.year else {
            sink.not_evaluated("不知道文件的预算年度");
            return;
        };
        if !has_explanation(cx, sink) {
            return;
        }
        let mut years = Vec::new();
        for (sec, text, loc) in texts(cx, CENTURY) {
            let intro = matches!(sec.id.as_str(), "preamble" | "overview");
            year_matches(text, &YEAR, year_tail, &mut years);
            for all in &years {
                let y = year_digits(all.as_str());
                let y_end = all.start() + y.len();
                if !standalone(text, all.start(), y_end) {
                    continue;
                }
                let Ok(v) = y.parse::<u16>() else { continue };
                // (made only for a finding: most years are fine)
                let at = || Location::section(&sec.id, loc);
                // the `年?` group is not empty exactly when the match ends with it
                if v > year + 1 && all.as_str().ends_with('年') {
                    sink.report(format!("“{}”：晚于预算年度 {year} 年的下一年", excerpt(text, all.start(), all.end())), at())
                        .values(format!("≤ {} 年", year + 1), format!("{v} 年"));
                    continue;
                }
                if !intro || v == year {
                    continue;
                }
                let before = key(&text[text[..all.start()].char_indices().rev().nth(2).map_or(0, |(i, _)| i)..all.start()]);
                if has(&*before, &["较", "比", "与", "上", "截至", "截止"]) {
                    continue;
                }
                let after = key(&text[all.end()..]);
                let after = after.strip_prefix('度').unwrap_or(&after);
                let budget = ["部门预算", "预算", "部门共安排", "共安排", "单位预算", "单位共安排", "部门收支", "收支预算"];
                if budget.iter().any(|b| after.starts_with(b)) {
                    sink.report(
                        format!("“{}”：写的预算年度与文件的 {year} 年不符", excerpt(text, all.start(), all.end())),
                        at(),
                    )
                    .values(format!("{year} 年"), format!("{v} 年"));
                }
            }
        }
    },
};

static YEAR_NO_NIAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})[ \t\u{3000}]*(\S)").expect("year"));

/// Characters after a four-digit number that make it a count or a year written properly.
const AFTER_NUMBER_OK: &str =
    "年届版号期度人个家元万亿件次项户台辆平米亩吨名所座套份条篇天小分余多张册场种批本位千百公克间栋辆㎡";

/// N021: a year is followed by 年.
pub static N021: Rule = Rule {
    code: "N021",
    name: "年份后缺“年”字",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "说明中预算年度前后的四位年份后面紧跟“年”（或“年度”），不写成“2025 部门共安排”“2025 全区”。绩效目标中的同类写法记为提示。",
    why: "缺“年”字是录入疏漏，读起来像一个数字，正式公开文件不应出现。",
    bad: concat!(title!(), explanation!(), overview!(), "2025 部门共安排预算支出 1798.3 万元。\n"),
    good: concat!(title!(), explanation!(), overview!(), "2025 年部门共安排预算支出 1798.3 万元。\n"),
    basis: "《党政机关公文格式》（GB/T 9704）及公文写作规范：年份写全“××××年”。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        let year = cx.doc.meta.year.unwrap_or(2025);
        let mut years = Vec::new();
        for (sec, text, loc) in texts(cx, CENTURY) {
            year_matches(text, &YEAR_NO_NIAN, no_nian_tail, &mut years);
            for m in &years {
                // the groups: the year opens the match, the `\S` character ends it
                let y = year_digits(m.as_str());
                let Ok(v) = y.parse::<u16>() else { continue };
                if v + 3 < year || v > year + 3 || !standalone(text, m.start(), m.start() + y.len()) {
                    continue;
                }
                let ch = m.as_str().chars().next_back().unwrap_or(' ');
                if !is_han(ch) || AFTER_NUMBER_OK.contains(ch) {
                    continue;
                }
                let msg = format!("“{}”：年份 {v} 后缺“年”字", excerpt(text, m.start(), m.end()));
                let at = Location::section(&sec.id, loc);
                if TARGET_SECTIONS.contains(&sec.id.as_str()) {
                    sink.report_as(N021.code, Severity::Info, msg, at);
                } else {
                    sink.report(msg, at);
                }
            }
        }
    },
};

// ---------------------------------------------------------------------------------------------------
// Wording.

static RESIDUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"[Xx]{2,}|ＸＸ|××|＊＊＊|",
        r"增加[（(]减少[）)]|增[（(]减[）)]|减少[（(]增加[）)]|",
        r"(?:主要原因|原因[是为])[是为]?[：:]?\s*[。；]|……|此处填写|请填写|【填写|（填写"
    ))
    .expect("residue")
});

/// N019: no template residue.
pub static N019: Rule = Rule {
    code: "N019",
    name: "模板残留",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "说明中没有模板占位符和未填写的提示：XX、××、“增加（减少）”“增（减）”、“主要原因是。”、“……”、“（此处填写…）”等。",
    why: "模板残留说明该处内容没有填写，公开出去既缺信息又有损严肃性。",
    bad: concat!(title!(), explanation!(), overview!(), "2025 年部门共安排预算支出 1798.3 万元，较 2024 年增加（减少）XX 万元，主要原因是。\n"),
    good: concat!(title!(), explanation!(), overview!(), "2025 年部门共安排预算支出 1798.3 万元，较 2024 年减少 232.87 万元，主要原因是上年一次性项目结束。\n"),
    basis: "《地方预决算公开操作规程》：公开内容应完整、准确。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        for (sec, text, loc) in texts(cx, RESIDUE_CHAR) {
            for m in RESIDUE.find_iter(text) {
                // `XX` only as a placeholder, not inside an ASCII word (`XXL`, `eXXon`).
                let ascii_x = m.as_str().starts_with(['X', 'x']);
                let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
                if ascii_x && (letter(text[..m.start()].chars().next_back()) || letter(text[m.end()..].chars().next())) {
                    continue;
                }
                // A drafted slot `【请填写：…】` is reported once, by N028, with what to write.
                if m.as_str() == "请填写" && text[..m.start()].ends_with('【') {
                    continue;
                }
                sink.report(
                    format!("“{}”：模板占位或未填写的内容“{}”", excerpt(text, m.start(), m.end()), m.as_str().trim()),
                    Location::section(&sec.id, loc),
                );
            }
        }
    },
};

const DOUBLED: &[&str] = &["。。", "，，", "，。", "、、", "；；", "；。", "、。", "，；", "：。", "。，"];
static DOUBLED_RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(&DOUBLED.join("|")).expect("doubled punctuation"));

/// N020: punctuation is not doubled and pairs are balanced.
pub static N020: Rule = Rule {
    code: "N020",
    name: "标点重复或不成对",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "说明的每段中没有重复或相连的标点（“。。”“，，”“，。”等），引号“”、括号（）和方括号【】成对出现。",
    why: "标点错误多是删改时遗留，说明该处文字可能被删掉了一部分。",
    bad: concat!(
        title!(),
        explanation!(),
        overview!(),
        "2025 年部门共安排预算支出 1798.3 万元，，其中：基本支出为 536.08 万元（含人员经费。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        overview!(),
        "2025 年部门共安排预算支出 1798.3 万元，其中：基本支出为 536.08 万元（含人员经费）。\n"
    ),
    basis: "《标点符号用法》（GB/T 15834—2011）。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        for &Text { sec, text, loc, facts, pairs, .. } in all_texts(cx) {
            let at = || Location::section(&sec.id, loc);
            // (a text without two marks in a row is not searched: even an empty search sets one up)
            if facts & PUNCT_PAIR != 0 {
                let mut reported: Vec<&str> = Vec::new();
                for m in DOUBLED_RE.find_iter(text) {
                    let d = m.as_str();
                    if !reported.contains(&d) {
                        reported.push(d);
                        sink.report(join!("“", excerpt(text, m.start(), m.end()), "”：标点“", d, "”重复或相连"), at());
                    }
                }
            }
            for (pair, name) in pairs.iter().zip(["引号", "括号", "方括号"]) {
                let (o, c) = (pair[0], pair[1]);
                if o != c {
                    sink.report(format!("本段{name}不成对：左 {o} 个，右 {c} 个"), at())
                        .values(format!("左右各 {o} 个"), format!("右 {c} 个"));
                }
            }
        }
    },
};

/// N022: the document calls itself 部门 or 单位 as its edition says.
pub static N022: Rule = Rule {
    code: "N022",
    name: "部门与单位用语相符",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "部门预算公开中自称“我部门”“本部门”，不写“我单位”“本单位”；单位预算公开反之。",
    why: "部门预算汇总了所属各单位，自称“单位”会让读者误以为只公开了本级。",
    bad: concat!(
        title!(),
        explanation!(),
        "四、财政拨款“三公”经费预算情况\n",
        "2025 年，我单位“三公”经费预算安排 1.5 万元。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        "四、财政拨款“三公”经费预算情况\n",
        "2025 年，我部门“三公”经费预算安排 1.5 万元。\n"
    ),
    basis: "财政部部门预算公开模板：部门预算以部门名义公开，单位预算以单位名义公开。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        let (wrong, right): (&[&str], &str) = match cx.doc.meta.edition {
            Edition::Department => (&["我单位", "本单位"], "部门"),
            Edition::Unit => (&["我部门", "本部门"], "单位"),
        };
        for (sec, text, loc) in texts(cx, SELF_CHAR) {
            for w in wrong {
                if let Some(i) = find(text, w) {
                    sink.report(
                        format!(
                            "“{}”：本文件是{}预算公开，应自称“我{right}”或“本{right}”",
                            excerpt(text, i, i + w.len()),
                            right
                        ),
                        Location::section(&sec.id, loc),
                    )
                    .values(format!("我{right}"), *w);
                }
            }
        }
    },
};

/// N023: no obsolete classification names.
pub static N023: Rule = Rule {
    code: "N023",
    name: "说明中使用了过时的科目名称",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "说明中不出现已更名的科目名称（如“医疗卫生与计划生育支出”已改为“卫生健康支出”，“文化体育与传媒支出”已改为“文化旅游体育与传媒支出”），名单取自科目表的名称变体。",
    why: "使用旧名说明说明文字沿用了旧模板，且与表格中的现行科目名称对不上。",
    bad: concat!(title!(), explanation!(), overview!(), "医疗卫生与计划生育支出 7.93 万元，主要用于事业单位医疗。\n"),
    good: concat!(title!(), explanation!(), overview!(), "卫生健康支出 7.93 万元，主要用于事业单位医疗。\n"),
    basis: "《2025 年政府收支分类科目》。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        // One automaton finds every observed variant name; only paragraphs with a hit are looked at closely.
        let texts = all_texts(cx);
        let mut hit = matches_in_texts(cx, &VARIANT_NAMES).map(|(i, _)| i).collect::<Vec<_>>();
        hit.dedup();
        for &Text { sec, text, loc, .. } in hit.into_iter().map(|i| &texts[i]) {
            for v in cx.catalog.variants() {
                let Some(canonical) = v.canonical.as_deref() else { continue };
                if v.observed.is_empty() || contains(canonical, &v.observed) && contains(text, canonical) {
                    continue;
                }
                if let Some(i) = find(text, &v.observed) {
                    sink.report(
                        format!("“{}”：科目名称已改为“{canonical}”", v.observed),
                        Location::section(&sec.id, loc),
                    )
                    .values(canonical, &text[i..i + v.observed.len()]);
                }
            }
        }
    },
};

/// Every observed variant name with a current name (catalogs share the bundled variant list; N023 passes
/// over a name without one, and fewer names make fewer false candidates for the search).
static VARIANT_NAMES: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<String> = yusuan_model::Catalog::bundled()
        .variants()
        .iter()
        .filter(|v| !v.observed.is_empty() && v.canonical.is_some())
        .map(|v| regex::escape(&v.observed))
        .collect();
    Regex::new(&names.join("|")).expect("variant names")
});

static WAN_WITHOUT_YUAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\d(?:[\d,]*\d)?(?:[.．]\d+)?)\s*万\s*(?:[。，,；;、）)：:]|$)").expect("万"));

/// Whether some `万` in `text` is followed, past whitespace, by a mark [`WAN_WITHOUT_YUAN`] ends with or
/// by the end: a text without one cannot match, and most write `万元`.
fn wan_before_mark(text: &str) -> bool {
    // A searcher for `万` built once: `match_indices` stops at every character ending in its last byte
    // (one ideograph in 64) and restarts from there.
    static WAN: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("万"));
    WAN.find_iter(text.as_bytes()).any(|i| {
        let rest = text[i + '万'.len_utf8()..].trim_start();
        rest.is_empty() || rest.starts_with(['。', '，', ',', '；', ';', '、', '）', ')', '：', ':'])
    })
}

/// N024: an amount in 万 is written 万元.
pub static N024: Rule = Rule {
    code: "N024",
    name: "金额单位写“万”缺“元”",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "说明中的金额写完整单位“万元”，不写成“1.5 万。”。",
    why: "缺“元”是录入疏漏，金额单位不完整，正式公开文件不应出现。",
    bad: concat!(
        title!(),
        explanation!(),
        "四、财政拨款“三公”经费预算情况\n",
        "2025 年，我部门“三公”经费预算安排 1.5 万。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        "四、财政拨款“三公”经费预算情况\n",
        "2025 年，我部门“三公”经费预算安排 1.5 万元。\n"
    ),
    basis: "《地方预决算公开操作规程》：金额单位为元或万元。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        for (sec, text, loc) in texts(cx, DIGIT).filter(|t| wan_before_mark(t.1)) {
            for c in WAN_WITHOUT_YUAN.captures_iter(text) {
                let Some(n) = c.get(1) else { continue };
                if text[..n.start()].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '.') {
                    continue;
                }
                sink.report(
                    join!("“", excerpt(text, n.start(), n.end()), "”：金额单位写作“万”，缺“元”"),
                    Location::section(&sec.id, loc),
                )
                .values(format!("{} 万元", n.as_str()), format!("{} 万", n.as_str()));
            }
        }
    },
};

/// The stems of [`STANDARD_PHRASES`], as one pattern.
static PHRASE_STEMS: LazyLock<Regex> = LazyLock::new(|| {
    let stems: Vec<String> = STANDARD_PHRASES
        .iter()
        .map(|p| regex::escape(&p[..p.len() - p.chars().next_back().map_or(0, char::len_utf8)]))
        .collect();
    Regex::new(&stems.join("|")).expect("phrase stems")
});

const STANDARD_PHRASES: &[&str] =
    &["结转和结余", "财政拨款", "一般公共预算", "政府性基金预算", "国有资本经营预算", "机关运行经费", "政府采购"];

/// N025: standard phrases are not cut short.
pub static N025: Rule = Rule {
    code: "N025",
    name: "规范用语残缺",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "说明中的规范用语（结转和结余、财政拨款、一般公共预算、政府性基金预算、国有资本经营预算、机关运行经费、政府采购）没有被截掉末字，如“年初财政拨款结转和结 696.22 万元”。",
    why: "残缺的用语说明排版或录入时丢了字，读者需要猜测原意。",
    bad: concat!(title!(), explanation!(), overview!(), "年初财政拨款结转和结 696.22 万元。\n"),
    good: concat!(title!(), explanation!(), overview!(), "年初财政拨款结转和结余 696.22 万元。\n"),
    basis: "部门预算公开表样中的规范名称。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        let texts = all_texts(cx);
        // One scan finds every phrase stem (the phrase less its last character).
        for (k, m) in matches_in_texts(cx, &PHRASE_STEMS) {
            let Text { sec, text, loc, .. } = texts[k];
            let (i, stem) = (m.start, &text[m]);
            let Some(phrase) = STANDARD_PHRASES.iter().find(|p| p.starts_with(stem) && p.len() > stem.len()) else {
                continue;
            };
            let missing = &phrase[stem.len()..];
            let rest = text[i + stem.len()..].trim_start();
            if rest.starts_with(missing) || rest.chars().next().is_some_and(is_han) {
                continue;
            }
            sink.report(
                join!("“", excerpt(text, i, i + stem.len()), "”：“", phrase, "”缺了“", missing, "”字"),
                Location::section(&sec.id, loc),
            )
            .values(*phrase, stem);
        }
    },
};

static LIST_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([（(])\s*(?:[一二三四五六七八九十]+|\d+)\s*([）)])").expect("list number"));

/// Whether the list number opening `text` (as [`LIST_NUMBER`] reads it) has full-width brackets on both
/// sides; None when there is none. The usual `（一）` and `(2)` are read by hand, since most paragraphs of
/// a duty list open with one; the pattern decides the rest (a digit of another script, no number).
fn list_number(text: &str) -> Option<bool> {
    const NUMERALS: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let by_pattern = || LIST_NUMBER.captures(text).map(|c| &c[1] == "（" && &c[2] == "）");
    // Most paragraphs open with an ideograph, neither a space nor a bracket (and a test of a character
    // beyond ASCII for whitespace is a table search).
    if text.as_bytes().first().is_some_and(|&x| is_ideograph_lead(x)) {
        return None;
    }
    // `\s` and `trim_start` agree on whitespace
    let t = text.trim_start();
    let open = t.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let t = t[open.len_utf8()..].trim_start();
    let rest = match t.chars().next() {
        Some(c) if NUMERALS.contains(&c) => t.trim_start_matches(NUMERALS),
        Some(c) if c.is_ascii_digit() => t.trim_start_matches(|c: char| c.is_ascii_digit()),
        _ => return by_pattern(),
    };
    match rest.trim_start().chars().next() {
        Some(close @ ('）' | ')')) => Some(open == '（' && close == '）'),
        _ => by_pattern(),
    }
}

/// N026: list numbering uses one width within a section.
pub static N026: Rule = Rule {
    code: "N026",
    name: "列表编号全半角混用",
    severity: Severity::Info,
    family: Family::Narrative,
    summary: "同一部分的列表编号统一使用全角括号“（一）”或半角括号“(一)”，不混用。",
    why: "编号宽度不一是拼接多份材料的痕迹，影响版面规范。",
    bad: concat!(
        title!(),
        explanation!(),
        "一、部门职责及机构设置情况\n",
        "(一)贯彻执行国家法律法规。\n",
        "（二）负责全区科技工作。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        "一、部门职责及机构设置情况\n",
        "（一）贯彻执行国家法律法规。\n",
        "（二）负责全区科技工作。\n"
    ),
    basis: "《党政机关公文格式》（GB/T 9704）：结构层次序数第二层为“（一）”。",
    check: |cx, sink| {
        if !has_explanation(cx, sink) {
            return;
        }
        for sec in &cx.doc.sections {
            // The styles counted, without a list: the paragraphs are read again only where both are used.
            let (mut full, mut half) = (0, 0);
            for style in sec.paragraphs.iter().filter_map(|p| list_number(&p.text)) {
                if style {
                    full += 1;
                } else {
                    half += 1;
                }
            }
            if full == 0 || half == 0 {
                continue;
            }
            let minority = full <= half;
            if let Some(p) = sec.paragraphs.iter().find(|p| list_number(&p.text) == Some(minority)) {
                sink.report(
                    format!("“{}”中列表编号全角“（一）”{full} 处、半角“(一)”{half} 处混用", sec.heading),
                    Location::section(&sec.id, &p.loc),
                );
            }
        }
    },
};

static GLOSSARY_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:[（(]\s*(\d+)\s*[）)]|(\d+)\s*[、．.](?:\D|$))").expect("glossary number"));

/// The number opening a glossary entry (`1、`, `（2）`) as [`GLOSSARY_NUMBER`] reads it. ASCII digits
/// are read by hand (capturing with the pattern costs a backtracking search); a character that may be a
/// digit of another script sends the text to the pattern.
fn glossary_number(text: &str) -> Option<u32> {
    let by_pattern = || {
        let c = GLOSSARY_NUMBER.captures(text)?;
        c.get(1).or_else(|| c.get(2))?.as_str().parse().ok()
    };
    let t = text.trim_start();
    let bracketed = t.strip_prefix(['（', '(']);
    let s = bracketed.map_or(t, str::trim_start);
    let after = s.trim_start_matches(|c: char| c.is_ascii_digit());
    let digits = &s[..s.len() - after.len()];
    // (past the ASCII digits: no more digits, as far as `is_numeric` can tell)
    if after.starts_with(|c: char| c.is_numeric()) {
        return by_pattern();
    }
    let after = after.trim_start();
    let closed = match bracketed {
        Some(_) => after.starts_with(['）', ')']),
        None => match after.strip_prefix(['、', '．', '.']) {
            Some(rest) if rest.starts_with(|c: char| c.is_numeric()) => return by_pattern(),
            Some(_) => true,
            None => false,
        },
    };
    if digits.is_empty() || !closed {
        return None;
    }
    digits.parse().ok()
}

/// How many missing glossary numbers N027 lists one by one; a longer gap is named by its ends.
const MISSING_LISTED: u32 = 9;

/// N027: glossary entries are numbered without gaps.
pub static N027: Rule = Rule {
    code: "N027",
    name: "名词解释编号不连续",
    severity: Severity::Info,
    family: Family::Narrative,
    summary: "名词解释的条目编号从 1 起连续，不缺号、不重号。",
    why: "编号断开多是条目被删或格式丢失（如前几条的编号变成了项目符号），读者会怀疑漏了解释。",
    bad: concat!(
        title!(),
        explanation!(),
        "十、名词解释\n",
        "1、财政拨款收入：指本级财政当年拨付的资金。\n",
        "3、事业收入：指事业单位开展专业业务活动取得的收入。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        "十、名词解释\n",
        "1、财政拨款收入：指本级财政当年拨付的资金。\n",
        "2、事业收入：指事业单位开展专业业务活动取得的收入。\n"
    ),
    basis: "公文写作规范：同一层级序号连续。",
    check: |cx, sink| {
        let Some(sec) = cx.doc.section("glossary") else {
            sink.not_evaluated("没有名词解释部分");
            return;
        };
        let numbered: Vec<(u32, &Loc)> =
            sec.paragraphs.iter().filter_map(|p| Some((glossary_number(&p.text)?, &p.loc))).collect();
        if numbered.is_empty() {
            sink.not_evaluated("名词解释没有编号");
            return;
        }
        sink.evaluated();
        let mut expected = 1;
        for (n, loc) in numbered {
            if n != expected {
                let what = if n > expected {
                    // A few missing numbers are listed; a long gap (a misread number such as a code
                    // `2080505、`) is named by its ends rather than spelt out number by number.
                    let missing = if n - expected <= MISSING_LISTED {
                        (expected..n).map(|k| k.to_string()).collect::<Vec<_>>().join("、")
                    } else {
                        format!("{expected}–{}", n - 1)
                    };
                    format!("缺少第 {missing} 条")
                } else {
                    format!("第 {n} 条编号重复或倒序")
                };
                sink.report(format!("名词解释编号不连续：{what}"), Location::section(&sec.id, loc))
                    .values(expected.to_string(), n.to_string());
            }
            expected = n + 1;
        }
    },
};

/// The marker `yusuan build` leaves where only a person can write the text (`【请填写：…】`).
pub const FILL_IN_MARKER: &str = "【请填写";

/// The unfilled slot `【请填写：…】` in `text`, if any.
#[inline]
fn slot(text: &str) -> Option<String> {
    // Most cells (amounts, codes) are shorter than the marker: a test inlined where cells are walked.
    if text.len() < FILL_IN_MARKER.len() {
        return None;
    }
    slot_at_marker(text)
}

/// [`slot`] for a text long enough to hold the marker.
fn slot_at_marker(text: &str) -> Option<String> {
    // The marker's `填` ends in 0xAB, a byte no other byte of the marker is and which few characters hold
    // (fewer than the 0xE3 leading the CJK punctuation of long texts): each is tested in place rather than
    // by setting up a substring search (which costs more than a cell's few such bytes). The first marker
    // is the one whose 0xAB comes first.
    const TIAN_AT: usize = "【请".len() + 2;
    let b = text.as_bytes();
    let at = memchr::memchr_iter(0xAB, b)
        .filter_map(|i| i.checked_sub(TIAN_AT))
        .find(|&at| b[at..].starts_with(FILL_IN_MARKER.as_bytes()))?;
    let end = text[at..].find('】').map_or(text.len(), |e| at + e + '】'.len_utf8());
    Some(text[at..end].to_string())
}

/// N028: no unfilled slot of a drafted explanation.
pub static N028: Rule = Rule {
    code: "N028",
    name: "起草稿中的待填写内容未填写",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "由 yusuan build 起草的说明中标记为“【请填写：…】”的位置（增减变化原因、部门职责、整体绩效目标等只有经办人知道的内容）必须在公开前填写。",
    why: "待填写标记说明这段文字还没有人写，原样公开就是缺少法定说明内容（如增减变化原因），而且显得敷衍。",
    bad: concat!(
        title!(),
        explanation!(),
        "二、部门预算安排的总体情况\n",
        "3、比上年增减变化情况\n",
        "2025年预算收支安排 1798.30 万元，较2024年预算减少 232.87 万元，下降 11.46%，主要原因是【请填写：预算总额变化的原因】。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        "二、部门预算安排的总体情况\n",
        "3、比上年增减变化情况\n",
        "2025年预算收支安排 1798.30 万元，较2024年预算减少 232.87 万元，下降 11.46%，主要原因是上年一次性项目结束。\n"
    ),
    basis: "《地方预决算公开操作规程》（财预〔2016〕143号）：部门预算应当对本部门收支增减变化等重要事项作出说明。",
    check: |cx, sink| {
        sink.evaluated();
        // Every paragraph, in order; one without a `【` (counted by the shared pass) holds no marker.
        for t in all_texts(cx).iter().filter(|t| !t.heading && t.pairs[2][0] > 0) {
            if let Some(s) = slot(t.text) {
                sink.report(format!("“{}”中有未填写的内容：{s}", t.sec.heading), Location::section(&t.sec.id, t.loc))
                    .values("经办人填写的内容".to_string(), s);
            }
        }
        for pr in &cx.doc.projects {
            let fields = [pr.goal.as_deref(), pr.purpose.as_deref()]
                .into_iter()
                .flatten()
                .chain(pr.indicators.iter().flat_map(|i| [i.description.as_str(), i.value.as_str(), i.basis.as_str()]));
            for f in fields {
                if let Some(s) = slot(f) {
                    let mut loc = Location::default().at(&pr.loc);
                    loc.project = Some(pr.code.clone());
                    sink.report(format!("项目“{}”中有未填写的内容：{s}", pr.name), loc)
                        .values("经办人填写的内容".to_string(), s);
                }
            }
        }
        for t in &cx.doc.tables {
            for r in &t.rows {
                // (an amount's text is a number, never a slot)
                for c in &r.cells {
                    let Cell::Text(text) = c else { continue };
                    if let Some(s) = slot(text) {
                        sink.report(format!("“{}”中有未填写的内容：{s}", t.title), Location::row(t, r))
                            .values("经办人填写的内容".to_string(), s);
                    }
                }
            }
        }
    },
};

// ---------------------------------------------------------------------------------------------------
// Amounts by classification line, and shares.

/// Words that only lead into a stated amount at the end of its subject (`科学技术支出为`, `…预算数`).
const LEAD_INS: &[&str] = &["为", "是", "共", "计", "约", "达", "安排", "预算数", "预算", "决算数", "合计"];

/// The classification line a subject names: with level marks (`一般公共服务支出（类）财政事务（款）行政运行（项）`)
/// the last marked name, which must equal a row's name (`true`); without, the subject, which must end
/// with one (`false`). Lead-in words are dropped, and `其它` is read as `其他` (the tables print the
/// catalog's names).
fn line_subject(subject: &str) -> (Cow<'_, str>, bool) {
    const MARKS: [&str; 6] = ["（类）", "（款）", "（项）", "(类)", "(款)", "(项)"];
    fn strip(mut seg: &str) -> &str {
        while let Some(rest) = LEAD_INS.iter().find_map(|w| seg.strip_suffix(w)) {
            seg = rest;
        }
        seg
    }
    // every mark holds a bracket, which most subjects lack
    if memchr::memchr2(b'(', 0xEF, subject.as_bytes()).is_none() || !MARKS.iter().any(|m| contains(subject, m)) {
        return (same_other(strip(subject)), false);
    }
    let mut s = subject.to_string();
    for mark in MARKS {
        s = s.replace(mark, "\u{1}");
    }
    let name = s.split('\u{1}').rev().map(strip).find(|seg| !seg.is_empty()).unwrap_or("");
    (Cow::Owned(same_other(name).into_owned()), true)
}

/// A name with `其它` written `其他`, as the catalog writes it.
fn same_other(name: &str) -> Cow<'_, str> {
    if contains(name, "其它") {
        Cow::Owned(name.replace("其它", "其他"))
    } else {
        Cow::Borrowed(name)
    }
}

/// What a row prints in its amount columns (an empty one states 0; text in one states nothing).
fn printed_amounts<'a>(t: &'a Table, r: &'a yusuan_model::Row) -> impl Iterator<Item = Money> + 'a {
    t.columns.iter().zip(&r.cells).filter(|(c, _)| c.role == yusuan_model::ColumnRole::Amount).filter_map(
        |(_, cell)| match cell {
            Cell::Empty => Some(Money(0)),
            Cell::Amount(a) => Some(a.value),
            Cell::Text(_) => None,
        },
    )
}

/// Whether a subject speaks of another year than the document's (`2024年科学技术支出`, `上年…`).
fn other_year(subject: &str, year: Option<u16>) -> bool {
    if has(subject, &["上年", "去年", "上一年", "以前年度", "年初"]) {
        return true;
    }
    // (the pattern's group is the first four characters of a match: found without captures, which allocate)
    YEAR.find_iter(subject).any(|m| year.is_none_or(|y| year_digits(m.as_str()).parse::<u16>().ok() != Some(y)))
}

/// Sections that state budget or final-account figures, by line or as shares: the budget sections and the
/// 决算 explanation's parts on income, expense and the fiscal, general-budget and basic tables.
const LINE_SECTIONS: &[&str] = budget_sections!(
    "income_explained",
    "expense_explained",
    "fiscal_explained",
    "general_explained",
    "basic_explained"
);

/// N029: an amount the explanation states for a function classification line equals a figure the tables
/// print for that line.
pub static N029: Rule = Rule {
    code: "N029",
    name: "说明中按功能分类写的支出与表格一致",
    severity: Severity::Error,
    family: Family::Narrative,
    summary: "情况说明按支出功能分类写的金额（“科学技术支出 551.96 万元”“一般公共服务支出（类）财政事务（款）行政运行（项）1511.89 万元”）等于表格中同名科目行印出的某个金额（收入总表、支出总表或各财政拨款支出表的合计、基本支出、项目支出等列，任一相符即可）。科目名取金额前的文字，去掉（类）（款）（项）和“为”“安排”等引导词后，须以表格中的科目名结尾；写的是上年、年初或其他年度的数，或是增减额的，不比较。",
    why: "按科目说明支出用途是说明的主体之一；某类支出在说明与表格中数字不同，读者无从判断钱花在哪里。",
    bad: concat!(
        title!(),
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t559.89\t551.96\t7.93\n2\t206\t科学技术支出\t551.96\t551.96\t\n3\t210\t卫生健康支出\t7.93\t\t7.93\n",
        explanation!(),
        overview!(),
        "2025 年部门共安排预算支出 559.89 万元，按支出功能分类：科学技术支出 551.96 万元，卫生健康支出 7.39 万元。\n"
    ),
    good: concat!(
        title!(),
        "部门预算支出总表\n单位：万元\n序号\t功能分类科目\t\t合计\t基本支出\t项目支出\n\t科目编码\t科目名称\t\t\t\n栏次\t1\t2\t3\t4\t5\n1\t\t合计\t559.89\t551.96\t7.93\n2\t206\t科学技术支出\t551.96\t551.96\t\n3\t210\t卫生健康支出\t7.93\t\t7.93\n",
        explanation!(),
        overview!(),
        "2025 年部门共安排预算支出 559.89 万元，按支出功能分类：科学技术支出 551.96 万元，卫生健康支出 7.93 万元。\n"
    ),
    basis: "《地方预决算公开操作规程》：说明应与报表一致；部门预算支出按功能分类公开到项级科目。",
    check: |cx, sink| {
        // The function classification rows, with their names, once per document and only when some
        // amount's subject could name one (a line mark, or ending in `支出`).
        let mut rows: Option<Vec<(&Table, &yusuan_model::Row, &str)>> = None;
        let mut seen = false;
        for (sec, loc, found) in stated_amounts(cx, LINE_SECTIONS) {
            for m in found {
                // (most subjects name no line: neither `支出` nor a level mark's bracket)
                if m.change.is_some() || m.compared || !(m.line_item || contains(&m.subject, "支出")) {
                    continue;
                }
                let (subject, marked) = line_subject(&m.subject);
                if !(marked || subject.ends_with("支出")) || other_year(&m.subject, cx.doc.meta.year) {
                    continue;
                }
                let rows = rows.get_or_insert_with(|| {
                    // (sized for every coded row: a collect of a filter cannot know its length, and grows)
                    let mut rows = Vec::with_capacity(cx.coded().len());
                    rows.extend(
                        cx.doc
                            .tables
                            .iter()
                            .filter(|t| crate::helpers::classification(cx, t) == yusuan_model::Classification::Function)
                            .flat_map(|t| {
                                let name = t.columns.iter().position(|c| c.role == yusuan_model::ColumnRole::Name);
                                t.coded_rows().map(move |r| (t, r, r.text_at(name)))
                            })
                            // (a name of at least three characters: a two-character one is a word, not a line)
                            .filter(|(_, _, name)| name.len() >= 9 || name.chars().count() >= 3),
                    );
                    rows
                });
                // (compared from the name's start, in place: names share their ends, `…支出`, and most differ at
                // once, sooner than a call to compare them)
                let tail = |n: &str| subject.len().checked_sub(n.len()).map(|k| &subject.as_bytes()[k..]);
                let ends_with = |n: &str| tail(n).is_some_and(|t| t.iter().zip(n.as_bytes()).all(|(a, b)| a == b));
                let names = |n: &str| if marked { n == subject } else { ends_with(n) };
                // The longest name the subject ends with: `其他科学技术支出` is not `科学技术支出`.
                let Some(longest) = rows.iter().map(|r| r.2).filter(|n| names(n)).map(str::len).max() else {
                    continue;
                };
                let named = || rows.iter().filter(|r| r.2.len() == longest && names(r.2));
                seen = true;
                sink.evaluated();
                // Prose often cuts a line's figure to its decimals rather than rounding it (877,080 元
                // written 87.70 万元): anything short of one stated place agrees.
                let fits = named().any(|&(t, r, _)| {
                    let w = window(m.ulp(), t.ulp()).max(m.ulp() - 1);
                    printed_amounts(t, r).any(|v| (m.value - v).0.abs() <= w)
                });
                if fits {
                    continue;
                }
                let Some(&(t, r, name)) = named().next() else { continue };
                let expected = r.cells.iter().find_map(Cell::amount).map_or(Money(0), |a| a.value);
                let code = r.code.as_deref().unwrap_or("");
                sink.report(
                    format!(
                        "说明中{name}写作“{}”，与“{}”科目 {code} {name} 印出的金额都不一致",
                        m.printed, t.title
                    ),
                    Location::section(&sec.id, loc),
                )
                .values(show(expected, m.unit), m.printed);
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有按功能分类科目写的金额");
        }
    },
};

/// `…，占 29.81%` / `（占本年支出合计的 100.00%）` / `，完成年初预算的 98.20%` right after an amount:
/// the percent's number and how many decimals it prints.
static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[，,（(]?\s*(?:占|完成)[^，,。；;：:、\d%％]{0,16}?(\d+(?:[.．]\d+)?)\s*[%％]")
        .expect("share pattern")
});

/// Figures a share may be taken of besides the amounts stated before it: the totals the tables print.
const SHARE_BASES: Want = &[
    ("summary", "income.grand_total", "income_amount"),
    ("summary", "income.year_total", "income_amount"),
    ("summary", "expense.year_total", "expense_amount"),
    ("expenditure", "total", "total"),
    ("general_budget", "total", "total"),
    ("procurement", "total", "total"),
];

/// N030: a share (`占 X%`, `完成…的 X%`) stated after an amount is that amount's share of a figure stated
/// before it in the section, or of a total the tables print.
pub static N030: Rule = Rule {
    code: "N030",
    name: "占比与所列金额相符",
    severity: Severity::Warning,
    family: Family::Narrative,
    summary: "金额后紧跟的“占 X%”“占本年支出合计的 X%”“完成年初预算的 X%”须等于该金额除以某个基数：同一节中写在它前面的金额，或表格的收入总计、本年收支合计、支出合计、采购合计。按 X 所写的小数位比较，容许末位相差 1。找不到任何相符的基数时报告，并按最可能的基数（同段前面最大的金额）给出应为多少。",
    why: "占比是读者理解支出结构的捷径；算错的占比（各项相加超过 100%）说明数字在编写中被改动过而没有重算。",
    bad: concat!(
        title!(),
        explanation!(),
        overview!(),
        "本年支出合计 2940.05 万元，其中：一般公共服务支出 2106.66 万元，占 71.73%；住房保障支出 445.69 万元，占 15.16%。\n"
    ),
    good: concat!(
        title!(),
        explanation!(),
        overview!(),
        "本年支出合计 2940.05 万元，其中：一般公共服务支出 2106.66 万元，占 71.65%；住房保障支出 445.69 万元，占 15.16%。\n"
    ),
    basis: "占比 = 分项金额 ÷ 总额 × 100%。",
    check: |cx, sink| {
        let totals: Vec<Money> = SHARE_BASES.iter().filter_map(|w| resolve(cx, std::slice::from_ref(w))).map(|x| x.0).collect();
        let mut seen = false;
        // Amounts stated so far in the current section (bases for the shares after them).
        let mut before: Vec<Money> = Vec::new();
        let mut section = None;
        for (t, found) in stated_in_texts(cx, LINE_SECTIONS) {
            if section != Some(&t.sec.id) {
                section = Some(&t.sec.id);
                before.clear();
            }
            let text = t.text;
            if !contains(text, "占") && !contains(text, "完成") {
                before.extend(found.iter().map(|m| m.value));
                continue;
            }
            let paragraph_start = before.len();
            for m in found {
                let share = (m.change.is_none() && m.value.0 > 0).then(|| SHARE.captures(&text[m.end..])).flatten();
                let Some(c) = share else {
                    before.push(m.value);
                    continue;
                };
                let pct = &c[1];
                let Some((stated, decimals)) = percent(pct) else { continue };
                let decimals = i32::from(decimals);
                seen = true;
                sink.evaluated();
                let a = m.value.0 as f64;
                // rounding of the stated amount (half its last place) moves the share too
                let ea = m.ulp() as f64 / 2.0;
                let fits = |b: &Money| {
                    let b = b.0 as f64;
                    b >= a && (a / b * 100.0 - stated).abs() <= 10f64.powi(-decimals) + 100.0 * ea / b + 1e-9
                };
                if !before.iter().chain(&totals).any(fits) {
                    // The likeliest base: the largest amount stated before it in the paragraph, else a table total.
                    let largest = |bases: &[Money]| bases.iter().copied().filter(|b| b.0 as f64 >= a).max();
                    let base = largest(&before[paragraph_start..]).or_else(|| largest(&totals));
                    let expected = base.map_or("无".to_string(), |b| format!("{:.*}%", decimals as usize, a / b.0 as f64 * 100.0));
                    let of = base.map_or(String::new(), |b| format!("（按基数 {} 计算）", show(b, Unit::WanYuan)));
                    let start = m.end - m.printed.len();
                    sink.report(
                        format!(
                            "“{}”：{} 的占比写作 {pct}%，与本节前面所列金额及表格合计都不相符{of}",
                            excerpt(text, start, m.end + c.get(0).map_or(0, |x| x.end())),
                            m.printed
                        ),
                        Location::section(&t.sec.id, t.loc),
                    )
                    .values(expected, format!("{pct}%"));
                }
                before.push(m.value);
            }
        }
        if !seen {
            sink.not_evaluated("说明中没有写在金额后的占比");
        }
    },
};

/// The family's rules.
pub static RULES: &[&Rule] = &[
    &N001, &N002, &N003, &N004, &N005, &N006, &N007, &N008, &N009, &N010, &N011, &N012, &N013, &N014, &N015, &N016,
    &N017, &N018, &N019, &N020, &N021, &N022, &N023, &N024, &N025, &N026, &N027, &N028, &N029, &N030, &N031, &N032,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_year_is_told_as_with_the_patterns_captures() {
        let by_captures = |subject: &str, year: Option<u16>| {
            has(subject, &["上年", "去年", "上一年", "以前年度", "年初"])
                || YEAR.captures_iter(subject).any(|c| year.is_none_or(|y| c[1].parse::<u16>().ok() != Some(y)))
        };
        for s in
            ["", "科学技术支出", "2024年科学技术支出", "2025 年支出", "2025年与2024年", "20٢٥年", "上年支出", "1999"]
        {
            for year in [None, Some(2025), Some(2024)] {
                assert_eq!(other_year(s, year), by_captures(s, year), "{s:?} {year:?}");
            }
        }
    }

    #[test]
    fn a_key_drops_whitespace_and_quotes_and_borrows_when_they_are_only_at_the_ends() {
        let cases = [
            ("", "", true),
            (" \t\u{3000}", "", true),
            ("一般公共预算拨款收入 ", "一般公共预算拨款收入", true),
            ("\u{3000}“收入总计”\n", "收入总计", true),
            ("本年 支出", "本年支出", false),
            (" 本年\u{3000}“支出”合计 ", "本年支出合计", false),
            ("a'b\"c", "abc", false),
        ];
        for (text, key_of, borrowed) in cases {
            let k = key(text);
            assert_eq!(k, key_of, "{text:?}");
            assert_eq!(matches!(k, Cow::Borrowed(_)), borrowed, "{text:?}");
        }
    }

    #[test]
    fn near_and_looks_find_exactly_the_characters_looked_at() {
        // every character of three bytes that the pass reads by NEAR and LOOKS (the others are set whole)
        for c in ('\u{800}'..='\u{ffff}').filter(|c| matches!(c.len_utf8(), 3)) {
            let [x, y, z] = utf8_3(c);
            let row = NEAR[usize::from(ROW[usize::from(x)])][usize::from(y)];
            assert_eq!(NEAR2[usize::from(u16::from_le_bytes([x, y]))], row, "{c}");
            if row == WHOLE {
                assert!(!is_ideograph_lead(x) && !matches!(x, 0xe2 | 0xe3 | 0xef), "{c}");
                continue;
            }
            let looked = LOOKED_AT.iter().find(|(l, _)| *l == c).map(|&(_, look)| look);
            let found = (row != 0).then(|| LOOKS[usize::from(row)][usize::from(z & 0x3f)]);
            match (looked, found) {
                (None, None | Some(Look::Pass)) => {}
                (Some(a), Some(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{c}"),
                _ => panic!("{c}: {looked:?} {found:?}"),
            }
        }
    }
    use crate::engine::Finding;
    use yusuan_model::{Catalog, Layout};

    fn run(rule: &'static Rule, text: &str) -> Vec<Finding> {
        let layout = Layout::by_id("hebei-dept-budget").expect("layout");
        let doc = yusuan_read::read_text("t.txt", text, layout);
        let cx = Ctx::new(&doc, Catalog::bundled(), layout);
        let mut sink = Sink::new(rule);
        (rule.check)(&cx, &mut sink);
        sink.finish().2.into_iter().filter(|f| f.rule == rule.code).collect()
    }

    fn income(sentence: &str) -> String {
        format!("{}{}{}{}{sentence}\n", title!(), summary_table!(), explanation!(), overview!())
    }

    #[test]
    fn prose_rounded_to_fewer_decimals_equals_the_table() {
        assert!(run(&N001, &income("2025 年部门共安排预算收入 1798.3 万元。")).is_empty());
        assert!(run(&N001, &income("2025 年部门共安排预算收入 1798 万元。")).is_empty());
        assert!(run(&N001, &income("2025 年部门共安排预算收入 17983000 元。")).is_empty());
    }

    #[test]
    fn a_stated_amount_off_by_one_printed_place_is_an_error() {
        assert_eq!(run(&N001, &income("2025 年部门共安排预算收入 1798.31 万元。")).len(), 1);
        assert_eq!(run(&N001, &income("2025 年部门共安排预算收入 1798.4 万元。")).len(), 1);
        assert_eq!(run(&N001, &income("2025 年部门共安排预算收入 1797 万元。")).len(), 1);
    }

    #[test]
    fn an_expenditure_of_one_fund_is_not_read_as_that_funds_income() {
        let text = income("项目支出 1262.22 万元（其中国有资本经营预算拨款支出 1128 万元）。");
        assert!(run(&N002, &text).is_empty());
    }

    #[test]
    fn a_zero_stated_with_no_change_needs_no_reason() {
        let text = concat!(
            title!(),
            explanation!(),
            "四、财政拨款“三公”经费预算情况\n",
            "其中因公出国（境）费 0 万元较上年，无增减变化；公务用车运行费 1.5 万元，与上年持平。\n"
        );
        assert!(run(&N013, text).is_empty());
        assert!(run(&N017, text).is_empty());
    }

    #[test]
    fn a_reason_in_the_next_sentence_of_the_paragraph_counts() {
        let text = income("基本支出较上年减少 55.59 万元。主要原因是人员退休。");
        assert!(run(&N017, &text).is_empty());
    }

    #[test]
    fn every_template_residue_is_in_a_text_marked_for_it() {
        for text in [
            "增加（减少）XX 万元",
            "增(减)",
            "减少（增加）",
            "主要原因是。",
            "……",
            "请填写",
            "此处填写",
            "【填写",
            "（填写",
            "原因为：；",
            "××",
            "ＸＸ",
            "xX",
        ] {
            assert!(RESIDUE.is_match(text), "{text}");
            assert!(text_facts(text).0 & RESIDUE_CHAR != 0, "{text}");
        }
        assert_eq!(text_facts("预算增加 5 万元，主要用于（一）办公").0 & RESIDUE_CHAR, 0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4096, ..Default::default() })]
        #[test]
        fn slots_are_found_where_a_search_for_the_marker_finds_them(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "【", "请", "填", "写", "：", "】", "【请填写", "请填写", "【请", "填写】", "«", "、", "。", "a", "原因",
            ][..]), 0..12)
        ) {
            let text = parts.concat();
            let by_search = text.find(FILL_IN_MARKER).map(|at| {
                let end = text[at..].find('】').map_or(text.len(), |e| at + e + '】'.len_utf8());
                text[at..end].to_string()
            });
            let by_hand = if text.len() < FILL_IN_MARKER.len() { None } else { slot_at_marker(&text) };
            proptest::prop_assert_eq!(by_hand, by_search);
        }

        #[test]
        fn amounts_are_found_where_the_pattern_finds_them(
            parts in proptest::collection::vec(proptest::sample::select(&[
                "1", "23", "456", "7890", ",", ",000", ".", ".5", "．", "-", " ", "\t", "\u{b}", "\u{3000}", "\u{a0}",
                "５", "١٣", "万", "元", "万元", "年", "支出", "a",
            ][..]), 0..16)
        ) {
            let text = parts.concat();
            let by_hand: Vec<_> = amount_matches(&text).map(|m| (m.start(), m.end())).collect();
            let by_pattern: Vec<_> = AMOUNT.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(by_hand, by_pattern);
        }

        #[test]
        fn change_groups_are_the_patterns(
            text in concat!(
                "([年支出，]{0,2}(增加|减少|增长|下降|降低|上升|增|减|加)?了?[ 　]?(-?[0-9]{1,4}(,[0-9]{3})?([.．][0-9])?)?",
                "[ 　]?(万元|元|万)?元?([ 　]?[（(，,]?[ 　]?(同比)?(增加|减少|增长|下降|降低|上升|增)?[ 　]?-?[0-9]{0,2}",
                "([.．][0-9])?[ 　]?[%％]?[ 　]?[）)]?)?){1,3}"
            )
        ) {
            for c in CHANGE.captures_iter(&text) {
                let all = c.get(0).unwrap();
                let at = |i: usize| c.get(i).map(|g| g.start() - all.start()..g.end() - all.start());
                let expected = ChangeGroups {
                    word: &c[1],
                    num: at(2).unwrap(),
                    unit: at(3).unwrap(),
                    pct: at(5).map(|p| (c.get(4).map(|w| w.as_str()), p)),
                };
                proptest::prop_assert_eq!(change_groups(all.as_str()), expected);
            }
        }

        #[test]
        fn glossary_numbers_are_the_patterns(text in "[ 　]?[（(]?[ 　]?([0-9]{1,3}|１|٣)?[ 　]?[）)、．.]?([0-9]|١|名|词)?.{0,2}") {
            let by_pattern = GLOSSARY_NUMBER.captures(&text).and_then(|c| c.get(1).or_else(|| c.get(2))?.as_str().parse().ok());
            proptest::prop_assert_eq!(glossary_number(&text), by_pattern);
        }

        #[test]
        fn years_are_found_where_the_patterns_find_them(text in "(19|20|[0-9]|２|١|年|度|支| |\t|　|\n|\u{a0}|a){0,14}") {
            for (re, tail) in [(&*YEAR, year_tail as fn(&str) -> Option<usize>), (&*YEAR_NO_NIAN, no_nian_tail)] {
                let mut found = vec![Span { start: 0, text: "" }];
                year_matches(&text, re, tail, &mut found);
                let by_hand: Vec<_> = found.iter().map(|m| (m.start(), m.end())).collect();
                let by_pattern: Vec<_> = re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
                proptest::prop_assert_eq!(by_hand, by_pattern);
            }
        }
    }

    #[test]
    fn a_text_naming_itself_is_marked_for_it() {
        for text in ["我单位", "本部门2025年", "由本单位负责"] {
            assert!(text_facts(text).0 & SELF_CHAR != 0, "{text}");
        }
        assert_eq!(text_facts("本年我局安排").0 & SELF_CHAR, 0);
    }

    #[test]
    fn counts_in_wan_are_not_money() {
        assert!(mentions("服务公众 5 万人次").is_empty());
        let text = income("全年服务公众 5 万人次，较上年增加 1 万人次。");
        assert!(run(&N024, &text).is_empty());
    }

    #[test]
    fn a_percent_with_its_own_opposite_direction_is_flagged() {
        let text = income(
            "2025 年预算收支安排 1798.3 万元，较 2024 年预算减少 232.87 万元（增长 11.5%），主要原因是项目结束。",
        );
        assert_eq!(run(&N013, &text).len(), 1);
    }
}
