//! The ranking of an event's mentions: which one gives the event its date, its place and its
//! evidence. One definition, here: the comparators the writer's merge uses in Rust
//! ([`date_cmp`], [`place_cmp`], [`evidence_cmp`]) and the SQL functions the full recompute
//! (`refresh_events`) and the merge statement use in PostgreSQL ([`functions_sql`]) are both
//! made from the tables below.
//!
//! The SQL is generated: `cargo run -q -p sahel-writer --example ranking_sql` prints it, and a
//! migration that changes the ranking is that output (`schemas/migrations/0008_*.sql` holds it
//! today). `tests/schema.rs` checks that the functions a migrated database holds are exactly
//! [`functions`], and `tests/model.rs` that merging and recomputing give the same rows.
//!
//! Lower ranks first. Floats order as in PostgreSQL (NaN after every number); ties go to the
//! smaller mention id, compared byte by byte: mention ids are `men_` and hex digits, which
//! every collation orders the same way.

use std::cmp::Ordering;

use crate::rows::MentionRow;

/// A rank per value of a text column, and the rank of every other value (and of NULL).
#[derive(Debug)]
pub struct Ranks {
    /// The SQL function's parameter (and the column it is called with).
    pub param: &'static str,
    pub ranks: &'static [(&'static str, u8)],
    pub otherwise: u8,
}

impl Ranks {
    /// The rank of `value`.
    pub fn of(&self, value: Option<&str>) -> u8 {
        value
            .and_then(|v| self.ranks.iter().find(|(k, _)| *k == v))
            .map_or(self.otherwise, |(_, r)| *r)
    }

    /// `CASE param WHEN 'a' THEN 0 ... ELSE n END`.
    fn case_sql(&self) -> String {
        let whens: Vec<String> = self.ranks.iter().map(|(v, r)| format!("WHEN '{v}' THEN {r}")).collect();
        format!("CASE {} {} ELSE {} END", self.param, whens.join(" "), self.otherwise)
    }
}

/// Day before month before the rest (year).
pub const DATE_PRECISION: Ranks = Ranks {
    param: "date_precision",
    ranks: &[("day", 0), ("month", 1)],
    otherwise: 2,
};

/// A stated date before an inferred one before one resolved from the publication date.
pub const DATE_RESOLUTION: Ranks = Ranks {
    param: "date_resolution",
    ranks: &[("stated", 0), ("inferred", 1), ("relative_to_publication", 2)],
    otherwise: 3,
};

/// The more precise place first (`sahel_place_rank`).
pub const PLACE_PRECISION: Ranks = Ranks {
    param: "place_precision",
    ranks: &[
        ("point", 0),
        ("site", 0),
        ("city", 1),
        ("town", 1),
        ("admin2", 2),
        ("admin1", 3),
        ("region", 4),
        ("river", 4),
        ("lake", 4),
        ("country", 5),
    ],
    otherwise: 6,
};

/// Asserted or reported before planned or background before the rest.
pub const MODALITY_CLASS: Ranks = Ranks {
    param: "modality",
    ranks: &[("asserted", 0), ("reported", 0), ("planned", 1), ("background", 1)],
    otherwise: 2,
};

/// The modality itself, the strongest evidence that the event happened first
/// (`sahel_modality_rank`).
pub const MODALITY: Ranks = Ranks {
    param: "modality",
    ranks: &[
        ("asserted", 0),
        ("reported", 1),
        ("planned", 2),
        ("background", 3),
        ("hypothetical", 4),
    ],
    otherwise: 5,
};

/// PostgreSQL's order of `double precision`: NaN after every number and equal to itself; -0
/// equals 0.
fn pg_float_cmp(a: f64, b: f64) -> Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

fn id_cmp(a: &MentionRow, b: &MentionRow) -> Ordering {
    a.mention_id.as_bytes().cmp(b.mention_id.as_bytes())
}

/// `sahel_date_rank`: [`DATE_PRECISION`], [`DATE_RESOLUTION`], the narrower range, the more
/// confident mention, the smaller id.
pub fn date_cmp(a: &MentionRow, b: &MentionRow) -> Ordering {
    fn width(m: &MentionRow) -> i64 {
        match (m.date_start, m.date_end) {
            (Some(s), Some(e)) => (e - s).num_days(),
            // A date without its end cannot be stored (a check constraint); rank it last.
            _ => i64::MAX,
        }
    }
    let precision = |m: &MentionRow| DATE_PRECISION.of(m.date_precision);
    let resolution = |m: &MentionRow| DATE_RESOLUTION.of(m.date_resolution);
    precision(a)
        .cmp(&precision(b))
        .then_with(|| resolution(a).cmp(&resolution(b)))
        .then_with(|| width(a).cmp(&width(b)))
        .then_with(|| pg_float_cmp(-a.confidence, -b.confidence))
        .then_with(|| id_cmp(a, b))
}

