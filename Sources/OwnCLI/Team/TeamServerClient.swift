import ArgumentParser
import Foundation
import OwnCore
import OwnGit
import OwnOutput

/// How the commands that talk to the team server (`own sync`, `own inbox`, the monitor commands)
/// reach the one named by `own remote` or the configuration's `[remote]`: each request goes through
/// the sibling `own-post`, so `own` itself loads no network library, with the remote's token.
struct TeamServerClient {
    let url: String
    let tokenFile: String
    let timeout: Double
    let poster: String

    /// The client of this ledger's remote; an error that says how to set one when there is none.
    init(options: GlobalOptions.Values, timeout: Double) throws {
        guard
            let state = try RemoteState.current(
                options,
                environment: ProcessInfo.processInfo.environment
            ).remote
        else { throw CLIError(RemoteState.missing) }
        try self.init(remote: state, timeout: timeout)
    }

    /// The client of a remote already read (`own sync` keeps its cursors).
    init(remote: RemoteState, timeout: Double) throws {
        url = remote.url
        tokenFile = remote.tokenFile
        Own.Remote.warnIfOthersRead(tokenFile: tokenFile)
        self.timeout = timeout
        poster = try Sibling.executable("own-post")
    }

    /// A refusal by the server that answered: of one event (`"event"` in its JSON answer), or of the
    /// whole request for a reason other than its token (`event` nil; `own-post` printed the reason).
    struct Refusal: Error {
        var event: String?
        var reason: String
        /// Refused as larger than the server takes (413): nothing printed; a push sends less.
        var tooLarge = false
    }

    /// One request; the answer's body. A refusal has been printed by `own-post` (one line, the
    /// server's reason) and ends the command with its status.
    func request(_ method: String, _ path: String, body: String? = nil) throws -> String {
        try request(method, path, bytes: Data((body ?? "").utf8))
    }

    /// One request whose body is bytes sent as they are (a ping's body need not be text).
    func request(_ method: String, _ path: String, bytes: Data) throws -> String {
        switch try attempt(method, path, bytes: bytes) {
        case .success(let answer): return answer
        case .failure(let refusal):
            if refusal.tooLarge {
                StandardError.message(refusal.reason)
                throw ExitCode(2)
            }
            guard let event = refusal.event else { throw ExitCode(1) }
            throw CLIError("the team server refused event \(event): \(refusal.reason)")
        }
    }

    /// One request whose refusal by the server is an answer (`own sync` holds a refused event back and
    /// pushes the rest, and still pulls after a push refused as a whole); a server not reached, a
    /// token not accepted or a request refused as input prints `own-post`'s reason and ends the command.
    func attempt(_ method: String, _ path: String, bytes: Data) throws -> Result<String, Refusal> {
        let result: Spawn.Result
        do {
            result = try Spawn.run(
                poster,
                ["--api", method, url + path, String(timeout), tokenFile],
                input: bytes,
                captureOutput: true,
                captureError: true
            )
        } catch {
            throw CLIError(error.description)
        }
        if result.status == 0 { return .success(result.output) }
        let refusal = (try? JSONParser.parse(result.output))?.objectValue
        if let event = refusal?["event"]?.stringValue, let reason = refusal?["error"]?.stringValue {
            return .failure(Refusal(event: event, reason: reason))
        }
        if result.status == 4 {
            var reason = Substring(result.error.trimming(.newlines))
            if reason.hasPrefix("own: ") { reason = reason.dropFirst(5) }
            return .failure(Refusal(event: nil, reason: String(reason), tooLarge: true))
        }
        // `own-post` said why, in one line.
        StandardError.write(result.error)
        // The server could not answer (5xx): the next request would meet the same, so the command ends
        // here, said once (a sync printed it for its push, then again for its pull).
        if result.status == 5 { throw ExitCode(1) }
        if result.status == 1, let reason = refusal?["error"]?.stringValue {
            return .failure(Refusal(event: nil, reason: reason))
        }
        throw ExitCode(result.status == 2 ? 2 : 1)
    }

    /// A JSON answer.
    func json(_ method: String, _ path: String, body: JSONValue? = nil) throws -> JSONValue {
        let answer = try request(method, path, body: body.map(JSONWriter.string))
        do {
            return try JSONParser.parse(answer)
        } catch {
            throw CLIError("the team server sent an answer this own cannot read: \(error)")
        }
    }
}
