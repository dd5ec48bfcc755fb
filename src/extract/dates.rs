//! Date expressions in sentences, and their normalisation against an article's date.
//!
//! Recognition does not need the article's date; resolution does. Expressions with no year
//! ("on Friday", "in February", "last week") stay unresolved when nothing anchors them.
//!
//! Why hand-written rules and not the `duckling` crate (v0.4, a Rust port of Duckling that takes
//! a reference time): we ran it on the forms this module handles, with news sentences and the
//! bundled corpus's reference dates. It got 12 of 21 expressions right. Duckling was built for
//! assistants, where "Friday" means the next one; news means the last one, and the crate has no
//! option to change that, so "on Friday", "in February", "Feb. 28" and "On Monday" all came back
//! a week or a year in the future. It also read cricket figures and tennis scores ("4-38",
//! "6-4 6-3") as times, parsed "on 8 May" as 08:00 on 1 May, silently dropped results past a
//! work budget on texts over ~6 KB, cost ~330 µs per sentence and ~100 ms at start-up, and added
//! ~8 MB to the binary. The closed set of forms below, with past-leaning resolution and a tense
//! check for the future, is both more accurate here and cheap.

use std::borrow::Cow;

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::{PartialDate, month_from_name, weekday_from_name};
use crate::corpus::Article;
use crate::extract::tokens::{Token, TokenKind, tokenize};
use crate::text::{Span, fold, fold_cow, is_capitalised};

/// Which occurrence a month or weekday name means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Relation {
    /// "in February", "on Friday": the nearest one in the sentence's tense.
    Nearest,
    Last,
    This,
    Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression as written, before an anchor date gives it a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateExpr {
    /// Complete in itself: "2025-04-26", "26 April 2025", "February 2025", "in 2014".
    Absolute(PartialDate),
    /// "April 26", "Feb. 28": the year comes from the anchor.
    MonthDay { month: i8, day: i8 },
    /// "in February", "last February", "at the end of February", "February this year".
    Month {
        month: i8,
        relation: Relation,
        year_offset: Option<i8>,
    },
    /// "on Saturday", "last Friday".
    Weekday {
        #[serde(with = "crate::calendar::serde_weekday")]
        weekday: Weekday,
        relation: Relation,
    },
    /// "yesterday" (Day, -1), "last week" (Week, -1), "this year", "earlier this month".
    Relative { unit: Unit, offset: i8 },
    /// "the next day" (Day, 1), "two days later" (Day, 2), "a day earlier" (Day, -1), "the
    /// following week" (Week, 1): counted from the day the narrative last named, not from the
    /// article's date. Only [`DateMention::resolve`] knows that day.
    Chained { unit: Unit, offset: i8 },
}

/// The day a chained expression counts from: the last expression before it that can name a
/// day, and how many days the chain has already moved on from it ("the next day … two days
/// later" is three days after).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBase {
    pub expr: DateExpr,
    pub tense: Tense,
    #[serde(with = "crate::calendar::serde_weekday::option")]
    pub weekday: Option<Weekday>,
    pub days: i32,
    /// Where the narrative last stood on that day.
    paragraph: usize,
}

/// How many paragraphs back a chained expression looks for its day: a narrative carries its day
/// into the next paragraph, but a day named further back belongs to another story (the
/// introduction of a list of anniversaries, a date line above the background).
const CHAIN_REACH_PARAGRAPHS: usize = 1;

/// Is the clause about the future? Decides which "Friday" or "March" is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tense {
    Past,
    Future,
    /// No verb of the clause says ("its archive opens on May 3", a present or no verb at all):
    /// a month is the one nearest the anchor, a weekday the last one, as news reports mostly
    /// what has happened.
    Unmarked,
}

/// A date expression found in an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub sentence: usize,
    pub span: Span,
    pub expr: DateExpr,
    pub tense: Tense,
    /// For a [`DateExpr::Chained`]: what it counts from (`None` when nothing before it names a day).
    pub base: Option<ChainBase>,
    /// The weekday written with a date ("Saturday, June 14"): what tells a year that fits the
    /// date from one that does not, when only the year is known.
    #[serde(with = "crate::calendar::serde_weekday::option")]
    pub weekday: Option<Weekday>,
    /// The stamp of the live-blog post it is written in (see [`crate::extract::posts`]).
    pub post: Option<PostStamp>,
}

/// The date expression of a live-blog post's stamp line. A post is written on its stamp's day,
/// so that day, not the page's last update, is what its "yesterday" and "on Sunday" count from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PostStamp {
    pub expr: DateExpr,
    pub tense: Tense,
}

/// What an article's expressions are resolved against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The article's date: every expression can be resolved.
    Day(Date),
    /// Only the year is known (a copyright line): dates that name their month resolve in it,
    /// those that count from a day ("on Friday", "yesterday") cannot.
    Year(i16),
}

impl Anchor {
    /// The article's date, else its year: what a copyright line adds is a year, never a day.
    pub fn of(date: Option<Date>, year: Option<i16>) -> Option<Self> {
        date.map(Self::Day).or(year.map(Self::Year))
    }

    fn day(self) -> Option<Date> {
        match self {
            Self::Day(day) => Some(day),
            Self::Year(_) => None,
        }
    }
}

impl DateMention {
    /// The date this expression names, given the article's date (`None` when nothing anchors it).
    pub fn resolve(&self, anchor: Option<Date>) -> Option<PartialDate> {
        self.resolve_against(anchor.map(Anchor::Day))
    }

    /// [`resolve`](Self::resolve), against a day or only a year.
    pub fn resolve_against(&self, anchor: Option<Anchor>) -> Option<PartialDate> {
        self.resolve_on(self.anchor_in_post(anchor))
    }

    /// The day its post was written when it is in a live-blog post whose stamp names a day, or
    /// else the article's own anchor.
    fn anchor_in_post(&self, anchor: Option<Anchor>) -> Option<Anchor> {
        self.post
            .and_then(|stamp| resolve_against(stamp.expr, anchor, stamp.tense, None))
            .filter(|day| day.precision() == crate::calendar::Precision::Day)
            .and_then(PartialDate::to_date)
            .map(Anchor::Day)
            .or(anchor)
    }

