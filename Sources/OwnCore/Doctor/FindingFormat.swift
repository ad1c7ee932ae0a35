import Foundation

/// How `own doctor` writes its findings: `text` for the terminal, `md` to paste into chat or a doc,
/// `json` for tools (the contract in docs/doctor.md).
public enum FindingFormat: String, Sendable, CaseIterable {
    /// Aligned lines for the terminal, each with its draft below.
    case text
    /// A Markdown table, then the drafts.
    case md
    /// The JSON array of the contract.
    case json

    /// What is printed when nothing fired.
    public static let nothingSlipping = "nothing slipping"

    /// The findings rendered; for `json` an array, one finding per line. For `text`, `width` (the
    /// terminal's) narrows the loop column so the messages keep their room, and wraps a message that
    /// still does not fit (the drafts stay whole, to be copied); `colour` paints each rule by its
    /// severity. `md` writes the day each finding started on its owner's calendar (`calendars`), as
    /// its message dates things.
    public func render(
        _ findings: [Finding],
        width: Int? = nil,
        colour: Bool = false,
        calendars: Calendars = Calendars()
    ) -> String {
        String(decoding: bytes(findings, width: width, colour: colour, calendars: calendars), as: UTF8.self)
    }

    /// What `render` gives, as UTF-8 bytes: for a caller that writes them out as they are.
    public func bytes(
        _ findings: [Finding],
        width: Int? = nil,
        colour: Bool = false,
        calendars: Calendars = Calendars()
    ) -> [UInt8] {
        switch self {
        case .json: return Self.json(findings)
        case .text:
            return findings.isEmpty
                ? Array(Self.nothingSlipping.utf8) : Self.text(findings, width: width, colour: colour)
        case .md:
            return findings.isEmpty
                ? Array(Self.nothingSlipping.utf8) : Array(Self.markdown(findings, calendars: calendars).utf8)
        }
    }

    private static func json(_ findings: [Finding]) -> [UInt8] {
        guard !findings.isEmpty else { return Array("[]".utf8) }
        var output: [UInt8] = []
        output.reserveCapacity(findings.count * 640)
        output.append(utf8: "[\n")
        // By index, so that no finding is copied on the way out.
        for index in findings.indices {
            findings[index].writeJSON(into: &output)
            output.append(utf8: index == findings.count - 1 ? "\n" : ",\n")
        }
        output.append(UInt8(ascii: "]"))
        return output
    }

    /// The loop column, escaped, as UTF-8: `#12 Title (owner)`, or the owner alone. Written piece
    /// by piece; escaping goes scalar by scalar, so the pieces escaped apart read as the whole would.
    /// The loop column's text in two parts: the loop (`#3 Fix login`), and whose it is (` (ana)`),
    /// which a cut keeps (a long title left the owner as `(a…`); a finding about a person alone is
    /// their name.
    private static func subject(_ finding: Finding) -> (loop: [UInt8], owner: [UInt8]) {
        guard let loop = finding.loop else { return (Array(TextEscaping.escaped(finding.owner).utf8), []) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16 + (finding.title?.utf8.count ?? 0))
        if let number = finding.number {
            bytes.append(UInt8(ascii: "#"))
            bytes.append(utf8: String(number))
        } else {
            bytes.append(utf8: TextEscaping.escaped(loop))
        }
        bytes.append(UInt8(ascii: " "))
        bytes.append(utf8: TextEscaping.escaped(finding.title ?? ""))
        return (bytes, Array(" (\(TextEscaping.escaped(finding.owner)))".utf8))
    }

    /// The first columns of escaped text, at most `columns`, and how many it takes: a wide character
    /// that would straddle the cut is left out, and so is an escape it would cut in two.
    private static func prefix(_ bytes: [UInt8], columns: Int) -> (bytes: [UInt8], count: Int) {
        if columnCount(bytes) == bytes.count, !bytes.contains(UInt8(ascii: "\\")) {
            return (Array(bytes[0..<min(columns, bytes.count)]), min(columns, bytes.count))
        }
        let cut = TextEscaping.prefix(ofEscaped: String(decoding: bytes, as: UTF8.self), columns: columns)
        return (Array(cut.utf8), cut.columnCount)
    }

    /// How many columns escaped text takes, as `String.columnCount` counts them: its bytes when they
    /// are ASCII (escaped, it holds no carriage return).
    private static func columnCount(_ bytes: [UInt8]) -> Int {
        bytes.contains { $0 >= 0x80 } ? String(decoding: bytes, as: UTF8.self).columnCount : bytes.count
    }

    /// The widest severity (`critical`), plus room: the rule's name starts after it.
    private static let severityColumn = 10
    /// The widest a rule's name is, plus room: the loop column starts after it.
    private static let ruleColumn = 22
    /// The least the loop column is cut to, however long the messages.
    private static let leastSubject = 16
    /// The columns a message keeps beside its finding before the loop column is cut for it: a
    /// longer message is wrapped rather than cut the titles further.
    private static let messageRoom = 60
    /// The fewest columns a message is wrapped to beside its finding: on a narrower terminal it goes
    /// on the lines under it.
    private static let leastMessageRoom = 24

