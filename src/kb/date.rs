//! Calendar dates for `checked` fields: parsing, today's date, age in months.

/// The environment variable that fixes today's date.
pub const TODAY_VAR: &str = "YIBAO_TODAY";

/// China Standard Time is UTC+8.
const CHINA_UTC_OFFSET_SECS: u64 = 8 * 3600;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`; anything else, or an impossible day, is `None`.
    pub fn parse(s: &str) -> Option<Date> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let (year, month, day) = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Today's date in China, or the date in `YIBAO_TODAY` when that holds
    /// one (for reproducible output). A `YIBAO_TODAY` that is not a date is
    /// ignored here; the command line rejects it ([`Date::from_env`]).
    pub fn today() -> Date {
        Date::from_env()
            .ok()
            .flatten()
            .unwrap_or_else(Date::china_today)
    }

    /// The date `YIBAO_TODAY` sets: `Ok(None)` when it is unset, empty or
    /// only spaces (the clock decides), `Err` with the value when it is not
    /// a `YYYY-MM-DD` date.
    pub fn from_env() -> Result<Option<Date>, String> {
        let Some(v) = std::env::var_os(TODAY_VAR) else {
            return Ok(None);
        };
        let text = v.to_string_lossy();
        let t = text.trim();
        if t.is_empty() {
            return Ok(None);
        }
        Date::parse(t).map(Some).ok_or_else(|| text.into_owned())
    }

    /// Today by the system clock, in China Standard Time.
    pub fn china_today() -> Date {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::in_china_at(secs)
    }

    /// The date in China (UTC+8 all year: China has one time zone and no
    /// daylight saving) at `secs` seconds after 1970-01-01 00:00 UTC.
    /// Offices open and policies take effect by Beijing time, so between
    /// 00:00 and 08:00 there it is already the next day.
    pub fn in_china_at(secs: u64) -> Date {
        Date::from_days(((secs + CHINA_UTC_OFFSET_SECS) / 86_400) as i64)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (negative if `later` is earlier).
    pub fn months_until(self, later: Date) -> i32 {
        let mut m = (later.year - self.year) * 12 + later.month as i32 - self.month as i32;
        if later.day < self.day {
            m -= 1;
        }
        m
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2025-03-27"),
            Some(Date {
                year: 2025,
                month: 3,
                day: 27
            })
        );
        assert_eq!(Date::parse("2024-02-29").map(|d| d.day), Some(29));
        assert_eq!(Date::parse("2025-02-29"), None);
        assert_eq!(Date::parse("2025-3-27"), None);
        assert_eq!(Date::parse("2025-13-01"), None);
        assert_eq!(Date::parse("２025-03-27"), None);
    }

    #[test]
    fn civil_from_days_matches_known_dates() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_415).to_string(), "2025-11-23");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
    }

    #[test]
    fn today_turns_at_midnight_beijing_time_not_utc() {
        // 2026-11-22 15:59:59 UTC is 23:59:59 in Beijing; one second later
        // it is 2026-11-23 00:00 there, while UTC is still on the 22nd.
        let day = 20_779u64 * 86_400; // 2026-11-22 00:00 UTC
        assert_eq!(Date::from_days(20_779).to_string(), "2026-11-22");
        let before = day + 16 * 3600 - 1;
        assert_eq!(Date::in_china_at(before).to_string(), "2026-11-22");
        assert_eq!(Date::in_china_at(before + 1).to_string(), "2026-11-23");
        // 07:59 on the 23rd in Beijing is still the 22nd in UTC.
        assert_eq!(
            Date::in_china_at(day + 23 * 3600 + 59 * 60).to_string(),
            "2026-11-23"
        );
        assert_eq!(Date::from_days(((day + 23 * 3600) / 86_400) as i64).day, 22);
        // And 08:00 in Beijing is midnight UTC: both agree again.
        assert_eq!(Date::in_china_at(day + 86_400).to_string(), "2026-11-23");
        assert_eq!(Date::in_china_at(0).to_string(), "1970-01-01");
        // New year turns at 16:00 UTC on 31 December.
        let nye = 20_818u64 * 86_400 + 16 * 3600; // 2026-12-31 16:00 UTC
        assert_eq!(Date::from_days(20_818).to_string(), "2026-12-31");
        assert_eq!(Date::in_china_at(nye - 1).to_string(), "2026-12-31");
        assert_eq!(Date::in_china_at(nye).to_string(), "2027-01-01");
    }

    #[test]
    fn months_until_counts_whole_months() {
        let d = Date::parse("2025-03-27").unwrap();
        assert_eq!(d.months_until(Date::parse("2026-03-27").unwrap()), 12);
        assert_eq!(d.months_until(Date::parse("2026-03-26").unwrap()), 11);
        assert_eq!(d.months_until(Date::parse("2026-11-23").unwrap()), 19);
    }
}
