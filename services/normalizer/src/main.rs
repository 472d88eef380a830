//! `sahel-normalizer`: see the library documentation.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = sahel_normalizer::Config::parse();
    let result = sahel_normalizer::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-normalizer", result)
}
