import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own import`: events from JSON Lines, or tasks from Taskwarrior.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            _superCommandName: "own",
            abstract: "Import events from JSON Lines (`own export`), or tasks from `task export` (--from taskwarrior).",
            discussion: """
                All or nothing: a bad line is reported with its number and nothing is imported. Importing the same \
                events again changes nothing (events are matched by id); an id already recorded with different \
                content is an error. Use - to read standard input.
                """
        )

        enum Source: String, ExpressibleByArgument, CaseIterable {
            case jsonl, taskwarrior
        }

        @Argument(help: "The file to read, or - for standard input.") var file: String
        @Option(name: .long, help: "The file's format: jsonl or taskwarrior.") var from: Source = .jsonl
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            var data = try Self.read(file)
            // A byte-order mark (Windows editors write one) is not part of the first line.
            if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
            if from == .jsonl, data.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "[") {
                throw CLIError(
                    "\(file) is a JSON array, not JSON Lines; for a Taskwarrior export use "
                        + "`own import --from taskwarrior \(file)`, otherwise put one event per line (as `own export` writes)"
                )
            }
            let summary: ImportSummary
            do {
                summary = try importEvents(data, into: context)
            } catch LedgerError.conflictingEvent(let id, _) where from == .taskwarrior {
                let key = id.hasSuffix("-created") ? String(id.dropLast("-created".count)) : id
                throw CLIError(
                    "task \(key.dropFirst("tw-".count)) changed in Taskwarrior since it was imported (renamed, or its "
                        + "dates or priority edited); own keeps its history and imported nothing. Record the change "
                        + "with `own edit \(key) --title …` (or --due, --stakes), then import again"
                )
            } catch LedgerError.conflictingEvent(let id, let line) {
                throw CLIError(
                    "\(file):\(line): event id \"\(id)\" is already recorded with different content; nothing was imported"
                )
            } catch LedgerError.brokenHistory(let line, let reason) {
                throw CLIError("\(file):\(line): \(reason); nothing was imported")
            }
            print("imported \(summary.added) events into \(summary.loops) loops (\(summary.skipped) already present)")
        }

        private func importEvents(_ data: Data, into context: Context) throws -> ImportSummary {
            let summary: ImportSummary
            switch from {
            case .jsonl:
                var lines = LineReader(data: data)
                summary = try context.ledger.importEvents {
                    while let (number, line) = try lines.next() {
                        if line.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                        do {
                            var generated = false
                            let event = try Event(jsonLine: line) {
                                generated = true
                                return Identifiers.event()
                            }
                            return ImportedEvent(event: event, line: number, text: generated ? nil : Self.trimmed(line))
                        } catch {
                            throw CLIError("\(file):\(number): \(error); nothing was imported")
                        }
                    }
                    return nil
                }
            case .taskwarrior:
                let events: [Event]
                do {
                    events = try TaskwarriorTasks.events(
                        fromExport: String(decoding: data, as: UTF8.self),
                        by: context.actor
                    )
                } catch {
                    throw CLIError("\(file): \(error); nothing was imported")
                }
                summary = try context.ledger.importEvents(
                    events.enumerated().map { ImportedEvent(event: $1, line: $0 + 1) }
                )
            }
            return summary
        }

        /// The line without surrounding white space (a CRLF file's carriage return included).
        static func trimmed(_ line: String) -> String {
            let space: Set<UInt8> = [0x0D, 0x20, 0x09]
            guard let first = line.utf8.first, let last = line.utf8.last, space.contains(first) || space.contains(last)
            else { return line }
            return line.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        static func read(_ file: String) throws -> Data {
            if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
            var info = stat()
            guard stat(file, &info) == 0 else {
                throw CLIError("cannot read \(file): \(String(cString: strerror(errno))); check the path")
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                throw CLIError("\(file) is a folder; give the file to import, e.g. \(file)/ledger.jsonl")
            }
            // A pipe, /dev/stdin or a process substitution cannot be mapped: read it as a stream.
            guard info.st_mode & S_IFMT == S_IFREG else {
                guard let handle = FileHandle(forReadingAtPath: file) else {
                    throw CLIError("cannot read \(file); check its permissions")
                }
                defer { try? handle.close() }
                return handle.readDataToEndOfFile()
            }
            do {
                return try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped)
            } catch {
                throw CLIError("cannot read \(file); check its permissions")
            }
        }
    }
}

/// Splits bytes into numbered lines, refusing invalid UTF-8 and absurdly long lines by number.
struct LineReader {
    let data: Data
    private var offset = 0
    private var number = 0

    /// The longest line accepted: no event comes near it.
    static let maximumLength = 1 << 20

    init(data: Data) {
        self.data = data
    }

    mutating func next() throws -> (Int, String)? {
        guard offset < data.count else { return nil }
        number += 1
        let start = offset
        let (end, line): (Int, String?) = data.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let found = memchr(base + start, 0x0A, raw.count - start)
            let end = found.map { UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base } ?? raw.count
            guard end - start <= Self.maximumLength else { return (end, nil) }
            return (
                end, String(validating: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self)
            )
        }
        offset = end + 1
        guard end - start <= Self.maximumLength else {
            throw CLIError("line \(number) is longer than 1 MiB; no event is that large. Nothing was imported")
        }
        guard let line else {
            throw CLIError("line \(number) is not valid UTF-8; nothing was imported")
        }
        return (number, line)
    }
}
