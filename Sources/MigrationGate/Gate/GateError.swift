public import FoundationEssentials

/// Everything that can stop the gate before it judges a migration, with what to do about it.
public enum GateError: LocalizedError, Sendable, Equatable {
    /// A path given on the command line does not exist or cannot be read.
    case unreadable(String)
    /// No migration files were found where the gate looked.
    case noMigrations([String])
    /// The table sizes file is not valid CSV or JSON.
    case badSizes(path: String, reason: String)
    /// The deprecations file is not valid TOML of the expected shape.
    case badDeprecations(path: String, reason: String)
    /// The database could not be reached or read.
    case database(String)
    /// git failed where the gate needs it (for example with `--base`).
    case git(String)
    /// An option has a value the gate cannot use.
    case badOption(String)
    /// With `--base` and no paths, the change has SQL files but none of the migration folders exists:
    /// the migrations are elsewhere, and checking nothing would pass them.
    case migrationsElsewhere(sql: [String], folders: [String])
    /// `--base` shares no history with HEAD in a shallow clone.
    case shallow(base: String)

    /// The message shown to the user.
    public var errorDescription: String? {
        switch self {
        case .unreadable(let path) where path.contains("\u{FFFD}"):
            // Swift's strings hold UTF-8 only: a name that is not is read with U+FFFD and found by no one.
            "cannot read \(path): its name is not UTF-8 text (shown with \u{FFFD}); rename the file"
        case .unreadable(let path):
            "cannot read \(path); check the path exists and is readable"
        case .noMigrations(let places):
            "no .sql migrations found in \(places.joined(separator: ", ")) (the gate reads SQL migrations); "
                + "pass the folder or files that hold them"
        case .badSizes(let path, let reason):
            "cannot read table sizes from \(path): \(reason); use CSV with the header table,rows,bytes or the JSON from own gate stats"
        case .badDeprecations(let path, let reason):
            "cannot read deprecations from \(path): \(reason); use [[deprecation]] entries with table = \"...\" and optional column = \"...\""
        case .database(let reason):
            "cannot read the database (table sizes, data probes): \(reason); check --database-url (postgres://user:password@host:port/database)"
        case .shallow(let base):
            "found no commit that \(base) and HEAD share: this clone is shallow; fetch their history first "
                + "(git fetch --unshallow, or fetch-depth: 0 with actions/checkout)"
        case .git(let reason):
            "\(reason); run own gate inside the git repository and check that --base names a commit or branch that exists"
        case .badOption(let reason):
            reason
        case .migrationsElsewhere(let sql, let folders):
            "the change has SQL files (\(sql.prefix(3).joined(separator: ", "))\(sql.count > 3 ? ", …" : "")) but none of "
                + "\(folders.joined(separator: ", ")) is here, so no migration was checked; name the migrations' folder "
                + "(own gate --base REVISION FOLDER) or pass --migrations FOLDER"
        }
    }
}
