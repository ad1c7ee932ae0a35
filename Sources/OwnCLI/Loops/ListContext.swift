import Foundation
import OwnCore

/// A named set of `own list` filters from the configuration's `[contexts]` table, applied with
/// `own list @NAME`:
///
/// ```toml
/// [contexts.payments]
/// project = "payments"
/// tag = ["urgent"]
/// ```
///
/// Each key is a filter option's name (`grep`, `project`, `tag`, `affects`) and its value a text,
/// or a list of texts for `project` and `tag`. An option given on the command line replaces the
/// context's value, except `--tag`, which adds to the context's tags.
struct ListContext: Equatable {
    /// The filter options a context may set.
    static let options = ["affects", "grep", "project", "tag"]

    var grep: String?
    var project: String?
    var tags: [String] = []
    var affects: String?

    /// The context `@NAME` names in the configuration; an error names the known ones.
    static func named(_ argument: String, in configuration: Configuration) throws -> ListContext {
        guard argument.hasPrefix("@"), argument.count > 1 else {
            // `own list +errand`, as Taskwarrior filters: said as the option it is here.
            if let taskwarrior = CommandSuggestion.taskwarriorWords([argument]) {
                throw CLIError("\"\(argument)\" is no filter of own list: \(taskwarrior)")
            }
            throw CLIError(
                "\"\(argument)\" is not a context: name one as @NAME, from the configuration's [contexts] "
                    + "(see `own list --help`)"
            )
        }
        let name = String(argument.dropFirst())
        let contexts = configuration.table("contexts")
        guard let table = contexts[name]?.objectValue else {
            let known = contexts.keys.sorted().map { "@" + $0 }
            throw CLIError(
                "no context \(argument) in the configuration; "
                    + (known.isEmpty
                        ? "add a [contexts.\(name)] table to name one"
                        : "it names " + known.joined(separator: ", "))
            )
        }
        return try read(name, table, file: configuration.path ?? "configuration")
    }

    /// The context of a `[contexts.NAME]` table; an error names the file, the table and the key. Every
    /// command reads them all as it loads the configuration (`Configuration.validate`), so a typo in
    /// one is found before it is used.
    static func read(_ name: String, _ table: [String: JSONValue], file: String) throws -> ListContext {
        var context = ListContext()
        for (key, value) in table.sorted(by: { $0.key < $1.key }) {
            guard Self.options.contains(key) else {
                throw CLIError(
                    "\(file): [contexts.\(name)] \(key) is not a filter a context can set; it can set "
                        + Self.options.joined(separator: ", ") + " (text; project and tag also a list)"
                )
            }
            let texts = value.stringValue.map { [$0] } ?? value.arrayValue?.compactMap(\.stringValue)
            let lists = key == "project" || key == "tag"
            // A blank text is refused as the option it stands for refuses it (`--grep "  "`): found when
            // the configuration loads, not as a complaint about an option nobody gave.
            guard let texts, !texts.isEmpty, texts.count == value.arrayValue?.count ?? 1, texts.count == 1 || lists,
                !texts.contains(where: TextEscaping.isBlank)
            else {
                throw CLIError(
                    "\(file): [contexts.\(name)] \(key) must be "
                        + (lists ? "a text or a list of texts, not empty, none blank" : "one text, not blank")
                        + "; for no filter, leave \(key) out"
                )
            }
            // As `--project none` and `--tag none` stand alone: a context mixing it with names could
            // never be used.
            if lists, LoopFields.list(texts).count > 1, LoopFields.list(texts).contains(where: LoopFields.isNone) {
                throw CLIError(
                    "\(file): [contexts.\(name)] \(key): none stands alone (the loops without \(key == "tag" ? "tags" : "a project")), "
                        + "or names"
                )
            }
            switch key {
            case "grep": context.grep = texts[0]
            case "project": context.project = texts.joined(separator: ",")
            case "tag": context.tags = texts
            default: context.affects = texts[0]
            }
        }
        return context
    }
}
