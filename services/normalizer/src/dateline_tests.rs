use super::*;

fn lines(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// The date of a date line as `YYYY-MM-DD` (UTC), its lead and precision.
fn parsed(line: &str) -> Option<(String, Lead, DatePrecision)> {
    parse_line(line).map(|d| (d.value.format("%F").to_string(), d.lead, d.precision))
}

fn day(line: &str) -> Option<String> {
    parsed(line).map(|p| p.0)
}

fn no_teaser(_: &str) -> bool {
    false
}

fn teaser(l: &str) -> bool {
    let l = l.to_lowercase();
    l.starts_with("read more") || l.starts_with("lire aussi") || l.starts_with("lees ook")
}

#[test]
fn the_data_file_loads() {
    let w = Words::from_json(DATES_JSON).expect("dates.json loads");
    assert_eq!(w.months.get("juil"), Some(&7));
    assert_eq!(w.zones.get("cest"), Some(&120));
    assert!(
        w.leads.windows(2).all(|p| p[0].0.len() >= p[1].0.len()),
        "longest lead-ins first"
    );
    assert_eq!(
        (month("Sept."), month("mrt"), month("août"), month("Mai")),
        (Some(9), Some(3), Some(8), Some(5))
    );
    assert_eq!(month("Friday"), None);
}

#[test]
fn dates_of_the_three_languages() {
    for (line, want) in [
        ("June 15, 2024", "2024-06-15"),
        ("15 June 2024", "2024-06-15"),
        ("15th June, 2024", "2024-06-15"),
        ("Jun. 15th 2024", "2024-06-15"),
        ("Saturday, June 15, 2024", "2024-06-15"),
        ("Sat 15 Jun 2024", "2024-06-15"),
        ("14 juin 2024", "2024-06-14"),
        ("1er juil. 2024", "2024-07-01"),
        ("vendredi 14 juin 2024", "2024-06-14"),
        ("20 juni 2024", "2024-06-20"),
        ("donderdag 20 juni 2024", "2024-06-20"),
        ("do 20 jun. 2024", "2024-06-20"),
        ("3 mrt 2024", "2024-03-03"),
        ("2024-06-15", "2024-06-15"),
        ("Mar 15, 2024", "2024-03-15"),
        ("mar. 12 mars 2024", "2024-03-12"),
    ] {
        assert_eq!(day(line).as_deref(), Some(want), "{line}");
    }
}

#[test]
fn times_zones_and_lead_ins() {
    use DatePrecision::{Day, Time};
    use Lead::{Published, Updated};
    let p = |d: &str, lead, precision| Some((d.to_owned(), lead, precision));
    assert_eq!(parsed("Published June 15, 2024"), p("2024-06-15", Published, Day));
    assert_eq!(
        parsed("Published: Saturday, June 15, 2024, 2:30 p.m."),
        p("2024-06-15", Published, Day)
    );
    assert_eq!(
        parsed("Posted on June 15, 2024 at 14:30 UTC"),
        p("2024-06-15", Published, Time)
    );
    assert_eq!(parsed("Updated 15 June 2024 10.42 BST"), p("2024-06-15", Updated, Time));
    assert_eq!(
        parsed("Publié le 14 juin 2024 à 14h30"),
        p("2024-06-14", Published, Day)
    );
    assert_eq!(
        parsed("Mis à jour le vendredi 14 juin 2024 à 18 h 05"),
        p("2024-06-14", Updated, Day)
    );
    assert_eq!(
        parsed("Gepubliceerd op 20 juni 2024 om 14.30 uur"),
        p("2024-06-20", Published, Day)
    );
    assert_eq!(parsed("Bijgewerkt: 21 juni 2024, 09u15"), p("2024-06-21", Updated, Day));
    assert_eq!(parsed("2024-06-15T14:30:00Z"), p("2024-06-15", Lead::Plain, Time));
    // The instant, with the zone's offset.
    let v = |l: &str| parse_line(l).map(|d| d.value.to_rfc3339());
    assert_eq!(
        v("15 June 2024 14:30 CEST").as_deref(),
        Some("2024-06-15T12:30:00+00:00")
    );
    assert_eq!(
        v("June 15, 2024 2:30 pm (GMT+1)").as_deref(),
        Some("2024-06-15T13:30:00+00:00")
    );
    assert_eq!(
        v("June 15, 2024 | 9:05 AM EDT").as_deref(),
        Some("2024-06-15T13:05:00+00:00")
    );
    assert_eq!(
        v("2024-06-15 14:30 +01:00").as_deref(),
        Some("2024-06-15T13:30:00+00:00")
    );
    assert_eq!(
        v("20 juni 2024 08:00 WAT").as_deref(),
        Some("2024-06-20T07:00:00+00:00")
    );
}

#[test]
fn published_beats_updated_on_one_line() {
    let d = |l: &str| parsed(l).map(|p| (p.0, p.1));
    assert_eq!(
        d("Publié le 14 juin 2024 à 10h00, modifié le 15 juin 2024 à 14h30"),
        Some(("2024-06-14".into(), Lead::Published))
    );
    assert_eq!(
        d("Updated June 16, 2024 · Published June 15, 2024"),
        Some(("2024-06-15".into(), Lead::Published))
    );
    assert_eq!(
        d("Gepubliceerd op 20 juni 2024 om 09.15 uur, bijgewerkt om 11.40 uur"),
        Some(("2024-06-20".into(), Lead::Published))
    );
}

#[test]
fn lines_that_are_more_than_a_date_are_not_date_lines() {
    for line in [
        "© 2024 Sahel Daily",
        "Copyright June 15, 2024",
        "© June 15, 2024",
        "2024",
        "June 2024",
        "Jun 26, 2025 |",
        "| June 15, 2024",
        "June 15, 2024 | | Dakar",
        "Read more: June 15, 2024",
        "Lire aussi : 14 juin 2024",
        "The army said on 15 June 2024 that it had retaken the town.",
        "Niamey, June 15, 2024",
        "By Amina Issoufou, June 15, 2024",
        "31 February 2024",
        "June 15, 2024 25:00",
        "June 15, 2024, 14 June 2024",
        "Published",
        "15 June 20245",
    ] {
        assert_eq!(parse_line(line), None, "{line}");
    }
}

#[test]
fn the_date_line_nearest_the_body_wins_over_an_aggregator_banner() {
    let text = lines(
        "THE AGGREGATOR NEWS\nJun 26, 2025\nSponsor: X\nLe Monde\n6 Dec 2023\n\
         The first Russian officials were welcomed in Niamey on Monday, the ministry of defence said.",
    );
    let p = publication_date(&text, &[], None, no_teaser).expect("date");
    assert_eq!(
        (p.value.format("%F").to_string(), p.found_in),
        ("2023-12-06".into(), DateSource::Text)
    );
}

#[test]
fn top_bottom_and_lead_in_preference() {
    let body = "Several thousand people marched through Niamey on Saturday to demand the departure of troops.";
    let date =
        |text: &str| publication_date(&lines(text), &[], None, no_teaser).map(|p| p.value.format("%F").to_string());
    // The second line, after the headline.
    assert_eq!(
        date(&format!("Rally in Niamey\nJune 15, 2024\n{body}")).as_deref(),
        Some("2024-06-15")
    );
    // At the bottom.
    assert_eq!(
        date(&format!("Rally in Niamey\n{body}\n15 June 2024")).as_deref(),
        Some("2024-06-15")
    );
    // "Published" at the bottom beats "Updated" at the top; a plain date beats "Updated".
    assert_eq!(
        date(&format!(
            "Rally\nUpdated June 17, 2024\n{body}\nPublished June 15, 2024"
        ))
        .as_deref(),
        Some("2024-06-15")
    );
    assert_eq!(
        date(&format!("Rally\nUpdated June 17, 2024\n{body}\nJune 15, 2024")).as_deref(),
        Some("2024-06-15")
    );
    // Only "Updated": better than nothing.
    assert_eq!(
        date(&format!("Rally\nUpdated June 17, 2024\n{body}")).as_deref(),
        Some("2024-06-17")
    );
    // A date line in the middle of a long body is not the publication date.
    let middle = format!(
        "Rally\n{body}\n{body}\n{body}\n{body}\n{body}\n{body}\nJune 1, 2024\n{body}\n{body}\n{body}\n{body}\n{body}"
    );
    assert_eq!(date(&middle), None);
}

#[test]
fn teaser_dates_future_dates_and_old_dates_are_refused() {
    let body = "Several thousand people marched through Niamey on Saturday to demand the departure of troops.";
    let date = |text: &str, fetched: Option<DateTime<Utc>>| {
        publication_date(&lines(text), &[], fetched, teaser).map(|p| p.value.format("%F").to_string())
    };
    assert_eq!(
        date(
            &format!("Rally\n{body}\nRead more: Mali and Russia\nJune 3, 2024"),
            None
        ),
        None
    );
    assert_eq!(
        date(
            &format!("Rally\n{body}\nRead more\nMali and Russia sign a pact\nJune 3, 2024"),
            None
        ),
        None
    );
    assert_eq!(
        date(
            &format!("Rally\n{body}\nLees ook\nMali en Rusland\n3 juni 2024\nBurkina en Rusland\n1 juni 2024"),
            None
        ),
        None
    );
    // A long teaser line carries its own headline: the line after it is the article's headline.
    assert_eq!(
        date(&format!("Lire aussi : au Mali, la junte renforce ses liens avec Moscou\nManifestation à Niamey\n14 juin 2024\n{body}"), None)
            .as_deref(),
        Some("2024-06-14")
    );
    let fetched = Utc.with_ymd_and_hms(2024, 6, 20, 8, 0, 0).single();
    assert_eq!(date(&format!("Rally\nJune 15, 2031\n{body}"), fetched), None);
    assert_eq!(
        date(&format!("Rally\nJune 21, 2024\n{body}"), fetched).as_deref(),
        Some("2024-06-21")
    );
    assert_eq!(date(&format!("Rally\nJune 22, 2024\n{body}"), fetched), None);
    assert_eq!(date(&format!("Rally\nJune 15, 1889\n{body}"), fetched), None);
}
