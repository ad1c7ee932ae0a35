public import Foundation

/// Open loops with due dates as an iCalendar file (RFC 5545): an all-day VEVENT for a loop due on a
/// day, a VTODO with a DUE instant for a loop due at a time. UIDs come from the loop keys and DTSTAMP
/// from the last event, so exporting twice gives the same file and calendars update, not duplicate.
public enum CalendarExport {
    /// The product identifier calendars show.
    static let productID = "-//own//own loops//EN"

    /// The iCalendar text, lines ending in CRLF.
    ///
    /// - Parameters:
    ///   - loops: any loops; only live ones with a due date are written.
    ///   - domain: the right-hand side of every UID (`<key>@domain`).
    public static func render(_ loops: [Loop], domain: String = "own.loops") -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(productID)", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
        ]
        let due = loops.filter { $0.state.isLive && $0.due != nil }
            .sorted { ($0.due!.json, $0.number, $0.key) < ($1.due!.json, $1.number, $1.key) }
        for loop in due {
            let summary = (loop.number > 0 ? "#\(loop.number) " : "") + loop.title
            var description = [
                "state: \(loop.state.rawValue)", "stakes: \(loop.stakes.rawValue)", "owner: \(loop.owner)",
            ]
            if let doneWhen = loop.doneWhen { description.append("done when: \(doneWhen)") }
            let common = [
                "UID:\(escape(loop.key))@\(domain)", "DTSTAMP:\(utc(loop.lastEventAt))", "SUMMARY:\(escape(summary))",
                "DESCRIPTION:\(escape(description.joined(separator: "\n")))",
                "CATEGORIES:\(escape(loop.kind.rawValue))",
            ]
            switch loop.due! {
            case .day(let day):
                lines += ["BEGIN:VEVENT"] + common
                lines.append("DTSTART;VALUE=DATE:\(compact(day))")
                // A due is at most 3999-12-31 (`Due.isInLedgerYears`): its next day is a date to write.
                lines.append("DTEND;VALUE=DATE:\(compact(day.adding(days: 1)))")
                lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
            case .instant(let instant):
                lines += ["BEGIN:VTODO"] + common
                lines += [
                    "DUE:\(utc(instant))",
                    "STATUS:\(loop.state == .active || loop.state == .blocked ? "IN-PROCESS" : "NEEDS-ACTION")",
                    "END:VTODO",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `20261127T160000Z`.
    static func utc(_ instant: Date) -> String {
        Timestamp.format(instant).filter { $0 != "-" && $0 != ":" }
    }

    /// `20261127`.
    static func compact(_ day: CivilDate) -> String {
        day.description.filter { $0 != "-" }
    }

    /// TEXT values escape backslashes, semicolons, commas and newlines (RFC 5545 3.3.11); other
    /// control characters, which TEXT cannot hold, are written escaped as `own` shows them.
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "\\": output += "\\\\"
            case ";": output += "\\;"
            case ",": output += "\\,"
            case "\n", "\r\n": output += "\\n"
            // No other control character is TEXT: written as own shows them (`\e`), the backslash escaped.
            case _ where character.unicodeScalars.contains { TextEscaping.needsEscape($0) }:
                output += escape(TextEscaping.escaped(String(character)))
            default: output.append(character)
            }
        }
        return output
    }

    /// Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never
    /// inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var output = ""
        var width = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if width + size > limit {
                output += "\r\n "
                width = 1
                limit = 75
            }
            output.unicodeScalars.append(scalar)
            width += size
        }
        return output
    }
}
