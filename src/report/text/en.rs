//! The messages in English: every finding and notice, from its code and values. Table-driven: one arm per kind of
//! message, so the function is as long as the catalogue.

use crate::check::{
    BadNumber, Code, ColumnSuggestion, Detail, IoKind, IoTrouble, LabelTrouble, Named, NotText, VotesSum,
    WorkbookTrouble,
};
use crate::decide::{AgainstAllOutcome, AnnulBasis, NoticeDetail, TieOutcome};
use crate::model::unseen::{CharKind, Unseen};
use crate::rules::{AgainstAllPolicy, Law, LawInForce, Percent, Repeat, RuleSet, TiePolicy};

const SAVE_AS: &str = "; save the sheet as \"CSV UTF-8\" (Excel) or \"Text CSV\" with character set UTF-8 (LibreOffice), \
                       or pass --encoding";

/// A finding's message.
pub fn finding(code: Code, d: &Detail) -> String {
    use Detail::*;
    match d {
        CannotRead { trouble } => format!("cannot read the file: {}", io(trouble)),
        NoThread { reason } => format!("cannot start a thread to read it: {reason}"),
        Detail::NotText(t) => not_text(t),
        WorkbookUnreadable { trouble, kind } => format!("{} (by its content, the file is {kind})", workbook(trouble)),
        LineTooLong { mib } => format!(
            "the line is longer than {mib} MiB; no row of a protocol is (is a quote left open, or is this not a table?)"
        ),
        RosterTooLarge { mib, limit_mib } => format!(
            "the file holds {mib} MiB of text, more than a roster can ({limit_mib} MiB; a whole country's roster is \
             about 100 MiB): is this the roster?"
        ),
        OnlyBlankRows => "the file has no header line, only blank rows".into(),
        Empty => "the file is empty: expected a header line and rows".into(),
        NoDelimiter => "no `,`, `;` or tab in the header line: is this a CSV file with a header?".into(),
        DelimitersTie { first, second } => format!(
            "the header line has as many {} as {}: cannot tell which one separates the columns",
            delimiter(*first),
            delimiter(*second)
        ),
        TooManyColumns { columns, limit } => {
            format!("the row has {columns} columns; a returns sheet has at most {limit}")
        }
        FieldTooLarge { bytes, limit } => format!(
            "the field holds {bytes} bytes; no cell of a protocol is larger than {limit} (is a quote left open?)"
        ),
        QuoteLeftOpen => {
            "a quote is left open: a field in quotes must end on the line it starts on (a cell holding a line break, \
             Alt+Enter in Excel, must be put on one line), and quotes inside it are written twice (\"\")"
                .into()
        }
        LineBreakInCell { opened_at } => format!(
            "this line ends the cell in quotes that line {opened_at} opened: the cell holds a line break (Alt+Enter in \
             Excel); put the cell on one line and save the file again"
        ),
        TitleRows { header_line, rows } => {
            let shown: Vec<String> = rows.iter().map(|(l, t)| format!("line {l} \"{t}\"")).collect();
            format!("read past as a title above the header (line {header_line}): {}", shown.join(", "))
        }
        DamagedLetters { cell, others, encoding } => format!(
            "\"{cell}\" and {others} other cell(s) have a `?` or `_` inside a Cyrillic word: the export to {encoding} \
             destroyed letters it cannot store (ә ғ қ ң ө ұ ү һ). Save the sheet as \"CSV UTF-8\" (Excel: File › Save \
             As › CSV UTF-8; LibreOffice: Text CSV, character set UTF-8) or give the .xlsx itself. Names with \
             destroyed letters are never matched to a candidate."
        ),
        NoRows => "the file has a header but no rows of figures: is it the right file, or an empty template?".into(),
        WordsWithoutFigure { header } => format!(
            "column \"{header}\" gives a figure in words, but no column of its figure is found: name the line after \
             it, or put the column right after its figure"
        ),
        DuplicateColumn { header, first_column, first_header } => format!(
            "column \"{header}\" means the same as column {first_column} (\"{first_header}\"); each line or candidate \
             may have one column"
        ),
        NoPlaceInLong { header } => format!(
            "column \"{header}\" has no place in a long file (precinct_id, item, value and optionally district_id): \
             put each line or candidate in the item column, or {}",
            ignore_hint(header)
        ),
        UnknownColumn { header, trouble, suggestion } => format!(
            "column \"{header}\"{} is neither a protocol line nor a registered candidate; {}(or {})",
            label_trouble(*trouble),
            suggestion.as_ref().map_or(String::new(), |s| format!("did you mean {}? ", column_suggestion(s))),
            ignore_hint(header)
        ),
        NoPrecinctColumn { header } => {
            format!("no precinct_id column (or «№ участка», «Учаске»); the header is: {header}")
        }
        LongLacks { lacks_item } => {
            let (has, lacks) = if *lacks_item { ("a value", "item") } else { ("an item", "value") };
            format!("the header has {has} column but no {lacks} column: a long file needs precinct_id, item and value")
        }
        CellWithoutHeader { cell } => format!("\"{cell}\" is in a column with no header; name the column or clear it"),
        RaggedRow { fields, width } => format!("the row has {fields} fields but the header has {width}"),
        BlankPrecinct => "the precinct id is blank; every row must name its precinct".into(),
        BlankItem => "the item is blank; name a protocol line or a candidate".into(),
        FiguresAboveHeader { header_line, precinct } => format!(
            "this row, above the header (line {header_line}), gives figures of precinct {precinct}: rows of figures go \
             below the header; move it there, or delete it if it is a stray copy"
        ),
        TotalsDisagree { label, said, what, sum } => format!(
            "the totals row \"{label}\" says {said} for {what}, but the rows above it add up to {sum}; the rows are \
             what is counted — check them and the total"
        ),
        TooMany { listed, more } => format!(
            "{listed} {} are listed for this file and {more} more are not: is it the right file, with the right header?",
            if code == Code::TooManyWarnings { "warnings" } else { "errors" }
        ),

        BadFigure { what, number } => format!("{}: {}", named(what), bad_number(number)),
        WordsUnreadable { words, figure } => format!(
            "\"{words}\" cannot be read as a number in words (Russian or Kazakh) to check the figure {figure} against; \
             write it as the protocol does, e.g. «триста пятьдесят» or «үш жүз елу»"
        ),
        WordsDisagree { figure, words, in_words, column } => format!(
            "the figure {figure} disagrees with its words «{words}» ({in_words}) in column {column}: check the \
             protocol and correct the one typed wrong"
        ),
        SumOverflow { district } => format!(
            "adding this figure makes a total of district {district} too large to count: the returns hold impossible \
             figures"
        ),

        UnknownPrecinct { precinct, suggestion: Some(s), unseen: Some(u), long } => format!(
            "precinct \"{precinct}\" is not in the roster: it looks like \"{s}\", but {}; type the id again as the \
             roster has it{}",
            unseen(u, s),
            if *long { "; its rows in this file are not counted" } else { "; the row is not counted" }
        ),
        UnknownPrecinct { precinct, suggestion, long, .. } => format!(
            "precinct \"{precinct}\" is not in the roster{}{}",
            suggestion.as_ref().map_or(String::new(), |s| format!(" (did you mean \"{s}\"?)")),
            if *long { "; its rows in this file are not counted" } else { "; the row is not counted" }
        ),
        WrongDistrict { precinct, claimed, district } => {
            format!(
                "precinct {precinct} is reported under district {claimed}, but the roster has it in district {district}"
            )
        }
        UnknownDistrict { claimed, precinct, district, zeros_dropped: true, .. } => format!(
            "district \"{claimed}\" is not in the roster: precinct {precinct} is in district {district}, which is \
             \"{claimed}\" with its leading zeros, as a spreadsheet drops them from a number; type the district as \
             the roster has it (in Excel, as text)"
        ),
        UnknownDistrict { claimed, precinct, district, unseen: Some(u), .. } => format!(
            "district \"{claimed}\" is not in the roster: it looks like \"{district}\", precinct {precinct}'s \
             district, but {}; type the id again as the roster has it",
            unseen(u, district)
        ),
        UnknownDistrict { claimed, precinct, district, unseen: None, .. } => {
            format!("district \"{claimed}\" is not in the roster (precinct {precinct} is in district {district})")
        }
        UnregisteredCandidate { label, cell, district, precinct, suggestion } => format!(
            "\"{label}\" = {cell} for a candidate not registered in district {district} of precinct {precinct}{}",
            did_you_mean(suggestion)
        ),
        UnknownItem { item, trouble, district, suggestion } => format!(
            "item \"{item}\"{} is neither a protocol line nor a candidate registered in district {district}{}",
            label_trouble(*trouble),
            did_you_mean(suggestion)
        ),
        OtherDistrictZero { label, district, precinct } => format!(
            "0 for \"{label}\", who is not a candidate in district {district} of precinct {precinct}; leave the cell blank"
        ),
        ConflictingCopies { precinct, differences } => {
            let figure = |v: &Option<crate::model::Count>| v.map_or("blank".to_string(), |v| v.to_string());
            let said: Vec<String> = differences
                .iter()
                .map(|x| {
                    format!(
                        "{} {} at {} but {} at {}",
                        named(&x.item),
                        figure(&x.first.0),
                        x.first.1,
                        figure(&x.other.0),
                        x.other.1
                    )
                })
                .collect();
            format!("precinct {precinct} is reported more than once with different figures: {}", said.join("; "))
        }
        DuplicateCopy { precinct, first_at } => {
            format!("precinct {precinct} is reported again with the same figures (first at {first_at}); counted once")
        }
        MissingVotes { precinct, candidate_id, candidate_name } => format!(
            "precinct {precinct} gives no votes for candidate {candidate_id} ({candidate_name}); write 0 if they got none"
        ),
        MissingLine { precinct, line, no_column: false } => format!(
            "precinct {precinct}'s protocol gives no figure for {}, which every protocol must give; write it (0 if none)",
            line.key()
        ),
        MissingLine { precinct, line, no_column: true } => format!(
            "precinct {precinct}'s protocol gives no figure for {}, which every protocol must give: the file has no \
             column for it; add the column and fill it in for every precinct",
            line.key()
        ),
        ZeroProtocol { precinct } => format!(
            "precinct {precinct}'s protocol is all zeros, with no ballots issued: if its protocol has not come in yet, \
             leave the row blank; otherwise type its figures"
        ),
        MissingColumns { missing, required } => format!(
            "missing column{} {}; expected a header with {}",
            if missing.len() > 1 { "s" } else { "" },
            missing.join(", "),
            required.join(", ")
        ),
        BlankField { field } => format!("{field} is blank"),
        BlankNomination => "nominated_by is blank: write the party, or self-nominated, as the candidate chose".into(),
        DistrictTwice { district, line } => format!("district {district} appears twice (also line {line})"),
        PrecinctTwice { precinct, first_line } => {
            format!("precinct {precinct} appears twice (first at line {first_line})")
        }
        PrecinctInUnlistedDistrict { precinct, district } => {
            format!("precinct {precinct} is in district {district}, which is not in districts.csv")
        }
        CandidateInUnlistedDistrict { candidate, district } => {
            format!("candidate {candidate} is registered in district {district}, which has no precincts in the roster")
        }
        DistrictNamedTwice { district, here, there, file, line } => {
            format!("district {district} is named \"{here}\" here but \"{there}\" in {file}:{line}")
        }
        DistrictWithoutCandidates { district, name, file } => {
            format!("district {district} ({name}) has no candidates in {file}")
        }
        DistrictWithoutPrecincts { district, name, file } => {
            format!("district {district} ({name}) has no precincts in {file}")
        }
        CandidateLikeALine { name } => format!(
            "candidate \"{name}\" is named like a protocol line or a column of the returns: returns could not tell the \
             two apart; register the candidate under their own name and id"
        ),
        PrecinctLikeATotal { precinct } => format!(
            "precinct \"{precinct}\" is called like a totals row («Итого», «Барлығы», \"Total\"): a totals row of the \
             returns would be taken for its protocol; give the precinct its number as its id"
        ),
        TwinIds { district, id, other, other_line, unseen: u } => format!(
            "{} id \"{id}\" looks the same as \"{other}\" at line {other_line}, but {}: no one can tell the two apart; \
             type one of them again",
            if *district { "district" } else { "precinct" },
            unseen(u, other)
        ),
        CandidateTwice { by_name, said, district, line } => format!(
            "candidate {} \"{said}\" in district {district} is the same, once normalised, as the id or name at line \
             {line}",
            if *by_name { "name" } else { "id" }
        ),
        MixedScript { name, district } => format!(
            "candidate name \"{name}\" in district {district} mixes Latin and Cyrillic letters (e.g. a Latin A, O, C, \
             E, K, P, T or X); returns must spell it the same way to match"
        ),
        Lookalikes { first, second, district } => format!(
            "candidates {} \"{}\" and {} \"{}\" of district {district} differ only by look-alike letters or spaces; \
             check the roster, and name them by id in the returns",
            first.0, first.1, second.0, second.1
        ),
        FewCandidates { district, candidates } => format!(
            "district {district} has {candidates} registered candidate{}: with fewer than two, the territorial \
             commission puts the election off by up to 15 days (Art. 113-7); check the roster",
            if *candidates == 1 { "" } else { "s" }
        ),

        PartsBalance { whole, value, parts, sum, all } => format!(
            "{} is {value} but its parts ({}) add up to {sum}{}",
            whole.key(),
            parts.iter().map(|l| l.key()).collect::<Vec<_>>().join(" + "),
            if *all { "" } else { ", more than the whole" }
        ),
        PortableOverRequests { ballots, requests } => format!(
            "{ballots} ballots in the portable boxes but only {requests} written requests to vote outside the \
             premises: the law declares all the ballots of that box invalid and an act is drawn up (Art. 43 p.3-1); \
             check the protocol and the act"
        ),
        ReceivedOverReserve { received, voters, reserve } => format!(
            "{received} ballots received for {voters} voters on the list: more than the list and its 1% reserve \
             ({reserve}); check the figure"
        ),
        IssuedOverList { issued, voters, from_roster } => format!(
            "{issued} ballots issued but {voters} voters on the list{}: turnout above 100%",
            if *from_roster { " (roster)" } else { "" }
        ),
        ReceivedBalance { received, issued, cancelled, lost, unaccounted, sum } => format!(
            "{received} ballots received, but issued {issued} + cancelled {cancelled} + lost {lost} − unaccounted \
             {unaccounted} = {sum}"
        ),
        BoxBalance { in_box, invalid, valid, sum } => {
            format!("{in_box} ballots in the box, but invalid {invalid} + valid {valid} = {sum}")
        }
        ValidBalance { valid, votes, sum } => format!("{valid} valid ballots, but {} = {sum}", votes_words(*votes)),
        BoxVotesBalance { in_box, invalid, votes, sum } => {
            format!("{in_box} ballots in the box, but invalid {invalid} + {} = {sum}", votes_words(*votes))
        }
        BoxAgainstIssued { in_box, issued } if code == Code::BoxUnderIssued => {
            format!("{in_box} ballots in the box, {issued} issued")
        }
        BoxAgainstIssued { in_box, issued } => format!("{in_box} ballots in the box but only {issued} issued"),
        VotesAgainstIssued { votes, sum, issued } => format!(
            "{} = {sum}, {} than the {issued} ballots issued",
            votes_words(*votes),
            if code == Code::VotesUnderIssued { "fewer" } else { "more" }
        ),
    }
}

