//! `sahel-writer`: see the library documentation.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = sahel_writer::Config::parse();
    let result = sahel_writer::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-writer", result)
}
