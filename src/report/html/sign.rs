//! The protocol's header (raion, commission, election day, law, rules) and its signature block (chair, deputy
//! chair, secretary, members, date, the place of the seal).

use super::*;

/// The header under the title: what a reader of the signed page must know of where and under what law.
pub(super) fn head(h: &mut String, r: &Report, w: &Words) {
    let c = r.commission;
    let blank = "____________________";
    let day = r.rules.law.as_ref().and_then(|l| l.election_date.as_deref());
    let law = r.rules.law.as_ref().map(|l| l.version.key());
    let rows = [(w.raion, c.raion.as_deref()), (w.commission, c.name.as_deref()), (w.election_day, day), (w.law, law)];
    h.push_str("<table class=\"head\">");
    for (label, value) in rows {
        let _ = write!(h, "<tr><th>{}</th><td>{}</td></tr>", esc(label), esc(value.unwrap_or(blank)));
    }
    let _ =
        write!(h, "<tr><th>{}</th><td class=\"detail\">{}</td></tr>", esc(w.rules), esc(&text::rules(r.rules, r.lang)));
    h.push_str("</table>\n");
}

/// The signatures: each office with its holder's name (or a blank to write it in), a line to sign on, the date and
/// the place of the seal.
pub(super) fn signatures(h: &mut String, c: &Commission, w: &Words) {
    let mut rows: Vec<(&str, Option<&str>)> =
        vec![(w.chair, c.chair.as_deref()), (w.deputy, c.deputy.as_deref()), (w.secretary, c.secretary.as_deref())];
    if c.members.is_empty() {
        rows.extend([(w.members, None), ("", None), ("", None)]);
    } else {
        rows.extend(c.members.iter().enumerate().map(|(i, m)| (if i == 0 { w.members } else { "" }, Some(m.as_str()))));
    }
    h.push_str("<table class=\"sign\">");
    for (office, name) in rows {
        let _ = write!(
            h,
            "<tr><th>{}</th><td class=\"name\">{}</td><td class=\"line\"></td></tr>",
            esc(office),
            esc(name.unwrap_or(""))
        );
    }
    let _ = write!(
        h,
        "</table>\n<p class=\"sign-foot\">{}: ____________ &nbsp; &nbsp; <span class=\"seal\">{}</span></p>\n",
        esc(w.date),
        esc(w.seal)
    );
}
