//! What the command itself says when a run cannot start or cannot write, in Kazakh, Russian and English: a folder
//! or file not found, an output that exists, an option naming what the roster does not have or given where it does
//! nothing, a settings file (`--rules`, `--columns`, `--members`) that cannot be used, a file that is no results
//! file. Values in, sentence out, as the message catalogue does for findings. What a TOML or JSON reader says of a
//! file it cannot read follows in its own words, in English.

use akim_tally::check::{Finding, IoKind, IoTrouble};
use akim_tally::report::text::{Lang, finding};

/// A message of the command, with its values.
pub enum Said {
    /// The roster folder is missing.
    NoRosterFolder { path: String },
    /// A returns folder holds no returns files.
    NoReturnsInFolder { path: String },
    /// A folder cannot be listed.
    FolderUnreadable { path: String, reason: String },
    /// The output exists and --force was not given.
    OutputExists { path: String },
    /// The output is one of the inputs.
    OutputIsInput { path: String },
    /// The output is a folder.
    OutputIsFolder { path: String },
    /// The output is a pipe, device or link.
    OutputNotAFile { path: String },
    /// The output appeared while this run wrote it.
    OutputAppeared { path: String },
    /// The output cannot be written.
    CannotWrite { path: String, trouble: IoTrouble },
    /// Standard output cannot be written (a closed pipe, a full disk).
    CannotWriteStdout { trouble: IoTrouble },
    /// An option names a precinct the roster does not have.
    NoSuchPrecinct { option: &'static str, given: String, precinct: String },
    /// An option names a district the roster does not have.
    NoSuchDistrict { option: &'static str, given: String, district: String },
    /// A date that is not YYYY-MM-DD.
    BadDate { given: String, reason: String },
    /// `--format nist-cdf` without `--election-date`.
    NistNeedsDate,
    /// An option that does something only with `--format csv`.
    OnlyWithCsv { option: &'static str },
    /// `--encoding` names no encoding the reader knows.
    UnknownEncoding { given: String },
    /// A TOML settings file (`--rules`, `--columns`) that is not UTF-8 text, as TOML must be (the members file is
    /// read in any encoding).
    SettingsNotText { option: &'static str, path: String },
    /// A settings file that cannot be used: why, as its reader says it (in English; the file's own words).
    SettingsInvalid { option: &'static str, path: String, reason: String },
    /// `--rules` names neither a built-in rule set nor a file that can be read.
    RulesNotFound { given: String, built_in: String, finding: Box<Finding> },
    /// A line of the `--members` file that is not `role,name` (`role: None`), or names no role.
    BadMember { path: String, line: usize, role: Option<String> },
    /// A name of the `--members` file whose Kazakh letters a legacy encoding destroyed.
    MemberDamaged { path: String, line: usize, name: String },
    /// `--tie-break` under rules that decide a tie by a repeat election: the law's (`rules: None`) or a rule set's.
    NoLot { rules: Option<String> },
    /// A `--tie-break` that is not `DISTRICT=CANDIDATE`.
    TieBreakShape { given: String },
    /// A `--tie-break` naming someone who is not a candidate of the district.
    TieBreakNotCandidate { given: String, candidate: String, district: String },
    /// Two `--tie-break`s for one district.
    TieBreakTwice { district: String },
    /// A file given as results that is not one (`why` says how).
    NotResults { path: String, why: NotResults },
    /// Two returns files compared without a roster.
    DiffNeedsRoster,
    /// A folder that cannot be made.
    CannotMakeFolder { path: String, trouble: IoTrouble },
    /// The template workbook could not be made.
    WorkbookFailed { reason: String },
    /// The inputs could not be read / the roster has errors / the returns could not be read: a heading for the
    /// findings that follow.
    Heading(Heading),
}

/// Why a file given as results is not one.
pub enum NotResults {
    /// Not UTF-8 text.
    NotText,
    /// An HTML report whose embedded results end before their end.
    CutShort,
    /// Not the JSON results: the JSON reader's words (English).
    Json(String),
}

/// What findings that stop a run are about.
#[derive(Clone, Copy)]
pub enum Heading {
    /// Files that cannot be read.
    Inputs,
    /// A roster with errors.
    Roster,
    /// Returns that cannot be read.
    Returns,
}

impl Said {
    /// The message in `lang`.
    pub fn in_lang(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Ru => self.ru(),
            Lang::Kk => self.kk(),
        }
    }

    fn en(&self) -> String {
        use Said::*;
        match self {
            NoRosterFolder { path } => format!(
                "the roster folder {path} does not exist or is not a folder (it must hold precincts.csv and \
                 candidates.csv)"
            ),
            NoReturnsInFolder { path } => {
                format!("the folder {path} holds no returns (.csv, .tsv, .txt, .xlsx, .xls or .ods)")
            }
            FolderUnreadable { path, reason } => format!("cannot read the folder {path}: {reason}"),
            OutputExists { path } => format!("{path} exists; pass --force to replace it"),
            OutputIsInput { path } => format!("refusing to write {path}: it is one of the inputs"),
            OutputIsFolder { path } => format!("cannot write {path}: it is a folder"),
            OutputNotAFile { path } => format!(
                "refusing to write {path}: it is not a regular file (a pipe, a device or a link); give a file name, \
                 or - for standard output"
            ),
            OutputAppeared { path } => {
                format!("{path} appeared while this run was writing it; pass --force to replace it")
            }
            CannotWrite { path, trouble } => format!("cannot write {path}: {}", write_trouble(trouble, Lang::En)),
            CannotWriteStdout { trouble } => {
                format!("cannot write to standard output: {}", write_trouble(trouble, Lang::En))
            }
            NoSuchPrecinct { option, given, precinct } => {
                format!("{option} {given}: there is no precinct \"{precinct}\" in the roster")
            }
            NoSuchDistrict { option, given, district } => {
                format!("{option} {given}: there is no district \"{district}\" in the roster")
            }
            BadDate { given, reason } => format!("--election-date {given}: {reason}"),
            NistNeedsDate => "--format nist-cdf needs --election-date YYYY-MM-DD (election day)".into(),
            OnlyWithCsv { option } => format!("{option} only applies to --format csv"),
            UnknownEncoding { given } => {
                format!("--encoding {given}: unknown encoding; try utf-8, utf-16, windows-1251 or koi8-r")
            }
            SettingsNotText { option, path } => format!("{option} {path}: the file is not UTF-8 text"),
            SettingsInvalid { option, path, reason } => format!("{option} {path}: {reason}"),
            RulesNotFound { given, built_in, finding: f } => format!(
                "--rules {given}: not a built-in rule set ({built_in}) nor a file that can be read: {}",
                finding(f, Lang::En)
            ),
            BadMember { path, line, role: None } => {
                format!("--members {path}: line {line}: expected `role,name` (e.g. `chair,Сейітова Айгүл`)")
            }
            BadMember { path, line, role: Some(role) } => format!(
                "--members {path}: line {line}: \"{role}\" is not a role: chair, deputy, secretary or member \
                 (төраға, орынбасар, хатшы, мүше; председатель, заместитель, секретарь, член)"
            ),
            MemberDamaged { path, line, name } => format!(
                "--members {path}: line {line}: «{name}» lost the Kazakh letters its encoding cannot hold (ә ғ қ ң ө \
                 ұ ү һ): a signed report would print it wrong; save the file as UTF-8 (in Excel: CSV UTF-8) or give \
                 the workbook itself"
            ),
            NoLot { rules } => {
                let why = match rules {
                    None => "the law of Kazakhstan has no lot: a tie at the top means repeat elections (Art. 113-9), \
                             which the results show"
                        .to_string(),
                    Some(name) => format!("the rule set {name} decides a tie by a repeat election, not by lot"),
                };
                format!(
                    "--tie-break cannot be used: {why}. For data from elsewhere, --rules plurality decides ties by lot"
                )
            }
            TieBreakShape { given } => format!("--tie-break {given}: expected DISTRICT=CANDIDATE"),
            TieBreakNotCandidate { given, candidate, district } => {
                format!("--tie-break {given}: \"{candidate}\" is not a candidate of district {district}")
            }
            TieBreakTwice { district } => format!("--tie-break: district {district} is given twice"),
            NotResults { path, why: self::NotResults::NotText } => format!("{path} is not a results file: not UTF-8"),
            NotResults { path, why: self::NotResults::CutShort } => {
                format!("{path}: the embedded results are cut short")
            }
            NotResults { path, why: self::NotResults::Json(e) } => {
                format!("{path} is not a results file (tally --format json): {e}")
            }
            DiffNeedsRoster => {
                "to compare two returns files, give the roster with --roster DIR (two results files need none)".into()
            }
            CannotMakeFolder { path, trouble } => {
                format!("cannot make the folder {path}: {}", write_trouble(trouble, Lang::En))
            }
            WorkbookFailed { reason } => format!("cannot make the workbook: {reason}"),
            Heading(self::Heading::Inputs) => "could not read the inputs".into(),
            Heading(self::Heading::Roster) => "the roster has errors".into(),
            Heading(self::Heading::Returns) => "could not read the returns".into(),
        }
    }

    fn ru(&self) -> String {
        use Said::*;
        match self {
            NoRosterFolder { path } => {
                format!("папки реестра {path} нет или это не папка (в ней должны быть precincts.csv и candidates.csv)")
            }
            NoReturnsInFolder { path } => {
                format!("в папке {path} нет протоколов (.csv, .tsv, .txt, .xlsx, .xls или .ods)")
            }
            FolderUnreadable { path, reason } => format!("папку {path} не удаётся прочитать ({reason})"),
            OutputExists { path } => format!("{path} уже есть; чтобы заменить его, добавьте --force"),
            OutputIsInput { path } => format!("{path} не записывается: это один из входных файлов"),
            OutputIsFolder { path } => format!("{path} не записывается: это папка"),
            OutputNotAFile { path } => format!(
                "{path} не записывается: это не обычный файл (канал, устройство или ссылка); укажите имя файла или - \
                 для вывода на экран"
            ),
            OutputAppeared { path } => {
                format!("{path} появился, пока этот запуск его записывал; чтобы заменить его, добавьте --force")
            }
            CannotWrite { path, trouble } => {
                format!("{path} не удаётся записать: {}", write_trouble(trouble, Lang::Ru))
            }
            CannotWriteStdout { trouble } => {
                format!("не удаётся писать в стандартный вывод: {}", write_trouble(trouble, Lang::Ru))
            }
            NoSuchPrecinct { option, given, precinct } => {
                format!("{option} {given}: участка «{precinct}» нет в реестре")
            }
            NoSuchDistrict { option, given, district } => {
                format!("{option} {given}: округа «{district}» нет в реестре")
            }
            BadDate { given, .. } => {
                format!("--election-date {given}: нужна дата вида ГГГГ-ММ-ДД, например 2025-10-19")
            }
            NistNeedsDate => "для --format nist-cdf нужна --election-date ГГГГ-ММ-ДД (день выборов)".into(),
            OnlyWithCsv { option } => format!("{option} действует только с --format csv"),
            UnknownEncoding { given } => {
                format!("--encoding {given}: неизвестная кодировка; попробуйте utf-8, utf-16, windows-1251 или koi8-r")
            }
            SettingsNotText { option, path } => {
                format!("{option} {path}: файл не в кодировке UTF-8; сохраните его в UTF-8")
            }
            SettingsInvalid { option, path, reason } => format!("{option} {path}: ошибка в файле: {reason}"),
            RulesNotFound { given, built_in, finding: f } => format!(
                "--rules {given}: это не встроенный набор правил ({built_in}) и не файл, который можно прочитать: {}",
                finding(f, Lang::Ru)
            ),
            BadMember { path, line, role: None } => format!(
                "--members {path}: строка {line}: нужна запись «должность,ФИО» (например «председатель,Сейітова \
                 Айгүл»)"
            ),
            BadMember { path, line, role: Some(role) } => format!(
                "--members {path}: строка {line}: «{role}» — не должность: председатель, заместитель, секретарь или \
                 член (төраға, орынбасар, хатшы, мүше; chair, deputy, secretary, member)"
            ),
            MemberDamaged { path, line, name } => format!(
                "--members {path}: строка {line}: в «{name}» пропали казахские буквы, которых нет в кодировке файла \
                 (ә ғ қ ң ө ұ ү һ): в подписываемом протоколе имя было бы искажено; сохраните файл в UTF-8 (в Excel: \
                 «CSV UTF-8») или укажите саму книгу Excel"
            ),
            NoLot { rules } => {
                let why = match rules {
                    None => "в законе Казахстана жребия нет: при равенстве голосов у первых назначаются повторные \
                             выборы (ст. 113-9), это и показывают результаты"
                        .to_string(),
                    Some(name) => format!("набор правил {name} решает ничью повторными выборами, а не жребием"),
                };
                format!(
                    "--tie-break нельзя использовать: {why}. Для данных не из Казахстана --rules plurality решает \
                     ничью жребием"
                )
            }
            TieBreakShape { given } => format!("--tie-break {given}: нужно ОКРУГ=КАНДИДАТ"),
            TieBreakNotCandidate { given, candidate, district } => {
                format!("--tie-break {given}: «{candidate}» не кандидат округа {district}")
            }
            TieBreakTwice { district } => format!("--tie-break: округ {district} указан дважды"),
            NotResults { path, why: self::NotResults::NotText } => {
                format!("{path} — не файл результатов: он не в UTF-8")
            }
            NotResults { path, why: self::NotResults::CutShort } => {
                format!("{path}: встроенные в отчёт результаты обрываются")
            }
            NotResults { path, why: self::NotResults::Json(e) } => {
                format!("{path} — не файл результатов (tally --format json): {e}")
            }
            DiffNeedsRoster => "чтобы сравнить два файла протоколов, укажите реестр: --roster ПАПКА (двум файлам \
                                результатов он не нужен)"
                .into(),
            CannotMakeFolder { path, trouble } => {
                format!("папку {path} не удаётся создать: {}", write_trouble(trouble, Lang::Ru))
            }
            WorkbookFailed { reason } => format!("рабочую книгу не удалось создать: {reason}"),
            Heading(self::Heading::Inputs) => "входные файлы не удалось прочитать".into(),
            Heading(self::Heading::Roster) => "в реестре ошибки".into(),
            Heading(self::Heading::Returns) => "протоколы не удалось прочитать".into(),
        }
    }

    fn kk(&self) -> String {
        use Said::*;
        match self {
            NoRosterFolder { path } => format!(
                "{path} тізілім қалтасы жоқ немесе ол қалта емес (онда precincts.csv және candidates.csv болуы керек)"
            ),
            NoReturnsInFolder { path } => {
                format!("{path} қалтасында хаттамалар жоқ (.csv, .tsv, .txt, .xlsx, .xls немесе .ods)")
            }
            FolderUnreadable { path, reason } => format!("{path} қалтасы оқылмайды ({reason})"),
            OutputExists { path } => format!("{path} бұрыннан бар; оны ауыстыру үшін --force қосыңыз"),
            OutputIsInput { path } => format!("{path} жазылмайды: ол кіріс файлдарының бірі"),
            OutputIsFolder { path } => format!("{path} жазылмайды: ол қалта"),
            OutputNotAFile { path } => format!(
                "{path} жазылмайды: ол кәдімгі файл емес (арна, құрылғы немесе сілтеме); файл атын немесе экранға \
                 шығару үшін - көрсетіңіз"
            ),
            OutputAppeared { path } => {
                format!("{path} осы іске қосу оны жазып жатқанда пайда болды; оны ауыстыру үшін --force қосыңыз")
            }
            CannotWrite { path, trouble } => format!("{path} жазылмайды: {}", write_trouble(trouble, Lang::Kk)),
            CannotWriteStdout { trouble } => {
                format!("стандартты шығысқа жазу мүмкін емес: {}", write_trouble(trouble, Lang::Kk))
            }
            NoSuchPrecinct { option, given, precinct } => {
                format!("{option} {given}: «{precinct}» учаскесі тізілімде жоқ")
            }
            NoSuchDistrict { option, given, district } => {
                format!("{option} {given}: «{district}» округі тізілімде жоқ")
            }
            BadDate { given, .. } => {
                format!("--election-date {given}: ЖЖЖЖ-АА-КК түріндегі күн керек, мысалы 2025-10-19")
            }
            NistNeedsDate => "--format nist-cdf үшін --election-date ЖЖЖЖ-АА-КК (сайлау күні) керек".into(),
            OnlyWithCsv { option } => format!("{option} тек --format csv-пен бірге қолданылады"),
            UnknownEncoding { given } => {
                format!("--encoding {given}: белгісіз кодтау; utf-8, utf-16, windows-1251 немесе koi8-r көріңіз")
            }
            SettingsNotText { option, path } => {
                format!("{option} {path}: файл UTF-8 кодтауында емес; оны UTF-8 етіп сақтаңыз")
            }
            SettingsInvalid { option, path, reason } => format!("{option} {path}: файлда қате бар: {reason}"),
            RulesNotFound { given, built_in, finding: f } => format!(
                "--rules {given}: бұл кірістірілген ережелер жиыны ({built_in}) емес және оқылатын файл да емес: {}",
                finding(f, Lang::Kk)
            ),
            BadMember { path, line, role: None } => format!(
                "--members {path}: {line}-жол: «лауазым,аты-жөні» жазбасы керек (мысалы «төраға,Сейітова Айгүл»)"
            ),
            BadMember { path, line, role: Some(role) } => format!(
                "--members {path}: {line}-жол: «{role}» лауазым емес: төраға, орынбасар, хатшы немесе мүше \
                 (председатель, заместитель, секретарь, член; chair, deputy, secretary, member)"
            ),
            MemberDamaged { path, line, name } => format!(
                "--members {path}: {line}-жол: «{name}» ішінде файл кодтауы сақтай алмайтын қазақ әріптері жоғалған \
                 (ә ғ қ ң ө ұ ү һ): қол қойылатын хаттамада аты бұрмаланып шығар еді; файлды UTF-8 етіп сақтаңыз \
                 (Excel-де: «CSV UTF-8») немесе Excel кітабының өзін көрсетіңіз"
            ),
            NoLot { rules } => {
                let why = match rules {
                    None => "Қазақстан заңында жеребе жоқ: алдыңғылардың дауыстары тең болса, қайта сайлау \
                             тағайындалады (113-9-бап), нәтижелер соны көрсетеді"
                        .to_string(),
                    Some(name) => format!("{name} ережелер жиыны теңдікті жеребемен емес, қайта сайлаумен шешеді"),
                };
                format!(
                    "--tie-break қолдануға болмайды: {why}. Басқа жердің деректері үшін --rules plurality теңдікті \
                     жеребемен шешеді"
                )
            }
            TieBreakShape { given } => format!("--tie-break {given}: ОКРУГ=КАНДИДАТ түрінде жазыңыз"),
            TieBreakNotCandidate { given, candidate, district } => {
                format!("--tie-break {given}: «{candidate}» {district} округінің кандидаты емес")
            }
            TieBreakTwice { district } => format!("--tie-break: {district} округі екі рет көрсетілген"),
            NotResults { path, why: self::NotResults::NotText } => {
                format!("{path} нәтижелер файлы емес: ол UTF-8 емес")
            }
            NotResults { path, why: self::NotResults::CutShort } => {
                format!("{path}: есепке салынған нәтижелер соңына дейін жетпей үзіледі")
            }
            NotResults { path, why: self::NotResults::Json(e) } => {
                format!("{path} нәтижелер файлы емес (tally --format json): {e}")
            }
            DiffNeedsRoster => "екі хаттама файлын салыстыру үшін тізілімді --roster ҚАЛТА арқылы көрсетіңіз (екі \
                                нәтижелер файлына ол керек емес)"
                .into(),
            CannotMakeFolder { path, trouble } => {
                format!("{path} қалтасын жасау мүмкін емес: {}", write_trouble(trouble, Lang::Kk))
            }
            WorkbookFailed { reason } => format!("жұмыс кітабын жасау мүмкін болмады: {reason}"),
            Heading(self::Heading::Inputs) => "кіріс файлдары оқылмады".into(),
            Heading(self::Heading::Roster) => "тізілімде қателер бар".into(),
            Heading(self::Heading::Returns) => "хаттамалар оқылмады".into(),
        }
    }
}

/// Why a file cannot be written, in plain words of `lang`.
fn write_trouble(t: &IoTrouble, lang: Lang) -> String {
    match (lang, t.kind) {
        (Lang::En, IoKind::NotFound) => "its folder does not exist".into(),
        (Lang::En, IoKind::NoPermission) => "no permission to write there (choose a folder of your own)".into(),
        (Lang::En, IoKind::InUse) => "another program has it open (close it, e.g. in Excel, and run again)".into(),
        (Lang::En, IoKind::NotAFile) => "it is not a file".into(),
        (Lang::Ru, IoKind::NotFound) => "такой папки нет".into(),
        (Lang::Ru, IoKind::NoPermission) => "нет прав на запись (выберите свою папку)".into(),
        (Lang::Ru, IoKind::InUse) => {
            "он открыт в другой программе (закройте его, например в Excel, и запустите снова)".into()
        }
        (Lang::Ru, IoKind::NotAFile) => "это не файл".into(),
        (Lang::Kk, IoKind::NotFound) => "мұндай қалта жоқ".into(),
        (Lang::Kk, IoKind::NoPermission) => "жазуға рұқсат жоқ (өз қалтаңызды таңдаңыз)".into(),
        (Lang::Kk, IoKind::InUse) => {
            "ол басқа бағдарламада ашық (оны, мысалы, Excel-де жауып, қайта іске қосыңыз)".into()
        }
        (Lang::Kk, IoKind::NotAFile) => "бұл файл емес".into(),
        (_, IoKind::Other) => t.text.clone(),
    }
}
