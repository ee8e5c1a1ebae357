//! The messages in Russian: every finding and notice, from its code and values. Protocol lines are named as the
//! protocol names them, figures are written with thousands apart. Table-driven: one arm per kind of message.

use crate::check::{
    BadNumber, Code, Detail, IoKind, IoTrouble, LabelTrouble, Named, NotText, VotesSum, WorkbookTrouble,
};
use crate::decide::{AgainstAllOutcome, AnnulBasis, NoticeDetail, TieOutcome};
use crate::model::Line;
use crate::model::unseen::{CharKind, Unseen};
use crate::rules::{AgainstAllPolicy, Law, LawInForce, Percent, Repeat, RuleSet, TiePolicy};

use super::{group, percent, signed, suggested};

const SAVE_AS: &str = "сохраните таблицу как «CSV UTF-8» (Excel) или «Текст CSV» с кодировкой UTF-8 (LibreOffice) \
                       либо укажите --encoding";

/// A protocol line as the protocol names it.
pub fn line(l: Line) -> &'static str {
    match l {
        Line::VotersOnList => "Общее число избирателей на участке",
        Line::BallotsReceived => "Число бюллетеней, полученных участковой избирательной комиссией",
        Line::BallotsIssued => "Число избирателей, получивших бюллетени",
        Line::BallotsIssuedEarly => "Число бюллетеней, выданных досрочно",
        Line::BallotsIssuedInPremises => "Число бюллетеней, выданных в помещении для голосования",
        Line::BallotsIssuedOutside => "Число бюллетеней, выданных вне помещения для голосования",
        Line::BallotsCancelled => "Число погашенных бюллетеней",
        Line::BallotsInBox => "Общее число избирателей, принявших участие в голосовании",
        Line::BallotsInPortableBoxes => "Число бюллетеней в переносных ящиках",
        Line::BallotsInStationaryBoxes => "Число бюллетеней в стационарных ящиках",
        Line::BallotsInvalid => "Число бюллетеней, признанных недействительными",
        Line::BallotsValid => "Число действительных бюллетеней",
        Line::BallotsLost => "Число утраченных бюллетеней",
        Line::BallotsUnaccounted => "Число бюллетеней, не учтённых при получении",
        Line::AgainstAll => "Против всех",
        Line::OutsideRequests => "Число письменных заявлений о голосовании вне помещения",
        Line::VotersWithAbsenteeCertificates => "Число избирателей, проголосовавших по открепительным удостоверениям",
    }
}

