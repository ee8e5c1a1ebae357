//! Notices, code titles and the rule-set summary, in the language of the module above.

use super::*;

/// A notice's message.
pub fn notice(d: &NoticeDetail) -> String {
    use NoticeDetail::*;
    match d {
        Annulled { precinct, grounds, basis, set_aside } => {
            let grounds = grounds.as_ref().map_or(String::new(), |g| format!(" (негізі: {g})"));
            let basis = match basis {
                AnnulBasis::Law => "; 44-баптың 2-1-тармағы бойынша".to_string(),
                AnnulBasis::NotInForce(l) => format!(
                    "; сайлау күні қолданыстағы заң редакциясында ({}) учаске нәтижелерін жарамсыз деп тану болған жоқ \
                     (44-баптың 2-1-тармағы 01.07.2026 бастап қолданылады): шешім комиссия бергендей жазылды",
                    l.key()
                ),
                AnnulBasis::RuleSet => String::new(),
            };
            let extra = match set_aside {
                0 => String::new(),
                n => format!("; оның жолдарындағы онымен бірге шеттетілген ескертулер: {n}"),
            };
            format!(
                "{precinct} учаскесінің нәтижелерін комиссия жарамсыз деп таныды{grounds}, олар есепке алынбады\
                 {basis}{extra}"
            )
        }
        Blocked { errors, more } => {
            let mut places: Vec<String> = errors
                .iter()
                .map(|(code, at)| match at {
                    Some(at) => format!("{code}: {at}"),
                    None => code.to_string(),
                })
                .collect();
            if *more > 0 {
                places.push(format!("тағы {more}"));
            }
            let n = errors.len() as u64 + more;
            format!("нәтиже шығарылмады: деректерді түзетіп ({n} қате: {}), қайта іске қосыңыз", places.join(", "))
        }
        Missing { reporting, total, missing } => {
            format!("{total} хаттаманың {reporting} түсті; мына учаскелердің хаттамасы жоқ: {}", missing.join(", "))
        }
        CouldChange { voters, missing, lead, can } => {
            let whose = missing.join(", ");
            match (voters, can) {
                (Some(v), false) => format!(
                    "{whose} учаскелерінің тізіміндегі {} сайлаушы {} дауыс айырмасын жеңе алмайды: онда не болса да, \
                     көшбасшы алда қалады",
                    group(v.0),
                    group(lead.0)
                ),
                (Some(v), true) => format!(
                    "{whose} учаскелерінің тізіміндегі {} сайлаушы {} дауыс айырмасын жеңе алады",
                    group(v.0),
                    group(lead.0)
                ),
                (None, _) => format!(
                    "{whose} учаскелерінің сайлаушылары тізілімде толық емес: олар {} дауыс айырмасын жеңе алады",
                    group(lead.0)
                ),
            }
        }
        NoneCounted { precincts } => {
            let why = match precincts {
                0 => "тізілімде округтің бірде-бір учаскесі жоқ".to_string(),
                n => format!("барлық {n} учаскенің нәтижелері жарамсыз деп танылды"),
            };
            format!("бірде-бір хаттама есепке алынбады ({why}): дауыстар белгісіз, шешім шығаруға негіз жоқ")
        }
        LowTurnout { turnout, min } => {
            format!("қатысу {} ең төменгі {} деңгейден аз", percent(turnout.percent()), percent(min.to_string()))
        }
        TurnoutUnknown { min, base } => format!(
            "ереже бойынша қатысу {} болуы керек, бірақ тізімдегі сайлаушылар саны немесе «{}» белгісіз",
            percent(min.to_string()),
            line(*base)
        ),
        ShareUnknown { min } => format!(
            "ереже бойынша жалғыз кандидат {} алуы керек, бірақ жарамды дауыстар саны белгісіз: есепке алынған \
             хаттамада «Бәріне қарсымын» жолы жоқ",
            percent(min.to_string())
        ),
        AgainstAllUnknown => "ереже бойынша «Бәріне қарсымын» кез келген кандидаттан көп дауыс алса, қайта сайлау \
                              тағайындалады, бірақ оның жиыны белгісіз: есепке алынған хаттамада бұл жол жоқ"
            .to_string(),
        LowSoleShare { name, share, min } => format!(
            "жалғыз кандидат {name} {} алды, бұл ең төменгі {} деңгейден аз",
            share.map_or("бірде-бір жарамды дауыс".to_string(), |r| percent(r.percent())),
            percent(min.to_string())
        ),
        AgainstAllLeads { votes, top, outcome } => {
            let what = match outcome {
                AgainstAllOutcome::LawElectsTop => {
                    "бұл нәтижені шешпейді: ең көп дауыс алған кандидат сайланды деп саналады (113-10-баптың 2-тармағы)"
                }
                AgainstAllOutcome::RulesElectTop => "ереже бойынша ең көп дауыс алған кандидат сайланады",
                AgainstAllOutcome::RepeatElection => "ереже бойынша қайта сайлау тағайындалады",
            };
            format!(
                "«Бәріне қарсымын» — {} дауыс, кез келген кандидаттан ({}) көп; {what}",
                group(votes.0),
                group(top.0)
            )
        }
        LotWithoutTie { candidate } => {
            format!("{candidate} пайдасына жеребе жазылған, бірақ дауыстар тең емес; ол қолданылмайды")
        }
        LotNotAmongTied { candidate } => {
            format!("жазылған жеребе {candidate} кандидатын атайды, ал ол тең дауыс алғандардың арасында жоқ")
        }
        Tied { names, votes, outcome } => {
            let what = match outcome {
                TieOutcome::Lot(name) => format!("{name} комиссия өткізген жеребе бойынша сайланды"),
                TieOutcome::AwaitingLot => "комиссия жеребе өткізгенше жеңімпаз жоқ".to_string(),
                TieOutcome::Repeat(Some(law)) => format!(
                    "аумақтық комиссия бір ай ішінде сол учаскелерде және сол сайлаушылар тізімдері бойынша {} \
                     тағайындайды ({}); заңда жеребе көзделмеген",
                    repeat_words(Some(*law)),
                    article(law.tie_article())
                ),
                TieOutcome::Repeat(None) => "ереже бойынша қайта сайлау тағайындалады".to_string(),
            };
            format!("{} бірдей, {} дауыстан алды; {what}", names.join(", "), group(votes.0))
        }
        DeclaredInvalid { grounds, law } => {
            let grounds = grounds.as_ref().map_or(String::new(), |g| format!(" (негізі: {g})"));
            let article = match law {
                Some(Law::Kz2026) => " (113-11-баптың 2-тармағы; 113-9-бап)",
                Some(_) => " (113-11-баптың 2-тармағы; 113-9-баптың 1-тармағы)",
                None => "",
            };
            format!(
                "аумақтық комиссия сайлауды жарамсыз деп таныды{grounds}: ол {} тағайындайды{article}",
                repeat_words(*law)
            )
        }
        AsRead(text) => text.clone(),
    }
}

