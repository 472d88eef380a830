//! Advertising and calls to action inside a plain-text article are removed by what they are (a
//! short line that shares nothing with the story and speaks the language of sales, or sits next
//! to a call to action), and every line of the story stays: quotes, one-sentence paragraphs,
//! subheadings, story lines that happen to use a word of sales. The articles are written for
//! this test, in English, French and Dutch.

use sahel_normalizer::plain::main_text;

/// Kept paragraphs and removed lines of a plain-text article.
fn split(text: &str) -> (Vec<String>, Vec<String>) {
    let m = main_text(text, None);
    (m.paragraphs, m.removed)
}

fn assert_split(text: &str, ads: &[&str]) {
    let (kept, removed) = split(text);
    for ad in ads {
        assert!(removed.iter().any(|r| r == ad), "not removed: {ad}\nkept: {kept:#?}");
    }
    // Every other line of the text is a line of the story and stays.
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !ads.contains(l))
    {
        assert!(
            kept.iter().any(|k| k == line),
            "story line lost: {line}\nremoved: {removed:#?}"
        );
    }
}

#[test]
fn english_pitches_go_and_the_story_stays() {
    let text = "Herders and farmers sign a grazing pact in Tillabéri\n\
        Herders and farmers from six villages near Tillabéri signed a pact on Tuesday that sets out grazing corridors for the dry season, the regional governor said.\n\
        The agreement follows months of clashes over water points in which at least twelve villagers died, according to a local human rights group.\n\
        \"We have buried too many of our sons,\" said Hama Boubacar, a village chief.\n\
        Learn a new language with short daily lessons, personalised for you, from just a few minutes per day.\n\
        Start your free trial\n\
        The governor said soldiers would patrol the corridors until the rains return.\n\
        Water points\n\
        Three new wells will be dug along the corridors before March, paid for by the regional council.\n\
        Unlimited access to all our premium newsletters and exclusive offers.\n\
        The pact will be reviewed by the villagers after the next harvest.\n\
        The hostages taken during the clashes were set free on Monday, the governor added.";
    assert_split(
        text,
        &[
            "Learn a new language with short daily lessons, personalised for you, from just a few minutes per day.",
            "Start your free trial",
            "Unlimited access to all our premium newsletters and exclusive offers.",
        ],
    );
}

#[test]
fn french_pitches_go_and_the_story_stays() {
    let text = "Les commerçants de Gao rouvrent le marché central\n\
        Les commerçants de Gao ont rouvert mercredi le marché central, fermé depuis l'incendie qui l'avait ravagé en janvier, a indiqué la mairie.\n\
        Plus de deux cents boutiques ont été reconstruites grâce aux cotisations des commerçants et à une aide de la région.\n\
        « Nous repartons de zéro », a confié une vendeuse de tissus.\n\
        Profitez de notre offre spéciale : trois mois d'abonnement offerts, sans engagement.\n\
        Je m'abonne\n\
        La mairie a promis de construire un poste de pompiers à l'entrée du marché avant la fin de l'année.\n\
        Des bouches d'incendie\n\
        Les commerçants réclament aussi des bouches d'incendie dans chaque allée du marché.\n\
        Découvrez nos leçons personnalisées, par jour, gratuitement.\n\
        Le marché sera ouvert tous les jours sauf le vendredi.";
    assert_split(
        text,
        &[
            "Profitez de notre offre spéciale : trois mois d'abonnement offerts, sans engagement.",
            "Je m'abonne",
            "Découvrez nos leçons personnalisées, par jour, gratuitement.",
        ],
    );
}

#[test]
fn dutch_pitches_go_and_the_story_stays() {
    let text = "Boeren in Ségou krijgen nieuwe irrigatiekanalen\n\
        Boeren in de regio Ségou krijgen voor het volgende regenseizoen nieuwe irrigatiekanalen, heeft het ministerie van Landbouw dinsdag bekendgemaakt.\n\
        De kanalen moeten de rijstoogst van duizenden families beschermen tegen de steeds langere droogte.\n\
        'Zonder water hebben we niets', zegt een boer uit het dorp.\n\
        Ontdek onze nieuwsbrief: elke ochtend gratis in je mailbox, onbeperkt en zonder reclame.\n\
        Probeer een proefabonnement van een maand voor slechts één euro.\n\
        Word abonnee\n\
        Het ministerie betaalt de kanalen met een lening van de Wereldbank.\n\
        Droogte\n\
        De droogte trof vorig jaar de helft van de rijstvelden in de regio.\n\
        Volgens de boeren is de steun van het ministerie te laat gekomen.";
    assert_split(
        text,
        &[
            "Ontdek onze nieuwsbrief: elke ochtend gratis in je mailbox, onbeperkt en zonder reclame.",
            "Probeer een proefabonnement van een maand voor slechts één euro.",
            "Word abonnee",
        ],
    );
}

#[test]
fn a_short_line_with_one_word_of_sales_is_not_an_ad() {
    // An island with a single cue (a quote that says "free") and a line of the story full of
    // cue words (it shares the story's names) both stay.
    let text = "Prisoners released in Niamey after the amnesty\n\
        Forty prisoners were released from the central prison of Niamey on Thursday under the amnesty announced by the ruling council last month.\n\
        Families waited outside the prison gates from dawn, and some had travelled from Zinder and Agadez.\n\
        \"It felt like the first morning of my life, free at last,\" one man told reporters.\n\
        The council said the prisoners would get free lessons every day for a month at the central prison school in Niamey.\n\
        Lawyers said about two hundred people remain in detention without trial.";
    assert_split(text, &[]);
}

#[test]
fn a_short_article_is_not_judged() {
    // Too little story to tell an island from a line of the story: nothing is removed by
    // content.
    let (kept, removed) = split("Free lessons per day for displaced children.\nThe camp school opened on Monday.");
    assert_eq!(kept.len(), 2, "{removed:?}");
}

#[test]
fn notices_about_the_article_go_and_the_story_stays() {
    let text = "Fishermen on Lake Chad return to the water\n\
        Fishermen from Baga Sola went back to Lake Chad on Monday after the army lifted a ban on night fishing around the islands, the prefect said.\n\
        The ban, imposed after an attack on a patrol in March, had cut the catch of the town's fishermen by half, their union said.\n\
        \"We can feed our families again,\" said Mahamat Abakar, who fishes with his two sons.\n\
        This report is the copyrighted property of Example Wire. Reprint only with written permission.\n\
        Some links in our reports are affiliate links.";
    assert_split(
        text,
        &[
            "This report is the copyrighted property of Example Wire. Reprint only with written permission.",
            "Some links in our reports are affiliate links.",
        ],
    );
}

#[test]
fn a_paywall_ends_a_plain_text_article() {
    let text = "Le marché de Gao rouvre\n\
        Les commerçants de Gao ont rouvert mercredi le grand marché, trois mois après l'incendie qui avait détruit la plupart des étals, a indiqué la mairie.\n\
        Plus de deux cents étals ont été reconstruits grâce aux cotisations des commerçants et à une subvention du conseil régional.\n\
        Pour lire la suite, abonnez-vous.\n\
        Nos abonnés reçoivent chaque matin la lettre du journal.";
    assert_split(
        text,
        &[
            "Pour lire la suite, abonnez-vous.",
            "Nos abonnés reçoivent chaque matin la lettre du journal.",
        ],
    );
}
