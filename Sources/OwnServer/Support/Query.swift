import Foundation
import HTTPTypes
import OwnCore

/// Reading query parameters, with errors that name the parameter and say what it should be.
enum Query {
    /// A whole number; `minimum` is the least the route takes, for the words on one out of range.
    static func integer(
        _ text: Substring?,
        name: String,
        default value: Int,
        minimum: Int = Int.min,
        maximum: Int = Int.max
    ) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text) else {
            // Digits only, too many of them: a whole number all the same, past what the server counts to.
            let digits = text.hasPrefix("-") ? text.dropFirst() : text
            let tooLarge = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
            throw APIError(
                .badRequest,
                "\"\(name)\" must be a whole number" + (tooLarge ? " from \(minimum) to \(maximum)" : "")
            )
        }
        return number
    }

    /// A flag: `true` or `false` (absent: false). Anything else is refused: `?all=1` read as false
    /// returned less than was asked for, and nothing said so.
    static func boolean(_ text: Substring?, name: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        default: throw APIError(.badRequest, "\"\(name)\" must be true or false")
        }
    }

    /// `at`: an RFC 3339 instant (`2026-11-27T16:00:00Z`, seconds and an offset from -14:00 to
    /// +14:00 required), read by OwnCore's `Timestamp`; exactly what the OpenAPI document says.
    static func instant(_ text: Substring?, name: String = "at") throws -> Date? {
        guard let text else { return nil }
        guard isRFC3339(text), let instant = Timestamp.parse(text) else {
            throw APIError(
                .badRequest,
                "\"\(name)\" must be an ISO-8601 date-time with offset, like 2026-11-27T16:00:00Z"
            )
        }
        // Reads as of an instant past Foundation's `distantFuture` (4001) made empty ranges (a page
        // that trapped): no ledger holds events outside these years.
        guard Timestamp.years.contains(instant) else {
            throw APIError(.badRequest, "\"\(name)\" must be from 1970 to 3999, like 2026-11-27T16:00:00Z")
        }
        return instant
    }

    /// Whether the text has the shape of an RFC 3339 date-time: `YYYY-MM-DDTHH:MM:SS`, an optional
    /// `.fraction`, then `Z` or `±HH:MM` (either case of `T` and `Z`). `Timestamp` reads more forms
    /// for people at a terminal; an API takes the one standard form.
    static func isRFC3339(_ text: Substring) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ range: Range<Int>) -> Bool {
            range.upperBound <= bytes.count && bytes[range].allSatisfy { $0 >= 48 && $0 <= 57 }
        }
        guard bytes.count >= 20, digits(0..<4), bytes[4] == 45, digits(5..<7), bytes[7] == 45, digits(8..<10),
            bytes[10] == 84 || bytes[10] == 116, digits(11..<13), bytes[13] == 58, digits(14..<16), bytes[16] == 58,
            digits(17..<19)
        else { return false }
        var index = 19
        if bytes[index] == 46 {
            index += 1
            let start = index
            while index < bytes.count, digits(index..<(index + 1)) { index += 1 }
            guard index > start else { return false }
        }
        if index == bytes.count - 1 { return bytes[index] == 90 || bytes[index] == 122 }
        return index == bytes.count - 6 && (bytes[index] == 43 || bytes[index] == 45)
            && digits((index + 1)..<(index + 3))
            && bytes[index + 3] == 58 && digits((index + 4)..<(index + 6))
    }

    /// `since` / `until`: a day (`YYYY-MM-DD`) or an RFC 3339 instant; nil when it is neither.
    static func dayOrInstant(_ text: Substring) -> Due? {
        if let day = CivilDate(iso: text) { return .day(day) }
        guard isRFC3339(text), let instant = Timestamp.parse(text) else { return nil }
        return .instant(instant)
    }
}
