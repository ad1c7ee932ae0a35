import Foundation
public import OwnCore
import TOMLKit

/// The configuration file (`$XDG_CONFIG_HOME/own/config.toml`), read as plain values.
///
/// ```toml
/// user = "ana"
/// repos = ["~/src/app"]
/// [people.ana]
/// tz = "Europe/Berlin"
/// workdays = "Mon-Fri"
/// hours = "09:00-17:00"
/// [policy]
/// capacity = 6
/// [contexts.payments]
/// project = "payments"
/// [post]
/// standup = "https://hooks.example/…"
/// ```
public struct Configuration: Sendable {
    /// The file it came from, if any.
    public var path: String?
    /// Every top-level key, tables as objects.
    public var values: [String: JSONValue]

    /// No configuration file: every default.
    public static let empty = Configuration(path: nil, values: [:])

    /// A configuration from values.
    public init(path: String?, values: [String: JSONValue]) {
        self.path = path
        self.values = values
    }

    /// Reads a TOML file; a missing file is the empty configuration only when `required` is false.
    public static func load(path: String, required: Bool) throws -> Configuration {
        // Most people have no configuration file: one access() says so without starting
        // Foundation's FileManager, which costs a command a tenth of a millisecond.
        if !required, access(path, F_OK) != 0 { return .empty }
        // A file that is no regular one (`/dev/null`, a shell's `<(...)`) is read to its end as well.
        guard
            let data = FileManager.default.contents(atPath: path)
                ?? FileHandle(forReadingAtPath: path).flatMap({ handle in try? handle.readToEnd() ?? Data() })
        else {
            // Given with --config (or OWN_CONFIG), a file that is not there is a mistake to say.
            var info = stat()
            if stat(path, &info) != 0 {
                throw CLIError(
                    "the configuration file \(path) does not exist; check the path, or create it (an empty file will do)"
                )
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                throw CLIError("\(path) is a folder; give the configuration file, e.g. \(path)/config.toml")
            }
            throw CLIError("cannot read the configuration file \(path); check its permissions")
        }
        // TOML is UTF-8: a byte that is not would have become U+FFFD in a name, and been recorded so.
        guard let text = String(validating: data, as: UTF8.self) else {
            throw CLIError("\(path) is not valid UTF-8, as TOML must be; save it as UTF-8")
        }
        let configuration = try parse(text, path: path)
        try configuration.validate()
        return configuration
    }

    /// The top-level settings a configuration file may hold, and what each must be.
    static let settings: [String: String] = [
        "user": "a person's name in quotes",
        "repos": "a list of folders in quotes, each a full path or under ~, like [\"~/src/app\"]",
        "calendar": "a table",
        "people": "a table", "policy": "a table", "post": "a table", "links": "a table", "team": "a table",
        "contexts": "a table", "remote": "a table with url (http:// or https://) and token-file, in quotes",
        "undo-within": "a time above zero such as \"1h\", \"30m\", \"2d\" or \"1w\" (a bare number is hours)",
    ]

