public import Foundation

/// ISO-8601 instants as the event format writes them: `2026-11-27T16:00:00Z`, `…+09:00`, with
/// optional fractional seconds. Hand-written because it runs once per event on a million-line import.
public enum Timestamp {
    /// What `--now` / `OWN_NOW` accept, in `own` and `own-gate` alike: a date-time with offset
    /// (`2026-11-27T16:00:00Z`), one without (`2026-11-27T16:00`, in UTC here), or a date (`2026-11-27`,
    /// its midnight in UTC here); `nil` otherwise. `own` reads the last two in the actor's zone.
    public static func instant(_ text: some StringProtocol) -> Date? {
        if let instant = parse(text, assuming: .gmt) { return instant }
        if let day = CivilDate(iso: text) { return Date(timeIntervalSince1970: Double(day.daysSinceEpoch) * 86_400) }
        return nil
    }

    /// The instants a ledger holds and a read may be as of: 1970 to 3999. Foundation's
    /// `distantFuture` is in 4001, and a year 0 event made nonsense of working-day counts.
    public static let years = Date(timeIntervalSince1970: 0)..<Date(timeIntervalSince1970: 64_060_588_800)

    /// The one-line error for a `--now` value that `instant` refuses.
    public static func instantError(_ text: some StringProtocol, from source: String = "--now") -> String {
        "\(source) \"\(text)\" is not an ISO-8601 date-time (2026-11-27T16:00:00Z, or 2026-11-27T16:00 in "
            + "your zone) or a date"
    }

    /// Parses a date-time with a zone designator (`Z`, `+09:00`, `+0900`, `+09`). A date-time without
    /// one is read in `zone` when given, and rejected otherwise.
    public static func parse(_ text: some StringProtocol, assuming zone: TimeZone? = nil) -> Date? {
        CivilDate.withBytes(text) { bytes in parse(bytes, assuming: zone) }
    }

    /// The instant of a text written as `format` writes one in UTC (`2026-11-27T16:00:00Z`); nil for
    /// any other, which `parse` reads. `format` gives such a text back, so an event need not keep it.
    static func canonical(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z"), let second = CivilDate.digits(bytes, 17, 2), second < 60
        else { return nil }
        return parse(bytes, assuming: nil)
    }

