//! The protocols by name.

/// The negotiation protocols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    /// Two parties alternate offers; the other accepts or counters.
    Alternating,
    /// Multilateral stacked alternating offers: parties move in turn, each
    /// accepting the standing offer or replacing it; agreement when all the
    /// others have accepted it in a row.
    Stacked,
    /// The mediator's single negotiating text, then one yes/no vote.
    SingleText,
    /// A one-shot summit: the host proposes once, everyone answers once.
    Summit,
}

impl Protocol {
    /// Name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Protocol::Alternating => "alternating",
            Protocol::Stacked => "stacked",
            Protocol::SingleText => "single-text",
            Protocol::Summit => "summit",
        }
    }
    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Protocol> {
        Some(match s {
            "alternating" => Protocol::Alternating,
            "stacked" => Protocol::Stacked,
            "single-text" => Protocol::SingleText,
            "summit" => Protocol::Summit,
            _ => return None,
        })
    }
}
