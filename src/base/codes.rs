//! The coded values of the tables, as Rust enums.
//!
//! Each enum is the one list of its codes: the schema's `Kind::Enum`
//! columns take their allowed values from [`Code::CODES`], the DataFrames
//! their `Enum` categories, the codebooks their value lists. Rules about
//! codes ("summits and calls are leader-level contact", "a prize is not an
//! agreement") are methods here, stated once, and the codebooks quote them.
//!
//! ```
//! use negotiations::codes::{Code, Held, UsLevel};
//! assert!(UsLevel::President.is_leader_level());
//! assert_eq!(Held::parse("superseded"), Some(Held::Superseded));
//! assert_eq!(Held::Superseded.as_str(), "superseded");
//! assert!("unravelled".parse::<Held>().is_err()); // the codes are spelled one way
//! ```

use std::fmt;

use crate::error::Error;

/// What every code enum offers: its codes in order, and conversion from
/// and to the text in the CSV files.
pub trait Code: Sized + Copy + 'static {
    /// The enum's name in messages (`held`).
    const NAME: &'static str;
    /// Every value, in codebook order.
    const ALL: &'static [Self];
    /// Every code, in codebook order (the `Enum` categories of DataFrames).
    const CODES: &'static [&'static str];
    /// The code as written in the CSV files.
    fn as_str(self) -> &'static str;
    /// The value of a code, if it is one.
    fn parse(code: &str) -> Option<Self>;
}

macro_rules! codes {
    ($(#[$meta:meta])* $name:ident = $label:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl Code for $name {
            const NAME: &'static str = $label;
            const ALL: &'static [$name] = &[$($name::$variant),+];
            const CODES: &'static [&'static str] = &[$($code),+];
            fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }
            fn parse(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl $name {
            /// The code as written in the CSV files.
            pub fn as_str(self) -> &'static str {
                <$name as Code>::as_str(self)
            }
            /// The value of a code, if it is one.
            pub fn parse(code: &str) -> Option<$name> {
                <$name as Code>::parse(code)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<$name, Error> {
                $name::parse(s).ok_or_else(|| Error::unknown($label, s, <$name as Code>::CODES.iter().copied()))
            }
        }
    };
}

codes! {
    /// How precisely a date is known. A `month` or `year` date is the first
    /// day of its period; [`crate::base::dates::last_day`] gives the last.
    Precision = "precision" {
        /// The day is known.
        Day = "day",
        /// The week is known (Monday to Sunday): the date is its Monday.
        /// What a new article's "this week" or "last week" gives.
        Week = "week",
        /// The month is known.
        Month = "month",
        /// Only the year is known.
        Year = "year",
    }
}

codes! {
    /// Where a row's dates come from.
    DateBasis = "date basis" {
        /// Stated in the article.
        Stated = "stated",
        /// Inferred from the article (reasoning in `notes`).
        Inferred = "inferred",
        /// From the public record (reference in `notes`).
        External = "external",
    }
}

codes! {
    /// Where a meeting row comes from (see `data/CODING.md`, "Sessions and
    /// missions" and "Public-record rows").
    Provenance = "provenance" {
        /// An article describes this very meeting (its quote says so).
        Stated = "stated",
        /// An article tells of such meetings together ("several phone
        /// calls", "multiple shuttle missions"); the row is one of them,
        /// quoted from that passage and dated by the document it cites.
        Collective = "collective",
        /// The documentary record only: no article tells of it, even as a
        /// kind. The row cites the document that dates it and quotes no
        /// article.
        Record = "record",
    }
}

impl Provenance {
    /// Whether an article tells of the meeting (by itself or among others).
    pub fn in_article(self) -> bool {
        self != Provenance::Record
    }

    /// Whether the row must cite a document (`citation`): every row whose
    /// identity or date rests on the record.
    pub fn needs_citation(self) -> bool {
        self != Provenance::Stated
    }
}

codes! {
    /// How high the United States' side of a meeting was.
    UsLevel = "U.S. level" {
        /// The U.S. president took part, in person or on the line.
        President = "president",
        /// The process's lead negotiator (a U.S. envoy or secretary, or
        /// the mediator) without the president.
        Negotiator = "negotiator",
        /// No one for the United States or the mediator took part (the
        /// Portsmouth plenaries).
        None = "none",
    }
}

impl UsLevel {
    /// Leader-level contact: the U.S. president in person or on the line.
    pub fn is_leader_level(self) -> bool {
        self == UsLevel::President
    }
}

