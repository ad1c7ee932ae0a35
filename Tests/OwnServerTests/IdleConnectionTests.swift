import Foundation
import Hummingbird
import Logging
import TeamStore
import Testing

@testable import OwnServer

/// A connection that sends nothing, or never finishes a request's head (slowloris), is closed after
/// the configured idle time: each one held open for ever, and enough of them take every file the
/// process may open.
@Suite("Idle connections are closed")
struct IdleConnectionTests {
    /// Connects to 127.0.0.1:`port`, sends `bytes`, and returns how long the server took to close the
    /// connection (nil: not closed within 10 s).
    static func closedAfter(port: Int, sending bytes: String) -> Duration? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var wait = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &wait, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }
        let started = ContinuousClock.now
        _ = bytes.utf8CString.withUnsafeBufferPointer { send(descriptor, $0.baseAddress, bytes.utf8.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 512)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            if count == 0 { return ContinuousClock.now - started }
            if count < 0 { return nil }
        }
    }

    @Test func aConnectionThatNeverFinishesARequestIsClosed() async throws {
        let folder = NSTemporaryDirectory() + "own-idle-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteTeamStore(path: folder + "/store.sqlite")
        var configuration = ServerConfiguration(port: 0)
        configuration.idleTimeout = 1
        let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
        let app = TeamServer.application(
            store: store,
            configuration: configuration,
            logger: Logger(label: "idle-test"),
            onRunning: { portSink.yield($0) }
        )
        let running = Task { try await app.runService() }
        defer { running.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        for (what, bytes) in [("nothing", ""), ("half a head", "GET /health HTTP/1.1\r\nHost: x\r\n")] {
            let closed = try #require(Self.closedAfter(port: port, sending: bytes), "\(what): not closed in 10 s")
            #expect(closed < .seconds(5), "\(what): closed after \(closed)")
        }
        // A whole request is answered, and the connection kept alive for the next one meanwhile.
        let answered = Self.closedAfter(port: port, sending: "GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(answered != nil, "idle after its answer, it is closed too")
    }
}