    fn resolve_on(&self, anchor: Option<Anchor>) -> Option<PartialDate> {
        match self.expr {
            DateExpr::Chained {
                unit: Unit::Week,
                offset,
            } => {
                let (first, _) = week_bounds(self.chain_start(anchor)?, offset)?;
                let thursday = first.checked_add(3.days()).ok()?;
                PartialDate::month(i32::from(thursday.year()), i32::from(thursday.month()))
            }
            DateExpr::Chained { offset, .. } => Some(
                self.chain_start(anchor)?
                    .checked_add(i64::from(offset).days())
                    .ok()?
                    .into(),
            ),
            expr => resolve_against(expr, anchor, self.tense, self.weekday),
        }
    }

    /// The day a chained expression counts from, resolved.
    fn chain_start(&self, anchor: Option<Anchor>) -> Option<Date> {
        let base = self.base?;
        let day = resolve_against(base.expr, anchor, base.tense, base.weekday)?;
        (day.precision() == crate::calendar::Precision::Day)
            .then(|| day.to_date())
            .flatten()?
            .checked_add(i64::from(base.days).days())
            .ok()
    }

    /// The first and last day the expression can mean. Finer than [`resolve`](Self::resolve) for
    /// weeks: "last week" is seven days, though it is written down as its month.
    pub fn bounds(&self, anchor: Option<Date>) -> Option<(Date, Date)> {
        self.bounds_against(anchor.map(Anchor::Day))
    }

    /// [`bounds`](Self::bounds), against a day or only a year.
    pub fn bounds_against(&self, anchor: Option<Anchor>) -> Option<(Date, Date)> {
        let anchor = self.anchor_in_post(anchor);
        match (self.expr, anchor.and_then(Anchor::day)) {
            (
                DateExpr::Relative {
                    unit: Unit::Week,
                    offset,
                },
                Some(anchor),
            ) => week_bounds(anchor, offset),
            (
                DateExpr::Chained {
                    unit: Unit::Week,
                    offset,
                },
                _,
            ) => week_bounds(self.chain_start(anchor)?, offset),
            _ => self.resolve_on(anchor).map(PartialDate::bounds),
        }
    }
}

/// Monday and Sunday of the week `offset` weeks from the one holding `day`.
fn week_bounds(day: Date, offset: i8) -> Option<(Date, Date)> {
    let monday = day
        .checked_sub(i64::from(day.weekday().to_monday_zero_offset()).days())
        .ok()?;
    let first = monday.checked_add((7 * i64::from(offset)).days()).ok()?;
    Some((first, first.checked_add(6.days()).ok()?))
}

/// Whether an expression can name a day, and so be what a chained one counts from.
fn names_a_day(expr: DateExpr) -> bool {
    match expr {
        DateExpr::Absolute(date) => date.precision() == crate::calendar::Precision::Day,
        DateExpr::MonthDay { .. } | DateExpr::Weekday { .. } => true,
        DateExpr::Relative { unit, .. } | DateExpr::Chained { unit, .. } => unit == Unit::Day,
        DateExpr::Month { .. } => false,
    }
}

