//! `sahel-fetcher`: see the library documentation.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let config = sahel_fetcher::Config::parse();
    let result = sahel_fetcher::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-fetcher", result)
}
