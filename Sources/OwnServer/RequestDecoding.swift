public import Foundation
import Hummingbird
import NIOCore
public import OwnCore

/// Turning a request body into events: the path every push takes, kept apart from HTTP so that a
/// fuzzer can drive it with arbitrary bytes.
public enum RequestDecoding {
    /// Reads a request's body, refusing (413) one larger than `limit` bytes.
    static func body(_ request: Request, limit: Int) async throws -> [UInt8] {
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError(
                .contentTooLarge,
                "the body is larger than \(limit) bytes; push the events in smaller batches"
            )
        }
    }

    /// Reads JSON Lines of interchange events from raw bytes: valid UTF-8, one JSON object a line
    /// (blank lines skipped), every known field checked, every event with an `id`. Throws an
    /// `APIError` (400) naming the line at the first fault.
    public static func events(_ bytes: [UInt8]) throws(APIError) -> [Event] {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw APIError(.badRequest, "the body is not valid UTF-8")
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
                throw APIError(.badRequest, "line \(number): \(error.description)")
            }
            guard !event.id.isEmpty else {
                throw APIError(
                    .badRequest,
                    "line \(number): each event needs an \"id\", so a retry cannot add it twice"
                )
            }
            events.append(event)
        }
        guard !events.isEmpty else {
            throw APIError(.badRequest, "the body has no events: send one JSON object a line")
        }
        return events
    }
}
