//! Tests of [`crate::html`]: the rules file, the engine on small pages, the fallback reader,
//! forms, the lead and the size and depth bounds.

use super::*;

#[test]
fn rules_file_compiles() {
    Rules::from_json(HTML_RULES_JSON).expect("data/html_rules.json compiles");
    assert!(Rules::embedded().is_some());
}

#[test]
fn bylines_and_credits_are_junk_but_sentences_are_not() {
    let r = Rules::embedded().expect("rules");
    for junk in [
        "By Justine Coleman - 11/18/19 11:04 PM EST",
        "Par Moussa Diallo",
        "Door Jan de Vries en Piet Jansen",
        "Photo: Damian Dovarganes, AP",
        "Image 1 of 5",
        "Updated 1:39 am EST, Wednesday, November 20, 2019",
        "Lire aussi : Au Mali, la junte suspend les partis",
    ] {
        assert!(r.is_junk_line(junk), "{junk}");
    }
    for keep in [
        "By Tuesday, the soldiers had withdrawn from Ménaka.",
        "Par ailleurs, la CEDEAO a levé ses sanctions.",
        "Door de droogte trokken herders naar het zuiden.",
        "Home to two million people, Niamey is the capital of Niger.",
    ] {
        assert!(!r.is_junk_line(keep), "{keep}");
    }
}

const PAGE: &str = r##"<html><head><title>Protest in Niamey</title></head><body>
  <nav><a href="/">Home</a> <a href="/news">News</a></nav>
  <article>
    <h1>Thousands rally in Niamey</h1>
    <div class="byline">By Amina Issoufou</div>
    <figure><img src="x.jpg"><figcaption>Protesters in Niamey on Friday. Photo: AFP</figcaption></figure>
    <p>Thousands of people marched through the centre of Niamey on Friday to demand the departure of foreign troops from Niger, chanting slogans in support of the ruling council.</p>
    <p>The march, organised by a coalition of civil society groups, ended peacefully at the Place de la Concertation, where speakers addressed the crowd for two hours.</p>
    <div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
    <p>Similar rallies were held in Zinder and Maradi, according to local media, which reported no incidents.</p>
    <p><a href="/other">Mali: junta extends transition</a></p>
    <ul class="list"><li><a href="/a">Burkina: new attack near Djibo</a></li><li><a href="/b">ECOWAS summit ends</a></li></ul>
  </article>
  <aside class="sidebar"><h3>Most read</h3><p>Unrelated story about football results in Europe.</p></aside>
  <footer>Copyright 2026</footer></body></html>"##;

#[test]
fn sahel_engine_keeps_the_article_and_drops_furniture() {
    let ex = main_text(PAGE, Some("https://example.org/niamey"));
    let text = ex.paragraphs.join("\n");
    assert!(text.contains("Thousands of people marched"), "{text}");
    assert!(text.contains("Similar rallies were held in Zinder"), "{text}");
    for junk in [
        "Photo: AFP",
        "Share on Facebook",
        "junta extends",
        "Djibo",
        "Most read",
        "Copyright",
        "Amina",
    ] {
        assert!(!text.contains(junk), "{junk} kept in {text}");
    }
}

#[test]
fn a_heading_left_at_the_end_goes_but_a_closing_list_stays() {
    let article = "<p>Thousands of people marched through the centre of Niamey on Friday to demand the departure of foreign troops from Niger, chanting slogans in support of the ruling council.</p>\
        <p>The march, organised by a coalition of civil society groups, ended peacefully at the Place de la Concertation, where speakers addressed the crowd for two hours.</p>\
        <p>Similar rallies were held in Zinder and Maradi, according to local media, which reported no incidents, and organisers promised more marches in the coming weeks.</p>";
    let page =
        format!("<html><body><article><h1>Rally</h1>{article}<h3>More on this topic</h3></article></body></html>");
    let ex = main_text(&page, None);
    assert!(
        ex.removed.iter().any(|r| r == "More on this topic"),
        "{:?}",
        ex.paragraphs
    );
    let page = format!(
        "<html><body><article><h1>Rally</h1>{article}<p>The organisers listed their demands:</p>\
         <ul><li>Departure of the troops</li><li>Release of the prisoners</li></ul></article></body></html>"
    );
    let ex = main_text(&page, None);
    assert!(
        ex.paragraphs.iter().any(|p| p == "Release of the prisoners"),
        "{:?}",
        ex.paragraphs
    );
    for (line, heading) in [
        ("Related articles", true),
        ("About the author:", true),
        ("The talks continue.", false),
        ("Why did the talks fail?", false),
    ] {
        assert_eq!(is_heading(line, 6), heading, "{line}");
    }
}

