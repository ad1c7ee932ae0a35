import OwnCore

/// Renders SARIF 2.1.0, the format GitHub code scanning and other tools load.
///
/// Silenced findings are kept as results with an `inSource` suppression whose justification is the
/// allow's reason.
public enum SARIFFormatter {
    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        let rules = Rules.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.name, $0) })
        func text(_ text: String) -> JSONValue { .object(["text": .string(text)]) }
        func result(_ finding: Finding, suppression: String?) -> JSONValue {
            let region: [String: JSONValue] = [
                "startLine": .number(Double(finding.line)),
                "startColumn": .number(Double(finding.column)),
                "endLine": .number(Double(max(finding.endLine, finding.line))),
                "endColumn": .number(
                    Double(
                        finding.endLine > finding.line
                            ? finding.endColumn : max(finding.endColumn, finding.column + 1)
                    )
                ),
            ]
            var members: [String: JSONValue] = [
                "ruleId": .string(finding.rule),
                "ruleIndex": .number(Double(index[finding.rule] ?? 0)),
                "level": .string(finding.severity == .info ? "note" : finding.severity.rawValue),
                "message": text("\(finding.message). \(finding.help)"),
                "locations": .array([
                    .object([
                        "physicalLocation": .object([
                            "artifactLocation": .object(artifact(finding.file, base: report.directory)),
                            "region": .object(region),
                        ])
                    ])
                ]),
            ]
            if let suppression {
                members["suppressions"] = .array([
                    .object(["kind": .string("inSource"), "justification": .string(suppression)])
                ])
            }
            return .object(members)
        }
        var results = report.findings.map { result($0, suppression: nil) }
        for allow in report.allows {
            results += allow.silenced.map { result($0, suppression: allow.reason) }
        }
        let descriptors: [JSONValue] = rules.map {
            .object([
                "id": .string($0.name),
                "shortDescription": text($0.summary),
                "fullDescription": text($0.explanation),
                "help": text($0.explanation),
            ])
        }
        var run: [String: JSONValue] = [
            "tool": .object([
                "driver": .object([
                    "name": .string("own gate"), "version": .string(OwnVersion.number), "rules": .array(descriptors),
                ])
            ]),
            // Columns count characters (Unicode code points), not SARIF's default UTF-16 units.
            "columnKind": .string("unicodeCodePoints"),
            "results": .array(results),
        ]
        // Relative paths start from the folder the gate ran in, as a file:// URI: a viewer finds
        // the files wherever it was run from.
        if let directory = report.directory {
            let folder = directory.hasSuffix("/") ? directory : directory + "/"
            run["originalUriBaseIds"] = .object([baseID: .object(["uri": .string(uri(folder))])])
        }
        let log: JSONValue = .object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "version": .string("2.1.0"),
            "runs": .array([.object(run)]),
        ])
        return JSONWriter.pretty(log) + "\n"
    }

    private static let hex = Array("0123456789ABCDEF".unicodeScalars)

    /// The name relative paths are resolved against (`originalUriBaseIds`).
    static let baseID = "SRCROOT"

    /// A file's location: a relative path against `baseID` when the folder is known, else as it is.
    static func artifact(_ path: String, base: String?) -> [String: JSONValue] {
        let location = uri(path)
        guard base != nil, !location.hasPrefix("file:") else { return ["uri": .string(location)] }
        return ["uri": .string(location), "uriBaseId": .string(baseID)]
    }

    /// A URI for a path, as SARIF wants one (RFC 3986): a relative path stays relative, an absolute
    /// one is a `file://` URI, and every byte outside the unreserved characters and `/` is
    /// percent-encoded as UTF-8 (a space, `#`, `%`, `?`, an accented letter).
    static func uri(_ path: String) -> String {
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        var out = relative.hasPrefix("/") ? "file://" : ""
        for byte in relative.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out.unicodeScalars.append("%")
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }
}
