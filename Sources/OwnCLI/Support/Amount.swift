import ArgumentParser
import OwnCore

/// A number an option takes (weeks, seconds), whose default `--help` shows as people write it:
/// `12`, not `12.0`.
struct Amount: ExpressibleByArgument, Equatable {
    var value: Double

    init(_ value: Double) {
        self.value = value
    }

    init?(argument: String) {
        guard let value = Double(argument) else { return nil }
        self.value = value
    }

    var defaultValueDescription: String { Policy.format(value) }
}
