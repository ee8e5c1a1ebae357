//! The messages in Kazakh: every finding and notice, from its code and values. Protocol lines are named as the
//! protocol names them, figures are written with thousands apart. Table-driven: one arm per kind of message.

use crate::check::{
    BadNumber, Code, Detail, IoKind, IoTrouble, LabelTrouble, Named, NotText, VotesSum, WorkbookTrouble,
};
use crate::decide::{AgainstAllOutcome, AnnulBasis, NoticeDetail, TieOutcome};
use crate::model::Line;
use crate::model::unseen::{CharKind, Unseen};
use crate::rules::{AgainstAllPolicy, Law, LawInForce, Percent, Repeat, RuleSet, TiePolicy};

use super::{group, percent, signed, suggested};

const SAVE_AS: &str = "кестені «CSV UTF-8» (Excel) немесе UTF-8 кодтауымен «Текст CSV» (LibreOffice) ретінде сақтаңыз \
                       не --encoding көрсетіңіз";

/// A protocol line as the protocol names it.
pub fn line(l: Line) -> &'static str {
    match l {
        Line::VotersOnList => "Учаскедегі сайлаушылардың жалпы саны",
        Line::BallotsReceived => "Учаскелік сайлау комиссиясы алған бюллетеньдер саны",
        Line::BallotsIssued => "Бюллетеньдер алған сайлаушылар саны",
        Line::BallotsIssuedEarly => "Мерзімінен бұрын берілген бюллетеньдер саны",
        Line::BallotsIssuedInPremises => "Дауыс беру үй-жайында берілген бюллетеньдер саны",
        Line::BallotsIssuedOutside => "Дауыс беру үй-жайынан тыс жерде берілген бюллетеньдер саны",
        Line::BallotsCancelled => "Жойылған бюллетеньдер саны",
        Line::BallotsInBox => "Дауыс беруге қатысқан сайлаушылардың жалпы саны",
        Line::BallotsInPortableBoxes => "Жылжымалы жәшіктердегі бюллетеньдер саны",
        Line::BallotsInStationaryBoxes => "Стационарлық жәшіктердегі бюллетеньдер саны",
        Line::BallotsInvalid => "Жарамсыз деп танылған бюллетеньдер саны",
        Line::BallotsValid => "Жарамды бюллетеньдер саны",
        Line::BallotsLost => "Жоғалған бюллетеньдер саны",
        Line::BallotsUnaccounted => "Алу кезінде есепке алынбаған бюллетеньдер саны",
        Line::AgainstAll => "Бәріне қарсымын",
        Line::OutsideRequests => "Үй-жайдан тыс жерде дауыс беру туралы жазбаша өтініштер саны",
        Line::VotersWithAbsenteeCertificates => "Сырттай куәліктер бойынша дауыс берген сайлаушылар саны",
    }
}

