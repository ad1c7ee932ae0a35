import Foundation

/// The executables installed beside `own` that carry the heavy parts (`own-gate`: PostgreSQL's
/// client; `own-post`: SwiftNIO and TLS), so that every other command starts without them.
enum Sibling {
    /// Runs the sibling executable `name` with `arguments`, sharing standard output and error, with
    /// `input` on its standard input; returns its exit status.
    static func run(_ name: String, _ arguments: [String], input: String? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = try executable(name)
        process.arguments = arguments
        let pipe = input.map { _ in Pipe() }
        if let pipe { process.standardInput = pipe }
        do {
            try process.run()
        } catch {
            throw CLIError("cannot run \(process.executableURL?.path ?? name): \(error.localizedDescription)")
        }
        if let pipe, let input {
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try? pipe.fileHandleForWriting.close()
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// `name` in the folder of the running executable, where `swift build` and an install put it.
    static func executable(_ name: String) throws -> URL {
        let folder = Bundle.main.executableURL?.resolvingSymlinksInPath().deletingLastPathComponent()
        guard let candidate = folder?.appendingPathComponent(name),
            FileManager.default.isExecutableFile(atPath: candidate.path)
        else {
            throw CLIError(
                "\(name) is not installed beside own (in \(folder?.path ?? "its folder")); "
                    + "`swift build -c release` builds it, and it goes wherever own goes"
            )
        }
        return candidate
    }
}
