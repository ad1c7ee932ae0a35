public import Foundation
public import OwnCore
public import OwnStore

/// Everything a command runs with, resolved once per process: the ledger, the instant, the acting
/// person, the configuration and everyone's calendars. Commands take time and zones from here only.
public struct Context: Sendable {
    /// The ledger.
    public var ledger: any Ledger
    /// The ledger's file, as given or defaulted.
    public var ledgerPath: String
    /// The instant the command acts at.
    public var now: Date
    /// The clock: `OWN_NOW` when set (it sets the time for every command, and for a team server
    /// started with it), else the machine's. `--now` dates one command's events; what is dated
    /// ahead of the clock is said, or refused (`append`).
    public var clock: Date
    /// Who is acting.
    public var actor: String
    /// The configuration file's values.
    public var configuration: Configuration
    /// Everyone's working calendars.
    public var calendars: Calendars
    /// The options the command was given.
    public var options: GlobalOptions.Values
    /// The environment.
    public var environment: [String: String]

    /// The acting person's calendar.
    public var calendar: WorkingCalendar { calendars.calendar(for: actor) }

    /// `needsActor: false` is for commands that only read: they run for someone whose name cannot be
    /// found (the actor is then empty). A command that only `reads` makes no ledger where none is:
    /// given a --db that is not there, it says so (a mistyped path made an empty ledger, and the
    /// command listed nothing from it). Where OWN_DB or the default names no ledger yet, a read
    /// finds an empty one and makes no file.
    init(
        options: GlobalOptions.Values,
        environment: [String: String],
        needsActor: Bool = true,
        reads: Bool = false
    ) throws {
        self.options = options
        self.environment = environment
        let configPath = options.config ?? Self.configPath(environment)
        configuration = try Configuration.load(path: configPath, required: options.config != nil)
        calendars = try configuration.calendars()
        _ = try PolicySources.policy(configuration: configuration, options: options)
        // An instant with blanks around it is that instant, as a due date is (`--now " 2026-11-27 "`).
        let nowText = (options.now ?? environment["OWN_NOW"]).map { $0.trimming(.spaces) }
        let given = try Self.instant(nowText, from: options.now == nil ? "OWN_NOW" : "--now")
        if let actor = options.actor, TextEscaping.isBlank(actor) {
            throw CLIError("--as is blank; give the acting person's name")
        }
        let found = try Self.actor(options: options, environment: environment, configuration: configuration)
        guard let found = found ?? (needsActor ? nil : "") else {
            throw CLIError("cannot tell who you are: pass --as NAME, set OWN_USER, or set user in the configuration")
        }
        // Composed, as the events' names are (`Event.trimmedName`): OWN_USER typed "e" and a combining
        // accent is the same person as the token and the team's lists name.
        actor = Event.nameForm(found)
        let zone = calendars.calendar(for: found).zone
        now = Self.local(nowText, given, in: zone)
        // Events are dated by it, and a ledger keeps 1970 to 3999 only: an export would not import again.
        if let nowText, !nowText.isEmpty, !Timestamp.years.contains(now) {
            throw CLIError(
                "\(options.now == nil ? "OWN_NOW" : "--now") \"\(nowText)\" is outside the years a ledger keeps, "
                    + "1970 to 3999; check the year"
            )
        }
        if options.now == nil {
            clock = now
        } else {
            let clockText = environment["OWN_NOW"].map { $0.trimming(.spaces) }
            clock = Self.local(clockText, try Self.instant(clockText, from: "OWN_NOW"), in: zone)
        }
        // OWN_BUSY_TIMEOUT (seconds) is for tests of lock contention; people keep the default.
        let busyTimeout = environment["OWN_BUSY_TIMEOUT"].flatMap(Double.init) ?? SQLiteLedger.defaultBusyTimeout
        ledgerPath = try Self.ledgerPath(options: options, environment: environment, makingFolder: !reads)
        if reads, options.db != nil, access(ledgerPath, F_OK) != 0 {
            throw CLIError(
                "no ledger at \(ledgerPath); check --db "
                    + "(a command that records, such as own add or own import, starts one there)"
            )
        }
        // A read where no ledger is yet (OWN_DB, or the default before the first record) finds an
        // empty one, in memory: it makes no file, so a mistyped OWN_DB leaves nothing behind.
        let nothingYet = reads && access(ledgerPath, F_OK) != 0
        if !nothingYet, options.db != nil || environment["OWN_DB"].map({ !$0.isEmpty }) == true {
            MadeLedger.opening(ledgerPath)
        }
        ledger = try SQLiteLedger(
            path: nothingYet ? ":memory:" : ledgerPath,
            busyTimeout: busyTimeout,
            keptOpen: true
        )
    }

    /// Reads `--now` / `OWN_NOW`: a date-time with offset (`2026-11-27T16:00:00Z`), one without (read
    /// in UTC here), or a date (its midnight in UTC here); `local` reads the last two in the actor's
    /// zone, as `--due` reads them. Absent (or `OWN_NOW` set empty, as an unset variable is often
    /// written): the clock. An empty `--now` is a mistake (an unset shell variable), not the clock.
    static func instant(_ text: String?, from source: String = "--now") throws -> Date {
        if source == "--now", text == "" {
            throw CLIError("--now is empty: give an instant like 2026-11-27T10:00:00Z or a date, or leave it out")
        }
        guard let text, !text.isEmpty else { return Date() }
        if let instant = Timestamp.instant(text) { return instant }
        throw CLIError(Timestamp.instantError(text, from: source))
    }

