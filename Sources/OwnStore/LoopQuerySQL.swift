package import Foundation
package import GRDB
package import OwnCore

/// Turns a `LoopQuery` into one SQL statement that the projection's indexes can serve: on the
/// ledger's `loops`, and on the SQLite team store's, whose rows carry their team (`team`).
package enum LoopQuerySQL {
    /// `team` keeps one team's loops; `changedUntil` keeps only the loops with no event after it.
    package static func select(
        _ query: LoopQuery,
        team: String? = nil,
        changedUntil: Date? = nil
    ) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments = StatementArguments()
        if let team {
            conditions.append("team = ?")
            arguments += [team]
        }
        func oneOf(_ column: String, _ values: [String]?) {
            guard let values else { return }
            conditions.append("\(column) IN (\(Array(repeating: "?", count: values.count).joined(separator: ",")))")
            arguments += StatementArguments(values)
        }
        oneOf("owner", query.owners.map { $0.sorted() })
        oneOf("state", query.states.map { $0.map(\.rawValue).sorted() })
        oneOf("kind", query.kinds.map { $0.map(\.rawValue).sorted() })
        oneOf("stakes", query.stakes.map { $0.map(\.rawValue).sorted() })
        if let bound = query.storedDueBound {
            conditions.append("due <= ?")
            arguments += [bound]
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
        if let projects = query.projects?.sorted() {
            // The project or one of its sub-projects (`LoopQuery.isWithin`): those beginning with
            // "web." are the texts from "web." up to "web/", the character after the dot.
            let project = "json_extract(body, '$.project')"
            let each = "(\(project) = ? OR (\(project) >= ? AND \(project) < ?))"
            conditions.append("(" + Array(repeating: each, count: projects.count).joined(separator: " OR ") + ")")
            // Composed, as the fold keeps projects and tags.
            for name in projects.map(ComposedForm.of) { arguments += [name, name + ".", name + "/"] }
        }
        for tag in (query.tags?.sorted() ?? []).map(ComposedForm.of) {
            conditions.append("EXISTS (SELECT 1 FROM json_each(body, '$.tags') WHERE value = ?)")
            arguments += [tag]
        }
        for tag in (query.withoutTags?.sorted() ?? []).map(ComposedForm.of) {
            conditions.append("NOT EXISTS (SELECT 1 FROM json_each(body, '$.tags') WHERE value = ?)")
            arguments += [tag]
        }
        if let affects = query.affects {
            conditions.append("EXISTS (SELECT 1 FROM json_each(body, '$.affects') WHERE value = ?)")
            arguments += [affects]
        }
        // Without the member, or with it empty (a list a loop never had is left out of its body).
        if query.lacking.contains(.project) { conditions.append("json_extract(body, '$.project') IS NULL") }
        for list in [LoopQuery.Lacking.tags, .affects] where query.lacking.contains(list) {
            conditions.append("IFNULL(json_array_length(body, '$.\(list.rawValue)'), 0) = 0")
        }
        if let delegatedBy = query.delegatedBy {
            // The ledger keeps it in a column of its own (an import builds the index on it without
            // reading every body); the team store reads it from the body.
            conditions.append(team == nil ? "delegatedBy = ?" : "json_extract(body, '$.delegatedBy') = ?")
            arguments += [delegatedBy]
        }
        if query.handedOff {
            conditions.append(
                team == nil ? "delegatedBy IS NOT NULL" : "json_extract(body, '$.delegatedBy') IS NOT NULL"
            )
        }
        if let text = query.text, let pattern = likePattern(text) {
            // Only narrows: LIKE also finds the text in other members, so the caller keeps the rows
            // `LoopQuery.matches` keeps.
            conditions.append("body LIKE ? ESCAPE '!'")
            arguments += [pattern]
        }
        let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        // No ORDER BY: SQLite would copy every body into a sorter, or scan the whole table in
        // number order to skip one. The filter's own index is the way in; the caller sorts.
        return ("SELECT body FROM loops" + filter, arguments)
    }

    /// A LIKE pattern that finds the text in the stored JSON, or nil when it cannot be trusted to:
    /// SQLite ignores case only for ASCII letters, and JSON escapes quotes, backslashes and control
    /// characters.
    static func likePattern(_ text: String) -> String? {
        guard text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F && $0 != "\\" && $0 != "\"" })
        else { return nil }
        var pattern = "%"
        for character in text {
            if character == "%" || character == "_" || character == "!" { pattern.append("!") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
