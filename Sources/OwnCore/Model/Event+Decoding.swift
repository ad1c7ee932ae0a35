import Foundation

/// The shape each known field must have, checked on import so that a bad line is refused whole.
private enum FieldShape {
    case text, texts, number, flag, date, day, stakes, kind, stage, autonomy, channel
    /// A text that names one person (`Event.isPersonName`), and a list of such texts.
    case person, people
}

private let createdFields: [(name: String, shape: FieldShape)] = [
    ("title", .text), ("owner", .person), ("doneWhen", .text), ("due", .date), ("stakes", .stakes), ("kind", .kind),
    ("autonomy", .autonomy), ("stage", .stage), ("affects", .people), ("estimateHours", .number), ("origin", .text),
    ("ux", .text), ("touches", .text), ("ifItFails", .text), ("project", .text), ("tags", .texts),
]

/// What each type of event holds: the shape of its known fields, and those it needs.
private struct EventShape {
    let type: EventType
    let fields: [(name: String, shape: FieldShape)]
    let required: [String]

    init(type: EventType, fields: [(name: String, shape: FieldShape)], required: [String] = []) {
        (self.type, self.fields, self.required) = (type, fields, required)
    }
}

/// Looked up by the type's name, by comparing names in turn: the names are short, and a dictionary
/// hashed the name (and each field's) on every line of an import.
private let eventShapes: [EventShape] = [
    EventShape(type: .created, fields: createdFields, required: ["title"]),
    EventShape(type: .noted, fields: [("note", .text)]),
    EventShape(type: .started, fields: []),
    EventShape(
        type: .done,
        fields: [("outcome", .text), ("verified", .flag), ("monitoredBy", .text), ("guard", .text)]
    ),
    EventShape(type: .blocked, fields: [("reason", .text)]),
    EventShape(type: .helpAsked, fields: [("from", .text), ("note", .text)], required: ["from"]),
    EventShape(type: .unblocked, fields: [("note", .text)]),
    EventShape(type: .risk, fields: [("note", .text), ("told", .people)]),
    EventShape(type: .scopeChanged, fields: [("note", .text), ("estimateHours", .number), ("told", .people)]),
    EventShape(type: .dueChanged, fields: [("due", .date), ("reason", .text), ("told", .people)], required: ["due"]),
    EventShape(type: .staged, fields: [("stage", .stage)], required: ["stage"]),
    EventShape(type: .approved, fields: []),
    EventShape(type: .handedOff, fields: [("to", .person), ("note", .text)], required: ["to"]),
    EventShape(
        type: .reported,
        fields: [("channel", .channel), ("note", .text), ("covers", .texts)],
        required: ["channel"]
    ),
    EventShape(type: .dropped, fields: [("reason", .text), ("told", .people)]),
    EventShape(type: .edited, fields: createdFields + [("verified", .flag), ("monitoredBy", .text)]),
    EventShape(type: .guarded, fields: [("guard", .text)], required: ["guard"]),
    EventShape(
        type: .away,
        fields: [("person", .person), ("from", .day), ("until", .day), ("backup", .person)],
        required: ["person", "from", "until"]
    ),
    EventShape(type: .awayCancelled, fields: [("cancels", .text)], required: ["cancels"]),
    EventShape(
        type: .declined,
        fields: [("title", .text), ("person", .person), ("reason", .text), ("told", .people)],
        required: ["title"]
    ),
    EventShape(type: .retracted, fields: [("retracts", .text)], required: ["retracts"]),
    EventShape(type: .reopened, fields: [("reason", .text)]),
]

/// The names of the types, by their place in `eventShapes`: a line's type is found where it lies.
private let typeNames = KnownTexts(eventShapes.map(\.type.rawValue))

/// The names of the fields events know, found where a line holds them (`KnownTexts`).
private let fieldNames = KnownTexts(
    eventShapes.flatMap { $0.fields.map(\.name) }.reduce(into: [String]()) { names, name in
        if !names.contains(name) { names.append(name) }
    }
)

