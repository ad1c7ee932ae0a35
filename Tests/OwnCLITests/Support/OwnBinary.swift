import Foundation
import OwnGit
import Testing

/// What a run of the `own` executable printed and returned.
struct Run {
    var code: Int32
    var stdout: String
    var stderr: String
}

/// Runs the built `own` executable as a user would, on a ledger of its own in a temporary folder,
/// with a fixed identity and no configuration from the machine.
final class OwnBinary: Sendable {
    let folder: String
    let environment: [String: String]

    var ledger: String { folder + "/ledger.sqlite" }

    /// The executable next to the test bundle (`swift build` puts both in the same products folder).
    static let executable: String = {
        if let path = ProcessInfo.processInfo.environment["OWN_BINARY"] { return path }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("own").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/own")
            .path
    }()

    init(user: String = "ana", now: String? = "2026-11-27T16:00:00Z", extra: [String: String] = [:]) {
        folder = NSTemporaryDirectory() + "own-cli-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder,
            "XDG_CONFIG_HOME": folder + "/config",
            "XDG_DATA_HOME": folder + "/data",
            "OWN_USER": user,
        ]
        environment["OWN_DB"] = folder + "/ledger.sqlite"
        if let now { environment["OWN_NOW"] = now }
        environment.merge(extra) { $1 }
        self.environment = environment
    }

    deinit {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `own` with arguments, optional standard input and extra environment. Its result is for
    /// the test to check: a step that only sets the scene is `succeeds`.
    func callAsFunction(_ arguments: String..., stdin: String? = nil, environment extra: [String: String] = [:]) -> Run
    {
        run(arguments, stdin: stdin, environment: extra)
    }

    /// Runs `own` as a step that must work (exit 0), recording an issue where it was called when it
    /// does not: a set-up step that failed without a word would leave the test proving nothing.
    @discardableResult
    func succeeds(
        _ arguments: String...,
        stdin: String? = nil,
        environment extra: [String: String] = [:],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> Run {
        let result = run(arguments, stdin: stdin, environment: extra)
        #expect(
            result.code == 0,
            "own \(arguments.joined(separator: " ")) exited \(result.code): \(result.stderr)",
            sourceLocation: sourceLocation
        )
        return result
    }

    /// Runs `executable` (`own` unless said) with only this binary's environment plus `extra`, and
    /// standard input `stdin` (empty when nil). It starts the child as `own` starts git, with
    /// posix_spawn: Foundation's `Process.run` reads past a directory entry when it lists the open
    /// descriptors, and crashed the test process when a full suite held ~1,360 of them.
    func run(
        _ arguments: [String],
        stdin: String? = nil,
        environment extra: [String: String] = [:],
        executable: String = OwnBinary.executable
    ) -> Run {
        do {
            let result = try Spawn.run(
                executable,
                arguments,
                input: Data((stdin ?? "").utf8),
                environment: environment.merging(extra) { $1 },
                onlyThisEnvironment: true,
                captureOutput: true,
                captureError: true
            )
            return Run(code: result.status, stdout: result.output, stderr: result.error)
        } catch {
            return Run(code: -1, stdout: "", stderr: "cannot start \(executable): \(error)")
        }
    }

    /// Runs a shell command line in this environment, with `$OWN` naming the executable.
    func shell(_ line: String) -> Run {
        run(["-c", line], environment: ["OWN": Self.executable], executable: "/bin/sh")
    }

    /// A copy of this ledger in a folder of its own in the test's folder, `folder/ledger.sqlite`, as a
    /// backup takes it: the file alone, without SQLite's `-wal` and `-shm` beside it.
    func copyOfLedger(in name: String) throws -> (folder: String, copy: String) {
        let folder = self.folder + "/" + name
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let copy = folder + "/ledger.sqlite"
        let imported = run(["import", file(name + ".jsonl", run(["export"]).stdout), "--db", copy])
        if imported.code != 0 { Issue.record("cannot copy the ledger: \(imported.stderr)") }
        for suffix in ["-wal", "-shm"] { unlink(copy + suffix) }
        return (folder, copy)
    }

    /// Writes a file in the test's folder and returns its path.
    func file(_ name: String, _ text: String) -> String {
        let path = folder + "/" + name
        // A setup step checks its result: a test must not go on with a file that is not there.
        if !FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) {
            Issue.record("cannot write the test file \(path)")
        }
        return path
    }
}
