//! `sahel-normalizer`: the service, or `sahel-normalizer normalize` for documents on disk
//! (`extract`, the command's former name, is still accepted).

use clap::Parser;

/// The command names of [`sahel_normalizer::normalize_cmd`]: its name and its former one.
const NORMALIZE_COMMANDS: [&str; 2] = ["normalize", "extract"];

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).is_some_and(|a| NORMALIZE_COMMANDS.contains(&a.as_str())) {
        let cmd = sahel_normalizer::normalize_cmd::NormalizeArgs::parse_from(&args[1..]);
        let code =
            sahel_normalizer::normalize_cmd::run(&cmd, &mut std::io::stdout().lock(), &mut std::io::stderr().lock());
        return std::process::ExitCode::from(u8::try_from(code).unwrap_or(1));
    }
    let config = sahel_normalizer::Config::parse();
    let result = sahel_normalizer::run(config, sahel_runtime::shutdown::signal()).await;
    sahel_runtime::exit_code("sahel-normalizer", result)
}