/// Every date expression of every sentence of the article.
pub fn find_dates(article: &Article) -> Vec<DateMention> {
    let mut found = Vec::new();
    let order = slashed_order(&article.text);
    let mut last_day: Option<ChainBase> = None;
    for (index, sentence) in article.sentences.iter().enumerate() {
        let paragraph = sentence.paragraph();
        let tokens = tokenize(&article.text, sentence.span);
        let governing = Governing::of(&verb_tenses(&tokens), &tokens);
        let mut i = 0;
        while i < tokens.len() {
            match recognise(&tokens, i, order) {
                Some((end, expr)) => {
                    let first = expression_start(&tokens, i, expr);
                    let tense = tense_around(&governing, first, end);
                    let weekday = written_weekday(&tokens, first, expr);
                    let base = match expr {
                        DateExpr::Chained { .. } => last_day.filter(|b| {
                            paragraph.saturating_sub(b.paragraph) <= CHAIN_REACH_PARAGRAPHS
                        }),
                        _ => None,
                    };
                    // The narrative now stands on the day this one names.
                    match expr {
                        DateExpr::Chained {
                            unit: Unit::Day,
                            offset,
                        } => {
                            last_day = base.map(|b| ChainBase {
                                days: b.days + i32::from(offset),
                                paragraph,
                                ..b
                            });
                        }
                        expr if names_a_day(expr) => {
                            last_day = Some(ChainBase {
                                expr,
                                tense,
                                weekday,
                                days: 0,
                                paragraph,
                            });
                        }
                        _ => {}
                    }
                    found.push(DateMention {
                        sentence: index,
                        span: Span::new(tokens[first].span.start(), tokens[end - 1].span.end()),
                        expr,
                        tense,
                        base,
                        post: None,
                        weekday,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    found
}

/// The weekday name that opens a date with its day ("Saturday, June 14"), if one does.
fn written_weekday(tokens: &[Token], first: usize, expr: DateExpr) -> Option<Weekday> {
    match expr {
        DateExpr::MonthDay { .. } if starts_weekday(tokens, first) => {
            weekday_from_name(tokens[first].text)
        }
        _ => None,
    }
}

/// The folded word at `i`: borrowed when it needs no folding, as every word is looked at.
fn word<'t>(tokens: &[Token<'t>], i: usize) -> Option<Cow<'t, str>> {
    tokens
        .get(i)
        .filter(|t| t.is_word())
        .map(|t| fold_cow(t.text))
}

/// Past forms that do not end in "-ed", the verbs news reports with most.
/// Only forms that are not also the present or the bare verb ("put", "cut", "read" are both).
const IRREGULAR_PAST: [&str; 80] = [
    "said", "told", "met", "was", "were", "had", "did", "went", "came", "took", "made", "gave",
    "held", "began", "won", "lost", "left", "saw", "spoke", "wrote", "fell", "rose", "got",
    "found", "sent", "brought", "kept", "became", "ran", "chose", "paid", "sold", "struck", "ago",
    "flew", "grew", "drew", "threw", "knew", "wore", "tore", "swore", "led", "fled", "fought",
    "bought", "thought", "caught", "taught", "sought", "stood", "ate", "drove", "rode", "broke",
    "stole", "froze", "woke", "shook", "forgot", "fed", "felt", "dealt", "meant", "spent", "lent",
    "built", "slept", "sat", "sang", "rang", "swam", "drank", "sank", "heard", "laid", "hung",
    "shot", "withdrew", "arose",
];

/// The tense each word marks, if it marks one: a modal or a "due to" looks ahead ("will",
/// "would", "is due on", "is expected to", "plans to"), a past form looks back ("met", "said",
/// "opened"). "would have" looks back: it is a past that did not happen.
fn verb_tenses(tokens: &[Token]) -> Vec<Option<Tense>> {
    let words: Vec<Option<Cow<str>>> = (0..tokens.len()).map(|i| word(tokens, i)).collect();
    let next_word = |i: usize| {
        words[i + 1..]
            .iter()
            .find_map(|w| w.as_deref())
            .unwrap_or("")
    };
    let mut tenses: Vec<Option<Tense>> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.as_deref()?;
            let future = match w {
                "will" | "shall" | "'ll" | "upcoming" | "scheduled" => true,
                "would" => next_word(i) != "have",
                "due" | "expected" | "set" | "plans" | "planned" | "plan" => {
                    matches!(next_word(i), "to" | "for" | "on" | "in")
                }
                // "is to open", "are meeting on": the present of an arrangement looks ahead.
                "is" | "are" | "am" => {
                    let next = next_word(i);
                    next == "to" || (next.len() > 4 && next.ends_with("ing") && next != "being")
                }
                _ => false,
            };
            // "has closed", "have been": the present perfect looks back.
            let perfect = matches!(w, "has" | "have") && {
                let next = next_word(i);
                next == "been" || is_past_form(next)
            };
            // "will be held", "was opened": a participle after an auxiliary leaves the tense to it.
            let after_auxiliary = i
                .checked_sub(1)
                .and_then(|p| words[p].as_deref())
                .is_some_and(|p| {
                    matches!(
                        p,
                        "be" | "been"
                            | "being"
                            | "have"
                            | "has"
                            | "had"
                            | "is"
                            | "are"
                            | "was"
                            | "were"
                    )
                });
            let past = perfect || (!after_auxiliary && is_past_form(w));
            if future {
                Some(Tense::Future)
            } else {
                past.then_some(Tense::Past)
            }
        })
        .collect();
    // "was expected to", "were due to": the auxiliary's past is when it was planned, not when.
    let mut next_marked: Option<Tense> = None;
    for i in (0..tenses.len()).rev() {
        let marked = tenses[i];
        if marked == Some(Tense::Past)
            && next_marked == Some(Tense::Future)
            && matches!(words[i].as_deref(), Some("was" | "were"))
            && words[i + 1..]
                .iter()
                .find_map(|w| w.as_deref())
                .is_some_and(|n| matches!(n, "expected" | "due" | "set" | "scheduled" | "planned"))
        {
            tenses[i] = None;
        }
        if words[i].is_some() {
            next_marked = marked;
        }
    }
    tenses
}

fn is_past_form(w: &str) -> bool {
    IRREGULAR_PAST.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
}

/// The tense of the verb group that governs the expression at `first..end`, within its own
/// clause: the nearest marked one before it ("said on Tuesday that it would open on May 3":
/// Tuesday looks back, May 3 ahead), or after it when it opens the clause ("On Friday, the
/// board will vote").
fn tense_around(governing: &Governing, first: usize, end: usize) -> Tense {
    governing.before[first]
        .or_else(|| governing.from.get(end).copied().flatten())
        .unwrap_or(Tense::Unmarked)
}

/// Whether the token ends one clause and starts another: "had closed in 2023; its archive opens
/// on May 3" is two clauses, and the past of the first says nothing of the second.
fn ends_clause(tokens: &[Token], i: usize) -> bool {
    let t = &tokens[i];
    t.is_punct(';')
        || t.is_punct('\u{2014}')
        || t.is_punct('\u{2013}')
        || (t.is_word()
            && matches!(
                fold_cow(t.text).as_ref(),
                "but" | "while" | "whereas" | "although" | "though"
            ))
}

/// For each token, the nearest marked tense before it and at or after it: found once per
/// sentence, as a sentence can hold as many dates as words.
struct Governing {
    before: Vec<Option<Tense>>,
    from: Vec<Option<Tense>>,
}

impl Governing {
    fn of(tenses: &[Option<Tense>], tokens: &[Token]) -> Self {
        let boundary = |i: usize| ends_clause(tokens, i);
        let before = tenses
            .iter()
            .enumerate()
            .scan(None, |last, (i, t)| {
                let seen = *last;
                *last = if boundary(i) { None } else { t.or(*last) };
                Some(seen)
            })
            .collect();
        let mut from: Vec<Option<Tense>> = tenses
            .iter()
            .enumerate()
            .rev()
            .scan(None, |last, (i, t)| {
                if boundary(i) {
                    *last = None;
                    return Some(None);
                }
                *last = t.or(*last);
                Some(*last)
            })
            .collect();
        from.reverse();
        Self { before, from }
    }
}

/// Relation words before a month or weekday, and how far back the expression starts.
fn relation_before(tokens: &[Token], i: usize) -> (Relation, usize) {
    match i.checked_sub(1).and_then(|p| word(tokens, p)).as_deref() {
        Some("last" | "past" | "previous") => (Relation::Last, i - 1),
        Some("this") => (Relation::This, i - 1),
        Some("next" | "coming") => (Relation::Next, i - 1),
        _ => (Relation::Nearest, i),
    }
}

/// The first token of an expression: relation words ("last", "this", "earlier this") belong to
/// it, prepositions do not.
fn expression_start(tokens: &[Token], i: usize, expr: DateExpr) -> usize {
    match expr {
        DateExpr::Month { .. } | DateExpr::Weekday { .. } => relation_before(tokens, i).1,
        _ => i,
    }
}

/// "2025-10-13T21:00:00Z", "2024-06-04T09:15": a machine-written stamp, whose day is its date.
fn iso_date_time(text: &str) -> Option<PartialDate> {
    let (day, time) = text.split_once('T')?;
    if !time.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    day.parse::<PartialDate>()
        .ok()
        .filter(|d| d.precision() == crate::calendar::Precision::Day)
}

fn number(tokens: &[Token], i: usize) -> Option<i32> {
    let t = tokens.get(i).filter(|t| t.kind == TokenKind::Number)?;
    let digits: String = t.text.chars().take_while(char::is_ascii_digit).collect();
    let suffix = &t.text[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

fn year(tokens: &[Token], i: usize) -> Option<i32> {
    let t = tokens.get(i)?;
    (t.kind == TokenKind::Number && t.text.len() == 4 && t.text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.text.parse().ok())
        .flatten()
        .filter(|y| (1000..=2999).contains(y))
}

fn day(tokens: &[Token], i: usize) -> Option<i8> {
    number(tokens, i)
        .filter(|d| (1..=31).contains(d))
        .map(|d| d as i8)
}

/// A month name at `i` (capitalised; "May" only where a number or a date preposition shows it is
/// a month), and the index after it (past the dot of "Feb.").
fn month_at(tokens: &[Token], i: usize) -> Option<(i8, usize)> {
    let t = tokens
        .get(i)
        .filter(|t| t.is_word() && is_capitalised(t.text))?;
    let month = month_from_name(t.text)?;
    let mut end = i + 1;
    let abbreviated =
        t.text.chars().count() <= 4 && !matches!(fold(t.text).as_str(), "may" | "june" | "july");
    if abbreviated
        && tokens
            .get(end)
            .is_some_and(|d| d.is_punct('.') && !d.space_before)
    {
        end += 1;
    }
    Some((month, end))
}

fn is_month_context(tokens: &[Token], i: usize) -> bool {
    matches!(
        i.checked_sub(1).and_then(|p| word(tokens, p)).as_deref(),
        Some(
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "of"
                | "from"
                | "during"
                | "early"
                | "late"
                | "mid"
                | "last"
                | "next"
                | "this"
                | "before"
                | "after"
                | "through"
                | "throughout"
        )
    )
}

/// Which field of a slashed date ("08/05/2025") is the day. Dotted dates ("8.05.2025") are
/// always day first: no convention writes the month first with dots.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlashedOrder {
    DayFirst,
    MonthFirst,
    /// Nothing in the text shows which: "08/05/2025" is then not read at all, as either reading
    /// would be a guess, and a wrong day is worse than a missing one.
    Unknown,
}

/// The fields of "8.05.2025" or "08/05/2025": (first, second, year, separator). Both separators
/// must be the same, the year four digits: "1.2.3", "3.5", "14.40" and phone numbers are not it.
fn numeric_fields(text: &str) -> Option<(i32, i32, i32, char)> {
    let separator = text.chars().find(|c| matches!(c, '.' | '/'))?;
    let mut parts = text.split(separator);
    let (first, second, year) = (parts.next()?, parts.next()?, parts.next()?);
    let short = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    if parts.next().is_some()
        || !short(first)
        || !short(second)
        || year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    Some((
        first.parse().ok()?,
        second.parse().ok()?,
        year.parse().ok()?,
        separator,
    ))
}

/// The convention of the text's slashed dates, from one whose first or second field cannot be a
/// month. A text that shows both (or neither) decides nothing.
fn slashed_order(text: &str) -> SlashedOrder {
    if !text.contains('/') {
        return SlashedOrder::Unknown;
    }
    let (mut day_first, mut month_first) = (false, false);
    for word in text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')')) {
        let word = word.trim_end_matches(['.', ':']);
        if let Some((first, second, _, '/')) = numeric_fields(word) {
            day_first |= first > 12 && (1..=12).contains(&second);
            month_first |= second > 12 && (1..=12).contains(&first);
        }
    }
    match (day_first, month_first) {
        (true, false) => SlashedOrder::DayFirst,
        (false, true) => SlashedOrder::MonthFirst,
        _ => SlashedOrder::Unknown,
    }
}

