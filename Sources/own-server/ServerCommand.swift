import ArgumentParser
import Foundation
import Logging
import OwnCLI
import OwnCore
import OwnOutput
import TeamStore

/// `own-server`: the team server (`serve`) and its administration (`team`, `token`), which act on
/// the server's store directly.
struct ServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        _superCommandName: "own",
        abstract: "Run and administer the team server.",
        discussion: """
            `own serve` runs the server; `own server team`, `token`, `channel` and `person` act on its \
            store directly, with the same --db or --database-url.
            """,
        subcommands: [Serve.self, TeamCommand.self, TokenCommand.self, ChannelCommand.self, PersonCommand.self]
    )
}

/// Where the server's store is: `--db PATH` (SQLite, the default) or `--database-url`.
struct StoreOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("The server's SQLite file (default: $XDG_DATA_HOME/own/server.sqlite).", valueName: "path")
    )
    var db: String?

    @Option(
        name: .customLong("database-url"),
        help: ArgumentHelp(
            "A PostgreSQL database instead of SQLite: postgres://user:password@host:port/database.",
            valueName: "url"
        )
    )
    var databaseURL: String?

    func validate() throws {
        guard let databaseURL else { return }
        guard db == nil else { throw ValidationError("give --db or --database-url, not both") }
        do {
            _ = try PostgresTeamStore.Configuration(url: databaseURL)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// Opens the store these options name and lends it to `body`; a PostgreSQL store's connection
    /// pool runs for as long as `body` does. `logger` gets the pool's own messages.
    /// `existing`: a command that needs what a store holds (every one but `team add` and `serve`)
    /// refuses a store that is not there (a SQLite file, or a PostgreSQL database without the
    /// server's tables), rather than make an empty store of a mistyped --db or --database-url, list
    /// nothing from it, or fail in it and leave it behind (a revoke said "there is no token" of the
    /// wrong store, while the token went on working in the right one).
    func withStore<T: Sendable>(
        existing: Bool = false,
        logger: Logger = PostgresTeamStore.silent,
        _ body: (any TeamStore) async throws -> T
    ) async throws -> T {
        guard let databaseURL else { return try await body(try open(existing: existing)) }
        let configuration = try translatingOpenErrors { try PostgresTeamStore.Configuration(url: databaseURL) }
        return try await translatingStoreErrors {
            try await PostgresTeamStore.withStore(configuration, existing: existing, logger: logger) {
                try await body($0)
            }
        }
    }

    /// Opens the SQLite store these options name. A new one is readable by its owner only: it holds
    /// the channels' webhook URLs, which are secrets (SQLite gives its WAL the file's mode).
    private func open(existing: Bool) throws -> any TeamStore {
        let path = db ?? Self.defaultPath()
        // SQLite opens `sv/` as the file `sv`, which every check here missed (and made it readable by all).
        if path.hasSuffix("/") {
            throw CLIError("--db \(path) ends in /: the server store is a file; give its path without the slash")
        }
        var isFolder: ObjCBool = false
        let isNew = !FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if isFolder.boolValue {
            throw CLIError("--db \(path) is a folder: the server store is a file; name the file in it")
        }
        // An empty file is no store either (a listing made one of it, and said nothing was there).
        if existing, isNew || (Self.byteCount(path) == 0 && Self.byteCount(path + "-wal") ?? 0 == 0) {
            throw CLIError(
                "no server store at \(path); check --db (`own serve` or `own server team add` starts one there)"
            )
        }
        let folder = (path as NSString).deletingLastPathComponent
        if db != nil, !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            // A mistyped --db started an empty store, where every token was refused.
            throw CLIError("no folder \(folder) for the server store; check --db (its folder must exist)")
        }
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        if isNew {
            // Made empty and private before SQLite opens it, so no moment finds it readable by others.
            let descriptor = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            if descriptor >= 0 { close(descriptor) }
        }
        return try translatingOpenErrors { try SQLiteTeamStore(path: path) }
    }

    /// The store's place for an operator: the SQLite file's path, or the database's URL without its
    /// password.
    var location: String {
        guard let databaseURL else { return db ?? Self.defaultPath() }
        return (try? PostgresTeamStore.Configuration(url: databaseURL).location) ?? "--database-url"
    }

    /// Whether the store is a SQLite file not there yet, which opening it makes.
    var isNewFile: Bool {
        databaseURL == nil && !FileManager.default.fileExists(atPath: db ?? Self.defaultPath())
    }

    /// The size of the file at `path`, or nil when there is none.
    private static func byteCount(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    static func defaultPath() -> String {
        let environment = ProcessInfo.processInfo.environment
        return BaseDirectory.data(environment, home: BaseDirectory.home(environment)) + "/own/server.sqlite"
    }
}

/// Turns the store's errors into the CLI's: a mistake in the input is exit 2 (`CLIError`); a store
/// that cannot be used is printed here and is exit 3.
func translatingStoreErrors<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as TeamStoreError {
        throw storeFailure(error)
    }
}

/// The synchronous form, for opening the store.
func translatingOpenErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as TeamStoreError {
        throw storeFailure(error)
    }
}

private func storeFailure(_ error: TeamStoreError) -> any Error {
    switch error {
    case .teamExists, .unknownTeam, .invalidTeamName, .unknownToken, .ambiguousLoop, .conflictingEvent, .brokenHistory,
        .unknownChannel, .channelExists, .invalidChannel, .invalidPerson,
        .monitorExists, .noStore:
        return CLIError(error.description)
    case .cannotOpen, .newerSchema, .storage:
        StandardError.message(error.description)
        return ExitCode(3)
    }
}
