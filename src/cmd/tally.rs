//! `akim-tally tally`: checks, then decides every race.

use std::collections::BTreeMap;
use std::path::PathBuf;

use akim_tally::check::{Finding, sort_findings};
use akim_tally::decide::{DistrictResult, Status};
use akim_tally::engine::{self, Source};
use akim_tally::report::{self, InputFile, RunOptions};
use akim_tally::rules::RuleSet;

use super::{
    Fatal, Format, InputArgs, Loaded, OutputArgs, check_output, display, exit, input_files, load, print_findings,
    print_notes, tie_breaks, write_output, write_output_with,
};

/// What deciding the races takes: the inputs, the rule set, the lots drawn.
#[derive(clap::Args, Debug, Clone)]
pub struct DecideArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// A rule set file (TOML); without it, the kz-rural-akim defaults.
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Record a lot drawn by the commission to decide a tie: DISTRICT=CANDIDATE (id or name). Repeatable.
    #[arg(long = "tie-break", value_name = "DISTRICT=CANDIDATE")]
    pub tie_break: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    pub decide: DecideArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: Format,
    /// With --format csv: UTF-8 with BOM and `;`, so that a double click opens it right in a Russian-locale Excel.
    #[arg(long)]
    pub excel: bool,
    /// With --format csv: one row per precinct and candidate instead of per district and candidate.
    #[arg(long)]
    pub precincts: bool,
    #[command(flatten)]
    pub nist: NistArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What a NIST CDF report says that the roster does not.
#[derive(clap::Args, Debug)]
pub struct NistArgs {
    /// With --format nist-cdf: election day, YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    pub election_date: Option<String>,
    /// With --format nist-cdf: the election's name.
    #[arg(long, value_name = "TEXT", default_value = "Rural akim elections")]
    pub election_name: String,
    /// With --format nist-cdf: who issues the report.
    #[arg(long, value_name = "TEXT", default_value = "Territorial election commission")]
    pub issuer: String,
    /// With --format nist-cdf: the issuer's abbreviation.
    #[arg(long, value_name = "TEXT", default_value = "TEC")]
    pub issuer_abbreviation: String,
    /// With --format nist-cdf: when the report was made, YYYY-MM-DDThh:mm:ssZ (default: election day, 00:00 UTC,
    /// so that the same inputs give the same bytes).
    #[arg(long, value_name = "DATETIME")]
    pub generated_at: Option<String>,
    /// With --format nist-cdf: the language of the names in the roster.
    #[arg(long, value_name = "LANG", default_value = "kk")]
    pub names_language: String,
}

impl NistArgs {
    fn info(&self) -> Result<report::nist::ElectionInfo, Fatal> {
        let date = self.election_date.clone().ok_or_else(|| {
            Fatal::Message("--format nist-cdf needs --election-date YYYY-MM-DD (election day)".into())
        })?;
        let b = date.as_bytes();
        let valid = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter().enumerate().all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        if !valid {
            return Err(Fatal::Message(format!("--election-date {date}: expected YYYY-MM-DD, e.g. 2025-10-19")));
        }
        let generated = self.generated_at.clone().unwrap_or_else(|| format!("{date}T00:00:00Z"));
        Ok(report::nist::ElectionInfo {
            name: self.election_name.clone(),
            issuer: self.issuer.clone(),
            issuer_abbreviation: self.issuer_abbreviation.clone(),
            date,
            generated,
            language: self.names_language.clone(),
            provenance: String::new(),
        })
    }
}

/// Every race decided, with everything an output needs.
pub struct Computed {
    pub loaded: Loaded,
    pub rules: RuleSet,
    pub districts: Vec<DistrictResult>,
    pub findings: Vec<Finding>,
    pub inputs: Vec<InputFile>,
    pub options: RunOptions,
    pub protocols: Vec<engine::PrecinctReturn>,
}

impl Computed {
    /// The exit code: 1 for errors, 3 for a race that needs action, else 0.
    pub fn exit_code(&self) -> u8 {
        let errors = self.findings.iter().any(|f| f.is_error());
        if errors || self.districts.iter().any(|d| d.status == Status::Invalid) {
            exit::ERRORS
        } else if self.districts.iter().any(|d| d.status.needs_action()) {
            exit::ACTION
        } else {
            exit::OK
        }
    }