#[test]
fn advertising_inside_the_article_goes() {
    let page = r#"<html><body><article><h1>Gao market</h1>
        <p>Traders in Gao reopened the central market on Wednesday, three months after a fire destroyed most of its stalls, the town hall said.</p>
        <p>More than two hundred stalls were rebuilt with money collected by the traders and a grant from the regional council of Gao.</p>
        <p>Get unlimited access to our premium newsletters with a free trial, cancel anytime.</p>
        <p>The town hall promised to build a fire station at the entrance of the market before the end of the year.</p>
        <p>"We start again from nothing," said a cloth seller in the market of Gao.</p>
        </article></body></html>"#;
    let ex = main_text(page, None);
    let ad = "Get unlimited access to our premium newsletters with a free trial, cancel anytime.";
    assert!(ex.removed.iter().any(|r| r == ad), "{:?}", ex.removed);
    assert_eq!(ex.paragraphs.len(), 4, "{:?}", ex.paragraphs);
}

#[test]
fn the_fallback_reader_takes_blocks_outside_furniture() {
    let rules = Rules::embedded().expect("rules");
    let doc = dom_query::Document::from(
        r#"<html><body class="single has-comments"><nav><ul><li>Home</li></ul></nav>
        <div class="sticky-social"><div class="entry">
          <p>First paragraph of the article, long enough to be most of the page's text in this test of the fallback reader.</p>
          <ul><li><p>An item</p></li><li>Another item</li></ul>
          <table><tr><td>250 g flour</td><td>2 eggs</td></tr></table>
        </div></div>
        <div class="comments"><p>A reader's comment.</p></div>
        <footer><p>Imprint</p></footer></body></html>"#,
    );
    assert_eq!(
        blocks(&doc, rules),
        vec![
            "First paragraph of the article, long enough to be most of the page's text in this test of the fallback reader.",
            "An item",
            "Another item",
            "250 g flour",
            "2 eggs"
        ]
    );
}

#[test]
fn forms_the_reader_writes_into_go_but_a_shop_form_stays() {
    let story = "<p>Traders in Gao reopened the central market on Wednesday, three months after a fire destroyed most of its stalls, the town hall said.</p>\
        <p>More than two hundred stalls were rebuilt with money collected by the traders and a grant from the regional council.</p>\
        <p>The town hall promised to build a fire station at the entrance of the market before the end of the year.</p>";
    let page = format!(
        "<html><body><article><h1>Gao market</h1>{story}\
         <form><p>Enter your e-mail address to receive our news every morning in your inbox.</p><input type=email><button>OK</button></form>\
         </article></body></html>"
    );
    let text = main_text(&page, None).paragraphs.join("\n");
    assert!(
        text.contains("fire station") && !text.contains("e-mail address"),
        "{text}"
    );
    let rules = Rules::embedded().expect("rules");
    let doc = dom_query::Document::from(format!(
        "<html><body>{story}<form><ul><li>250 g flour, sifted twice</li><li>2 eggs</li></ul>\
         <input type=checkbox><button>Add to list</button></form></body></html>"
    ));
    rules.preclean(&doc);
    assert!(doc.text().contains("250 g flour"), "a form without a text field stays");
}

#[test]
fn the_lead_in_the_article_header_opens_the_text() {
    let page = r#"<html><body><article><header><h1>Gao market</h1>
        <p class="lead">Three months after the fire, the traders of Gao have rebuilt their market with their own money.</p></header>
        <p>Traders in Gao reopened the central market on Wednesday, three months after a fire destroyed most of its stalls, the town hall said.</p>
        <p>More than two hundred stalls were rebuilt with money collected by the traders and a grant from the regional council.</p>
        <p>The town hall promised to build a fire station at the entrance of the market before the end of the year.</p>
        </article></body></html>"#;
    let ex = main_text(page, None);
    assert_eq!(
        ex.paragraphs.first().map(String::as_str),
        Some("Three months after the fire, the traders of Gao have rebuilt their market with their own money."),
        "{:?}",
        ex.paragraphs
    );
    assert_eq!(
        ex.paragraphs.iter().filter(|p| p.starts_with("Three months")).count(),
        1
    );
}

