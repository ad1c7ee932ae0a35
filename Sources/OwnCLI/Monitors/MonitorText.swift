import Foundation
import OwnCore

/// How the monitor commands show checks to a person.
enum MonitorText {
    /// `every 1h (grace 10m)` or `cron 0 2 * * * Europe/Berlin (grace 30m)`.
    static func schedule(_ check: [String: JSONValue]) -> String {
        let grace = MonitorDuration.text(check["grace"]?.numberValue ?? 0)
        if let cron = check["schedule"]?.stringValue {
            return "cron \(cron) \(check["tz"]?.stringValue ?? "UTC") (grace \(grace))"
        }
        return "every \(MonitorDuration.text(check["timeout"]?.numberValue ?? 0)) (grace \(grace))"
    }

    /// Rows in columns, each as wide as its widest cell, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        .joined(separator: "\n")
    }

    /// A check and its last pings, for `own monitor show`.
    /// `parentName`: the parent's slug, when it could be read (its uuid otherwise).
    static func details(_ check: [String: JSONValue], pings: [JSONValue], parentName: String? = nil) -> String {
        let (title, facts, rows) = parts(check, pings: pings, parentName: parentName)
        var lines = [title] + facts
        if rows.count > 1 {
            lines.append("")
            lines.append(table(rows))
        } else {
            lines.append("no pings yet")
        }
        return lines.joined(separator: "\n")
    }

    /// The same in Markdown: the check as a heading, its facts as a list, its last pings as a table.
    static func markdown(_ check: [String: JSONValue], pings: [JSONValue], parentName: String? = nil) -> String {
        let (title, facts, rows) = parts(check, pings: pings, parentName: parentName)
        var lines = (["## " + MarkdownRenderer.escape(title), ""] + facts.map { "- " + MarkdownRenderer.escape($0) })
            .map(TextEscaping.escaped)
        lines.append("")
        // The table escapes its cells itself: escaped whole, its rows were one line joined by `\n`.
        lines.append(rows.count > 1 ? ReadFormat.table(rows[0], Array(rows.dropFirst())) : "No pings yet.")
        return lines.joined(separator: "\n")
    }

    /// What `details` and `markdown` show: the check's name, its facts in order, and its last ten
    /// pings as rows under a header.
    private static func parts(
        _ check: [String: JSONValue],
        pings: [JSONValue],
        parentName: String?
    ) -> (title: String, facts: [String], pings: [[String]]) {
        func value(_ name: String) -> String { check[name]?.stringValue ?? "" }
        let minimum =
            (check["min_runtime"]?.numberValue ?? 0) > 0
            ? MonitorDuration.text(check["min_runtime"]?.numberValue ?? 0) : "none"
        var facts = [
            "status: \(value("status"))",
            "owner: \(value("owner")), stakes \(value("stakes"))",
            "schedule: \(schedule(check))",
            "max runtime: \(MonitorDuration.text(check["max_runtime"]?.numberValue ?? 0)), "
                + "min runtime: \(minimum), "
                + "failure tolerance: \(Int(check["failure_tolerance"]?.numberValue ?? 1))",
            // A paused monitor expects nothing: its last deadline is no promise.
            "last ping: \(check["last_ping"]?.stringValue ?? "never"); next expected: "
                + (value("status") == "paused" ? "- (paused)" : check["next_ping"]?.stringValue ?? "-"),
        ]
        if let duration = check["last_duration"]?.numberValue {
            facts.append("last run took: \(MonitorDuration.text(duration))")
        }
        if let parent = check["parent"]?.stringValue { facts.append("parent: \(parentName ?? parent)") }
        facts.append("incident loop: \(check["loop"]?.stringValue ?? "none open")")
        facts.append("ping URL: \(value("ping_url"))")
        var rows = [["#", "WHEN", "TYPE", "DURATION"]]
        for ping in pings.prefix(10).compactMap(\.objectValue) {
            var type = ping["type"]?.stringValue ?? ""
            if let code = ping["exitstatus"]?.numberValue { type += " (exit \(Int(code)))" }
            rows.append([
                String(Int(ping["n"]?.numberValue ?? 0)), ping["date"]?.stringValue ?? "", type,
                ping["duration"]?.numberValue.map(MonitorDuration.text) ?? "",
            ])
        }
        return ("\(value("name")) (\(value("slug")))", facts, rows)
    }
}

extension MonitorText {
    /// The lines kept of a ping's body in `own monitor show`: the end, where a failure says why.
    static let outputLines = 20

    /// The last lines of a ping's body, under a heading naming the ping, its control characters
    /// escaped as every other text from the server is.
    static func output(_ body: String, ping: Int) -> String {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let trimmed = lines.last == "" ? Array(lines.dropLast()) : lines
        let kept = trimmed.suffix(outputLines)
        let heading =
            kept.count < trimmed.count
            ? "output of ping #\(ping), its last \(outputLines) lines:" : "output of ping #\(ping):"
        return ([heading] + kept.map { "  " + TextEscaping.escaped($0) }).joined(separator: "\n")
    }

    /// The same in Markdown: a heading, and the lines as a code block (indented, so no fence in the
    /// output can end it).
    static func markdownOutput(_ body: String, ping: Int) -> String {
        let text = output(body, ping: ping).split(separator: "\n", omittingEmptySubsequences: false)
        let heading = String(text[0].dropLast())
        return (["### " + MarkdownRenderer.escape(heading), ""] + text.dropFirst().map { "    " + $0.dropFirst(2) })
            .joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
