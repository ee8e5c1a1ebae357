//! `akim-tally tally`: checks, then decides every race.

use crate::cmd::{Heading, Said};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use akim_tally::aggregate::Totals;
use akim_tally::check::{Finding, sort_findings};
use akim_tally::decide::{Decisions, DistrictResult, Races, Status};
use akim_tally::report::text::Lang;
use akim_tally::report::{self, DistrictResults, InputFile, RunOptions};
use akim_tally::rules::{BUILT_IN, RuleSet, TiePolicy};
use akim_tally::{pipeline, protocol};

use super::{
    Fatal, Format, InputArgs, Loaded, OutputArgs, RulesArgs, check_output, checked_date, declared_invalid, display,
    exit, input_files, load_under, print_findings, print_notes, tie_breaks, write_output, write_output_with,
};

/// What deciding the races takes: the inputs, the rule set, the commission's decisions.
#[derive(clap::Args, Debug, Clone)]
pub struct DecideArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RulesArgs,
    /// A race the territorial commission declared invalid (Art. 113-11 p.2), with the grounds after `=`: it goes
    /// to a repeat election whatever its returns say (e.g. --declare-invalid "03=violations at precinct 0302").
    /// Repeatable.
    #[arg(long = "declare-invalid", value_name = "DISTRICT[=GROUNDS]")]
    pub declare_invalid: Vec<String>,
    /// Under a rule set with a lot (`plurality`), record the lot the commission drew to decide a tie:
    /// DISTRICT=CANDIDATE (id or name). Refused under the law of Kazakhstan, which has no lot. Repeatable.
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

/// What a NIST CDF report says that the roster does not (and election day, --election-date).
#[derive(clap::Args, Debug)]
pub struct NistArgs {
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
    fn info(&self, election_date: Option<&str>) -> Result<report::nist::ElectionInfo, Fatal> {
        let date = election_date.ok_or(Fatal::Said(Said::NistNeedsDate))?;
        let date = checked_date(date)
            .map_err(|reason| Fatal::Said(Said::BadDate { given: date.to_string(), reason: reason.to_string() }))?;
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

/// Every race checked and ready to be decided, with everything an output needs.
pub struct Computed {
    pub loaded: Loaded,
    pub rules: RuleSet,
    /// The counted totals, with every finding (the roster's warnings too), sorted.
    pub totals: Totals,
    pub decisions: Decisions,
    pub inputs: Vec<InputFile>,
    pub options: RunOptions,
    pub protocols: Vec<protocol::PrecinctReturn>,
    /// How each returns file was read, for the notes.
    pub metas: Vec<pipeline::ReturnsMeta>,
}

impl Computed {
    /// The races, to decide.
    pub fn races(&self) -> Races<'_> {
        Races::new(&self.loaded.roster, &self.totals, &self.rules, &self.decisions)
    }

    /// Every race decided.
    pub fn districts(&self) -> Vec<DistrictResult> {
        let races = self.races();
        races.decide(0..races.len())
    }

    /// The exit code, from the findings and the lowest status of a race (`None`: no race): 1 for errors, 3 for a
    /// race that needs action, else 0.
    pub fn exit_code(&self, lowest: Option<Status>) -> u8 {
        let errors = self.findings().iter().any(|f| f.is_error());
        if errors || lowest == Some(Status::Blocked) {
            exit::ERRORS
        } else if lowest.is_some_and(Status::needs_action) {
            exit::ACTION
        } else {
            exit::OK
        }
    }

    /// Every finding, sorted.
    pub fn findings(&self) -> &[Finding] {
        &self.totals.findings
    }

    /// Prints the notes (unless `--quiet`) and the diagnostics on stderr.
    pub fn tell(&self, input: &InputArgs, lang: Lang) {
        print_notes(&self.loaded, &self.metas, input.quiet, lang);
        print_findings(self.findings(), lang, input.all_diagnostics);
    }

    /// The JSON results (`akim-tally.results.v2`) of these races.
    pub fn json(&self, districts: &[DistrictResult]) -> String {
        report::json::results(&self.rules, &self.inputs, &self.options, districts, self.findings())
    }
}

/// The lowest status of these races (`None`: none), which says the exit code.
pub fn lowest(districts: &[DistrictResult]) -> Option<Status> {
    districts.iter().map(|d| d.status).min()
}

/// The races decided a batch at a time as the JSON results are written (they are never all held at once), and the
/// lowest status among them, for the exit code.
struct Watched<'a> {
    races: Races<'a>,
    lowest: Mutex<Option<Status>>,
}

impl DistrictResults for Watched<'_> {
    fn count(&self) -> usize {
        self.races.len()
    }

    fn batch(&self, places: Range<usize>) -> Cow<'_, [DistrictResult]> {
        let decided = self.races.decide(places);
        let here = lowest(&decided);
        let mut so_far = self.lowest.lock().unwrap_or_else(PoisonError::into_inner);
        *so_far = [*so_far, here].into_iter().flatten().min();
        Cow::Owned(decided)
    }
}