    private static func text(_ findings: [Finding], width terminalWidth: Int?, colour: Bool) -> [UInt8] {
        // Titles and names come from the ledger: shown escaped, they cannot act on the terminal.
        let subjects = findings.map(subject)
        let counts = subjects.map { columnCount($0.loop) + columnCount($0.owner) }
        let messages = findings.map { TextEscaping.escaped($0.message) }
        var width = min(48, counts.max() ?? 0)
        if let terminalWidth {
            // The loop column gives the messages their room (up to `messageRoom`, and at most three
            // fifths of what the fixed columns leave: at 100 columns a title kept six characters), down
            // to its least; a message that still does not fit is wrapped.
            let left = terminalWidth - severityColumn - ruleColumn - 3
            let room = min(messageRoom, messages.map(\.columnCount).max() ?? 0, left * 3 / 5)
            width = min(width, max(leastSubject, terminalWidth - severityColumn - ruleColumn - 3 - room))
        }
        let messageColumn = severityColumn + ruleColumn + width + 3
        // One run of bytes, written in order: no line is built apart and joined.
        var output: [UInt8] = []
        output.reserveCapacity(findings.count * 400)
        for index in findings.indices {
            if index > 0 { output.append(UInt8(ascii: "\n")) }
            // The severity first, in words (painted on a terminal): padded by its length, as escapes
            // take no room on the screen.
            let severity = findings[index].severity.rawValue
            output.append(utf8: findings[index].severity.paint.apply(severity, enabled: colour))
            output.append(spaces: severityColumn - severity.utf8.count)
            let name = findings[index].rule.rawValue
            output.append(utf8: name)
            output.append(spaces: max(1, ruleColumn - name.utf8.count))
            var shown = counts[index]
            var (loop, owner) = subjects[index]
            if shown > width {
                // The title is cut, and whose the loop is stays: a name too long to leave the title room
                // is cut to half the column (it was dropped, and the line said nothing of whose it was).
                var ownerCount = columnCount(owner)
                if !owner.isEmpty, ownerCount + 6 > width {
                    let name = prefix(
                        Array(TextEscaping.escaped(findings[index].owner).utf8),
                        columns: max(1, width / 2 - 4)
                    )
                    owner = Array(" (".utf8) + name.bytes + Array("…)".utf8)
                    ownerCount = name.count + 4
                }
                let keepsOwner = ownerCount + 6 <= width
                let cut = prefix(keepsOwner ? loop : loop + owner, columns: width - 1 - (keepsOwner ? ownerCount : 0))
                output.append(contentsOf: cut.bytes)
                output.append(utf8: "…")
                if keepsOwner { output.append(contentsOf: owner) }
                shown = cut.count + 1 + (keepsOwner ? ownerCount : 0)
            } else {
                output.append(contentsOf: loop)
                output.append(contentsOf: owner)
            }
            appendMessage(
                messages[index],
                after: severityColumn + ruleColumn + shown,
                column: messageColumn,
                terminalWidth: terminalWidth,
                to: &output
            )
            // The draft is left whole, on one line: it is there to be copied.
            output.append(utf8: "\n  → draft: \"")
            output.append(utf8: TextEscaping.escaped(findings[index].suggestion))
            output.append(UInt8(ascii: "\""))
        }
        return output
    }

    /// A finding's message, from `column` (the line has `used` columns so far): whole when it fits
    /// the terminal, else wrapped at its spaces with each further line starting in that column, or,
    /// where that leaves too few columns (`leastMessageRoom`), on lines of its own under the finding.
    private static func appendMessage(
        _ message: String,
        after used: Int,
        column: Int,
        terminalWidth: Int?,
        to output: inout [UInt8]
    ) {
        guard let terminalWidth, column + message.columnCount > terminalWidth else {
            output.append(spaces: column - used)
            output.append(utf8: message)
            return
        }
        let indent = terminalWidth - column >= leastMessageRoom ? column : 4
        let lines = message.wrapped(toColumns: max(1, terminalWidth - indent))
        for (number, line) in lines.enumerated() {
            if number == 0, indent == column {
                output.append(spaces: column - used)
            } else {
                output.append(UInt8(ascii: "\n"))
                output.append(spaces: indent)
            }
            output.append(utf8: line)
        }
    }

    private static func markdown(_ findings: [Finding], calendars: Calendars) -> String {
        var lines = ["| severity | rule | loop | owner | since | what |", "|---|---|---|---|---|---|"]
        for finding in findings {
            let loop = finding.loop.map { key in
                (finding.number.map { "#\($0)" } ?? key) + " " + (finding.title ?? "")
            }
            lines.append(
                "| \(finding.severity.rawValue) | `\(finding.rule.rawValue)` | \(cell(loop ?? "—")) | "
                    + "\(cell(finding.owner)) | \(calendars.calendar(for: finding.owner).day(of: finding.since)) | \(cell(finding.message)) |"
            )
        }
        lines.append("")
        lines.append("**Drafts**")
        lines.append("")
        for finding in findings {
            let subject = finding.loop.map { key in finding.number.map { "#\($0)" } ?? key } ?? finding.owner
            lines.append(
                "- `\(finding.rule.rawValue)` \(MarkdownRenderer.escape(subject)): "
                    + MarkdownRenderer.escape(finding.suggestion)
            )
        }
        return lines.map(TextEscaping.escaped).joined(separator: "\n")
    }

    /// A table cell: Markdown's marks escaped (a title's `<script>` or `*` reads as written, a draft's
    /// `<date>` stays visible), and a `|` cannot end the cell. A line break cannot end the row: the
    /// line is escaped whole (`\n`, as every form shows one).
    private static func cell(_ text: String) -> String {
        MarkdownRenderer.escape(text).replacingOccurrences(of: "|", with: "\\|")
    }
}
