import Foundation
import OwnCore

/// The monitor commands' calls: healthchecks' Management API v3 (`/api/v3/checks/`), with the
/// remote's token as the key.
extension TeamServerClient {
    /// The team's check a person names by its slug or its name; an error naming it when none.
    func check(_ name: String) throws -> [String: JSONValue] {
        let encoded = PathSegment.encoded(name)
        let bySlug = try json("GET", "/api/v3/checks/?slug=\(encoded)").objectValue?["checks"]?.arrayValue ?? []
        if let found = bySlug.first?.objectValue { return found }
        let all = try json("GET", "/api/v3/checks/").objectValue?["checks"]?.arrayValue ?? []
        let named = all.compactMap(\.objectValue).filter { $0["name"]?.stringValue == name }
        // Names need not be unique, slugs are: of two checks with one name, neither is guessed.
        if named.count > 1 {
            let slugs = named.compactMap { $0["slug"]?.stringValue }.sorted().joined(separator: ", ")
            throw CLIError(
                "more than one monitor is named \"\(name)\" (slugs \(slugs)); name the one you mean by its slug"
            )
        }
        if let found = named.first { return found }
        throw CLIError("the team has no monitor \"\(name)\"; `own monitor list` lists them")
    }

    /// Acts on the check a person names (`method` on `/api/v3/checks/<uuid>` + `suffix`) and
    /// returns its slug, or the name given when the answer has none.
    func act(_ method: String, on name: String, suffix: String = "") throws -> String {
        let uuid = try check(name)["uuid"]?.stringValue ?? ""
        let check = try json(method, "/api/v3/checks/\(uuid)" + suffix).objectValue ?? [:]
        return check["slug"]?.stringValue ?? name
    }
}
