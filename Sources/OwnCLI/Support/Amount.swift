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

    /// Checks a window in weeks (`--weeks`): more than 0, and at most ten years, past which it began
    /// before any ledger (a typo of 99999999 began in the year -1914509).
    func checkWeeks() throws {
        guard value > 0, value.isFinite else { throw ValidationError("--weeks must be more than 0") }
        guard value <= 520 else { throw ValidationError("--weeks must be at most 520 (ten years)") }
    }
}
