//! The main text of a plain-text document: one paragraph per non-empty line (news text files
//! put one paragraph per line, with or without blank lines between), minus site and aggregator
//! furniture ([`crate::furniture`]), notices about the article ([`crate::notices`]) and date
//! lines, whose date is the publication date ([`crate::dateline`]).

use chrono::{DateTime, Utc};

use crate::line::clean_lines;
use crate::main_text::MainText;

/// The paragraphs, removed lines and publication date of a plain-text body (`fetched_at`
/// bounds the date).
pub fn main_text(body: &str, fetched_at: Option<DateTime<Utc>>) -> MainText {
    let lines = clean_lines(body);
    let rules = crate::furniture::Rules::embedded();
    let mut furniture = rules.mask(&lines, crate::dateline::is_date_line);
    let published = crate::dateline::publication_date(&lines, &furniture, fetched_at, |l| rules.is_teaser(l));
    // Notices about the article (rights, disclosures, a paywall), by what they are.
    crate::notices::Rules::embedded().mark(&lines, &mut furniture);
    let (paragraphs, removed) = crate::furniture::split_by(lines, &furniture);
    MainText {
        published,
        paragraphs,
        removed,
        ..MainText::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sahel_schemas::clean::DateSource;

    #[test]
    fn plain_text_keeps_every_article_line() {
        let e = main_text(
            "Troops leave the base in Ouallam\r\n\r\nThe last soldiers left the base on Friday, according to the army.\n|  0 |\nSecond  paragraph here.\n",
            None,
        );
        assert_eq!(
            e.paragraphs,
            vec![
                "Troops leave the base in Ouallam",
                "The last soldiers left the base on Friday, according to the army.",
                "Second paragraph here."
            ]
        );
        assert_eq!(e.removed, vec!["| 0 |"]);
    }

    #[test]
    fn an_aggregator_layout_yields_the_sources_date() {
        // A long sponsor sentence in the banner is furniture, not the start of the body, so the
        // source's date below it is still above the body.
        let e = main_text(
            "WEST AFRICA WIRE\nMar 3, 2024 |\n| Dakar, SN\nSponsor: ACME\n\
             Sponsor: ACME tyres: the best tyres for every road in the whole of West Africa and well beyond it.\n\
             back\nworld\nLe Soleil\n4 March 2024\nPhotos Le Soleil.sn\n\
             Farmers marched through Dakar on Monday to demand lower fuel prices, the organisers said.\n\
             Police kept the route open.",
            None,
        );
        let p = e.published.expect("the source's date");
        assert_eq!(
            (p.value.format("%F").to_string(), p.found_in),
            ("2024-03-04".into(), DateSource::Text)
        );
        assert!(e.removed.iter().any(|l| l == "4 March 2024"));
        assert_eq!(e.paragraphs.len(), 2, "{:?}", e.paragraphs);
    }
}
