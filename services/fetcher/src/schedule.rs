//! When a source is due: a fixed interval (`every = "30m"`) or a cron expression
//! (`cron = "0 */2 * * *"`, five fields, or six with seconds first), in UTC.

use std::str::FromStr as _;
use std::time::Duration;

use chrono::{DateTime, Utc};

/// A source's schedule.
#[derive(Debug, Clone)]
pub enum Schedule {
    /// Every so often, counted from the end of the previous run.
    Every(Duration),
    /// At the times a cron expression names (UTC).
    Cron(Box<cron::Schedule>),
}

impl Schedule {
    /// Parses an interval such as `90s`, `15m`, `6h`, `1d`.
    pub fn every(text: &str) -> Result<Self, String> {
        let d = humantime::parse_duration(text.trim())
            .map_err(|e| format!("`{text}` is not an interval such as 30m, 6h or 1d: {e}"))?;
        if d < Duration::from_secs(1) {
            return Err(format!("`{text}` is shorter than one second"));
        }
        Ok(Self::Every(d))
    }

    /// Parses a cron expression: `min hour day-of-month month day-of-week` (or with a leading
    /// seconds field, and an optional trailing year).
    pub fn cron(text: &str) -> Result<Self, String> {
        let fields = text.split_whitespace().count();
        let full = match fields {
            5 => format!("0 {}", text.trim()),
            6 | 7 => text.trim().to_owned(),
            _ => {
                return Err(format!(
                    "`{text}` has {fields} fields; a cron expression has 5 (min hour dom month dow)"
                ))
            }
        };
        let s = cron::Schedule::from_str(&full).map_err(|e| format!("`{text}` is not a cron expression: {e}"))?;
        if s.after(&Utc::now()).next().is_none() {
            return Err(format!("`{text}` never fires again"));
        }
        Ok(Self::Cron(Box::new(s)))
    }

    /// The next time the source is due after a run that ended at `after`.
    pub fn next_after(&self, after: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Schedule::Every(d) => after + chrono::Duration::from_std(*d).unwrap_or(chrono::Duration::days(1)),
            Schedule::Cron(c) => c
                .after(&after)
                .next()
                // Checked at parse time that it fires again; a year-bounded expression that
                // ran out is treated as "next year", never as "now".
                .unwrap_or(after + chrono::Duration::days(365)),
        }
    }

    /// For logs and the summary.
    pub fn describe(&self) -> String {
        match self {
            Schedule::Every(d) => format!("every {}", humantime::format_duration(*d)),
            Schedule::Cron(c) => format!("cron {c}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    #[test]
    fn intervals_and_cron_give_the_next_time() {
        let t = Utc.with_ymd_and_hms(2024, 4, 20, 10, 17, 0).single().expect("time");
        let s = Schedule::every("30m").expect("every");
        assert_eq!(s.next_after(t), t + chrono::Duration::minutes(30));
        let c = Schedule::cron("0 */2 * * *").expect("cron");
        assert_eq!(
            c.next_after(t),
            Utc.with_ymd_and_hms(2024, 4, 20, 12, 0, 0).single().expect("time")
        );
        let c6 = Schedule::cron("30 15 6 * * *").expect("cron with seconds");
        assert_eq!(
            c6.next_after(t),
            Utc.with_ymd_and_hms(2024, 4, 21, 6, 15, 30).single().expect("time")
        );
    }

    #[test]
    fn bad_schedules_are_explained() {
        assert!(Schedule::every("soon").unwrap_err().contains("not an interval"));
        assert!(Schedule::every("10ms").unwrap_err().contains("shorter"));
        assert!(Schedule::cron("* *").unwrap_err().contains("5"));
        assert!(Schedule::cron("99 * * * *").is_err());
    }
}
