//! Dates with the precision a text gives them: a year, a month or a day.

use std::fmt;
use std::str::FromStr;

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date known to the year, the month or the day.
///
/// Ordering sorts a coarser date before the finer dates it contains (2025 < 2025-02 < 2025-02-28),
/// which is the order a timeline shows them in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i16,
    month: Option<i8>,
    day: Option<i8>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

impl PartialDate {
    /// Years outside 1000..=2999 are refused: in news text they are counts, not years.
    pub fn year(year: i32) -> Option<Self> {
        (1000..=2999).contains(&year).then_some(Self {
            year: year as i16,
            month: None,
            day: None,
        })
    }

    pub fn month(year: i32, month: i32) -> Option<Self> {
        let mut date = Self::year(year)?;
        (1..=12).contains(&month).then(|| {
            date.month = Some(month as i8);
            date
        })
    }

    pub fn day(year: i32, month: i32, day: i32) -> Option<Self> {
        let date = Self::month(year, month)?;
        let valid = Date::new(date.year, month as i8, i8::try_from(day).ok()?).ok()?;
        Some(Self::from(valid))
    }

    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    pub fn year_number(self) -> i16 {
        self.year
    }

    pub fn month_number(self) -> Option<i8> {
        self.month
    }

    /// The full date, when the day is known.
    pub fn to_date(self) -> Option<Date> {
        Date::new(self.year, self.month?, self.day?).ok()
    }

    /// The same date with less precision.
    pub fn truncate(self, precision: Precision) -> Self {
        match precision {
            Precision::Year => Self {
                month: None,
                day: None,
                ..self
            },
            Precision::Month => Self { day: None, ..self },
            Precision::Day => self,
        }
    }

    /// Does `self` include `other` (2025-02 includes 2025-02-28; a date includes itself)?
    pub fn contains(self, other: Self) -> bool {
        other.precision() >= self.precision() && other.truncate(self.precision()) == self
    }

    /// Can both describe the same moment: one contains the other.
    pub fn compatible(self, other: Self) -> bool {
        self.contains(other) || other.contains(self)
    }

    /// First and last day of the period.
    pub fn bounds(self) -> (Date, Date) {
        let first = Date::new(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
            .unwrap_or(Date::MIN);
        let last = match (self.month, self.day) {
            (Some(_), Some(_)) => first,
            (Some(_), None) => first.last_of_month(),
            _ => Date::new(self.year, 12, 31).unwrap_or(Date::MAX),
        };
        (first, last)
    }
}

impl From<Date> for PartialDate {
    fn from(date: Date) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month()),
            day: Some(date.day()),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(month) = self.month {
            write!(f, "-{month:02}")?;
        }
        if let Some(day) = self.day {
            write!(f, "-{day:02}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")]
pub struct BadDate(pub String);

impl FromStr for PartialDate {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_owned());
        let parts: Vec<&str> = s.trim().split('-').collect();
        let number = |part: &str, width: usize| {
            (part.len() == width && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<i32>().ok())
                .flatten()
        };
        let parsed = match parts.as_slice() {
            [y] => Self::year(number(y, 4).ok_or_else(bad)?),
            [y, m] => Self::month(number(y, 4).ok_or_else(bad)?, number(m, 2).ok_or_else(bad)?),
            [y, m, d] => Self::day(
                number(y, 4).ok_or_else(bad)?,
                number(m, 2).ok_or_else(bad)?,
                number(d, 2).ok_or_else(bad)?,
            ),
            _ => None,
        };
        parsed.ok_or_else(bad)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// A day as (year, month, day) numbers, for the extraction cache's compact binary values (jiff
/// writes its dates as text, which costs a parse per date).
pub mod serde_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(date: &Date, serializer: S) -> Result<S::Ok, S::Error> {
        (date.year(), date.month(), date.day()).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let (year, month, day) = <(i16, i8, i8)>::deserialize(deserializer)?;
        Date::new(year, month, day).map_err(serde::de::Error::custom)
    }
}

