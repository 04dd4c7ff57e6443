//! The `minsheng` binary: the window, or a command-line task (see `minsheng --help`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match minsheng::cli::parse(&args) {
        Ok(command) => match minsheng::cli::run(command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("minsheng: {message}");
                ExitCode::FAILURE
            }
        },
        Err(message) => {
            eprintln!("minsheng: {message}\n\n{}", minsheng::cli::USAGE);
            ExitCode::from(2)
        }
    }
}
