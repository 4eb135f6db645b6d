//! The one calendar: proleptic Gregorian dates, their day counts and weeks. Document dates
//! ([`super::parse_date`]) and the date rules read it.

/// Days since 1970-01-01 of a proleptic Gregorian date.
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// ISO weekday, Monday = 1 … Sunday = 7.
pub fn weekday(days: i64) -> u32 {
    ((days + 3).rem_euclid(7) + 1) as u32
}

/// ISO 8601 week date (year, week) of a day.
pub fn iso_week(days: i64) -> (i32, u32) {
    let thursday = days - i64::from(weekday(days)) + 4;
    let (y, _, _) = civil_from_days(thursday);
    let week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
    (y, week as u32)
}

/// Whether `y` is a leap year.
pub fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

/// Days in month `m` (1-12) of year `y`; None for a month that does not exist.
pub fn days_in_month(y: i32, m: u32) -> Option<u32> {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => Some(31),
        4 | 6 | 9 | 11 => Some(30),
        2 if is_leap(y) => Some(29),
        2 => Some(28),
        _ => None,
    }
}

/// Month `m` of year `y` moved by `delta` months.
pub fn add_months(y: i32, m: u32, delta: i64) -> (i32, u32) {
    let idx = i64::from(y) * 12 + i64::from(m) - 1 + delta;
    (idx.div_euclid(12) as i32, (idx.rem_euclid(12) + 1) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_counts_round_trip_and_weeks_follow_iso_8601() {
        for (y, m, d) in [(1970, 1, 1), (2000, 2, 29), (2020, 12, 31), (1899, 3, 1)] {
            assert_eq!(civil_from_days(days_from_civil(y, m, d)), (y, m, d));
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(weekday(days_from_civil(2020, 10, 21)), 3, "a Wednesday");
        assert_eq!(iso_week(days_from_civil(2021, 1, 3)), (2020, 53));
        assert_eq!(iso_week(days_from_civil(2020, 10, 14)), (2020, 42));
        assert_eq!(add_months(2020, 1, -2), (2019, 11));
        assert_eq!(days_in_month(2020, 2), Some(29));
        assert_eq!(days_in_month(1900, 2), Some(28), "1900 is not a leap year");
        assert_eq!(days_in_month(2000, 2), Some(29), "2000 is");
        assert_eq!(days_in_month(2020, 13), None);
    }
}
