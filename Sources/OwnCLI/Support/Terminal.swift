import Foundation

/// Facts about the terminal: its width, whether colour is wanted.
enum Terminal {
    /// The width to fit columns to: `COLUMNS`, else the terminal's, else nil (not a terminal: no fitting).
    static func width(_ environment: [String: String]) -> Int? {
        // However narrow: the table then cuts titles to their least (eight columns), where it cut none.
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    /// Whether to colour standard output: never with `NO_COLOR` set to anything (no-color.org);
    /// always with `CLICOLOR_FORCE` set (and not 0), as for a pager that shows colour; else only on
    /// a terminal that is not `dumb`.
    static func colour(_ environment: [String: String], isTerminal: Bool = isatty(1) == 1) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
        return isTerminal && environment["TERM"] != "dumb"
    }
}
