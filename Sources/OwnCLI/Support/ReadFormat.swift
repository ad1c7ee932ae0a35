public import ArgumentParser
import Foundation
import OwnCore

/// How a read command writes what it found: text for a terminal, Markdown to paste, or JSON.
public enum ReadFormat: String, NamedValues {
    /// Aligned text for a terminal.
    case text
    /// Markdown, to paste into a document or a chat.
    case md
    /// JSON, for scripts.
    case json

    /// Text lines as Markdown: the first line a heading, a line that ends with a colon a subheading,
    /// an indented line a bullet (its column padding folded), any other line a paragraph. Escaped as
    /// every Markdown `own` writes is, so a title from the ledger cannot start a heading. With
    /// `everyHeading`, each line that is not indented is a heading of its own (a list of projects,
    /// each with its reasons).
    static func markdown(_ lines: [String], everyHeading: Bool = false) -> String {
        var out: [String] = []
        var inList = false
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimming(.spaces)
            if trimmed.isEmpty { continue }
            let folded = trimmed.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if line.hasPrefix(" ") {
                if !inList, !out.isEmpty { out.append("") }
                out.append(
                    "- " + MarkdownRenderer.escape(folded.hasPrefix("- ") ? String(folded.dropFirst(2)) : folded)
                )
                inList = true
                continue
            }
            if !out.isEmpty { out.append("") }
            inList = false
            // The ledger's text with Markdown's marks escaped, as the reports write it.
            if index == 0 || everyHeading {
                out.append("## " + MarkdownRenderer.escape(folded))
            } else if folded.hasSuffix(":") {
                out.append("### " + MarkdownRenderer.escape(String(folded.dropLast())))
            } else {
                out.append(MarkdownRenderer.escape(folded))
            }
        }
        return out.map(TextEscaping.escaped).joined(separator: "\n")
    }

    /// A Markdown table; a `|` or a line break in a cell cannot end the cell or the row.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        func row(_ cells: [String]) -> String {
            "| "
                + cells.map {
                    TextEscaping.escaped(MarkdownRenderer.escape($0).replacingOccurrences(of: "|", with: "\\|"))
                }.joined(separator: " | ") + " |"
        }
        return ([row(header), "|" + String(repeating: "---|", count: header.count)] + rows.map(row))
            .joined(separator: "\n")
    }
}

/// `--format text|md|json`, and `--json` for `--format json`: the same in every read command.
public struct FormatOptions: ParsableArguments {
    @Option(help: "text for a terminal (the default), md to paste, or json.") var format: ReadFormat?
    @Flag(help: "The same as --format json.") var json = false

    public init() {}

    public func validate() throws {
        _ = try Self.resolved(format: format, json: json)
    }

    /// The format asked for.
    public var resolved: ReadFormat { json ? .json : format ?? .text }

    /// The format asked for by `--format` and `--json`; both, naming two formats, are refused: which
    /// one was meant cannot be told.
    static func resolved<Format: RawRepresentable<String>>(
        format: Format?,
        json: Bool,
        jsonFormat value: Format
    ) throws
        -> Format?
    {
        if json, let format, format != value {
            throw ValidationError("--json is --format json, and --format says \(format.rawValue): give one of them")
        }
        return json ? value : format
    }

    static func resolved(format: ReadFormat?, json: Bool) throws -> ReadFormat {
        try resolved(format: format, json: json, jsonFormat: .json) ?? .text
    }
}
