//! `sahel-writer`: see the library documentation. `sahel-writer replay-articles ...` runs the
//! re-extraction command ([`sahel_writer::replay`]), `sahel-writer replay-dead-letters ...`
//! the dead-letter replay ([`sahel_writer::dead_letters`]), instead of the service.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    if std::env::args().nth(1).as_deref() == Some("replay-articles") {
        let config = sahel_writer::replay::ReplayConfig::parse_from(std::env::args().skip(1));
        let result = sahel_writer::replay::run(config)
            .await
            .map(|summary| println!("{summary}"));
        return sahel_runtime::exit_code("sahel-writer replay-articles", result);
    }
    if std::env::args().nth(1).as_deref() == Some("replay-dead-letters") {
        let config = sahel_writer::dead_letters::DeadLetterReplayConfig::parse_from(std::env::args().skip(1));
        let result = sahel_writer::dead_letters::run(config)
            .await
            .map(|summary| println!("{summary}"));
        return sahel_runtime::exit_code("sahel-writer replay-dead-letters", result);
    }
    let config = sahel_writer::Config::parse();
    let result = sahel_writer::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-writer", result)
}
