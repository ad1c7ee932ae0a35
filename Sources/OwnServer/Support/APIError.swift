import HTTPTypes
public import Hummingbird
import OwnCore

/// A refusal, answered as one line of JSON (`{"error":"…"}`) that says what to fix.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong and what to do about it.
    public var message: String

    /// A refusal with a status and a message.
    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The error's response: one line of JSON.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        Response.json(JSONWriter.string(.object(["error": .string(message)])), status: status)
    }
}
