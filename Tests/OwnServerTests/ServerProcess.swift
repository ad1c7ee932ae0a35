import Foundation
import HummingbirdTesting
import OwnCore

/// The built `own-server`, run as an operator would: administration commands to their end, and
/// `serve` on a free loopback port.
struct ServerProcess {
    /// The executable next to the test bundle (`swift build` puts both in the same products folder).
    static let executable: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("own-server").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug/own-server"
    }()

    /// Runs `own-server ARGUMENTS` to its end: its exit status, standard output and standard error.
    @discardableResult
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: data, as: UTF8.self),
            String(decoding: errorData, as: UTF8.self)
        )
    }

    /// Starts `own-server serve --port 0 ARGUMENTS` and waits for its first line, which names the port.
    /// Its standard error goes to `log` when given. Its clock is the machine's, or starts at `clock`
    /// (its `OWN_NOW`) and runs on from there: a test that dates what it sends by the server's clock
    /// gives one, so it runs at the same instants whenever it runs.
    static func serve(
        _ arguments: [String],
        log: String? = nil,
        clock: Date? = nil
    ) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        // An hour's idle timeout: a test's connection waits while the tests beside it hold both cores
        // (CI saw two waits pass the default 75 s, and the server close their connections).
        process.arguments = ["serve", "--port", "0", "--idle-timeout", "3600"] + arguments
        if let clock {
            process.environment = ProcessInfo.processInfo.environment.merging(
                ["OWN_NOW": Timestamp.format(clock)]
            ) { $1 }
        }
        let output = Pipe()
        process.standardOutput = output
        if let log {
            FileManager.default.createFile(atPath: log, contents: nil)
            process.standardError = FileHandle(forWritingAtPath: log)
        } else {
            process.standardError = FileHandle.nullDevice
        }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw ProcessFailure("own-server stopped before listening: \(text)") }
            text += String(decoding: data, as: UTF8.self)
        }
        let first = text.split(separator: "\n")[0]
        guard let colon = first.lastIndex(of: ":"), let port = Int(first[first.index(after: colon)...]) else {
            throw ProcessFailure("own-server's first line names no port: \(text)")
        }
        return (process, port)
    }

    /// The PostgreSQL the tests may use (`OWN_TEST_POSTGRES_URL`, from `.ci/postgres.sh`); nil when
    /// there is none, and the suites that need it show as skipped.
    static var postgresURL: String? {
        guard let url = ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// `psql` on the test cluster's own database (or `database`), for what a test sets up around
    /// the server.
    static func psql(_ sql: String, database: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", "-q", "-v", "ON_ERROR_STOP=1", database ?? postgresURL ?? "", "-c", sql]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ProcessFailure("psql failed: \(sql)") }
    }

    /// Sends SIGTERM and waits for the process to end; its exit status.
    static func stop(_ process: Process) -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

struct ProcessFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestClient {
    /// A client of a server process on loopback. Its read timeout is a guard against a hang, not a
    /// measure: on two cores, while the whole suite runs in parallel, a request to another process
    /// waited more than the default 15 s once, and the test failed for it. A real hang still ends at
    /// `scripts/test`'s limit.
    static func withServer<Value: Sendable>(
        port: Int,
        _ operation: @escaping @Sendable (TestClient) async throws -> Value
    ) async throws -> Value {
        try await withClient(
            host: "127.0.0.1",
            port: port,
            configuration: .init(timeout: .seconds(300)),
            operation: operation
        )
    }
}
