import Foundation
import HTTPTypes
import OwnCore
import TeamStore

/// The settings a create or update body of the Management API v3 may carry, read with healthchecks'
/// field names and checked before anything is written: a wrong type, a bad cron expression, an
/// unknown zone or a value out of range is `400 {"error": "json validation error: …"}`.
///
/// healthchecks fields own has no use for (`manual_resume`, `methods`, `channels`, `subject`, the
/// keyword filters) are accepted and ignored, so existing clients keep working.
struct CheckSettings {
    let members: [String: JSONValue]

    /// Reads a body: a JSON object (an empty body is an empty object).
    init(body: [UInt8]) throws(APIError) {
        guard !body.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) else {
            members = [:]
            return
        }
        guard let text = String(validating: body, as: UTF8.self),
            case .object(let members) = try? JSONParser.parse(text)
        else { throw APIError(.badRequest, "could not parse request body") }
        var read = members
        // A name in the one form every name of own's is held in (composed, NFC): "Café job" typed with a
        // combining accent is the check of that name, which `"unique": ["name"]` updates.
        if case .string(let name) = members["name"] { read["name"] = .string(ComposedForm.of(name)) }
        self.members = read
    }

    /// The `unique` field of a create: which fields name an existing check to update instead.
    func unique() throws(APIError) -> [String] {
        guard let value = members["unique"] else { return [] }
        guard case .array(let items) = value else { throw Self.invalid("unique is not an array") }
        var fields: [String] = []
        for item in items {
            guard let field = item.stringValue, ["name", "slug", "tags", "timeout", "grace"].contains(field) else {
                throw Self.invalid("unique has an unexpected value")
            }
            fields.append(field)
        }
        return fields
    }

    /// Whether `monitor` has the body's values for every field in `fields` (a create's upsert match).
    func matches(_ monitor: MonitorRecord, on fields: [String]) -> Bool {
        fields.allSatisfy { field in
            switch field {
            case "name": members["name"]?.stringValue == monitor.name
            case "slug": members["slug"]?.stringValue == monitor.slug
            case "tags": members["tags"]?.stringValue.map(Self.tags) == monitor.tags
            case "timeout": members["timeout"]?.numberValue == monitor.timeout
            case "grace": members["grace"]?.numberValue == monitor.grace
            default: false
            }
        }
    }

    /// Whether the body names a parent, which `apply` then looks for among the team's checks.
    var namesParent: Bool {
        guard let parent = members["parent"] else { return false }
        return parent != .null && parent.stringValue != ""
    }

    /// Applies the body to a monitor and checks the result as a whole; `parents` resolves a parent
    /// given by uuid or slug within the team (only read when the body `namesParent`).
    func apply(to monitor: inout MonitorRecord, parents: [MonitorRecord]) throws(APIError) {
        if let name = try string("name") {
            // Empty is no name (the check goes by its slug), as healthchecks has it; blanks or a line
            // break titled its incidents "    is down".
            guard name.isEmpty || TextEscaping.isOneLine(name) else {
                throw Self.invalid("name is blank or holds a control character (a line break, a tab); give one line")
            }
            monitor.name = name
            if members["slug"] == nil, monitor.version == 0 { monitor.slug = Self.slugify(name) }
        }
        if let slug = try string("slug") {
            // As healthchecks' slugs and `?create=1`'s: lower case, so a slug URL names one check.
            guard !slug.isEmpty,
                slug.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-" || $0 == "_") })
            else { throw Self.invalid("slug must use only lowercase a-z, 0-9, '-' and '_'") }
            monitor.slug = slug
        }
        if let tags = try string("tags") { monitor.tags = Self.tags(tags) }
        if let desc = try string("desc") { monitor.desc = desc }
        // Durations in whole seconds, as healthchecks keeps and returns them: a client typing them as
        // integers failed on the whole list at a `3600.5`.
        if let timeout = try seconds("timeout") {
            monitor.timeout = timeout
            if members["schedule"] == nil { monitor.cron = nil }
        }
        if let grace = try seconds("grace") { monitor.grace = grace }
        if let schedule = try string("schedule") { monitor.cron = schedule }
        if let zone = try string("tz") {
            // Checked here whatever the schedule: a zone kept on a simple check was refused only on a
            // later change that made the check a cron one, naming a zone that request never sent.
            do {
                _ = try MonitorSchedule.timeZone(zone)
            } catch {
                throw Self.invalid(error.description)
            }
            monitor.timeZone = zone
        }
        // An owner taken away would leave incidents to no one: null is refused, not ignored.
        if members["owner"] == .null {
            throw Self.invalid("owner cannot be null: a check always has an owner, whose loop an incident becomes")
        }
        if let owner = try string("owner") { monitor.owner = owner.trimming(.spaces) }
        if let stakes = try string("stakes") {
            guard let value = Stakes(rawValue: stakes) else {
                throw Self.invalid(
                    "stakes must be one of \(Stakes.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            monitor.stakes = value
        }
        if let value = try seconds("max_runtime") { monitor.maxRuntime = value }
        if let value = try seconds("min_runtime") { monitor.minRuntime = value }
        if let value = try number("failure_tolerance") {
            // Its range checked before it becomes an Int, which traps past Int's (1e20 is a number).
            guard value == value.rounded(), (1...1000).contains(value) else {
                throw Self.invalid("failure_tolerance must be a whole number from 1 to 1000")
            }
            monitor.failureTolerance = Int(value)
        }
        if let parent = members["parent"] {
            if !namesParent {
                monitor.parent = nil
            } else {
                guard let reference = parent.stringValue else { throw Self.invalid("parent is not a string") }
                guard
                    let found = parents.first(where: {
                        $0.uuid == reference.lowercased() || $0.slug == reference
                    }), found.uuid != monitor.uuid
                else { throw Self.invalid("parent \"\(reference)\" is not another check of this team") }
                monitor.parent = found.uuid
            }
        }
        // A name is optional, as in healthchecks (default ""): the slug comes from the uuid then.
        if monitor.slug.isEmpty { monitor.slug = Self.slugify(monitor.name) }
        // A name with no Latin letter or digit (日本語ジョブ, "///") gives no slug: slugs are unique in a
        // team, so every such check after the first was refused. It gets one from its uuid instead.
        if monitor.slug.isEmpty { monitor.slug = "check-" + monitor.uuid.prefix(8).lowercased() }
        guard !monitor.owner.isEmpty else {
            throw Self.invalid(
                "the check \"\(monitor.knownAs)\" has no owner; give it an owner, "
                    + "whose loop an incident becomes"
            )
        }
        // Its incident loops are the owner's: a name no token can have would own them unseen.
        guard PersonSettings.isValidName(monitor.owner) else {
            throw Self.invalid(
                "owner \"\(monitor.owner)\" cannot name a person: use 1 to 64 characters, no spaces or control characters"
            )
        }
        guard !PersonSettings.isReserved(monitor.owner) else {
            throw Self.invalid(
                "owner \"\(monitor.owner)\" is no person's name (it is kept for the server, everyone or no one); "
                    + "name the person whose loop an incident becomes"
            )
        }
        do {
            let schedule = try monitor.schedule()
            monitor.nextDeadline = monitor.state.nextCheck(schedule: schedule)
        } catch {
            throw Self.invalid(error.description)
        }
    }

    /// A member given, or nil when the request leaves it out. A null is refused, as healthchecks
    /// refuses it: it cleared nothing, and the client was told 200 as if it had.
    private func string(_ name: String) throws(APIError) -> String? {
        guard let value = members[name] else { return nil }
        guard let text = value.stringValue else { throw Self.invalid("\(name) is not a string") }
        // healthchecks' limits: a name goes into the incident loop's title and every event of it,
        // which a name of 100,000 characters took past what a push may hold.
        if let most = Self.longest[name], text.count > most { throw Self.invalid("\(name) is too long") }
        // A NUL is kept by no store (SQLite cut the text there, and the reply showed it whole), as a
        // pushed event's text is refused for it.
        if text.unicodeScalars.contains("\u{0}") {
            throw Self.invalid("\(name) holds U+0000 (NUL), which no store keeps; remove it")
        }
        return text
    }

    /// The longest text each member may be, in characters, as healthchecks has them.
    static let longest = ["name": 100, "slug": 100, "tags": 500, "schedule": 100, "tz": 36]

    private func number(_ name: String) throws(APIError) -> Double? {
        guard let value = members[name] else { return nil }
        guard let number = value.numberValue else { throw Self.invalid("\(name) is not a number") }
        return number
    }

    /// A duration's whole seconds (a fraction dropped, as healthchecks drops it).
    private func seconds(_ name: String) throws(APIError) -> Double? {
        try number(name).map { $0.rounded(.towardZero) }
    }

    static func invalid(_ reason: String) -> APIError {
        APIError(.badRequest, "json validation error: " + reason)
    }

    /// Space-separated tags, as healthchecks keeps them.
    static func tags(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }

    /// A slug from a name, as healthchecks makes one: lowercase letters, digits, '-' and '_', with
    /// accents taken off the letters that carry them ("ünïcode" is "unicode", not "n-code").
    static func slugify(_ name: String) -> String {
        let bare = String(
            String.UnicodeScalarView(
                name.decomposedStringWithCanonicalMapping.unicodeScalars.filter {
                    $0.properties.generalCategory != .nonspacingMark
                }
            )
        )
        var slug = ""
        for character in bare.lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber || character == "_") {
                slug.append(character)
            } else if !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        return String(slug.drop { $0 == "-" }.reversed().drop { $0 == "-" }.reversed())
    }
}