/// A weekday as its number from Monday (0) to Sunday (6); jiff has no serde form for it.
pub mod serde_weekday {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<S: Serializer>(weekday: &Weekday, serializer: S) -> Result<S::Ok, S::Error> {
        weekday.to_monday_zero_offset().serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Weekday, D::Error> {
        let offset = i8::deserialize(deserializer)?;
        Weekday::from_monday_zero_offset(offset).map_err(serde::de::Error::custom)
    }

    /// The same for an optional weekday.
    pub mod option {
        use jiff::civil::Weekday;
        use serde::{Deserialize, Deserializer, Serialize, Serializer};

        pub fn serialize<S: Serializer>(
            weekday: &Option<Weekday>,
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            weekday
                .map(Weekday::to_monday_zero_offset)
                .serialize(serializer)
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Option<Weekday>, D::Error> {
            Option::<i8>::deserialize(deserializer)?
                .map(Weekday::from_monday_zero_offset)
                .transpose()
                .map_err(serde::de::Error::custom)
        }
    }
}

/// A word in lower case, without a final dot, if it could name a month or a weekday: 3 to 9
/// ASCII letters. Kept on the stack, as every word of every sentence is asked.
struct LoweredName {
    letters: [u8; 9],
    len: usize,
}

impl LoweredName {
    fn of(word: &str) -> Option<Self> {
        let word = word.trim_end_matches('.');
        if !(3..=9).contains(&word.len()) || !word.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        let mut letters = [0; 9];
        for (to, from) in letters.iter_mut().zip(word.bytes()) {
            *to = from.to_ascii_lowercase();
        }
        Some(Self {
            letters,
            len: word.len(),
        })
    }

    fn as_str(&self) -> &str {
        // ASCII letters only, by construction.
        std::str::from_utf8(&self.letters[..self.len]).unwrap_or("")
    }
}

/// "February", "Feb", "Feb." and "Sept" name months; case does not matter. "May" is a month
/// here: whether it is one in a sentence is for the caller to decide.
pub fn month_from_name(word: &str) -> Option<i8> {
    let lowered = LoweredName::of(word)?;
    let word = lowered.as_str();
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| {
            if word.len() < 3 {
                return None;
            }
            if word == "sept" {
                return Some(8);
            }
            MONTHS
                .iter()
                .position(|m| word.len() == 3 && m.starts_with(word))
        })
        .map(|i| i as i8 + 1)
}

/// "Monday", "Mon" and "Mon." name weekdays; case does not matter.
pub fn weekday_from_name(word: &str) -> Option<Weekday> {
    let lowered = LoweredName::of(word)?;
    let word = lowered.as_str();
    let full = [
        ("monday", Weekday::Monday),
        ("tuesday", Weekday::Tuesday),
        ("wednesday", Weekday::Wednesday),
        ("thursday", Weekday::Thursday),
        ("friday", Weekday::Friday),
        ("saturday", Weekday::Saturday),
        ("sunday", Weekday::Sunday),
    ];
    full.iter()
        .find(|(name, _)| {
            *name == word
                || (word.len() >= 3
                    && matches!(
                        word,
                        "mon" | "tue" | "tues" | "wed" | "thu" | "thur" | "thurs" | "fri" | "sat"
                    )
                    && name.starts_with(word))
        })
        .map(|(_, day)| *day)
}

/// A leading ISO date "YYYY-MM-DD" (time and zone after it are ignored).
pub fn parse_iso_prefix(s: &str) -> Option<Date> {
    let head = s.get(..10)?;
    let rest = &s[10..];
    if rest.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    head.parse::<PartialDate>().ok()?.to_date()
}

/// A complete date written in one of the common forms: "2025-04-26", "April 26, 2025",
/// "Apr. 26 2025", "26 April 2025", with an optional leading weekday ("Saturday, April 26, 2025").
pub fn parse_full_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Some(date) = parse_iso_prefix(s) {
        return Some(date);
    }
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.first() {
        Some(first) if weekday_from_name(first).is_some() => &words[1..],
        _ => &words[..],
    };
    let number = |w: &str| {
        w.trim_end_matches(['.', ','])
            .trim_end_matches(|c: char| c.is_ascii_alphabetic())
            .parse::<i32>()
            .ok()
    };
    let (month, day, year) = match words {
        [m, d, y, ..] if month_from_name(m).is_some() => {
            (i32::from(month_from_name(m)?), number(d)?, number(y)?)
        }
        [d, m, y, ..] if month_from_name(m).is_some() => {
            (i32::from(month_from_name(m)?), number(d)?, number(y)?)
        }
        _ => return None,
    };
    PartialDate::day(year, month, day)?.to_date()
}

