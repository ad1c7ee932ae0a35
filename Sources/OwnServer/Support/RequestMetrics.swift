import HTTPTypes
import Hummingbird
import Prometheus

/// Counts every request by method, route and status, for `/metrics`.
struct RequestMetrics: RouterMiddleware {
    typealias Context = ServerContext
    let registry: PrometheusCollectorRegistry

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            count(request, context, status)
            return response
        } catch let error as any HTTPResponseError {
            count(request, context, error.status.code)
            throw error
        } catch {
            count(request, context, 500)
            throw error
        }
    }

    private func count(_ request: Request, _ context: Context, _ status: Int) {
        registry.makeCounter(
            name: "own_http_requests_total",
            labels: [
                ("method", request.method.rawValue), ("route", context.endpointPath ?? "unknown"),
                ("status", String(status)),
            ]
        ).increment()
    }
}
