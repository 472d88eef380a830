//! Prints the ranking functions as SQL ([`sahel_writer::ranking::functions_sql`]): the body of
//! a migration that changes the ranking.
//!
//! `cargo run -q -p sahel-writer --example ranking_sql`

fn main() {
    print!("{}", sahel_writer::ranking::functions_sql());
}