/// Why a file cannot be read or written, in plain words.
pub fn io(t: &IoTrouble) -> String {
    match t.kind {
        IoKind::NotFound => "it does not exist (check the name and the folder)".into(),
        IoKind::NoPermission => {
            "no permission to read it (ask for read access, or copy the file to a folder of your own)".into()
        }
        IoKind::InUse => "another program has it open (close it, e.g. in Excel, and run again)".into(),
        IoKind::NotAFile => "it is not a file (a folder, a pipe or a device): give the file itself".into(),
        IoKind::Other => t.text.clone(),
    }
}

fn not_text(t: &NotText) -> String {
    match t {
        NotText::Invalid { encoding, offset, line, stray_byte: false } => {
            format!("not valid {encoding} at byte {offset} (line {line}){SAVE_AS}")
        }
        NotText::Invalid { encoding, offset, line, stray_byte: true } => format!(
            "not valid {encoding} at byte {offset} (line {line}): the rest of the file is UTF-8; the byte there is not \
             (a character pasted from elsewhere, or the file cut mid-letter). Retype that cell and save the sheet as \
             \"CSV UTF-8\" again"
        ),
        NotText::NulCharacter { at: None } => {
            "the file holds binary data (a NUL character), not a text table".to_string()
        }
        NotText::NulCharacter { at: Some(at) } => {
            format!("the file holds binary data (a NUL character at byte {at}), not a text table")
        }
        NotText::NulByte { at } => format!("the file holds binary data (a NUL byte at byte {at}), not a text table"),
        NotText::Unsupported { guess } => format!(
            "the file is not UTF-8 and looks like {guess}, which is not a Cyrillic encoding; if that is right pass \
             --encoding {guess}, otherwise save the sheet as \"CSV UTF-8\""
        ),
    }
}