    /// Refuses a setting the configuration does not know, or one of the wrong type, naming it: a typo
    /// must not be silently ignored by every command.
    func validate() throws {
        let file = path ?? "configuration"
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            guard let expected = Self.settings[key] else {
                throw CLIError(
                    "\(file): unknown setting \"\(key)\"; the configuration knows "
                        + Self.settings.keys.sorted().joined(separator: ", ")
                )
            }
            // A misspelt key of [remote] is named, as every other table's is.
            if key == "remote", let table = value.objectValue,
                let odd = table.keys.sorted().first(where: { !["url", "token-file"].contains($0) })
            {
                throw CLIError("\(file): [remote] has no setting \"\(odd)\"; it takes token-file, url")
            }
            let fits =
                switch key {
                case "user": value.stringValue.map { !$0.isEmpty } ?? false
                // A blank or relative folder was read from wherever the command ran.
                case "repos":
                    value.arrayValue?.allSatisfy { folder in
                        folder.stringValue.map { $0.hasPrefix("/") || $0 == "~" || $0.hasPrefix("~/") } ?? false
                    } ?? false
                case "undo-within": Self.seconds(value) != nil
                case "remote": Self.remote(value) != nil
                default: value.objectValue != nil
                }
            guard fits else { throw CLIError("\(file): \(key) must be \(expected)") }
        }
        try validateTables(file)
    }

    /// What the keys of the tables read here hold (`[policy]` is checked where it is read, and
    /// `[contexts]` by `ListContext`): a misspelt `hour` under `[people.ana]` was ignored, and her
    /// hours silently the default.
    static let tableSettings: [String: [String: String]] = [
        "calendar": calendarSettings,
        "team": [
            "lead-duties": "a list of duties in quotes, each once and not blank, like [\"release\", \"on-call rota\"]"
        ],
        "links": ["loop": "a URL in quotes with {key} or {number} in it"],
    ]

    /// The keys of `[calendar]` and of each `[people.NAME]` (which adds `git`).
    static let calendarSettings = [
        "tz": "an IANA time zone in quotes, like \"Europe/Berlin\"",
        "workdays": "days in quotes, like \"Mon-Fri\" or \"Sun-Thu\"",
        "hours": "working hours in quotes, like \"09:00-17:00\"",
    ]

    private func validateTables(_ file: String) throws {
        func check(_ table: [String: JSONValue], _ name: String, _ known: [String: String]) throws {
            for (key, value) in table.sorted(by: { $0.key < $1.key }) {
                guard let expected = known[key] else {
                    throw CLIError(
                        "\(file): [\(name)] has no setting \"\(key)\"; it takes "
                            + known.keys.sorted().joined(separator: ", ")
                    )
                }
                let fits =
                    switch key {
                    case "lead-duties":
                        // Each a duty once: a blank one was drafted as `own add " for <the next one>"`.
                        value.arrayValue.map { duties in
                            let names = duties.compactMap(\.stringValue)
                            let trimmed = names.map { $0.trimming(.spacesAndNewlines).lowercased() }
                            return names.count == duties.count && !names.contains(where: TextEscaping.isBlank)
                                && Set(trimmed).count == names.count
                        } ?? false
                    case "loop": value.stringValue.map { $0.contains("{key}") || $0.contains("{number}") } ?? false
                    default: value.stringValue != nil
                    }
                guard fits else { throw CLIError("\(file): [\(name)] \(key) must be \(expected)") }
            }
        }
        for (name, known) in Self.tableSettings.sorted(by: { $0.key < $1.key }) {
            try check(table(name), name, known)
        }
        var person = Self.calendarSettings
        person["git"] = "a git author's name or email in quotes"
        for (name, value) in table("people").sorted(by: { $0.key < $1.key }) {
            // `all` or `none` as a person: their settings would be nobody's.
            guard Event.isPersonName(name) else {
                throw CLIError("\(file): [people.\(name)]: \(LoopFields.noOne("the name", name)); name a person")
            }
            guard let settings = value.objectValue else {
                throw CLIError("\(file): people.\(name) must be a table: [people.\(name)] with tz, workdays, hours")
            }
            try check(settings, "people.\(name)", person)
        }
        for (name, value) in table("contexts").sorted(by: { $0.key < $1.key }) {
            guard let settings = value.objectValue else {
                throw CLIError("\(file): contexts.\(name) must be a table: [contexts.\(name)] with its filters")
            }
            _ = try ListContext.read(name, settings, file: file)
        }
        for (name, value) in table("post").sorted(by: { $0.key < $1.key }) where value.stringValue == nil {
            throw CLIError("\(file): [post] \(name) must be a URL in quotes")
        }
    }

    /// Reads TOML text.
    public static func parse(_ text: String, path: String) throws -> Configuration {
        let table: TOMLTable
        do {
            // A byte-order mark (Windows editors write one) is not TOML.
            table = try TOMLTable(string: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch let error as TOMLParseError {
            throw CLIError("\(path):\(error.source.begin.line): \(error.description); fix the TOML there")
        }
        guard let value = try? JSONParser.parse(table.convert(to: .json)), let values = value.objectValue else {
            throw CLIError("\(path) could not be read as a table of settings")
        }
        return Configuration(path: path, values: values)
    }

    /// A top-level table, e.g. `policy`, `post`, `people`.
    public func table(_ name: String) -> [String: JSONValue] {
        values[name]?.objectValue ?? [:]
    }

    /// The `user` key.
    public var user: String? { values["user"]?.stringValue }

    /// `[remote]`: the team server this ledger syncs with and the file holding the token, as
    /// `own remote URL --token-file FILE` writes it.
    var remote: (url: String, tokenFile: String)? {
        values["remote"].flatMap(Self.remote)
    }

    private static func remote(_ value: JSONValue) -> (url: String, tokenFile: String)? {
        // Blanks around a value are no part of it: `url = " http://…"` failed every command.
        guard let table = value.objectValue, let url = table["url"]?.stringValue?.trimming(.spaces),
            url.hasPrefix("http://") || url.hasPrefix("https://"),
            let file = table["token-file"]?.stringValue?.trimming(.spaces),
            !file.isEmpty, table.keys.allSatisfy({ $0 == "url" || $0 == "token-file" })
        else { return nil }
        return (url, expandingHome(file))
    }

    /// A path with a leading `~/` in the home folder: `$HOME`, as the ledger's and the configuration's
    /// own folders are found (the account's home from the system went elsewhere under `sudo -E`, in
    /// CI and in containers).
    static func expandingHome(_ path: String) -> String {
        path.hasPrefix("~/") ? BaseDirectory.home(ProcessInfo.processInfo.environment) + path.dropFirst() : path
    }

    /// The text of a configuration file with its `[remote]` table set to `url` and `tokenFile`: the
    /// table's lines replaced where it has one, a table added at the end where it has none. Every
    /// other line is kept as written, comments included.
    static func settingRemote(in text: String, url: String, tokenFile: String) -> String {
        func quoted(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                + "\""
        }
        let table = ["[remote]", "url = " + quoted(url), "token-file = " + quoted(tokenFile)]
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        // `remote = { url = …, token-file = … }`, an inline table on one line before any table, is the
        // same setting: the table takes its place (TOML refuses both).
        let firstTable = lines.firstIndex { $0.trimming(.spaces).hasPrefix("[") } ?? lines.count
        if let inline = lines[..<firstTable].firstIndex(where: { line in
            line.split(separator: "=", maxSplits: 1).first?.trimming(.spaces) == "remote"
        }) {
            lines.remove(at: inline)
        }
        guard let start = lines.firstIndex(where: { $0.trimming(.spaces) == "[remote]" }) else {
            return (lines + (lines.isEmpty ? [] : [""]) + table).joined(separator: "\n") + "\n"
        }
        var end = start + 1
        while end < lines.count, !lines[end].trimming(.spaces).hasPrefix("[") { end += 1 }
        let kept = lines[(start + 1)..<end].filter { line in
            let key = line.split(separator: "=", maxSplits: 1).first?.trimming(.spaces) ?? ""
            return key != "url" && key != "token-file"
        }
        lines.replaceSubrange(start..<end, with: table + kept)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `undo-within`: how long after an event `own undo` may still take it back (default one hour).
    var undoWithin: TimeInterval {
        values["undo-within"].flatMap(Self.seconds) ?? 3600
    }

    /// A length of time written as `"30m"`, `"1h"`, `"2d"` or a number of hours; nil when it is
    /// none of those or not more than zero.
    static func seconds(_ value: JSONValue) -> TimeInterval? {
        if let hours = value.numberValue { return hours > 0 && hours.isFinite ? hours * 3600 : nil }
        guard let text = value.stringValue?.trimming(.spaces).lowercased() else { return nil }
        // A bare number in quotes is hours too, as the message says.
        if let hours = Double(text) { return hours > 0 && hours.isFinite ? hours * 3600 : nil }
        guard let unit = text.last, let size = ["m": 60.0, "h": 3600.0, "d": 86_400.0, "w": 604_800.0][String(unit)],
            let number = Double(text.dropLast().trimming(.spaces)), number > 0, number.isFinite
        else { return nil }
        return number * size
    }

    /// The `repos` list, with `~` expanded.
    public var repositories: [String] {
        (values["repos"]?.arrayValue ?? []).compactMap(\.stringValue).map(Self.expandingHome)
    }

    /// Working calendars from `[people.NAME]` (`tz`, `workdays`, `hours`), with `[calendar]` as the
    /// default for everyone else.
    public func calendars() throws -> Calendars {
        func calendar(_ table: [String: JSONValue], _ name: String, base: WorkingCalendar) throws -> WorkingCalendar {
            do {
                return try WorkingCalendar(
                    tz: table["tz"]?.stringValue,
                    workdays: table["workdays"]?.stringValue,
                    hours: table["hours"]?.stringValue,
                    base: base
                )
            } catch {
                throw CLIError("\(path ?? "configuration"): [\(name)] \(error)")
            }
        }
        var calendars = Calendars(fallback: try calendar(table("calendar"), "calendar", base: .standard))
        for (person, value) in table("people") {
            calendars.people[person] = try calendar(
                value.objectValue ?? [:],
                "people.\(person)",
                base: calendars.fallback
            )
        }
        return calendars
    }
}
