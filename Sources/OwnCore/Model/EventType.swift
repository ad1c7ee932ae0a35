/// The kinds of fact the ledger records about a loop.
public enum EventType: String, Sendable, CaseIterable, Codable {
    case created, started, noted, blocked, helpAsked, unblocked, risk, scopeChanged, dueChanged, staged
    case approved, handedOff, reported, done, dropped, edited
    /// What now prevents a repeat of a dropped ball: an alert, a check, a gate, a test.
    case guarded
    /// Time off on a person's calendar (under the key `@away`, not a loop).
    case away
    /// Time off called off: `cancels` names the `away` event.
    case awayCancelled
    /// Work said no to, explicitly (under the key `@declined`, not a loop).
    case declined
    /// A done or dropped loop taken back to open (`reason` says why).
    case reopened
    /// Takes back an earlier event of the same loop (`retracts` names its id): the fold skips both.
    case retracted

    /// Whether an event of this type, by the loop's owner, counts as the owner communicating.
    public var isCommunication: Bool {
        switch self {
        case .noted, .blocked, .helpAsked, .unblocked, .risk, .scopeChanged, .dueChanged, .staged, .reported,
            .created, .reopened:
            true
        case .started, .approved, .handedOff, .done, .dropped, .edited, .guarded, .away, .awayCancelled, .declined,
            .retracted:
            false
        }
    }

    /// Whether this is a change to plan that people who depend on the loop should hear about.
    public var isPlanChange: Bool {
        self == .scopeChanged || self == .dueChanged || self == .risk
    }

    /// Whether a loop must be folded again from all its events once an event of this type is added:
    /// a retraction takes back an earlier event, which applying one more event cannot do.
    public var needsRefold: Bool {
        self == .retracted
    }
}

// Its names, found by their bytes where a stored loop holds them (`JSONParser.Cursor.knownValue`).
extension EventType { static let names = JSONParser.KnownNames<Self>() }
