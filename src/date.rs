//! Calendar dates as documents print them.
//!
//! In: `2025-07-18`, `18/7/2025`, `18/07/2025` (the front matter forms).
//! Out: a validated [`Date`] (no 31/02), shown in ISO for data and as
//! "ngày 18 tháng 7 năm 2025" on the page. A document's date is never
//! invented: absence stays `None` everywhere.

use std::fmt;

/// A valid Gregorian date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Date {
    /// Year, four digits.
    pub year: i32,
    /// Month 1-12.
    pub month: u32,
    /// Day 1-31, valid for the month.
    pub day: u32,
}

/// Why a date did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not one of the accepted shapes.
    #[error("`{0}` không phải là ngày theo dạng 2025-07-18 hoặc 18/7/2025")]
    Shape(String),
    /// The shape is right but the day does not exist.
    #[error("ngày `{0}` không tồn tại")]
    Impossible(String),
}

impl Date {
    /// A date from its parts, if it exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid =
            (1000..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// Parses the front matter forms.
    pub fn parse(s: &str) -> Result<Date, DateError> {
        let t = s.trim();
        let shape = || DateError::Shape(t.to_string());
        let parts: Vec<&str> = if t.contains('-') {
            t.split('-').collect()
        } else {
            t.split('/').collect()
        };
        if parts.len() != 3
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(shape());
        }
        let (y, m, d) = if t.contains('-') {
            if parts[0].len() != 4 || parts[1].len() > 2 || parts[2].len() > 2 {
                return Err(shape());
            }
            (parts[0], parts[1], parts[2])
        } else {
            if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
                return Err(shape());
            }
            (parts[2], parts[1], parts[0])
        };
        let num = |p: &str| p.parse::<u32>().map_err(|_| shape());
        let year = i32::try_from(num(y)?).map_err(|_| shape())?;
        Date::new(year, num(m)?, num(d)?).ok_or_else(|| DateError::Impossible(t.to_string()))
    }

    /// ISO 8601, for data files.
    pub fn iso(&self) -> String {
        match self.digits(true) {
            Some(b) => b.iter().map(|&x| char::from(x)).collect(),
            None => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }

    /// `yyyy-mm-dd` (`iso`) or `dd/mm/yyyy` written digit by digit, for a
    /// year of four digits: the formatting machinery took a share of the
    /// build, with a date on every listing line and every backlink.
    fn digits(&self, iso: bool) -> Option<[u8; 10]> {
        let year = u32::try_from(self.year).ok().filter(|y| (1000..=9999).contains(y))?;
        if self.month > 99 || self.day > 99 {
            return None;
        }
        let d = |n: u32| b'0' + (n % 10) as u8;
        let (dd, mm) = ([d(self.day / 10), d(self.day)], [d(self.month / 10), d(self.month)]);
        let yyyy = [d(year / 1000), d(year / 100), d(year / 10), d(year)];
        Some(if iso {
            [
                yyyy[0], yyyy[1], yyyy[2], yyyy[3], b'-', mm[0], mm[1], b'-', dd[0], dd[1],
            ]
        } else {
            [
                dd[0], dd[1], b'/', mm[0], mm[1], b'/', yyyy[0], yyyy[1], yyyy[2], yyyy[3],
            ]
        })
    }

    /// As a Vietnamese document prints it: `ngày 18 tháng 7 năm 2025`.
    pub fn long_vi(&self) -> String {
        format!("ngày {:02} tháng {:02} năm {}", self.day, self.month, self.year)
    }
}

impl fmt::Display for Date {
    /// `18/07/2025`, the short form used in lists.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.digits(false) {
            Some(b) => f.pad(std::str::from_utf8(&b).map_err(|_| fmt::Error)?),
            None => write!(f, "{:02}/{:02}/{}", self.day, self.month, self.year),
        }
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The digit-by-digit forms are the formatted ones.
        #[test]
        fn digits_are_the_formatted_forms(year in -10i32..12000, month in 0u32..120, day in 0u32..120) {
            let d = Date { year, month, day };
            proptest::prop_assert_eq!(d.to_string(), format!("{:02}/{:02}/{}", day, month, year));
            proptest::prop_assert_eq!(d.iso(), format!("{:04}-{:02}-{:02}", year, month, day));
        }
    }

    #[test]
    fn accepted_and_rejected() {
        let ok = [
            ("2025-07-18", (2025, 7, 18)),
            ("18/7/2025", (2025, 7, 18)),
            ("18/07/2025", (2025, 7, 18)),
            ("29/02/2024", (2024, 2, 29)),
        ];
        for (s, (y, m, d)) in ok {
            assert_eq!(
                Date::parse(s),
                Ok(Date {
                    year: y,
                    month: m,
                    day: d
                }),
                "{s}"
            );
        }
        assert!(matches!(Date::parse("31/02/2025"), Err(DateError::Impossible(_))));
        assert!(matches!(Date::parse("29/02/2025"), Err(DateError::Impossible(_))));
        assert!(matches!(Date::parse("2025-13-01"), Err(DateError::Impossible(_))));
        for bad in ["", "18.7.2025", "2025/07/18", "18/7/25", "hôm qua", "1/1/2025/1"] {
            assert!(matches!(Date::parse(bad), Err(DateError::Shape(_))), "{bad}");
        }
    }

    #[test]
    fn formats() {
        let d = Date::new(2025, 7, 8).unwrap_or(Date {
            year: 0,
            month: 0,
            day: 0,
        });
        assert_eq!(d.iso(), "2025-07-08");
        assert_eq!(d.to_string(), "08/07/2025");
        assert_eq!(d.long_vi(), "ngày 08 tháng 07 năm 2025");
    }
}
