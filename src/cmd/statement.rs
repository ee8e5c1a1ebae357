//! `akim-tally statement`: the statement of the results the commission publishes (Art. 44 p.5), in Kazakh or
//! Russian, as a page to print or as plain text.

use akim_tally::report::html::Lang;
use akim_tally::report::statement;

use super::tally::{DecideArgs, compute, lowest};
use super::{Fatal, OutputArgs, write_output};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum StatementFormat {
    /// A page to print (A4).
    Html,
    /// Plain text, to paste into a newspaper's layout.
    Text,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub decide: DecideArgs,
    /// Output format (default: html when the output ends in .html, else text).
    #[arg(long, value_enum)]
    pub format: Option<StatementFormat>,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// The statement is published in Kazakh or Russian: with `--lang en` it is in Russian.
pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    let c = compute(&args.decide, Some(&args.output), false)?;
    c.tell(&args.decide.input, lang);
    let lang = if lang == Lang::Kk { Lang::Kk } else { Lang::Ru };
    let html = match args.format {
        Some(f) => f == StatementFormat::Html,
        None => args.output.output.as_ref().is_some_and(|p| p.extension().is_some_and(|e| e == "html" || e == "htm")),
    };
    let date = args.decide.rules.election_date.as_deref();
    let (roster, districts) = (&c.loaded.roster, &c.districts());
    let out = if html {
        statement::html(lang, roster, &c.rules, date, districts)
    } else {
        statement::text(lang, roster, &c.rules, date, districts)
    };
    write_output(&args.output, &out, &c.loaded.input_paths)?;
    Ok(c.exit_code(lowest(districts)))
}
