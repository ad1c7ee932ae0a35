import ArgumentParser
import Foundation
import OwnCore

/// An option's value that names one or more values of a fixed set, comma-separated
/// (`--state open,active`): `--help` lists the set, and the parser refuses any name outside it.
///
/// The requirements are on the conformance, not on the type: a generic type's own requirements are
/// checked, each a scan of every conformance record in the binary, whenever a command's options are
/// made, which is every run of `own list`.
struct Choices<Value> {
    /// The values named, in the order given, without repeats.
    var values: [Value]
}

extension Choices: ExpressibleByArgument where Value: ExpressibleByArgument & CaseIterable & Hashable {
    /// Reads `a,b,c`; nil (the parser's error, with the set) when any name is not in the set.
    init?(argument: String) {
        var values: [Value] = []
        for name in argument.split(separator: ",") {
            let trimmed = name.trimming(.spaces)
            if trimmed.isEmpty { continue }
            guard let value = Value(argument: trimmed) else { return nil }
            if !values.contains(value) { values.append(value) }
        }
        guard !values.isEmpty else { return nil }
        self.values = values
    }

    /// The names of the set, for `--help` and the parser's error.
    static var allValueStrings: [String] { Value.allValueStrings }

    /// The names of the set, for the shell's completion (one of them; more after commas, typed).
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}

/// An option's value from a fixed set, or `none` to clear the field (`own edit 3 --stage none`).
/// Its requirements are on the conformance, as `Choices`' are.
enum Clearable<Value> {
    /// Clears the field.
    case none
    /// Sets the field.
    case value(Value)
}

extension Clearable: ExpressibleByArgument where Value: ExpressibleByArgument & CaseIterable {
    /// Reads `none` or a value of the set.
    init?(argument: String) {
        if argument.lowercased() == "none" {
            self = .none
        } else if let value = Value(argument: argument) {
            self = .value(value)
        } else {
            return nil
        }
    }

    /// The names of the set, then `none`.
    static var allValueStrings: [String] { Value.allValueStrings + ["none"] }

    /// The names of the set and `none`, for the shell's completion.
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }
}
