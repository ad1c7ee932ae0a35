import Foundation
import HummingbirdTesting
import NIOCore

/// What a running `own-server`'s `/metrics` says of its background services' passes
/// (`own_service_passes_total`): a test that must know a pass began and ended after what it did
/// waits on these counts, never on the clock.
enum ServicePassCounts {
    /// The passes each service of the server on `port` has completed, by service name.
    static func read(port: Int) async throws -> [String: Int] {
        let text = try await TestClient.withServer(port: port) { client in
            let response = try await client.get("/metrics")
            return response.body.map { String(buffer: $0) } ?? ""
        }
        return parse(text)
    }

    /// The counts in a `/metrics` text.
    static func parse(_ text: String) -> [String: Int] {
        let prefix = #"own_service_passes_total{service=""#
        var counts: [String: Int] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix(prefix) {
            let rest = line.dropFirst(prefix.count)
            guard let quote = rest.firstIndex(of: "\""), let space = rest.lastIndex(of: " "),
                let value = Double(rest[rest.index(after: space)...])
            else { continue }
            counts[String(rest[..<quote])] = Int(value)
        }
        return counts
    }

    /// Waits until `service` has completed `more` passes on each server in `ports`, counted from
    /// now. Two passes make sure one began after this call: the first may have been under way.
    static func wait(for service: String, more: Int = 2, on ports: [Int]) async throws {
        var targets: [Int: Int] = [:]
        for port in ports { targets[port] = (try await read(port: port)[service] ?? 0) + more }
        try await wait(for: service, targets: targets)
    }

    /// Waits until `service` has completed `count` passes in all on each server in `ports`.
    static func wait(for service: String, reaching count: Int, on ports: [Int]) async throws {
        try await wait(for: service, targets: Dictionary(uniqueKeysWithValues: ports.map { ($0, count) }))
    }

    /// Counted, not timed: the servers are read every 20 ms (the pace of the reads) for as long as
    /// the passes take, however busy the machine. A server that stopped fails the read at once (its
    /// port refuses), and a pass that never comes is a hang that `scripts/test`'s limit ends.
    private static func wait(for service: String, targets: [Int: Int]) async throws {
        while try await !reached(service, targets) {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Whether every server has completed its target count of `service` passes.
    private static func reached(_ service: String, _ targets: [Int: Int]) async throws -> Bool {
        for (port, target) in targets where try await read(port: port)[service] ?? 0 < target { return false }
        return true
    }
}