#[test]
fn bounds() {
    assert_eq!(check_bounds(PAGE), Ok(()));
    let deep = format!("{}x{}", "<div>".repeat(MAX_DEPTH + 1), "</div>".repeat(MAX_DEPTH + 1));
    assert_eq!(check_bounds(&deep).map_err(|r| r.kind), Err("too_deeply_nested"));
    // Unclosed paragraphs, void elements, self-closing tags and script text do not nest.
    let flat = format!(
        "{}<script>{}</script>",
        "<p>a<br><img src=x><span/>".repeat(MAX_DEPTH * 2),
        "if (a<b) { s = '<div>'; }".repeat(MAX_DEPTH * 2)
    );
    assert_eq!(check_bounds(&flat), Ok(()));
    let siblings = "<div>x</div>".repeat(MAX_DEPTH * 2);
    assert_eq!(check_bounds(&siblings), Ok(()));
    let big = "a".repeat(MAX_HTML_BYTES + 1);
    assert_eq!(check_bounds(&big).map_err(|r| r.kind), Err("document_too_large"));
}

#[test]
fn labels_contents_headings_and_related_headings_are_junk() {
    let r = Rules::embedded().expect("rules");
    for junk in [
        "Kategorie: Vereinsleben",
        "Posted 3 May Category : Announcements",
        "Table of Contents",
        "Inhaltsverzeichnis",
        "Sommaire",
        "Ähnliche Themen",
        "meist-kommentiert",
        "Sur le même sujet",
    ] {
        assert!(r.is_junk_line(junk), "{junk}");
    }
    for keep in [
        "The category of the tender was changed: roads, not schools.",
        "Contents of the convoy were checked at the border post of Gaya.",
        "Ähnliche Themen bewegen die Bauern in Kayes seit Jahren.",
    ] {
        assert!(!r.is_junk_line(keep), "{keep}");
    }
}

#[test]
fn notices_and_a_paywall_leave_the_html_text() {
    let page = r#"<html><body><article><h1>Kayes bridge</h1>
        <p>Engineers reopened the bridge over the Senegal river at Kayes on Thursday after four months of repairs, the transport ministry said.</p>
        <p>Lorries carrying grain from Dakar had been rerouted through Bafoulabé, adding two days to the journey, drivers in Kayes said.</p>
        <p>The ministry said a second bridge downstream of Kayes would be built by the end of next year with a loan from a regional bank.</p>
        <p>To read the full story, subscribe to The Morning Ledger.</p>
        <p>Subscribers get every story, the weekly newsletter and the archive.</p>
        <p>© 2031 The Morning Ledger. All rights reserved.</p>
        </article></body></html>"#;
    let ex = main_text(page, None);
    assert_eq!(ex.paragraphs.len(), 3, "{:?}", ex.paragraphs);
    assert!(
        ex.paragraphs[2].starts_with("The ministry said a second bridge"),
        "{:?}",
        ex.paragraphs
    );
    assert!(
        ex.removed.iter().any(|r| r.starts_with("To read the full story")),
        "{:?}",
        ex.removed
    );
}

#[test]
fn script_and_style_are_cut_whatever_the_case_of_their_tags() {
    let s = strip_non_content(
        "<p>a</p><SCRIPT type=\"application/ld+json\">{\"x\": \"</p>\"}</Script><p>b</p><style>p<q{}</STYLE><p>c</p>",
    );
    assert_eq!(s.html, "<p>a</p><p>b</p><p>c</p>");
    assert_eq!(s.json_ld, vec!["{\"x\": \"</p>\"}"]);
    // A script left open runs to the end of the page.
    assert_eq!(strip_non_content("<p>a</p><script>if (a<b) {}").html, "<p>a</p>");
}
