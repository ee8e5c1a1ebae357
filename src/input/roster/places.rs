//! `precincts.csv` (and `districts.csv`): the districts and precincts read, then put in order once the roster's
//! files are let go.

use super::*;

/// Reads `districts.csv` (when given) and `precincts.csv`: the districts as they are first met (from
/// `districts.csv`, else as `precincts.csv` names them), and the precincts; [`place`] puts them in order.
pub(super) fn read_places<'t: 's, 's>(
    districts: Option<&RosterFile<'t>>,
    pf: &RosterFile<'t>,
    findings: &mut Vec<Finding>,
    beside: Beside<'s, '_>,
) -> PlacesRead {
    let fixed = districts.is_some();
    let mut names = BTreeMap::new();
    if let Some(df) = districts {
        read_districts(df, &mut names, findings, beside);
    }

    // Districts numbered as they are first met, with their name, line and file; put in order once all are known.
    let mut met: Vec<(DistrictId, NamedAt)> = names.into_iter().collect();
    // The number of each district met, by id: built once the districts met stop rising in order (a roster sorted
    // by district never needs it: a district above the last one met is a new one).
    let number_by_id = |met: &[(DistrictId, NamedAt)]| -> HashMap<DistrictId, u32> {
        met.iter().enumerate().map(|(i, (d, _))| (d.clone(), i as u32)).collect()
    };
    let mut numbers: Option<HashMap<DistrictId, u32>> = fixed.then(|| number_by_id(&met));
    let lines = pf.sheet.map_or_else(|| memchr::memchr_iter(b'\n', pf.text.as_bytes()).count(), |s| s.rows.len());
    let mut rows_read = PrecinctRows::with_capacity(lines);
    // Rows of one district usually come together: its number and name are looked up once for the run (the cells
    // of the last run are kept in two buffers).
    let (mut last_id, mut last_name, mut last_number) = (String::new(), String::new(), None);
    rows(
        pf,
        &["district_id", "district_name", "precinct_id", "voters_on_list"],
        &[],
        findings,
        beside,
        |row_line, f, findings| {
            let id = clean_id(f[2]);
            if crate::input::returns::is_a_totals_word(id) {
                let detail = Detail::PrecinctLikeATotal { precinct: id.to_string() };
                return findings.push(err(Code::RosterCandidateLikeALine, at(&pf.name, row_line, 3), detail));
            }
            let number = match last_number {
                Some(k) if last_id == f[0] && last_name == f[1] => k,
                _ => {
                    let district = DistrictId::parse(f[0]);
                    let seen = match (&numbers, met.last()) {
                        (Some(numbers), _) => numbers.get(&district).copied(),
                        (None, Some((last, _))) if *last >= district => {
                            let built = numbers.insert(number_by_id(&met));
                            built.get(&district).copied()
                        }
                        (None, _) => None,
                    };
                    let k = match seen {
                        None if fixed => {
                            findings.push(err(
                                Code::RosterUnknownDistrict,
                                at(&pf.name, row_line, 1),
                                Detail::PrecinctInUnlistedDistrict {
                                    precinct: id.to_string(),
                                    district: district.to_string(),
                                },
                            ));
                            return;
                        }
                        None => {
                            let k = met.len() as u32;
                            if let Some(numbers) = &mut numbers {
                                numbers.insert(district.clone(), k);
                            }
                            met.push((district, (f[1].to_string(), row_line, Arc::clone(&pf.name))));
                            k
                        }
                        Some(k) => {
                            let (name, line, file) = &met[k as usize].1;
                            if name != f[1] && normalize(name) != normalize(f[1]) {
                                findings.push(err(
                                    Code::RosterDistrictName,
                                    at(&pf.name, row_line, 2),
                                    Detail::DistrictNamedTwice {
                                        district: district.to_string(),
                                        here: f[1].to_string(),
                                        there: name.clone(),
                                        file: file.to_string(),
                                        line: *line,
                                    },
                                ));
                            }
                            k
                        }
                    };
                    last_id.clear();
                    last_id.push_str(f[0]);
                    last_name.clear();
                    last_name.push_str(f[1]);
                    last_number = Some(k);
                    k
                }
            };
            let voters = match parse_count(f[3]) {
                Ok(v) => v,
                Err(e) => {
                    let detail =
                        Detail::BadFigure { what: Named::Line(crate::model::Line::VotersOnList), number: e.clone() };
                    findings.push(err(e.code(), at(&pf.name, row_line, 4), detail));
                    None
                }
            };
            rows_read.push(id, number, voters, row_line);
        },
    );
    PlacesRead { met, rows: rows_read }
}

