/// Where the XDG base directories are, as the CLI and the server read them: `$XDG_DATA_HOME` or
/// `$XDG_CONFIG_HOME` when it is an absolute path, else the default under the home folder. A
/// relative value is ignored, as the XDG Base Directory specification says: read against the
/// current folder, each folder a command ran in got a ledger of its own.
public enum BaseDirectory {
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
