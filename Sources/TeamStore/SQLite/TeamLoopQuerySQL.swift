import Foundation
import GRDB
import OwnCore
import OwnStore

/// Turns a `LoopQuery` on one team into one SQL statement that the projection's indexes can serve.
enum TeamLoopQuerySQL {
    static func select(_ query: LoopQuery, team: String) -> (String, StatementArguments) {
        var conditions = ["team = ?"]
        var arguments: StatementArguments = [team]
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
        if let doneSince = query.doneSince {
            conditions.append("done >= ?")
            arguments += [doneSince.timeIntervalSince1970]
        }
        if let settled = query.settled {
            conditions.append("settled = ?")
            arguments += [settled]
        }
        // No ORDER BY: the filter's index is the way in; the caller sorts by number.
        return ("SELECT body FROM loops WHERE " + conditions.joined(separator: " AND "), arguments)
    }
}
