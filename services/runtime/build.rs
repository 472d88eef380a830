//! Rebuilds this crate when a migration is added under `schemas/migrations`, so
//! `db::MIGRATOR` (embedded by `sqlx::migrate!`) never misses one. Editing an existing file
//! is tracked anyway; adding one is not, without this.
fn main() {
    println!("cargo:rerun-if-changed=../../schemas/migrations");
}
