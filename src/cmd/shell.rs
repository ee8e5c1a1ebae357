//! Shell completions and the manual page, both made from the same definitions as `--help`.

use std::io::Write;

use clap::CommandFactory;

use super::{Cli, Fatal, exit};

pub fn completions(shell: clap_complete::Shell) -> Result<u8, Fatal> {
    let mut cmd = Cli::command();
    // Into memory first: the generator panics on a write error (a closed pipe), and a panic is never an answer.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "akim-tally", &mut script);
    let mut out = std::io::stdout().lock();
    out.write_all(&script)
        .and_then(|_| out.flush())
        .map_err(|e| Fatal::Message(format!("cannot write to standard output: {e}")))?;
    Ok(exit::OK)
}

pub fn man() -> Result<u8, Fatal> {
    let cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut out).map_err(|e| Fatal::Message(format!("cannot write the manual: {e}")))?;
    // The subcommands' pages follow the main one, so one file holds the whole manual.
    for sub in Cli::command().get_subcommands() {
        let name = format!("akim-tally-{}", sub.get_name());
        let page = sub.clone().name(name);
        clap_mangen::Man::new(page)
            .render(&mut out)
            .map_err(|e| Fatal::Message(format!("cannot write the manual: {e}")))?;
    }
    out.flush().map_err(|e| Fatal::Message(format!("cannot write to standard output: {e}")))?;
    Ok(exit::OK)
}
