public import ArgumentParser
public import OwnCore

// The fixed sets an option's value comes from. Conforming them here lets the argument parser list
// the values in `--help` and refuse any other value with the list, before a command runs; OwnCore
// stays free of the argument parser.

extension Stakes: NamedValues {}
extension Kind: NamedValues {}
extension Stage: NamedValues {}
extension LoopState: NamedValues {
    /// The states a loop is in now: `handed-off` is only in projections stored before a hand-off moved
    /// the loop to its new owner (`own list --delegated` lists hand-offs), so no filter matches it.
    public static var allValueStrings: [String] { current.map(\.rawValue) }

    public init?(argument: String) {
        guard let state = LoopState(named: argument), Self.current.contains(state) else { return nil }
        self = state
    }
}
extension Severity: NamedValues {}
extension RuleName: NamedValues {}
extension ReportFormat: NamedValues {}
extension FindingFormat: NamedValues {}

/// A fixed set of values named by their raw values. The names are listed here, not by the argument
/// parser's generic default: that one builds type metadata and a key path for each set on every run,
/// about a fifth of a millisecond a set, paid by `own list` before it reads anything.
public protocol NamedValues: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension NamedValues {
    /// The value named, without the blanks around it and in any case (`--stakes " High "`), as
    /// names and dates are read: each value's name is lower case.
    public init?(argument: String) {
        self.init(named: argument)
    }

    init?(named argument: String) {
        let name = argument.trimming(.spaces)
        guard let value = Self(rawValue: name) ?? Self(rawValue: name.lowercased()) else { return nil }
        self = value
    }

    public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
    /// None of these sets describes its values beyond their names.
    public static var allValueDescriptions: [String: String] { [:] }
}

/// What every command that takes a loop says of its argument.
let loopArgumentHelp = ArgumentHelp("The loop: its number, its key, or a unique start of its key (4+ characters).")