/// A finding's message.
pub fn finding(code: Code, d: &Detail) -> String {
    use Detail::*;
    match d {
        CannotRead { trouble } => format!("файл оқылмайды: {}", io(trouble)),
        NoThread { reason } => format!("файлды оқу үшін ағын іске қосылмады: {reason}"),
        Detail::NotText(t) => not_text(t),
        WorkbookUnreadable { trouble, kind } => {
            format!("{} (мазмұны бойынша бұл — {})", workbook(trouble), workbook_kind(kind))
        }
        LineTooLong { mib } => format!(
            "жол {mib} мебибайттан ұзын, ал хаттама жолы мұндай ұзын болмайды: тырнақша ашық қалған жоқ па, бұл кесте ме?"
        ),
        RosterTooLarge { mib, limit_mib } => format!(
            "файлда {mib} мебибайт мәтін бар, бұл тізілімде болатын көлемнен көп ({limit_mib} мебибайт; бүкіл \
             елдің тізілімі шамамен 100 мебибайт): бұл тізілім файлы ма?"
        ),
        OnlyBlankRows => "файлда тақырып жолы жоқ, тек бос жолдар бар".into(),
        Empty => "файл бос: тақырып жолы мен сандар жолдары керек".into(),
        NoDelimiter => {
            "тақырып жолында үтір де, нүктелі үтір де, табуляция да жоқ: бұл тақырыбы бар CSV файлы ма?".into()
        }
        DelimitersTie { first, second } => format!(
            "тақырып жолында «{}» мен «{}» белгілері бірдей: бағандарды қайсысы бөлетіні белгісіз",
            delimiter(*first),
            delimiter(*second)
        ),
        TooManyColumns { columns, limit } => format!(
            "жолда {} баған бар, ал қорытындылар кестесінде баған саны {} шегінен аспайды",
            group(*columns),
            group(*limit)
        ),
        FieldTooLarge { bytes, limit } => format!(
            "ұяшықта {} байт бар, ал хаттама ұяшығының шегі {} байт (тырнақша ашық қалған жоқ па?)",
            group(*bytes),
            group(*limit)
        ),
        QuoteLeftOpen => {
            "тырнақша жабылмаған: тырнақшадағы мән сол жолда аяқталуы керек (ішінде жол ауысуы бар ұяшық, \
                          Excel-дегі Alt+Enter, бір жолға жазылуы керек), ал ішіндегі тырнақша екі рет жазылады (\"\")"
                .into()
        }
        LineBreakInCell { opened_at } => format!(
            "бұл жол {opened_at}-жолда ашылған тырнақшадағы ұяшықты аяқтайды: ұяшықтың ішінде жол ауысуы бар \
             (Excel-дегі Alt+Enter); ұяшықты бір жолға жазып, файлды қайта сақтаңыз"
        ),
        TitleRows { header_line, rows } => {
            let shown: Vec<String> = rows.iter().map(|(l, t)| format!("{l}-жол «{t}»")).collect();
            format!("кесте тақырыбының үстіндегі атау ретінде өткізілді ({header_line}-жол): {}", shown.join(", "))
        }
        DamagedLetters { cell, others, encoding } => format!(
            "«{cell}» және тағы {others} ұяшықта сөз ішінде «?» немесе «_» тұр: {encoding} кодтауында сақтағанда \
             онда жоқ әріптер жоғалған (ә ғ қ ң ө ұ ү һ). Кестені «CSV UTF-8» ретінде сақтаңыз (Excel: Файл › \
             Басқаша сақтау › CSV UTF-8; LibreOffice: Текст CSV, UTF-8 кодтауы) немесе .xlsx файлының өзін беріңіз. \
             Әріптері жоғалған атаулар кандидаттармен салыстырылмайды."
        ),
        NoRows => "файлда тақырып бар, бірақ сандар жолдары жоқ: файл сол ма, әлде бос үлгі ме?".into(),
        WordsWithoutFigure { header } => format!(
            "«{header}» бағаны санды жазбаша береді, бірақ санның өз бағаны жоқ: онда хаттама жолын атаңыз немесе \
             оны сан бағанынан кейін қойыңыз"
        ),
        DuplicateColumn { header, first_column, first_header } => format!(
            "«{header}» бағаны {first_column}-бағанмен («{first_header}») бірдей мағынада: әр хаттама жолы мен әр \
             кандидаттың бір ғана бағаны болуы керек"
        ),
        NoPlaceInLong { header } => format!(
            "«{header}» бағанына «ұзынынан» жазылған файлда орын жоқ (учаске, жол, мән және қаласаңыз округ): әр \
             хаттама жолы мен кандидатты жолдар бағанына жазыңыз немесе {}",
            ignore_hint(header)
        ),
        UnknownColumn { header, trouble, suggestion } => format!(
            "«{header}» бағаны{} — хаттама жолы да, тіркелген кандидат та емес; {}{}",
            label_trouble(*trouble),
            suggestion.as_ref().map_or(String::new(), |s| format!("{} болуы мүмкін бе? Әйтпесе ", suggested(s, line))),
            ignore_hint(header)
        ),
        NoPrecinctColumn { header } => {
            format!("учаске нөмірінің бағаны жоқ («Учаске», «№ участка», precinct_id); тақырып: {header}")
        }
        LongLacks { lacks_item } => {
            let (has, lacks) = if *lacks_item {
                ("мәндер бағаны", "жолдар бағаны")
            } else {
                ("жолдар бағаны", "мәндер бағаны")
            };
            format!("тақырыпта {has} бар, бірақ {lacks} жоқ: «ұзынынан» жазылған файлға учаске, жол және мән керек")
        }
        CellWithoutHeader { cell } => {
            format!("«{cell}» тақырыбы жоқ бағанда тұр: бағанды атаңыз немесе ұяшықты тазалаңыз")
        }
        RaggedRow { fields, width } => format!("жолда {fields} мән бар, ал тақырыпта {width}"),
        BlankPrecinct => "учаске нөмірі бос: әр жолда учаске көрсетілуі керек".into(),
        BlankItem => "хаттама жолы көрсетілмеген: хаттама жолын немесе кандидатты атаңыз".into(),
        FiguresAboveHeader { header_line, precinct } => format!(
            "тақырыптың ({header_line}-жол) үстіндегі бұл жолда {precinct} учаскесінің сандары бар: сандар жолдары \
             тақырыптың астында болады; оны сонда көшіріңіз, ал артық көшірме болса жойыңыз"
        ),
        TotalsDisagree { label, said, what, sum } => format!(
            "«{label}» қорытынды жолы «{what}» үшін {} береді, ал оның үстіндегі жолдардың қосындысы {}; \
             жолдар есептеледі — оларды және қорытындыны тексеріңіз",
            group(said.0),
            group(*sum)
        ),
        TooMany { listed, more } => format!(
            "бұл файл бойынша {} {} көрсетілді, тағы {} көрсетілмеді: файл сол ма, тақырыбы дұрыс па?",
            group(*listed),
            if code == Code::TooManyWarnings { "ескерту" } else { "қате" },
            group(*more)
        ),

        BadFigure { what, number } => format!("{}: {}", named(what), bad_number(number)),
        WordsUnreadable { words, figure } => format!(
            "«{words}» жазбаша сан ретінде (қазақша не орысша) оқылмайды, сондықтан {} санымен салыстыру мүмкін \
             емес; оны хаттамадағыдай жазыңыз, мысалы «үш жүз елу» немесе «триста пятьдесят»",
            group(figure.0)
        ),
        WordsDisagree { figure, words, in_words, column } => format!(
            "{} саны {column}-бағандағы «{words}» жазбаша жазуымен ({}) сәйкес келмейді: хаттамамен салыстырып, \
             қатесін түзетіңіз",
            group(figure.0),
            group(*in_words)
        ),
        SumOverflow { district } => format!(
            "осы санмен {district} округінің жиыны есептеуге тым үлкен болады: хаттамаларда мүмкін емес сандар бар"
        ),

        UnknownPrecinct { precinct, suggestion: Some(s), unseen: Some(u), long } => format!(
            "«{precinct}» учаскесі тізілімде жоқ: ол «{s}» сияқты көрінеді, бірақ {}; идентификаторды тізілімдегідей \
             қайта теріңіз{}",
            unseen(u, s),
            if *long {
                "; оның бұл файлдағы жолдары есепке алынбайды"
            } else {
                "; жол есепке алынбайды"
            }
        ),
        UnknownPrecinct { precinct, suggestion, long, .. } => format!(
            "«{precinct}» учаскесі тізілімде жоқ{}{}",
            suggestion.as_ref().map_or(String::new(), |s| format!(" («{s}» болуы мүмкін бе?)")),
            if *long {
                "; оның бұл файлдағы жолдары есепке алынбайды"
            } else {
                "; жол есепке алынбайды"
            }
        ),
        WrongDistrict { precinct, claimed, district } => format!(
            "{precinct} учаскесі {claimed} округінде көрсетілген, ал тізілім бойынша ол {district} округіне жатады"
        ),
        UnknownDistrict { claimed, precinct, district, zeros_dropped: true, .. } => format!(
            "«{claimed}» округі тізілімде жоқ: {precinct} учаскесі {district} округіне жатады, яғни алдында нөлдері \
             бар «{claimed}» округіне, кесте оларды саннан алып тастайды; округті тізілімдегідей теріңіз (Excel-де \
             мәтін ретінде)"
        ),
        UnknownDistrict { claimed, precinct, district, unseen: Some(u), .. } => format!(
            "«{claimed}» округі тізілімде жоқ: ол {precinct} учаскесінің «{district}» округі сияқты көрінеді, бірақ \
             {}; идентификаторды тізілімдегідей қайта теріңіз",
            unseen(u, district)
        ),
        UnknownDistrict { claimed, precinct, district, unseen: None, .. } => {
            format!("«{claimed}» округі тізілімде жоқ ({precinct} учаскесі {district} округіне жатады)")
        }
        UnregisteredCandidate { label, cell, district, precinct, suggestion } => format!(
            "«{label}» = {cell}, бірақ мұндай кандидат {precinct} учаскесінің {district} округінде тіркелмеген{}",
            did_you_mean(suggestion)
        ),
        UnknownItem { item, trouble, district, suggestion } => format!(
            "«{item}»{} — хаттама жолы да, {district} округінде тіркелген кандидат та емес{}",
            label_trouble(*trouble),
            did_you_mean(suggestion)
        ),
        OtherDistrictZero { label, district, precinct } => format!(
            "«{label}» үшін 0 жазылған, бірақ ол {precinct} учаскесінің {district} округіндегі кандидат емес; \
             ұяшықты бос қалдырыңыз"
        ),
        ConflictingCopies { precinct, differences } => {
            let figure = |v: &Option<crate::model::Count>| v.map_or("бос".to_string(), |v| group(v.0));
            let said: Vec<String> = differences
                .iter()
                .map(|x| {
                    format!(
                        "«{}»: {} ({}), бірақ {} ({})",
                        named(&x.item),
                        figure(&x.first.0),
                        x.first.1,
                        figure(&x.other.0),
                        x.other.1
                    )
                })
                .collect();
            format!("{precinct} учаскесі әртүрлі сандармен бірнеше рет берілген: {}", said.join("; "))
        }
        DuplicateCopy { precinct, first_at } => {
            format!("{precinct} учаскесі сол сандармен тағы берілген (алғаш рет: {first_at}); бір рет есептеледі")
        }
        MissingVotes { precinct, candidate_id, candidate_name } => format!(
            "{precinct} учаскесі бойынша {candidate_name} ({candidate_id}) кандидатына берілген дауыстар жоқ; \
             дауыс болмаса, 0 жазыңыз"
        ),
        MissingLine { precinct, line: l, no_column: false } => format!(
            "{precinct} учаскесінің хаттамасында әр хаттамада болуы тиіс «{}» жолы жоқ; оны жазыңыз (жоқ болса, 0)",
            line(*l)
        ),
        MissingLine { precinct, line: l, no_column: true } => format!(
            "{precinct} учаскесінің хаттамасында әр хаттамада болуы тиіс «{}» жолы жоқ: файлда мұндай баған жоқ; \
             бағанды қосып, әр учаске үшін толтырыңыз",
            line(*l)
        ),
        ZeroProtocol { precinct } => format!(
            "{precinct} учаскесінің хаттамасы тек нөлдерден тұрады, бюллетень берілмеген: хаттама әлі түспесе, \
             жолды бос қалдырыңыз; әйтпесе оның сандарын жазыңыз"
        ),
        MissingColumns { missing, required } => {
            format!("{} бағаны жоқ; тақырыпта мына бағандар болуы керек: {}", missing.join(", "), required.join(", "))
        }
        BlankField { field } => format!("{field} өрісі бос"),
        BlankNomination => {
            "nominated_by өрісі бос: кандидат қалай ұсынылса, солай партияны немесе «өзін-өзі ұсынған» деп жазыңыз"
                .into()
        }
        DistrictTwice { district, line } => format!("{district} округі екі рет көрсетілген (тағы {line}-жолда)"),
        PrecinctTwice { precinct, first_line } => {
            format!("{precinct} учаскесі екі рет көрсетілген (алғаш рет {first_line}-жолда)")
        }
        PrecinctInUnlistedDistrict { precinct, district } => {
            format!("{precinct} учаскесі districts.csv файлында жоқ {district} округіне жатады")
        }
        CandidateInUnlistedDistrict { candidate, district } => {
            format!("{candidate} кандидаты тізілімде учаскелері жоқ {district} округінде тіркелген")
        }
        DistrictNamedTwice { district, here, there, file, line } => {
            format!("{district} округі мұнда «{here}» деп, ал {file}:{line} ішінде «{there}» деп аталған")
        }
        DistrictWithoutCandidates { district, name, file } => {
            format!("{district} ({name}) округінің {file} ішінде кандидаттары жоқ")
        }
        DistrictWithoutPrecincts { district, name, file } => {
            format!("{district} ({name}) округінің {file} ішінде учаскелері жоқ")
        }
        CandidateLikeALine { name } => format!(
            "«{name}» кандидаты хаттама жолы немесе қорытындылар бағаны сияқты аталған: хаттамаларда оларды ажырату \
             мүмкін болмас еді; кандидатты өз аты-жөнімен және идентификаторымен тіркеңіз"
        ),
        PrecinctLikeATotal { precinct } => format!(
            "«{precinct}» учаскесі жиынтық жол сияқты аталған («Итого», «Барлығы», \"Total\"): нәтижелердегі жиынтық \
             жол оның хаттамасы деп оқылар еді; учаскеге идентификатор ретінде оның нөмірін беріңіз"
        ),
        TwinIds { district, id, other, other_line, unseen: u } => format!(
            "{} идентификаторы «{id}» {other_line}-жолдағы «{other}» сияқты көрінеді, бірақ {}: оларды көзбен ажырату \
             мүмкін емес; біреуін қайта теріңіз",
            if *district { "округ" } else { "учаске" },
            unseen(u, other)
        ),
        CandidateTwice { by_name, said, district, line } => format!(
            "{district} округіндегі «{said}» кандидатының {} қалыпқа келтіргенде {line}-жолдағы идентификатормен \
             немесе атпен бірдей",
            if *by_name { "аты" } else { "идентификаторы" }
        ),
        MixedScript { name, district } => format!(
            "{district} округіндегі «{name}» кандидатының атында латын және кирилл әріптері аралас (мысалы, латынның \
             A, O, C, E, K, P, T немесе X әріптері); хаттамаларда ол дәл солай жазылуы керек"
        ),
        Lookalikes { first, second, district } => format!(
            "{district} округінің {} «{}» және {} «{}» кандидаттары тек ұқсас әріптермен немесе бос орындармен \
             ерекшеленеді; тізілімді тексеріп, хаттамаларда оларды идентификатормен көрсетіңіз",
            first.0, first.1, second.0, second.1
        ),
        FewCandidates { district, candidates } => format!(
            "{district} округінде тіркелген кандидаттар саны: {candidates}; екіден аз болса, аумақтық комиссия \
             сайлауды 15 күнге дейінгі мерзімге шегереді (113-7-бап); тізілімді тексеріңіз"
        ),

        PartsBalance { whole, value, parts, sum, all } => format!(
            "«{}» = {}, бірақ оның бөліктерінің ({}) қосындысы {}{}",
            line(*whole),
            group(value.0),
            parts.iter().map(|l| format!("«{}»", line(*l))).collect::<Vec<_>>().join(" + "),
            group(*sum),
            if *all { "" } else { ", бүтіннен көп" }
        ),
        PortableOverRequests { ballots, requests } => format!(
            "жылжымалы жәшіктерде {} бюллетень бар, ал үй-жайдан тыс жерде дауыс беру туралы жазбаша өтініштер тек \
             {}: заң бойынша ол жәшіктің барлық бюллетені жарамсыз деп танылады, акт жасалады (43-баптың 3-1-тармағы); \
             хаттама мен актіні тексеріңіз",
            group(ballots.0),
            group(requests.0)
        ),
        ReceivedOverReserve { received, voters, reserve } => format!(
            "тізімдегі {} сайлаушыға {} бюллетень алынған: тізім мен 1% резервтен ({}) көп; санды тексеріңіз",
            group(voters.0),
            group(received.0),
            group(*reserve)
        ),
        IssuedOverList { issued, voters, from_roster } => format!(
            "{} бюллетень берілген, ал тізімдегі сайлаушылар {}{}: қатысу 100%-дан жоғары",
            group(issued.0),
            group(voters.0),
            if *from_roster { " (тізілім бойынша)" } else { "" }
        ),
        ReceivedBalance { received, issued, cancelled, lost, unaccounted, sum } => format!(
            "{} бюллетень алынған, ал берілген {} + жойылған {} + жоғалған {} − есепке алынбаған {} = {}",
            group(received.0),
            group(issued.0),
            group(cancelled.0),
            group(*lost),
            group(*unaccounted),
            signed(*sum)
        ),
        BoxBalance { in_box, invalid, valid, sum } => format!(
            "жәшіктерде {} бюллетень, ал жарамсыз {} + жарамды {} = {}",
            group(in_box.0),
            group(invalid.0),
            group(valid.0),
            group(*sum)
        ),
        ValidBalance { valid, votes, sum } => {
            format!("жарамды бюллетеньдер {}, ал {} = {}", group(valid.0), votes_words(*votes), group(*sum))
        }
        BoxVotesBalance { in_box, invalid, votes, sum } => format!(
            "жәшіктерде {} бюллетень, ал жарамсыз {} + {} = {}",
            group(in_box.0),
            group(invalid.0),
            votes_words(*votes),
            group(*sum)
        ),
        BoxAgainstIssued { in_box, issued } if code == Code::BoxUnderIssued => {
            format!("жәшіктерде {} бюллетень, берілгені {}", group(in_box.0), group(issued.0))
        }
        BoxAgainstIssued { in_box, issued } => {
            format!("жәшіктерде {} бюллетень, ал берілгені тек {}", group(in_box.0), group(issued.0))
        }
        VotesAgainstIssued { votes, sum, issued } => format!(
            "{} = {}, берілген бюллетеньдерден ({}) {}",
            votes_words(*votes),
            group(*sum),
            group(issued.0),
            if code == Code::VotesUnderIssued { "аз" } else { "көп" }
        ),
    }
}