fn workbook(t: &WorkbookTrouble) -> String {
    match t {
        WorkbookTrouble::SectorLoop(at) => {
            format!("the workbook is damaged: its chain of sectors loops back at sector {at}")
        }
        WorkbookTrouble::SharedStrings { declared, bytes } => format!(
            "the workbook is damaged: it declares {declared} shared strings in {bytes} bytes; save it again from Excel \
             or LibreOffice"
        ),
        WorkbookTrouble::TooManyCells { cells, limit } => format!(
            "the workbook's sheets span {cells} cells from their first to their last cell (a cell far from the table, or \
             rows and columns repeated), far more than a sheet of returns ({limit} at most for a file of this size): \
             delete the rows and columns under and beside the table, save it again, or export the sheet as CSV"
        ),
        WorkbookTrouble::SheetNotClosed => {
            "the workbook is damaged: its content ends inside a sheet; save it again from LibreOffice or Excel"
                .to_string()
        }
        WorkbookTrouble::ReaderFailed => "the workbook is damaged: its reader failed on it".to_string(),
        WorkbookTrouble::Encrypted => {
            "the workbook is protected by a password: open it, remove the password (File › Info › Protect Workbook), \
             and save it"
                .to_string()
        }
        WorkbookTrouble::CutShort => {
            "the workbook is cut short (an incomplete copy or download): copy or download it again".to_string()
        }
        WorkbookTrouble::CannotOpen(reason) => format!("cannot open the workbook: {reason}"),
        WorkbookTrouble::NoSuchSheet { wanted, sheets } => {
            format!("the workbook has no sheet \"{wanted}\"; its sheets are: {}", sheets.join(", "))
        }
        WorkbookTrouble::NoVisibleSheet => {
            "the workbook has no visible worksheet; name the sheet to read with --sheet".to_string()
        }
        WorkbookTrouble::CannotReadSheet { sheet, reason } => format!("cannot read sheet \"{sheet}\": {reason}"),
        WorkbookTrouble::FarColumn { row, column, limit } => format!(
            "row {row} has a cell in column {column}, beyond any returns sheet ({limit} columns at most): clear the \
             cells far to the right"
        ),
    }
}

