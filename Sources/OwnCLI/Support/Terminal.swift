import Foundation

/// Facts about the terminal: its width, whether colour is wanted.
enum Terminal {
    /// The width to fit columns to: `COLUMNS`, else the terminal's, else nil (not a terminal: no fitting).
    static func width(_ environment: [String: String]) -> Int? {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 20 { return columns }
        var size = winsize()
        guard isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 else { return nil }
        return Int(size.ws_col)
    }
}
