import Foundation
import HTTPTypes
import Hummingbird
import Logging
import TeamStore

/// The Management API's key check: `X-Api-Key: <token>` as healthchecks' clients send it, or
/// `Authorization: Bearer <token>` as own's do. The key is one of the team's tokens (`own server
/// token add`); its role decides what it may do. Refusals are healthchecks' (`401 {"error": "missing
/// api key"}`, `{"error": "wrong api key"}`).
struct ApiKeyAuthentication: RouterMiddleware {
    typealias Context = ServerContext
    let store: any TeamStore

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let key: String
        if let header = request.headers[HTTPField.Name("X-Api-Key")!] {
            key = header
        } else if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            key = String(header.dropFirst("bearer ".count))
        } else {
            throw APIError(.unauthorized, "missing api key")
        }
        guard let signedIn = try await TokenAuthentication.signIn(key, store: store, context: context) else {
            throw APIError(.unauthorized, "wrong api key")
        }
        return try await next(request, signedIn)
    }
}
