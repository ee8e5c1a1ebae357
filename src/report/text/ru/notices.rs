//! Notices, code titles and the rule-set summary, in the language of the module above.

use super::*;

/// A notice's message.
pub fn notice(d: &NoticeDetail) -> String {
    use NoticeDetail::*;
    match d {
        Annulled { precinct, grounds, basis, set_aside } => {
            let grounds = grounds.as_ref().map_or(String::new(), |g| format!(" по основанию: {g}"));
            let basis = match basis {
                AnnulBasis::Law => " согласно п. 2-1 ст. 44".to_string(),
                AnnulBasis::NotInForce(l) => format!(
                    "; в редакции закона на день выборов ({}) признания итогов участка недействительными не было \
                     (п. 2-1 ст. 44 действует с 01.07.2026): решение записано так, как его дала комиссия",
                    l.key()
                ),
                AnnulBasis::RuleSet => String::new(),
            };
            let extra = match set_aside {
                0 => String::new(),
                n => format!("; замечаний по его строкам, отложенных вместе с ним: {n}"),
            };
            format!("итоги участка {precinct} признаны комиссией недействительными{grounds} и не учтены{basis}{extra}")
        }
        Blocked { errors, more } => {
            let mut places: Vec<String> = errors
                .iter()
                .map(|(code, at)| match at {
                    Some(at) => format!("{code} в {at}"),
                    None => code.to_string(),
                })
                .collect();
            if *more > 0 {
                places.push(format!("и ещё {more}"));
            }
            let n = errors.len() as u64 + more;
            format!("итог не определён: исправьте данные (ошибок: {n}: {}) и запустите снова", places.join(", "))
        }
        Missing { reporting, total, missing } => {
            format!("поступило {reporting} из {total} протоколов; нет протокола участков {}", missing.join(", "))
        }
        CouldChange { voters, missing, lead, can } => {
            let whose = missing.join(", ");
            match (voters, can) {
                (Some(v), false) => format!(
                    "{} в списках участков {whose} не могут перевесить отрыв в {}: что бы там ни было, лидер \
                     останется впереди",
                    voters_n(v.0),
                    votes_n(lead.0)
                ),
                (Some(v), true) => {
                    format!("{} в списках участков {whose} могут перевесить отрыв в {}", voters_n(v.0), votes_n(lead.0))
                }
                (None, _) => format!(
                    "избиратели участков {whose} есть в реестре не все: они могут перевесить отрыв в {}",
                    votes_n(lead.0)
                ),
            }
        }
        NoneCounted { precincts } => {
            let why = match precincts {
                0 => "в реестре нет ни одного участка округа".to_string(),
                n => format!("итоги всех {n} участков признаны недействительными"),
            };
            format!("не учтён ни один протокол ({why}): голоса неизвестны, решать не на чем")
        }
        LowTurnout { turnout, min } => {
            format!("явка {} ниже минимума {}", percent(turnout.percent()), percent(min.to_string()))
        }
        TurnoutUnknown { min, base } => format!(
            "правила требуют явки {}, но неизвестны число избирателей в списке или «{}»",
            percent(min.to_string()),
            line(*base)
        ),
        ShareUnknown { min } => format!(
            "правила требуют, чтобы единственный кандидат получил {}, но число действительных голосов неизвестно: \
             в учтённом протоколе нет строки «против всех»",
            percent(min.to_string())
        ),
        AgainstAllUnknown => "правила назначают повторные выборы, если «против всех» набирает больше любого \
                              кандидата, но этот итог неизвестен: в учтённом протоколе нет этой строки"
            .to_string(),
        LowSoleShare { name, share, min } => format!(
            "единственный кандидат, {name}, получил {}, меньше минимума {}",
            share.map_or("ни одного действительного голоса".to_string(), |r| percent(
                r.percent()
            )),
            percent(min.to_string())
        ),
        AgainstAllLeads { votes, top, outcome } => {
            let what = match outcome {
                AgainstAllOutcome::LawElectsTop => {
                    "это не решает исход: избранным считается кандидат, получивший больше всех голосов (ст. 113-10 п. 2)"
                }
                AgainstAllOutcome::RulesElectTop => "по правилам избран кандидат с наибольшим числом голосов",
                AgainstAllOutcome::RepeatElection => "по правилам назначаются повторные выборы",
            };
            format!("«против всех» — {}, больше любого кандидата ({}); {what}", votes_n(votes.0), group(top.0))
        }
        LotWithoutTie { candidate } => {
            format!("записана жеребьёвка в пользу {candidate}, но равенства голосов нет; она не применяется")
        }
        LotNotAmongTied { candidate } => {
            format!("записанная жеребьёвка называет {candidate}, а этого кандидата нет среди набравших поровну")
        }
        Tied { names, votes, outcome } => {
            let what = match outcome {
                TieOutcome::Lot(name) => format!("{name} избран по жеребьёвке, проведённой комиссией"),
                TieOutcome::AwaitingLot => "победителя нет, пока комиссия не проведёт жеребьёвку".to_string(),
                TieOutcome::Repeat(Some(law)) => format!(
                    "территориальная комиссия назначает {} в течение месяца, на тех же участках и по тем же спискам \
                     избирателей ({}); жеребьёвки закон не предусматривает",
                    repeat_words(Some(*law)),
                    article(law.tie_article())
                ),
                TieOutcome::Repeat(None) => "по правилам назначаются повторные выборы".to_string(),
            };
            format!("{} набрали поровну, по {}; {what}", names.join(", "), votes_n(votes.0))
        }
        DeclaredInvalid { grounds, law } => {
            let grounds = grounds.as_ref().map_or(String::new(), |g| format!(" по основанию: {g}"));
            let article = match law {
                Some(Law::Kz2026) => " (ст. 113-11 п. 2; ст. 113-9)",
                Some(_) => " (ст. 113-11 п. 2; ст. 113-9 п. 1)",
                None => "",
            };
            format!(
                "территориальная комиссия признала выборы недействительными{grounds}: она назначает {}{article}",
                repeat_words(*law)
            )
        }
        AsRead(text) => text.clone(),
    }
}

