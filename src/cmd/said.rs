//! What the command itself says when a run cannot start or cannot write, in Kazakh, Russian and English: the
//! words a secretary meets most (a folder or file not found, an output that exists, an option naming what the
//! roster does not have). Values in, sentence out, as the message catalogue does for findings.

use akim_tally::check::{IoKind, IoTrouble};
use akim_tally::report::text::Lang;

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
    /// An option names a precinct the roster does not have.
    NoSuchPrecinct { option: &'static str, given: String, precinct: String },
    /// An option names a district the roster does not have.
    NoSuchDistrict { option: &'static str, given: String, district: String },
    /// A date that is not YYYY-MM-DD.
    BadDate { given: String, reason: String },
    /// The inputs could not be read / the roster has errors / the returns could not be read: a heading for the
    /// findings that follow.
    Heading(Heading),
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
            NoSuchPrecinct { option, given, precinct } => {
                format!("{option} {given}: there is no precinct \"{precinct}\" in the roster")
            }
            NoSuchDistrict { option, given, district } => {
                format!("{option} {given}: there is no district \"{district}\" in the roster")
            }
            BadDate { given, reason } => format!("--election-date {given}: {reason}"),
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
            NoSuchPrecinct { option, given, precinct } => {
                format!("{option} {given}: участка «{precinct}» нет в реестре")
            }
            NoSuchDistrict { option, given, district } => {
                format!("{option} {given}: округа «{district}» нет в реестре")
            }
            BadDate { given, .. } => {
                format!("--election-date {given}: нужна дата вида ГГГГ-ММ-ДД, например 2025-10-19")
            }
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
            NoSuchPrecinct { option, given, precinct } => {
                format!("{option} {given}: «{precinct}» учаскесі тізілімде жоқ")
            }
            NoSuchDistrict { option, given, district } => {
                format!("{option} {given}: «{district}» округі тізілімде жоқ")
            }
            BadDate { given, .. } => {
                format!("--election-date {given}: ЖЖЖЖ-АА-КК түріндегі күн керек, мысалы 2025-10-19")
            }
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