    /// The JSON results (`akim-tally.results.v1`).
    pub fn json(&self) -> String {
        report::json::results(&self.rules, &self.inputs, &self.options, &self.districts, &self.findings)
    }
}

/// Reads, checks and decides; prints the notes and diagnostics on stderr. `output` is checked before any work.
/// With `keep_protocols`, every precinct's figures are kept for a per-precinct output.
pub fn compute(args: &DecideArgs, output: Option<&OutputArgs>, keep_protocols: bool) -> Result<Computed, Fatal> {
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
    loaded.options.keep_protocols = keep_protocols;
    if let Some(p) = &args.rules {
        loaded.input_paths.push(p.canonicalize().unwrap_or_else(|_| p.clone()));
        let name = display(p);
        let bytes = std::fs::read(p).map_err(|e| Fatal::Message(format!("cannot read the rule set {name}: {e}")))?;
        loaded.extra_files.push(("rules", Source { name: name.into(), bytes }));
    }
    if let Some(o) = output {
        check_output(o, &loaded.input_paths)?;
    }
    let ties = tie_breaks(&loaded.roster, &args.tie_break)?;
    let (inputs, progress) = loaded.inputs(args.input.quiet)?;
    let decided = engine::tally(&loaded.roster, inputs, &loaded.options, &loaded.annulled, &rules, &ties);
    drop(progress);
    let (districts, mut tally, metas) = decided.map_err(|f| Fatal::Findings("could not read the returns".into(), f))?;
    tally.findings.extend(loaded.roster_warnings.iter().cloned());
    sort_findings(&mut tally.findings);
    print_notes(&loaded, &metas, args.input.quiet);
    print_findings(&tally.findings);
    let inputs = input_files(&loaded, &metas);
    let options = RunOptions {
        roster: display(&args.input.roster),
        annul: loaded.annulled.iter().map(|p| p.to_string()).collect(),
        tie_breaks: ties.iter().map(|(d, c)| (d.to_string(), c.to_string())).collect::<BTreeMap<_, _>>(),
        ignore_columns: {
            let mut v = args.input.ignore_column.clone();
            v.sort();
            v
        },
        encoding: args.input.encoding.clone(),
        sheet: args.input.sheet.clone(),
    };
    let protocols = std::mem::take(&mut tally.protocols);
    Ok(Computed { loaded, rules, districts, findings: tally.findings, inputs, options, protocols })
}

pub fn run(args: &Args) -> Result<u8, Fatal> {
    let nist = if args.format == Format::NistCdf { Some(args.nist.info()?) } else { None };
    let per_precinct = args.format == Format::NistCdf || (args.format == Format::Csv && args.precincts);
    let c = compute(&args.decide, Some(&args.output), per_precinct)?;
    let (roster, inputs) = (&c.loaded.roster, &c.loaded.input_paths);
    // The per-precinct outputs are written as they are made: for a national election they are gigabytes.
    match args.format {
        Format::Csv if args.precincts => {
            write_output_with(&args.output, inputs, |w| report::csv::precincts(w, roster, &c.protocols, args.excel))?
        }
        Format::NistCdf => {
            let mut info = nist.expect("checked above");
            let files: Vec<String> = c.inputs.iter().map(|i| format!("{} {} ({})", i.sha256, i.path, i.role)).collect();
            info.provenance =
                format!("{}; rules {}; inputs (SHA-256): {}", report::TOOL, c.rules.describe(), files.join("; "));
            write_output_with(&args.output, inputs, |w| {
                report::nist::report(w, roster, &c.districts, &c.protocols, &info)
            })?
        }
        Format::Table => {
            write_output(&args.output, &report::table::results(&c.rules, &c.inputs, &c.districts), inputs)?
        }
        Format::Csv => write_output(&args.output, &report::csv::results(&c.districts, args.excel), inputs)?,
        Format::Json => write_output_with(&args.output, inputs, |w| {
            report::json::write_results(w, &c.rules, &c.inputs, &c.options, &c.districts, &c.findings)
        })?,
    }
    Ok(c.exit_code())
}