/// A finding's message.
pub fn finding(code: Code, d: &Detail) -> String {
    use Detail::*;
    match d {
        CannotRead { trouble } => format!("файл не удаётся прочитать: {}", io(trouble)),
        NoThread { reason } => format!("не удаётся запустить поток для чтения файла: {reason}"),
        Detail::NotText(t) => not_text(t),
        WorkbookUnreadable { trouble, kind } => {
            format!("{} (по содержимому это {})", workbook(trouble), workbook_kind(kind))
        }
        LineTooLong { mib } => format!(
            "строка длиннее {mib} МиБ, а строка протокола не бывает такой длинной: не осталась ли открытой кавычка, \
             таблица ли это?"
        ),
        RosterTooLarge { mib, limit_mib } => format!(
            "в файле {mib} МиБ текста, больше, чем бывает в реестре ({limit_mib} МиБ; реестр всей страны — около \
             100 МиБ): это файл реестра?"
        ),
        OnlyBlankRows => "в файле нет строки заголовка, только пустые строки".into(),
        Empty => "файл пуст: нужны строка заголовка и строки с цифрами".into(),
        NoDelimiter => "в строке заголовка нет ни запятой, ни точки с запятой, ни табуляции: это CSV-файл с \
                        заголовком?"
            .into(),
        DelimitersTie { first, second } => format!(
            "в строке заголовка поровну знаков «{}» и «{}»: нельзя понять, какой из них разделяет столбцы",
            delimiter(*first),
            delimiter(*second)
        ),
        TooManyColumns { columns, limit } => {
            format!("в строке {} столбцов, а в таблице итогов их не больше {}", group(*columns), group(*limit))
        }
        FieldTooLarge { bytes, limit } => format!(
            "в ячейке {} байт, а ячейка протокола не бывает больше {} (не осталась ли открытой кавычка?)",
            group(*bytes),
            group(*limit)
        ),
        QuoteLeftOpen => "кавычка не закрыта: значение в кавычках должно кончаться в той же строке (ячейку с \
                          переносом строки, Alt+Enter в Excel, нужно записать в одну строку), а кавычка внутри него \
                          пишется дважды (\"\")"
            .into(),
        LineBreakInCell { opened_at } => format!(
            "эта строка заканчивает ячейку в кавычках, открытую в строке {opened_at}: в ячейке перенос строки \
             (Alt+Enter в Excel); запишите ячейку в одну строку и сохраните файл заново"
        ),
        TitleRows { header_line, rows } => {
            let shown: Vec<String> = rows.iter().map(|(l, t)| format!("строка {l} «{t}»")).collect();
            format!("пропущено как заголовок над шапкой таблицы (строка {header_line}): {}", shown.join(", "))
        }
        DamagedLetters { cell, others, encoding } => format!(
            "в «{cell}» и ещё {others} ячейках внутри слов стоят «?» или «_»: при сохранении в {encoding} \
             пропали буквы, которых нет в этой кодировке (ә ғ қ ң ө ұ ү һ). Сохраните таблицу как «CSV UTF-8» \
             (Excel: Файл › Сохранить как › CSV UTF-8; LibreOffice: Текст CSV, кодировка UTF-8) или дайте сам файл \
             .xlsx. Имена с пропавшими буквами не сопоставляются с кандидатами."
        ),
        NoRows => "в файле есть заголовок, но нет строк с цифрами: тот ли это файл или пустой шаблон?".into(),
        WordsWithoutFigure { header } => format!(
            "столбец «{header}» даёт число прописью, но столбца с самим числом нет: назовите в нём строку протокола \
             или поставьте его сразу после столбца с числом"
        ),
        DuplicateColumn { header, first_column, first_header } => format!(
            "столбец «{header}» означает то же, что столбец {first_column} («{first_header}»): у каждой строки \
             протокола и каждого кандидата должен быть один столбец"
        ),
        NoPlaceInLong { header } => format!(
            "столбцу «{header}» нет места в файле «в длину» (участок, строка, значение и, по желанию, округ): \
             запишите каждую строку протокола и каждого кандидата в столбец строк или {}",
            ignore_hint(header)
        ),
        UnknownColumn { header, trouble, suggestion } => format!(
            "столбец «{header}»{} — не строка протокола и не зарегистрированный кандидат; {}{}",
            label_trouble(*trouble),
            suggestion
                .as_ref()
                .map_or(String::new(), |s| format!("может быть, имелось в виду {}? Или ", suggested(s, line))),
            ignore_hint(header)
        ),
        NoPrecinctColumn { header } => {
            format!("нет столбца с номером участка («№ участка», «Учаске», precinct_id); заголовок: {header}")
        }
        LongLacks { lacks_item } => {
            let (has, lacks) = if *lacks_item {
                ("столбец значений", "столбца строк")
            } else {
                ("столбец строк", "столбца значений")
            };
            format!("в заголовке есть {has}, но нет {lacks}: файлу «в длину» нужны участок, строка и значение")
        }
        CellWithoutHeader { cell } => {
            format!("«{cell}» стоит в столбце без заголовка: назовите столбец или очистите ячейку")
        }
        RaggedRow { fields, width } => format!("в строке {fields} значений, а в заголовке {width}"),
        BlankPrecinct => "номер участка пуст: в каждой строке должен быть указан участок".into(),
        BlankItem => "строка протокола не указана: назовите строку протокола или кандидата".into(),
        FiguresAboveHeader { header_line, precinct } => format!(
            "эта строка над заголовком (строка {header_line}) содержит цифры участка {precinct}: строки с цифрами \
             идут под заголовком; перенесите её туда или удалите, если это лишняя копия"
        ),
        TotalsDisagree { label, said, what, sum } => format!(
            "итоговая строка «{label}» даёт {} для «{what}», а строки над ней в сумме дают {}; считаются строки — \
             проверьте их и итог",
            group(said.0),
            group(*sum)
        ),
        TooMany { listed, more } => format!(
            "по этому файлу показано {} {} и ещё {} не показано: тот ли это файл и тот ли у него заголовок?",
            group(*listed),
            if code == Code::TooManyWarnings { "предупреждений" } else { "ошибок" },
            group(*more)
        ),

        BadFigure { what, number } => format!("{}: {}", named(what), bad_number(number)),
        WordsUnreadable { words, figure } => format!(
            "«{words}» не читается как число прописью (по-русски или по-казахски), чтобы сверить его с числом {}; \
             напишите его так, как в протоколе, например «триста пятьдесят» или «үш жүз елу»",
            group(figure.0)
        ),
        WordsDisagree { figure, words, in_words, column } => format!(
            "число {} не совпадает с записью прописью «{words}» ({}) в столбце {column}: сверьте с протоколом и \
             исправьте ошибочное",
            group(figure.0),
            group(*in_words)
        ),
        SumOverflow { district } => format!(
            "с этим числом итог округа {district} становится слишком большим для подсчёта: в протоколах \
             невозможные цифры"
        ),

        UnknownPrecinct { precinct, suggestion: Some(s), unseen: Some(u), long } => format!(
            "участка «{precinct}» нет в реестре: он выглядит как «{s}», но {}; наберите номер заново, как в \
             реестре{}",
            unseen(u, s),
            if *long {
                "; его строки в этом файле не учитываются"
            } else {
                "; строка не учитывается"
            }
        ),
        UnknownPrecinct { precinct, suggestion, long, .. } => format!(
            "участка «{precinct}» нет в реестре{}{}",
            suggestion.as_ref().map_or(String::new(), |s| format!(" (может быть, «{s}»?)")),
            if *long {
                "; его строки в этом файле не учитываются"
            } else {
                "; строка не учитывается"
            }
        ),
        WrongDistrict { precinct, claimed, district } => {
            format!("участок {precinct} указан в округе {claimed}, а по реестру он относится к округу {district}")
        }
        UnknownDistrict { claimed, precinct, district, zeros_dropped: true, .. } => format!(
            "округа «{claimed}» нет в реестре: участок {precinct} относится к округу {district}, то есть к «{claimed}» \
             с нулями впереди, которые таблица отбрасывает у числа; наберите округ, как в реестре (в Excel — как \
             текст)"
        ),
        UnknownDistrict { claimed, precinct, district, unseen: Some(u), .. } => format!(
            "округа «{claimed}» нет в реестре: он выглядит как «{district}», округ участка {precinct}, но {}; \
             наберите номер заново, как в реестре",
            unseen(u, district)
        ),
        UnknownDistrict { claimed, precinct, district, unseen: None, .. } => {
            format!("округа «{claimed}» нет в реестре (участок {precinct} относится к округу {district})")
        }
        UnregisteredCandidate { label, cell, district, precinct, suggestion } => format!(
            "«{label}» = {cell}, но такой кандидат не зарегистрирован в округе {district} участка {precinct}{}",
            did_you_mean(suggestion)
        ),
        UnknownItem { item, trouble, district, suggestion } => format!(
            "«{item}»{} — не строка протокола и не кандидат, зарегистрированный в округе {district}{}",
            label_trouble(*trouble),
            did_you_mean(suggestion)
        ),
        OtherDistrictZero { label, district, precinct } => {
            format!("0 для «{label}», но это не кандидат округа {district} участка {precinct}; оставьте ячейку пустой")
        }
        ConflictingCopies { precinct, differences } => {
            let figure = |v: &Option<crate::model::Count>| v.map_or("пусто".to_string(), |v| group(v.0));
            let said: Vec<String> = differences
                .iter()
                .map(|x| {
                    format!(
                        "«{}»: {} в {}, но {} в {}",
                        named(&x.item),
                        figure(&x.first.0),
                        x.first.1,
                        figure(&x.other.0),
                        x.other.1
                    )
                })
                .collect();
            format!("участок {precinct} дан больше одного раза с разными цифрами: {}", said.join("; "))
        }
        DuplicateCopy { precinct, first_at } => {
            format!("участок {precinct} дан ещё раз с теми же цифрами (впервые в {first_at}); учитывается один раз")
        }
        MissingVotes { precinct, candidate_id, candidate_name } => format!(
            "для участка {precinct} нет голосов за кандидата {candidate_name} ({candidate_id}); если голосов не \
             было, напишите 0"
        ),
        MissingLine { precinct, line: l, no_column: false } => format!(
            "в протоколе участка {precinct} нет строки «{}», которая должна быть в каждом протоколе; впишите её \
             (0, если нет)",
            line(*l)
        ),
        MissingLine { precinct, line: l, no_column: true } => format!(
            "в протоколе участка {precinct} нет строки «{}», которая должна быть в каждом протоколе: в файле нет \
             такого столбца; добавьте столбец и заполните его для каждого участка",
            line(*l)
        ),
        ZeroProtocol { precinct } => format!(
            "протокол участка {precinct} весь из нулей и бюллетени не выданы: если протокол ещё не поступил, \
             оставьте строку пустой; иначе впишите его цифры"
        ),
        MissingColumns { missing, required } => format!(
            "нет {} {}; нужен заголовок со столбцами {}",
            if missing.len() > 1 { "столбцов" } else { "столбца" },
            missing.join(", "),
            required.join(", ")
        ),
        BlankField { field } => format!("поле {field} пусто"),
        BlankNomination => {
            "поле nominated_by пусто: впишите партию или «самовыдвиженец», как выдвинулся кандидат".into()
        }
        DistrictTwice { district, line } => format!("округ {district} указан дважды (ещё в строке {line})"),
        PrecinctTwice { precinct, first_line } => {
            format!("участок {precinct} указан дважды (впервые в строке {first_line})")
        }
        PrecinctInUnlistedDistrict { precinct, district } => {
            format!("участок {precinct} относится к округу {district}, которого нет в districts.csv")
        }
        CandidateInUnlistedDistrict { candidate, district } => {
            format!("кандидат {candidate} зарегистрирован в округе {district}, у которого в реестре нет участков")
        }
        DistrictNamedTwice { district, here, there, file, line } => {
            format!("округ {district} назван здесь «{here}», а в {file}:{line} — «{there}»")
        }
        DistrictWithoutCandidates { district, name, file } => {
            format!("у округа {district} ({name}) нет кандидатов в {file}")
        }
        DistrictWithoutPrecincts { district, name, file } => {
            format!("у округа {district} ({name}) нет участков в {file}")
        }
        CandidateLikeALine { name } => format!(
            "кандидат «{name}» назван как строка протокола или столбец итогов: в протоколах их нельзя было бы \
             различить; зарегистрируйте кандидата под его собственным именем и идентификатором"
        ),
        PrecinctLikeATotal { precinct } => format!(
            "участок «{precinct}» назван как строка итогов («Итого», «Барлығы», \"Total\"): строку итогов в \
             результатах приняли бы за его протокол; дайте участку в качестве идентификатора его номер"
        ),
        TwinIds { district, id, other, other_line, unseen: u } => format!(
            "идентификатор {} «{id}» выглядит так же, как «{other}» в строке {other_line}, но {}: их нельзя различить \
             на глаз; наберите один из них заново",
            if *district { "округа" } else { "участка" },
            unseen(u, other)
        ),
        CandidateTwice { by_name, said, district, line } => format!(
            "{} кандидата «{said}» в округе {district} после нормализации совпадает с идентификатором или именем в \
             строке {line}",
            if *by_name { "имя" } else { "идентификатор" }
        ),
        MixedScript { name, district } => format!(
            "в имени кандидата «{name}» в округе {district} смешаны латинские и кириллические буквы (например, \
             латинские A, O, C, E, K, P, T или X); в протоколах его нужно писать точно так же"
        ),
        Lookalikes { first, second, district } => format!(
            "кандидаты {} «{}» и {} «{}» округа {district} различаются только похожими буквами или пробелами; \
             проверьте реестр и указывайте их в протоколах по идентификатору",
            first.0, first.1, second.0, second.1
        ),
        FewCandidates { district, candidates } => format!(
            "в округе {district} зарегистрировано кандидатов: {candidates}; если их меньше двух, территориальная \
             комиссия переносит выборы на срок до 15 дней (ст. 113-7); проверьте реестр"
        ),

        PartsBalance { whole, value, parts, sum, all } => format!(
            "«{}» = {}, но её части ({}) в сумме дают {}{}",
            line(*whole),
            group(value.0),
            parts.iter().map(|l| format!("«{}»", line(*l))).collect::<Vec<_>>().join(" + "),
            group(*sum),
            if *all { "" } else { ", больше целого" }
        ),
        PortableOverRequests { ballots, requests } => format!(
            "в переносных ящиках {}, а письменных заявлений о голосовании вне помещения только {}: \
             закон признаёт все бюллетени этого ящика недействительными, составляется акт (ст. 43 п. 3-1); \
             проверьте протокол и акт",
            ballots_n(ballots.0),
            group(requests.0)
        ),
        ReceivedOverReserve { received, voters, reserve } => format!(
            "получено {} на {} в списке: больше списка с резервом 1% ({}); проверьте число",
            ballots_n(received.0),
            voters_n(voters.0),
            group(*reserve)
        ),
        IssuedOverList { issued, voters, from_roster } => format!(
            "выдано {}, а избирателей в списке {}{}: явка выше 100%",
            ballots_n(issued.0),
            group(voters.0),
            if *from_roster { " (по реестру)" } else { "" }
        ),
        ReceivedBalance { received, issued, cancelled, lost, unaccounted, sum } => format!(
            "получено {}, а выдано {} + погашено {} + утрачено {} − не учтено {} = {}",
            ballots_n(received.0),
            group(issued.0),
            group(cancelled.0),
            group(*lost),
            group(*unaccounted),
            signed(*sum)
        ),
        BoxBalance { in_box, invalid, valid, sum } => format!(
            "в ящиках {}, а недействительных {} + действительных {} = {}",
            ballots_n(in_box.0),
            group(invalid.0),
            group(valid.0),
            group(*sum)
        ),
        ValidBalance { valid, votes, sum } => {
            format!("действительных бюллетеней {}, а {} = {}", group(valid.0), votes_words(*votes), group(*sum))
        }
        BoxVotesBalance { in_box, invalid, votes, sum } => format!(
            "в ящиках {}, а недействительные {} + {} = {}",
            ballots_n(in_box.0),
            group(invalid.0),
            votes_words(*votes),
            group(*sum)
        ),
        BoxAgainstIssued { in_box, issued } if code == Code::BoxUnderIssued => {
            format!("в ящиках {}, выдано {}", ballots_n(in_box.0), group(issued.0))
        }
        BoxAgainstIssued { in_box, issued } => {
            format!("в ящиках {}, а выдано только {}", ballots_n(in_box.0), group(issued.0))
        }
        VotesAgainstIssued { votes, sum, issued } => format!(
            "{} = {}, {}, чем выдано бюллетеней ({})",
            votes_words(*votes),
            group(*sum),
            if code == Code::VotesUnderIssued { "меньше" } else { "больше" },
            group(issued.0)
        ),
    }
}

