import Foundation
import OwnCore

/// The team server a ledger syncs with, and how far it has synced: kept in a small JSON file beside
/// the ledger (`ledger.sqlite.remote`), since a ledger has one remote and its cursors belong to it.
struct RemoteState {
    /// The server's base URL (`http://127.0.0.1:8080`).
    var url: String
    /// The file holding the token, read at each sync (never copied here).
    var tokenFile: String
    /// How many of the ledger's events, in its own order, have been pushed.
    var pushed = 0
    /// The server's sequence number of the last event pulled.
    var pulled = 0
    /// The id of that event: a server whose event at `pulled` is another one (restored from a
    /// backup, then written to) holds another history than the one synced.
    var pulledID: String?
    /// The last line of this ledger's the server added, pushed again by the next sync: a server that
    /// adds it again no longer held it (restored from a backup), even when the event last pulled
    /// came back to its place (pushed again by its author) and `pulledID` matches.
    var lastAdded: String?
    /// Keys of this ledger's loops whose `created` the server refused (the team has another loop of
    /// that key): their events are never pushed, or they would land on the team's loop.
    var heldBack: [String] = []
    /// Keys of this ledger's loops whose `created` the server refused for another reason (too large,
    /// say), with the reason: their later events stay here, said so.
    var refusedCreated: [String: String] = [:]
    /// Places in the ledger's order, before `pushed`, of events the server did not take yet: dated
    /// ahead of its clock (a loop's events with its `created`). Each sync pushes them again, until
    /// the server's clock has reached them.
    var later: [Int] = []
    /// Events of this ledger the server refused for good, by id, with its reason (the latest
    /// `refusedKept`): they stay here only, and `own show` marks them.
    var refused: [(id: String, reason: String)] = []
    /// This ledger's retractions the server took (loop, retraction id), the latest `undoneKept`: a
    /// pull that brings an event someone recorded before one of them, on its event, says that the
    /// undo takes back nothing now.
    var undone: [(loop: String, id: String)] = []

    /// This ledger's changes of owner the server took (loop, event id: a hand-off, or an edit of the
    /// owner), the latest `undoneKept`: a pull that brings events before one of them that leave it
    /// changing nothing (the loop was taken up already, or someone else owned it then) says so, once.
    var ownerChanges: [(loop: String, id: String)] = []

    static let undoneKept = 100
    static let refusedKept = 1_000
    /// Runs of the ledger's events after `pushed` (by place in its order) that pulls brought: the
    /// server's already, so never pushed nor counted as someone else's events left here. A ledger
    /// whose own events could not be pushed (a reader's) pulls past them.
    var fromServer: [Range<Int>] = []

    /// Keeps the events the server refused for good (`refused`), the latest `refusedKept`.
    mutating func noteRefused(_ lines: [(line: String, reason: String)]) {
        let known = Set(refused.map(\.id))
        for (line, reason) in lines {
            guard let id = Own.Sync.id(of: line), !known.contains(id) else { continue }
            refused.append((id, String(Own.Sync.withoutLineNumber(reason))))
        }
        refused = Array(refused.suffix(Self.refusedKept))
    }

    /// Syncs from the start: every event of this ledger's person pushed again and the team's pulled
    /// again (the server and the ledger skip what they hold).
    mutating func startOver() {
        (pushed, pulled, pulledID, fromServer, refusedCreated) = (0, 0, nil, [], [:])
        lastAdded = nil
        later = []
    }

    /// Moves `pushed` past the runs from the server it has reached, and forgets the runs behind it.
    mutating func skipFromServer() {
        fromServer.sort { $0.lowerBound < $1.lowerBound }
        while let first = fromServer.first, first.lowerBound <= pushed {
            pushed = max(pushed, first.upperBound)
            fromServer.removeFirst()
        }
    }

    static func path(ledger: String) -> String { ledger + ".remote" }

