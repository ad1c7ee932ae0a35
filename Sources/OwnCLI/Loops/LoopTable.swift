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
        let widths = (0..<fixed).map { column in all.map { $0[column].count }.max() ?? 0 }
        let used = widths.reduce(0, +) + fixed * 2
        return zip(all, paints).map { row, paint in
            var line = ""
            for column in 0..<fixed {
                let cell = paint[column].map { $0.apply(row[column], enabled: colour) } ?? row[column]
                line += cell + String(repeating: " ", count: widths[column] - row[column].count + 2)
            }
            var title = row[fixed]
            if let width, used + title.count > width {
                let room = max(width - used - 1, 8)
                if title.count > room { title = String(title.prefix(room)) + "…" }
            }
            return line + title
        }.joined(separator: "\n")
    }
}
