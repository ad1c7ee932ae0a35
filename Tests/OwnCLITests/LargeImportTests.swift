import Foundation
import OwnCore
import Testing

@testable import OwnCLI
@testable import OwnStore

/// An import larger than what the importer keeps in memory, read in more than one chunk: loops seen
/// again after their projection was written are read back, and late events still refold.
@Suite("A large import, streamed")
struct LargeImportTests {
    @Test func loopsRevisitedAfterAFlushKeepTheirNumberAndEveryEvent() throws {
        let own = OwnBinary()
        let count = Importer.loopsInMemory + 1_000
        let padding = String(repeating: "x", count: 800)
        var lines: [String] = []
        for index in 0..<count {
            lines.append(
                #"{"id":"c\#(index)","loop":"l\#(index)","at":"2026-11-20T09:00:00Z","by":"ana","type":"created","title":"Loop \#(index) \#(padding)"}"#
            )
        }
        // Loop 0's projection was written long ago; one event in order, one from before its last.
        lines.append(#"{"id":"n0","loop":"l0","at":"2026-11-22T09:00:00Z","by":"ana","type":"noted","note":"later"}"#)
        lines.append(#"{"id":"s0","loop":"l0","at":"2026-11-21T09:00:00Z","by":"ana","type":"started"}"#)
        let file = own.file("large.jsonl", lines.joined(separator: "\n"))
        #expect(lines.joined(separator: "\n").utf8.count > 2 * LineReader.chunk, "lines cross chunk boundaries")

        let run = own("import", file)
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("imported \(count + 2) events into \(count) loops"))
        let shown = try JSONParser.parse(own("show", "l0", "--json").stdout).objectValue
        #expect(shown?["loop"]?.objectValue?["number"]?.numberValue == 1)
        let events = shown?["events"]?.arrayValue ?? []
        #expect(events.compactMap { $0.objectValue?["type"]?.stringValue } == ["created", "started", "noted"])
        #expect(own("show", "l\(count - 1)", "--json").stdout.contains("\"number\":\(count)"))
        #expect(own("import", file).stdout.contains("(\(count + 2) already present)"))
    }
}
