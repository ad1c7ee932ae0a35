import Foundation
import OwnCore

/// The table `own list` prints: number, state, stakes, due, (who handed it off), (owner), title; on
/// a terminal the title is cut to fit it, and a name to `longestName`. With colour, an overdue date is
/// red and a blocked state yellow.
struct LoopTable {
    var loops: [Loop]
    var context: Context
    var showOwner: Bool
    /// A column "from": who handed each loop off (everyone's hand-offs, `--delegated --owner all`).
    var showDelegator = false
    var width: Int?
    var colour = false

    /// The table as UTF-8 bytes, written out as they are (`StandardOutput.line`).
    func render() -> [UInt8] {
        // The cells in one flat run, a row after another (the header first), each with its count of
        // characters: no array, dictionary or loop copy is made for a row.
        let columns = 5 + (showOwner ? 1 : 0) + (showDelegator ? 1 : 0)
        let fixed = columns - 1
        let stateColumn = 1
        let dueColumn = 3
        var cells: [String] = ["#", "state", "stakes", "due"]
        if showDelegator { cells.append("from") }
        if showOwner { cells.append("owner") }
        cells.append("title")
        cells.reserveCapacity((loops.count + 1) * columns)
        // Whether a row's due is overdue (red) and its state blocked (yellow); the header is neither.
        var overdue = [false]
        var blocked = [false]
        overdue.reserveCapacity(loops.count + 1)
        blocked.reserveCapacity(loops.count + 1)
        // Each loop read where it lies: an array's element given to a method is copied, strings and all.
        loops.withUnsafeBufferPointer { loops in
            for loop in loops.indices {
                // The loop's members read where it lies (`isOverdue` was given a copy of it).
                let zone = context.calendars.calendar(for: loops[loop].owner).zone
                let overdueFrom = Loop.overdueFrom(state: loops[loop].state, due: loops[loop].due, zone: zone)
                let isOverdue = overdueFrom.map { $0 <= context.now } ?? false
                // A due instant on the reader's clock, where `--due-before` reads its date too.
                let day = loops[loop].due.map { $0.listed(in: context.calendar.zone) } ?? "-"
                cells.append("#" + String(loops[loop].number))
                cells.append(loops[loop].state.rawValue)
                cells.append(loops[loop].stakes.rawValue)
                cells.append(isOverdue ? day + "!" : day)
                if showDelegator { cells.append(name(loops[loop].delegatedBy ?? "-")) }
                if showOwner { cells.append(name(loops[loop].owner)) }
                cells.append(TextEscaping.escaped(loops[loop].title))
                overdue.append(isOverdue)
                blocked.append(loops[loop].state == .blocked)
            }
        }
        // Characters counted once a cell, over the bytes when the text is ASCII.
        let counts = cells.map(\.columnCount)
        var widths = Array(repeating: 0, count: fixed)
        for start in stride(from: 0, to: counts.count, by: columns) {
            for column in 0..<fixed { widths[column] = max(widths[column], counts[start + column]) }
        }
        let used = widths.reduce(0, +) + fixed * 2
        // One run of bytes, made text once: no line is built apart and joined.
        var output: [UInt8] = []
        output.reserveCapacity(cells.count * 16)
        for (row, start) in stride(from: 0, to: cells.count, by: columns).enumerated() {
            if row > 0 { output.append(UInt8(ascii: "\n")) }
            for column in 0..<fixed {
                let cell = cells[start + column]
                let paint: Paint? =
                    column == dueColumn && overdue[row] ? .red : column == stateColumn && blocked[row] ? .yellow : nil
                output.append(utf8: paint.map { $0.apply(cell, enabled: colour) } ?? cell)
                output.append(spaces: widths[column] - counts[start + column] + 2)
            }
            let title = cells[start + fixed]
            let count = counts[start + fixed]
            if let width, used + count > width, count > max(width - used - 1, 8) {
                output.append(utf8: TextEscaping.prefix(ofEscaped: title, columns: max(width - used - 1, 8)))
                output.append(utf8: "…")
            } else {
                output.append(utf8: title)
            }
        }
        return output
    }

    /// The widest a name is shown on a terminal: a team's or an e-mail-like name otherwise pushed every
    /// row past its width.
    static let longestName = 16

    private func name(_ text: String) -> String {
        let escaped = TextEscaping.escaped(text)
        guard width != nil, escaped.columnCount > Self.longestName else { return escaped }
        return TextEscaping.prefix(ofEscaped: escaped, columns: Self.longestName - 1) + "…"
    }
}
