import Foundation
import NIOHTTP1
import OwnOutput
import OwnPost

// `own-post URL TIMEOUT-SECONDS < PAYLOAD`: posts a report to a webhook for `own … --post`.
// `own-post --api METHOD URL TIMEOUT-SECONDS TOKEN-FILE < BODY`: one request to the team server for
// `own sync`, its answer on standard output.
// It is its own executable so that SwiftNIO and BoringSSL load only when something is sent, not at
// the start of every `own` command. Exit status: 0 delivered, 1 not delivered, 2 not a usable address
// (and, with --api, a request the server refused as input: 4xx other than 401 and 403), 3 with --api
// when the server did not accept the token (401), 4 with --api when it found the body too large (413),
// 5 with --api when the server could not answer it (5xx: its store down, say).
let arguments = CommandLine.arguments
if arguments.count == 6, arguments[1] == "--api", let timeout = Double(arguments[4]),
    WebhookPoster.takes(timeout: timeout)
{
    exit(await api(method: arguments[2], address: arguments[3], timeout: timeout, tokenFile: arguments[5]))
}
guard arguments.count == 3, let timeout = Double(arguments[2]), WebhookPoster.takes(timeout: timeout) else {
    StandardError.write(
        "usage: own-post URL TIMEOUT-SECONDS < PAYLOAD\n       own-post --api GET|POST URL TIMEOUT-SECONDS TOKEN-FILE < BODY\n"
            + "TIMEOUT-SECONDS: more than 0, at most 86400\n"
    )
    exit(2)
}
let payload = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
do {
    try await WebhookPoster(timeoutSeconds: timeout).post(payload, to: arguments[1])
    exit(0)
} catch {
    StandardError.message(error.description)
    if case .badAddress = error { exit(2) }
    exit(1)
}

/// One request to the team server with the token in the file as its bearer; the answer's body goes
/// to standard output. A refusal prints the server's own one-line reason.
func api(method: String, address: String, timeout: Double, tokenFile: String) async -> Int32 {
    guard let data = FileManager.default.contents(atPath: tokenFile),
        let token = String(data: data, encoding: .utf8)?.trimmingCharacters(in: .whitespacesAndNewlines),
        !token.isEmpty
    else {
        let why =
            !FileManager.default.fileExists(atPath: tokenFile)
            ? "no such file"
            : FileManager.default.isReadableFile(atPath: tokenFile) ? "it holds no token" : "it cannot be read"
        StandardError.message(
            "cannot read a token from \(tokenFile) (\(why)): put the token a lead gave you in it, or point "
                + "`own remote URL --token-file FILE` at the file that holds it"
        )
        return 2
    }
    // Sent as read: a ping's body may be any bytes, and decoding them as text would change some.
    let body = method == "GET" || method == "DELETE" ? [] : [UInt8](FileHandle.standardInput.readDataToEndOfFile())
    let request = WebhookPoster.Request(
        method: method == "GET" ? .GET : method == "DELETE" ? .DELETE : .POST,
        body: body,
        contentType: "application/x-ndjson",
        authorization: "Bearer " + token
    )
    do {
        let answer = try await WebhookPoster(timeoutSeconds: timeout).send(request, to: address)
        FileHandle.standardOutput.write(Data(answer))
        return 0
    } catch {
        let message: String =
            switch error {
            case .refused(let host, let status, let answer)
            where status == 401 && isTeamServers(answer, address: address):
                // What to do, where the server's words do not say it ("wrong api key"): whose token file.
                "\(host) answered HTTP 401: " + reason(answer)
                    + (reason(answer).contains("ask a lead")
                        ? " (the token in \(tokenFile))"
                        : "; the token in \(tokenFile) is not one it knows (revoked, or for another server): ask a "
                            + "lead for a new one (`own server token add`) and point `own remote URL --token-file "
                            + "FILE` at it")
            case .refused(let host, let status, let answer):
                "\(host) answered HTTP \(status): " + reason(answer)
                    + (isTeamServers(answer, address: address)
                        ? ""
                        : " (that is not the team server's answer: check the address `own remote` shows, with no "
                            + "path after it)")
            case .badAddress:
                "the remote is not an http:// or https:// URL; set it with `own remote URL --token-file FILE`"
            case .timedOut(let host):
                "the team server at \(host) did not answer in time (\(Int(timeout)) s), twice; try again later, "
                    + "or give a longer --timeout"
            case .unreachable(let host, let reason):
                // With its port: a server on another port than the one set is the usual cause.
                "cannot reach the team server at \(URLComponents(string: address)?.port.map { "\(host):\($0)" } ?? host) "
                    + "(\(reason)); check that it runs there, at the address `own remote` shows"
            case .untrusted(let host, _) where error.speaksPlainHTTP:
                "the team server at \(host) does not speak TLS: give its address as http:// "
                    + "(`own remote http://…`), or put TLS in front of it"
            case .untrusted(let host, let reason):
                "the TLS connection to \(host) failed (\(reason)); its certificate is not trusted"
            case .noAnswer(let host, let reason):
                "the team server at \(host) closed the connection without an answer (\(reason)), twice; try again "
                    + "later, and check the address `own remote` shows"
            }
        StandardError.message(message)
        // The refusal's JSON on standard output too: `own sync` reads which event it was about.
        if case .refused(_, _, let answer) = error { FileHandle.standardOutput.write(Data(answer.utf8)) }
        if case .badAddress = error { return 2 }
        // What the request asked was refused as input (a bad value, no such check, a slug in use):
        // the command's input error, as `own` exits 2 for its own. Keys and roles, and the server's
        // own trouble, are not the input's.
        // Too large: `own sync` sends it again in smaller pushes.
        if case .refused(_, 413, _) = error { return 4 }
        if case .refused(_, let status, _) = error, (400..<500).contains(status), status != 401, status != 403 {
            return 2
        }
        // No request with this token will be answered: `own sync` does not go on to pull.
        if case .refused(_, 401, _) = error { return 3 }
        // The server's own trouble: every request would meet it alike, and `own sync` stops there.
        if case .refused(_, let status, _) = error, status >= 500 { return 5 }
        return 1
    }
}

/// Whether a refusal is the team server's: its API refuses with one line of JSON with an `error` (its
/// ping URLs, as healthchecks', with plain text).
func isTeamServers(_ answer: String, address: String) -> Bool {
    !address.contains("/api/")
        || (try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])?["error"] is String
}

/// The reason in a refusal's body: the API's JSON `error`, or a plain-text body's first line (the ping
/// URLs answer as healthchecks does, `invalid uuid format`), at most 200 characters.
func reason(_ answer: String) -> String {
    if let error = (try? JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any])?["error"] as? String {
        return error
    }
    let line = answer.split(whereSeparator: \.isNewline).first.map(String.init)?.trimmingCharacters(in: .whitespaces)
    guard let line, !line.isEmpty, !line.hasPrefix("<"), !line.hasPrefix("{") else { return "no reason given" }
    // Control characters left out: the server's text goes to a terminal.
    return String(
        String.UnicodeScalarView(
            line.prefix(200).unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }
        )
    )
}
