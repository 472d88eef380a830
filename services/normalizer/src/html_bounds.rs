//! What is done to an HTML page before it is parsed: its size and depth are bounded
//! ([`check_bounds`]) and its scripts and styles cut out textually ([`strip_non_content`]).

/// Elements whose content is never article text, dropped before parsing: script and style
/// text is a large share of a news page, and html5ever tokenizes all of it.
const STRIPPED: [&str; 5] = ["script", "style", "svg", "noscript", "template"];

/// An HTML page with [`STRIPPED`] elements cut out textually, and the JSON-LD blocks they held.
#[derive(Debug, Default)]
pub struct Stripped {
    /// The page without them.
    pub html: String,
    /// Contents of `<script type="application/ld+json">` elements, in page order.
    pub json_ld: Vec<String>,
}

/// Cuts [`STRIPPED`] elements (tag and contents) out of `html` in one linear pass, keeping the
/// JSON-LD blocks. An element left open runs to the end of the page, as in a browser.
pub fn strip_non_content(html: &str) -> Stripped {
    let bytes = html.as_bytes();
    let mut out = Stripped {
        html: String::with_capacity(html.len()),
        json_ld: Vec::new(),
    };
    let mut pos = 0;
    let mut search = 0;
    while let Some(rel) = html[search..].find('<') {
        let start = search + rel;
        let name = STRIPPED.iter().find(|n| {
            let end = start + 1 + n.len();
            bytes.len() > end
                && bytes[start + 1..end].eq_ignore_ascii_case(n.as_bytes())
                && matches!(bytes[end], b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
        });
        let Some(name) = name else {
            search = start + 1;
            continue;
        };
        out.html.push_str(&html[pos..start]);
        let open_end = html[start..].find('>').map_or(html.len(), |g| start + g + 1);
        let close = find_ascii_ci(&html[open_end..], &format!("</{name}")).map(|c| open_end + c);
        if *name == "script" && find_ascii_ci(&html[start..open_end], "ld+json").is_some() {
            out.json_ld.push(html[open_end..close.unwrap_or(html.len())].to_owned());
        }
        pos = close.map_or(html.len(), |c| html[c..].find('>').map_or(html.len(), |g| c + g + 1));
        search = pos;
    }
    out.html.push_str(&html[pos..]);
    out
}

/// Largest HTML document the normalizer parses; the fetcher caps bodies well below this.
pub const MAX_HTML_BYTES: usize = 16 * 1024 * 1024;
/// Deepest element nesting the normalizer parses. Real pages stay under a few hundred; the
/// HTML tree builder's scope checks are linear in the depth, so a page nested tens of
/// thousands deep would take minutes.
pub const MAX_DEPTH: usize = 2_000;

/// Elements that have no end tag, or whose end tag may be left out (the parser closes them).
const NOT_NESTING: [&str; 35] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr", "p",
    "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup",
    "caption", "html", "head", "body", "!doctype",
];

/// Why an HTML document is refused before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Bounded label (DLQ kind): `document_too_large` or `too_deeply_nested`.
    pub kind: &'static str,
    /// Explanation with the measured figure.
    pub message: String,
}

/// Checks, in one linear pass over the tags, that a page is small and shallow enough to
/// parse in bounded time and memory. Script and style contents are skipped.
pub fn check_bounds(html: &str) -> Result<(), Refused> {
    if html.len() > MAX_HTML_BYTES {
        return Err(Refused {
            kind: "document_too_large",
            message: format!("HTML of {} bytes is over the limit of {MAX_HTML_BYTES}", html.len()),
        });
    }
    let b = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut pos = 0;
    while let Some(rel) = html[pos..].find('<') {
        let start = pos + rel + 1;
        let closing = b.get(start) == Some(&b'/');
        let name_start = start + usize::from(closing);
        let name_len = b[name_start.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!' || **c == b'-')
            .count();
        pos = name_start + name_len;
        if name_len == 0 {
            continue;
        }
        let name = &b[name_start..pos];
        let tag_end = html[pos..].find('>').map_or(html.len(), |g| pos + g);
        if !closing {
            if let Some(raw) = [&b"script"[..], b"style"]
                .into_iter()
                .find(|r| name.eq_ignore_ascii_case(r))
            {
                let close = if raw.len() == 6 { "</script" } else { "</style" };
                pos = find_ascii_ci(&html[tag_end..], close).map_or(html.len(), |c| tag_end + c + 2);
                continue;
            }
        }
        if name.starts_with(b"!--") || NOT_NESTING.iter().any(|n| name.eq_ignore_ascii_case(n.as_bytes())) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if !html[..tag_end].ends_with('/') {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > MAX_DEPTH {
                return Err(Refused {
                    kind: "too_deeply_nested",
                    message: format!("elements nest more than {MAX_DEPTH} deep (at byte {})", start - 1),
                });
            }
        }
    }
    Ok(())
}

/// Byte offset of the first ASCII-case-insensitive occurrence of `needle` (ASCII) in `hay`.
/// A needle opening with a character that has no case ('<') is looked for with `str::find`
/// (memchr) from one candidate to the next.
fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let first = *n.first()?;
    if !first.is_ascii_alphabetic() {
        let mut i = 0;
        while let Some(rel) = hay.get(i..).and_then(|rest| rest.find(first as char)) {
            let at = i + rel;
            if h.len() - at < n.len() {
                return None;
            }
            if h[at..at + n.len()].eq_ignore_ascii_case(n) {
                return Some(at);
            }
            i = at + 1;
        }
        return None;
    }
    let first = first.to_ascii_lowercase();
    let mut i = 0;
    while i + n.len() <= h.len() {
        if h[i].to_ascii_lowercase() == first && h[i..i + n.len()].eq_ignore_ascii_case(n) {
            return Some(i);
        }
        i += 1;
    }
    None
}
