import Foundation

/// A real HTTP listener on 127.0.0.1, run by Python's http.server in a child process: it answers
/// every POST with 200 (`ok`), 500 (`error`) or, `slow`, with 200 only once the client has hung up
/// (or after a minute), and keeps each request body, so tests see exactly what `own --post` sent and
/// how often.
final class ReportListener: @unchecked Sendable {
    enum Mode: String { case ok, error, slow, tls }

    private let log: String
    private let pid: Int32
    private let mode: Mode
    let port: Int

    var url: String {
        (mode == .tls ? "https" : "http") + "://127.0.0.1:\(port)/services/T000/B000/secret"
    }

    // Foundation's Process learns that a child exited when a descriptor the child holds closes. A
    // listener started as a direct child would hold the descriptors of every `own` other tests run
    // at the same moment, and their exits would never be noticed; so `sh` starts it in the
    // background and exits, and the listener closes every descriptor it inherited before serving.
    static let script = """
        import http.server, os, select, sys
        os.closerange(3, 65536)
        mode, log, certificate = sys.argv[1], sys.argv[2], sys.argv[3]
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get('Content-Length', 0)))
                with open(log, 'ab') as f:
                    f.write(body.replace(b'\\n', b' ') + b'\\n')
                if mode == 'slow':
                    select.select([self.connection], [], [], 60)
                try:
                    self.send_response(500 if mode == 'error' else 200)
                    self.send_header('Content-Length', '2')
                    self.end_headers()
                    self.wfile.write(b'ok')
                except Exception:
                    pass
            def log_message(self, *args):
                pass
        server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        server.daemon_threads = True
        if mode == 'tls':
            import ssl
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(certificate + '.crt', certificate + '.key')
            server.socket = context.wrap_socket(server.socket, server_side=True)
        # The port goes to the test on standard output, which is then closed: the test reads to its
        # end, so it waits for exactly this line, and a listener that died before it ends the wait.
        sys.stdout.write('port %d\\n' % server.server_address[1])
        sys.stdout.flush()
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
        server.serve_forever()
        """

    init(_ mode: Mode, folder: String) throws {
        self.mode = mode
        log = folder + "/requests-\(mode.rawValue).log"
        let certificate = folder + "/listener-\(mode.rawValue)"
        FileManager.default.createFile(atPath: log, contents: nil)
        if mode == .tls {
            // A self-signed certificate: a client that checks certificates must refuse it.
            let openssl = Process()
            openssl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            openssl.arguments = [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                "-keyout", certificate + ".key", "-out", certificate + ".crt",
            ]
            openssl.standardError = FileHandle.nullDevice
            openssl.standardOutput = FileHandle.nullDevice
            try openssl.run()
            openssl.waitUntilExit()
        }
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = [
            "-c", "python3 -c \"$1\" \"$2\" \"$3\" \"$4\" </dev/null 2>/dev/null & echo \"pid $!\"", "sh", Self.script,
            mode.rawValue, log, certificate,
        ]
        let output = Pipe()
        shell.standardOutput = output
        try shell.run()
        // "pid N" from sh and "port N" from the listener, in either order; the read ends when both
        // have closed their output.
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        func number(_ name: String) -> Int? {
            printed.split(separator: "\n").first { $0.hasPrefix(name + " ") }.flatMap {
                Int($0.dropFirst(name.count + 1))
            }
        }
        guard let pid = number("pid").map(Int32.init) else { throw CocoaError(.fileReadUnknown) }
        self.pid = pid
        guard let port = number("port") else {
            kill(pid, SIGTERM)
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
    }

    /// The bodies received, one per request.
    var requests: [String] {
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init)
    }

    /// Stops the listener.
    func stop() {
        kill(pid, SIGKILL)
    }

    deinit {
        stop()
    }
}
