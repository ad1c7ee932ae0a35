import Foundation
import HTTPTypes
public import Hummingbird
import Mustache
import OwnCore
import OwnStore
public import TeamStore

/// The team dashboard: server-rendered pages for a lead, signed in with a token held in a session
/// cookie. Every judgement comes from OwnCore (Doctor, Standup, Weekly, urgency order); every page
/// is scoped to the signed-in token's team (another team's pages answer 404).
///
/// Routes: `/sign-in`, `/sign-out`, `/static/dashboard.css`, and under `/teams/{team}`: the board,
/// `people/{person}`, `loops/{key}` (and `loops/{key}/approve`), `approvals`, `monitors`. Every page takes `?at=`.
public enum Dashboard {
    /// The first segments of the dashboard's routes, beside the API's.
    static let roots: Set<String> = ["", "sign-in", "sign-out", "static", "teams"]

    /// Whether a route's path is one of the dashboard's pages rather than the API's.
    public static func serves(path: String) -> Bool {
        roots.contains(String(path.split(separator: "/").first ?? ""))
    }

    /// Mounts the dashboard on a router: one call, from `TeamServer.router`.
    public static func add(
        to router: Router<ServerContext>,
        store: any TeamStore,
        configuration: ServerConfiguration
    ) {
        let pages = DashboardPages(
            store: store,
            configuration: configuration,
            templates: DashboardTemplates.library
        )
        router.get("/") { request, _ in try await pages.home(request, orSignIn: false) }
        router.get("sign-in") { request, _ in try await pages.home(request, orSignIn: true) }
        router.post("sign-in") { request, context in try await pages.signIn(request, context) }
        router.post("sign-out") { request, context in try await pages.signOut(request, context) }
        router.get("static/dashboard.css") { _, _ in
            var response = Response.body(DashboardTemplates.stylesheet, contentType: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=300"
            response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
            return response
        }
        let team = router.group("teams/:team").add(middleware: DashboardSession(store: store))
        team.get("/") { request, context in try await pages.board(request, context) }
        team.get("people/:person") { request, context in try await pages.person(request, context) }
        team.get("loops/:key") { request, context in try await pages.loop(request, context) }
        team.post("loops/:key/approve") { request, context in try await pages.approve(request, context) }
        team.get("approvals") { request, context in try await pages.approvals(request, context) }
        team.get("monitors") { request, context in try await pages.monitors(request, context) }
    }
}
