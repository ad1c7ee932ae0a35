/// Colour for the terminal: ANSI escapes around a text, or the text unchanged when colour is off
/// (`NO_COLOR`, or output that is not a terminal; the CLI decides, core only applies it).
public enum Paint: String, Sendable {
    /// Overdue loops, critical findings.
    case red = "31"
    /// Blocked loops, warnings.
    case yellow = "33"
    /// Information.
    case cyan = "36"

    /// The text in this colour when `enabled`, else the text itself.
    public func apply(_ text: String, enabled: Bool) -> String {
        enabled ? "\u{1B}[\(rawValue)m" + text + "\u{1B}[0m" : text
    }
}

extension Severity {
    /// The colour a finding of this severity is shown in.
    public var paint: Paint {
        switch self {
        case .info: .cyan
        case .warning: .yellow
        case .critical: .red
        }
    }
}