/// `Art. 113-9 p.2` as Kazakh writes it: `113-9-баптың 2-тармағы`.
fn article(en: &str) -> String {
    let rest = en.trim_start_matches("Art. ");
    match rest.split_once(" p.") {
        Some((art, point)) => format!("{art}-баптың {point}-тармағы"),
        None => format!("{rest}-бап"),
    }
}

fn repeat_words(law: Option<Law>) -> &'static str {
    match law.map(Law::repeat) {
        Some(Repeat::Voting) => "қайта дауыс беру",
        _ => "қайта сайлау",
    }
}

/// Every setting of a rule set in words, for a person.
pub fn rules(r: &RuleSet) -> String {
    let pct = |p: Option<Percent>| p.map_or("жоқ".to_string(), |p| percent(p.to_string()));
    let against = match r.against_all_outpolls {
        AgainstAllPolicy::ElectTop => "ең көп дауыс алған кандидат сайланады",
        AgainstAllPolicy::RepeatElection => "қайта сайлау",
    };
    let tie = match r.tie {
        TiePolicy::Lot => "комиссияның жеребесі",
        TiePolicy::RepeatElection => "қайта сайлау",
    };
    let law = r.law.as_ref().map_or(String::new(), |l| format!(" заң: {} ·", law_in_force(l)));
    let required: Vec<String> = r.required_lines.iter().map(|l| format!("«{}»", line(*l))).collect();
    let required = if required.is_empty() {
        "кандидаттарға берілген дауыстар".to_string()
    } else {
        format!("{}, кандидаттарға берілген дауыстар", required.join(", "))
    };
    format!(
        "{}:{law} ең төменгі қатысу {} · «Бәріне қарсымын» бәрінен алда болса: {against} · жалғыз кандидаттың ең \
         төменгі үлесі {} · дауыстар тең болса: {tie} · міндетті: {required} · қатысу «{}» бойынша",
        r.name,
        pct(r.min_turnout_percent),
        pct(r.sole_candidate_min_share_percent),
        line(r.turnout_base.line()),
    )
}

fn law_in_force(l: &LawInForce) -> String {
    let why = match &l.election_date {
        Some(d) => format!("{d} сайлау күні қолданыста"),
        None => "соңғы редакция: сайлау күні (--election-date) көрсетілмеген".to_string(),
    };
    let from = match &l.in_force_from {
        Some(d) => format!("{d} бастап"),
        None => "жарияланғаннан кейін он күннен соң күшіне енді".to_string(),
    };
    let act = match l.act.split_once(" of ") {
        Some((number, date)) => format!("{date} жылғы № {number}"),
        None => format!("№ {}", l.act),
    };
    format!("{} ({act}, {from}), {why}", l.version.key())
}

