import Foundation
import OwnCore

/// The table `own list` prints: number, state, stakes, due, (owner), title; the title is cut to fit
/// the terminal. With colour, an overdue date is red and a blocked state yellow.
struct LoopTable {
    var loops: [Loop]
    var context: Context
    var showOwner: Bool
    var width: Int?
    var colour = false

    func render() -> String {
        // The columns that may be painted: the escapes go on after the padding is counted.
        let stateColumn = 1
        let dueColumn = 3
        var paints: [[Int: Paint]] = [[:]]
        let rows: [[String]] = loops.map { loop in
            var due = loop.due.map { $0.day(in: context.calendars.calendar(for: loop.owner).zone).description } ?? "-"
            var paint: [Int: Paint] = [:]
            if loop.isOverdue(at: context.now, calendars: context.calendars) {
                due += "!"
                paint[dueColumn] = .red
            }
            if loop.state == .blocked { paint[stateColumn] = .yellow }
            paints.append(paint)
            var row = ["#\(loop.number)", loop.state.rawValue, loop.stakes.rawValue, due]
            if showOwner { row.append(TextEscaping.escaped(loop.owner)) }
            row.append(TextEscaping.escaped(loop.title))
            return row
        }
        var header = ["#", "state", "stakes", "due"]
        if showOwner { header.append("owner") }
        header.append("title")
        let all = [header] + rows
        let fixed = header.count - 1
        // Characters counted once a cell, over the bytes when the text is ASCII.
        let counts = all.map { row in row.map(\.columnCount) }
        let widths = (0..<fixed).map { column in counts.map { $0[column] }.max() ?? 0 }
        let used = widths.reduce(0, +) + fixed * 2
        // One run of bytes, made text once: no line is built apart and joined.
        var output: [UInt8] = []
        output.reserveCapacity(all.count * 96)
        for (index, row) in all.enumerated() {
            if index > 0 { output.append(UInt8(ascii: "\n")) }
            for column in 0..<fixed {
                output.append(utf8: paints[index][column].map { $0.apply(row[column], enabled: colour) } ?? row[column])
                output.append(spaces: widths[column] - counts[index][column] + 2)
            }
            let title = row[fixed]
            let count = counts[index][fixed]
            if let width, used + count > width, count > max(width - used - 1, 8) {
                output.append(utf8: title.columnPrefix(max(width - used - 1, 8)))
                output.append(utf8: "…")
            } else {
                output.append(utf8: title)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