codes! {
    /// The kind of trip a mission was.
    MissionKind = "mission kind" {
        /// The lead negotiator travelled between the parties' capitals,
        /// carrying proposals from one to the other.
        Shuttle = "shuttle",
        /// A visit to one party, or to several without shuttling.
        Trip = "trip",
        /// The parties' principals came to one venue (a conference, a
        /// summit, talks hosted by a third country).
        Venue = "venue",
    }
}

codes! {
    /// The negotiating style a process is filed under.
    Approach = "approach" {
        /// Henry Kissinger's shuttle diplomacy.
        Kissinger = "kissinger",
        /// Donald Trump's envoy-and-summit diplomacy.
        Trump = "trump",
        /// Theodore Roosevelt's mediation at Portsmouth.
        Roosevelt = "roosevelt",
        /// The other historic cases.
        Other = "other",
    }
}

impl Approach {
    /// The column of the Kissinger-versus-Trump summary it falls in.
    pub fn side(self) -> Side {
        match self {
            Approach::Kissinger => Side::Kissinger,
            Approach::Trump => Side::Trump,
            Approach::Roosevelt | Approach::Other => Side::Others,
        }
    }
}

codes! {
    /// The three columns of the Kissinger-versus-Trump summary.
    Side = "side" {
        /// Kissinger's processes.
        Kissinger = "kissinger",
        /// Trump's processes.
        Trump = "trump",
        /// Every other case (Roosevelt's included).
        Others = "others",
    }
}

codes! {
    /// The United States' part in a process (see `data/CODING.md`,
    /// "Mediator or party").
    UsRole = "U.S. role" {
        /// A third party helping the sides agree.
        Mediator = "mediator",
        /// One of the sides.
        Party = "party",
        /// Not involved.
        None = "none",
    }
}

codes! {
    /// Where a process stands as of the latest article.
    Status = "status" {
        /// Still under way.
        Ongoing = "ongoing",
        /// Ended in an agreement (or a final failure, stated).
        Concluded = "concluded",
        /// No progress, not abandoned.
        Stalled = "stalled",
        /// Given up.
        Abandoned = "abandoned",
    }
}

codes! {
    /// The form a meeting took.
    Format = "format" {
        /// Leaders face to face.
        Summit = "summit",
        /// An envoy with a leader or officials.
        EnvoyTalks = "envoy_talks",
        /// A session of a shuttle mission between capitals.
        ShuttleRound = "shuttle_round",
        /// A call: the lead negotiator or a leader on the telephone (who
        /// called is in `participants`, how high in `us_level`).
        PhoneCall = "phone_call",
        /// A plenary session of delegations.
        Plenary = "plenary",
        /// Delegations meeting.
        DelegationTalks = "delegation_talks",
        /// Anything else.
        Other = "other",
    }
}

codes! {
    /// What a meeting achieved, as the articles judge it.
    MeetingResult = "result" {
        /// An agreement was reached or signed.
        Agreement = "agreement",
        /// A breakthrough short of agreement.
        Breakthrough = "breakthrough",
        /// Some progress.
        Progress = "progress",
        /// No breakthrough.
        NoBreakthrough = "no_breakthrough",
        /// Not judged.
        Unknown = "unknown",
    }
}

codes! {
    /// What a stated time span is about.
    DurationKind = "duration kind" {
        /// How long a negotiation took.
        Negotiation = "negotiation",
        /// A deadline set for a party.
        Deadline = "deadline",
        /// A pledge or threat, with or without a time span.
        Pledge = "pledge",
        /// How long a meeting lasted.
        Meeting = "meeting",
        /// Time between two events.
        Interval = "interval",
    }
}

impl DurationKind {
    /// Deadlines and pledges are commitments: they have a fate.
    pub fn is_commitment(self) -> bool {
        matches!(self, DurationKind::Deadline | DurationKind::Pledge)
    }
}

codes! {
    /// What became of a deadline or pledge.
    Fate = "fate" {
        /// Met in time.
        Met = "met",
        /// Passed unmet.
        Missed = "missed",
        /// Moved later.
        Extended = "extended",
        /// Passed without consequence or mention.
        Ignored = "ignored",
        /// Not yet due.
        Pending = "pending",
        /// Not a deadline or pledge.
        NotApplicable = "not_applicable",
    }
}

impl Fate {
    /// Missed or ignored: the commitment was broken.
    pub fn is_broken(self) -> bool {
        matches!(self, Fate::Missed | Fate::Ignored)
    }
}

