public import Foundation

extension Event {
    /// The longest event line a push takes, in bytes: every teammate pulls each event, and the
    /// dashboard and the API show it. A text that long is a document; the event can link to it.
    public static let longestPushedLine = 64 * 1024

    /// How far after the team server's clock a pushed event may be dated: 10 minutes, for clocks that
    /// are a little off, not for dates to come (a loop created a day ahead was one its new owner could
    /// not start or see until then).
    public static let latestPushedAhead: TimeInterval = 600

    /// Reads a body of JSON Lines of interchange events, as a push sends them: valid UTF-8 (a byte-order
    /// mark before it skipped), one JSON
    /// object a line (blank lines skipped, a trailing `\r` allowed), every known field checked, every
    /// event with an `id` (so a retry cannot add it twice), none longer than `longestPushedLine`. Throws `invalidEvent` naming the line of
    /// the first fault; nothing is returned unless every line is an event.
    ///
    /// Pure, so the team server's decoding of a push is this one function, and a fuzzer drives it.
    public static func lines(from bytes: [UInt8]) throws(CoreError) -> [Event] {
        try numberedLines(from: bytes).map(\.event)
    }

    /// `lines(from:)`, each event with its line's number in the body (blank lines counted), for the
    /// messages about one of them.
    public static func numberedLines(from bytes: [UInt8]) throws(CoreError) -> [(line: Int, event: Event)] {
        guard var text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidEvent("the body is not valid UTF-8")
        }
        // A byte-order mark (Windows editors write one) is no part of the first line, as `own import` reads it.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var events: [(line: Int, event: Event)] = []
        var number = 0
        // "\r\n" is one Character to Swift: a split on "\n" alone kept CRLF lines together.
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            guard line.utf8.count <= longestPushedLine else {
                throw .invalidEvent(
                    "line \(number): the event is \(line.utf8.count) bytes; the team server takes events of up to "
                        + "\(longestPushedLine) (link to a long text rather than paste it)"
                )
            }
            let event: Event
            do {
                event = try Event(jsonLine: String(line), makeID: { "" })
            } catch {
                throw .invalidEvent("line \(number): \(error.description)")
            }
            guard !event.id.isEmpty else {
                throw .invalidEvent("line \(number): each event needs an \"id\", so a retry cannot add it twice")
            }
            events.append((number, event))
        }
        guard !events.isEmpty else { throw .invalidEvent("the body has no events: send one JSON object a line") }
        return events
    }
}
