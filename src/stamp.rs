//! Stamp lines: a line that says when, and nothing else ("Sat 4 May 2024 · 10.05 CEST", "14:05
//! GMT", "2024-06-04T09:15Z"). Cleaning reads them to tell a live blog's layout, the timeline to
//! date the posts under them.

use crate::calendar::{month_from_name, weekday_from_name};
use crate::lexicon::Lexicon;
use crate::text::{fold, is_capitalised};

/// Two stamps make a sequence of posts; one is a date line left in the body.
pub const MIN_STAMP_LINES: usize = 2;
/// A stamp is short: "Tuesday 4 June 2024 at 09.15 am BST" is a dozen tokens with its dots.
const LONGEST_STAMP_BYTES: usize = 64;

/// Whether `line` holds only a stamp: a date ("4 June 2024", "2024-06-04T09:15Z", "4.06.2024")
/// and/or a clock time, with a weekday, a time zone, "at" and separators, and nothing else.
pub fn is_stamp_text(line: &str, lexicon: &Lexicon) -> bool {
    const SEPARATORS: &[char] = &[
        '·', '|', ',', '•', '–', '—', '(', ')', '[', ']', '/', '-', ':', '.',
    ];
    if line.is_empty() || line.len() > LONGEST_STAMP_BYTES {
        return false;
    }
    let (mut month, mut day_or_year, mut numeric_date, mut clock) = (false, false, false, false);
    let pieces = line
        .split(|c: char| c.is_whitespace() || matches!(c, '·' | '|' | ',' | '•' | '–' | '—'))
        .map(|piece| piece.trim_matches(|c: char| !c.is_alphanumeric() && c != '.'))
        .filter(|piece| !piece.trim_matches(SEPARATORS).is_empty());
    for piece in pieces {
        if piece.starts_with(|c: char| c.is_ascii_digit()) {
            if is_clock_time(piece) {
                clock = true;
            } else if is_numeric_date(piece) {
                numeric_date = true;
            } else if is_day_or_year(piece) {
                day_or_year = true;
            } else {
                return false;
            }
            continue;
        }
        // "GMT+1", "UTC-05:00": a zone and its offset.
        let (word, offset) = match piece.split_once(['+', '-', '\u{2212}']) {
            Some((zone, offset)) => (zone, Some(offset)),
            None => (piece, None),
        };
        let offset_fits = offset.is_none_or(|o| {
            !o.is_empty() && o.len() <= 5 && o.chars().all(|c| c.is_ascii_digit() || c == ':')
        });
        let word = word.trim_end_matches('.');
        let is_month = offset.is_none() && month_from_name(word).is_some() && is_capitalised(word);
        month |= is_month;
        if !offset_fits || !(is_month || is_stamp_word(word, lexicon)) {
            return false;
        }
    }
    (month && day_or_year) || numeric_date || clock
}

/// Whether the line writes a time of day ("14:05", "9.15am").
pub fn has_clock_time(line: &str) -> bool {
    line.split(|c: char| c.is_whitespace() || matches!(c, '·' | '|' | ',' | '(' | ')'))
        .any(is_clock_time)
}

/// "2024-06-04", "04/06/2024", "4.06.2024", "2024-06-04T09:15".
fn is_numeric_date(text: &str) -> bool {
    let day = text.split_once('T').map_or(text, |(day, _)| day);
    let fields: Vec<&str> = day.split(['-', '/', '.']).collect();
    fields.len() == 3
        && fields
            .iter()
            .all(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
        && fields.iter().filter(|f| f.len() == 4).count() == 1
}

/// "4", "26th", "2024".
fn is_day_or_year(text: &str) -> bool {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| text.strip_suffix(suffix))
        .unwrap_or(text);
    digits.bytes().all(|b| b.is_ascii_digit())
        && match digits.len() {
            1 | 2 => digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)),
            4 => true,
            _ => false,
        }
}

/// Weekdays (also "Sun", which elsewhere is rarely the day), "am"/"pm", "at", and time zones
/// written in capitals.
fn is_stamp_word(word: &str, lexicon: &Lexicon) -> bool {
    let folded = fold(word);
    weekday_from_name(word).is_some()
        || matches!(folded.as_str(), "sun" | "am" | "pm" | "a.m" | "p.m" | "at")
        || (word.chars().all(|c| c.is_ascii_uppercase())
            && lexicon.time_zones.contains_folded(&folded))
}

/// "14:05", "09.15", "2.05pm", "9am", "16h30": a time of day.
fn is_clock_time(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let (digits, twelve_hour) = match lower
        .strip_suffix("am")
        .or_else(|| lower.strip_suffix("pm"))
    {
        Some(rest) => (rest, true),
        None => (lower.as_str(), false),
    };
    let number = |s: &str, width: std::ops::RangeInclusive<usize>| {
        (width.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let hour_fits = |h: u32| {
        if twelve_hour {
            (1..=12).contains(&h)
        } else {
            h <= 23
        }
    };
    match digits.split_once([':', '.', 'h']) {
        Some((hour, minute)) => {
            number(hour, 1..=2).is_some_and(hour_fits)
                && number(minute, 2..=2).is_some_and(|m| m <= 59)
        }
        None => twelve_hour && number(digits, 1..=2).is_some_and(hour_fits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamp_lines() {
        let lexicon = Lexicon::builtin();
        for stamp in [
            "Tue 4 Jun 2024 09.15",
            "Thu 6 Jun 2024 · 14:05 GMT",
            "14:05 GMT",
            "2024-06-04T09:15Z",
            "11.20am BST",
            "Friday 8 November 2024",
            "June 4, 2024 at 9:15 a.m. ET",
            "09:15 GMT+1",
            "4.06.2024 | 16h30",
        ] {
            assert!(is_stamp_text(stamp, lexicon), "{stamp}");
        }
        for not_stamp in [
            "Key moments",
            "June",
            "2024",
            "Updated 7 June 2024",
            "The ferry left at 14:05 GMT",
            "Score 3-1",
            "4 June 2024 West",
        ] {
            assert!(!is_stamp_text(not_stamp, lexicon), "{not_stamp}");
        }
    }

    #[test]
    fn clock_times() {
        for clock in [
            "14:05", "09.15", "2.05pm", "9am", "11:30PM", "16h30", "0:00",
        ] {
            assert!(is_clock_time(clock), "{clock}");
        }
        for not_clock in ["2024", "14.5", "25:00", "13pm", "3.14159", "12", "4-38"] {
            assert!(!is_clock_time(not_clock), "{not_clock}");
        }
    }
}
