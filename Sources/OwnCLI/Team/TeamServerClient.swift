import ArgumentParser
import Foundation
import OwnCore
import OwnGit

/// How the commands that talk to the team server (`own inbox`, the monitor commands) reach the one
/// named by `own remote` or the configuration's `[remote]`: each request goes through the sibling
/// `own-post` (as `own sync`'s do), so `own` itself loads no network library, with the remote's
/// token.
struct TeamServerClient {
    let url: String
    let tokenFile: String
    let timeout: Double
    let poster: String

    /// The client of this ledger's remote; an error that says how to set one when there is none.
    init(global: GlobalOptions, timeout: Double) throws {
        guard
            let state = try RemoteState.current(
                global.values,
                environment: ProcessInfo.processInfo.environment
            ).remote
        else { throw CLIError(RemoteState.missing) }
        url = state.url
        tokenFile = state.tokenFile
        self.timeout = timeout
        poster = try Sibling.executable("own-post")
    }

    /// One request; the answer's body. A refusal has been printed by `own-post` (one line, the
    /// server's reason) and ends the command with its status.
    func request(_ method: String, _ path: String, body: String? = nil) throws -> String {
        let result: Spawn.Result
        do {
            result = try Spawn.run(
                poster,
                ["--api", method, url + path, String(timeout), tokenFile],
                input: body ?? "",
                captureOutput: true
            )
        } catch {
            throw CLIError(error.description)
        }
        if result.status != 0 { throw ExitCode(result.status == 2 ? 2 : 1) }
        return result.output
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