/// Why a file cannot be read or written, in plain words.
pub fn io(t: &IoTrouble) -> String {
    match t.kind {
        IoKind::NotFound => "его нет (проверьте имя и папку)".into(),
        IoKind::NoPermission => "нет прав на чтение (попросите доступ или скопируйте файл в свою папку)".into(),
        IoKind::InUse => "он открыт в другой программе (закройте его, например в Excel, и запустите снова)".into(),
        IoKind::NotAFile => "это не файл (папка, канал или устройство): укажите сам файл".into(),
        IoKind::Other => format!("ошибка системы ({})", t.text),
    }
}

fn not_text(t: &NotText) -> String {
    match t {
        NotText::Invalid { encoding, offset, line, stray_byte: false } => {
            format!("файл не в кодировке {encoding}: байт {offset} (строка {line}); {SAVE_AS}")
        }
        NotText::Invalid { encoding, offset, line, stray_byte: true } => format!(
            "файл не в кодировке {encoding}: байт {offset} (строка {line}); весь остальной файл в UTF-8, а этот байт \
             нет (символ, вставленный из другого места, или файл оборван на середине буквы). Перепечатайте эту \
             ячейку и снова сохраните таблицу как «CSV UTF-8»"
        ),
        NotText::NulCharacter { at: None } => "в файле двоичные данные (символ NUL), а не таблица".to_string(),
        NotText::NulCharacter { at: Some(at) } => {
            format!("в файле двоичные данные (символ NUL в байте {at}), а не таблица")
        }
        NotText::NulByte { at } => format!("в файле двоичные данные (нулевой байт {at}), а не таблица"),
        NotText::Unsupported { guess } => format!(
            "файл не в UTF-8 и похож на {guess}, а это не кириллическая кодировка; если это так, укажите --encoding \
             {guess}, иначе сохраните таблицу как «CSV UTF-8»"
        ),
    }
}