/// Why a file cannot be read or written, in plain words.
pub fn io(t: &IoTrouble) -> String {
    match t.kind {
        IoKind::NotFound => "ол жоқ (атауы мен қалтасын тексеріңіз)".into(),
        IoKind::NoPermission => "оқуға рұқсат жоқ (рұқсат сұраңыз немесе файлды өз қалтаңызға көшіріңіз)".into(),
        IoKind::InUse => "ол басқа бағдарламада ашық (оны, мысалы, Excel-де жауып, қайта іске қосыңыз)".into(),
        IoKind::NotAFile => "бұл файл емес (қалта, арна немесе құрылғы): файлдың өзін көрсетіңіз".into(),
        IoKind::Other => format!("жүйе қатесі ({})", t.text),
    }
}

fn not_text(t: &NotText) -> String {
    match t {
        NotText::Invalid { encoding, offset, line, stray_byte: false } => {
            format!("файл {encoding} кодтауында емес: {offset}-байт ({line}-жол); {SAVE_AS}")
        }
        NotText::Invalid { encoding, offset, line, stray_byte: true } => format!(
            "файл {encoding} кодтауында емес: {offset}-байт ({line}-жол); файлдың қалғаны UTF-8, ал бұл байт емес \
             (басқа жерден қойылған таңба немесе әріптің ортасында үзілген файл). Сол ұяшықты қайта теріп, кестені \
             қайтадан «CSV UTF-8» ретінде сақтаңыз"
        ),
        NotText::NulCharacter { at: None } => "файлда кесте емес, екілік деректер бар (NUL таңбасы)".to_string(),
        NotText::NulCharacter { at: Some(at) } => {
            format!("файлда кесте емес, екілік деректер бар ({at}-байттағы NUL таңбасы)")
        }
        NotText::NulByte { at } => format!("файлда кесте емес, екілік деректер бар ({at}-байт нөлге тең)"),
        NotText::Unsupported { guess } => format!(
            "файл UTF-8 емес және {guess} кодтауына ұқсайды, ол кирилл кодтауы емес; солай болса, --encoding {guess} \
             көрсетіңіз, әйтпесе кестені «CSV UTF-8» ретінде сақтаңыз"
        ),
    }
}