fn bad_number(n: &BadNumber) -> String {
    match n {
        BadNumber::TooLarge(s) => format!("\"{s}\" is too large for a count (at most {})", u64::MAX),
        BadNumber::Negative(s) => format!("\"{s}\" is negative; a count is a whole number 0 or more"),
        BadNumber::Ambiguous(s) => format!(
            "\"{s}\" is ambiguous: a thousands separator or a decimal comma? write the count without it, e.g. {}",
            s.replace(',', "")
        ),
        BadNumber::DecimalPart { text, whole } => format!(
            "\"{text}\" has a decimal part; a count is a whole number: if the protocol says {}, write that",
            if whole.is_empty() { "0" } else { whole }
        ),
        BadNumber::Formula(s) => format!(
            "\"{s}\" is a formula with no calculated value: open the workbook in Excel or LibreOffice, let it \
             calculate, and save it (or type the figure)"
        ),
        BadNumber::NotWhole(s) => format!("\"{s}\" is not a whole number; expected digits, e.g. 1234 or 1 234"),
    }
}

/// A figure's name: a protocol line's key, or `votes for` a candidate's id.
pub fn named(n: &Named) -> String {
    match n {
        Named::Line(l) => l.key().to_string(),
        Named::VotesFor { id, .. } => format!("votes for {id}"),
    }
}

