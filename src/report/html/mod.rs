//! The results as one self-contained HTML page, to print on A4, sign and post: per district the status in words,
//! the winner, the candidates' votes and shares with a bar chart (inline SVG), against all, invalid ballots,
//! turnout, precincts reporting, notices, and the errors that blocked a result. The page names the rule set, the
//! inputs with their SHA-256, and the tool version, and embeds its JSON results (an inert data block, read by
//! `akim-tally verify`). No network, no scripts.

use std::fmt::Write;

use crate::check::Finding;
use crate::decide::{DistrictResult, NoticeCode, Ratio, Status};
use crate::model::{Commission, Count, Line, Roster};
use crate::protocol::{PrecinctReturn, PrecinctState};
pub use crate::report::text::Lang;
use crate::report::{InputFile, TOOL, text};
use crate::rules::RuleSet;

mod by_race;
mod precincts;
mod sign;
mod words;

use by_race::ByRace;
pub use words::status_words;
use words::{Words, notice_title, role_words, words};

/// Escapes text for HTML.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn count(c: Option<Count>, w: &Words) -> String {
    c.map_or(w.none.to_string(), |c| group(c.0))
}

/// A count with thin spaces between thousands, as printed protocols write it.
fn group(n: u64) -> String {
    text::grouped(n, '\u{2009}')
}

fn pct(r: Option<Ratio>, lang: Lang) -> String {
    text::share(r, lang)
}

/// The page's style: A4, page numbers, print colours (style.css).
const STYLE: &str = include_str!("style.css");

/// The bar chart of one district's shares, as inline SVG.
fn chart(d: &DistrictResult, w: &Words, lang: Lang) -> String {
    let mut bars: Vec<(String, u64, Option<Ratio>, &str)> = d
        .candidates
        .iter()
        .map(|c| {
            let class = if d.winner.as_ref() == Some(&c.candidate_id) { "#1b6e3a" } else { "#4a6fa5" };
            (c.candidate_name.clone(), c.votes.map_or(0, |v| v.0), c.share, class)
        })
        .collect();
    if let Some(a) = d.against_all {
        bars.push((w.against_all.to_string(), a.0, d.valid_votes.and_then(|v| Ratio::new(a.0, v.0)), "#999"));
    }
    let (label_w, bar_w, row_h) = (250.0, 290.0, 20.0);
    let height = row_h * bars.len() as f64 + 6.0;
    let mut svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 640 {height}" aria-label="{}">"#,
        esc(w.chart)
    );
    for (i, (name, votes, share, colour)) in bars.iter().enumerate() {
        let y = 3.0 + row_h * i as f64;
        let frac = share.map_or(0.0, |r| r.scaled(6) as f64 / 1e6);
        let len = (frac * bar_w).max(if *votes > 0 { 1.0 } else { 0.0 });
        let mut label: String = name.chars().take(40).collect();
        if name.chars().count() > 40 {
            label.push('…');
        }
        let _ = write!(
            svg,
            r#"<text x="{}" y="{}" text-anchor="end">{}</text><rect x="{}" y="{}" width="{len:.1}" height="{}" fill="{colour}"/><text x="{}" y="{}">{} · {}</text>"#,
            label_w - 6.0,
            y + 14.0,
            esc(&label),
            label_w,
            y + 2.0,
            row_h - 6.0,
            label_w + len + 4.0,
            y + 14.0,
            pct(*share, lang),
            group(*votes)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// What the report shows: the results, the findings behind them, each precinct's figures, and the commission that
/// signs it.
pub struct Report<'a> {
    /// The language of the page.
    pub lang: Lang,
    /// The rule set the races were decided under.
    pub rules: &'a RuleSet,
    /// The commission: raion, name, members.
    pub commission: &'a Commission,
    /// The inputs with their SHA-256.
    pub inputs: &'a [InputFile],
    /// Every race.
    pub districts: &'a [DistrictResult],
    /// Every finding.
    pub findings: &'a [Finding],
    /// The roster (for the per-precinct tables).
    pub roster: &'a Roster,
    /// Each precinct's figures, in the roster's order.
    pub protocols: &'a [PrecinctReturn],
    /// The JSON results, embedded for `verify`.
    pub results_json: &'a str,
}

/// The report page: the commission's protocol of results.
pub fn page(r: &Report) -> String {
    let (lang, w) = (r.lang, words(r.lang));
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.tag(),
        esc(w.title)
    );
    let _ = writeln!(h, "<h1>{}</h1>", esc(w.title));
    sign::head(&mut h, r, &w);
    summary(&mut h, r.districts, lang, &w);
    let by_race = ByRace::new(r.protocols, r.findings);
    for d in r.districts {
        district(&mut h, d, r, &by_race, &w);
    }
    footer(&mut h, r, &w);
    h
}

