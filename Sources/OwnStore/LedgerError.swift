import OwnCore

/// What went wrong in the store, in words that say what to do next. Never shows SQL or bound values.
public enum LedgerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file exists but is not an `own` ledger (or not SQLite at all).
    case notALedger(path: String)
    /// The ledger was written by a newer `own`, whose schema this one does not know.
    case newerSchema(path: String)
    /// The ledger is writable, but SQLite's file beside it is not.
    case readOnlySideFile(path: String, file: String)
    /// The file is the team server's store, not a ledger (both live in the same folder).
    case serverStore(path: String)
    /// The file or its folder cannot be opened.
    case cannotOpen(path: String, reason: String)
    /// The file is read-only for this user.
    case readOnly(path: String)
    /// The disk (or a quota) is full.
    case diskFull(path: String)
    /// Another process held the write lock past the busy timeout.
    case locked(path: String)
    /// Any other storage failure.
    case storage(path: String, reason: String)
    /// An imported event has the id of a different event already in the ledger, or earlier in the
    /// file (`inFile`).
    case conflictingEvent(id: String, line: Int, inFile: Bool)
    /// An imported event that breaks a loop's history: no `created`, a second one, or dated before it.
    case brokenHistory(line: Int, reason: String)
    /// A new event dated before its loop was created, which every import (and so every teammate's
    /// pull) would refuse.
    case datedBeforeCreation(key: String, createdAt: String)
    /// A new event longer than a push takes (`Event.longestPushedLine`): kept, it would stop every
    /// sync of the ledger.
    case tooLong(bytes: Int)

    /// Whether the fault is in the input (exit 2) rather than in storage (exit 3).
    public var isInputError: Bool {
        switch self {
        case .conflictingEvent, .brokenHistory, .datedBeforeCreation, .tooLong: true
        default: false
        }
    }

    /// The message for a person.
    public var description: String {
        switch self {
        case .notALedger(let path):
            "\(path) is not an own ledger (or it is damaged); nothing was changed. Point --db or OWN_DB at a ledger, "
                + "or restore it from a backup or an `own export`"
        case .newerSchema(let path):
            "\(path) was written by a newer version of own; upgrade own to use it (nothing was changed)"
        case .serverStore(let path):
            "\(path) is the team server's store, not a ledger; nothing was changed. Point --db or OWN_DB at your "
                + "ledger (`own server` and `own serve` take this one)"
        case .cannotOpen(let path, let reason):
            "cannot open the ledger \(path): \(reason)"
        case .readOnly(let path):
            "the ledger \(path) is read-only for you; nothing was written. Check its permissions (and its folder's)"
        case .readOnlySideFile(let path, let file):
            "the ledger \(path) cannot be written: \(file), SQLite's file beside it, is read-only for you; nothing "
                + "was written. Make it writable too (chmod u+w \(TextEscaping.shellWord(file)))"
        case .diskFull(let path):
            "the disk holding \(path) is full; nothing was written. Free some space and run the command again"
        case .locked(let path):
            "the ledger \(path) stayed busy with another own command (an import?) past the wait; nothing was "
                + "changed. Run it again when that one is done"
        case .storage(let path, let reason):
            "the ledger \(path) could not be used: \(reason)"
        case .conflictingEvent(let id, let line, let inFile):
            "line \(line): event id \"\(id)\" is "
                + (inFile ? "an earlier line's, which has" : "already in the ledger, with")
                + " different content; nothing was imported"
        case .brokenHistory(let line, let reason):
            "line \(line): \(reason); nothing was imported"
        case .tooLong(let bytes):
            "the event would be \(bytes) bytes, and events are shared with the team up to "
                + "\(Event.longestPushedLine) bytes (64 KiB): shorten the text or link to a document (nothing was written)"
        case .datedBeforeCreation(let key, let createdAt):
            "loop \(key) was created at \(createdAt), and nothing of it can be dated before; give a later --now "
                + "(nothing was written)"
        }
    }
}