/// "8.05.2025", "27/01/2025" (day first), "01/27/2025" (month first), or "08/05/2025" read in the
/// text's convention.
fn numeric_date(text: &str, order: SlashedOrder) -> Option<PartialDate> {
    let (first, second, year, separator) = numeric_fields(text)?;
    let (day, month) = if separator == '.' || first > 12 {
        (first, second)
    } else if second > 12 {
        (second, first)
    } else {
        match order {
            SlashedOrder::DayFirst => (first, second),
            SlashedOrder::MonthFirst => (second, first),
            SlashedOrder::Unknown => return None,
        }
    };
    PartialDate::day(year, month, day).filter(|_| (1000..=2999).contains(&year))
}

/// Recognise the expression starting at token `i`: its end (exclusive) and its meaning.
fn recognise(tokens: &[Token], i: usize, order: SlashedOrder) -> Option<(usize, DateExpr)> {
    let t = tokens.get(i)?;
    if t.kind == TokenKind::Number {
        if let Some(date) = t
            .text
            .parse::<PartialDate>()
            .ok()
            .filter(|d| d.precision() == crate::calendar::Precision::Day)
            .or_else(|| numeric_date(t.text, order))
            .or_else(|| iso_date_time(t.text))
        {
            return Some((i + 1, DateExpr::Absolute(date)));
        }
        // "26 April 2025", "26 April", "the 26th of April"
        if let Some(d) = day(tokens, i) {
            let month_index = if word(tokens, i + 1).as_deref() == Some("of") {
                i + 2
            } else {
                i + 1
            };
            if let Some((month, end)) = month_at(tokens, month_index) {
                return Some(with_year(tokens, end, month, d));
            }
        }
        if let Some(y) = year(tokens, i).filter(|_| is_year_context(tokens, i)) {
            return Some((i + 1, DateExpr::Absolute(PartialDate::year(y)?)));
        }
        return None;
    }
    if !t.is_word() {
        return None;
    }
    if let Some((month, end)) = month_at(tokens, i) {
        // "April 26", "April 26, 2025", "Feb. 28"
        if let Some(d) = day(tokens, end).filter(|_| {
            tokens
                .get(end)
                .is_some_and(|n| !n.text.contains(['-', ':', '.', ',']))
        }) {
            return Some(with_year(tokens, end + 1, month, d));
        }
        let may_is_verb = month == 5 && !is_month_context(tokens, i);
        if may_is_verb {
            return None;
        }
        // "February 2025"
        if let Some(y) = year(tokens, end) {
            return Some((
                end + 1,
                DateExpr::Absolute(PartialDate::month(y, i32::from(month))?),
            ));
        }
        // "February this year", "February last year"
        let year_offset = match (
            word(tokens, end).as_deref(),
            word(tokens, end + 1).as_deref(),
        ) {
            (Some("this"), Some("year")) => Some(0),
            (Some("last"), Some("year")) => Some(-1),
            (Some("next"), Some("year")) => Some(1),
            _ => None,
        };
        let end = if year_offset.is_some() { end + 2 } else { end };
        let (relation, _) = relation_before(tokens, i);
        return Some((
            end,
            DateExpr::Month {
                month,
                relation,
                year_offset,
            },
        ));
    }
    if is_capitalised(t.text)
        && let Some(weekday) = weekday_from_name(t.text)
    {
        // "Saturday, April 26": the date says more than the weekday. So does a date after a
        // few more weekday names ("Monday, Tuesday, April 26"), looked for past a week of them
        // at most: recursing, or looking along the whole run from each of its weekdays, would
        // cost stack or time in proportion to a run that can be as long as the text.
        const WEEKDAY_NAMES_BEFORE_A_DATE: usize = 7;
        let mut next = i;
        for _ in 0..WEEKDAY_NAMES_BEFORE_A_DATE {
            next += 1;
            if tokens.get(next).is_some_and(|n| n.is_punct(',')) {
                next += 1;
            }
            if !starts_weekday(tokens, next) {
                break;
            }
        }
        // Called on a token that is not a weekday name, `recognise` goes no deeper.
        if !starts_weekday(tokens, next)
            && let Some((end, expr)) = recognise(tokens, next, order)
                .filter(|(_, e)| !matches!(e, DateExpr::Weekday { .. }))
        {
            return Some((end, expr));
        }
        let (relation, _) = relation_before(tokens, i);
        return Some((i + 1, DateExpr::Weekday { weekday, relation }));
    }
    relative(tokens, i)
}