fn delimiter(c: char) -> &'static str {
    match c {
        ',' => ",",
        ';' => ";",
        '\t' => "tab",
        _ => "?",
    }
}

fn ignore_hint(header: &str) -> String {
    format!("read past it with --ignore-column \"{header}\", or map it in --columns")
}

fn label_trouble(t: LabelTrouble) -> &'static str {
    match t {
        LabelTrouble::None => "",
        LabelTrouble::Destroyed => " (letters in it were destroyed by a legacy export: it is never matched)",
        LabelTrouble::MixedScripts => " (it mixes Latin and Cyrillic letters)",
    }
}

fn column_suggestion(s: &ColumnSuggestion) -> String {
    match &s.near {
        Some(near) => format!("\"{}\" («{near}»)", s.key),
        None => format!("\"{}\"", s.key),
    }
}

/// How an id differs from `other`, which it looks the same as.
fn unseen(u: &Unseen, other: &str) -> String {
    let kind = |c: char| match CharKind::of(c) {
        CharKind::Digit => "digit",
        CharKind::Latin => "Latin",
        CharKind::Cyrillic => "Cyrillic",
        CharKind::Space => "a space",
        CharKind::Other => "another sign",
    };
    match u {
        Unseen::Invisible { ch, in_given: true } => {
            format!("it holds a character that shows nothing ({}) where \"{other}\" has none", super::code_point(*ch))
        }
        Unseen::Invisible { ch, in_given: false } => {
            format!("\"{other}\" holds a character that shows nothing ({}) where it has none", super::code_point(*ch))
        }
        Unseen::LookAlike { given, other: o } => format!(
            "its \"{given}\" ({}, {}) is not the \"{o}\" ({}, {}) of \"{other}\"",
            kind(*given),
            super::code_point(*given),
            kind(*o),
            super::code_point(*o)
        ),
        Unseen::Composed => {
            "one of its letters is written as a letter and a separate accent mark (another Unicode form)".to_string()
        }
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref().map_or(String::new(), |s| format!("; did you mean \"{s}\"?"))
}

fn votes_words(v: VotesSum) -> &'static str {
    match (v.invalid, v.against_all) {
        (false, true) => "against all + votes for the candidates",
        (false, false) => "votes for the candidates",
        (true, true) => "invalid + against all + votes for the candidates",
        (true, false) => "invalid + votes for the candidates",
    }
}

