//! Figures written in words, as a protocol repeats every figure (Art. 43 p.8): Russian («триста пятьдесят») and
//! Kazakh («үш жүз елу») number words read as a count, so that a figure typed wrong (530 for 350) is caught
//! against its words.

/// The words that mark a column of figures in words, normalised: ru «прописью», «словами», kk «жазбаша»,
/// «сөзбен», en "in words".
const MARKERS: &[&str] = &["прописью", "словами", "жазбаша", "жазбаша түрде", "сөзбен", "in words"];

/// When a header names a column of figures in words: what is left of it without the marker (empty when the
/// header is the marker alone, which then stands for the column before it). The header is normalised.
pub fn words_header(normalised: &str) -> Option<String> {
    let marker = MARKERS.iter().find(|m| {
        normalised == **m
            || normalised.ends_with(&format!(" {m}"))
            || normalised.starts_with(&format!("{m} "))
            || normalised.contains(&format!(" {m} "))
    })?;
    let rest = normalised.replacen(marker, " ", 1);
    Some(rest.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// What a number word means: a value below 1,000 added as it is, a hundred that multiplies what came before it
/// (kk «үш жүз»), or a thousand or million that closes a group.
enum Word {
    Add(u64),
    Hundred,
    Scale(u64),
}

fn word(w: &str) -> Option<Word> {
    use Word::*;
    Some(match w {
        "ноль" | "нуль" | "нөл" => Add(0),
        "один" | "одна" | "одно" | "бір" => Add(1),
        "два" | "две" | "екі" => Add(2),
        "три" | "үш" => Add(3),
        "четыре" | "төрт" => Add(4),
        "пять" | "бес" => Add(5),
        "шесть" | "алты" => Add(6),
        "семь" | "жеті" => Add(7),
        "восемь" | "сегіз" => Add(8),
        "девять" | "тоғыз" => Add(9),
        "десять" | "он" => Add(10),
        "одиннадцать" => Add(11),
        "двенадцать" => Add(12),
        "тринадцать" => Add(13),
        "четырнадцать" => Add(14),
        "пятнадцать" => Add(15),
        "шестнадцать" => Add(16),
        "семнадцать" => Add(17),
        "восемнадцать" => Add(18),
        "девятнадцать" => Add(19),
        "двадцать" | "жиырма" => Add(20),
        "тридцать" | "отыз" => Add(30),
        "сорок" | "қырық" => Add(40),
        "пятьдесят" | "елу" => Add(50),
        "шестьдесят" | "алпыс" => Add(60),
        "семьдесят" | "жетпіс" => Add(70),
        "восемьдесят" | "сексен" => Add(80),
        "девяносто" | "тоқсан" => Add(90),
        "сто" => Add(100),
        "двести" => Add(200),
        "триста" => Add(300),
        "четыреста" => Add(400),
        "пятьсот" => Add(500),
        "шестьсот" => Add(600),
        "семьсот" => Add(700),
        "восемьсот" => Add(800),
        "девятьсот" => Add(900),
        "жүз" => Hundred,
        "тысяча" | "тысячи" | "тысяч" | "мың" => Scale(1_000),
        "миллион" | "миллиона" | "миллионов" => Scale(1_000_000),
        _ => return None,
    })
}

/// Words that may follow a figure in words and say nothing of its value.
const FILLER: &[&str] =
    &["голос", "голоса", "голосов", "человек", "бюллетень", "бюллетеня", "бюллетеней", "дауыс", "адам", "бюллетень"];

/// A count written in Russian or Kazakh words, or `None` when the text is not one (an unknown word, or none).
pub fn parse_words(text: &str) -> Option<u64> {
    let lower = text.to_lowercase().replace('ё', "е");
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | ',' | '.' | '(' | ')' | '«' | '»' | '"'))
        .filter(|w| !w.is_empty() && !FILLER.contains(w))
        .collect();
    if words.is_empty() {
        return None;
    }
    let (mut total, mut group) = (0u64, 0u64);
    for w in words {
        match word(w)? {
            Word::Add(v) => group = group.checked_add(v)?,
            Word::Hundred => group = group.max(1).checked_mul(100)?,
            Word::Scale(s) => {
                total = total.checked_add(group.max(1).checked_mul(s)?)?;
                group = 0;
            }
        }
    }
    total.checked_add(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_russian_number_words() {
        for (text, n) in [
            ("ноль", 0),
            ("триста пятьдесят", 350),
            ("Пятьсот тридцать", 530),
            ("одна тысяча двести одиннадцать", 1211),
            ("тысяча", 1000),
            ("две тысячи девятьсот девяносто девять", 2999),
            ("сорок два голоса", 42),
            ("двадцать одна тысяча шестьсот сорок восемь", 21_648),
        ] {
            assert_eq!(parse_words(text), Some(n), "{text}");
        }
    }

    #[test]
    fn reads_kazakh_number_words() {
        for (text, n) in [
            ("нөл", 0),
            ("үш жүз елу", 350),
            ("бес жүз отыз", 530),
            ("жүз", 100),
            ("бір мың екі жүз он бір", 1211),
            ("мың", 1000),
            ("жиырма бір мың алты жүз қырық сегіз", 21_648),
            ("он бес дауыс", 15),
        ] {
            assert_eq!(parse_words(text), Some(n), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_number_in_words() {
        for text in ["", "350", "триста пятьдсят", "many", "—"] {
            assert_eq!(parse_words(text), None, "{text}");
        }
    }

    #[test]
    fn recognises_the_headers_of_figures_in_words() {
        assert_eq!(words_header("прописью").as_deref(), Some(""));
        assert_eq!(words_header("жазбаша").as_deref(), Some(""));
        assert_eq!(
            words_header("число недействительных бюллетеней прописью").as_deref(),
            Some("число недействительных бюллетеней")
        );
        assert_eq!(words_header("жарамсыз бюллетеньдер саны жазбаша").as_deref(), Some("жарамсыз бюллетеньдер саны"));
        assert_eq!(words_header("ballots invalid in words").as_deref(), Some("ballots invalid"));
        assert_eq!(words_header("число недействительных бюллетеней"), None);
    }
}
