//! Live blogs: a page of posts, each under a stamp line that says when it was written ("Sat 4 May
//! 2024 · 10.05 CEST", "14:05 GMT", "2024-06-04T09:15Z").
//!
//! What makes a page a live blog is its layout, not its words: at least [`MIN_STAMP_LINES`] lines
//! of its body are stamps, lines holding a date and/or a clock time (with a weekday, a time zone
//! and separators) and nothing else. One such line alone is a date line or a dateline left in
//! the body, and dates nothing below it. In a live blog, each stamp opens a post that runs to the
//! next stamp: its text was written on the stamp's day, and what it reports without a date of its
//! own happened then.

use std::ops::Range;

use crate::calendar::PartialDate;
use crate::corpus::{Article, BlockKind};
use crate::extract::dates::{DateMention, PostStamp};
use crate::lexicon::Lexicon;
use crate::stamp::is_stamp_text;
use crate::text::Span;

/// Two stamps make a sequence of posts; one is a date line that cleaning left in the body.
pub use crate::stamp::MIN_STAMP_LINES;

/// One post of a live blog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    /// The sentence of its stamp line.
    pub stamp: usize,
    /// Its sentences: after the stamp, up to the next stamp or the end of the article.
    pub sentences: Range<usize>,
    /// The date of its stamp, or of the nearest stamp above that has one when the stamp is only a
    /// clock time (the day heading of several "14:05 GMT" posts). `None`: the article's date.
    pub dated_by: Option<DateMention>,
    /// Where the post's date is written: the stamp's date, or the whole stamp line.
    pub stamp_span: Span,
}

impl Post {
    /// The post's day, given the article's date.
    pub fn date(&self, anchor: Option<jiff::civil::Date>) -> Option<PartialDate> {
        match &self.dated_by {
            Some(stamp) => stamp.resolve(anchor),
            None => anchor.map(PartialDate::from),
        }
    }
}

/// The posts of the article, when its layout is a live blog's (none otherwise). `mentions` are
/// its date expressions, in text order.
pub fn find_posts(article: &Article, mentions: &[DateMention], lexicon: &Lexicon) -> Vec<Post> {
    let stamps: Vec<(usize, Option<DateMention>)> = (0..article.sentences.len())
        .filter(|&s| is_stamp_line(article, s, lexicon))
        .map(|s| {
            let from = mentions.partition_point(|m| m.sentence < s);
            let own = mentions[from..].first().filter(|m| m.sentence == s);
            (s, own.copied())
        })
        .collect();
    if stamps.len() < MIN_STAMP_LINES {
        return Vec::new();
    }
    let mut posts = Vec::with_capacity(stamps.len());
    let mut day_heading: Option<DateMention> = None;
    for (i, &(stamp, date)) in stamps.iter().enumerate() {
        let end = stamps
            .get(i + 1)
            .map_or(article.sentences.len(), |&(next, _)| next);
        day_heading = date.or(day_heading);
        let stamp_span = date.map_or(article.sentences[stamp].span, |own| own.span);
        posts.push(Post {
            stamp,
            sentences: stamp + 1..end,
            dated_by: day_heading,
            stamp_span,
        });
    }
    posts
}

/// Give each date expression written in a post the post's stamp, which its relative dates count
/// from.
pub fn stamp_post_dates(article: &Article, mentions: &mut [DateMention], lexicon: &Lexicon) {
    for post in find_posts(article, mentions, lexicon) {
        let Some(stamp) = post.dated_by else {
            continue;
        };
        let stamp = PostStamp {
            expr: stamp.expr,
            tense: stamp.tense,
        };
        let from = mentions.partition_point(|m| m.sentence < post.sentences.start);
        for m in mentions[from..]
            .iter_mut()
            .take_while(|m| m.sentence < post.sentences.end)
        {
            m.post = Some(stamp);
        }
    }
}

/// A line of the body that is a whole paragraph and holds only a stamp.
fn is_stamp_line(article: &Article, s: usize, lexicon: &Lexicon) -> bool {
    let Some(sentence) = article.sentences.get(s) else {
        return false;
    };
    let text = sentence.span.slice(&article.text).trim();
    let whole_paragraph = || {
        article
            .paragraphs
            .get(sentence.paragraph())
            .is_some_and(|p| p.span.slice(&article.text).trim() == text)
    };
    matches!(
        article.paragraph_kind(s),
        BlockKind::Body | BlockKind::Heading
    ) && is_stamp_text(text, lexicon)
        && whole_paragraph()
}