    /// The instant `text` names where the actor is: a date alone is the start of that day (read as
    /// UTC midnight, it was still the day before west of UTC, and `--due today` wrote yesterday), and
    /// a date-time with no offset is on their clock; `read` (from `instant`) otherwise.
    static func local(_ text: String?, _ read: Date, in zone: TimeZone) -> Date {
        guard let text, Timestamp.parse(text) == nil else { return read }
        if let day = CivilDate(iso: text) { return day.start(in: zone) }
        return Timestamp.parse(text, assuming: zone) ?? read
    }

    static func actor(
        options: GlobalOptions.Values,
        environment: [String: String],
        configuration: Configuration
    ) throws
        -> String?
    {
        // A name that is no person's (`all`) would own the loops it adds, and no one could read them.
        func person(_ actor: String, _ source: String) throws -> String { try LoopFields.person(actor, source) }
        if let actor = options.actor { return try person(actor, "--as") }
        // A blank name would be recorded as the author of every event, as `--as "  "` would.
        if let actor = environment["OWN_USER"], !actor.isEmpty {
            guard !TextEscaping.isBlank(actor) else {
                throw CLIError("OWN_USER is blank; set it to your name, or unset it")
            }
            return try person(actor, "OWN_USER")
        }
        if let actor = configuration.user, !actor.isEmpty {
            guard !TextEscaping.isBlank(actor) else {
                throw CLIError("user in the configuration is blank; set it to your name, or remove it")
            }
            return try person(actor, "\(configuration.path ?? "the configuration"): user =")
        }
        // Found rather than given: a name that is no person's (a service running as `nobody`) is passed over.
        if let actor = GitIdentity.userName(environment: environment), !TextEscaping.isBlank(actor),
            Event.isPersonName(actor)
        {
            return actor
        }
        if let actor = environment["USER"], !TextEscaping.isBlank(actor), Event.isPersonName(actor) { return actor }
        return nil
    }

    static func configPath(_ environment: [String: String]) -> String {
        let base = BaseDirectory.config(environment, home: BaseDirectory.home(environment))
        return base + "/own/config.toml"
    }

    /// The ledger's path; the default one's folder is made first unless `makingFolder` is false (a
    /// command that only reads leaves no trace where no ledger is yet).
    static func ledgerPath(
        options: GlobalOptions.Values,
        environment: [String: String],
        makingFolder: Bool = true
    ) throws -> String {
        if options.db?.isEmpty == true {
            throw CLIError("--db is empty; give the ledger's file, e.g. --db ~/ledger.sqlite, or leave it out")
        }
        if let path = options.db ?? environment["OWN_DB"], !path.isEmpty {
            try checkLedgerFile(path, named: options.db == nil ? "OWN_DB" : "--db")
            return path
        }
        let folder = defaultLedgerFolder(environment)
        // The folder is there after the first command; access() says so without FileManager.
        guard makingFolder, access(folder, F_OK) != 0 else { return folder + "/ledger.sqlite" }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot create \(folder) for the ledger; pass --db PATH or set OWN_DB")
        }
        return folder + "/ledger.sqlite"
    }

    /// Refuses a ledger path that is a folder or not a regular file (`/dev/null`, a FIFO): SQLite
    /// would fail on it with a message that does not say what to change.
    static func checkLedgerFile(_ path: String, named option: String) throws {
        // SQLite opens `led/` as the file `led`, while every check here looked for `led/` and found
        // nothing there: a tour wrote into a ledger it refuses, and reads found it empty.
        if path.hasSuffix("/") {
            throw CLIError("\(option) \(path) ends in /: a ledger is a file; give its path without the slash")
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            // A new ledger goes in a folder that exists: a path with a typo in its folder is the
            // person's to fix (exit 2), not a storage failure.
            let folder = (path as NSString).deletingLastPathComponent
            var isFolder: ObjCBool = false
            if !folder.isEmpty,
                !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) || !isFolder.boolValue
            {
                throw CLIError(
                    "\(option) \(path): there is no folder \(folder); make it, or name a ledger in a folder that exists"
                )
            }
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR:
            throw CLIError(
                "\(option) \(path) is a folder; name the ledger file in it, e.g. \(option) \(path)/ledger.sqlite"
            )
        default:
            throw CLIError("\(option) \(path) is not a regular file; name a ledger file, e.g. ~/ledger.sqlite")
        }
    }

    /// Where the ledger lives when neither --db nor OWN_DB says: `$XDG_DATA_HOME/own`, else
    /// `~/.local/share/own`.
    static func defaultLedgerFolder(_ environment: [String: String]) -> String {
        BaseDirectory.data(environment, home: BaseDirectory.home(environment)) + "/own"
    }
}

/// The process environment.
public enum ProcessEnvironment {
    /// The environment as it is now, read from `environ` (Foundation's `ProcessInfo` costs a
    /// tenth of a millisecond to set up, at the start of every command).
    public static var current: [String: String] {
        var environment: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            // Split at the first "=" byte, as getenv does: a search by Character walks the grapheme
            // clusters of every value (PATH, LS_COLORS…), 5k instructions a variable.
            if let equals = strchr(pointer, Int32(UInt8(ascii: "="))) {
                let bytes = UnsafeRawBufferPointer(start: pointer, count: equals - pointer)
                let name = String(decoding: bytes, as: UTF8.self)
                // As getenv does, the first of a name that appears twice wins.
                if environment[name] == nil { environment[name] = String(cString: equals + 1) }
            }
            entry += 1
        }
        return environment
    }
}