/// What a code means, in one line.
pub fn title(code: Code) -> &'static str {
    use Code::*;
    match code {
        FileUnreadable => "файл оқылмайды",
        NotText => "файл кітап та емес, қолдау көрсетілетін кодтаудағы мәтін де емес",
        EmptyFile => "файл бос немесе тақырып жолы жоқ",
        NoDelimiter => "тақырып жолында бөлгіш табылмады",
        MalformedCsv => "файл дұрыс CSV емес (мысалы, тырнақша жабылмаған)",
        MissingColumn => "міндетті баған жоқ",
        UnknownColumn => "тақырып хаттама жолы да, тіркелген кандидат та емес",
        DuplicateColumn => "екі баған бір мағынада",
        RaggedRow => "жолдағы мәндер саны тақырыптағыдан өзгеше",
        BlankId => "жолда учаске нөмірі жоқ",
        FieldTooLarge => "ұяшық хаттаманың кез келген ұяшығынан үлкен",
        TooManyColumns => "жолда қорытындылар кестесіндегіден көп баған бар",
        NoRows => "тақырып бар, бірақ сандар жолдары жоқ",
        FiguresAboveHeader => "тақырып үстіндегі жолда учаске сандары бар",
        TooManyProblems => "файлда қате тым көп, қалғандары тізілмеген",
        NotWholeNumber => "сан бүтін емес",
        NegativeNumber => "сан теріс",
        NumberTooLarge => "сан тым үлкен",
        SumOverflow => "жиын санауға сыймайды",
        WordsUnreadable => "жазбаша сан оқылмайды",
        WordsDisagree => "сан жазбаша жазуымен сәйкес келмейді",
        UnknownPrecinct => "учаске тізілімде жоқ",
        WrongDistrict => "учаске өз округінде көрсетілмеген",
        UnregisteredCandidate => "учаске округінде тіркелмеген кандидатқа дауыс",
        ConflictingCopies => "учаске әртүрлі сандармен бірнеше рет берілген",
        UnknownDistrict => "округ тізілімде жоқ",
        MissingVotes => "тіркелген кандидатқа дауыстар көрсетілмеген",
        MissingLine => "хаттамада ереже талап ететін жол жоқ",
        ZeroProtocol => "бюллетень берілмеген, нөлдерден тұратын хаттама",
        RosterDuplicatePrecinct => "тізілім: учаске (немесе округ) екі рет көрсетілген",
        RosterUnknownDistrict => "тізілім: учаске немесе кандидат тізілімде жоқ округте",
        RosterNoCandidates => "тізілім: округтің кандидаттары жоқ",
        RosterDuplicateCandidate => "тізілім: кандидаттың идентификаторы не аты бір округте екі рет",
        RosterDistrictName => "тізілім: бір округтің екі атауы бар",
        RosterBlankField => "тізілім: міндетті өріс бос",
        RosterNoPrecincts => "тізілім: округтің учаскелері жоқ",
        RosterCandidateLikeALine => "тізілім: кандидат хаттама жолы немесе учаске жиынтық жол сияқты аталған",
        RosterTwinIds => "тізілім: екі идентификатор бірдей көрінеді, бірақ әртүрлі",
        IssuedOverList => "берілген бюллетеньдер тізімдегі сайлаушылардан көп",
        ReceivedBalance => "алынған ≠ берілген + жойылған + жоғалған − есепке алынбаған",
        BoxBalance => "жәшіктегі ≠ жарамсыз + жарамды",
        ValidBalance => "жарамды ≠ «Бәріне қарсымын» + кандидаттарға дауыстар",
        BoxVotesBalance => "жәшіктегі ≠ жарамсыз + «Бәріне қарсымын» + дауыстар",
        BoxOverIssued => "жәшіктерде берілгеннен көп бюллетень",
        VotesOverIssued => "дауыстар берілген бюллетеньдерден көп",
        PartsBalance => "жолдың бөліктері бүтінге қосылмайды",
        PortableOverRequests => "жылжымалы жәшіктерде жазбаша өтініштерден көп бюллетень",
        TitleRows => "тақырып үстіндегі жолдар атау ретінде өткізілді",
        TotalsDisagree => "қорытынды жол үстіндегі жолдармен сәйкес келмейді",
        DamagedLetters => "ескі кодтауда сақтағанда әріптер жоғалған",
        TooManyWarnings => "ескерту тым көп, қалғандары тізілмеген",
        DuplicateCopy => "учаске бірдей екі рет берілген; бір рет есептелді",
        OtherDistrictZero => "басқа округ кандидатына нөл; есептелмеді",
        RosterMixedScript => "тізілім: кандидат атында латын және кирилл әріптері аралас",
        RosterLookalikes => "тізілім: екі кандидат тек ұқсас әріптермен ерекшеленеді",
        RosterFewCandidates => "тізілім: округте екіден аз кандидат",
        RosterBlankNomination => "тізілім: кандидатты кім ұсынғаны көрсетілмеген",
        BoxUnderIssued => "жәшіктерде берілгеннен аз бюллетень",
        VotesUnderIssued => "дауыстар берілген бюллетеньдерден аз",
        ReceivedOverReserve => "алынған бюллетеньдер тізім мен 1% резервтен көп",
    }
}
