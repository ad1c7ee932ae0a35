import ArgumentParser
import Foundation
import OwnCore
import OwnStore

/// The fields of a loop that `add` sets and `edit` changes: the `created` event's fields.
///
/// `none` clears a field a loop may be without (`own edit 3 --due none`): the edit carries it as
/// `null`. The three questions take `none` as an answer, not as clearing.
struct LoopFields: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("The end state: how everyone will know it is done (none clears it).", valueName: "text")
    )
    var doneWhen: String?

    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp(
            "When it is due: 2026-12-08, fri, eow, +3d, in 2 weeks … (none clears it).",
            valueName: "date"
        )
    )
    var due: String?

    @Option(name: .long, help: "What is at stake if it goes wrong (own add gives medium, autonomy 4).")
    var stakes: Stakes?

    @Option(name: .long, help: "What the work is (own add gives other).")
    var kind: Kind?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "1 wait to be told … 5 act and report only if asked (default: from stakes, routine 5, low and "
                + "medium 4, high and critical 3).",
            valueName: "1-5"
        )
    )
    var autonomy: Int?

    @Option(name: .long, help: "Where in its lifecycle the work is (none clears it).")
    var stage: Clearable<Stage>?

    @Option(
        name: .long,
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "Who depends on it (repeat, or comma-separate); on edit it adds, `--affects -NAME` removes one and "
                + "`--affects none` all.",
            valueName: "who"
        )
    )
    var affects: [String] = []

    @Option(
        name: .long,
        parsing: .unconditional,
        help: ArgumentHelp("The estimate: 6h, 90m, 1.5 (hours; none clears it).", valueName: "hours")
    )
    var estimate: String?

    @Option(name: .long, help: ArgumentHelp("Who owns it (own add gives you).", valueName: "person"))
    var owner: String?

    @Option(
        name: .long,
        help: "The project it belongs to (`own project list` shows each project's health; none clears it)."
    )
    var project: String?

    @Option(
        name: .customLong("tag"),
        parsing: .unconditionalSingleValue,
        help: ArgumentHelp(
            "A tag (repeat, or comma-separate); on edit, `--tag -NAME` removes one and `--tag none` all.",
            valueName: "tag"
        )
    )
    var tags: [String] = []

    @Option(name: .long, help: ArgumentHelp("Where the commitment came from (none clears it).", valueName: "text"))
    var origin: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The first question: who is affected, and how? (none is an answer: nothing).",
            valueName: "text"
        )
    )
    var ux: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The second question: what does it touch? (none is an answer: nothing).", valueName: "text")
    )
    var touches: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The third question: what happens if it fails? (none is an answer: nothing).",
            valueName: "text"
        )
    )
    var ifItFails: String?

    /// The event fields these options set, checked; a field given as `none` is `null` (cleared by an
    /// edit; `add` leaves it out). `current` is the loop before the change (nil for a new loop):
    /// `--tag` and `--affects` add to its lists and `-NAME` removes, and the event carries the whole
    /// new list.
    func fields(_ context: Context, current: Loop? = nil) throws -> EventFields {
        var fields: EventFields = [:]
        func set(_ name: String, _ value: String?) throws {
            if let value { fields[name] = .string(try Self.text(value, "--" + Event.optionName(of: name))) }
        }
        func clearable(_ name: String, _ value: String?, _ read: (String) throws -> JSONValue) rethrows {
            guard let value else { return }
            fields[name] = Self.isNone(value) ? .null : try read(value)
        }
        try clearable("doneWhen", doneWhen) { .string(try Self.text($0, "--done-when")) }
        if let stakes { fields["stakes"] = .string(stakes.rawValue) }
        if let kind { fields["kind"] = .string(kind.rawValue) }
        if let autonomy {
            guard (1...5).contains(autonomy) else { throw CLIError("--autonomy must be a whole number from 1 to 5") }
            fields["autonomy"] = .number(Double(autonomy))
        }
        switch stage {
        case .none?: fields["stage"] = .null
        case .value(let stage)?: fields["stage"] = .string(stage.rawValue)
        case nil: break
        }
        let people = try Self.adjusted(affects, current: current.map(\.affects), option: "--affects", words: .people) {
            name in
            guard Event.isPersonName(name) else {
                throw CLIError(Self.noOne("--affects", name) + "; name who depends on it, or --affects none for no one")
            }
            return Event.nameForm(name)
        }
        // No one left is no one, as `none` says it.
        if let people { fields["affects"] = people.isEmpty ? .null : .array(people.map(JSONValue.string)) }
        try clearable("estimateHours", estimate) { .number(try Self.hours($0)) }
        // A loop always has an owner, one person (a blank one is said to be blank first).
        if let owner {
            let owner = try Self.name(
                owner,
                "--owner",
                otherwise: "a loop's owner is one person (to give a loop away, `own handoff KEY --to PERSON`)"
            )
            fields["owner"] = .string(owner)
        }
        // A done or dropped loop's date is corrected, not set to come: it is overdue from no moment on.
        try clearable("due", due) { value in
            let owner = fields["owner"]?.stringValue ?? current?.owner ?? context.actor
            return .string(try Self.newDue(value, context, owner: owner, warns: current?.state.isLive ?? true).json)
        }
        try clearable("project", project) { value in
            // `own list --project a,b` means either project: a name with a comma could never be found.
            guard !value.contains(",") else {
                throw CLIError(
                    "--project \(value): a project's name holds no comma (`own list --project a,b` means either)"
                )
            }
            return .string(try Self.text(value, "--project"))
        }
        if let tags = try Self.adjusted(tags, current: current.map(\.tags), option: "--tag", words: .tags, { $0 }) {
            fields["tags"] = .array(tags.map(JSONValue.string))
        }
        try clearable("origin", origin) { .string(try Self.text($0, "--origin")) }
        try set("ux", ux)
        try set("touches", touches)
        try set("ifItFails", ifItFails)
        return fields
    }

    /// Whether an option's value asks to clear the field.
    /// Why `Event.isPersonName` refuses a name, for the messages that refuse it.
    static let notAPersonMeaning = "`all` means everyone where --owner filters, `none` and `nobody` no one"

    /// Why a name given by `option` names no one: a control character in it (a line break, an escape
    /// sequence), said as such and shown escaped, or one of the words for everyone and no one.
    static func noOne(_ option: String, _ name: String) -> String {
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "\(option) \(TextEscaping.quoted(name)) holds a control character, which no name does"
        }
        if name.count > Event.longestName {
            return "\(option) \(name.prefix(20))… is \(name.count) characters long, and a name has at most "
                + "\(Event.longestName)"
        }
        return "\(option) \(name) is no one's name (\(notAPersonMeaning))"
    }

    /// A person's name given by `source` (`--as`, `--by`, `OWN_USER`), as `name` reads it.
    static func person(_ value: String, _ source: String) throws -> String {
        try name(value, source, otherwise: "give a person's name")
    }

    /// A person's name given by `source`, without the spaces around it (" carl" would be someone else
    /// than carl, whom no one is): refused when blank, when it holds a control character (said as
    /// such, not as a word for everyone), when it names everyone or no one, or the team server;
    /// `otherwise` says what to give instead.
    static func name(_ value: String, _ source: String, otherwise: String) throws -> String {
        guard !TextEscaping.isBlank(value) else { throw CLIError("\(source) is blank; \(otherwise)") }
        let name = value.trimming(.spaces)
        guard Event.isPersonName(name) else { throw CLIError(noOne(source, name) + "; " + otherwise) }
        // `--to "lee, bob"` made one owner named "lee, bob", whom no list of names could hold.
        guard !name.contains(",") else {
            throw CLIError("\(source) \(name) names more than one person (a comma separates names); \(otherwise)")
        }
        try refuseServerName(name, source)
        // One form of a name, the composed one, as events hold it (`Event.trimmedName`).
        return Event.nameForm(name)
    }

    /// The team server writes its own events under its name, and refuses a person's that name it
    /// (as an owner, a recipient, an author): refused here at once, not at the next sync.
    static func refuseServerName(_ name: String, _ source: String) throws {
        guard !Event.isServerName(name) else {
            throw CLIError("\(source) \(name) is the team server's name, no person's; give a person's name")
        }
    }

    static func isNone(_ value: String) -> Bool {
        value.trimming(.spaces).lowercased() == "none"
    }

    /// Text for a field a new fact may go without (`own done --monitored-by`, `--guard`): nil when
    /// not given or given as `none`, which records no such field rather than the word.
    static func textOrNone(_ value: String?, _ what: String) throws -> String? {
        guard let value, !isNone(value) else { return nil }
        return try text(value, what)
    }

    /// Text a person typed, without the blanks and line breaks around it (a title pasted with its
    /// line end, padding that threw the list's columns out of line), refused when it has nothing to
    /// read: every command that takes text reads it the same way.
    static func text(_ value: String, _ what: String) throws -> String {
        guard !TextEscaping.isBlank(value) else { throw CLIError("\(what) is blank; say something in it") }
        return value.trimming(.spacesAndNewlines)
    }

    /// A date expression read at the command's instant on the acting person's calendar.
    static func due(_ text: String, _ context: Context) throws -> Due {
        try DateExpression.parse(text, now: context.now, zone: context.calendar.zone)
    }

    /// A due date being set: as `due`, with a warning when it has already passed (it is recorded, as
    /// the person may be catching up, but the loop is overdue from the start). Read on the acting
    /// person's calendar; passed or not on the owner's, where a day ends as the doctor and `own list`
    /// judge it.
    static func newDue(_ text: String, _ context: Context, owner: String, warns: Bool = true) throws -> Due {
        let due = try Self.due(text, context)
        if warns, due.deadline(in: context.calendars.calendar(for: owner).zone) <= context.now {
            Output.warning("the due date \(due.json) has already passed; the loop is overdue from now on")
        }
        return due
    }

    /// Names a person typed after an option, as `list` reads them; a value with nothing in it
    /// (`--tag "  "`) is refused as blank text is everywhere, rather than dropped without a word.
    static func names(_ values: [String], _ option: String) throws -> [String] {
        for value in values { _ = try text(value, option) }
        let names = list(values)
        // Only commas (`--told " , "`) name no one: refused as a blank one is, not read as no option.
        if !values.isEmpty, names.isEmpty { throw CLIError("\(option) names no one; say who, or leave it out") }
        return names
    }

    /// People (or teams) named by an option, each one a name someone can have (`isPerson`): `none`
    /// as who was told or who covers counted as someone, and silenced the doctor's rules about
    /// changes nobody heard of and time off nobody covers.
    static func people(_ values: [String], _ option: String, otherwise: String) throws -> [String] {
        let names = try names(values, option)
        if let name = names.first(where: { !Event.isPersonName($0) }) {
            throw CLIError(noOne(option, name) + "; " + otherwise)
        }
        return names
    }

    /// Names given as repeated options or comma-separated, trimmed, without empties, each once (in
    /// the order first given): `--affects "lee, lee"` stored lee twice.
    static func list(_ values: [String]) -> [String] {
        var names: [String] = []
        // Split at each comma, whatever follows it: a character that shows nothing (a zero-width
        // joiner) or a combining mark joins the comma into one Swift character with it, and
        // "ben,<joiner>lee" was one name, "ben,lee".
        for name in values.flatMap({ $0.unicodeScalars.split(separator: ",").map { String($0) } })
            .map({ $0.trimming(.spaces) })
        where !name.isEmpty && !names.contains(name) {
            names.append(name)
        }
        return names
    }

    /// The people `list` names, each in the form events hold a name (`Event.nameForm`), once: "ben"
    /// and "ben" with a zero-width joiner are one person, not two entries that read the same.
    static func personList(_ values: [String]) -> [String] {
        var people: [String] = []
        for name in list(values).map(Event.nameForm) where !people.contains(name) { people.append(name) }
        return people
    }

    /// How the messages about a list name what it holds.
    struct ListWords {
        var one: String
        var plural: String
        var every: String
        var none: String
        static let tags = ListWords(one: "tag", plural: "tags", every: "every tag", none: "no tag")
        static let people = ListWords(one: "person", plural: "people", every: "everyone", none: "no one")
    }

    /// A list after its options (`--tag`, `--affects`): NAME adds (once), -NAME removes, `none` alone
    /// clears it, as `none` clears every other field; nil when none was given. Each name is checked
    /// and put in its stored form by `form`. A new loop (`current` nil) has nothing to remove:
    /// `--tag -NAME` on `add` is refused rather than dropped without a word.
    static func adjusted(
        _ options: [String],
        current: [String]?,
        option: String,
        words: ListWords,
        _ form: (String) throws -> String
    ) throws -> [String]? {
        let names = try names(options, option)
        guard !names.isEmpty else { return nil }
        if names.count == 1, isNone(names[0]) { return [] }
        // With other names, `none` would be kept as a name, not clear the rest.
        if names.contains(where: isNone) {
            throw CLIError(
                "\(option) none clears \(words.every) and goes alone; give the \(words.plural) to keep without it"
            )
        }
        var list = current ?? []
        for name in names {
            if name.hasPrefix("-"), current == nil {
                throw CLIError(
                    "\(option) \(name) removes a \(words.one), and a new loop has none; give the \(words.one) as "
                        + name.dropFirst()
                )
            } else if name.hasPrefix("-") {
                let removed = String(name.dropFirst()).trimming(.spaces)
                guard !removed.isEmpty else {
                    throw CLIError("\(option) - names \(words.none); write \(option) -NAME to remove one")
                }
                let stored = try form(removed)
                // A typo removed nothing and read as done ("unchanged: it already has those values").
                if !list.contains(stored) {
                    Output.warning("\(option) \(name): it has no \(words.one) \(stored); nothing to remove")
                }
                list.removeAll { $0 == stored }
            } else {
                let added = try form(name)
                if !list.contains(added) { list.append(added) }
            }
        }
        return list
    }

    /// Hours from `6h`, `90m`, `1.5h` or `6`.
    static func hours(_ text: String) throws -> Double {
        let trimmed = text.trimming(.spaces).lowercased()
        var number = Substring(trimmed)
        var scale = 1.0
        if number.hasSuffix("h") {
            number = number.dropLast()
        } else if number.hasSuffix("m") {
            number = number.dropLast()
            scale = 1.0 / 60
        }
        guard let value = Double(number), value >= 0, value.isFinite else {
            throw CLIError("cannot read the estimate \"\(text)\"; use hours like 6h, 1.5h, 90m or 6")
        }
        guard value * scale <= Loop.largestEstimate else {
            throw CLIError("the estimate \"\(text)\" is more than 10000 hours; check it, or split the loop")
        }
        return value * scale
    }
}