fn workbook_kind(kind: &str) -> &'static str {
    match kind {
        k if k.contains(".xlsx") => ".xlsx кітабы",
        k if k.contains(".xls") => ".xls кітабы",
        k if k.contains(".ods") => ".ods кітабы",
        _ => "кітап",
    }
}

fn workbook(t: &WorkbookTrouble) -> String {
    match t {
        WorkbookTrouble::SectorLoop(at) => {
            format!("кітап зақымдалған: оның секторлар тізбегі {at}-секторда тұйықталады")
        }
        WorkbookTrouble::SharedStrings { declared, bytes } => format!(
            "кітап зақымдалған: онда {} байтта {} жол жарияланған; оны Excel немесе LibreOffice арқылы қайта сақтаңыз",
            group(*bytes),
            group(*declared)
        ),
        WorkbookTrouble::TooManyCells { cells, limit } => format!(
            "кітап парақтары бірінші ұяшығынан соңғысына дейін {} ұяшықты алады (кестеден алыс ұяшық немесе \
             қайталанған жолдар мен бағандар) — бұл нәтижелер парағынан әлдеқайда көп (осы көлемдегі файлға ең көбі {}): кестенің астындағы және жанындағы жолдар мен \
             бағандарды жойып, қайта сақтаңыз немесе парақты CSV ретінде экспорттаңыз",
            group(*cells),
            group(*limit)
        ),
        WorkbookTrouble::SheetNotClosed => {
            "кітап зақымдалған: оның мазмұны парақтың ортасында бітеді; оны LibreOffice немесе Excel арқылы қайта \
             сақтаңыз"
                .to_string()
        }
        WorkbookTrouble::ReaderFailed => "кітап зақымдалған: оны оқу мүмкін болмады".to_string(),
        WorkbookTrouble::Encrypted => {
            "кітап құпиясөзбен қорғалған: оны ашып, құпиясөзді алып тастаңыз (Файл › Мәліметтер › Кітапты қорғау) \
             және сақтаңыз"
                .to_string()
        }
        WorkbookTrouble::CutShort => {
            "кітап толық емес (толық көшірілмеген не жүктелмеген): оны қайта көшіріңіз не жүктеңіз".to_string()
        }
        WorkbookTrouble::CannotOpen(reason) => format!("кітап ашылмайды ({reason})"),
        WorkbookTrouble::NoSuchSheet { wanted, sheets } => {
            format!("кітапта «{wanted}» парағы жоқ; оның парақтары: {}", sheets.join(", "))
        }
        WorkbookTrouble::NoVisibleSheet => "кітапта көрінетін парақ жоқ; парақты --sheet арқылы атаңыз".to_string(),
        WorkbookTrouble::CannotReadSheet { sheet, reason } => format!("«{sheet}» парағы оқылмайды ({reason})"),
        WorkbookTrouble::FarColumn { row, column, limit } => format!(
            "{row}-жолда {column}-бағандағы ұяшық толтырылған, бұл кез келген қорытындылар кестесінен алыс ({limit} \
             бағаннан аспайды): оң жақтағы алыс ұяшықтарды тазалаңыз"
        ),
    }
}

