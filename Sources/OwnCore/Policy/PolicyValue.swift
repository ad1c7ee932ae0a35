/// A value as a policy file gives it, before the policy checks it. The command line reads TOML and
/// hands the core these, so the core stays free of file formats.
public enum PolicyValue: Sendable, Equatable {
    /// A number (TOML integer or float).
    case number(Double)
    /// A string, such as `"4h"` or `"20%"`.
    case text(String)
    /// A table, such as `dark-after = { high = 2 }`.
    case table([String: PolicyValue])
    /// Anything else (a Boolean, a list, a date), described for the error message.
    case other(String)

    /// The value as a person wrote it, for messages.
    public var description: String {
        switch self {
        case .number(let number): Policy.format(number)
        case .text(let text): "\"\(text)\""
        case .table: "a table"
        case .other(let text): text
        }
    }
}
