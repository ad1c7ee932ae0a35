import FoundationEssentials

/// Renders SARIF 2.1.0, the format GitHub code scanning and other tools load.
///
/// Silenced findings are kept as results with an `inSource` suppression whose justification is the
/// allow's reason.
public enum SARIFFormatter {
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]

        enum CodingKeys: String, CodingKey {
            case schema = "$schema"
            case version, runs
        }
    }

    struct Run: Encodable {
        var tool: Tool
        var results: [Result]
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name = "own gate"
        var rules: [RuleDescriptor]
    }

    struct Text: Encodable {
        var text: String
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct RuleDescriptor: Encodable {
        var id: String
        var shortDescription: Text
        var fullDescription: Text
        var help: Text
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var suppressions: [Suppression]?
    }

    struct Location: Encodable {
        var physicalLocation: PhysicalLocation
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }

    struct ArtifactLocation: Encodable {
        var uri: String
    }

    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
        var endLine: Int
        var endColumn: Int
    }

    struct Suppression: Encodable {
        var kind = "inSource"
        var justification: String
    }

    /// Renders a report.
    public static func render(_ report: GateReport) -> String {
        let rules = Rules.all
        let index = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.name, $0) })
        func result(_ finding: Finding, suppression: String?) -> Result {
            Result(
                ruleId: finding.rule,
                ruleIndex: index[finding.rule] ?? 0,
                level: finding.severity == .info ? "note" : finding.severity.rawValue,
                message: Text(text: "\(finding.message). \(finding.help)"),
                locations: [
                    Location(
                        physicalLocation: PhysicalLocation(
                            artifactLocation: ArtifactLocation(uri: uri(finding.file)),
                            region: Region(
                                startLine: finding.line,
                                startColumn: finding.column,
                                endLine: max(finding.endLine, finding.line),
                                endColumn: finding.endLine > finding.line
                                    ? finding.endColumn : max(finding.endColumn, finding.column + 1)
                            )
                        )
                    )
                ],
                suppressions: suppression.map { [Suppression(justification: $0)] }
            )
        }
        var results = report.findings.map { result($0, suppression: nil) }
        for allow in report.allows {
            results += allow.silenced.map { result($0, suppression: allow.reason) }
        }
        let log = Log(
            runs: [
                Run(
                    tool: Tool(
                        driver: Driver(
                            rules: rules.map {
                                RuleDescriptor(
                                    id: $0.name,
                                    shortDescription: Text(text: $0.summary),
                                    fullDescription: Text(text: $0.explanation),
                                    help: Text(text: $0.explanation)
                                )
                            }
                        )
                    ),
                    results: results
                )
            ]
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A relative URI for a path: SARIF wants `/` separators and percent-encoded spaces.
    static func uri(_ path: String) -> String {
        var out = ""
        for character in path.hasPrefix("./") ? String(path.dropFirst(2)) : path {
            out += character == " " ? "%20" : String(character)
        }
        return out
    }
}