extension Event {
    /// Whether a name can be a person's: `all` means everyone wherever a command filters by owner,
    /// and `none` and `nobody` mean no one (in any case). A loop's owner, a hand-off's recipient, who
    /// was told, who is away and their backup are one person each, in every command, import and push.
    public static func isPersonName(_ name: String) -> Bool {
        // Every event an import reads names a person or two: a name with nothing to trim (it starts
        // and ends with a visible ASCII character) is compared as it is, and only when its length is
        // one of theirs. Foundation's trimming cost an import of a million events most of a second.
        // A control character (a line break) is no part of a name; and a blank name is no one's.
        var ascii = true
        guard
            name.allBytes({ byte in
                ascii = ascii && byte < 0x80
                return byte >= 0x20 && byte != 0x7F
            })
        else { return false }
        if ascii, let (first, last) = name.endBytes, (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) {
            let length = name.utf8.count
            guard length <= longestName else { return false }
            return reservedLengths & (1 << length) == 0 || !reservedNames.contains(name.lowercased())
        }
        // Judged as it is read (`nameForm`): "al" and "l" around a zero-width space is all.
        let trimmed = (ascii ? name : nameForm(name)).trimming(.spaces).lowercased()
        return !trimmed.isEmpty && trimmed.count <= longestName && !reservedNames.contains(trimmed)
    }

    /// What `isPersonName` asks of a name, for the messages that refuse one.
    public static let personNameRule = "not blank, at most 64 characters; all, none and nobody name no one"

    /// The longest name of a person, in characters: as a team server's people (`own server person
    /// set`). A team server indexes names with the team, a key or an id; PostgreSQL refuses an
    /// index entry past about 2,700 bytes, and a longer name stopped the pushes that held it.
    public static let longestName = 64

    /// The longest event id, in characters: as a loop's key (`LoopReference.maximumKeyLength`), for
    /// the same reason.
    public static let longestID = LoopReference.maximumKeyLength

    /// A person's name as every command takes one: without blanks around it, and composed (NFC), as
    /// keys are. Events are read so: a line written by hand, or imported by an `own` from before that
    /// took one, with " lee " names lee, whom `--owner`, `OWN_USER` and `own away` name (a person
    /// " lee " was someone no command could name, and `own import` refused the export of a ledger
    /// holding one); and "José" typed as "e" with a combining accent is José, whose loops a team
    /// server's `?owner=` and its standup found under one form only.
    public static func trimmedName(_ name: String) -> String {
        withoutBlanks(nameForm(name))
    }

    /// A name in the one form events hold it: composed (`ComposedForm`), and without the characters
    /// that show nothing (zero-width spaces and joiners, direction marks and overrides, variation
    /// selectors: Unicode's default-ignorable code points). "ben" and a zero-width joiner looked like
    /// ben and was no one his list or standup showed; "neb" after a right-to-left override showed as ben.
    public static func nameForm(_ name: String) -> String {
        guard !name.allBytes({ $0 < 0x80 }) else { return name }
        guard name.unicodeScalars.contains(where: \.properties.isDefaultIgnorableCodePoint) else {
            return ComposedForm.of(name)
        }
        var shown = String.UnicodeScalarView()
        shown.append(contentsOf: name.unicodeScalars.filter { !$0.properties.isDefaultIgnorableCodePoint })
        return ComposedForm.of(String(shown))
    }

    /// A name without the blanks around it, in the form given.
    private static func withoutBlanks(_ name: String) -> String {
        isPadded(name) ? name.trimming(.spacesAndNewlines) : name
    }

    /// Whether a name is in a form other than the one events hold (`nameForm`: composed, nothing
    /// invisible), told apart by bytes: Swift's strings take both composed forms for one text.
    static func isUncomposed(_ name: String) -> Bool {
        !name.allBytes { $0 < 0x80 } && !nameForm(name).utf8.elementsEqual(name.utf8)
    }

    /// Whether a name has blanks around it. Most names start and end with a visible ASCII character:
    /// nothing to trim, told from their end bytes (every line of an import names a person or two).
    static func isPadded(_ name: String) -> Bool {
        guard let (first, last) = name.endBytes else { return false }
        if (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last) { return false }
        return name.trimming(.spacesAndNewlines) != name
    }

