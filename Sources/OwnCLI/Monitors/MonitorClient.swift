import ArgumentParser
import Foundation
import OwnCore
import OwnGit

/// How the monitor commands reach the team server named by `own remote` or the configuration's
/// `[remote]`: each request goes through
/// the sibling `own-post` (as `own sync`'s do), so `own` itself loads no network library. The checks
/// are healthchecks' Management API v3 (`/api/v3/checks/`), with the remote's token as the key.
struct MonitorClient {
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

    /// The team's check a person names by its slug or its name; an error naming it when none.
    func check(_ name: String) throws -> [String: JSONValue] {
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? name
        let bySlug = try json("GET", "/api/v3/checks/?slug=\(encoded)").objectValue?["checks"]?.arrayValue ?? []
        if let found = bySlug.first?.objectValue { return found }
        let all = try json("GET", "/api/v3/checks/").objectValue?["checks"]?.arrayValue ?? []
        if let found = all.compactMap(\.objectValue).first(where: { $0["name"]?.stringValue == name }) {
            return found
        }
        throw CLIError("the team has no monitor \"\(name)\"; `own monitor list` lists them")
    }

    /// Acts on the check a person names (`method` on `/api/v3/checks/<uuid>` + `suffix`) and
    /// returns its slug, or the name given when the answer has none.
    func act(_ method: String, on name: String, suffix: String = "") throws -> String {
        let uuid = try check(name)["uuid"]?.stringValue ?? ""
        let check = try json(method, "/api/v3/checks/\(uuid)" + suffix).objectValue ?? [:]
        return check["slug"]?.stringValue ?? name
    }
}
