//! The per-precinct table of a race, as the summary protocol lists them: every precinct's state, its lines and the
//! votes for each candidate.

use super::*;

/// The precincts of race `d` (their figures `rows`, in the roster's order).
pub(super) fn table(h: &mut String, d: &DistrictResult, r: &Report, rows: &[&PrecinctReturn], w: &Words) {
    let Some(district) = r.roster.districts.get(&d.district_id) else { return };
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        h,
        "<h3>{}</h3>\n<table class=\"precincts\"><tr><th>{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th>\
         <th class=\"n\">{}</th><th class=\"n\">{}</th>",
        esc(w.by_precinct),
        esc(w.precinct),
        esc(w.voters),
        esc(w.issued),
        esc(w.took_part),
        esc(w.invalid)
    );
    for c in district.candidates.iter() {
        let _ = write!(h, "<th class=\"n\">{}</th>", esc(c.name));
    }
    let _ = writeln!(h, "<th class=\"n\">{}</th></tr>", esc(w.against_all));
    let cell = |v: Option<Count>| v.map_or("—".to_string(), |v| group(v.0));
    for p in rows {
        let state = match p.state {
            PrecinctState::Counted => None,
            PrecinctState::Annulled => Some(w.annulled),
            PrecinctState::Missing => Some(w.missing),
        };
        let _ = write!(h, "<tr><td>{}</td>", esc(p.precinct.as_str()));
        let voters =
            p.line(Line::VotersOnList).or_else(|| r.roster.precincts.get(&p.precinct).and_then(|q| q.voters_on_list));
        if let Some(state) = state {
            let span = 4 + district.candidates.len() + 1;
            let _ = writeln!(
                h,
                "<td class=\"n\">{}</td><td colspan=\"{}\" class=\"state\">{}</td></tr>",
                cell(voters),
                span - 1,
                esc(state)
            );
            continue;
        }
        let lines = [voters, p.whole(Line::BallotsIssued), p.whole(Line::BallotsInBox), p.line(Line::BallotsInvalid)];
        for v in lines {
            let _ = write!(h, "<td class=\"n\">{}</td>", cell(v));
        }
        for k in 0..district.candidates.len() {
            let _ = write!(h, "<td class=\"n\">{}</td>", cell(p.votes_for(k)));
        }
        let _ = writeln!(h, "<td class=\"n\">{}</td></tr>", cell(p.line(Line::AgainstAll)));
    }
    h.push_str("</table>\n");
}