    /// The state beside a ledger; nil when `own remote` was never run for it.
    static func load(ledger: String) throws -> RemoteState? {
        let path = path(ledger: ledger)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard case .object(let members)? = try? JSONParser.parse(String(decoding: data, as: UTF8.self)),
            let url = members["url"]?.stringValue, let tokenFile = members["tokenFile"]?.stringValue
        else {
            throw CLIError("\(path) is not a remote setting; set it again with `own remote URL --token-file FILE`")
        }
        return RemoteState(
            url: url,
            tokenFile: tokenFile,
            pushed: Int(members["pushed"]?.numberValue ?? 0),
            pulled: Int(members["pulled"]?.numberValue ?? 0),
            pulledID: members["pulledID"]?.stringValue,
            lastAdded: members["lastAdded"]?.stringValue,
            heldBack: members["heldBack"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            refusedCreated: (members["refusedCreated"]?.objectValue ?? [:]).compactMapValues(\.stringValue),
            later: members["later"]?.arrayValue?.compactMap(\.numberValue).map { Int($0) } ?? [],
            refused: pairs(members["refused"]).map { (id: $0.0, reason: $0.1) },
            undone: pairs(members["undone"]).map { (loop: $0.0, id: $0.1) },
            ownerChanges: pairs(members["ownerChanges"]).map { (loop: $0.0, id: $0.1) },
            fromServer: members["fromServer"]?.arrayValue?.compactMap { pair -> Range<Int>? in
                guard let bounds = pair.arrayValue?.compactMap(\.numberValue), bounds.count == 2, bounds[0] <= bounds[1]
                else { return nil }
                return Int(bounds[0])..<Int(bounds[1])
            } ?? []
        )
    }

    /// An array of two-string arrays, as `save` writes `undone` and `refused`; anything else left out.
    private static func pairs(_ value: JSONValue?) -> [(String, String)] {
        (value?.arrayValue ?? []).compactMap { pair in
            guard let parts = pair.arrayValue, parts.count == 2, let first = parts[0].stringValue,
                let second = parts[1].stringValue
            else { return nil }
            return (first, second)
        }
    }

    /// The remote a ledger syncs with: the configuration's `[remote]` when it has one (with the
    /// cursors kept beside the ledger, when they belong to that server), else the one beside the
    /// ledger; nil when there is neither.
    static func load(ledger: String, configured: (url: String, tokenFile: String)?) throws -> RemoteState? {
        let saved = try load(ledger: ledger)
        guard let configured else { return saved }
        let url = configured.url.hasSuffix("/") ? String(configured.url.dropLast()) : configured.url
        return RemoteState(url: url, tokenFile: configured.tokenFile, keeping: saved)
    }

    /// The remote of the ledger the options name, as every command that talks to the team server
    /// reads it: the configuration's `[remote]` when it has one, else the one `own remote` saved
    /// beside the ledger (`load(ledger:configured:)`). The ledger's path with it; nil when neither.
    /// `making`: the configuration is about to be written (`own remote URL`), so a file named with
    /// --config that is not there yet is no mistake: it is made, as the default one is.
    static func current(
        _ options: GlobalOptions.Values,
        environment: [String: String],
        making: Bool = false
    ) throws -> (ledger: String, remote: RemoteState?) {
        let ledger = try Context.ledgerPath(options: options, environment: environment)
        let configPath = options.config ?? Context.configPath(environment)
        let configuration = try Configuration.load(path: configPath, required: options.config != nil && !making)
        return (ledger, try load(ledger: ledger, configured: configuration.remote))
    }

    /// What a command that needs the team server says when the ledger has no remote.
    static let missing =
        "no remote for this ledger; set one with `own remote URL --token-file FILE` (or [remote] in the configuration)"

    func save(ledger: String) throws {
        var members: [String: JSONValue] = [
            "url": .string(url), "tokenFile": .string(tokenFile), "pushed": .number(Double(pushed)),
            "pulled": .number(Double(pulled)), "heldBack": .array(heldBack.map(JSONValue.string)),
            "undone": .array(undone.map { .array([.string($0.loop), .string($0.id)]) }),
            "ownerChanges": .array(ownerChanges.map { .array([.string($0.loop), .string($0.id)]) }),
            "refusedCreated": .object(refusedCreated.mapValues(JSONValue.string)),
            "later": .array(later.map { .number(Double($0)) }),
            "refused": .array(refused.map { .array([.string($0.id), .string($0.reason)]) }),
            "fromServer": .array(
                fromServer.map { .array([.number(Double($0.lowerBound)), .number(Double($0.upperBound))]) }
            ),
        ]
        if let pulledID { members["pulledID"] = .string(pulledID) }
        if let lastAdded { members["lastAdded"] = .string(lastAdded) }
        let text = JSONWriter.string(.object(members))
        let path = Self.path(ledger: ledger)
        // Written whole, so a crash never leaves half a cursor.
        try ReplacedFile.write(text + "\n", to: path)
    }
}

extension RemoteState {
    /// The remote at `url`, with the cursors and what they hold back of `saved` when it is the same
    /// server (another one starts over: pushes are idempotent).
    init(url: String, tokenFile: String, keeping saved: RemoteState?) {
        if let saved, saved.url == url {
            self = saved
            self.tokenFile = tokenFile
        } else {
            self.init(url: url, tokenFile: tokenFile)
        }
    }
}