/// A notice's message.
pub fn notice(d: &NoticeDetail) -> String {
    use NoticeDetail::*;
    match d {
        Annulled { precinct, grounds, basis, set_aside } => {
            let grounds = grounds.as_ref().map_or(String::new(), |g| format!(" on the grounds: {g}"));
            let basis = match basis {
                AnnulBasis::Law => " under Art. 44 p.2-1".to_string(),
                AnnulBasis::NotInForce(l) => format!(
                    "; the law in force ({}) had no precinct-level annulment (Art. 44 p.2-1 is in force from \
                     01.07.2026): the decision is recorded as the commission gave it",
                    l.key()
                ),
                AnnulBasis::RuleSet => String::new(),
            };
            let extra = match set_aside {
                0 => String::new(),
                1 => "; 1 problem in its rows is set aside with it".to_string(),
                n => format!("; {n} problems in its rows are set aside with it"),
            };
            format!("precinct {precinct} annulled by the commission{grounds}, left out of the count{basis}{extra}")
        }
        Blocked { errors, more } => {
            let mut places: Vec<String> = errors
                .iter()
                .map(|(code, at)| match at {
                    Some(at) => format!("{code} at {at}"),
                    None => code.to_string(),
                })
                .collect();
            if *more > 0 {
                places.push(format!("and {more} more"));
            }
            let n = errors.len() as u64 + more;
            let noun = if n == 1 { "error" } else { "errors" };
            format!("not decided: correct the returns ({n} {noun}: {}) and run again", places.join(", "))
        }
        Missing { reporting, total, missing } => {
            format!("{reporting} of {total} precincts reporting; no protocol for {}", missing.join(", "))
        }
        CouldChange { voters, missing, lead, can } => {
            let whose = missing.join(", ");
            match (voters, can) {
                (Some(v), false) => format!(
                    "the {} voters on the list of {whose} cannot overturn a lead of {}: whatever they report, the \
                     leader stays ahead",
                    v, lead
                ),
                (Some(v), true) => format!("the {v} voters on the list of {whose} could overturn a lead of {lead}"),
                (None, _) => format!(
                    "the voters on the list of {whose} are not all in the roster: they could overturn a lead of {lead}"
                ),
            }
        }
        NoneCounted { precincts } => {
            let why = match precincts {
                0 => "the race has no precinct in the roster".to_string(),
                n => format!("all {n} annulled"),
            };
            format!("no protocol of the race is counted ({why}): its votes are unknown and nothing can be decided")
        }
        LowTurnout { turnout, min } => format!("turnout {}% is below the minimum of {min}%", turnout.percent()),
        TurnoutUnknown { min, base } => {
            format!("the rule set requires a turnout of {min}%, but voters on the list or {} are unknown", base.key())
        }
        ShareUnknown { min } => format!(
            "the rule set requires the only candidate to get {min}%, but the valid votes are unknown: a counted \
             protocol lacks the \"against all\" line"
        ),
        AgainstAllUnknown => "the rule set calls for a repeat election when \"against all\" outpolls every \
                              candidate, but its total is unknown: a counted protocol lacks the line"
            .to_string(),
        LowSoleShare { name, share, min } => format!(
            "the only candidate, {name}, got {}, below the minimum of {min}%",
            share.map_or("no valid votes".to_string(), |r| format!("{}%", r.percent()))
        ),
        AgainstAllLeads { votes, top, outcome } => {
            let what = match outcome {
                AgainstAllOutcome::LawElectsTop => {
                    "it does not decide the race: the candidate with the most votes is elected (Art. 113-10 p.2)"
                }
                AgainstAllOutcome::RulesElectTop => "the rule set elects the top candidate all the same",
                AgainstAllOutcome::RepeatElection => "the rule set calls for a repeat election",
            };
            format!("\"against all\" got {votes} votes, more than any candidate ({top}); {what}")
        }
        LotWithoutTie { candidate } => {
            format!("a lot for {candidate} was recorded but there is no tie; it is not applied")
        }
        LotNotAmongTied { candidate } => {
            format!("the recorded lot names {candidate}, who is not among the tied candidates")
        }
        Tied { names, votes, outcome } => {
            let what = match outcome {
                TieOutcome::Lot(name) => format!("{name} elected by a lot drawn by the commission"),
                TieOutcome::AwaitingLot => "no winner until the commission draws lots".to_string(),
                TieOutcome::Repeat(Some(law)) => format!(
                    "the territorial commission orders {} within a month, on the same precincts and voter lists ({}); \
                     there is no lot in the law",
                    repeat_words(Some(*law)),
                    law.tie_article()
                ),
                TieOutcome::Repeat(None) => "the rule set calls for a repeat election".to_string(),
            };
            format!("{} tied with {votes} votes each; {what}", names.join(", "))
        }
        DeclaredInvalid { grounds, law } => {
            let grounds = grounds.as_ref().map_or(String::new(), |g| format!(" on the grounds: {g}"));
            let article = match law {
                Some(Law::Kz2026) => " (Art. 113-11 p.2; Art. 113-9)",
                Some(_) => " (Art. 113-11 p.2; Art. 113-9 p.1)",
                None => "",
            };
            format!(
                "the territorial commission declared the election invalid{grounds}: it orders {}{article}",
                repeat_words(*law)
            )
        }
        AsRead(text) => text.clone(),
    }
}

