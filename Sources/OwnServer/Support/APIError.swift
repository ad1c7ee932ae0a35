import HTTPTypes
public import Hummingbird
import OwnCore

/// A refusal, answered as one line of JSON (`{"error":"…"}`) that says what to fix.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong and what to do about it.
    public var message: String
    /// The id of the one event a push was refused for, when it was one (`"event"` in the JSON), so a
    /// client can hold that event back and push the rest.
    public var event: String?

    /// A refusal with a status and a message, and the event it is about.
    public init(_ status: HTTPResponse.Status, _ message: String, event: String? = nil) {
        self.status = status
        self.message = message
        self.event = event
    }

    /// The error's response: one line of JSON.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var members: [String: JSONValue] = ["error": .string(message)]
        if let event { members["event"] = .string(event) }
        var response = Response.json(JSONWriter.string(.object(members)), status: status)
        // RFC 9110 §11.6.1: a 401 says which scheme would be accepted (a token, as a Bearer).
        if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer realm=\"own\"" }
        return response
    }
}
