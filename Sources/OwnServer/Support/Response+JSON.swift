import HTTPTypes
public import Hummingbird
import NIOCore

extension Response {
    /// A response whose body is JSON text already written.
    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        body(ByteBuffer(string: text), contentType: "application/json", status: status)
    }

    /// A response whose body is JSON already written to bytes.
    static func json(_ bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        body(bytes, contentType: "application/json", status: status)
    }

    /// A response with a text body of a given media type.
    static func body(_ text: String, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        body(ByteBuffer(string: text), contentType: contentType, status: status)
    }

    /// A response with a body of bytes of a given media type.
    static func body(_ bytes: ByteBuffer, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: bytes))
    }
}