/// `Art. 113-9 p.2` as Russian writes it: `ст. 113-9 п. 2`.
fn article(en: &str) -> String {
    en.replace("Art. ", "ст. ").replace(" p.", " п. ")
}

fn repeat_words(law: Option<Law>) -> &'static str {
    match law.map(Law::repeat) {
        Some(Repeat::Voting) => "повторное голосование",
        _ => "повторные выборы",
    }
}

/// Every setting of a rule set in words, for a person.
pub fn rules(r: &RuleSet) -> String {
    let pct = |p: Option<Percent>| p.map_or("нет".to_string(), |p| percent(p.to_string()));
    let against = match r.against_all_outpolls {
        AgainstAllPolicy::ElectTop => "избран кандидат с наибольшим числом голосов",
        AgainstAllPolicy::RepeatElection => "повторные выборы",
    };
    let tie = match r.tie {
        TiePolicy::Lot => "жеребьёвка комиссии",
        TiePolicy::RepeatElection => "повторные выборы",
    };
    let law = r.law.as_ref().map_or(String::new(), |l| format!(" закон: {} ·", law_in_force(l)));
    let required: Vec<String> = r.required_lines.iter().map(|l| format!("«{}»", line(*l))).collect();
    let required = if required.is_empty() {
        "голоса за кандидатов".to_string()
    } else {
        format!("{}, голоса за кандидатов", required.join(", "))
    };
    format!(
        "{}:{law} минимальная явка {} · «против всех» впереди всех: {against} · минимальная доля единственного \
         кандидата {} · равенство голосов: {tie} · обязательны: {required} · явка от «{}»",
        r.name,
        pct(r.min_turnout_percent),
        pct(r.sole_candidate_min_share_percent),
        line(r.turnout_base.line()),
    )
}

fn law_in_force(l: &LawInForce) -> String {
    let why = match &l.election_date {
        Some(d) => format!("действует на день выборов {d}"),
        None => "последняя редакция: дата выборов (--election-date) не указана".to_string(),
    };
    let from = match &l.in_force_from {
        Some(d) => format!("с {d}"),
        None => "вступил в силу через десять дней после опубликования".to_string(),
    };
    format!("{} (№ {}, {from}), {why}", l.version.key(), l.act.replace(" of ", " от "))
}