/// `sahel_place_key`: [`PLACE_PRECISION`], one with coordinates, the more confident mention,
/// the smaller id.
pub fn place_cmp(a: &MentionRow, b: &MentionRow) -> Ordering {
    let precision = |m: &MentionRow| PLACE_PRECISION.of(m.place_precision.as_deref());
    precision(a)
        .cmp(&precision(b))
        .then_with(|| a.latitude.is_none().cmp(&b.latitude.is_none()))
        .then_with(|| pg_float_cmp(-a.confidence, -b.confidence))
        .then_with(|| id_cmp(a, b))
}

/// `sahel_evidence_rank`: [`MODALITY_CLASS`], the more confident mention, [`MODALITY`], the
/// smaller id.
pub fn evidence_cmp(a: &MentionRow, b: &MentionRow) -> Ordering {
    let class = |m: &MentionRow| MODALITY_CLASS.of(Some(m.modality));
    let rank = |m: &MentionRow| MODALITY.of(Some(m.modality));
    class(a)
        .cmp(&class(b))
        .then_with(|| pg_float_cmp(-a.confidence, -b.confidence))
        .then_with(|| rank(a).cmp(&rank(b)))
        .then_with(|| id_cmp(a, b))
}

/// A ranking function as PostgreSQL holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlFunction {
    pub name: &'static str,
    /// The parameters, as in `CREATE FUNCTION name(...)`.
    pub params: &'static str,
    pub returns: &'static str,
    /// The body (`pg_proc.prosrc`).
    pub body: String,
}

/// The ranking functions, in dependency order, each the SQL twin of a comparator above (the
/// composite return types are those of migration 0005).
pub fn functions() -> Vec<SqlFunction> {
    vec![
        SqlFunction {
            name: "sahel_place_rank",
            params: "place_precision text",
            returns: "integer",
            body: format!("\n    SELECT {}\n", PLACE_PRECISION.case_sql()),
        },
        SqlFunction {
            name: "sahel_modality_rank",
            params: "modality text",
            returns: "integer",
            body: format!("\n    SELECT {}\n", MODALITY.case_sql()),
        },
        SqlFunction {
            name: "sahel_date_rank",
            params: "date_precision text, date_resolution text, date_start date, date_end date, \
                     confidence double precision, mention_id text",
            returns: "sahel_date_rank",
            body: format!(
                "\n    SELECT ROW({}, {}, date_end - date_start, -confidence, mention_id)::sahel_date_rank\n",
                DATE_PRECISION.case_sql(),
                DATE_RESOLUTION.case_sql()
            ),
        },
        SqlFunction {
            name: "sahel_place_key",
            params: "place_precision text, latitude double precision, confidence double precision, mention_id text",
            returns: "sahel_place_key",
            body: "\n    SELECT ROW(sahel_place_rank(place_precision), latitude IS NULL, -confidence, mention_id)\
                   ::sahel_place_key\n"
                .to_owned(),
        },
        SqlFunction {
            name: "sahel_evidence_rank",
            params: "modality text, confidence double precision, mention_id text",
            returns: "sahel_evidence_rank",
            body: format!(
                "\n    SELECT ROW({}, -confidence, sahel_modality_rank(modality), mention_id)::sahel_evidence_rank\n",
                MODALITY_CLASS.case_sql()
            ),
        },
    ]
}

/// [`functions`] as `CREATE OR REPLACE FUNCTION` statements: the text of a migration that
/// changes the ranking.
pub fn functions_sql() -> String {
    let mut out = String::new();
    for f in functions() {
        out.push_str(&format!(
            "CREATE OR REPLACE FUNCTION {}({}) RETURNS {}\nLANGUAGE sql IMMUTABLE PARALLEL SAFE AS $${}$$;\n\n",
            f.name, f.params, f.returns, f.body
        ));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranks_fall_back_for_unknown_values_and_null() {
        assert_eq!(PLACE_PRECISION.of(Some("site")), 0);
        assert_eq!(PLACE_PRECISION.of(Some("galaxy")), 6);
        assert_eq!(DATE_PRECISION.of(None), 2);
        assert_eq!(MODALITY.of(Some("negated")), 5);
        assert_eq!(
            MODALITY_CLASS.case_sql(),
            "CASE modality WHEN 'asserted' THEN 0 WHEN 'reported' THEN 0 WHEN 'planned' THEN 1 \
             WHEN 'background' THEN 1 ELSE 2 END"
        );
    }

    #[test]
    fn the_sql_is_one_create_or_replace_per_function_built_from_the_tables() {
        let sql = functions_sql();
        assert_eq!(sql.matches("CREATE OR REPLACE FUNCTION").count(), 5, "{sql}");
        assert!(
            sql.contains("WHEN 'relative_to_publication' THEN 2 ELSE 3 END"),
            "{sql}"
        );
        assert!(sql.ends_with("$$;\n"), "{sql}");
        // Dependencies first: the keys call the per-value ranks.
        assert!(sql.find("sahel_place_rank(place_precision text)") < sql.find("sahel_place_key("));
    }
}