/// Whether [`recognise`] at `i` reads a weekday name (and would look past it for a date).
fn starts_weekday(tokens: &[Token], i: usize) -> bool {
    tokens.get(i).is_some_and(|t| {
        t.kind != TokenKind::Number
            && t.is_word()
            && month_at(tokens, i).is_none()
            && is_capitalised(t.text)
            && weekday_from_name(t.text).is_some()
    })
}

/// After a day and month: an optional ", 2025".
fn with_year(tokens: &[Token], end: usize, month: i8, day: i8) -> (usize, DateExpr) {
    let comma = tokens.get(end).is_some_and(|t| t.is_punct(','));
    let year_at = if comma { end + 1 } else { end };
    if let Some(date) =
        year(tokens, year_at).and_then(|y| PartialDate::day(y, i32::from(month), i32::from(day)))
    {
        return (year_at + 1, DateExpr::Absolute(date));
    }
    (end, DateExpr::MonthDay { month, day })
}

/// A four-digit number is a year after a date preposition ("in 2014", "the 2014 annexation")
/// or before a possessive ("2022's invasion").
fn is_year_context(tokens: &[Token], i: usize) -> bool {
    let before = i.checked_sub(1).and_then(|p| word(tokens, p));
    let after = tokens.get(i + 1);
    // "between 2019 and 2022", "from 2019 to 2022", "goes back to 2019"; but not "and 1500
    // troops" or "rose to 1500".
    let second_of_range = matches!(before.as_deref(), Some("and" | "to"))
        && i >= 2
        && (year(tokens, i - 2).is_some() || word(tokens, i - 2).as_deref() == Some("back"));
    second_of_range
        || matches!(
            before.as_deref(),
            Some(
                "in" | "since"
                    | "from"
                    | "until"
                    | "till"
                    | "by"
                    | "of"
                    | "before"
                    | "after"
                    | "during"
                    | "the"
                    | "early"
                    | "late"
                    | "mid"
                    | "end"
                    | "between"
                    | "through"
                    | "around"
                    | "spring"
                    | "summer"
                    | "autumn"
                    | "fall"
                    | "winter"
            )
        )
        || after.is_some_and(|t| t.kind == TokenKind::Possessive)
}

const SMALL_NUMBERS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// "yesterday", "last week", "this year", "earlier this month", "two weeks ago".
fn relative(tokens: &[Token], i: usize) -> Option<(usize, DateExpr)> {
    let w = word(tokens, i)?;
    let unit_at = |j: usize| -> Option<Unit> {
        match word(tokens, j)?.as_ref() {
            "week" | "weekend" => Some(Unit::Week),
            "month" => Some(Unit::Month),
            "year" => Some(Unit::Year),
            _ => None,
        }
    };
    let rel = |unit: Unit, offset: i8| DateExpr::Relative { unit, offset };
    match w.as_ref() {
        "yesterday" => return Some((i + 1, rel(Unit::Day, -1))),
        "today" | "tonight" => return Some((i + 1, rel(Unit::Day, 0))),
        "tomorrow" => return Some((i + 1, rel(Unit::Day, 1))),
        "last" | "past" | "previous" => return unit_at(i + 1).map(|u| (i + 2, rel(u, -1))),
        "this" | "current" => return unit_at(i + 1).map(|u| (i + 2, rel(u, 0))),
        "next" | "coming" => return unit_at(i + 1).map(|u| (i + 2, rel(u, 1))),
        "earlier" | "later" if word(tokens, i + 1).as_deref() == Some("this") => {
            return unit_at(i + 2).map(|u| (i + 3, rel(u, 0)));
        }
        "the" => return chained_after_the(tokens, i),
        _ => {}
    }
    // "two weeks ago", "3 days ago", "a year ago"
    let count = SMALL_NUMBERS
        .iter()
        .position(|n| *n == w)
        .map(|n| n as i32 + 1)
        .or_else(|| number(tokens, i).filter(|n| *n <= 60))
        .or_else(|| (w == "a").then_some(1))?;
    let unit = match word(tokens, i + 1)?.trim_end_matches('s') {
        "day" => Unit::Day,
        "week" => Unit::Week,
        "month" => Unit::Month,
        "year" => Unit::Year,
        _ => return None,
    };
    let count = count.min(60) as i8;
    match (word(tokens, i + 2).as_deref(), unit) {
        (Some("ago"), _) => Some((i + 3, rel(unit, -count))),
        // "two days later", "a week earlier": counted from the narrative's last day.
        (Some("later"), Unit::Day | Unit::Week) => Some((
            i + 3,
            DateExpr::Chained {
                unit,
                offset: count,
            },
        )),
        (Some("earlier"), Unit::Day | Unit::Week) => Some((
            i + 3,
            DateExpr::Chained {
                unit,
                offset: -count,
            },
        )),
        _ => None,
    }
}

/// "the next day", "the following week", "the previous day", "the day before": the day or week
/// beside the one the narrative last named. "the day before the vote" counts from the vote, not
/// from a date, and is not read.
fn chained_after_the(tokens: &[Token], i: usize) -> Option<(usize, DateExpr)> {
    let unit_at = |j: usize| match word(tokens, j).as_deref() {
        Some("day") => Some(Unit::Day),
        Some("week") => Some(Unit::Week),
        _ => None,
    };
    let chained = |unit, offset| DateExpr::Chained { unit, offset };
    let next = word(tokens, i + 1)?;
    match next.as_ref() {
        "next" | "following" => unit_at(i + 2).map(|u| (i + 3, chained(u, 1))),
        "previous" | "preceding" => unit_at(i + 2).map(|u| (i + 3, chained(u, -1))),
        "day" => {
            let offset = match word(tokens, i + 2).as_deref() {
                Some("before") => -1,
                Some("after") => 1,
                _ => return None,
            };
            let ends_phrase = tokens.get(i + 3).is_none_or(|t| !t.is_word());
            ends_phrase.then(|| (i + 3, chained(Unit::Day, offset)))
        }
        _ => None,
    }
}

