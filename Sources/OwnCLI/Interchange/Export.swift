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
            help: ArgumentHelp("Write to this file instead of standard output.", valueName: "path")
        )
        var output: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.readingContext()
            let descriptor: Int32
            if let output {
                try Self.refuseLedgerFiles(output, ledger: context.ledgerPath)
                descriptor = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                guard descriptor >= 0 else {
                    throw CLIError("cannot write \(output): \(String(cString: strerror(errno)))")
                }
            } else {
                descriptor = 1
            }
            defer { if descriptor != 1 { close(descriptor) } }
            var writer = ChunkWriter(descriptor: descriptor)
            try context.ledger.exportEvents { line in try writer.line(line) }
            try writer.flush()
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

/// Writes lines to a file descriptor in large chunks: a million-line export makes a few hundred
/// write calls, not a million.
struct ChunkWriter {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 20)
    }

    mutating func line(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 20 { try flush() }
    }

    mutating func flush() throws {
        try buffer.withUnsafeBufferPointer { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                guard written > 0 else {
                    throw CLIError("cannot write the export: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
