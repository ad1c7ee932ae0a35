import OwnCore

/// How both engines read back what they stored: a loop's body and an event's line. One that does
/// not read means the store is damaged.
enum StoredRows {
    /// The loop a `loops` row's body holds.
    static func loop(_ body: String) throws -> Loop {
        guard let loop = Loop(storageJSON: body) else {
            throw TeamStoreError.storage(reason: "a stored loop cannot be read (the store is damaged)")
        }
        return loop
    }

    /// The event an `events` row's line holds. The store checked every field when it stored the
    /// line, so they are not checked again.
    static func event(_ line: String) throws -> Event {
        do {
            return try Event(jsonLine: line, checkingFields: false, makeID: { "" })
        } catch {
            throw TeamStoreError.storage(reason: "a stored event cannot be read (the store is damaged)")
        }
    }
}
