import ArgumentParser
import Foundation
import OwnCore

/// `--owner` as the commands that filter by owner read it: `all`, in any case, is everyone; a name
/// is read without the spaces around it; `none` and `nobody` are no one's, refused (a filter by
/// them found nothing and looked like a person with nothing to do).
enum OwnerOption {
    static func parse(_ value: String) throws -> String {
        try read(value, advice: "give a person, or all")
    }

    /// One person's name, for a command that reads one person (`record`, `readiness`, which refuse
    /// `all` themselves): the advice offers no `all` (it said "give a person, or all").
    static func parseOne(_ value: String) throws -> String {
        try read(value, advice: "give a person")
    }

    private static func read(_ value: String, advice: String) throws -> String {
        let name = value.trimming(.spaces)
        if name.lowercased() == "all" { return "all" }
        // Blank, it filtered by no one and read as all clear (`--owner "$UNSET" --fail-on warning`).
        guard !name.isEmpty else { throw ValidationError("it is blank; \(advice)") }
        guard Event.isPersonName(name) else {
            throw ValidationError("it is no one's name (\(LoopFields.notAPersonMeaning)); \(advice)")
        }
        // Composed, as the events' names are (`Event.trimmedName`): the ledger's columns compare bytes.
        return Event.nameForm(name)
    }
}