fn repeat_words(law: Option<Law>) -> &'static str {
    match law.map(Law::repeat) {
        Some(Repeat::Voting) => "repeat voting",
        _ => "repeat elections",
    }
}

/// Every setting of a rule set in words, for a person: `kz-rural-akim: law kz-2026 (…) · min turnout none · …`.
pub fn rules(r: &RuleSet) -> String {
    let pct = |p: Option<Percent>| p.map_or("none".to_string(), |p| format!("{p}%"));
    let against = match r.against_all_outpolls {
        AgainstAllPolicy::ElectTop => "top candidate elected",
        AgainstAllPolicy::RepeatElection => "repeat election",
    };
    let tie = match r.tie {
        TiePolicy::Lot => "lot drawn by the commission",
        TiePolicy::RepeatElection => "repeat election",
    };
    let law = r.law.as_ref().map_or(String::new(), |l| format!(" law {} ·", law_in_force(l)));
    let required: Vec<&str> = r.required_lines.iter().map(|l| l.key()).collect();
    let required =
        if required.is_empty() { "candidates".to_string() } else { format!("{}, candidates", required.join(", ")) };
    format!(
        "{}:{law} min turnout {} · against all ahead of everyone: {against} · sole candidate min share {} · tie: {tie} \
         · required: {required} · turnout over {}",
        r.name,
        pct(r.min_turnout_percent),
        pct(r.sole_candidate_min_share_percent),
        r.turnout_base.line().key(),
    )
}

/// Why this version of the law, in words: `kz-2023 (law 156-VII of 05.11.2022), in force on election day
/// 2025-10-19`.
fn law_in_force(l: &LawInForce) -> String {
    let why = match &l.election_date {
        Some(d) => format!("in force on election day {d}"),
        None => "the newest version: no --election-date was given".to_string(),
    };
    let from = match &l.in_force_from {
        Some(d) => format!("from {d}"),
        None => "in force ten days after its publication".to_string(),
    };
    format!("{} (law {}, {from}), {why}", l.version.key(), l.act)
}
