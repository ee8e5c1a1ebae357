//! The terminal: notes on how each file was read, and the diagnostics with a summary line.

use super::*;

/// One line per returns file on stderr, in `lang`: how it was read (encoding, delimiter or sheet, shape, rows) and
/// what was read past (blank, title and totals rows).
pub fn print_notes(loaded: &Loaded, metas: &[ReturnsMeta], quiet: bool, lang: Lang) {
    if quiet {
        return;
    }
    let mut err = std::io::stderr().lock();
    for (p, passed) in &loaded.read_past {
        let name = display(p);
        let why = match (lang, passed) {
            (Lang::En, Passed::LockFile) => "read past: Excel's lock file of a workbook that is open (not returns)",
            (Lang::En, Passed::Hidden) => "read past: a hidden file",
            (Lang::En, Passed::Excluded) => "left out with --exclude",
            (Lang::Ru, Passed::LockFile) => "пропущен: файл блокировки Excel открытой книги (не протоколы)",
            (Lang::Ru, Passed::Hidden) => "пропущен: скрытый файл",
            (Lang::Ru, Passed::Excluded) => "исключён (--exclude)",
            (Lang::Kk, Passed::LockFile) => "өткізілді: ашық кітаптың Excel құлыптау файлы (хаттама емес)",
            (Lang::Kk, Passed::Hidden) => "өткізілді: жасырын файл",
            (Lang::Kk, Passed::Excluded) => "алынып тасталды (--exclude)",
        };
        let _ = writeln!(err, "akim-tally: {}: {}: {why}", note_word(lang), visible(&name, false));
    }
    for (s, m) in loaded.returns.iter().zip(metas) {
        if m.not_returns {
            let why = match lang {
                Lang::En => "read past: not a table of returns (no delimiter, or no column it knows)",
                Lang::Ru => "пропущен: это не таблица протоколов (нет разделителя или ни одного известного столбца)",
                Lang::Kk => "өткізілді: бұл хаттамалар кестесі емес (бөлгіш жоқ немесе бірде-бір таныс баған жоқ)",
            };
            let _ = writeln!(err, "akim-tally: {}: {}: {why}", note_word(lang), visible(&s.name, false));
            continue;
        }
        if !m.sheets_read_past.is_empty() {
            let names = m.sheets_read_past.join(", ");
            let why = match lang {
                Lang::En => format!("sheets read past, no table of returns: {names}"),
                Lang::Ru => format!("пропущены листы, не таблицы протоколов: {names}"),
                Lang::Kk => format!("хаттамалар кестесі емес парақтар өткізілді: {names}"),
            };
            let _ =
                writeln!(err, "akim-tally: {}: {}: {}", note_word(lang), visible(&s.name, false), visible(&why, false));
        }
        let note = format!("{}: {}", s.name, note_parts(m, lang).join(", "));
        let _ = writeln!(err, "akim-tally: {}: {}", note_word(lang), visible(&note, false));
    }
}

fn note_word(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "note",
        Lang::Ru => "примечание",
        Lang::Kk => "ескертпе",
    }
}

