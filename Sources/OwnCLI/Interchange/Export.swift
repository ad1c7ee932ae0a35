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
            try LedgerFiles.refuseOutput(output, ledger: context.ledgerPath, writing: "the export")
            // A file is replaced whole once the export is complete: a failure leaves the one there.
            try ReplacedFile.writing(to: output) { writer in
                try context.ledger.exportEvents { line in try writer.line(line) }
            }
        }
    }
}