codes! {
    /// What a process produced.
    OutcomeKind = "outcome kind" {
        /// A ceasefire.
        Ceasefire = "ceasefire",
        /// A disengagement of forces.
        Disengagement = "disengagement",
        /// An armistice.
        Armistice = "armistice",
        /// A peace agreement.
        PeaceAgreement = "peace_agreement",
        /// A treaty.
        Treaty = "treaty",
        /// A memorandum.
        Memorandum = "memorandum",
        /// A de-escalation or joint declaration.
        DeEscalation = "de_escalation",
        /// No agreement was reached.
        NoAgreement = "no_agreement",
        /// A prize awarded for it.
        Prize = "prize",
    }
}

impl OutcomeKind {
    /// An agreement of some kind: everything but prizes and the absence of
    /// an agreement. Only agreements can hold or unravel.
    pub fn is_agreement(self) -> bool {
        !matches!(self, OutcomeKind::NoAgreement | OutcomeKind::Prize)
    }
}

codes! {
    /// Whether an agreement lasted, as of the latest article (see
    /// `data/CODING.md`, "Held").
    Held = "held" {
        /// In force, not seriously breached.
        Held = "held",
        /// In force, but breached or with key terms unmet.
        Fragile = "fragile",
        /// A party suspended it; it may resume.
        Suspended = "suspended",
        /// Replaced by a later agreement between the same parties.
        Superseded = "superseded",
        /// Collapsed: war resumed, or a party declared it void.
        Unraveled = "unraveled",
        /// Not known.
        Unknown = "unknown",
        /// Not an agreement (prizes, no agreement).
        NotApplicable = "not_applicable",
    }
}

impl Held {
    /// Whether the agreement stopped holding on a date (`ended`), which
    /// the row must then give.
    pub fn has_end(self) -> bool {
        matches!(self, Held::Suspended | Held::Superseded | Held::Unraveled)
    }

    /// Whether its end counts as a failure in durability estimates. A
    /// superseded agreement did not fail: it was replaced, and is censored
    /// at its replacement.
    pub fn is_failure(self) -> bool {
        matches!(self, Held::Suspended | Held::Unraveled)
    }
}

/// How a duration phrase bounds its number: the codes of
/// [`crate::prose::phrase::Modifier`] (a test holds the two together).
pub const MODIFIER: &[&str] = &[
    "exact",
    "approx",
    "less_than",
    "more_than",
    "at_most",
    "at_least",
];

/// The display order and the house colour order of approaches in charts.
pub const APPROACH_ORDER: [Approach; 4] = [
    Approach::Kissinger,
    Approach::Trump,
    Approach::Roosevelt,
    Approach::Other,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<C: Code + PartialEq + fmt::Debug>() {
        assert_eq!(C::ALL.len(), C::CODES.len(), "{}", C::NAME);
        for (v, c) in C::ALL.iter().zip(C::CODES) {
            assert_eq!(v.as_str(), *c);
            assert_eq!(C::parse(c), Some(*v));
        }
        assert_eq!(C::parse("no such code"), None);
    }

    #[test]
    fn every_code_round_trips() {
        round_trips::<Precision>();
        round_trips::<DateBasis>();
        round_trips::<Provenance>();
        round_trips::<Approach>();
        round_trips::<Side>();
        round_trips::<UsRole>();
        round_trips::<Status>();
        round_trips::<Format>();
        round_trips::<MeetingResult>();
        round_trips::<DurationKind>();
        round_trips::<Fate>();
        round_trips::<OutcomeKind>();
        round_trips::<Held>();
        round_trips::<UsLevel>();
        round_trips::<MissionKind>();
    }

    #[test]
    fn unknown_codes_list_the_known_ones() {
        let e = "unravelled".parse::<Held>().unwrap_err().to_string();
        assert!(
            e.contains("unravelled") && e.contains("unraveled, unknown"),
            "{e}"
        );
    }

    #[test]
    fn rules_on_codes() {
        let leader: Vec<_> = UsLevel::ALL
            .iter()
            .filter(|f| f.is_leader_level())
            .collect();
        assert_eq!(leader, [&UsLevel::President]);
        assert!(!Provenance::Record.in_article() && Provenance::Record.needs_citation());
        assert!(Provenance::Collective.needs_citation() && !Provenance::Stated.needs_citation());
        assert!(!OutcomeKind::Prize.is_agreement() && OutcomeKind::Treaty.is_agreement());
        assert!(Held::Superseded.has_end() && !Held::Superseded.is_failure());
        assert!(Held::Suspended.is_failure() && !Held::Fragile.has_end());
        assert_eq!(Approach::Roosevelt.side(), Side::Others);
    }
}
