import Foundation
import GRDB
import OwnCore

/// Turns a `LoopQuery` into one SQL statement that the projection's indexes can serve.
enum LoopQuerySQL {
    /// `changedUntil` keeps only the loops with no event after it.
    static func select(_ query: LoopQuery, changedUntil: Date? = nil) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        func oneOf(_ column: String, _ values: [String]?) {
            guard let values else { return }
            conditions.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            arguments += StatementArguments(values)
        }
        oneOf("owner", query.owners.map { $0.sorted() })
        oneOf("state", query.states.map { $0.map(\.rawValue).sorted() })
        oneOf("kind", query.kinds.map { $0.map(\.rawValue).sorted() })
        oneOf("stakes", query.stakes.map { $0.map(\.rawValue).sorted() })
        if let dueBefore = query.dueBefore {
            conditions.append("due <= ?")
            arguments += [dueBefore.timeIntervalSince1970]
        }
        if let changedSince = query.changedSince {
            conditions.append("changed >= ?")
            arguments += [changedSince.timeIntervalSince1970]
        }
        if let changedUntil {
            // `+changed`: a filter on the rows the query's own index finds, never the way in (the
            // index on `changed` would walk every loop older than the instant).
            conditions.append("+changed <= ?")
            arguments += [changedUntil.timeIntervalSince1970]
        }
        if let doneSince = query.doneSince {
            conditions.append("done >= ?")
            arguments += [doneSince.timeIntervalSince1970]
        }
        if let settled = query.settled {
            conditions.append("settled = ?")
            arguments += [settled]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        // No ORDER BY: SQLite would copy every body into a sorter, or scan the whole table in
        // number order to skip one. The filter's own index is the way in; the caller sorts.
        return ("SELECT body FROM loops" + filter, arguments)
    }
}
