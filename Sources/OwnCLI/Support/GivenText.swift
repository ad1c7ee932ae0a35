import ArgumentParser

/// A reason or a note, given after the loop (`own drop 3 "not needed"`) or as an option
/// (`own drop 3 --reason "not needed"`): the same two spellings in every command that takes one.
enum GivenText {
    /// The text given either way, refused when blank or given both ways; nil when neither.
    static func either(
        _ positional: String?,
        _ option: String?,
        _ name: String,
        after what: String = "the loop"
    ) throws -> String? {
        if positional != nil, option != nil {
            throw ValidationError("give the \(name) once: as --\(name) or after \(what), not both")
        }
        return try (option ?? positional).map { try LoopFields.text($0, "the " + name) }
    }

    /// As `either`, for a command that needs the text: `missing` says how to give it (a usage error,
    /// which ends with where the help is).
    static func required(_ positional: String?, _ option: String?, _ name: String, missing: String) throws -> String {
        guard let text = try either(positional, option, name) else { throw ValidationError(missing) }
        return text
    }
}