fn bad_number(n: &BadNumber) -> String {
    match n {
        BadNumber::TooLarge(s) => format!("«{s}» санау үшін тым үлкен"),
        BadNumber::Negative(s) => format!("«{s}» теріс сан; сан бүтін, 0 немесе одан көп болуы керек"),
        BadNumber::Ambiguous(s) => format!(
            "«{s}» екіұшты: үтір мыңдықтарды бөле ме, әлде бөлшек бөлікті ме? Санды хаттамадағыдай, үтірсіз жазыңыз"
        ),
        BadNumber::DecimalPart { text, whole } => format!(
            "«{text}» санында бөлшек бөлігі бар, ал дауыстар саны бүтін болады: хаттамада {} болса, солай жазыңыз",
            if whole.is_empty() { "0" } else { whole }
        ),
        BadNumber::Formula(s) => format!(
            "«{s}» — есептелген мәні жоқ формула: кітапты Excel немесе LibreOffice-те ашып, қайта есептетіп, \
             сақтаңыз (немесе санды жазыңыз)"
        ),
        BadNumber::NotWhole(s) => format!("«{s}» бүтін сан емес; цифрлар керек, мысалы 1234 немесе 1 234"),
    }
}

/// A figure's name: the protocol line, or the votes for a candidate.
pub fn named(n: &Named) -> String {
    match n {
        Named::Line(l) => line(*l).to_string(),
        Named::VotesFor { name, .. } => format!("{name} үшін берілген дауыстар"),
    }
}

