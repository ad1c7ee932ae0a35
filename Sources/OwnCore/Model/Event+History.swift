/// What an event says in a loop's history: `own show` and the dashboard's loop page write the same
/// words for it.
extension Event {
    /// The event's type and what it says: `handedOff: to bob; you know runner 3`, `risk: vendor late
    /// (told lee)`, `started`.
    public var historyLine: String {
        let (details, told) = historyParts
        var line = type.words
        if !details.isEmpty { line += ": " + details.joined(separator: "; ") }
        if !told.isEmpty { line += " (told " + told.joined(separator: ", ") + ")" }
        return line
    }

    /// What it says after its type (`to bob; you know runner 3 (told lee)`), nil when nothing.
    public var historyDetail: String? {
        let (details, told) = historyParts
        var text = details.joined(separator: "; ")
        if !told.isEmpty { text += (text.isEmpty ? "" : " ") + "(told " + told.joined(separator: ", ") + ")" }
        return text.isEmpty ? nil : text
    }

    /// The fields an edit changed, each by the name `naming` gives it, in order, those it cleared
    /// marked: "due cleared, title".
    public static func editedNames(_ fields: EventFields, naming: (String) -> String = { $0 }) -> String {
        fields.keys.map { (shown: naming($0), cleared: isCleared(fields[$0], of: $0)) }
            .sorted { $0.shown < $1.shown }
            .map { $0.shown + ($0.cleared ? " cleared" : "") }
            .joined(separator: ", ")
    }

    /// Whether an edit's value clears its field: null, an empty list (`--tag none`, `--affects none`),
    /// or an empty project (as the fold reads one).
    private static func isCleared(_ value: JSONValue?, of field: String) -> Bool {
        value == .null || value == .array([]) || (field == "project" && value == .string(""))
    }

    /// The fields an edit changed with their new values, those it cleared (`isCleared`) marked:
    /// `title "Invoices v2"; due 2026-12-09; affects cleared`. Free text is quoted; names, dates and
    /// the fixed values of a field are not.
    public static func editedValues(_ fields: EventFields) -> String {
        fields.keys.sorted().map { field in
            let name = optionName(of: field)
            // An empty list is said cleared: "tags none" read as a tag named none; an empty project
            // read as nothing at all.
            if isCleared(fields[field], of: field) { return name + " cleared" }
            return switch fields[field] ?? .null {
            case .string(let text): name + " " + (wordFields.contains(field) ? text : TextEscaping.quoted(text))
            case .array(let values): name + " " + values.compactMap(\.stringValue).joined(separator: ", ")
            case let value: name + " " + JSONWriter.string(value)
            }
        }
        .joined(separator: "; ")
    }

    /// A field as the commands spell the option that sets it: `done-when`, `if-it-fails`, and
    /// `estimate` for `estimateHours` (the history said `doneWhen`, where `own edit` says `done-when`).
    public static func optionName(of field: String) -> String {
        if field == "estimateHours" { return "estimate" }
        return field.reduce(into: "") { name, character in
            if character.isUppercase { name += "-" + character.lowercased() } else { name.append(character) }
        }
    }

    /// The edited fields whose value is a name, a date or one of fixed values, shown unquoted.
    private static let wordFields: Set<String> = ["owner", "due", "stakes", "kind", "stage", "project"]

    private var historyParts: (details: [String], told: [String]) {
        let details: [String?] =
            switch type {
            case .created: [string("title")]
            case .noted, .risk: [string("note")]
            case .blocked: [string("reason")]
            case .helpAsked: [string("from").map { "from " + $0 }, string("note")]
            case .unblocked: [string("note")]
            case .scopeChanged:
                [string("note"), number("estimateHours").map { "now \(JSONWriter.string(.number($0)))h" }]
            case .dueChanged: [string("due") ?? "removed", string("reason")]
            case .staged: [string("stage")]
            case .handedOff: [string("to").map { "to " + $0 }, string("note")]
            case .reported: [string("channel"), string("note")]
            case .done:
                [
                    string("outcome"), bool("verified") == true ? "verified" : nil,
                    string("monitoredBy").map { "monitored by " + $0 }, string("guard").map { "guard: " + $0 },
                ]
            case .dropped, .reopened: [string("reason")]
            case .guarded: [string("guard")]
            case .declined: [string("title"), string("reason")]
            case .away, .awayCancelled: []
            case .retracted: [string("retracts").map { "takes back " + $0 }]
            case .edited: [Self.editedValues(fields)]
            case .started, .approved: []
            }
        return (details.compactMap { $0 }.filter { !$0.isEmpty }, strings("told"))
    }
}

extension EventType {
    /// The type in words, as a history line says it: `due changed`, `help asked`, `handed off`.
    public var words: String {
        rawValue.reduce(into: "") { words, character in
            if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
        }
    }
}