fn workbook_kind(kind: &str) -> &'static str {
    match kind {
        k if k.contains(".xlsx") => "книга .xlsx",
        k if k.contains(".xls") => "книга .xls",
        k if k.contains(".ods") => "книга .ods",
        _ => "книга",
    }
}

fn workbook(t: &WorkbookTrouble) -> String {
    match t {
        WorkbookTrouble::SectorLoop(at) => {
            format!("книга повреждена: цепочка её секторов зацикливается на секторе {at}")
        }
        WorkbookTrouble::SharedStrings { declared, bytes } => format!(
            "книга повреждена: в ней объявлено {} строк в {} байтах; сохраните её заново из Excel или LibreOffice",
            group(*declared),
            group(*bytes)
        ),
        WorkbookTrouble::TooManyCells { cells, limit } => format!(
            "листы книги от первой до последней ячейки занимают {} ячеек (ячейка далеко от таблицы или повторённые \
             строки и столбцы) — намного больше, чем лист с итогами (не больше {} для файла такого размера): удалите строки и столбцы под таблицей и \
             рядом с ней и сохраните книгу заново или выгрузите лист в CSV",
            group(*cells),
            group(*limit)
        ),
        WorkbookTrouble::SheetNotClosed => {
            "книга повреждена: её содержимое обрывается посреди листа; сохраните её заново из LibreOffice или Excel"
                .to_string()
        }
        WorkbookTrouble::ReaderFailed => "книга повреждена: её не удалось прочитать".to_string(),
        WorkbookTrouble::Encrypted => {
            "книга защищена паролем: откройте её, снимите пароль (Файл › Сведения › Защитить книгу) и сохраните"
                .to_string()
        }
        WorkbookTrouble::CutShort => {
            "книга оборвана (скопирована или скачана не до конца): скопируйте или скачайте её снова".to_string()
        }
        WorkbookTrouble::CannotOpen(reason) => format!("книгу не удаётся открыть ({reason})"),
        WorkbookTrouble::NoSuchSheet { wanted, sheets } => {
            format!("в книге нет листа «{wanted}»; её листы: {}", sheets.join(", "))
        }
        WorkbookTrouble::NoVisibleSheet => "в книге нет видимого листа; назовите лист с помощью --sheet".to_string(),
        WorkbookTrouble::CannotReadSheet { sheet, reason } => format!("лист «{sheet}» не удаётся прочитать ({reason})"),
        WorkbookTrouble::FarColumn { row, column, limit } => format!(
            "в строке {row} заполнена ячейка в столбце {column}, дальше любой таблицы итогов (не больше {limit} \
             столбцов): очистите ячейки далеко справа"
        ),
    }
}

