import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel, and a connection closed once its response is written when the
/// request did not ask to keep it: an HTTP/1.0 request without `Connection: keep-alive`. Hummingbird
/// reads requests as HTTP types, which have no version, and closes only on `Connection: close`; an
/// HTTP/1.0 client that reads its response to the end of the connection (ApacheBench, scripts)
/// waited for the idle timeout.
struct ClosingHTTP1Channel: ServerChildChannel {
    let http1: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        http1.setup(channel: channel, logger: logger).flatMapThrowing { value in
            // Where the request's version is still known: after NIO's HTTP/1 decoder, before the
            // request becomes HTTP types.
            // Without it (another Hummingbird) the connection is served as before, not refused.
            if let decoder = try? channel.pipeline.syncOperations.handler(
                type: ByteToMessageHandler<HTTPRequestDecoder>.self
            ) {
                try channel.pipeline.syncOperations.addHandler(CloseUnlessKeptAlive(), position: .after(decoder))
            }
            return value
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

/// Marks a request that does not keep its connection alive (`HTTPRequestHead.isKeepAlive`: HTTP/1.0
/// without `Connection: keep-alive`, or any `Connection: close`) with `Connection: close`, the one
/// spelling Hummingbird reads.
final class CloseUnlessKeptAlive: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(var head) = unwrapInboundIn(data), !head.isKeepAlive,
            head.headers[canonicalForm: "connection"] != ["close"]
        else {
            context.fireChannelRead(data)
            return
        }
        head.headers.replaceOrAdd(name: "connection", value: "close")
        context.fireChannelRead(wrapInboundOut(.head(head)))
    }
}
