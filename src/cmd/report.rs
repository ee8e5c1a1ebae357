//! `akim-tally report`: the results as a self-contained HTML page to print, sign and publish.

use akim_tally::report::html::{Lang, page};

use super::tally::{DecideArgs, compute};
use super::{Fatal, OutputArgs, write_output};

/// Where an HTML report embeds its JSON results.
pub const EMBED_START: &str = "<script type=\"application/json\" id=\"akim-tally-results\">";

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Қазақша.
    Kk,
    /// Русский.
    Ru,
    /// English.
    En,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub decide: DecideArgs,
    /// The language of the labels.
    #[arg(long, value_enum, default_value = "kk")]
    pub lang: LangArg,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &Args) -> Result<u8, Fatal> {
    let c = compute(&args.decide, Some(&args.output), false)?;
    c.tell(args.decide.input.quiet);
    let lang = match args.lang {
        LangArg::Kk => Lang::Kk,
        LangArg::Ru => Lang::Ru,
        LangArg::En => Lang::En,
    };
    let html = page(lang, &c.rules, &c.inputs, &c.districts, &c.findings, &c.json());
    write_output(&args.output, &html, &c.loaded.input_paths)?;
    Ok(c.exit_code())
}
