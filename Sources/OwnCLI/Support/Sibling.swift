import Foundation
import OwnGit

/// The executables installed beside `own` that carry the heavy parts (`own-gate`: PostgreSQL's
/// client; `own-post`: SwiftNIO and TLS), so that every other command starts without them.
enum Sibling {
    /// Runs the sibling executable `name` with `arguments`, sharing standard output and error, with
    /// `input` on its standard input; returns its exit status.
    static func run(_ name: String, _ arguments: [String], input: String? = nil) throws -> Int32 {
        let path = try executable(name)
        do {
            return try Spawn.run(path, arguments, input: input.map { Data($0.utf8) }).status
        } catch {
            throw CLIError(error.description)
        }
    }

    /// Replaces this process with the sibling `name` (for a server: signals then reach it
    /// directly); returns only by throwing, when it cannot be started.
    static func exec(_ name: String, _ arguments: [String]) throws -> Never {
        let path = try executable(name)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw CLIError("cannot run \(path): \(String(cString: strerror(errno)))")
    }

    /// `name` in the folder of the running executable, where `swift build` and an install put it.
    static func executable(_ name: String) throws -> String {
        // /proc/self/exe is the executable with every symbolic link resolved.
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        let path = count > 0 ? String(cString: buffer) : CommandLine.arguments[0]
        let folder = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
        let candidate = folder + "/" + name
        guard access(candidate, X_OK) == 0 else {
            throw CLIError(
                "\(name) is not installed beside own (in \(folder)); "
                    + "`swift build -c release` builds it, and it goes wherever own goes"
            )
        }
        return candidate
    }
}