    /// The names in the fields that name a person (`personFields`), trimmed (`trimmedName`). The
    /// members are walked once and a field's name looked up only for a padded value: five lookups
    /// hashed five names for every line of an import, a tenth of its reading thread. Composed only
    /// when `composing` (the line holds a byte beyond ASCII, or an escape): `composeNames`.
    static func trimNames(in members: inout EventFields, composing: Bool) {
        if composing { composeNames(in: &members) }
        var trimmed: [(field: String, value: JSONValue)] = []
        for (field, value) in members {
            switch value {
            case .string(let name) where isPadded(name) && personFields.contains(field):
                trimmed.append((field, .string(withoutBlanks(name))))
            case .array(let values)
            where values.contains(where: { $0.stringValue.map(isPadded) == true }) && personFields.contains(field):
                trimmed.append(
                    (
                        field,
                        .array(values.map { value in value.stringValue.map { .string(withoutBlanks($0)) } ?? value })
                    )
                )
            default: continue
            }
        }
        for (field, value) in trimmed { members[field] = value }
    }

    /// The names in the fields that name a person, composed (`trimmedName`).
    private static func composeNames(in members: inout EventFields) {
        for field in personFields {
            switch members[field] {
            case .string(let name) where isUncomposed(name): members[field] = .string(nameForm(name))
            case .array(let values) where values.contains(where: { $0.stringValue.map(isUncomposed) == true }):
                members[field] = .array(
                    values.map { value in value.stringValue.map { .string(nameForm($0)) } ?? value }
                )
            default: continue
            }
        }
    }

    /// Whether an event's text gives a person's name with blanks around it (`trimmedName`), in `by`
    /// or a field that names a person: the ledger's v10 folds such a loop again.
    public static func namesSomeonePadded(_ line: String) -> Bool {
        guard let members = (try? JSONParser.parse(line))?.objectValue else { return false }
        return (["by"] + personFields).contains { field in
            switch members[field] {
            case .string(let name): isPadded(name)
            case .array(let values): values.contains { $0.stringValue.map(isPadded) == true }
            default: false
            }
        }
    }

    /// The fields besides `by` whose text names a person, in any type of event (`trimNames`).
    /// `affects` names people (or a team) too: its names are read so, for `own list --affects` and the
    /// notices' audience to find them in one form.
    private static let personFields = ["owner", "to", "person", "backup", "told", "affects"]

    /// `.` and `..` too: a web address reads them as folders (the dashboard's page of a person).
    private static let reservedNames: Set<String> = ["all", "none", "nobody", ".", ".."]

    /// The team server's name: it writes its own events (its marks, the incidents its monitors open)
    /// under it, and no person takes it, in any case (`isServerName`).
    public static let serverName = "own-server"

    /// Whether a name is the team server's, in any case: no loop's owner, and no one acts as it.
    public static func isServerName(_ name: String) -> Bool {
        name.lowercased() == serverName
    }
    /// The lengths of the reserved names, a bit each: a name of another length is none of them,
    /// told without hashing it.
    private static let reservedLengths = reservedNames.reduce(UInt64(0)) { $0 | 1 << $1.utf8.count }

    /// The members every event has, read before the rest: type, id, loop, at, by.
    fileprivate static let commonMembers = ["type", "id", "loop", "at", "by"]
}

/// The five common members of a line as read, by slot (`Event.commonMembers`): held in place, where
/// an array of five was allocated and freed for every line.
private struct CommonMembers {
    var type, id, loop, at, by: JSONValue?
    /// `at`'s instant, when it is written as `Timestamp.format` writes it (`at` is nil then).
    var instant: Date?
    /// The place of the type in `eventShapes`, when it is written as a known name without escapes
    /// (`type` is nil then).
    var shape: Int?

    /// The member in `slot`, moved out (nil is left).
    mutating func take(_ slot: Int) -> JSONValue? {
        switch slot {
        case 0: type.take()
        case 1: id.take()
        case 2: loop.take()
        case 3: at.take()
        default: by.take()
        }
    }

    /// Whether the member in `slot` was read, in place or as a value.
    func holds(_ slot: Int) -> Bool {
        self[slot] != nil || (slot == 3 && instant != nil) || (slot == 0 && shape != nil)
    }

    subscript(slot: Int) -> JSONValue? {
        get {
            switch slot {
            case 0: type
            case 1: id
            case 2: loop
            case 3: at
            default: by
            }
        }
        set {
            switch slot {
            case 0: type = newValue
            case 1: id = newValue
            case 2: loop = newValue
            case 3: at = newValue
            default: by = newValue
            }
        }
    }
}