fn delimiter(c: char) -> &'static str {
    match c {
        ',' => ",",
        ';' => ";",
        '\t' => "табуляция",
        _ => "?",
    }
}

fn ignore_hint(header: &str) -> String {
    format!("оны --ignore-column \"{header}\" арқылы өткізіп жіберіңіз немесе --columns файлында сәйкестендіріңіз")
}

fn label_trouble(t: LabelTrouble) -> &'static str {
    match t {
        LabelTrouble::None => "",
        LabelTrouble::Destroyed => " (ескі кодтауда сақтағанда ондағы әріптер жоғалған: ол салыстырылмайды)",
        LabelTrouble::MixedScripts => " (онда латын және кирилл әріптері аралас)",
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref().map_or(String::new(), |s| format!("; «{s}» болуы мүмкін бе?"))
}

fn votes_words(v: VotesSum) -> &'static str {
    match (v.invalid, v.against_all) {
        (false, true) => "«Бәріне қарсымын» + кандидаттарға берілген дауыстар",
        (false, false) => "кандидаттарға берілген дауыстар",
        (true, true) => "жарамсыз + «Бәріне қарсымын» + кандидаттарға берілген дауыстар",
        (true, false) => "жарамсыз + кандидаттарға берілген дауыстар",
    }
}