/// The date an expression names against a day or a year. Against a year, only the expressions
/// that name their month resolve: a date whose written weekday falls on another day that year
/// belongs to another year, and stays unresolved.
fn resolve_against(
    expr: DateExpr,
    anchor: Option<Anchor>,
    tense: Tense,
    weekday: Option<Weekday>,
) -> Option<PartialDate> {
    let year = match anchor {
        Some(Anchor::Year(year)) => i32::from(year),
        Some(Anchor::Day(day)) => return resolve(expr, Some(day), tense),
        None => return resolve(expr, None, tense),
    };
    match expr {
        DateExpr::Absolute(date) => Some(date),
        DateExpr::MonthDay { month, day } => {
            let date = PartialDate::day(year, i32::from(month), i32::from(day))?;
            let fits = weekday.is_none_or(|w| date.to_date().is_some_and(|d| d.weekday() == w));
            fits.then_some(date)
        }
        DateExpr::Month {
            month,
            year_offset: Some(offset),
            ..
        } => PartialDate::month(year + i32::from(offset), i32::from(month)),
        DateExpr::Month {
            month,
            relation: Relation::Nearest | Relation::This,
            year_offset: None,
        } => PartialDate::month(year, i32::from(month)),
        DateExpr::Relative {
            unit: Unit::Year,
            offset,
        } => PartialDate::year(year + i32::from(offset)),
        // "last February", "on Friday", "yesterday" count from a day the text did not give.
        _ => None,
    }
}

