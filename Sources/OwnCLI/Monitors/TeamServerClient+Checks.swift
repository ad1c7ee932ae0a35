import Foundation
import OwnCore

/// The monitor commands' calls: healthchecks' Management API v3 (`/api/v3/checks/`), with the
/// remote's token as the key.
extension TeamServerClient {
    /// The team's check a person names by its slug, its name or its uuid; an error naming it when
    /// none, or when the word names two (two checks' name, or one's slug and another's name).
    /// `toPing`: a slug is taken first, in one small request, as a slug's ping URL takes it: a job's
    /// every ping read all of the team's checks to look for a name like it.
    func check(_ name: String, toPing: Bool = false) throws -> [String: JSONValue] {
        if toPing,
            let found = try json("GET", "/api/v3/checks/?slug=\(PathSegment.encoded(name))").objectValue?["checks"]?
                .arrayValue?.first?.objectValue
        {
            return found
        }
        let all =
            try json("GET", "/api/v3/checks/").objectValue?["checks"]?.arrayValue.map {
                $0.compactMap(\.objectValue)
            } ?? []
        func describe(_ check: [String: JSONValue]) -> String {
            "\"\(check["name"]?.stringValue ?? "")\" (slug \(check["slug"]?.stringValue ?? "none"), uuid "
                + "\(check["uuid"]?.stringValue ?? "")"
        }
        if let found = all.first(where: { $0["uuid"]?.stringValue?.lowercased() == name.lowercased() }) {
            return found
        }
        let bySlug = all.first { $0["slug"]?.stringValue == name }
        let named = all.filter { $0["name"]?.stringValue == name && $0["uuid"] != bySlug?["uuid"] }
        if let bySlug, let other = named.first {
            // One monitor's slug, another's name: neither is guessed (`rm` took the slug's, quietly).
            throw CLIError(
                "\"\(name)\" is the slug of \(describe(bySlug)) and the name of \(describe(other)); "
                    + "name the one you mean by its uuid"
            )
        }
        if let bySlug { return bySlug }
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
    /// returns how to say which it was: its name and slug (`Nightly backup (backup)`), its slug when
    /// the two are one.
    func act(_ method: String, on name: String, suffix: String = "") throws -> String {
        let found = try check(name)
        let uuid = found["uuid"]?.stringValue ?? ""
        let check = try json(method, "/api/v3/checks/\(uuid)" + suffix).objectValue ?? found
        let slug = check["slug"]?.stringValue ?? found["slug"]?.stringValue ?? name
        let title = check["name"]?.stringValue ?? found["name"]?.stringValue ?? slug
        return title == slug ? slug : "\(title) (\(slug))"
    }
}
