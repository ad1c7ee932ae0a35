import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A socket listening on a free 127.0.0.1 port that accepts nothing: a port in use, for a test of
/// what a server says when it cannot have it. Closed when released.
final class LoopbackListener {
    private let descriptor: Int32
    let port: Int

    init() throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, length) == 0 && listen(descriptor, 1) == 0
                    && getsockname(descriptor, $0, &length) == 0
            }
        }
        guard bound else {
            close(descriptor)
            throw POSIXError(.EADDRINUSE)
        }
        self.descriptor = descriptor
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Accepts `count` connections on a thread of its own, reads each request whole and closes the
    /// connection unanswered. Bounded: the thread ends with the count, or when the socket is closed.
    func closeUnanswered(_ count: Int) {
        accept(count) { _ in }
    }

    /// Accepts up to `count` connections on a thread of its own and answers each request with
    /// `status` and the JSON `body`, as a server in trouble answers; how many it answered is `answered`.
    /// Bounded as `closeUnanswered`.
    func answer(_ count: Int, status: Int, body: String) {
        let answered = answeredCount
        let reply = Array(
            ("HTTP/1.1 \(status) Trouble\r\nContent-Type: application/json\r\nContent-Length: "
                + "\(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)").utf8
        )
        accept(count) { client in
            // Counted before it is sent: the client, answered, may be done before this thread goes on.
            answered.add()
            _ = reply.withUnsafeBytes { send(client, $0.baseAddress, $0.count, 0) }
        }
    }

    /// Accepts up to `count` connections on a thread of its own, reads each request whole, hands the
    /// connection to `respond` and closes it.
    private func accept(_ count: Int, respond: @escaping @Sendable (Int32) -> Void) {
        let descriptor = descriptor
        Thread.detachNewThread {
            for _ in 0..<count {
                let client = Glibc.accept(descriptor, nil, nil)
                guard client >= 0 else { return }
                var request: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while !Self.isWhole(request) {
                    let read = recv(client, &buffer, buffer.count, 0)
                    guard read > 0 else { break }
                    request += buffer[..<read]
                }
                respond(client)
                close(client)
            }
        }
    }

    /// How many requests `answer` answered.
    var answered: Int { answeredCount.value }
    private let answeredCount = Counter()

    /// A count two threads share.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        func add() { lock.withLock { count += 1 } }
        var value: Int { lock.withLock { count } }
    }

    /// Whether `bytes` hold a request's head and the body its Content-Length announces.
    private static func isWhole(_ bytes: [UInt8]) -> Bool {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let end = text.range(of: "\r\n\r\n") else { return false }
        let length =
            text[..<end.lowerBound].split(separator: "\r\n")
            .first { $0.lowercased().hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return text[end.upperBound...].utf8.count >= length
    }

    deinit { close(descriptor) }
}
