import Foundation
import OwnCLI

/// Whether the server can listen where it is asked to, found out before the store is opened (or
/// created): a port in use was NIO's raw bind error, after a new store's file was written.
enum ListenCheck {
    /// Binds a socket to `host:port` and closes it; throws a one-line error when that fails, port 0
    /// (a free one) included: a host that is not known, or not this machine's, was NIO's raw error,
    /// after a new store's file was written.
    static func check(host: String, port: Int) throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let resolved = getaddrinfo(host, String(port), &hints, &found)
        guard resolved == 0, let address = found else {
            throw CLIError(
                "cannot listen on \(host):\(port): no such host (\(String(cString: gai_strerror(resolved)).lowercased())); "
                    + "give --host an address of this machine (default 127.0.0.1)"
            )
        }
        defer { freeaddrinfo(found) }
        let socket = Foundation.socket(address.pointee.ai_family, address.pointee.ai_socktype, 0)
        guard socket >= 0 else { return }
        defer { close(socket) }
        // As the server binds: a port left in TIME_WAIT by a server just stopped can be taken again.
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) != 0 else { return }
        let advice =
            switch errno {
            case EADDRINUSE: "the port is in use; stop what listens there, or pass another --port (0 picks a free one)"
            case EADDRNOTAVAIL: "this machine has no such address; give --host one of its own (default 127.0.0.1)"
            case EACCES: "ports below 1024 need more rights; pass a --port from 1024"
            default: String(cString: strerror(errno)).lowercased()
            }
        throw CLIError("cannot listen on \(host):\(port): \(advice)")
    }
}
