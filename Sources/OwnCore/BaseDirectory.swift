import Foundation

/// Where the XDG base directories are, as the CLI and the server read them: `$XDG_DATA_HOME` or
/// `$XDG_CONFIG_HOME` when it is an absolute path, else the default under the home folder. A
/// relative value is ignored, as the XDG Base Directory specification says: read against the
/// current folder, each folder a command ran in got a ledger of its own.
public enum BaseDirectory {
    /// The home folder: `$HOME`, else the user's as the system has it. A service may run with no HOME,
    /// and the server read "." for it: its store was made in whatever folder it started in.
    public static func home(_ environment: [String: String]) -> String {
        environment["HOME"] ?? NSHomeDirectory()
    }

    /// `$XDG_DATA_HOME`, else `home/.local/share`.
    public static func data(_ environment: [String: String], home: String) -> String {
        base(environment["XDG_DATA_HOME"], home + "/.local/share")
    }

    /// `$XDG_CONFIG_HOME`, else `home/.config`.
    public static func config(_ environment: [String: String], home: String) -> String {
        base(environment["XDG_CONFIG_HOME"], home + "/.config")
    }

    private static func base(_ value: String?, _ fallback: String) -> String {
        guard let value, value.hasPrefix("/") else { return fallback }
        return value
    }
}
