import Foundation
import OwnCore
import Testing

/// The repository's root, from this file's place in it.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

@Suite("The repository stands alone: its docs describe the format, nothing points outside it")
struct RepositoryStandsAloneTests {
    func read(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func docsEventsDocumentsEveryTypeAndItsExampleImports() throws {
        let text = try read("docs/events.md")
        for type in EventType.allCases {
            #expect(text.contains("| `\(type.rawValue)` |"), "\(type.rawValue) has a row")
            #expect(text.contains("\"type\":\"\(type.rawValue)\""), "\(type.rawValue) has an example")
        }
        let example = try #require(
            text.components(separatedBy: "```json\n").dropFirst().first?.components(separatedBy: "```").first
        )
        let own = OwnBinary()
        let run = own("import", own.file("example.jsonl", example))
        #expect(run.code == 0, "\(run.stderr)")
        let states = try JSONParser.parse(own("list", "--all", "--json").stdout).arrayValue?.compactMap {
            $0.objectValue.map { ($0["key"]?.stringValue ?? "") + "=" + ($0["state"]?.stringValue ?? "") }
        }
        #expect(states == ["db-migration=open", "deploy-fix=done", "old-report=dropped", "docs-typo=open"])
    }

    @Test func docsDoctorHoldsTheRuleTable() throws {
        let text = try read("docs/doctor.md")
        for rule in RuleName.allCases {
            #expect(text.contains("| `\(rule.rawValue)` | "), "\(rule.rawValue) is in the rule table")
        }
    }

    @Test func nothingNamesFilesOutsideTheRepository() throws {
        var checked: [String] = ["README.md"]
        for folder in ["docs", "Sources"] {
            let files = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            while let file = files?.nextObject() as? String {
                if file.hasSuffix(".md") || file.hasSuffix(".swift") { checked.append(folder + "/" + file) }
            }
        }
        #expect(checked.count > 50)
        for path in checked {
            let text = try read(path)
            for outside in ["DESIGN.md", "SERVER.md", "STYLE.md", "../shared", "/work/shared"] {
                #expect(!text.contains(outside), "\(path) names \(outside)")
            }
        }
        let own = OwnBinary()
        for arguments in [
            ["policy"], ["--help"], ["policy", "--help"], ["doctor", "--help"], ["doctor", "--explain", "going-dark"],
        ] {
            let run = own.run(arguments)
            #expect(!run.stdout.contains("DESIGN") && !run.stdout.contains("shared/"), "\(arguments)")
        }
    }

    /// Nothing generated is committed: builds, ledgers, caches of the Python tools the tests drive,
    /// the resolved package versions (a schemathesis cache went in once, unseen).
    @Test func nothingGeneratedIsCommitted() throws {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", root.path, "ls-files"]
        let pipe = Pipe()
        git.standardOutput = pipe
        try git.run()
        let listed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        git.waitUntilExit()
        #expect(git.terminationStatus == 0)
        let files = listed.split(separator: "\n").map(String.init)
        #expect(files.contains("Package.swift"), "git listed the repository's files")
        let generated = [".build/", ".schemathesis/", "__pycache__/", "Benchmarks/data/", ".hypothesis/"]
        for file in files {
            #expect(!generated.contains { file.hasPrefix($0) || file.contains("/" + $0) }, "\(file) is generated")
            #expect(
                !file.hasSuffix(".sqlite") && !file.hasSuffix(".sqlite-wal") && file != "Package.resolved",
                "\(file) is generated"
            )
        }
    }
}
