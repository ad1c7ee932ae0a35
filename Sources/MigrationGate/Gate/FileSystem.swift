import FoundationEssentials

/// The few file-system operations the gate needs, in one place.
enum FileSystem {
    static func read(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory
    }

    static func isFile(_ path: String) -> Bool {
        var isDirectory = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory
    }

    static func join(_ directory: String, _ path: String) -> String {
        if path.hasPrefix("/") { return path }
        if directory.isEmpty || directory == "." { return path }
        return directory.hasSuffix("/") ? directory + path : directory + "/" + path
    }

    /// The process's working directory, read once: the gate never changes it.
    static let currentDirectory = FileManager.default.currentDirectoryPath

    /// `path` made absolute against `base` (itself made absolute against the current directory).
    static func absolute(_ path: String, in base: String) -> String {
        if path.hasPrefix("/") { return normalise(path) }
        var directory = base
        if !directory.hasPrefix("/") { directory = join(currentDirectory, base) }
        return normalise(join(directory, path))
    }

    /// `path` relative to `directory` (both absolute and normalised), through `..` where it lies
    /// outside it; as it is when the two share nothing but `/`.
    static func relative(_ path: String, from directory: String) -> String {
        let from = directory.split(separator: "/")
        let to = path.split(separator: "/")
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        guard common > 0 else { return path }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init))
            .joined(separator: "/")
    }

    static func normalise(_ path: String) -> String {
        // Most paths are already clean; splitting them costs more than the rest of reading the file.
        if isClean(path) { return path }
        var parts: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Whether an absolute path has no `.`, `..` or empty components, scanning bytes.
    static func isClean(_ path: String) -> Bool {
        var previous: UInt8 = 0
        var first = true
        for byte in path.utf8 {
            if first {
                if byte != UInt8(ascii: "/") { return false }
                first = false
            } else if previous == UInt8(ascii: "/") && (byte == UInt8(ascii: "/") || byte == UInt8(ascii: ".")) {
                return false
            }
            previous = byte
        }
        return !first && previous != UInt8(ascii: "/")
    }

    /// Every file under `directory` (relative to `base`), sorted, with paths as `directory/...`.
    /// Whether a path names a SQL file: `.sql` in any case (`V1__init.SQL`).
    /// Whether a path is a migration to check: an `.sql` file, but not the down half of a pair
    /// (golang-migrate's `1_users.down.sql`, diesel's `down.sql`), which runs only to take one back.
    static func isSQL(_ path: String) -> Bool {
        let lower = path.lowercased()
        guard lower.hasSuffix(".sql") else { return false }
        return !lower.hasSuffix(".down.sql") && lower != "down.sql" && !lower.hasSuffix("/down.sql")
            && !isFlywayUndo(path)
    }

    /// Flyway's undo migration, `U<version>__<description>.sql` (`U5__undo.sql`, `U1.1__x.sql`): it
    /// runs only to take its `V` migration back.
    static func isFlywayUndo(_ path: String) -> Bool {
        let name = Array((path.split(separator: "/").last ?? "").utf8)
        guard name.count > 3, name[0] == UInt8(ascii: "U"), (0x30...0x39).contains(name[1]) else { return false }
        // The version (digits, dots, single underscores) up to the `__` that ends it.
        var index = 2
        while index + 1 < name.count {
            if name[index] == UInt8(ascii: "_") && name[index + 1] == UInt8(ascii: "_") { return true }
            guard
                (0x30...0x39).contains(name[index]) || name[index] == UInt8(ascii: ".")
                    || name[index] == UInt8(ascii: "_")
            else { return false }
            index += 1
        }
        return false
    }

    static func files(under directory: String, base: String) -> [String] {
        let absolute = Self.absolute(directory, in: base)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else { return [] }
        var result: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = directory.hasSuffix("/") ? directory + name : directory + "/" + name
            let childAbsolute = absolute + "/" + name
            // A name ending in .sql is taken to be a file, saving a stat per migration.
            if !isSQL(name) && isDirectory(childAbsolute) {
                result += files(under: child, base: base)
            } else {
                result.append(base == "." || child.hasPrefix("/") ? child : child)
            }
        }
        return result
    }
}
