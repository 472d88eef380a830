//! `sahel-normalizer`: the service, or `sahel-normalizer extract` for documents on disk.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("extract") {
        let extract = sahel_normalizer::extract::ExtractArgs::parse_from(&args[1..]);
        let code =
            sahel_normalizer::extract::run(&extract, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
        return std::process::ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let config = sahel_normalizer::Config::parse();
    let result = sahel_normalizer::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-normalizer", result)
}
