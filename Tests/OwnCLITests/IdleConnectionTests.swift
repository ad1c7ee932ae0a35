import Foundation
import Testing

/// A connection that sends nothing, or never finishes a request's head (slowloris), is closed after
/// `--idle-timeout`: each one was held open for ever, and enough of them take every file the process
/// may open.
@Suite("Idle connections to the team server are closed")
struct IdleConnectionTests {
    @Test func aConnectionThatNeverFinishesARequestIsClosed() throws {
        let server = try LiveServer(arguments: ["--idle-timeout", "1"])
        for (what, bytes) in [("nothing", ""), ("half a head", "GET /health HTTP/1.1\r\nHost: x\r\n")] {
            let connection = try LoopbackConnection(port: server.port)
            if !bytes.isEmpty { try connection.send(bytes) }
            _ = connection.read()  // until the server closes it
            #expect(connection.closedByServer, "\(what): reset, not closed")
        }
        // A whole request is answered, then the connection, idle, is closed too.
        let answered = try LoopbackConnection(port: server.port)
        try answered.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(answered.read().contains(#"{"status":"ok"}"#))
        let own = OwnBinary()
        let bad = own("serve", "--db", own.folder + "/server.sqlite", "--port", "0", "--idle-timeout", "0")
        #expect(bad.code == 2 && bad.stderr.contains("--idle-timeout must be more than 0 seconds"), "\(bad.stderr)")
        #expect(server.stop() == 0)
    }
}
