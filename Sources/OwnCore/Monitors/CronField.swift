/// One of the five fields of a cron expression, and how a term of it reads.
///
/// The grammar is the one healthchecks accepts (through the `cronsim` package): `*`, numbers,
/// names (`JAN`, `MON`), ranges `a-b`, lists `a,b`, steps `*/15`, `5/15`, `0-10/2`; in day-of-month
/// also `L` (last day) and `LW` (last weekday); in day-of-week also `5L` (last Friday) and `MON#2`
/// (second Monday). Day-of-week 0 and 7 are both Sunday.
enum CronField: Int, CaseIterable, Sendable {
    case minute, hour, dayOfMonth, month, dayOfWeek

    /// One parsed term.
    enum Item: Hashable, Sendable {
        case value(Int)
        /// `L` in day-of-month.
        case last
        /// `LW` in day-of-month.
        case lastWeekday
        /// `5#2` in day-of-week: the `week`-th such weekday of the month.
        case nth(weekday: Int, week: Int)
        /// `5L` in day-of-week: the month's last such weekday.
        case lastOf(weekday: Int)
    }

    /// The field's name in messages.
    var name: String {
        switch self {
        case .minute: "minute"
        case .hour: "hour"
        case .dayOfMonth: "day-of-month"
        case .month: "month"
        case .dayOfWeek: "day-of-week"
        }
    }

    /// The values the field accepts.
    var range: ClosedRange<Int> {
        switch self {
        case .minute: 0...59
        case .hour: 0...23
        case .dayOfMonth: 1...31
        case .month: 1...12
        case .dayOfWeek: 0...7
        }
    }

    private static let monthNames = [
        "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
    ]
    private static let dayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    /// Marks a term the field cannot read, with what is wrong with it when that can be told; the
    /// caller adds the field and the whole expression to the message.
    struct Bad: Error {
        var reason: String?
    }

    /// The items an upper-cased term stands for. The order of the checks is `cronsim`'s, so the
    /// same odd terms mean the same thing here: `3/2` starts at 3 and steps to the field's end, while
    /// `3-3/2` is the range 3 to 3 stepped, that is 3 alone (as cronsim 2.9 reads it; before 2.9 it
    /// read as `3/2`).
    func parse(_ term: Substring) throws(Bad) -> Set<Item> {
        if term == "*" {
            return Set(range.map { .value($0) })
        }
        if term.contains(",") {
            var result: Set<Item> = []
            for part in term.split(separator: ",", omittingEmptySubsequences: false) {
                result.formUnion(try parse(part))
            }
            return result
        }
        if self == .dayOfWeek && term.contains("L") {
            let value = term.dropLast()
            guard !value.isEmpty, value.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw Bad(reason: "L after a day of the week is its last in the month, as 5L")
            }
            return [.lastOf(weekday: try number(value))]
        }
        if self == .dayOfWeek, let hash = term.firstIndex(of: "#") {
            let week = try Self.digits(term[term.index(after: hash)...])
            guard (1...5).contains(week) else { throw Bad(reason: "#\(week): a month has weeks 1 to 5") }
            return [.nth(weekday: try number(term[..<hash]), week: week)]
        }
        if let slash = term.firstIndex(of: "/") {
            let step = try Self.digits(term[term.index(after: slash)...])
            guard step > 0 else { throw Bad(reason: "a step of 0 repeats nothing") }
            // A range that runs backwards, stepped: the hint keeps the step (`22-2/2` is 22, 0 and 2).
            if let (start, end) = try backwardsEnds(term[..<slash]) { throw backwards(term, start, end, step: step) }
            let items = try parse(term[..<slash])
            if items == [.last] || items == [.lastWeekday] {
                return items
            }
            let values = items.compactMap { item -> Int? in
                if case .value(let value) = item { value } else { nil }
            }
            guard values.count == items.count else { throw Bad() }
            // A start with a step, not a range that holds one value (`3-3/2`).
            if values.count == 1, !term[..<slash].contains("-") {
                return Set(stride(from: values[0], through: range.upperBound, by: step).map { .value($0) })
            }
            let sorted = values.sorted()
            return Set(stride(from: 0, to: sorted.count, by: step).map { .value(sorted[$0]) })
        }
        if let dash = term.firstIndex(of: "-") {
            if let (start, end) = try backwardsEnds(term) { throw backwards(term, start, end, step: 1) }
            let start = try number(term[..<dash])
            let end = try number(term[term.index(after: dash)...])
            return Set((start...end).map { .value($0) })
        }
        if self == .dayOfMonth && term == "LW" {
            return [.lastWeekday]
        }
        if self == .dayOfMonth && term == "L" {
            return [.last]
        }
        return [.value(try number(term))]
    }

    /// The ends of a range `a-b` that runs backwards (b before a); nil for any other term.
    private func backwardsEnds(_ term: Substring) throws(Bad) -> (Int, Int)? {
        guard let dash = term.firstIndex(of: "-") else { return nil }
        let (start, end) = (try number(term[..<dash]), try number(term[term.index(after: dash)...]))
        return end < start ? (start, end) : nil
    }

    /// A range meant across the field's end (FRI-MON, a night 22-2), which is two ranges: the hint
    /// writes them, or with a step the values it meant (`22-2/2`: 22,0,2). Sunday is 0 (and 7) once.
    private func backwards(_ term: Substring, _ start: Int, _ end: Int, step: Int) -> Bad {
        let top = self == .dayOfWeek ? 6 : range.upperBound
        // Sunday written 7 first: a range from Sunday (0), which runs forwards.
        let fromSunday = self == .dayOfWeek && start == 7
        let meant = fromSunday ? Array(0...end) : Array(start...top) + Array(range.lowerBound...end)
        func span(_ from: Int, _ to: Int) -> String { from == to ? "\(from)" : "\(from)-\(to)" }
        let written =
            step > 1
            ? stride(from: 0, to: meant.count, by: step).map { String(meant[$0]) }.joined(separator: ",")
            : fromSunday ? span(0, end) : span(start, top) + "," + span(range.lowerBound, end)
        return Bad(reason: "\(term) runs backwards; across the end, write it \(written)")
    }

    /// A number or name in this field's range.
    private func number(_ text: Substring) throws(Bad) -> Int {
        if self == .month, let index = Self.monthNames.firstIndex(of: String(text)) {
            return index + 1
        }
        if self == .dayOfWeek, let index = Self.dayNames.firstIndex(of: String(text)) {
            return index
        }
        let value = try Self.digits(text)
        guard range.contains(value) else {
            throw Bad(reason: "\(value) is outside \(range.lowerBound)-\(range.upperBound)")
        }
        return value
    }

    /// Plain ASCII digits (leading zeros allowed); a value too large for any field saturates.
    private static func digits(_ text: Substring) throws(Bad) -> Int {
        guard !text.isEmpty else { throw Bad() }
        var value = 0
        for character in text {
            guard let ascii = character.asciiValue, ascii >= UInt8(ascii: "0"), ascii <= UInt8(ascii: "9") else {
                throw Bad()
            }
            value = min(value * 10 + Int(ascii - UInt8(ascii: "0")), 1_000_000)
        }
        return value
    }
}
