/// How much is at stake if the loop goes wrong; sets the default autonomy and how soon silence matters.
public enum Stakes: String, Sendable, CaseIterable, Comparable, Codable {
    case routine, low, medium, high, critical

    /// The autonomy a loop gets by default: routine 5, low 4, medium 4, high 3, critical 3.
    public var defaultAutonomy: Int {
        switch self {
        case .routine: 5
        case .low, .medium: 4
        case .high, .critical: 3
        }
    }

    /// Its place among the cases, low to high: a switch, where `allCases.firstIndex(of:)` made the
    /// list of cases for every comparison (the doctor and an import's projection compare stakes for
    /// every loop).
    private var rank: Int {
        switch self {
        case .routine: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (lhs: Stakes, rhs: Stakes) -> Bool { lhs.rank < rhs.rank }
}

/// What the work is. `test`, `docs`, `debt`, `monitoring` and `oncall` are the boring parts.
public enum Kind: String, Sendable, CaseIterable, Codable {
    case feature, bug, test, docs, debt, monitoring, oncall, incident, review, help, process, other

    /// Whether this is one of the boring parts someone has to own.
    public var isBoring: Bool {
        switch self {
        case .test, .docs, .debt, .monitoring, .oncall: true
        default: false
        }
    }
}

/// Where in its lifecycle the work is.
public enum Stage: String, Sendable, CaseIterable, Codable {
    case requirement, design, implementation, review, deploy, monitor, iterate
}

/// A loop's state, derived from its events.
public enum LoopState: String, Sendable, CaseIterable, Codable {
    case proposed, open, active, blocked, done, dropped
    /// Only in a projection stored before a hand-off moved the loop to its new owner; no fold
    /// reaches it now (a hand-off leaves the loop open for the recipient), and the ledger folds such
    /// loops again when it opens.
    case handedOff = "handed-off"

    /// The states a loop can be in now, which a query by state takes: every one but `handedOff`.
    public static let current: [LoopState] = allCases.filter { $0 != .handedOff }

    /// Still someone's to close: proposed, open, active or blocked.
    public var isLive: Bool {
        switch self {
        case .proposed, .open, .active, .blocked: true
        case .done, .dropped, .handedOff: false
        }
    }

    /// The live states: proposed, open, active, blocked.
    public static let live = Set(allCases.filter(\.isLive))

    /// The states that end a loop: done, dropped, handed off.
    public static let ended = Set(allCases.filter { !$0.isLive })
}

/// Where a report was made, for `reported` events.
public enum ReportChannel: String, Sendable, CaseIterable, Codable {
    case standup, weekly, notice, demo, doc
}

extension CaseIterable where Self: RawRepresentable, RawValue == String {
    /// Parses a value by name, or throws an error that lists the accepted names.
    public static func named(_ text: String, field: String) throws(CoreError) -> Self {
        let wanted = text.lowercased()
        guard let value = allCases.first(where: { $0.rawValue == wanted }) else {
            throw .invalidValue(field: field, value: text, accepted: allCases.map(\.rawValue))
        }
        return value
    }
}

// Each enumeration's names, found by their bytes: where a stored loop holds them
// (`JSONParser.Cursor.knownValue`), and in the events an import reads (`KnownNames.member(named:)`).
extension Stakes { static let names = JSONParser.KnownNames<Self>() }
extension Kind { static let names = JSONParser.KnownNames<Self>() }
extension Stage { static let names = JSONParser.KnownNames<Self>() }
extension LoopState { static let names = JSONParser.KnownNames<Self>() }
extension ReportChannel { static let names = JSONParser.KnownNames<Self>() }
