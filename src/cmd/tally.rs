//! `akim-tally tally`: checks, then decides every race.

use akim_tally::check::sort_findings;
use akim_tally::decide::Status;
use akim_tally::engine;
use akim_tally::report;
use akim_tally::rules::RuleSet;

use super::{
    Fatal, Format, InputArgs, OutputArgs, check_output, exit, input_files, load, print_findings, print_notes,
    tie_breaks, write_output,
};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    #[command(flatten)]
    pub output: OutputArgs,
    /// A rule set file (TOML); without it, the kz-rural-akim defaults.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<std::path::PathBuf>,
    /// Record a lot drawn by the commission to decide a tie: DISTRICT=CANDIDATE (id or name). Repeatable.
    #[arg(long = "tie-break", value_name = "DISTRICT=CANDIDATE")]
    pub tie_break: Vec<String>,
}

pub fn run(args: &Args) -> Result<u8, Fatal> {
    let rules = match &args.rules {
        None => RuleSet::kz_rural_akim(),
        Some(p) => {
            let shown = p.to_string_lossy();
            let text = std::fs::read_to_string(p)
                .map_err(|e| Fatal::Message(format!("cannot read the rule set {shown}: {e}")))?;
            RuleSet::from_toml(&text).map_err(|e| Fatal::Message(format!("the rule set {shown} is not valid: {e}")))?
        }
    };
    let mut loaded = load(&args.input)?;
    if let Some(p) = &args.rules {
        loaded.input_paths.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
        let name = p.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(p).map_err(|e| Fatal::Message(format!("cannot read the rule set {name}: {e}")))?;
        loaded.extra_files.push(("rules", akim_tally::engine::Source { name: name.into(), bytes }));
    }
    check_output(&args.output, &loaded.input_paths)?;
    let ties = tie_breaks(&loaded.roster, &args.tie_break)?;
    let (districts, mut tally, metas) =
        engine::tally(&loaded.roster, &loaded.returns, &loaded.options, &loaded.annulled, &rules, &ties)
            .map_err(|f| Fatal::Findings("could not read the returns".into(), f))?;
    tally.findings.extend(loaded.roster_warnings.iter().cloned());
    sort_findings(&mut tally.findings);
    print_notes(&loaded, &metas, args.input.quiet);
    let inputs = input_files(&loaded, &metas);
    let text = match args.format {
        Format::Table => report::table::results(&rules, &inputs, &districts),
        Format::Csv => report::csv::results(&districts),
        Format::Json => report::json::results(&rules, &inputs, &districts, &tally.findings),
    };
    print_findings(&tally.findings);
    write_output(&args.output, &text, &loaded.input_paths)?;
    let errors = tally.findings.iter().any(|f| f.is_error());
    Ok(if errors || districts.iter().any(|d| d.status == Status::Invalid) {
        exit::ERRORS
    } else if districts.iter().any(|d| d.status.needs_action()) {
        exit::ACTION
    } else {
        exit::OK
    })
}
