//! Ids that look the same and are not: a character that shows nothing (a zero-width space pasted from a web page),
//! a Latin letter where the roster has its Cyrillic look-alike (E and Е, O and О), or the same letter composed
//! another way (й as и and a separate breve). Such ids are never matched: they are told apart, and the difference
//! is named, since a person looking at them sees none.

use unicode_normalization::UnicodeNormalization;

/// What makes two ids that look the same differ.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unseen {
    /// A character that shows nothing, in the id given (`in_given`) or in the other.
    Invisible {
        /// The character.
        ch: char,
        /// Whether it is in the id given (else in the one it looks like).
        in_given: bool,
    },
    /// A character where the other id has its look-alike of another script or kind.
    LookAlike {
        /// The character of the id given.
        given: char,
        /// The other id's character in its place.
        other: char,
    },
    /// The same letters, one of them written as a letter and a separate accent mark (Unicode normalisation).
    Composed,
}

/// Whether a character shows nothing: zero-width spaces and joiners, the soft hyphen, marks of direction, the
/// byte-order mark, variation selectors and tags.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E0FFF}')
}

/// The look-alike a character is taken as: Latin letters as the Cyrillic letters drawn the same, the letter O
/// (either script) as the digit 0, and every kind of space as a space.
fn fold(c: char) -> char {
    match c {
        'A' => 'А',
        'B' => 'В',
        'C' => 'С',
        'E' => 'Е',
        'H' => 'Н',
        'I' | 'Ӏ' => 'І',
        'K' => 'К',
        'M' => 'М',
        'O' | 'О' => '0',
        'P' => 'Р',
        'T' => 'Т',
        'X' => 'Х',
        'Y' => 'У',
        'a' => 'а',
        'c' => 'с',
        'e' => 'е',
        'h' => 'һ',
        'i' => 'і',
        'o' => 'о',
        'p' => 'р',
        'x' => 'х',
        'y' => 'у',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// What an id looks like: composed (NFC), without the characters that show nothing, look-alikes folded. Two ids
/// with the same skeleton look the same.
pub fn skeleton(id: &str) -> String {
    id.nfc().filter(|&c| !is_invisible(c)).map(fold).collect()
}

/// How `given` differs from `other` when they look the same; `None` when they are equal or look different.
pub fn between(given: &str, other: &str) -> Option<Unseen> {
    if given == other || skeleton(given) != skeleton(other) {
        return None;
    }
    for (id, in_given) in [(given, true), (other, false)] {
        if let Some(ch) = id.chars().find(|&c| is_invisible(c)) {
            return Some(Unseen::Invisible { ch, in_given });
        }
    }
    let (g, o): (Vec<char>, Vec<char>) = (given.nfc().collect(), other.nfc().collect());
    if g == o {
        return Some(Unseen::Composed);
    }
    g.iter().zip(&o).find(|(a, b)| a != b).map(|(&given, &other)| Unseen::LookAlike { given, other })
}

/// The script or kind of a character, for a message that names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CharKind {
    /// 0–9.
    Digit,
    /// A Latin letter.
    Latin,
    /// A Cyrillic letter.
    Cyrillic,
    /// A space of some kind.
    Space,
    /// Anything else.
    Other,
}

impl CharKind {
    /// The kind of `c`.
    pub fn of(c: char) -> CharKind {
        match c {
            c if c.is_ascii_digit() => CharKind::Digit,
            c if c.is_ascii_alphabetic() || ('\u{C0}'..='\u{24F}').contains(&c) => CharKind::Latin,
            '\u{400}'..='\u{4FF}' => CharKind::Cyrillic,
            c if c.is_whitespace() => CharKind::Space,
            _ => CharKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_what_a_reader_cannot_see() {
        assert_eq!(between("1\u{200B}01", "101"), Some(Unseen::Invisible { ch: '\u{200B}', in_given: true }));
        assert_eq!(between("101", "10\u{FEFF}1"), Some(Unseen::Invisible { ch: '\u{FEFF}', in_given: false }));
        assert_eq!(between("E101", "Е101"), Some(Unseen::LookAlike { given: 'E', other: 'Е' }));
        assert_eq!(between("О1", "01"), Some(Unseen::LookAlike { given: 'О', other: '0' }));
        assert_eq!(between("и\u{306}1", "й1"), Some(Unseen::Composed));
        assert_eq!(between("101", "101"), None);
        assert_eq!(between("101", "102"), None);
        assert_eq!(between("0101", "101"), None, "a leading zero shows");
    }

    #[test]
    fn ids_that_look_the_same_share_a_skeleton() {
        for (a, b) in [("A1", "А1"), ("12\u{00A0}3", "12 3"), ("һ2", "h2"), ("й", "и\u{306}")] {
            assert_eq!(skeleton(a), skeleton(b), "{a:?} {b:?}");
        }
        assert_ne!(skeleton("101"), skeleton("1011"));
        assert_eq!(CharKind::of('E'), CharKind::Latin);
        assert_eq!(CharKind::of('Е'), CharKind::Cyrillic);
    }
}
