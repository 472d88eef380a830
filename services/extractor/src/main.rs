//! `sahel-extractor`: the service, or `sahel-extractor code` for plain texts.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("code") {
        let code = sahel_extractor::code_cmd::CodeArgs::parse_from(&args[1..]);
        let status =
            sahel_extractor::code_cmd::run(&code, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
        return std::process::ExitCode::from(u8::try_from(status).unwrap_or(1));
    }
    let config = sahel_extractor::Config::parse();
    let result = sahel_extractor::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-extractor", result)
}
