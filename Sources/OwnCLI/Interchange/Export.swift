import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own export`: every event as JSON Lines.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",
            _superCommandName: "own",
            abstract: "Write every event as JSON Lines (the interchange format), in the order they were recorded.",
            discussion: "`own import` reads it back; unknown fields survive the round trip."
        )

        @Option(
            name: .shortAndLong,
            help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path"),
            completion: .file()
        )
        var output: String?
        @OptionGroup var global: LedgerOptions<ExportIsEverything>

        func run() throws {
            let context = try global.values.readingContext()
            guard let output, output != "-" else {
                var writer = ChunkWriter(descriptor: 1, name: "the export")
                try context.ledger.exportEvents { line in try writer.line(line) }
                try writer.flush()
                return
            }
            try Self.refuseLedgerFiles(output, ledger: context.ledgerPath)
            // A file is replaced whole once the export is complete: a failure leaves the one there.
            try ReplacedFile.writing(to: output) { writer in
                try context.ledger.exportEvents { line in try writer.line(line) }
            }
        }

        /// Refuses to write over the open ledger, its write-ahead log or its journal, however the path
        /// names them (relative, through a symbolic link, or a hard link to the ledger).
        static func refuseLedgerFiles(_ output: String, ledger: String) throws {
            let target = canonical(output)
            let base = canonical(ledger)
            var isLedgerFile = ["", "-wal", "-journal", "-shm"].contains { target == base + $0 }
            var outputInfo = stat()
            var ledgerInfo = stat()
            if stat(output, &outputInfo) == 0, stat(ledger, &ledgerInfo) == 0,
                outputInfo.st_dev == ledgerInfo.st_dev, outputInfo.st_ino == ledgerInfo.st_ino
            {
                isLedgerFile = true
            }
            if isLedgerFile {
                throw CLIError(
                    "-o \(output) is the ledger itself (or its log); writing the export there would destroy it. "
                        + "Choose another file, e.g. -o ledger.jsonl"
                )
            }
        }

        /// The absolute path with symbolic links resolved, as far as the path exists.
        private static func canonical(_ path: String) -> String {
            if let resolved = realpath(path, nil) {
                defer { free(resolved) }
                return String(cString: resolved)
            }
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent().path
            guard let resolved = realpath(folder, nil) else { return url.standardizedFileURL.path }
            defer { free(resolved) }
            return String(cString: resolved) + "/" + url.lastPathComponent
        }
    }
}
