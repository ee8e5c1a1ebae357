//! `akim-tally template`: the blank returns sheet of each district, to fill in and read back without options.

use crate::cmd::{Heading, Said};
use std::io::Write;
use std::path::PathBuf;

use akim_tally::check::IoTrouble;
use akim_tally::pipeline::{RosterSources, load_roster};
use akim_tally::report::html::Lang;
use akim_tally::report::template::{sheet, unique_name, workbook};

use super::{Fatal, OutputArgs, check_output, display, exit, write_output};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder holding the roster: precincts.csv and candidates.csv (and optionally districts.csv).
    #[arg(long, value_name = "DIR")]
    pub roster: PathBuf,
    /// The folder to write the sheets in (one `DISTRICT.csv` each; it is made if missing), or a workbook
    /// `FILE.xlsx` with a sheet per district.
    #[arg(long, short, value_name = "DIR|FILE.xlsx")]
    pub output: PathBuf,
    /// `xlsx`: one workbook, a sheet per district (the default when the output ends in .xlsx); `csv`: a file per
    /// district.
    #[arg(long, value_enum)]
    pub format: Option<TemplateFormat>,
    /// UTF-8 with BOM and `;`, so that a double click opens the sheet right in a Russian-locale Excel.
    #[arg(long)]
    pub excel: bool,
    /// Replace sheets that exist.
    #[arg(long)]
    pub force: bool,
}

/// A template as CSV files or as one workbook.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TemplateFormat {
    /// A CSV file per district.
    Csv,
    /// One .xlsx workbook, a sheet per district.
    Xlsx,
}

/// The headers are in the language of the run (each is a name akim-tally reads back).
pub fn run(args: &Args, lang: Lang) -> Result<u8, Fatal> {
    let read = |name: &str| {
        let path = super::roster_file(&args.roster, name);
        super::read_source(&path).map_err(|f| Fatal::Findings(Heading::Inputs, vec![f]))
    };
    let (p, c) = (read("precincts")?, read("candidates")?);
    let d = if super::roster_file(&args.roster, "districts").exists() { Some(read("districts")?) } else { None };
    let roster = load_roster(RosterSources { precincts: p, candidates: c, districts: d })
        .map_err(|f| Fatal::Findings(Heading::Roster, f))?
        .roster;
    let inputs: Vec<PathBuf> = ["precincts", "candidates", "districts"]
        .iter()
        .filter_map(|n| super::roster_file(&args.roster, n).canonicalize().ok())
        .collect();
    let xlsx = args.format.map_or_else(
        || args.output.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")),
        |f| f == TemplateFormat::Xlsx,
    );
    if xlsx {
        let out = OutputArgs { output: Some(args.output.clone()), force: args.force };
        check_output(&out, &inputs)?;
        let bytes = workbook(&roster, lang).map_err(|e| Fatal::Said(Said::WorkbookFailed { reason: e.to_string() }))?;
        super::write_output_with(&out, &inputs, |w| w.write_all(&bytes))?;
        let _ = writeln!(std::io::stderr(), "akim-tally: wrote {}", args.output.to_string_lossy());
        return Ok(exit::OK);
    }
    std::fs::create_dir_all(&args.output)
        .map_err(|e| Fatal::Said(Said::CannotMakeFolder { path: display(&args.output), trouble: IoTrouble::of(&e) }))?;
    // Every target is checked before any is written, so that a refusal leaves nothing half done.
    // Ids that differ only by a character a file name cannot hold (`a/b`, `a\\b`, `a_b`) get files of their own.
    let mut used = std::collections::BTreeSet::new();
    let outputs: Vec<(OutputArgs, String)> = roster
        .districts
        .values()
        .map(|d| {
            let base: String =
                d.id.as_str()
                    .chars()
                    .map(|c| if "/\\:*?\"<>|".contains(c) || c.is_control() { '_' } else { c })
                    .collect();
            let stem = unique_name(&mut used, &base, usize::MAX);
            let file = args.output.join(format!("{stem}.csv"));
            (OutputArgs { output: Some(file), force: args.force }, sheet(&roster, d, lang, args.excel))
        })
        .collect();
    for (o, _) in &outputs {
        check_output(o, &inputs)?;
    }
    let mut err = std::io::stderr().lock();
    for (o, text) in &outputs {
        write_output(o, text, &inputs)?;
        let _ =
            writeln!(err, "akim-tally: wrote {}", o.output.as_ref().map(|p| p.to_string_lossy()).unwrap_or_default());
    }
    Ok(exit::OK)
}