extension Event {
    /// Reads one line of the interchange format, checking every known field; `makeID` supplies an id
    /// when the line has none. The five common members are read in place, and only the others go
    /// into `fields`: this runs for every line of an import and every event a report reads.
    /// `checkingFields: false` skips the shape of each known field, for lines the ledger stored
    /// after checking them.
    public init(jsonLine line: String, checkingFields: Bool = true, makeID: () -> String) throws(CoreError) {
        // Given the event `read` returns through the memberwise init (see `init(id:loop:at:by:type:fields:)`).
        self = try Self.read(jsonLine: line, checkingFields: checkingFields, makeID: makeID)
    }

    /// `init(jsonLine:checkingFields:makeID:)`'s work.
    private static func read(
        jsonLine line: String,
        checkingFields: Bool,
        makeID: () -> String
    ) throws(CoreError) -> Event {
        var common = CommonMembers()
        var members = EventFields()
        // Names of the members beyond the common ones, once there are many (`EventFields.add`).
        var names: Set<String>?
        var copy = line
        // Whether the line holds a backslash: only then may a text hold an escaped NUL (checked where
        // fields are checked; a stored line was checked when it was stored), or an escaped character
        // beyond ASCII.
        var escaped = false
        // Whether a text of the line may hold a character beyond ASCII, written as it is or escaped:
        // only then may a name be in another form than the composed one (`trimNames`). The bytes are
        // OR-ed together, which the compiler does in wide steps.
        var beyondASCII = false
        let parsed = copy.withUTF8 { bytes -> Result<Bool, JSONParser.Failure> in
            if let base = bytes.baseAddress {
                escaped = memchr(base, Int32(UInt8(ascii: "\\")), bytes.count) != nil
            }
            beyondASCII = escaped || bytes.reduce(0, |) >= 0x80
            return Result { () throws(JSONParser.Failure) in
                var cursor = JSONParser.Cursor(bytes: bytes)
                cursor.skipSpace()
                guard cursor.index < bytes.count, bytes[cursor.index] == UInt8(ascii: "{") else {
                    _ = try cursor.value(depth: 0)
                    return false
                }
                // The common names are matched as they stand in the text: no string is made for them.
                try cursor.namedMembers(depth: 0) { name, value throws(JSONParser.Failure) in
                    let slot: Int? =
                        switch name {
                        case "type": 0
                        case "id": 1
                        case "loop": 2
                        case "at": 3
                        case "by": 4
                        default: nil
                        }
                    if slot == 0, !common.holds(0), let raw = value.plainString() {
                        // Read in place too: a known type's name needs no string.
                        if let index = typeNames.index(of: raw) {
                            common.shape = index
                        } else {
                            common.type = .string(String(decoding: raw, as: UTF8.self))
                        }
                        return
                    }
                    if slot == 3, !common.holds(3), let raw = value.plainString() {
                        // Read in place: most lines write it as `Timestamp.format` does, which gives it back.
                        if let instant = Timestamp.canonical(raw) {
                            common.instant = instant
                        } else {
                            common.at = .string(String(decoding: raw, as: UTF8.self))
                        }
                        return
                    }
                    let member = try value.value(depth: 1)
                    if let slot {
                        guard !common.holds(slot) else {
                            throw value.fail("the member \"\(Self.commonMembers[slot])\" appears twice")
                        }
                        common[slot] = member
                    } else {
                        // Sized once for the fields its type may hold: growing copies every member.
                        if members.isEmpty, let shape = common.shape {
                            let wide = eventShapes[shape].type == .created || eventShapes[shape].type == .edited
                            members = EventFields(capacity: wide ? 16 : 4)
                        }
                        guard members.add(name.text(among: fieldNames), member, names: &names) else {
                            throw value.fail("the member \"\(name.text)\" appears twice")
                        }
                    }
                }
                cursor.skipSpace()
                guard cursor.index == bytes.count else { throw cursor.fail("unexpected text after the JSON value") }
                return true
            }
        }
        let isObject: Bool
        do {
            isObject = try parsed.get()
        } catch {
            throw .invalidEvent("not JSON: \(error.reason) (at byte \(error.offset + 1))")
        }
        guard isObject else { throw .invalidEvent("an event must be a JSON object") }
        // Each common member is read once: moved out (a copy retained its text, and the member left
        // behind released it).
        func text(_ slot: Int) throws(CoreError) -> String {
            let name = Self.commonMembers[slot]
            guard let member = common.take(slot) else {
                throw .invalidEvent("missing \"\(name)\"")
            }
            guard let text = member.stringValue, !text.isEmpty else {
                throw .invalidEvent("\"\(name)\" must be a non-empty string")
            }
            return text
        }
        let found: Int
        if let shape = common.shape {
            found = shape
        } else {
            // Written with an escape, or no known type.
            var typeName = try text(0)
            guard let shape = typeName.withUTF8({ typeNames.index(of: $0) }) else {
                throw .invalidEvent(
                    "unknown type \"\(typeName)\"; known: \(EventType.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            found = shape
        }
        let eventShape = eventShapes[found]
        let type = eventShape.type
        let id: String
        if common.id == nil {
            id = makeID()
        } else {
            id = try text(1)
        }
        let loop = try text(2)
        let at: Date
        var writtenAt: String?
        if let instant = common.instant {
            at = instant
        } else {
            let atText = try text(3)
            guard let parsed = Timestamp.parse(atText) else {
                throw .invalidEvent("\"at\" must be an ISO-8601 date-time with offset, like 2026-11-27T16:00:00Z")
            }
            at = parsed
            // Kept unless `Timestamp.format` writes it so (one written with an escape): events equal
            // as read are equal as held.
            writtenAt = atText == Timestamp.format(parsed) ? nil : atText
        }
        let given = try text(4)
        let by = beyondASCII ? Self.trimmedName(given) : Self.withoutBlanks(given)
        Self.trimNames(in: &members, composing: beyondASCII)
        if checkingFields {
            guard Timestamp.years.contains(at) else {
                throw .invalidEvent("\"at\" must be from 1970 to 3999, like 2026-11-27T16:00:00Z")
            }
            guard id.utf8.count <= Self.longestID || id.count <= Self.longestID else {
                throw .invalidEvent("\"id\" has at most \(Self.longestID) characters, as a loop's key")
            }
            guard Event.isPersonName(by) else {
                throw .invalidEvent(
                    "\"by\" must name one person, not \(TextEscaping.quoted(by)) (\(Event.personNameRule))"
                )
            }
            // Written `\u0000` in JSON: looked for in the decoded texts only when the line holds an escape.
            if escaped,
                [id, loop, by].contains(where: Self.holdsNUL) || members.keys.contains(where: Self.holdsNUL)
                    || members.values.contains(where: Self.holdsNUL)
            {
                throw .invalidEvent("a text holds U+0000 (NUL), which no ledger or team server keeps; remove it")
            }
            for name in eventShape.required where members[name] == nil {
                throw .invalidEvent("a \(type.rawValue) event needs \"\(name)\"")
            }
            for (name, member) in members {
                guard let shape = eventShape.fields.first(where: { $0.name == name })?.shape else { continue }
                // An edit clears a field the loop may be without by giving it as null; a due date
                // removed is a change to plan, `dueChanged` with `due` null.
                if type == .edited, member == .null, Loop.clearableFields.contains(name) { continue }
                if type == .dueChanged, name == "due", member == .null { continue }
                try Self.check(member, shape: shape, name: name)
            }
            do {
                try type == .created ? LoopReference.checkNewKey(loop) : LoopReference.checkKey(loop)
                // Time off and declines (and their retractions) are all those keys hold, and they are
                // held nowhere else: a loop's time off would be kept and never counted.
                if loop.utf8.first == UInt8(ascii: "@"), ![.away, .awayCancelled, .declined, .retracted].contains(type)
                {
                    throw CoreError.invalidKey(
                        key: loop,
                        reason: "keys beginning with @ are kept for time off and declines, not \(type.rawValue) events"
                    )
                }
                // (A switch: this runs for every line of an import.)
                let home: String? =
                    switch type {
                    case .away, .awayCancelled: TimeOff.ledgerKey
                    case .declined: Decline.ledgerKey
                    default: nil
                    }
                if let home, loop != home {
                    throw CoreError.invalidKey(key: loop, reason: "\(type.rawValue) events belong under \(home)")
                }
            } catch {
                throw .invalidEvent("\"loop\": \(error)")
            }
            if type == .created || type == .edited, let title = members["title"]?.stringValue,
                TextEscaping.isBlank(title)
            {
                throw .invalidEvent("\"title\" cannot be blank")
            }
            // A blank answer is no answer: it silenced `open-loop` and `unexamined`, which `own add`
            // and `own edit` never let it do.
            if type == .created || type == .edited,
                let blank = Self.answers.first(where: { members[$0]?.stringValue.map(TextEscaping.isBlank) == true })
            {
                throw .invalidEvent("\"\(blank)\" cannot be blank; leave it out (or null in an edit, to clear it)")
            }
            if type == .away, let from = members["from"]?.stringValue, let until = members["until"]?.stringValue,
                let first = CivilDate(iso: from), let last = CivilDate(iso: until), last < first
            {
                throw .invalidEvent("\"until\" (\(until)) is before \"from\" (\(from))")
            }
        }
        // Composed: a line all ASCII, with no escape, holds nothing to compose.
        return Event(
            id: beyondASCII ? ComposedForm.of(id) : id,
            loop: beyondASCII ? ComposedForm.of(loop) : loop,
            at: at,
            writtenAt: writtenAt,
            by: by,
            type: type,
            fields: members
        )
    }

    /// The fields that answer a loop's questions: what done means, and the three an examined loop has.
    private static let answers = ["doneWhen", "ux", "touches", "ifItFails"]

    private static func holdsNUL(_ text: String) -> Bool {
        text.utf8.contains(0)
    }

    private static func holdsNUL(_ value: JSONValue) -> Bool {
        switch value {
        case .string(let text): holdsNUL(text)
        case .array(let values): values.contains(where: holdsNUL)
        case .object(let members): members.keys.contains(where: holdsNUL) || members.values.contains(where: holdsNUL)
        case .null, .bool, .number: false
        }
    }

    /// The years a date in an event may have, as its `at` (`Timestamp.years`).
    private static let civilYears = 1970...3999

    private static func check(_ member: JSONValue, shape: FieldShape, name: String) throws(CoreError) {
        func need(_ ok: Bool, _ what: String) throws(CoreError) {
            if !ok { throw .invalidEvent("\"\(name)\" must be \(what)") }
        }
        switch shape {
        case .text: try need(member.stringValue != nil, "a string")
        case .texts:
            try need(member.arrayValue?.allSatisfy { $0.stringValue != nil } == true, "a list of strings")
        case .number:
            try need(
                (member.numberValue ?? -1) >= 0 && (member.numberValue ?? 0) <= Loop.largestEstimate,
                "a number of hours from 0 to 10000"
            )
        case .flag: try need(member.boolValue != nil, "true or false")
        case .date:
            let due = member.stringValue.flatMap(Due.init(json:))
            try need(due?.isInLedgerYears ?? false, "a date (YYYY-MM-DD) or a date-time with offset, from 1970 to 3999")
        case .day:
            let day = member.stringValue.flatMap { CivilDate(iso: $0) }
            try need(day.map { civilYears.contains($0.year) } ?? false, "a date (YYYY-MM-DD) from 1970 to 3999")
        case .autonomy:
            let number = member.numberValue ?? 0
            try need(number.rounded() == number && (1...5).contains(number), "a whole number from 1 to 5")
        case .stakes: try checkName(member, Stakes.names, name: name)
        case .kind: try checkName(member, Kind.names, name: name)
        case .stage: try checkName(member, Stage.names, name: name)
        case .channel: try checkName(member, ReportChannel.names, name: name)
        case .person:
            try need(
                member.stringValue.map(Event.isPersonName) == true,
                "a person's name (\(Event.personNameRule))"
            )
        case .people:
            try need(
                member.arrayValue?.allSatisfy { $0.stringValue.map(Event.isPersonName) == true } == true,
                "a list of people's names (\(Event.personNameRule))"
            )
        }
    }

    private static func checkName<T: CaseIterable & RawRepresentable<String> & Sendable>(
        _ member: JSONValue,
        _ names: JSONParser.KnownNames<T>,
        name: String
    ) throws(CoreError) {
        guard let text = member.stringValue else { throw .invalidEvent("\"\(name)\" must be a string") }
        guard names.member(named: text) != nil else {
            throw .invalidValue(field: name, value: text, accepted: names.members.map(\.rawValue))
        }
    }
}
