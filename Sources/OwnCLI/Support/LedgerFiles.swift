import Foundation

/// The files of the open ledger, which no command's output may replace.
enum LedgerFiles {
    /// Refuses to write `what` over the open ledger, its write-ahead log or its journal, however the
    /// path names them (relative, through a symbolic link, or a hard link to the ledger). Every
    /// command that writes a file it is given (`-o`) asks first.
    static func refuseOutput(_ output: String, ledger: String, writing what: String) throws {
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
                "-o \(output) is the ledger itself (or its log); writing \(what) there would destroy it. Choose another file"
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
