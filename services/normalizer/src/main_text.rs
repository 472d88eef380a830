//! The main text of a document, as the HTML ([`crate::html`]) and plain-text
//! ([`crate::plain`]) readers give it to [`crate::normalize`].

use sahel_schemas::clean::PublishedDate;

/// An article's main text, split into paragraphs, with what the document said about itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MainText {
    /// Headline, if one was found.
    pub title: Option<String>,
    /// Canonical URL from the page, if any.
    pub canonical_url: Option<String>,
    /// Paragraphs, each NFC with whitespace collapsed, none empty.
    pub paragraphs: Vec<String>,
    /// Lines dropped as furniture (kept for audit).
    pub removed: Vec<String>,
    /// Author line, if one was found.
    pub byline: Option<String>,
    /// Publication date with its provenance, if one was found.
    pub published: Option<PublishedDate>,
}
