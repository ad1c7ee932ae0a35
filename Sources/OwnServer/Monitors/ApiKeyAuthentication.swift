import Foundation
import HTTPTypes
import Hummingbird
import Logging
import OwnCore
import TeamStore

/// The Management API's key check: `X-Api-Key: <token>` as healthchecks' clients send it,
/// `Authorization: Bearer <token>` as own's do, or healthchecks' other way, an `api_key` member in a
/// POST's JSON body (read up to `bodyLimit`, and left for the route to read again). The key is one of the team's tokens (`own server
/// token add`); its role decides what it may do. Refusals are healthchecks' (`401 {"error": "missing
/// api key"}`, `{"error": "wrong api key"}`).
struct ApiKeyAuthentication: RouterMiddleware {
    typealias Context = ServerContext
    let store: any TeamStore
    let bodyLimit: Int

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        var request = request
        let key: String
        if let header = request.headers[HTTPField.Name("X-Api-Key")!] {
            key = header
        } else if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            key = String(header.dropFirst("bearer ".count))
        } else if request.method == .post, let member = try await Self.bodyKey(&request, limit: bodyLimit) {
            key = member
        } else {
            throw APIError(.unauthorized, "missing api key")
        }
        guard let signedIn = try await TokenAuthentication.signIn(key, store: store, context: context) else {
            throw APIError(.unauthorized, "wrong api key")
        }
        return try await next(request, signedIn)
    }

    /// The `api_key` member of a JSON body; the body is collected into the request, which the route
    /// reads as it came.
    private static func bodyKey(_ request: inout Request, limit: Int) async throws -> String? {
        let bytes = try await RequestDecoding.body(request, limit: limit)
        request.body = RequestBody(buffer: ByteBuffer(bytes: bytes))
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return (try? JSONParser.parse(text))?.objectValue?["api_key"]?.stringValue
    }
}
