//! Writing outputs: never over an input, a pipe or a device, never over a file without --force, and whole or
//! not at all (written beside the target, then renamed over it).

use super::*;

/// Refuses an output target that is one of the inputs, or that exists without `--force`. Checked before any work
/// and again just before writing.
pub fn check_output(out: &OutputArgs, inputs: &[PathBuf]) -> Result<(), Fatal> {
    let Some(path) = out.output.as_ref().filter(|p| !is_stdout(p)) else {
        return Ok(());
    };
    let shown = display(path);
    let target = output_dir(path).canonicalize().map(|d| d.join(path.file_name().unwrap_or_default()));
    if let Ok(t) = &target
        && inputs.iter().any(|i| i == t || t.canonicalize().is_ok_and(|c| &c == i))
    {
        return Err(Fatal::Said(Said::OutputIsInput { path: shown }));
    }
    if path.is_dir() {
        return Err(Fatal::Said(Said::OutputIsFolder { path: shown }));
    }
    // A pipe or a device is never replaced by a regular file, even with --force.
    if std::fs::symlink_metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(Fatal::Said(Said::OutputNotAFile { path: shown }));
    }
    if path.exists() && !out.force {
        return Err(Fatal::Said(Said::OutputExists { path: shown }));
    }
    Ok(())
}

/// Whether `--output` names standard output (`-`).
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn output_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Writes the output: to stdout, or to a file that appears whole or not at all (a temporary file in the same
/// folder, synced, then renamed over the target), never over an input, and over an existing file only with
/// `--force`.
pub fn write_output(out: &OutputArgs, text: &str, inputs: &[PathBuf]) -> Result<(), Fatal> {
    write_output_with(out, inputs, |w| w.write_all(text.as_bytes()))
}

/// As [`write_output`], for an output that `make` writes piece by piece (a per-precinct export of a national
/// election is a gigabyte): it goes to the file as it is made, through a buffer, never whole in memory.
pub fn write_output_with(
    out: &OutputArgs,
    inputs: &[PathBuf],
    make: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), Fatal> {
    let Some(path) = out.output.as_ref().filter(|p| !is_stdout(p)) else {
        let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        return make(&mut stdout)
            .and_then(|_| stdout.flush())
            .map_err(|e| Fatal::Said(Said::CannotWriteStdout { trouble: IoTrouble::of(&e) }));
    };
    check_output(out, inputs)?;
    let shown = display(path);
    let fail = |e: std::io::Error| Fatal::Said(Said::CannotWrite { path: shown.clone(), trouble: IoTrouble::of(&e) });
    let mut tmp = tempfile::NamedTempFile::new_in(output_dir(path)).map_err(fail)?;
    // A temporary file is private (0600); the output is a document to share, readable like any other file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file().set_permissions(std::fs::Permissions::from_mode(0o644)).map_err(fail)?;
    }
    // On any failure the temporary file is removed when dropped: the output appears whole or not at all.
    {
        let mut w = std::io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut());
        make(&mut w).map_err(fail)?;
        w.flush().map_err(fail)?;
    }
    tmp.as_file().sync_all().map_err(fail)?;
    // Without --force the file is linked into place only if the name is still free: another run that wrote it
    // meanwhile is not silently replaced (no check-then-rename race).
    if out.force {
        tmp.persist(path).map_err(|e| fail(e.error))?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => Fatal::Said(Said::OutputAppeared { path: shown.clone() }),
            _ => fail(e.error),
        })?;
    }
    Ok(())
}