/// How a file was read, in words of `lang`.
fn note_parts(m: &ReturnsMeta, lang: Lang) -> Vec<String> {
    let en = lang == Lang::En;
    let say = |en_text: String, ru: String, kk: String| match lang {
        Lang::En => en_text,
        Lang::Ru => ru,
        Lang::Kk => kk,
    };
    let mut parts = Vec::new();
    match (&m.sheet, m.encoding) {
        (Some(sheet), _) => parts.push(say(
            format!("workbook, sheet \"{sheet}\""),
            format!("книга, лист «{sheet}»"),
            format!("кітап, «{sheet}» парағы"),
        )),
        (None, Some(enc)) => parts.push(match (lang, m.detected) {
            (Lang::En, d) => format!("{enc} ({})", if d { "recognised" } else { "as given" }),
            (Lang::Ru, d) => format!("{enc} ({})", if d { "определена" } else { "указана" }),
            (Lang::Kk, d) => format!("{enc} ({})", if d { "анықталды" } else { "көрсетілген" }),
        }),
        (None, None) => {}
    }
    let Some(i) = &m.info else { return parts };
    if let Some(d) = i.delimiter {
        let shown = match (d, lang) {
            ("tab", Lang::En) => "tab".to_string(),
            ("tab", _) => "табуляция".to_string(),
            (d, Lang::En) => format!("\"{d}\""),
            (d, _) => format!("«{d}»"),
        };
        parts.push(say(format!("delimiter {shown}"), format!("разделитель {shown}"), format!("бөлгіш {shown}")));
    }
    let shape = i.shape.name();
    parts.push(match (lang, shape) {
        (Lang::En, s) => format!("{s} shape"),
        (Lang::Ru, "long") => "в длину".to_string(),
        (Lang::Ru, _) => "в ширину".to_string(),
        (Lang::Kk, "long") => "ұзынынан".to_string(),
        (Lang::Kk, _) => "енінен".to_string(),
    });
    let (h, to) = (i.header_line, i.header_to);
    parts.push(if to > h {
        say(
            format!("header at lines {h}–{to}"),
            format!("заголовок в строках {h}–{to}"),
            format!("тақырып {h}–{to}-жолдарда"),
        )
    } else {
        say(format!("header at line {h}"), format!("заголовок в строке {h}"), format!("тақырып {h}-жолда"))
    });
    let rows = |n: usize, en_word: &str, ru: [&'static str; 3], kk: &str| match lang {
        Lang::En => plural(n, en_word),
        Lang::Ru => format!("{n} {}", text::russian_plural(n, ru)),
        Lang::Kk => format!("{n} {kk}"),
    };
    parts.push(rows(i.rows, "row", ["строка", "строки", "строк"], "жол"));
    let past = if en {
        "read past"
    } else if lang == Lang::Ru {
        "пропущено"
    } else {
        "өткізілді"
    };
    if i.title_rows > 0 {
        let n = rows(i.title_rows, "title row", ["строка", "строки", "строк"], "атау жолы");
        parts.push(say(
            format!("{n} above the header {past}"),
            format!("{n} над заголовком {past}"),
            format!("тақырып үстіндегі {n} {past}"),
        ));
    }
    if i.unnamed_columns > 0 {
        let n = rows(i.unnamed_columns, "column", ["столбец", "столбца", "столбцов"], "баған");
        parts.push(say(
            format!("{n} without a header {past}"),
            format!("{n} без заголовка {past}"),
            format!("тақырыбы жоқ {n} {past}"),
        ));
    }
    if i.blank_rows > 0 {
        let n = rows(i.blank_rows, "blank row", ["пустая строка", "пустые строки", "пустых строк"], "бос жол");
        parts.push(format!("{n} {past}"));
    }
    if !i.totals_rows.is_empty() {
        let lines: Vec<String> = i.totals_rows.iter().map(u32::to_string).collect();
        let l = lines.join(", ");
        parts.push(say(
            format!("totals row at line {l} checked, not counted"),
            format!("итоговая строка {l} проверена, не учитывается"),
            format!("{l}-жолдағы қорытынды жол тексерілді, есептелмейді"),
        ));
    }
    parts
}

/// Prints the findings on stderr in `lang`, with a summary. A run with more than [`GROUPED_ABOVE`] findings (and
/// without `all`) lists the first [`SHOWN_PER_CODE`] of each code, says how many more each code has, and ends with
/// a count per code; `all` lists every one. The JSON output always lists them all.
pub fn print_findings(findings: &[Finding], lang: Lang, all: bool) {
    if findings.is_empty() {
        return;
    }
    let mut err = std::io::stderr().lock();
    if all || findings.len() <= GROUPED_ABOVE {
        let _ = write!(err, "{}", human(findings, colour(), lang));
        let _ = writeln!(err, "akim-tally: {}", summary(findings, lang));
        return;
    }
    // Findings are sorted by place: each code's first few are the first few of the file order.
    let mut by_code: BTreeMap<Code, Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        by_code.entry(f.code).or_default().push(f);
    }
    for (code, of_code) in &by_code {
        let shown: Vec<Finding> = of_code.iter().take(SHOWN_PER_CODE).map(|f| (*f).clone()).collect();
        let _ = write!(err, "{}", human(&shown, colour(), lang));
        if of_code.len() > shown.len() {
            let _ = writeln!(err, "akim-tally: {}", more_of(*code, of_code.len() - shown.len(), lang));
        }
    }
    let counts: Vec<String> = by_code.iter().map(|(code, fs)| format!("{code} ×{}", fs.len())).collect();
    let _ = writeln!(err, "akim-tally: {} ({})", summary(findings, lang), counts.join(", "));
    let _ = writeln!(err, "akim-tally: {}", all_hint(lang));
}

/// `… and 10718 more W406: fewer ballots in the box than were issued`.
fn more_of(code: Code, n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("… and {n} more {code}: {}", code.title()),
        Lang::Ru => format!("… и ещё {n} {code}: {}", text::title(code, lang)),
        Lang::Kk => format!("… тағы {n} {code}: {}", text::title(code, lang)),
    }
}

fn all_hint(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "--all-diagnostics lists every problem here; --format json lists them all in the results",
        Lang::Ru => "--all-diagnostics выводит здесь все замечания; --format json перечисляет их все в итогах",
        Lang::Kk => "--all-diagnostics мұнда барлық ескертуді шығарады; --format json олардың бәрін нәтижелерде береді",
    }
}

/// Above this many findings, the terminal shows a few of each code (see [`print_findings`]).
pub const GROUPED_ABOVE: usize = 50;
/// How many findings of each code are shown when they are grouped.
pub const SHOWN_PER_CODE: usize = 5;
