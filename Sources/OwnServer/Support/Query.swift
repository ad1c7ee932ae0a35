import Foundation
import HTTPTypes
import OwnCore

/// Reading query parameters, with errors that name the parameter and say what it should be.
enum Query {
    static func integer(_ text: Substring?, name: String, default value: Int) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text) else { throw APIError(.badRequest, "\"\(name)\" must be a whole number") }
        return number
    }

    /// `at`: an ISO-8601 instant with an offset.
    static func instant(_ text: Substring?, name: String = "at") throws -> Date? {
        guard let text else { return nil }
        guard let instant = Timestamp.parse(text) else {
            throw APIError(
                .badRequest,
                "\"\(name)\" must be an ISO-8601 date-time with offset, like 2026-11-27T16:00:00Z"
            )
        }
        return instant
    }
}