    /// `parse` on the text's UTF-8 bytes.
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>, assuming zone: TimeZone?) -> Date? {
        guard bytes.count >= 16, let date = CivilDate.parse(UnsafeBufferPointer(rebasing: bytes[0..<10])),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"),
            let hour = CivilDate.digits(bytes, 11, 2), let minute = CivilDate.digits(bytes, 14, 2),
            hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let whole = CivilDate.digits(bytes, index + 1, 2), whole < 61 else { return nil }
            second = Double(whole)
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ",") {
                index += 1
                var scale = 0.1
                let start = index
                while let digit = CivilDate.digits(bytes, index, 1) {
                    second += Double(digit) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        let local = Double(date.daysSinceEpoch) * 86_400 + Double(hour * 3600 + minute * 60) + second
        if index == bytes.count {
            guard let zone else { return nil }
            return LocalTime.instant(localSeconds: local, in: zone)
        }
        let designator = bytes[index]
        if designator == UInt8(ascii: "Z") || designator == UInt8(ascii: "z") {
            guard index + 1 == bytes.count else { return nil }
            return Date(timeIntervalSince1970: local)
        }
        guard designator == UInt8(ascii: "+") || designator == UInt8(ascii: "-") else { return nil }
        let rest = index + 1
        let offsetHours: Int
        var offsetMinutes = 0
        switch bytes.count - rest {
        case 2:
            guard let h = CivilDate.digits(bytes, rest, 2) else { return nil }
            offsetHours = h
        case 4:
            guard let h = CivilDate.digits(bytes, rest, 2), let m = CivilDate.digits(bytes, rest + 2, 2) else {
                return nil
            }
            offsetHours = h
            offsetMinutes = m
        case 5:
            guard bytes[rest + 2] == UInt8(ascii: ":"), let h = CivilDate.digits(bytes, rest, 2),
                let m = CivilDate.digits(bytes, rest + 3, 2)
            else { return nil }
            offsetHours = h
            offsetMinutes = m
        default: return nil
        }
        // Zones on Earth run from UTC-12:00 to UTC+14:00; anything beyond is a typo.
        guard offsetMinutes < 60, offsetHours * 60 + offsetMinutes <= 14 * 60 else { return nil }
        let offset = (offsetHours * 3600 + offsetMinutes * 60) * (designator == UInt8(ascii: "-") ? -1 : 1)
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ` (whole seconds, UTC), or with the zone's offset.
    public static func format(_ instant: Date, in zone: TimeZone? = nil) -> String {
        let offset = zone.map { $0.secondsFromGMT(for: instant) } ?? 0
        let seconds = Int((instant.timeIntervalSince1970 + Double(offset)).rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let time = seconds - days * 86_400
        let date = CivilDate(daysSinceEpoch: days)
        // The usual case, UTC in years 0 to 9999, written in place: lists and exports write a few for
        // every loop or event.
        if offset == 0, (0...9999).contains(date.year) {
            return String(unsafeUninitializedCapacity: 20) { text in
                write(date: date, time: time, into: text)
                return 20
            }
        }
        var text = date.description + "T"
        text += pad(time / 3600) + ":" + pad(time / 60 % 60) + ":" + pad(time % 60)
        if offset == 0 { return text + "Z" }
        let sign = offset < 0 ? "-" : "+"
        return text + sign + pad(abs(offset) / 3600) + ":" + pad(abs(offset) / 60 % 60)
    }

    /// Writes an instant as `format` writes it in UTC, its 20 bytes into `text`, which has room for
    /// them: false, and nothing written, for a year outside 0 to 9999. A JSON writer puts it in place,
    /// with no string made for it.
    static func writeUTC(_ instant: Date, into text: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let date = CivilDate(daysSinceEpoch: days)
        guard (0...9999).contains(date.year) else { return false }
        write(date: date, time: seconds - days * 86_400, into: text)
        return true
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` from a day and the seconds into it.
    private static func write(date: CivilDate, time: Int, into text: UnsafeMutableBufferPointer<UInt8>) {
        date.write(into: text)
        CivilDate.put(time / 3600, digits: 2, into: text, at: 11)
        CivilDate.put(time / 60 % 60, digits: 2, into: text, at: 14)
        CivilDate.put(time % 60, digits: 2, into: text, at: 17)
        text[10] = UInt8(ascii: "T")
        (text[13], text[16], text[19]) = (UInt8(ascii: ":"), UInt8(ascii: ":"), UInt8(ascii: "Z"))
    }

    private static func pad(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}

/// Conversions between instants and a zone's wall clock.
public enum LocalTime {
    /// Seconds since 1970-01-01T00:00 on the zone's wall clock.
    public static func localSeconds(of instant: Date, in zone: TimeZone) -> Double {
        instant.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: instant))
    }

    /// The zone's wall clock at an instant, to the minute: "09:05".
    public static func clock(_ instant: Date, in zone: TimeZone) -> String {
        let local = Int(localSeconds(of: instant, in: zone).rounded(.down))
        let minutes = ((local % 86_400) + 86_400) % 86_400 / 60
        return (minutes / 60 < 10 ? "0" : "") + "\(minutes / 60):" + (minutes % 60 < 10 ? "0" : "") + "\(minutes % 60)"
    }

    /// The instant at which the zone's wall clock shows `localSeconds`. A time the clock shows twice
    /// (the hour repeated when summer time ends) is its first showing; a time the clock skips (the
    /// hour lost when it begins, or a midnight skipped) is moved forward by the gap, as the clock
    /// was: 02:30 on New York's spring-forward night is 03:30 EDT, and a day that starts in the gap
    /// starts when the clock resumes. East and west of UTC alike.
    public static func instant(localSeconds local: Double, in zone: TimeZone) -> Date {
        // The offsets a day either side: a zone changes its offset at most once within them.
        let before = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - 86_400)))
        let after = Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local + 86_400)))
        if before == after { return Date(timeIntervalSince1970: local - before) }
        func shows(_ offset: Double) -> Bool {
            Double(zone.secondsFromGMT(for: Date(timeIntervalSince1970: local - offset))) == offset
        }
        switch (shows(before), shows(after)) {
        case (true, true): return Date(timeIntervalSince1970: local - max(before, after))
        case (false, true): return Date(timeIntervalSince1970: local - after)
        // Shown by the offset before the change only, or (in the gap) by neither: read with the offset
        // before it, which puts a skipped time the gap's length after it.
        default: return Date(timeIntervalSince1970: local - before)
        }
    }
}
