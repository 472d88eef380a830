//! What the fuzz targets share: building inputs the way the services receive them, and the
//! contracts every output must keep (checked with `assert!`, so a broken one is a crash the
//! fuzzer reports).

use arbitrary::Arbitrary;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use sahel_schemas::raw::{RawArticle, SourceKind, SourceRef};
use sahel_schemas::ProducerInfo;

/// A date drawn by the fuzzer: mostly a plausible publication date (1990 to 2058), sometimes
/// anywhere chrono can represent, since `articles.clean` can carry any date a feed declared.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub enum FuzzDate {
    /// Days after 1990-01-01, modulo about 68 years.
    Plausible(u16),
    /// Days after `NaiveDate::MIN`, modulo the whole range.
    Anywhere(u32),
}

impl FuzzDate {
    /// The date.
    pub fn get(self) -> NaiveDate {
        match self {
            FuzzDate::Plausible(d) => {
                NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default() + Duration::days(i64::from(d))
            }
            FuzzDate::Anywhere(d) => {
                let span = (NaiveDate::MAX - NaiveDate::MIN).num_days() + 1;
                NaiveDate::MIN + Duration::days(i64::from(d) % span)
            }
        }
    }

    /// The date at midnight UTC.
    pub fn datetime(self) -> DateTime<Utc> {
        Utc.from_utc_datetime(&self.get().and_hms_opt(0, 0, 0).unwrap_or_default())
    }
}

/// A document read from `bytes` as the fetcher would hand it over: charset decoding (BOM,
/// `<meta charset>` for HTML, else UTF-8, else Windows-1252), with the given content type.
pub fn raw_article(bytes: &[u8], content_type: &str, url: Option<&str>) -> RawArticle {
    let is_html = content_type.contains("html");
    let decoded = sahel_runtime::charset::decode(bytes, is_html);
    let source = SourceRef {
        name: "fuzz".to_owned(),
        kind: if url.is_some() {
            SourceKind::Url
        } else {
            SourceKind::File
        },
        location: url.unwrap_or("fuzz-input").to_owned(),
        feed_url: None,
        final_url: url.map(str::to_owned),
    };
    let fetched_at = Utc.with_ymd_and_hms(2024, 3, 17, 8, 0, 0).single().unwrap_or_default();
    RawArticle::from_local(
        source,
        bytes,
        decoded,
        content_type,
        fetched_at,
        ProducerInfo::new("fuzz", "0"),
        None,
    )
}

/// The code points `[start, end)` of `text`.
pub fn span(text: &[char], start: u32, end: u32) -> String {
    text[start as usize..end as usize].iter().collect()
}
