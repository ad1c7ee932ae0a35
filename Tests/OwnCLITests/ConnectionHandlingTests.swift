import Foundation
import Testing

/// What the team server does with a connection whatever the request: closes one the request does not
/// keep, and refuses a body declared too large before it is sent.
@Suite("The team server's connections")
struct ConnectionHandlingTests {
    /// A request that does not keep its connection (HTTP/1.0 without `Connection: keep-alive`, or a
    /// `Connection` header listing `close` among others) has it closed once answered: an HTTP/1.0
    /// client reads to the end of the connection, and waited for the idle timeout.
    @Test func aConnectionNotKeptIsClosedOnceAnsweredAndAKeptOneServesTheNext() throws {
        // Idle connections are closed only after ten minutes: a close seen here is the request's.
        let server = try LiveServer(arguments: ["--idle-timeout", "600"])
        for head in [
            "GET /health HTTP/1.0\r\nHost: x\r\n\r\n",
            "GET /health HTTP/1.1\r\nHost: x\r\nConnection: TE, close\r\nTE: trailers\r\n\r\n",
        ] {
            let connection = try LoopbackConnection(port: server.port)
            try connection.send(head)
            let answer = connection.read()  // until the server closes it
            #expect(answer.contains(#"{"status":"ok"}"#), "\(head): \(answer)")
            #expect(connection.closedByServer, "\(head): reset, not closed")
        }
        let kept = try LoopbackConnection(port: server.port)
        try kept.send("GET /health HTTP/1.0\r\nHost: x\r\nConnection: keep-alive\r\n\r\n")
        #expect(kept.read(until: #"{"status":"ok"}"#).contains("200 OK"))
        try kept.send("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(kept.read().contains(#"{"status":"ok"}"#) && kept.closedByServer)
        #expect(server.stop() == 0)
    }

    /// A body declared larger than `--max-body-bytes` is refused at once: the client heard nothing
    /// until it had sent it all, or until the idle timeout when it had not.
    @Test func aBodyDeclaredTooLargeIsRefusedBeforeItIsSent() throws {
        let server = try LiveServer(arguments: ["--idle-timeout", "600", "--max-body-bytes", "4096"])
        let token = try String(contentsOfFile: server.tokenFile(person: "ana", role: "member"), encoding: .utf8)
        let connection = try LoopbackConnection(port: server.port)
        try connection.send(
            "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + token.trimmingCharacters(in: .whitespacesAndNewlines)
                + "\r\nContent-Length: 999999999\r\n\r\nx"
        )
        let answer = connection.read(until: "}")
        #expect(answer.hasPrefix("HTTP/1.1 413"), "\(answer)")
        #expect(answer.contains("the body is larger than 4096 bytes"), "\(answer)")
        #expect(server.stop() == 0)
    }

    /// A body sent in chunks whose sizes are not what they hold is malformed (400), not too large:
    /// told "larger than 32 MiB", a client split a push of a few bytes.
    @Test func aMalformedChunkedBodyIsABadRequest() throws {
        let server = try LiveServer(arguments: ["--idle-timeout", "600"])
        let token = try String(contentsOfFile: server.tokenFile(person: "ana", role: "member"), encoding: .utf8)
        for chunks in ["zz\r\nabc\r\n0\r\n\r\n", "3\r\nabcdef\r\n0\r\n\r\n"] {
            let connection = try LoopbackConnection(port: server.port)
            try connection.send(
                "POST /api/v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                    + token.trimmingCharacters(in: .whitespacesAndNewlines)
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks
            )
            let answer = connection.read(until: "}")
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(chunks): \(answer)")
            #expect(answer.contains("the body could not be read"), "\(chunks): \(answer)")
        }
        #expect(server.stop() == 0)
    }
}
