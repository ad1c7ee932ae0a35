extension Event {
    /// Reads a body of JSON Lines of interchange events, as a push sends them: valid UTF-8, one JSON
    /// object a line (blank lines skipped, a trailing `\r` allowed), every known field checked, every
    /// event with an `id` (so a retry cannot add it twice). Throws `invalidEvent` naming the line of
    /// the first fault; nothing is returned unless every line is an event.
    ///
    /// Pure, so the team server's decoding of a push is this one function, and a fuzzer drives it.
    public static func lines(from bytes: [UInt8]) throws(CoreError) -> [Event] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .invalidEvent("the body is not valid UTF-8")
        }
        var events: [Event] = []
        var number = 0
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = raw
            if line.last == "\r" { line = line.dropLast() }
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            let event: Event
            do {
                event = try Event(jsonLine: String(line), makeID: { "" })
            } catch {
                throw .invalidEvent("line \(number): \(error.description)")
            }
            guard !event.id.isEmpty else {
                throw .invalidEvent("line \(number): each event needs an \"id\", so a retry cannot add it twice")
            }
            events.append(event)
        }
        guard !events.isEmpty else { throw .invalidEvent("the body has no events: send one JSON object a line") }
        return events
    }
}
