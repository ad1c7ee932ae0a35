import Foundation

/// A file written whole or not at all: written beside its path under a temporary name, flushed to
/// disk, and renamed over the path once complete. A failure (a full disk, a crash, a refused write)
/// leaves whatever was at the path as it was.
struct ReplacedFile {
    /// Where the file ends up: the path given, through any symbolic link to a file.
    let path: String
    let temporary: String
    /// Open for writing until `commit` or `discard`.
    let descriptor: Int32

    /// Opens a temporary file beside `path`, with the permissions of the file it replaces (or a new
    /// file's, under the umask).
    init(_ given: String) throws {
        var resolved = given
        if let real = realpath(given, nil) {
            resolved = String(cString: real)
            free(real)
        }
        path = resolved
        let url = URL(fileURLWithPath: resolved)
        var template = Array(
            (url.deletingLastPathComponent().path + "/." + url.lastPathComponent + ".XXXXXX").utf8CString
        )
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw CLIError("cannot write \(given): \(String(cString: strerror(errno)))") }
        temporary = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.descriptor = descriptor
        var existing = stat()
        let mode: mode_t
        if stat(resolved, &existing) == 0 {
            mode = existing.st_mode & 0o7777
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        fchmod(descriptor, mode)
    }

    /// Writes `contents` to `path` whole or not at all.
    static func write(_ contents: String, to path: String) throws {
        try writing(to: path) { writer in try writer.text(contents) }
    }

    /// Gives `write` a writer to `path`: a file there (or none yet) is replaced whole once `write` is
    /// done, and stays as it was when it throws. Anything else (a device such as `/dev/null`, a pipe
    /// such as `/dev/stdout`) is written as it comes: it has nothing to replace, and renaming a file
    /// over it would put a plain file where the device was.
    static func writing(to path: String, _ write: (inout ChunkWriter) throws -> Void) throws {
        var existing = stat()
        if stat(path, &existing) == 0, existing.st_mode & S_IFMT != S_IFREG {
            let descriptor = open(path, O_WRONLY | O_TRUNC)
            guard descriptor >= 0 else { throw CLIError("cannot write \(path): \(String(cString: strerror(errno)))") }
            defer { close(descriptor) }
            var writer = ChunkWriter(descriptor: descriptor, name: path)
            try write(&writer)
            try writer.flush()
            return
        }
        let file = try ReplacedFile(path)
        var writer = ChunkWriter(descriptor: file.descriptor, name: path)
        do {
            try write(&writer)
            try writer.flush()
        } catch {
            file.discard()
            throw error
        }
        try file.commit()
    }

    /// Flushes the file to disk and renames it over `path`.
    func commit() throws {
        guard fsync(descriptor) == 0, close(descriptor) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIError("cannot write \(path): \(reason)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw CLIError("cannot write \(path): \(reason)")
        }
    }

    /// Closes and removes the temporary file: `path` stays as it was.
    func discard() {
        close(descriptor)
        unlink(temporary)
    }
}
