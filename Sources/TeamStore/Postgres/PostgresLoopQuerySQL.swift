import Foundation
import OwnCore
import OwnStore
import PostgresNIO

/// Turns a `LoopQuery` on one team into one SQL statement that the projection's indexes can serve,
/// with the same conditions as the SQLite engine's (`LoopQuerySQL`; the conditions that look inside
/// a loop's body are left to `LoopQuery.matches`).
enum PostgresLoopQuerySQL {
    static func select(_ query: LoopQuery, team: String) -> PostgresQuery {
        var conditions = ["team = $1"]
        var binds = PostgresBindings()
        binds.append(team)
        func oneOf(_ column: String, _ values: [String]?) {
            guard let values else { return }
            binds.append(values)
            conditions.append("\(column) = ANY($\(binds.count))")
        }
        func atMost(_ column: String, _ value: Double) {
            binds.append(value)
            conditions.append("\(column) <= $\(binds.count)")
        }
        func atLeast(_ column: String, _ value: Double) {
            binds.append(value)
            conditions.append("\(column) >= $\(binds.count)")
        }
        oneOf("owner", query.owners.map { $0.sorted() })
        oneOf("state", query.states.map { $0.map(\.rawValue).sorted() })
        oneOf("kind", query.kinds.map { $0.map(\.rawValue).sorted() })
        oneOf("stakes", query.stakes.map { $0.map(\.rawValue).sorted() })
        if let bound = query.storedDueBound { atMost("due", bound) }
        if let changedSince = query.changedSince { atLeast("changed", changedSince.timeIntervalSince1970) }
        if let doneSince = query.doneSince { atLeast("done", doneSince.timeIntervalSince1970) }
        if let settled = query.settled {
            binds.append(settled)
            conditions.append("settled = $\(binds.count)")
        }
        // No ORDER BY: the filter's index is the way in; the caller sorts by number.
        return PostgresQuery(
            unsafeSQL: "SELECT body FROM loops WHERE " + conditions.joined(separator: " AND "),
            binds: binds
        )
    }
}