/// [`parse_full_date`] with where the date stands in `s`: from its first word (a weekday, when it
/// leads) to the end of its year, without what follows ("3 March 2025, 4:02 PM" gives the
/// first three words).
pub fn full_date_extent(s: &str) -> Option<(Date, std::ops::Range<usize>)> {
    let date = parse_full_date(s)?;
    let lead = s.len() - s.trim_start().len();
    if parse_iso_prefix(&s[lead..]).is_some() {
        return Some((date, lead..lead + 10));
    }
    let mut words = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let first = words.next()?;
    let date_words = if weekday_from_name(first).is_some() {
        3
    } else {
        2
    };
    let last = words.nth(date_words - 1)?;
    let start = crate::text::offset_in(s, first);
    let end = crate::text::offset_in(s, last) + last.trim_end_matches('.').len();
    Some((date, start..end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_date_stands_from_its_first_word_to_its_year() {
        for (text, expected) in [
            ("  3 March 2025, 4:02 PM", "3 March 2025"),
            ("Friday, October 3, 2025 at noon", "Friday, October 3, 2025"),
            ("2025-10-13T21:00:00Z", "2025-10-13"),
            ("Apr. 26 2025.", "Apr. 26 2025"),
        ] {
            let (_, range) = full_date_extent(text).unwrap();
            assert_eq!(&text[range], expected, "{text}");
        }
        assert_eq!(full_date_extent("March 2025"), None);
    }

    fn d(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn parse_and_display_round_trip() {
        for s in ["2014", "2025-02", "2025-04-26"] {
            assert_eq!(d(s).to_string(), s);
        }
        assert!("2025-02-30".parse::<PartialDate>().is_err());
        assert!("25-02".parse::<PartialDate>().is_err());
        assert!("2025-2".parse::<PartialDate>().is_err());
    }

    #[test]
    fn containment_and_order() {
        assert!(d("2025-02").contains(d("2025-02-28")));
        assert!(!d("2025-02-28").contains(d("2025-02")));
        assert!(d("2025-02-28").compatible(d("2025")));
        assert!(!d("2025-03").compatible(d("2025-02-28")));
        assert!(
            d("2025") < d("2025-02")
                && d("2025-02") < d("2025-02-28")
                && d("2025-02-28") < d("2025-03")
        );
    }

    #[test]
    fn names() {
        assert_eq!(month_from_name("Feb."), Some(2));
        assert_eq!(month_from_name("Sept"), Some(9));
        assert_eq!(month_from_name("May"), Some(5));
        assert_eq!(month_from_name("Mar"), Some(3));
        assert_eq!(month_from_name("Ma"), None);
        assert_eq!(weekday_from_name("Fri."), Some(Weekday::Friday));
        assert_eq!(weekday_from_name("sun"), None);
    }

    #[test]
    fn full_dates() {
        let expected = Date::new(2025, 4, 26).unwrap();
        for s in [
            "2025-04-26",
            "2025-04-26T09:00:00Z",
            "April 26, 2025",
            "Apr. 26 2025",
            "26 April 2025",
            "Saturday, April 26, 2025",
            "26th April 2025",
        ] {
            assert_eq!(parse_full_date(s), Some(expected), "{s}");
        }
        assert_eq!(parse_full_date("May 8, 2025"), Date::new(2025, 5, 8).ok());
        assert_eq!(parse_full_date("April 2025"), None);
        assert_eq!(parse_full_date("2025-04-266"), None);
    }
}
