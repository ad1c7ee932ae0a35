import Foundation
import Hummingbird
import TeamStore

/// The flips `GET …/flips/` lists, as healthchecks filters them: `seconds=N` the last N seconds (up to
/// a year), `start=T` at or after the UNIX time T, `end=T` before it. A value that is not a whole
/// number of that range is refused with 400, as healthchecks refuses it: dropped, it listed the
/// whole history to a script that asked for a month.
struct FlipWindow {
    var since: Date?
    var before: Date?

    /// healthchecks' bound on `seconds`: a year.
    static let longestLookback = 31_536_000
    /// The last second of the year 9999: a UNIX time past it is no date.
    static let latestTime = 253_402_300_799

    init(_ query: Parameters, now: Date) throws {
        // Read as every query's whole number is (`Query.integer`), then held to its range as the
        // pull's `limit` is.
        func value(_ name: String, upTo limit: Int = Self.latestTime) throws -> Int? {
            guard let text = query[Substring(name)] else { return nil }
            let number = try Query.integer(text, name: name, default: 0, minimum: 0, maximum: limit)
            guard (0...limit).contains(number) else {
                throw APIError(
                    .badRequest,
                    "\"\(name)\" must be from 0 to \(limit)"
                        + (limit == Self.latestTime ? " (a UNIX time)" : " (seconds)")
                )
            }
            return number
        }
        let seconds = try value("seconds", upTo: Self.longestLookback)
        let start = try value("start")
        let end = try value("end")
        let bounds = [
            seconds.map { now.addingTimeInterval(-Double($0)) }, start.map { Date(timeIntervalSince1970: Double($0)) },
        ]
        since = bounds.compactMap { $0 }.max()
        before = end.map { Date(timeIntervalSince1970: Double($0)) }
    }

    /// Whether the window holds the flip.
    func holds(_ flip: MonitorFlip) -> Bool {
        (since.map { flip.at >= $0 } ?? true) && (before.map { flip.at < $0 } ?? true)
    }
}
