import HTTPTypes
import Hummingbird
import Mustache
import OwnCore
import TeamStore

/// A refusal on a dashboard page, answered as a small HTML page that says what to do.
enum DashboardError: Error, HTTPResponseError {
    case notFound
    case forbidden(String)
    case badRequest(String)
    /// The store did not answer in time (PostgreSQL down): try again shortly.
    case unavailable(String)
    /// Any other refusal, by its status alone.
    case status(HTTPResponse.Status)

    var status: HTTPResponse.Status {
        switch self {
        case .notFound: .notFound
        case .forbidden: .forbidden
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        case .status(let status): status
        }
    }

    var message: String {
        switch self {
        case .notFound: "There is no such page."
        case .forbidden(let message), .badRequest(let message), .unavailable(let message): message
        case .status(let status): status.reasonPhrase
        }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        response(from: request, caller: nil)
    }

    /// The page; with the signed-in `caller` (a refusal under a team's pages), the header every page
    /// has: the team's links, who is signed in, a sign-out with its token.
    func response(from request: Request, caller: TokenRecord?) -> Response {
        // A session leads back to its board (a revoked one's board signs in again); no session, to
        // the sign-in form.
        let secret = DashboardSession.secret(request)
        var values: [String: Any] = ["title": status.reasonPhrase, "message": message]
        if let caller, let secret {
            let team = "/teams/" + caller.team + "/"
            values.merge(
                [
                    "signedIn": true, "team": caller.team, "me": caller.person, "role": caller.role.rawValue,
                    "csrf": DashboardSession.csrf(forSecret: secret), "boardHref": team,
                    "approvalsHref": team + "approvals", "monitorsHref": team + "monitors",
                ],
                uniquingKeysWith: { $1 }
            )
        } else {
            values["backToBoard"] = secret != nil
        }
        let page = DashboardTemplates.library.render(values, withTemplate: "error")
        return DashboardResponse.html(TextEscaping.bidiEscaped(page ?? message), status: status)
    }
}
