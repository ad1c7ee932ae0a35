import HTTPTypes
public import Hummingbird
import NIOCore

extension Response {
    /// A response whose body is JSON text already written.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(text, contentType: "application/json", status: status)
    }

    /// A response with a text body of a given media type.
    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