/// The date an expression names, given the article's date.
pub fn resolve(expr: DateExpr, anchor: Option<Date>, tense: Tense) -> Option<PartialDate> {
    if let DateExpr::Absolute(date) = expr {
        return Some(date);
    }
    let anchor = anchor?;
    let (year, month) = (i32::from(anchor.year()), i32::from(anchor.month()));
    match expr {
        DateExpr::Absolute(date) => Some(date),
        DateExpr::MonthDay { month: m, day: d } => {
            let candidate = PartialDate::day(year, i32::from(m), i32::from(d))?.to_date()?;
            let days = (candidate - anchor).get_days();
            let shifted = match tense {
                Tense::Past if days > 7 => year - 1,
                Tense::Future if days < -7 => year + 1,
                Tense::Unmarked if days > 182 => year - 1,
                Tense::Unmarked if days < -183 => year + 1,
                _ => year,
            };
            PartialDate::day(shifted, i32::from(m), i32::from(d))
        }
        DateExpr::Month {
            month: m,
            relation,
            year_offset,
        } => {
            let m = i32::from(m);
            let y = match (year_offset, relation) {
                (Some(offset), _) => year + i32::from(offset),
                (None, Relation::This) => year,
                (None, Relation::Last) => {
                    if m < month {
                        year
                    } else {
                        year - 1
                    }
                }
                (None, Relation::Next) => {
                    if m > month {
                        year
                    } else {
                        year + 1
                    }
                }
                (None, Relation::Nearest) => match tense {
                    // Half a year either way: the nearer one, the past one on a tie.
                    Tense::Unmarked => {
                        if m - month >= 6 {
                            year - 1
                        } else if m - month < -6 {
                            year + 1
                        } else {
                            year
                        }
                    }
                    Tense::Past => {
                        if m <= month {
                            year
                        } else {
                            year - 1
                        }
                    }
                    Tense::Future => {
                        if m >= month {
                            year
                        } else {
                            year + 1
                        }
                    }
                },
            };
            PartialDate::month(y, m)
        }
        DateExpr::Weekday { weekday, relation } => {
            let back = i64::from(
                (anchor.weekday().to_monday_zero_offset() - weekday.to_monday_zero_offset())
                    .rem_euclid(7),
            );
            let forward = (7 - back) % 7;
            let days = match (relation, tense) {
                (Relation::Last, _) => -(if back == 0 { 7 } else { back }),
                (Relation::Next, _) => {
                    if forward == 0 {
                        7
                    } else {
                        forward
                    }
                }
                (Relation::This | Relation::Nearest, Tense::Future) => forward,
                (Relation::This | Relation::Nearest, Tense::Past | Tense::Unmarked) => -back,
            };
            Some(anchor.checked_add(days.days()).ok()?.into())
        }
        DateExpr::Relative { unit, offset } => {
            let offset = i64::from(offset);
            match unit {
                Unit::Day => Some(anchor.checked_add(offset.days()).ok()?.into()),
                Unit::Week => {
                    // The week's Thursday decides its month, as ISO weeks decide their year.
                    let monday = anchor
                        .checked_sub(i64::from(anchor.weekday().to_monday_zero_offset()).days())
                        .ok()?;
                    let thursday = monday.checked_add((7 * offset + 3).days()).ok()?;
                    PartialDate::month(i32::from(thursday.year()), i32::from(thursday.month()))
                }
                Unit::Month => {
                    let first = anchor.first_of_month().checked_add(offset.months()).ok()?;
                    PartialDate::month(i32::from(first.year()), i32::from(first.month()))
                }
                Unit::Year => PartialDate::year(year + offset as i32),
            }
        }
        // Counted from the narrative's last day, which only the mention knows.
        DateExpr::Chained { .. } => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use crate::lexicon::Lexicon;

    /// (expression text, resolved date) for each expression in `text`, anchored on `anchor`.
    fn dates(text: &str, anchor: &str) -> Vec<(String, String)> {
        let lexicon = Lexicon::builtin();
        let corpus = Corpus::from_texts([("t.txt", text)], lexicon);
        let article = &corpus.articles[0];
        let anchor: Date = anchor.parse().unwrap();
        find_dates(article)
            .into_iter()
            .map(|m| {
                let value = m
                    .resolve(Some(anchor))
                    .map_or("?".into(), |d| d.to_string());
                (m.span.slice(&article.text).to_owned(), value)
            })
            .collect()
    }

    fn one(text: &str, anchor: &str) -> (String, String) {
        let found = dates(text, anchor);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn absolute_forms() {
        let a = "2025-04-26";
        assert_eq!(
            one("The meeting took place on 2025-04-26 in Rome.", a).1,
            "2025-04-26"
        );
        assert_eq!(
            one("They met on 26 April 2025 at the Vatican.", a).1,
            "2025-04-26"
        );
        assert_eq!(
            one("They met on April 26, 2025 at the Vatican.", a).1,
            "2025-04-26"
        );
        assert_eq!(
            one("Russia annexed Crimea in 2014.", a),
            ("2014".into(), "2014".into())
        );
        assert_eq!(one("It began in February 2022.", a).1, "2022-02");
        assert_eq!(one("He will speak on the 8th of May.", a).1, "2025-05-08");
        assert_eq!(one("He spoke on the 8th of May.", a).1, "2024-05-08");
        let range = dates("He served between 2019 and 2022.", a);
        assert_eq!(
            range.iter().map(|(_, d)| d.as_str()).collect::<Vec<_>>(),
            vec!["2019", "2022"]
        );
    }

    #[test]
    fn a_run_of_weekday_names_reads_the_date_after_it() {
        let a = "2025-04-26";
        let (text, date) = one("They met on Monday, Tuesday, April 22, 2025 in Oslo.", a);
        assert_eq!(
            (text.as_str(), date.as_str()),
            ("Monday, Tuesday, April 22, 2025", "2025-04-22")
        );
        // A run as long as the text is read without running out of stack.
        let long = format!("Officials met on {}and left.", "Monday, ".repeat(30_000));
        let found = dates(&long, a);
        assert!(!found.is_empty());
    }

    #[test]
    fn month_and_day_take_the_anchor_year() {
        let a = "2025-04-26";
        assert_eq!(
            one("Trump met him on April 26.", a),
            ("April 26".into(), "2025-04-26".into())
        );
        assert_eq!(
            one("The talks of Feb. 28 ended badly.", a),
            ("Feb. 28".into(), "2025-02-28".into())
        );
        assert_eq!(
            one("The talks of December 20 ended badly.", a).1,
            "2024-12-20"
        );
        assert_eq!(
            one("The ceasefire will begin on May 11.", a).1,
            "2025-05-11"
        );
    }

    #[test]
    fn months_lean_to_the_past_unless_the_sentence_looks_ahead() {
        let a = "2025-04-26";
        assert_eq!(
            one("It was their first meeting since the clash in February.", a).1,
            "2025-02"
        );
        assert_eq!(one("It happened at the end of February.", a).1, "2025-02");
        assert_eq!(
            one("They fell out last February.", a),
            ("last February".into(), "2025-02".into())
        );
        assert_eq!(
            one(
                "Their first since a tense meeting in February this year.",
                a
            ),
            ("February this year".into(), "2025-02".into())
        );
        assert_eq!(one("The vote was held in October.", a).1, "2024-10");
        assert_eq!(
            one("Elections will be held in March next year.", a).1,
            "2026-03"
        );
        assert_eq!(one("Elections will be held in October.", a).1, "2025-10");
    }

    #[test]
    fn weekdays() {
        assert_eq!(
            one("The spokesman said on Saturday.", "2025-04-26").1,
            "2025-04-26"
        );
        assert_eq!(
            one("Trump said on Friday that talks went well.", "2025-04-26").1,
            "2025-04-25"
        );
        assert_eq!(
            one("On Monday at the White House, leaders met.", "2025-08-18").1,
            "2025-08-18"
        );
        assert_eq!(
            one("The match will start on Thursday.", "1996-08-30").1,
            "1996-09-05"
        );
        assert_eq!(one("They met last Friday.", "2025-04-25").1, "2025-04-18");
    }

    #[test]
    fn relative_expressions() {
        let a = "2025-04-26";
        assert_eq!(one("The deal collapsed last week.", a).1, "2025-04");
        assert_eq!(
            one("It came after last week's meeting in Alaska.", "2025-08-18").1,
            "2025-08"
        );
        assert_eq!(one("Prices rose this year.", a).1, "2025");
        assert_eq!(
            one("Earlier this month, the envoy visited.", a),
            ("Earlier this month".into(), "2025-04".into())
        );
        assert_eq!(one("The talks failed two weeks ago.", a).1, "2025-04");
        assert_eq!(one("He arrived yesterday.", a).1, "2025-04-25");
    }

    #[test]
    fn numbers_and_names_are_not_dates() {
        let a = "2025-04-26";
        for text in [
            "The 15-minute meeting was constructive.",
            "Shelling caused more than 10 Ukrainian casualties.",
            "Somerset 83 and 174 (P. Simmons 4-38), Leicestershire 296.",
            "Graf beat Sabatini 6-4 6-3.",
            "Theresa May said the vote would happen.",
            "Some 2,000 people and 1500 troops came.",
            "They may march on Sunday.",
        ] {
            let found: Vec<_> = dates(text, a)
                .into_iter()
                .filter(|(t, _)| t != "Sunday")
                .collect();
            assert!(found.is_empty(), "{text}: {found:?}");
        }
    }

    #[test]
    fn each_date_takes_the_tense_of_its_own_verb_group() {
        let a = "2024-07-10";
        let found = dates(
            "The union said on Monday that it would hold a strike ballot on August 19.",
            a,
        );
        let values: Vec<&str> = found.iter().map(|(_, d)| d.as_str()).collect();
        assert_eq!(values, ["2024-07-08", "2024-08-19"], "{found:?}");
        assert_eq!(one("The report is due on August 2.", a).1, "2024-08-02");
        assert_eq!(
            one("The panel is expected to rule on September 3.", a).1,
            "2024-09-03"
        );
        assert_eq!(
            one("The two ministers will meet on Friday.", a).1,
            "2024-07-12"
        );
        assert_eq!(one("The two ministers met on Friday.", a).1, "2024-07-05");
        assert_eq!(
            one("In August, the ferry was expected to carry more cars.", a).1,
            "2024-08"
        );
        assert_eq!(
            one("On Friday, the board will vote on the merger.", a).1,
            "2024-07-12"
        );
        // A past that did not happen still looks back.
        assert_eq!(
            one("The show would have opened on August 30.", a).1,
            "2023-08-30"
        );
    }

    #[test]
    fn the_verb_of_its_own_clause_decides_the_direction() {
        let a = "2031-03-10";
        // A past in an earlier clause says nothing of a present after it.
        let found = dates(
            "The old pier had shut in May 2029; its new terminal opens on March 24.",
            a,
        );
        assert_eq!(found[1].1, "2031-03-24", "{found:?}");
        let found = dates(
            "The depot closed on March 2, but the new one is opening on March 20.",
            a,
        );
        assert_eq!(found[1].1, "2031-03-20", "{found:?}");
        // Forward: a present of an arrangement, a modal, "due", "is to".
        assert_eq!(
            one("The new terminal opens on March 24.", a).1,
            "2031-03-24"
        );
        assert_eq!(
            one("The choir is performing on March 22.", a).1,
            "2031-03-22"
        );
        assert_eq!(
            one("The mayor is to sign it on March 30.", a).1,
            "2031-03-30"
        );
        assert_eq!(
            one("The board would decide on March 28.", a).1,
            "2031-03-28"
        );
        assert_eq!(one("The ruling is due on March 19.", a).1, "2031-03-19");
        assert_eq!(one("The crews will return in April.", a).1, "2031-04");
        // Back: a past, a present perfect, an irregular past.
        assert_eq!(one("The ferry sailed on March 24.", a).1, "2030-03-24");
        assert_eq!(
            one("The council has approved it on March 20.", a).1,
            "2030-03-20"
        );
        assert_eq!(one("The mayor flew to the coast in June.", a).1, "2030-06");
        // No tense at all: the nearest one to the anchor.
        assert_eq!(one("Talks on March 24.", a).1, "2031-03-24");
        assert_eq!(one("Talks on December 24.", a).1, "2030-12-24");
        assert_eq!(one("Protests in May.", a).1, "2031-05");
        assert_eq!(one("Protests in November.", a).1, "2030-11");
        // A bare weekday with no tense still means the last one.
        assert_eq!(one("Protests on Friday.", a).1, "2031-03-07");
    }

    #[test]
    fn chained_relatives_count_from_the_last_day_the_text_named() {
        let a = "2024-03-20";
        let found = dates(
            "The river burst its banks on 11 March 2024. \
             The army arrived the next day. \
             Two days later the water fell. \
             A warning had gone out a day earlier.",
            a,
        );
        let values: Vec<(&str, &str)> = found
            .iter()
            .map(|(t, d)| (t.as_str(), d.as_str()))
            .collect();
        assert_eq!(
            values,
            [
                ("11 March 2024", "2024-03-11"),
                ("the next day", "2024-03-12"),
                ("Two days later", "2024-03-14"),
                ("a day earlier", "2024-03-13"),
            ]
        );
        assert_eq!(
            dates(
                "Talks opened on Monday. They broke down the day before, aides said.",
                a
            )[1]
            .1,
            "2024-03-17"
        );
        assert_eq!(
            dates(
                "Talks opened on 4 March 2024. A deal came the following week.",
                a
            )[1]
            .1,
            "2024-03"
        );
    }

    #[test]
    fn a_chain_with_no_day_before_it_stays_unresolved() {
        let a = "2024-03-20";
        // A month names no day to count from; nor does an event.
        assert_eq!(
            dates("Floods came in February. The army arrived the next day.", a)[1].1,
            "?"
        );
        assert!(dates("Crowds gathered the day before the vote.", a).is_empty());
        let far = dates(
            "Floods came on 4 March 2024.\n\nThe valley is old.\n\nA mill was built the next day.",
            a,
        );
        assert_eq!(far[1].1, "?", "{far:?}");
    }

    #[test]
    fn dotted_numeric_dates_are_day_first() {
        let a = "2024-06-20";
        assert_eq!(
            one("The mill reopened on 3.04.2024 after repairs.", a),
            ("3.04.2024".into(), "2024-04-03".into())
        );
        assert_eq!(one("Tenders closed on 28.02.2024.", a).1, "2024-02-28");
    }

    #[test]
    fn slashed_numeric_dates_follow_the_texts_convention() {
        let a = "2024-06-20";
        // A day over 12 shows itself, and tells how the text writes the others.
        assert_eq!(one("The fair ended on 21/05/2024.", a).1, "2024-05-21");
        let both = dates(
            "Bids opened on 19/03/2024. The winner was named on 04/06/2024.",
            a,
        );
        assert_eq!(both[1].1, "2024-06-04", "{both:?}");
        let american = dates(
            "Bids opened on 03/19/2024. The winner was named on 04/06/2024.",
            a,
        );
        assert_eq!(american[1].1, "2024-04-06", "{american:?}");
        // Nothing decides "04/06/2024": it is not read rather than guessed.
        assert!(dates("The winner was named on 04/06/2024.", a).is_empty());
    }

    #[test]
    fn numbers_with_dots_are_not_numeric_dates() {
        let a = "2024-06-20";
        for text in [
            "The ferry left at 14.40 and arrived at 16.05.",
            "Version 2.10.3 fixed the bug.",
            "Growth reached 3.5 per cent.",
            "Call 01.23.4567 for tickets.",
            "The home side won 3/1 on the night.",
        ] {
            assert!(dates(text, a).is_empty(), "{text}: {:?}", dates(text, a));
        }
    }

    #[test]
    fn a_year_anchor_resolves_only_what_names_its_month() {
        let lexicon = Lexicon::builtin();
        let text = "Crews laid the last rail on Monday, March 3, after the storm of February 27. \
                    They rested on Tuesday, March 3, and yesterday. The line opens in May. \
                    Work began last October, and it was also busy last year.";
        let corpus = Corpus::from_texts([("t.txt", text)], lexicon);
        let article = &corpus.articles[0];
        let found: Vec<(&str, Option<String>)> = find_dates(article)
            .iter()
            .map(|m| {
                (
                    m.span.slice(&article.text),
                    m.resolve_against(Some(Anchor::Year(2036)))
                        .map(|d| d.to_string()),
                )
            })
            .collect();
        let value = |t: &str| found.iter().find(|(x, _)| *x == t).map(|(_, v)| v.clone());
        // 3 March 2036 is a Monday.
        assert_eq!(value("Monday, March 3"), Some(Some("2036-03-03".into())));
        assert_eq!(value("Tuesday, March 3"), Some(None), "{found:?}");
        assert_eq!(value("February 27"), Some(Some("2036-02-27".into())));
        assert_eq!(value("May"), Some(Some("2036-05".into())));
        assert_eq!(value("last year"), Some(Some("2035".into())));
        assert_eq!(value("yesterday"), Some(None));
        assert_eq!(value("last October"), Some(None));
    }

    #[test]
    fn unanchored_relative_dates_stay_unresolved() {
        let expr = DateExpr::Weekday {
            weekday: Weekday::Friday,
            relation: Relation::Nearest,
        };
        assert_eq!(resolve(expr, None, Tense::Past), None);
        let year = DateExpr::Absolute(PartialDate::year(2014).unwrap());
        assert_eq!(resolve(year, None, Tense::Past), PartialDate::year(2014));
    }
}
