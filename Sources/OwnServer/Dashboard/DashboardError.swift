import HTTPTypes
import Hummingbird
import Mustache

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
        // A session leads back to its board (a revoked one's board signs in again); no session, to
        // the sign-in form.
        let page = DashboardTemplates.library.render(
            ["title": status.reasonPhrase, "message": message, "signedIn": DashboardSession.secret(request) != nil],
            withTemplate: "error"
        )
        return DashboardResponse.html(page ?? message, status: status)
    }
}
