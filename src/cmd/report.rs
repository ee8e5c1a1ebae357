//! `akim-tally report`: the commission's protocol of results as a self-contained HTML page to print, sign and
//! publish.

use std::path::PathBuf;

use akim_tally::input::commission::{BadMember, MembersError, read_members_file};
use akim_tally::model::Commission;
use akim_tally::report::html::{Lang, Report, page};

use super::tally::{DecideArgs, compute, lowest};
use super::{Fatal, Heading, OutputArgs, Said, display, settings_source, write_output};

/// Where an HTML report embeds its JSON results.
pub const EMBED_START: &str = "<script type=\"application/json\" id=\"akim-tally-results\">";

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub decide: DecideArgs,
    /// The raion, for the protocol's header (e.g. «Жамбыл ауданы»).
    #[arg(long, value_name = "NAME")]
    pub raion: Option<String>,
    /// The commission's name, for the header (e.g. «Жамбыл аудандық аумақтық сайлау комиссиясы»).
    #[arg(long, value_name = "NAME")]
    pub commission: Option<String>,
    /// The commission's members, for the signature block: a CSV file of `role,name` lines (chair, deputy,
    /// secretary, member; or төраға, орынбасар, хатшы, мүше; or председатель, заместитель, секретарь, член).
    /// Without it, the names are blank lines to fill in by hand.
    #[arg(long, value_name = "FILE")]
    pub members: Option<PathBuf>,
    #[command(flatten)]
    pub output: OutputArgs,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    let mut commission =
        Commission { raion: args.raion.clone(), name: args.commission.clone(), ..Commission::default() };
    if let Some(path) = &args.members {
        let source = settings_source(path).map_err(|f| Fatal::Findings(Heading::Inputs, vec![f]))?;
        let path = display(path);
        read_members_file(&source.name, &source.bytes, &mut commission).map_err(|e| match e {
            MembersError::Unreadable(f) => Fatal::Findings(Heading::Inputs, vec![*f]),
            MembersError::Row(BadMember { line, role }) => Fatal::Said(Said::BadMember { path, line, role }),
            MembersError::Damaged { line, name } => Fatal::Said(Said::MemberDamaged { path, line, name }),
        })?;
    }
    let c = compute(&args.decide, Some(&args.output), true)?;
    c.tell(&args.decide.input, lang);
    let districts = c.districts();
    let json = c.json(&districts);
    let report = Report {
        lang,
        rules: &c.rules,
        commission: &commission,
        inputs: &c.inputs,
        districts: &districts,
        findings: c.findings(),
        roster: &c.loaded.roster,
        protocols: &c.protocols,
        results_json: &json,
    };
    write_output(&args.output, &page(&report), &c.loaded.input_paths)?;
    Ok(c.exit_code(lowest(&districts)))
}