/// The table of every race: its status, winner and precincts reporting.
fn summary(h: &mut String, districts: &[DistrictResult], lang: Lang, w: &Words) {
    let _ = write!(
        h,
        "<h2>{}</h2>\n<table><tr><th>{}</th><th>{}</th><th>{}</th><th class=\"n\">{}</th></tr>\n",
        esc(w.summary),
        esc(w.district),
        esc(w.status),
        esc(w.winner),
        esc(w.precincts)
    );
    for d in districts {
        let winner = d
            .winner
            .as_ref()
            .and_then(|id| d.candidates.iter().find(|c| &c.candidate_id == id))
            .map_or("—".to_string(), |c| esc(&c.candidate_name));
        let _ = writeln!(
            h,
            "<tr><td>{} {}</td><td><span class=\"status {}\">{}</span></td><td>{winner}</td><td class=\"n\">{} {} {}</td></tr>",
            esc(d.district_id.as_str()),
            esc(&d.district_name),
            d.status.as_str(),
            esc(status_words(d.status, lang)),
            d.precincts_reporting,
            esc(w.of),
            d.precincts_total
        );
    }
    h.push_str("</table>\n");
}

/// One race: its status, figures, candidates, chart, notices, the warnings to explain, the errors that hold it
/// back, and its precincts. A race that errors hold back shows its figures as provisional: greyed, with no rank.
fn district(h: &mut String, d: &DistrictResult, r: &Report, by_race: &ByRace, w: &Words) {
    let lang = r.lang;
    let provisional = d.status == Status::Blocked;
    let _ = write!(
        h,
        "<section class=\"district{}\" id=\"d-{}\">\n<h2>{} {}</h2>\n<p><span class=\"status {}\">{}</span>",
        if provisional { " provisional" } else { "" },
        esc(d.district_id.as_str()),
        esc(d.district_id.as_str()),
        esc(&d.district_name),
        d.status.as_str(),
        esc(status_words(d.status, lang))
    );
    if let Some(c) = d.winner.as_ref().and_then(|id| d.candidates.iter().find(|c| &c.candidate_id == id)) {
        let nominated = text::nomination(&c.nominated_by, lang);
        let _ = write!(h, " &nbsp;<b>{}: {}</b> ({})", esc(w.winner), esc(&c.candidate_name), esc(nominated));
    }
    h.push_str("</p>\n");
    if provisional {
        let _ = writeln!(h, "<p class=\"provisional-note\">{}</p>", esc(w.provisional));
    }
    h.push_str("<div class=\"figures\">");
    for (label, value) in [
        (w.precincts, format!("{} {} {}", d.precincts_reporting, w.of, d.precincts_total)),
        (w.voters, count(d.voters_on_list, w)),
        (w.issued, count(d.ballots_issued, w)),
        (w.turnout, pct(d.turnout, lang)),
        (w.invalid, count(d.ballots_invalid, w)),
        (w.against_all, count(d.against_all, w)),
    ] {
        let _ = write!(h, "<div>{}: <b>{}</b></div>", esc(label), esc(&value));
    }
    let _ = write!(
        h,
        "</div>\n<table><tr><th class=\"n\">#</th><th>{}</th><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>\n",
        esc(w.candidate),
        esc(w.nominated_by),
        esc(w.votes),
        esc(w.share)
    );
    for c in &d.candidates {
        let class = if d.winner.as_ref() == Some(&c.candidate_id) { " class=\"winner\"" } else { "" };
        let _ = writeln!(
            h,
            "<tr{class}><td class=\"n\">{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            c.rank.filter(|_| !provisional).map_or("—".to_string(), |r| r.to_string()),
            esc(&c.candidate_name),
            esc(text::nomination(&c.nominated_by, lang)),
            c.votes.map_or("—".to_string(), |v| group(v.0)),
            pct(c.share, lang)
        );
    }
    if let Some(a) = d.against_all {
        let share = d.valid_votes.and_then(|v| Ratio::new(a.0, v.0));
        let _ = writeln!(
            h,
            "<tr class=\"against\"><td></td><td>{}</td><td></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            esc(w.against_all),
            group(a.0),
            pct(share, lang)
        );
    }
    h.push_str("</table>\n");
    h.push_str(&chart(d, w, lang));
    if !d.notices.is_empty() {
        let _ = write!(h, "\n<h3>{}</h3>\n<ul>", esc(w.notices));
        for n in &d.notices {
            let _ = write!(
                h,
                "<li><span class=\"code\">{}</span> {}<br><span class=\"detail\">{}</span></li>",
                n.code.as_str(),
                esc(notice_title(n.code, lang)),
                esc(&text::notice(n, lang))
            );
        }
        h.push_str("</ul>\n");
    }
    // The warnings of a race, which the commission must explain: the first 50, and how many more.
    let warnings = by_race.warnings(&d.district_id);
    finding_list(h, (w.warnings, "warnings"), &warnings[..warnings.len().min(50)], warnings.len(), lang);
    // The errors that hold a blocked race back: the first 20, and how many more.
    if d.status == Status::Blocked {
        let (first, all) = by_race.errors(&d.district_id, 20);
        finding_list(h, (w.errors, "errors"), &first, all, lang);
    }
    precincts::table(h, d, r, by_race.protocols(&d.district_id), w);
    h.push_str("</section>\n");
}

