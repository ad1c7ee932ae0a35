import Foundation
import Testing

@testable import OwnCLI

/// `LineReader` gives a file's lines whole and numbered, wherever its chunks end.
@Suite("Reading a file's lines a chunk at a time")
struct LineReaderTests {
    /// Writes `text` to a file of its own, reads every line back, and removes the file.
    static func lines(of text: String) throws -> [(Int, String)] {
        let path = NSTemporaryDirectory() + "own-lines-" + UUID().uuidString
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineReader(file: path)
        defer { reader.close() }
        var lines: [(Int, String)] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test func linesAcrossChunksComeWholeAndInOrder() throws {
        // Lines of 998 bytes and a newline (a character of two bytes split by a chunk's end, too),
        // and one nearly a chunk long: chunks of 1 MiB end inside them.
        let short = (0..<2_500).map { String(format: "%06d", $0) + String(repeating: "é", count: 496) }
        let long = String(repeating: "x", count: LineReader.maximumLength - 1)
        let text = (short[..<1_200] + [long] + short[1_200...]).joined(separator: "\n") + "\nlast without a newline"
        let lines = try Self.lines(of: text)
        #expect(lines.count == 2_502)
        #expect(lines.map(\.0) == Array(1...2_502))
        #expect(lines[1_200].1 == long)
        #expect(lines[0].1 == short[0] && lines[1_199].1 == short[1_199] && lines[1_201].1 == short[1_200])
        #expect(lines[2_500].1 == short[2_499])
        #expect(lines.last?.1 == "last without a newline")
    }

    @Test func anEmptyFileHasNoLinesAndAFinalNewlineEndsTheLast() throws {
        #expect(try Self.lines(of: "").isEmpty)
        #expect(try Self.lines(of: "one\n").map(\.1) == ["one"])
        #expect(try Self.lines(of: "one\n\ntwo").map(\.1) == ["one", "", "two"])
    }

    @Test func aLineLongerThanAnyEventIsRefusedByNumber() throws {
        let text = "first\n" + String(repeating: "x", count: LineReader.maximumLength + 1) + "\nthird\n"
        #expect(throws: CLIError.self) { try Self.lines(of: text) }
        do {
            _ = try Self.lines(of: text)
        } catch let error as CLIError {
            let refusal = ":2: the line is longer than 1 MiB; no event is that large; nothing was imported"
            #expect(error.message.hasSuffix(refusal))
        }
    }

    @Test func aLineThatIsNotUTF8IsRefusedByNumber() throws {
        let path = NSTemporaryDirectory() + "own-lines-" + UUID().uuidString
        try Data("fine\n".utf8 + [0xFF, 0x0A]).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try LineReader(file: path)
        defer { reader.close() }
        #expect(try reader.next()?.1 == "fine")
        #expect(throws: CLIError(path + ":2: the line is not valid UTF-8; nothing was imported")) { try reader.next() }
    }
}
