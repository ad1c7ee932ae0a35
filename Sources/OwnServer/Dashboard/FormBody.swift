import Foundation
import Hummingbird

/// An `application/x-www-form-urlencoded` body, as the dashboard's forms send it.
struct FormBody {
    let fields: [String: String]

    subscript(name: String) -> String? { fields[name] }

    /// Reads and decodes a form body of at most 64 KiB.
    static func read(_ request: Request) async throws -> FormBody {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        let text = String(buffer: buffer)
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decode(parts[0]) else { continue }
            fields[name] = parts.count == 2 ? decode(parts[1]) ?? "" : ""
        }
        return FormBody(fields: fields)
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
