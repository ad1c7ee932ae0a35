import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Starts the kernel writing a file's pages to disk while the import still runs, without waiting
/// for them. Otherwise every page an import wrote waited in memory for the commit's `fdatasync`,
/// which wrote them all while nothing else ran: 0.17 s of a million-event import (a 380 MB file),
/// 0.02 s once they have been written behind (Linux's `sync_file_range`; elsewhere nothing is
/// started, and the commit writes them as before). Durability is the commit's, unchanged: this only
/// writes earlier what it would write.
///
/// It goes through the descriptor SQLite holds on the file, and opens and closes none of its own:
/// closing any descriptor of a file drops every lock the process holds on it, SQLite's included.
/// (One opened and closed here let another command take the file in the middle of the commit and
/// roll the import back.)
struct WriteBehind {
    private let descriptor: Int32

    /// Nil when this process holds no descriptor on the file, or where there is no way to start
    /// its writing.
    init?(path: String) {
        #if os(Linux)
        guard Self.syncFileRange != nil, let descriptor = Self.heldDescriptor(of: path) else { return nil }
        self.descriptor = descriptor
        #else
        return nil
        #endif
    }

    /// Starts writing the file's pages written since the last call.
    func start() {
        #if os(Linux)
        _ = Self.syncFileRange?(descriptor, 0, 0, UInt32(Self.write))
        #endif
    }

    /// A descriptor this process has open on the file (the same device and inode), found among
    /// `/proc/self/fd`.
    private static func heldDescriptor(of path: String) -> Int32? {
        var file = stat()
        guard stat(path, &file) == 0,
            let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")
        else { return nil }
        for entry in entries {
            guard let descriptor = Int32(entry) else { continue }
            var held = stat()
            if fstat(descriptor, &held) == 0, held.st_mode & S_IFMT == S_IFREG, held.st_dev == file.st_dev,
                held.st_ino == file.st_ino
            {
                return descriptor
            }
        }
        return nil
    }

    #if os(Linux)
    private typealias SyncFileRange = @convention(c) (Int32, Int64, Int64, UInt32) -> Int32

    /// Glibc declares it only for GNU sources, which Swift's module of it leaves out: looked up by name.
    private static let syncFileRange: SyncFileRange? = dlsym(nil, "sync_file_range").map {
        unsafeBitCast($0, to: SyncFileRange.self)
    }

    /// `SYNC_FILE_RANGE_WRITE`: start writing the range's dirty pages, wait for none.
    private static let write = 2
    #endif
}
