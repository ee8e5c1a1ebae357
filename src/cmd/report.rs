//! `akim-tally report`: the results as a self-contained HTML page to print, sign and publish.

use akim_tally::report::html::{Lang, page};

use super::tally::{DecideArgs, compute};
use super::{Fatal, OutputArgs, write_output};

/// Where an HTML report embeds its JSON results.
pub const EMBED_START: &str = "<script type=\"application/json\" id=\"akim-tally-results\">";

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub decide: DecideArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    let c = compute(&args.decide, Some(&args.output), false)?;
    c.tell(&args.decide.input, lang);
    let html = page(lang, &c.rules, &c.inputs, &c.districts, &c.findings, &c.json());
    write_output(&args.output, &html, &c.loaded.input_paths)?;
    Ok(c.exit_code())
}
