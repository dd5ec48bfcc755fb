//! The Timeline pane's rows: events under year and month headings, with the gaps between them.

use jiff::civil::Date;

use crate::calendar::{PartialDate, Precision};
use crate::model::Model;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    Year(i16),
    Month(i16, i8),
    /// Time passing between two events ("8 months").
    Gap(String),
    /// The event at this position of the list's items.
    Event(usize),
}

/// The rows for `items` (event indices). Chronological items get headings and gaps; items
/// ranked by a filter are listed as they come.
pub fn rows(model: &Model, items: &[usize], chronological: bool) -> Vec<Row> {
    if !chronological {
        return (0..items.len()).map(Row::Event).collect();
    }
    let mut rows = Vec::with_capacity(items.len() * 2);
    let mut previous: Option<PartialDate> = None;
    for (position, &e) in items.iter().enumerate() {
        let date = model.events[e].date;
        if let Some(prev) = previous
            && let Some(gap) = gap_between(prev, date)
        {
            rows.push(Row::Gap(gap));
        }
        let year = date.year_number();
        if previous.is_none_or(|p| p.year_number() != year) {
            rows.push(Row::Year(year));
        }
        if let Some(month) = date.month_number() {
            let same_month = previous
                .is_some_and(|p| p.year_number() == year && p.month_number() == Some(month));
            if !same_month {
                rows.push(Row::Month(year, month));
            }
        }
        rows.push(Row::Event(position));
        previous = Some(date);
    }
    rows
}

/// "3 weeks", "8 months", "11 years" between two events, when it is worth showing (two weeks or
/// more).
fn gap_between(a: PartialDate, b: PartialDate) -> Option<String> {
    let (_, a_last) = a.bounds();
    let (b_first, _) = b.bounds();
    let days = (b_first - a_last).get_days();
    if days < 14 {
        return None;
    }
    Some(match days {
        14..=62 => format!("{} weeks", (days + 3) / 7),
        63..=730 => format!("{} months", (days + 15) / 30),
        _ => format!("{} years", (days + 182) / 365),
    })
}

/// The row that shows the item at `position`.
pub fn row_of(rows: &[Row], position: usize) -> usize {
    rows.iter()
        .position(|r| *r == Row::Event(position))
        .unwrap_or(0)
}

/// The first item of the next (or previous) month, or year, that has events.
pub fn jump(
    model: &Model,
    items: &[usize],
    cursor: usize,
    forward: bool,
    precision: Precision,
) -> usize {
    let key = |position: usize| {
        let date = model.events[items[position]].date;
        match precision {
            Precision::Year => (date.year_number(), 0),
            _ => (date.year_number(), date.month_number().unwrap_or(0)),
        }
    };
    if items.is_empty() {
        return 0;
    }
    let current = key(cursor);
    if forward {
        (cursor + 1..items.len())
            .find(|&p| key(p) != current)
            .unwrap_or(cursor)
    } else {
        // The start of the current month if we are inside it, else the start of the one before.
        let start_of = |p: usize| {
            let k = key(p);
            (0..=p)
                .rev()
                .take_while(|&q| key(q) == k)
                .last()
                .unwrap_or(p)
        };
        let start = start_of(cursor);
        if start < cursor {
            start
        } else if start == 0 {
            0
        } else {
            start_of(start - 1)
        }
    }
}

/// The item nearest to the date typed (YYYY, YYYY-MM or YYYY-MM-DD).
pub fn nearest(model: &Model, items: &[usize], target: PartialDate) -> Option<usize> {
    let (first, _) = target.bounds();
    let distance = |e: usize| -> i64 {
        let date = model.events[e].date;
        if target.contains(date) || date.contains(target) {
            return 0;
        }
        let (start, _): (Date, Date) = date.bounds();
        i64::from((start - first).get_days()).abs()
    };
    // A day typed finds that day's event before the month that holds it.
    let coarser = |e: usize| !target.contains(model.events[e].date);
    (0..items.len()).min_by_key(|&p| (distance(items[p]), coarser(items[p]), p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn gaps_in_words() {
        assert_eq!(gap_between(d("2025-02-28"), d("2025-03-02")), None);
        assert_eq!(
            gap_between(d("2025-02-28"), d("2025-04-26")),
            Some("8 weeks".into())
        );
        assert_eq!(
            gap_between(d("2025-04-26"), d("2025-08-18")),
            Some("4 months".into())
        );
        assert_eq!(gap_between(d("2014"), d("2022")), Some("7 years".into()));
    }
}
