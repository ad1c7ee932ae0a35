public import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `own gate`: the migration gate. It lives in the `own-gate` executable beside `own` (so everyday
/// commands do not link PostgresNIO); this command hands it every argument unchanged.
public struct GateCommand: ParsableCommand {
    /// The command's name; help is the gate's own (`own gate --help`).
    public static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Check PostgreSQL migrations before they deploy (see own gate --help).",
        helpNames: []
    )

    /// Everything after `gate`, passed through.
    @Argument(parsing: .captureForPassthrough)
    public var arguments: [String] = []

    /// Creates the command (argument parser).
    public init() {}

    /// Replaces this process with `own-gate ARGUMENTS`.
    public func run() throws {
        guard let path = Self.gateExecutable() else {
            throw CLIError("own-gate is missing beside own; build it with swift build (or put own-gate on PATH)")
        }
        var argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) }
        argv.append(nil)
        execv(path, argv)
        throw CLIError("cannot run \(path): \(String(cString: strerror(errno)))")
    }

    /// `own-gate` next to the running `own`, else on PATH.
    static func gateExecutable() -> String? {
        var candidates: [String] = []
        if let own = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((own as NSString).deletingLastPathComponent + "/own-gate")
        }
        let invoked = CommandLine.arguments.first ?? ""
        if invoked.contains("/") { candidates.append((invoked as NSString).deletingLastPathComponent + "/own-gate") }
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            candidates.append("\(directory)/own-gate")
        }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
