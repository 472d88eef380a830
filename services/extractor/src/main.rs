//! `sahel-extractor`: see the library documentation.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = sahel_extractor::Config::parse();
    let result = sahel_extractor::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-extractor", result)
}