/// The districts and precincts as `precincts.csv` (and `districts.csv`) gave them, before they are put in order.
pub(super) struct PlacesRead {
    /// The districts, numbered as they were first met, with their name, line and file.
    met: Vec<(DistrictId, NamedAt)>,
    rows: PrecinctRows,
}

/// Puts the districts and precincts read in order into `roster` (a precinct id given twice, or looking like
/// another, is an error): each district gets its place, and its precincts a range of the roster's order. Gives the
/// line and file that define each district, in the districts' order. Nothing here needs the files' text: it is done
/// once they are let go.
pub(super) fn place(
    read: PlacesRead,
    pf: &Arc<str>,
    roster: &mut Roster,
    findings: &mut Vec<Finding>,
) -> Vec<(u32, Arc<str>)> {
    let PlacesRead { met, rows: mut rows_read } = read;
    drop_repeated(pf, &mut rows_read, findings);
    twins::twin_ids(rows_read.ids_and_lines().map(|(id, line)| (id, pf, line)), false, 3, findings);
    // The districts in order (one sort, which finds them in order when they were met so), and each one's new
    // number: its place.
    let mut order: Vec<u32> = (0..met.len() as u32).collect();
    order.sort_by(|&a, &b| met[a as usize].0.cmp(&met[b as usize].0));
    let mut place_of = vec![0; met.len()];
    for (p, &k) in order.iter().enumerate() {
        place_of[k as usize] = p as u32;
    }
    // Districts met in order (a roster sorted by district) stay where they are: 250,000 are not copied.
    let in_order: Vec<(DistrictId, NamedAt)> = if order.iter().enumerate().all(|(p, &k)| p == k as usize) {
        met
    } else {
        let mut met: Vec<Option<_>> = met.into_iter().map(Some).collect();
        order.iter().filter_map(|&k| met[k as usize].take()).collect()
    };
    twins::twin_ids(in_order.iter().map(|(d, (_, line, file))| (d.as_str(), file, *line)), true, 1, findings);
    place_districts(in_order, &place_of, rows_read, roster)
}

/// Reads `districts.csv` into `names`: each district's name, line and file; a district given twice is an error.
fn read_districts<'t: 's, 's>(
    df: &RosterFile<'t>,
    names: &mut BTreeMap<DistrictId, NamedAt>,
    findings: &mut Vec<Finding>,
    beside: Beside<'s, '_>,
) {
    rows(df, &["district_id", "district_name"], &[], findings, beside, |row_line, f, findings| {
        let id = DistrictId::parse(f[0]);
        if let Some((_, line, _)) = names.get(&id) {
            findings.push(err(
                Code::RosterDuplicatePrecinct,
                at(&df.name, row_line, 1),
                Detail::DistrictTwice { district: id.to_string(), line: *line },
            ));
        } else {
            names.insert(id, (f[1].to_string(), row_line, Arc::clone(&df.name)));
        }
    });
}

/// A precinct id given twice is an error at each repeat, and the repeats are left out.
fn drop_repeated(pf: &Arc<str>, rows_read: &mut PrecinctRows, findings: &mut Vec<Finding>) {
    let repeated = rows_read.repeated();
    for &(_, id, line, first) in &repeated {
        findings.push(err(
            Code::RosterDuplicatePrecinct,
            at(pf, line, 3),
            Detail::PrecinctTwice { precinct: id.to_string(), first_line: first },
        ));
    }
    if !repeated.is_empty() {
        let rows: Vec<usize> = repeated.iter().map(|r| r.0).collect();
        rows_read.remove(&rows);
    }
}

/// The districts in order (`in_order`; `place` gives the place of each as numbered when first met): each gets its
/// place, and its precincts a range of the roster's order. Gives the line and file that define each district.
fn place_districts(
    in_order: Vec<(DistrictId, NamedAt)>,
    place: &[u32],
    mut rows_read: PrecinctRows,
    roster: &mut Roster,
) -> Vec<(u32, Arc<str>)> {
    rows_read.renumber_districts(place);
    let counts = rows_read.count_by_district(in_order.len());
    let mut start = 0u32;
    let mut ids = Vec::with_capacity(in_order.len());
    let mut defined = Vec::with_capacity(in_order.len());
    // The ids and names move into the districts.
    let districts: Vec<District> = in_order
        .into_iter()
        .enumerate()
        .map(|(i, (id, (name, line, file)))| {
            let range = start..start + counts[i];
            start = range.end;
            ids.push(id.clone());
            defined.push((line, file));
            District { id, name, candidates: Candidates::default(), precincts: range, index: i as u32 }
        })
        .collect();
    roster.districts = Districts::in_order(districts);
    roster.precincts = Precincts::build(ids, rows_read);
    defined
}
