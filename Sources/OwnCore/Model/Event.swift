public import Foundation

/// One append-only fact about a loop, as in the JSON Lines interchange format.
///
/// Fields beyond the common ones live in `fields`, unknown ones included, so that an import followed
/// by an export gives back what was imported.
public struct Event: Sendable, Equatable {
    /// Unique id; import is idempotent by it. Composed (NFC) when read or made (`ComposedForm`).
    public var id: String
    /// The loop's key, chosen by the writer. Composed (NFC) when read or made, as `id` is.
    public var loop: String
    /// When it happened.
    public var at: Date
    /// `at` as written, kept for the round trip.
    public var atText: String { writtenAt ?? Timestamp.format(at) }
    /// `at` as written when `Timestamp.format` writes it otherwise (with an offset, a fraction of a
    /// second); nil for nearly every event, which then holds no text of its own for it (an import
    /// made and freed one for each line).
    var writtenAt: String?
    /// The person who recorded it.
    public var by: String
    /// What kind of fact it is.
    public var type: EventType
    /// Every other member of the JSON object, known or not.
    public var fields: EventFields

    /// The members every event has, in the order the interchange format writes them.
    public static let commonFields = ["id", "loop", "at", "by", "type"]

    /// The instant an event made at `instant` holds: whole seconds, as it is written.
    public static func instant(_ instant: Date) -> Date {
        // `Timestamp.format` writes what `Timestamp.parse` reads.
        Timestamp.parse(Timestamp.format(instant))!
    }

    /// A string field, when present and a string.
    public func string(_ name: String) -> String? {
        fields[name]?.stringValue
    }

    /// A list-of-strings field; absent is empty.
    public func strings(_ name: String) -> [String] {
        fields[name]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// A number field, when present and a number.
    public func number(_ name: String) -> Double? {
        fields[name]?.numberValue
    }

    /// A Boolean field, when present and a Boolean.
    public func bool(_ name: String) -> Bool? {
        fields[name]?.boolValue
    }

    /// The event as one line of the interchange format (no newline).
    public var jsonLine: String {
        var members = fields.dictionary
        members["id"] = .string(id)
        members["loop"] = .string(loop)
        members["at"] = .string(atText)
        members["by"] = .string(by)
        members["type"] = .string(type.rawValue)
        var line = ""
        JSONWriter.writeObject(members, order: Self.commonFields, into: &line)
        return line
    }
}

extension Event {
    // In an extension, which keeps Swift's memberwise init (`init(id:loop:at:writtenAt:by:type:fields:)`,
    // its `writtenAt` naming it): `init(jsonLine:)` returns what it read through that one, which moves
    // each member into place. An init that set each property itself copied the event and released
    // the one it built (five strings and the fields retained and released once more, for every line
    // of an import).

    /// An event at an instant, written with whole seconds in UTC.
    public init(
        id: String,
        loop: String,
        at: Date,
        by: String,
        type: EventType,
        fields: EventFields = [:]
    ) {
        self.id = ComposedForm.of(id)
        self.loop = ComposedForm.of(loop)
        self.at = Self.instant(at)
        // Names composed, as every event read is (`trimmedName`): one person in one form everywhere.
        self.by = Self.nameForm(by)
        self.type = type
        var fields = fields
        Self.trimNames(in: &fields, composing: true)
        self.fields = fields
    }
}
