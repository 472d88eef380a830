//! Messages as the services write them, for the end-to-end tests that produce straight onto a
//! topic (`hostile_input.rs`, `compatibility.rs`).

use sahel_schemas::raw::{Charset, CharsetSource, SourceKind, SourceRef};
use sahel_schemas::{ProducerInfo, RawArticle};

/// A plain-text document of source `source` at `location`, as the fetcher records a UTF-8
/// file: the id derives from the location and the bytes, so the same text at the same place is
/// the same document.
pub fn text_document(source: &str, location: &str, text: &str) -> RawArticle {
    let source = SourceRef {
        name: source.into(),
        kind: SourceKind::File,
        location: location.into(),
        feed_url: None,
        final_url: None,
    };
    let charset = Charset {
        name: "UTF-8".into(),
        source: CharsetSource::Utf8Valid,
        replacements: 0,
    };
    RawArticle::from_local(
        source,
        text.as_bytes(),
        (text.to_owned(), charset),
        "text/plain",
        sahel_schemas::envelope::now(),
        ProducerInfo::new("fetcher", "test"),
        None,
    )
}