fn bad_number(n: &BadNumber) -> String {
    match n {
        BadNumber::TooLarge(s) => format!("«{s}» слишком велико для подсчёта"),
        BadNumber::Negative(s) => format!("«{s}» отрицательно; число — целое, 0 или больше"),
        BadNumber::Ambiguous(s) => format!(
            "«{s}» неоднозначно: запятая разделяет тысячи или дробную часть? Напишите число без запятой, как в \
             протоколе"
        ),
        BadNumber::DecimalPart { text, whole } => format!(
            "у «{text}» есть дробная часть, а число голосов — целое: если в протоколе {}, так и напишите",
            if whole.is_empty() { "0" } else { whole }
        ),
        BadNumber::Formula(s) => format!(
            "«{s}» — формула без вычисленного значения: откройте книгу в Excel или LibreOffice, дайте ей \
             пересчитаться и сохраните (или впишите число)"
        ),
        BadNumber::NotWhole(s) => format!("«{s}» — не целое число; нужны цифры, например 1234 или 1 234"),
    }
}

/// A figure's name: the protocol line, or the votes for a candidate.
pub fn named(n: &Named) -> String {
    match n {
        Named::Line(l) => line(*l).to_string(),
        Named::VotesFor { name, .. } => format!("голоса за кандидата {name}"),
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
    format!("пропустите его с --ignore-column \"{header}\" или сопоставьте в файле --columns")
}

fn label_trouble(t: LabelTrouble) -> &'static str {
    match t {
        LabelTrouble::None => "",
        LabelTrouble::Destroyed => " (буквы в нём пропали при сохранении в старой кодировке: он не сопоставляется)",
        LabelTrouble::MixedScripts => " (в нём смешаны латинские и кириллические буквы)",
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref().map_or(String::new(), |s| format!("; может быть, «{s}»?"))
}

fn votes_words(v: VotesSum) -> &'static str {
    match (v.invalid, v.against_all) {
        (false, true) => "«против всех» + голоса за кандидатов",
        (false, false) => "голоса за кандидатов",
        (true, true) => "недействительные + «против всех» + голоса за кандидатов",
        (true, false) => "недействительные + голоса за кандидатов",
    }
}

