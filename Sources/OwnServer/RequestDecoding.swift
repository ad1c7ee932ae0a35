public import Foundation
import Hummingbird
import NIOCore
public import OwnCore

/// Turning a request body into events: the path every push takes, kept apart from HTTP so that a
/// fuzzer can drive it with arbitrary bytes.
public enum RequestDecoding {
    /// Reads a request's body, refusing (413) one larger than `limit` bytes with `advice`.
    static func body(_ request: Request, limit: Int, advice: String = "send a smaller body") async throws -> [UInt8] {
        // A body declared larger is refused before it is sent: the client was left to send it all
        // (or to hold the connection open) before it heard.
        if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError(.contentTooLarge, "the body is larger than \(limit) bytes; \(advice)")
        }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw APIError(.contentTooLarge, "the body is larger than \(limit) bytes; \(advice)")
        } catch {
            // A body cut short, or sent in chunks whose sizes are not what they hold: no size to blame.
            throw APIError(.badRequest, "the body could not be read as HTTP sends one (\(error)); send it again whole")
        }
    }

    /// Reads JSON Lines of interchange events from raw bytes (`Event.numberedLines(from:)`), each
    /// with its line's number: throws an `APIError` (400) naming the line at the first fault.
    public static func events(_ bytes: [UInt8]) throws(APIError) -> [(line: Int, event: Event)] {
        do {
            return try Event.numberedLines(from: bytes)
        } catch {
            throw APIError(.badRequest, error.description)
        }
    }
}
