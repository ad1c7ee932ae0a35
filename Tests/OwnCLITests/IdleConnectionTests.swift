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
        // Out of bounds, refused before anything is made: past 292 years it stopped the server as it
        // started (an audit found), after it had made its store.
        let own = OwnBinary()
        for seconds in ["0", "604801", "9300000000"] {
            let bad = own("serve", "--db", own.folder + "/server.sqlite", "--port", "0", "--idle-timeout", seconds)
            #expect(bad.code == 2, "\(seconds): \(bad.code) \(bad.stderr)")
            #expect(bad.stderr.contains("--idle-timeout must be from 1 to 604800 seconds (a week)"), "\(bad.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: own.folder + "/server.sqlite"))
        #expect(server.stop() == 0)
    }
}