/// `101 бюллетень`, `3 бюллетеня`, `5 бюллетеней`.
fn ballots_n(n: u64) -> String {
    format!("{} {}", group(n), plural(n, ["бюллетень", "бюллетеня", "бюллетеней"]))
}

/// `21 избиратель`, `500 избирателей`.
fn voters_n(n: u64) -> String {
    format!("{} {}", group(n), plural(n, ["избиратель", "избирателя", "избирателей"]))
}

/// `1 голос`, `40 голосов`.
fn votes_n(n: u64) -> String {
    format!("{} {}", group(n), plural(n, ["голос", "голоса", "голосов"]))
}

fn plural(n: u64, forms: [&'static str; 3]) -> &'static str {
    super::russian_plural((n % 100) as usize, forms)
}

mod notices;

pub use notices::{notice, rules, title};

/// How an id differs from `other`, which it looks the same as.
fn unseen(u: &Unseen, other: &str) -> String {
    let kind = |c: char| match CharKind::of(c) {
        CharKind::Digit => "цифра",
        CharKind::Latin => "латинская буква",
        CharKind::Cyrillic => "кириллическая буква",
        CharKind::Space => "пробел",
        CharKind::Other => "другой знак",
    };
    match u {
        Unseen::Invisible { ch, in_given: true } => {
            format!("в нём есть невидимый символ ({}), которого нет в «{other}»", super::code_point(*ch))
        }
        Unseen::Invisible { ch, in_given: false } => {
            format!("в «{other}» есть невидимый символ ({}), которого нет в нём", super::code_point(*ch))
        }
        Unseen::LookAlike { given, other: o } => format!(
            "его «{given}» ({}, {}) не совпадает с «{o}» ({}, {}) в «{other}»",
            kind(*given),
            super::code_point(*given),
            kind(*o),
            super::code_point(*o)
        ),
        Unseen::Composed => {
            "одна из букв в нём записана как буква и отдельный диакритический знак (другая форма Unicode)".to_string()
        }
    }
}
