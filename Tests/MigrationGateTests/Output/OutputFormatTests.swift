import Foundation
import Testing

@testable import MigrationGate

@Suite("output formats")
struct OutputFormatTests {
    /// A report with one error, one warning, and one allowed finding.
    static let report: GateReport = {
        let sql = """
            SET lock_timeout = '2s'; SET statement_timeout = '5s';
            CREATE INDEX orders_placed ON orders (placed_at);
            ALTER TABLE mystery ALTER COLUMN "a,b" DROP NOT NULL;
            -- own:allow truncate-cascade because staging data, rebuilt nightly
            TRUNCATE staging CASCADE;
            """
        return Gate.check([MigrationFile(path: "db/migrations/001 init.sql", text: sql)], sizes: testSizes)
    }()

    @Test func textPrintsLocationRuleMessageAndHelp() {
        let lines = OutputFormat.text.render(Self.report).split(separator: "\n").map(String.init)
        #expect(
            lines[0].hasPrefix(
                "db/migrations/001 init.sql:2:1: error: [index-without-concurrently] CREATE INDEX on orders"
            )
        )
        #expect(lines[1].hasPrefix("  help: use CREATE INDEX CONCURRENTLY"))
        #expect(lines[2].hasPrefix("db/migrations/001 init.sql:3:21: warning: [drop-not-null]"))
        #expect(lines.last == "1 error, 1 warning in 1 file (1 allowed)")
        // Info findings are counted when there are any: `--fail-on info` fails on them.
        var noted = Self.report
        noted.findings = noted.findings.map { finding in
            var info = finding
            info.severity = .info
            return info
        }
        #expect(OutputFormat.text.render(noted).hasSuffix("0 errors, 0 warnings, 2 info in 1 file (1 allowed)\n"))
    }

    @Test func gccPutsTheRuleLast() {
        let lines = OutputFormat.gcc.render(Self.report).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("db/migrations/001 init.sql:2:1: error: CREATE INDEX"))
        #expect(lines[0].hasSuffix("[index-without-concurrently]"))
    }

    @Test func jsonIsAnArrayOfFindingsWithAllowsAndReasons() throws {
        let data = Data(OutputFormat.json.render(Self.report).utf8)
        let array = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(array.count == 3)
        let keys: Set<String> = [
            "file", "line", "column", "endLine", "endColumn", "rule", "severity", "message", "help",
        ]
        for element in array { #expect(keys.isSubset(of: Set(element.keys))) }
        #expect(array[0]["rule"] as? String == "index-without-concurrently")
        #expect(array[0]["endColumn"] as? Int == 49)
        let allowed = try #require(array.first { $0["severity"] as? String == "allowed" })
        let allow = try #require(allowed["allowed"] as? [String: Any])
        #expect(allow["reason"] as? String == "staging data, rebuilt nightly")
        #expect(allow["line"] as? Int == 4)
    }

    @Test func githubAnnotationsEscapeProperties() {
        let lines = OutputFormat.github.render(Self.report).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("::error file=db/migrations/001 init.sql,line=2,col=1,endLine=2,endColumn=49,"))
        #expect(lines[0].contains("title=own gate%3A index-without-concurrently::"))
        #expect(lines[0].contains("%0Ahelp: "))
        #expect(lines[1].hasPrefix("::warning "))
    }

    @Test func sarifCarriesRulesResultsAndSuppressions() throws {
        let data = Data(OutputFormat.sarif.render(Self.report).utf8)
        let log = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 3)
        #expect(
            results.contains {
                ($0["suppressions"] as? [[String: Any]])?.first?["justification"] as? String
                    == "staging data, rebuilt nightly"
            }
        )
        let location = try #require(
            (results.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        )
        #expect((location["artifactLocation"] as? [String: Any])?["uri"] as? String == "db/migrations/001%20init.sql")
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
        // Checked by a gate that ran in no folder: the paths stand alone.
        #expect(run["originalUriBaseIds"] == nil)
        #expect((location["artifactLocation"] as? [String: Any])?["uriBaseId"] == nil)
    }

    @Test func sarifPathsStartFromTheFolderTheGateRanIn() throws {
        var report = Self.report
        report.directory = "/srv/my app"
        let log = try #require(
            try JSONSerialization.jsonObject(with: Data(OutputFormat.sarif.render(report).utf8)) as? [String: Any]
        )
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: Any]])
        #expect(bases["SRCROOT"]?["uri"] as? String == "file:///srv/my%20app/")
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let location = try #require(
            (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        )
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "db/migrations/001%20init.sql")
        #expect(artifact["uriBaseId"] as? String == "SRCROOT")
    }

    @Test(arguments: [
        ("db/migrations/001 init.sql", "db/migrations/001%20init.sql"),
        ("./db/a#b%c?.sql", "db/a%23b%25c%3F.sql"),
        ("db/migración.sql", "db/migraci%C3%B3n.sql"),
        ("/srv/app/db/001.sql", "file:///srv/app/db/001.sql"),
    ])
    func sarifURIsArePercentEncoded(path: String, uri: String) {
        #expect(SARIFFormatter.uri(path) == uri)
    }

    /// Whether the `python3` first on PATH has jsonschema (scripts/test puts the project's venv first).
    static let hasJSONSchema: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema"]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(.enabled(if: hasJSONSchema || ProcessInfo.processInfo.environment["CI"] == "true", "needs jsonschema"))
    func sarifValidatesAgainstTheSchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("own-sarif-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("gate.sarif")
        let schema = directory.appendingPathComponent("sarif-schema.json")
        var report = Self.report
        report.directory = "/srv/app"
        try Data(OutputFormat.sarif.render(report).utf8).write(to: log)
        try Data(SARIFSchema.text.utf8).write(to: schema)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft7Validator.check_schema(schema)
            jsonschema.validate(json.load(open(sys.argv[2])), schema)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema.path, log.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(stderr)")
    }
}
