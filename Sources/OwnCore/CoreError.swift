/// What is wrong with input the core was given: a bad field value, an unreadable date, an event that
/// breaks the format. Each message says what would be accepted.
public enum CoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A field has a value outside its accepted set.
    case invalidValue(field: String, value: String, accepted: [String])
    /// A setting's value (as written in its file) is not what the setting takes (`expected`).
    case invalidSetting(key: String, value: String, expected: String)
    /// A date expression could not be read.
    case invalidDate(String)
    /// A date written as YYYY-MM-DD that names no day (2026-02-30), or a date-time with no such time.
    case noSuchDate(String, what: String)
    /// A date read, but outside the years a ledger keeps (`Due.isInLedgerYears`).
    case dateOutOfYears(String)
    /// An event is not of the interchange format.
    case invalidEvent(String)
    /// A loop key that cannot be stored or would collide with a loop number.
    case invalidKey(key: String, reason: String)
    /// A key prefix that starts several loops' keys (those found, in key order).
    case ambiguousKey(prefix: String, keys: [String])
    /// A command that the loop's state (or who asks) does not allow.
    case notAllowed(String)
    /// A monitor's schedule (cron expression, zone, period) that cannot be used.
    case invalidSchedule(String)

    /// The message for a person.
    public var description: String {
        switch self {
        case .invalidValue(let field, let value, let accepted):
            "\(field) \"\(value)\" is not one of: \(accepted.joined(separator: ", "))"
        case .invalidSetting(let key, let value, let expected):
            "\(key) = \(value) cannot be used: it takes \(expected)"
        case .invalidDate(let text):
            "cannot read the date \"\(text)\"; use YYYY-MM-DD, an ISO-8601 date-time (with an offset, or read in your "
                + "zone), today, tomorrow, "
                + "yesterday, a weekday (mon … sun), eod, eow, eom, sow, som, +3d, -4w, 2w, 4h, 1mo "
                + "or in 3 days"
        case .noSuchDate(let text, let what):
            "\"\(text)\" is not a date: no such \(what)"
        case .dateOutOfYears(let text):
            "the date \"\(text)\" is outside the years a ledger keeps, 1970 to 3999; check the year"
        case .invalidEvent(let reason):
            reason
        case .invalidKey(let key, let reason):
            "the key \(TextEscaping.quoted(key)) cannot be used: \(reason)"
        case .ambiguousKey(let prefix, let keys):
            "\(TextEscaping.quoted(prefix)) starts the keys of several loops ("
                + keys.prefix(KeyPrefix.candidatesFetched - 1).map(TextEscaping.escaped).joined(separator: ", ")
                + (keys.count >= KeyPrefix.candidatesFetched ? ", …" : "") + "); give more of the key"
        case .notAllowed(let reason):
            reason
        case .invalidSchedule(let reason):
            reason
        }
    }
}
