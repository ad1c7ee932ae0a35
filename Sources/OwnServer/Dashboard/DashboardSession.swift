import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OwnCore
import TeamStore

/// The dashboard's session: the `own_session` cookie holds the token a person signed in with
/// (`HttpOnly`, `SameSite=Lax`, `Secure` when the request came over https), so revoking the token
/// ends every session it opened, on every server. On the team's pages it puts the token's record
/// in the context; without a working token it sends the browser to sign in, and a team that is not
/// the token's answers 404, as if it did not exist.
struct DashboardSession: RouterMiddleware {
    typealias Context = ServerContext
    let store: any TeamStore

    static let cookie = "own_session"
    static let signInCookie = "own_sign_in"

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        guard let record = try await Self.signedIn(request, store: store) else {
            return DashboardResponse.redirect("/sign-in", cookies: [Self.clearing(Self.cookie, request)])
        }
        guard context.parameters.get("team") == record.team else {
            throw DashboardError.notFound
        }
        var context = context
        context.caller = record
        context.logger[metadataKey: "team"] = .string(record.team)
        context.logger[metadataKey: "person"] = .string(record.person)
        do {
            return try await next(request, context)
        } catch let error as DashboardError {
            // Refused under the team's pages: the page keeps its header, with who is signed in.
            return error.response(from: request, caller: record)
        }
    }

    /// The record of the working (known, not revoked) token the request's session holds, if any.
    static func signedIn(_ request: Request, store: any TeamStore) async throws -> TokenRecord? {
        guard let secret = secret(request) else { return nil }
        return try await TokenAuthentication.liveToken(secret, store: store)?.token
    }

    /// The token in the session cookie, if any.
    static func secret(_ request: Request) -> String? {
        guard let value = cookie(named: cookie, in: request), !value.isEmpty else { return nil }
        return value
    }

    /// The CSRF token of a session: derived from its token, so no server keeps it, and no one
    /// without the token can work it out.
    static func csrf(forSecret secret: String) -> String {
        TokenSecret.hash("own-dashboard-csrf:" + secret)
    }

    /// Whether a form carries the CSRF token of the request's session.
    static func checkCSRF(_ request: Request, _ form: FormBody) throws {
        guard let sent = form["csrf"], !sent.isEmpty else { throw DashboardError.forbidden(missingToken) }
        guard let secret = secret(request), constantTimeEqual(sent, csrf(forSecret: secret)) else {
            throw DashboardError.forbidden(staleToken)
        }
    }

    /// What a form without its CSRF token, and one with a token not of this session, are told.
    static let missingToken = "The form is missing its security token; reload the page and try again."
    static let staleToken =
        "The form's security token is not this session's (signed out or in again since the page loaded); "
        + "reload the page and try again."

    /// A cookie's value from the `Cookie` header.
    static func cookie(named name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimming(.spaces) == name {
                    return String(parts[1]).trimming(.spaces)
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` value for a session-long cookie; `Secure` when the browser reached the server
    /// over https, or the server's `--public-url` says it is reached so (a proxy that does not say
    /// `X-Forwarded-Proto` sent the session's token without it).
    static func setting(_ name: String, _ value: String, _ request: Request, publicURL: String?) -> String {
        "\(name)=\(value); Path=/; HttpOnly; SameSite=Lax" + (isSecure(request, publicURL) ? "; Secure" : "")
    }

    /// A `Set-Cookie` value that removes a cookie.
    static func clearing(_ name: String, _ request: Request, publicURL: String? = nil) -> String {
        "\(name)=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" + (isSecure(request, publicURL) ? "; Secure" : "")
    }

    /// Whether a cookie must go over https only: the request came so, or the public URL is https.
    static func isSecure(_ request: Request, _ publicURL: String?) -> Bool {
        isHTTPS(request) || publicURL?.lowercased().hasPrefix("https://") == true
    }

    /// Whether the browser reached the server over TLS: directly, or through a proxy that says so.
    static func isHTTPS(_ request: Request) -> Bool {
        // A chain of proxies lists each hop's protocol, the client's first (`https, http`).
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.split(separator: ",").first
        return request.uri.scheme == .https
            || forwarded?.trimming(.spaces).lowercased() == "https"
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8)
        let right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