/// A heading and the first findings of a list of `all`, each with its code, place and message, then how many more.
/// Nothing when there are none.
fn finding_list(h: &mut String, (heading, class): (&str, &str), first: &[&Finding], all: usize, lang: Lang) {
    if first.is_empty() {
        return;
    }
    let _ = write!(h, "<h3>{}</h3>\n<ul class=\"{class}\">", esc(heading));
    for f in first {
        let at = f.location.as_ref().map(|l| l.to_string()).unwrap_or_default();
        let _ = write!(
            h,
            "<li><span class=\"code\">{}</span> {} — {}</li>",
            f.code.as_str(),
            esc(&at),
            esc(&text::finding(f, lang))
        );
    }
    if all > first.len() {
        let _ = write!(h, "<li>… +{}</li>", all - first.len());
    }
    h.push_str("</ul>\n");
}

/// The inputs with their SHA-256, the signatures, and the results for `verify`.
fn footer(h: &mut String, r: &Report, w: &Words) {
    let _ = write!(h, "<section class=\"closing\">\n<h2>{}</h2>\n<table>", esc(w.inputs));
    for f in r.inputs {
        let role = role_words(&f.role, r.lang);
        let _ =
            write!(h, "<tr><td>{}</td><td>{}</td><td class=\"hash\">{}</td></tr>", esc(&f.path), esc(role), f.sha256);
    }
    let _ = write!(h, "</table>\n<p class=\"meta\">{}: {}</p>\n", esc(w.generated_by), esc(TOOL));
    sign::signatures(h, r.commission, w);
    h.push_str("</section>\n");
    // The results themselves, for `akim-tally verify`: a data block, never run. `</` cannot occur in it.
    let _ = write!(
        h,
        "<script type=\"application/json\" id=\"akim-tally-results\">{}</script>\n</body>\n</html>\n",
        r.results_json.replace("</", "<\\/")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_a_name_could_smuggle() {
        assert_eq!(esc("<b>\"Ә\" & 'x'</b>"), "&lt;b&gt;&quot;Ә&quot; &amp; &#39;x&#39;&lt;/b&gt;");
        assert_eq!(group(1234567), "1\u{2009}234\u{2009}567");
        assert_eq!(group(999), "999");
    }
}
