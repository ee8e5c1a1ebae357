//! The `akim-tally` command: parses the command line, runs a subcommand, maps the outcome to an exit code.

// Findings are errors of readers, built once per problem, off the hot path.
#![allow(clippy::result_large_err)]

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    let lang = cmd::language(cli.lang);
    // A run asked for JSON on standard output answers in JSON even when it cannot start (exit code 2).
    let json_out = match &cli.command {
        cmd::Command::Tally(a) => a.format == cmd::Format::Json && a.output.is_stdout(),
        cmd::Command::Validate(a) => a.format == cmd::validate::Format::Json && a.output.is_stdout(),
        _ => false,
    };
    let code = match cli.command {
        cmd::Command::Validate(args) => cmd::validate::run(&args, lang),
        cmd::Command::Tally(args) => cmd::tally::run(&args, lang),
        cmd::Command::Report(args) => cmd::report::run(&args, lang),
        cmd::Command::Statement(args) => cmd::statement::run(&args, lang),
        cmd::Command::Verify(args) => cmd::verify::run(&args, lang),
        cmd::Command::Diff(args) => cmd::diff::run(&args, lang),
        cmd::Command::Template(args) => cmd::template::run(&args, lang),
        cmd::Command::Generate(args) => cmd::generate::run(&args),
        cmd::Command::Completions { shell } => cmd::shell::completions(shell),
        cmd::Command::Man => cmd::shell::man(),
    };
    ExitCode::from(code.unwrap_or_else(|fatal| {
        if json_out {
            fatal.print_json();
        }
        fatal.report(lang)
    }))
}