/// What a code means, in one line.
pub fn title(code: Code) -> &'static str {
    use Code::*;
    match code {
        FileUnreadable => "файл не читается",
        NotText => "файл — не книга и не текст в поддерживаемой кодировке",
        EmptyFile => "файл пуст или без строки заголовка",
        NoDelimiter => "в строке заголовка не найден разделитель",
        MalformedCsv => "файл — не правильный CSV (например, незакрытая кавычка)",
        MissingColumn => "нет обязательного столбца",
        UnknownColumn => "заголовок — не строка протокола и не зарегистрированный кандидат",
        DuplicateColumn => "два столбца означают одно и то же",
        RaggedRow => "в строке другое число значений, чем в заголовке",
        BlankId => "в строке нет номера участка",
        FieldTooLarge => "ячейка больше любой ячейки протокола",
        TooManyColumns => "в строке больше столбцов, чем бывает в таблице итогов",
        NoRows => "есть заголовок, но нет строк с цифрами",
        FiguresAboveHeader => "строка над заголовком содержит цифры участка",
        TooManyProblems => "ошибок в файле так много, что остальные не перечислены",
        NotWholeNumber => "число — не целое",
        NegativeNumber => "число отрицательно",
        NumberTooLarge => "число слишком велико",
        SumOverflow => "итог не помещается в счётчик",
        WordsUnreadable => "число прописью не читается",
        WordsDisagree => "число не совпадает с записью прописью",
        UnknownPrecinct => "участка нет в реестре",
        WrongDistrict => "участок указан не в своём округе",
        UnregisteredCandidate => "голоса за кандидата, не зарегистрированного в округе участка",
        ConflictingCopies => "участок дан больше одного раза с разными цифрами",
        UnknownDistrict => "округа нет в реестре",
        MissingVotes => "нет голосов за зарегистрированного кандидата",
        MissingLine => "в протоколе нет строки, которую требуют правила",
        ZeroProtocol => "протокол из нулей без выданных бюллетеней",
        RosterDuplicatePrecinct => "реестр: участок (или округ) указан дважды",
        RosterUnknownDistrict => "реестр: участок или кандидат в округе, которого нет в реестре",
        RosterNoCandidates => "реестр: у округа нет кандидатов",
        RosterDuplicateCandidate => "реестр: идентификатор или имя кандидата дважды в одном округе",
        RosterDistrictName => "реестр: у одного округа два названия",
        RosterBlankField => "реестр: обязательное поле пусто",
        RosterNoPrecincts => "реестр: у округа нет участков",
        RosterCandidateLikeALine => "реестр: кандидат назван как строка протокола или участок — как строка итогов",
        RosterTwinIds => "реестр: два идентификатора выглядят одинаково, но различаются",
        IssuedOverList => "выдано бюллетеней больше, чем избирателей в списке",
        ReceivedBalance => "получено ≠ выдано + погашено + утрачено − не учтено",
        BoxBalance => "в ящиках ≠ недействительные + действительные",
        ValidBalance => "действительные ≠ «против всех» + голоса за кандидатов",
        BoxVotesBalance => "в ящиках ≠ недействительные + «против всех» + голоса",
        BoxOverIssued => "в ящиках больше бюллетеней, чем выдано",
        VotesOverIssued => "голосов больше, чем выдано бюллетеней",
        PartsBalance => "части строки не складываются в целое",
        PortableOverRequests => "в переносных ящиках больше бюллетеней, чем письменных заявлений",
        TitleRows => "строки над заголовком пропущены как название",
        TotalsDisagree => "итоговая строка не совпадает со строками над ней",
        DamagedLetters => "при сохранении в старой кодировке пропали буквы",
        TooManyWarnings => "предупреждений так много, что остальные не перечислены",
        DuplicateCopy => "участок дан дважды одинаково; учтён один раз",
        OtherDistrictZero => "ноль за кандидата другого округа; не учтён",
        RosterMixedScript => "реестр: в имени кандидата смешаны латиница и кириллица",
        RosterLookalikes => "реестр: два кандидата различаются только похожими буквами",
        RosterFewCandidates => "реестр: в округе меньше двух кандидатов",
        RosterBlankNomination => "реестр: не указано, кем выдвинут кандидат",
        BoxUnderIssued => "в ящиках меньше бюллетеней, чем выдано",
        VotesUnderIssued => "голосов меньше, чем выдано бюллетеней",
        ReceivedOverReserve => "получено больше бюллетеней, чем список с резервом 1%",
    }
}
