import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to 127.0.0.1, for a test that must choose which bytes of a request the
/// server has before something happens to it.
final class LoopbackConnection {
    private let descriptor: Int32
    /// Whether the last `read` ended because the server closed the connection (not a reset).
    private(set) var closedByServer = false

    /// Connects to `port`. A read waits for as long as the server takes, however busy the machine:
    /// counted, not timed; a server that never answers is a hang that `scripts/test`'s limit ends.
    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    /// Sends all of `text`, in one write when the socket takes it.
    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }

    /// What arrives until `text` has (nil: until the server closes the connection).
    func read(until text: String? = nil) -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while text.map({ !String(decoding: received, as: UTF8.self).contains($0) }) ?? true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            closedByServer = count == 0
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    deinit {
        close(descriptor)
    }
}
