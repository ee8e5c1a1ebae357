//! `akim-tally validate`: checks only.

use crate::cmd::Heading;
use akim_tally::check::sort_findings;
use akim_tally::pipeline::check_inputs;
use akim_tally::report::json::{DistrictCheck, write_validation};
use akim_tally::report::table;
use akim_tally::report::text::Lang;

use super::{
    Fatal, InputArgs, OutputArgs, RulesArgs, check_output, exit, input_files, load_under, print_findings, print_notes,
    write_output, write_output_with,
};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// The rule set says which lines every protocol must give and which checks of the law run.
    #[command(flatten)]
    pub rules: RulesArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A table for a person.
    Table,
    /// JSON (akim-tally.validation.v1).
    Json,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    let (rules, rules_file) = args.rules.rule_set()?;
    let mut loaded = load_under(&args.input, &rules)?;
    // A rules file is an input too: never written over.
    if let Some(source) = rules_file {
        let p = std::path::Path::new(&*source.name);
        loaded.input_paths.push(p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
    }
    check_output(&args.output, &loaded.input_paths)?;
    let (inputs, progress) = loaded.inputs(args.input.quiet)?;
    let checked = check_inputs(&loaded.roster, inputs, &loaded.options, &loaded.annulled);
    drop(progress);
    let (mut tally, metas) = checked.map_err(|f| Fatal::Findings(Heading::Returns, f))?;
    tally.findings.extend(loaded.roster_warnings.iter().cloned());
    sort_findings(&mut tally.findings);
    print_notes(&loaded, &metas, args.input.quiet, lang);
    let inputs = input_files(&loaded, &metas);
    let blocked = akim_tally::decide::blocking(&loaded.roster, &tally);
    let checks: Vec<DistrictCheck> = loaded
        .roster
        .districts
        .values()
        .zip(&tally.districts)
        .map(|(d, t)| DistrictCheck {
            district_id: d.id.as_str(),
            district_name: &d.name,
            precincts_reporting: t.precincts_reporting(),
            precincts_total: t.precincts_total(),
            missing_precincts: t.missing().iter().map(|p| p.as_str()).collect(),
            errors: blocked.get(&d.id).map_or(0, Vec::len),
        })
        .collect();
    let errors = tally.findings.iter().filter(|f| f.is_error()).count();
    print_findings(&tally.findings, lang, args.input.all_diagnostics);
    match args.format {
        Format::Table => {
            let text = table::validation(&inputs, &checks, errors, tally.findings.len() - errors, lang);
            write_output(&args.output, &akim_tally::report::diagnostics::visible(&text, true), &loaded.input_paths)?;
        }
        Format::Json => write_output_with(&args.output, &loaded.input_paths, |w| {
            write_validation(w, &inputs, &checks, &tally.findings)
        })?,
    }
    Ok(if errors > 0 {
        exit::ERRORS
    } else if checks.iter().any(|c| c.precincts_reporting < c.precincts_total) {
        exit::ACTION
    } else {
        exit::OK
    })
}
