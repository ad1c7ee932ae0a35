import OwnCLI
import OwnCore

/// What a list of the server's administration prints, in the format asked for (`--format
/// text|md|json`, `--json`, as every read command of `own` takes them): tab-separated lines for a
/// terminal or a script's `cut`, a Markdown table to paste, or a JSON array of objects.
struct Listing {
    /// The columns, as the Markdown table's header.
    let header: [String]
    /// Each row: its text line, its cells (one per column), and its JSON object.
    var rows: [(line: String, cells: [String], object: JSONValue)] = []

    init(header: [String]) {
        self.header = header
    }

    mutating func add(line: String, cells: [String], object: [String: JSONValue]) {
        rows.append((line, cells, .object(object)))
    }

    /// Prints the rows; nothing for none in text, as before, an empty table or array otherwise.
    func print(_ format: ReadFormat) {
        switch format {
        case .text:
            for row in rows { Swift.print(row.line) }
        case .md:
            Swift.print(ReadFormat.table(header, rows.map(\.cells)))
        case .json:
            Swift.print(JSONWriter.string(.array(rows.map(\.object))))
        }
    }
}