mod notices;

pub use notices::{notice, rules, title};

/// How an id differs from `other`, which it looks the same as.
fn unseen(u: &Unseen, other: &str) -> String {
    let kind = |c: char| match CharKind::of(c) {
        CharKind::Digit => "цифр",
        CharKind::Latin => "латын әрпі",
        CharKind::Cyrillic => "кирилл әрпі",
        CharKind::Space => "бос орын",
        CharKind::Other => "басқа таңба",
    };
    match u {
        Unseen::Invisible { ch, in_given: true } => {
            format!("онда көрінбейтін таңба бар ({}), ал «{other}» ішінде ол жоқ", super::code_point(*ch))
        }
        Unseen::Invisible { ch, in_given: false } => {
            format!("«{other}» ішінде көрінбейтін таңба бар ({}), ал мұнда ол жоқ", super::code_point(*ch))
        }
        Unseen::LookAlike { given, other: o } => format!(
            "ондағы «{given}» ({}, {}) — «{other}» ішіндегі «{o}» ({}, {}) емес",
            kind(*given),
            super::code_point(*given),
            kind(*o),
            super::code_point(*o)
        ),
        Unseen::Composed => {
            "ондағы бір әріп әріп пен бөлек диакритикалық белгі ретінде жазылған (Unicode-тың басқа түрі)".to_string()
        }
    }
}