/// Reads, checks and decides; prints nothing (see [`Computed::tell`]). `output` is checked before any work.
/// With `keep_protocols`, every precinct's figures are kept for a per-precinct output.
pub fn compute(args: &DecideArgs, output: Option<&OutputArgs>, keep_protocols: bool) -> Result<Computed, Fatal> {
    let (rules, rules_file) = args.rules.rule_set()?;
    if rules.tie != TiePolicy::Lot && !args.tie_break.is_empty() {
        let rules = rules.law().is_none().then(|| rules.name.clone());
        return Err(Fatal::Said(Said::NoLot { rules }));
    }
    let mut loaded = load_under(&args.input, &rules)?;
    loaded.options.keep_protocols = keep_protocols;
    if let Some(source) = rules_file {
        let p = std::path::Path::new(&*source.name);
        loaded.input_paths.push(p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
        loaded.extra_files.push(("rules", source));
    }
    if let Some(o) = output {
        check_output(o, &loaded.input_paths)?;
    }
    let decisions = Decisions {
        tie_breaks: tie_breaks(&loaded.roster, &args.tie_break)?,
        declared_invalid: declared_invalid(&loaded.roster, &args.declare_invalid)?,
        annul_grounds: loaded.annul_grounds.clone(),
    };
    let (inputs, progress) = loaded.inputs(args.input.quiet)?;
    let checked = pipeline::check(&loaded.roster, inputs, &loaded.options, &loaded.annulled, &rules);
    drop(progress);
    let (mut tally, metas) = checked.map_err(|f| Fatal::Findings(Heading::Returns, f))?;
    // The roster's warnings block no race: the errors that do keep their order among the findings.
    tally.findings.extend(loaded.roster_warnings.iter().cloned());
    sort_findings(&mut tally.findings);
    let inputs = input_files(&loaded, &metas);
    let options = RunOptions {
        roster: display(&args.input.roster),
        rules: args.rules.rules.clone().filter(|r| BUILT_IN.contains(&r.as_str())),
        election_date: args.rules.election_date.clone(),
        annul: loaded.annul_grounds.iter().map(|(p, g)| (p.to_string(), g.clone())).collect(),
        declared_invalid: decisions.declared_invalid.iter().map(|(d, g)| (d.to_string(), g.clone())).collect(),
        tie_breaks: decisions
            .tie_breaks
            .iter()
            .map(|(d, c)| (d.to_string(), c.to_string()))
            .collect::<BTreeMap<_, _>>(),
        ignore_columns: {
            let mut v = args.input.ignore_column.clone();
            v.sort();
            v
        },
        encoding: args.input.encoding.clone(),
        sheet: Some(args.input.sheet.clone()).filter(|s| s.len() == 1).and_then(|mut s| s.pop()),
        sheets: if args.input.sheet.len() > 1 { args.input.sheet.clone() } else { Vec::new() },
    };
    let protocols = std::mem::take(&mut tally.protocols);
    Ok(Computed { loaded, rules, totals: tally, decisions, inputs, options, protocols, metas })
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    // An option that would do nothing is refused, not passed over in silence.
    if (args.excel || args.precincts) && args.format != Format::Csv {
        let option = if args.excel { "--excel" } else { "--precincts" };
        return Err(Fatal::Said(Said::OnlyWithCsv { option }));
    }
    let nist = if args.format == Format::NistCdf {
        Some(args.nist.info(args.decide.rules.election_date.as_deref())?)
    } else {
        None
    };
    let per_precinct = args.format == Format::NistCdf || (args.format == Format::Csv && args.precincts);
    let c = compute(&args.decide, Some(&args.output), per_precinct)?;
    c.tell(&args.decide.input, lang);
    let (roster, inputs) = (&c.loaded.roster, &c.loaded.input_paths);
    // The JSON and CSV results decide their races a batch at a time as they write them: a national election's
    // results are never all held. The other outputs decide every race first; the per-precinct ones are written as
    // they are made (for a national election they are gigabytes).
    let lowest = if args.format == Format::Json || (args.format == Format::Csv && !args.precincts) {
        let races = Watched { races: c.races(), lowest: Mutex::new(None) };
        if args.format == Format::Json {
            write_output_with(&args.output, inputs, |w| {
                report::json::write_results(w, &c.rules, &c.inputs, &c.options, &races, c.findings())
            })?;
        } else {
            write_output(&args.output, &report::csv::results(&races, args.excel), inputs)?;
        }
        races.lowest.into_inner().unwrap_or_else(PoisonError::into_inner)
    } else {
        let districts = c.districts();
        match args.format {
            Format::NistCdf => {
                let mut info = nist.expect("checked above");
                let files: Vec<String> =
                    c.inputs.iter().map(|i| format!("{} {} ({})", i.sha256, i.path, i.role)).collect();
                info.provenance = format!(
                    "{}; rules {}; inputs (SHA-256): {}",
                    report::TOOL,
                    report::text::rules(&c.rules, Lang::En),
                    files.join("; ")
                );
                write_output_with(&args.output, inputs, |w| {
                    report::nist::report(w, roster, &districts, &c.protocols, &info)
                })?
            }
            Format::Table => {
                // Names and ids from the inputs never reach a terminal as control characters.
                let table = report::table::results(&c.rules, &c.inputs, &districts, lang);
                write_output(&args.output, &report::diagnostics::visible(&table, true), inputs)?
            }
            // --format csv --precincts (the JSON and CSV results are written above).
            _ => write_output_with(&args.output, inputs, |w| {
                report::csv::precincts(w, roster, &c.protocols, args.excel)
            })?,
        }
        let lowest = lowest(&districts);
        std::mem::forget(districts);
        lowest
    };
    let code = c.exit_code(lowest);
    // The run ends here, and the system takes its memory back at once: freeing the roster and every result one
    // allocation at a time (millions for a national election) would only add time before the exit.
    std::mem::forget(c);
    Ok(code)
}
