//! The `minsheng` binary: the window, or a command-line task (see `minsheng --help`).

use std::process::ExitCode;

use minsheng::cli::{self, CliError};

fn main() -> ExitCode {
    let parsed = cli::parse(std::env::args_os().skip(1));
    let lang = match &parsed {
        Ok(invocation) => invocation.lang,
        Err(_) => minsheng::i18n::Lang::from_os(),
    };
    if let Ok(dir) = cli::data_dir() {
        minsheng::log::init(&dir);
    }
    match parsed.and_then(cli::run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Usage(message, usage)) => {
            eprintln!("minsheng: {}\n\n{}", message.get(lang), lang.t(usage));
            ExitCode::from(2)
        }
        Err(CliError::Failed(message)) => {
            eprintln!("minsheng: {}", message.get(lang));
            ExitCode::FAILURE
        }
    }
}
