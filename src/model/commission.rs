//! The territorial election commission that signs the protocol of results: where it sits and who it is.

/// The commission, as the report's header and signature block name it. Every part is optional: what is not
/// given is left as a blank line to fill in by hand.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Commission {
    /// The raion (district of the oblast) the commission serves.
    pub raion: Option<String>,
    /// The commission's name, e.g. «Жамбыл аудандық аумақтық сайлау комиссиясы».
    pub name: Option<String>,
    /// The chair.
    pub chair: Option<String>,
    /// The deputy chair.
    pub deputy: Option<String>,
    /// The secretary.
    pub secretary: Option<String>,
    /// The other members, in the order given.
    pub members: Vec<String>,
}
