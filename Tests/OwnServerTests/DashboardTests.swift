import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import OwnStore
import TeamStore
import Testing

/// A browser's side of the dashboard: its cookies, and the CSRF token of the last page it read.
struct Browser {
    var cookies: [String: String] = [:]

    var headers: HTTPFields {
        var fields = HTTPFields()
        if !cookies.isEmpty {
            fields[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        return fields
    }

    /// Keeps (or drops) the cookies a response sets.
    mutating func take(_ response: TestResponse) {
        for value in response.headers[values: .setCookie] {
            let pair = value.split(separator: ";")[0].split(
                separator: "=",
                maxSplits: 1,
                omittingEmptySubsequences: false
            )
            let name = String(pair[0])
            let content = pair.count == 2 ? String(pair[1]) : ""
            if content.isEmpty { cookies[name] = nil } else { cookies[name] = content }
        }
    }

    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: headers)
    }

    func post(_ client: any TestClientProtocol, _ uri: String, _ form: [String: String]) async throws -> TestResponse {
        var fields = headers
        fields[.contentType] = "application/x-www-form-urlencoded"
        let body = form.sorted { $0.key < $1.key }.map { name, value in
            name + "=" + (value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        }.joined(separator: "&")
        return try await client.execute(uri: uri, method: .post, headers: fields, body: ByteBuffer(string: body))
    }

    /// Signs in through the sign-in form, as a person would.
    mutating func signIn(_ client: any TestClientProtocol, token: String) async throws -> TestResponse {
        let form = try await get(client, "/sign-in")
        take(form)
        let response = try await post(client, "/sign-in", ["csrf": csrf(in: form.text) ?? "", "token": token])
        take(response)
        return response
    }
}

/// One event, as `line` writes it.
func event(
    _ type: EventType,
    id: String,
    loop: String = "pay-b1",
    at: String = "2026-11-23T09:00:00Z",
    by: String = "ana",
    _ fields: EventFields = [:]
) -> Event {
    Event(id: id, loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields)
}

/// The value of the first form's hidden `csrf` field.
func csrf(in html: String) -> String? {
    guard let start = html.range(of: #"name="csrf" value=""#) else { return nil }
    let rest = html[start.upperBound...]
    return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
}

/// `ana`'s loops in `payments`: one gone dark (active, silent since Monday), one proposed (high
/// stakes, not yet approved), one with hostile text.
func seedDashboard(_ team: TestTeam) async throws {
    let events = [
        event(.created, id: "d1", loop: "pay-dark1", at: "2026-11-23T09:00:00Z", ["title": "Retry failed payouts"]),
        event(.started, id: "d2", loop: "pay-dark1", at: "2026-11-23T09:30:00Z"),
        event(
            .created,
            id: "p1",
            loop: "pay-prop1",
            at: "2026-11-24T09:00:00Z",
            ["title": "Rotate the card vault keys", "stakes": "high", "due": "2026-12-04"]
        ),
        event(
            .created,
            id: "h1",
            loop: "pay-evil1",
            at: "2026-11-25T09:00:00Z",
            ["title": "<script>alert(1)</script> \u{202E}evil gnp.exe"]
        ),
        event(
            .noted,
            id: "h2",
            loop: "pay-evil1",
            at: "2026-11-26T09:00:00Z",
            ["note": #""><img src=x onerror=alert(1)>"#]
        ),
        event(
            .created,
            id: "l1",
            loop: "pay-long1",
            at: "2026-11-26T10:00:00Z",
            ["title": .string(String(repeating: "W", count: 10_000))]
        ),
    ]
    _ = try await team.store.append(events, team: "payments")
}

@Suite("The dashboard: sessions, CSRF, escaping, isolation, roles and pages")
struct DashboardTests {
    @Test func signingInSetsAnHttpOnlyLaxSessionCookieAndSigningOutClearsIt() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            var browser = Browser()
            let response = try await browser.signIn(client, token: team.tokens["lee"]!)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/teams/payments/")
            let cookie = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix("own_session=") }
            )
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))

            let board = try await browser.get(client, "/teams/payments/")
            #expect(board.status == .ok)
            #expect(board.text.contains("lee · lead · payments"))

            let out = try await browser.post(client, "/sign-out", ["csrf": csrf(in: board.text) ?? ""])
            #expect(out.status == .seeOther)
            browser.take(out)
            #expect(browser.cookies["own_session"] == nil)
            let after = try await browser.get(client, "/teams/payments/")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location] == "/sign-in")
        }
    }

    @Test func aSignedInBrowserGoesToItsBoardFromTheRootAndTheSignInPage() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            var browser = Browser()
            #expect(try await browser.get(client, "/").headers[.location] == "/sign-in")
            #expect(try await browser.get(client, "/sign-in").text.contains("name=\"token\""))
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            for uri in ["/", "/sign-in"] {
                let response = try await browser.get(client, uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.headers[.location] == "/teams/payments/", "\(uri)")
            }
            // A revoked token's session is no session: the form again.
            browser.cookies["own_session"] = "not-a-token"
            #expect(try await browser.get(client, "/sign-in").text.contains("name=\"token\""))
        }
    }

    /// A person's page named with a combining accent is the composed name's, as the API reads it.
    @Test func aPersonsPageTypedDecomposedIsTheComposedPersons() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let created = Event(
            id: "j1",
            loop: "pay-jose",
            at: TestTeam.now.addingTimeInterval(-3600),
            by: "jos\u{E9}",
            type: .created,
            fields: ["title": "Refund the duplicates"]
        )
        _ = try await team.store.append([created], team: "payments")
        try await team.withClient { client in
            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            let composed = try await browser.get(client, "/teams/payments/people/jos%C3%A9")
            let typed = try await browser.get(client, "/teams/payments/people/jose%CC%81")
            #expect(composed.text.contains("Refund the duplicates"))
            #expect(typed.status == .ok && typed.text.contains("Refund the duplicates"), "\(typed.text.prefix(300))")
        }
    }

    @Test func aPathUnderTheDashboardWithNoPageIsAnHTMLPageWithItsHeaders() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            for uri in [
                "/teams/payments/nope", "/static/nope.css", "/teams/payments/people/ana/more",
                "/teams/payments/loops/no-such-loop", "/teams/payments/loops/pay-b1/bogus",
            ] {
                let response = try await browser.get(client, uri)
                #expect(response.status == .notFound, "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true, "\(uri)")
                #expect(response.text.contains("There is no such page."), "\(uri)")
                // Signed in: back to the board, not to a sign-in form; under the team's pages, the
                // header every page has (its links, who is signed in, a sign-out with its token).
                let page = uri.hasPrefix("/teams/payments/")
                let back = page ? "/teams/payments/" : "/"
                #expect(response.text.contains("<a href=\"\(back)\">Back to your team's board</a>"), "\(uri)")
                #expect(!response.text.contains("Sign in"), "\(uri)")
                #expect(!response.text.contains("href=\"\"") && !response.text.contains("value=\"\""), "\(uri)")
                if page {
                    #expect(response.text.contains("<a href=\"/teams/payments/approvals\">Approvals</a>"), "\(uri)")
                    #expect(response.text.contains("lee · lead · payments"), "\(uri)")
                }
            }
            let signedOut = try await client.execute(uri: "/teams/payments/nope", method: .get)
            #expect(signedOut.text.contains("<a href=\"/sign-in\">Sign in</a>"))
            let put = try await client.execute(uri: "/sign-in", method: .put, headers: browser.headers)
            #expect(put.status == .notFound)
            #expect(put.headers[.contentSecurityPolicy] != nil)
            // The API's paths keep answering JSON.
            let api = try await client.execute(uri: "/api/v1/nope", method: .get)
            #expect(api.status == .notFound || api.status == .unauthorized)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    /// The session's cookie (the token itself) goes over https only when the request came so, or,
    /// behind a proxy that does not say `X-Forwarded-Proto`, when the `--public-url` is https.
    @Test(arguments: [(true, nil), (false, "https://own.example.com")] as [(Bool, String?)])
    func theSessionCookieIsSecureOverHTTPS(forwarded: Bool, publicURL: String?) async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient(publicURL: publicURL) { client in
            var browser = Browser()
            let proxy: HTTPFields = forwarded ? [HTTPField.Name("X-Forwarded-Proto")!: "https"] : [:]
            let form = try await client.execute(uri: "/sign-in", method: .get, headers: proxy)
            browser.take(form)
            var headers = browser.headers
            headers.append(contentsOf: proxy)
            headers[.contentType] = "application/x-www-form-urlencoded"
            let body = "csrf=\(csrf(in: form.text) ?? "")&token=\(team.tokens["lee"]!)"
            let response = try await client.execute(
                uri: "/sign-in",
                method: .post,
                headers: headers,
                body: ByteBuffer(string: body)
            )
            let cookie = try #require(
                response.headers[values: .setCookie].first { $0.hasPrefix("own_session=") }
            )
            #expect(cookie.contains("; Secure"))
            #expect(cookie.contains("HttpOnly"))
        }
    }

    @Test func anUnknownOrRevokedTokenDoesNotSignIn() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            for token in ["not-a-token", team.tokens["old"]!] {
                var browser = Browser()
                let response = try await browser.signIn(client, token: token)
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("unknown or revoked"))
                #expect(browser.cookies["own_session"] == nil)
            }
        }
    }

    @Test func everyFormPostWithoutItsCSRFTokenIs403AndChangesNothing() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            let stranger = Browser()
            let noSignInToken = try await stranger.post(
                client,
                "/sign-in",
                ["token": team.tokens["lee"]!]
            )
            #expect(noSignInToken.status == .forbidden)

            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            for (form, told) in [
                ([:], "missing its security token"), (["csrf": "forged"], "security token is not this session"),
            ] {
                let approve = try await browser.post(client, "/teams/payments/loops/pay-prop1/approve", form)
                #expect(approve.status == .forbidden)
                #expect(approve.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(approve.text.contains(told), "\(approve.text)")
                let signOut = try await browser.post(client, "/sign-out", form)
                #expect(signOut.status == .forbidden)
            }
            let loop = try #require(try await team.store.loop(team: "payments", key: "pay-prop1", asOf: nil))
            #expect(loop.state == .proposed)
            #expect(loop.approvedBy == nil)
        }
    }

    @Test func everyPageSendsAContentSecurityPolicyWithoutInlineScript() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            for uri in [
                "/sign-in", "/teams/payments/", "/teams/payments/people/ana", "/teams/payments/loops/pay-dark1",
                "/teams/payments/approvals", "/teams/search/",
            ] {
                let response = try await browser.get(client, uri)
                let policy = try #require(response.headers[.contentSecurityPolicy], "\(uri)")
                #expect(policy.contains("default-src 'none'"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(!policy.contains("script-src"))
                #expect(!response.text.contains("<script"), "\(uri)")
                #expect(!response.text.contains("style="), "\(uri)")
            }
        }
    }

    @Test func hostileTitlesAndNotesRenderAsText() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            for uri in [
                "/teams/payments/", "/teams/payments/people/ana", "/teams/payments/loops/pay-evil1",
            ] {
                let page = try await browser.get(client, uri)
                #expect(page.status == .ok)
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
                #expect(!page.text.contains("<script>alert(1)"), "\(uri)")
                #expect(!page.text.contains("<img src=x"), "\(uri)")
            }
            let loop = try await browser.get(client, "/teams/payments/loops/pay-evil1")
            #expect(loop.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
            // A right-to-left override in a title turns nothing after it around: shown escaped.
            for uri in ["/teams/payments/", "/teams/payments/loops/pay-evil1"] {
                let page = try await browser.get(client, uri)
                #expect(page.text.contains("\\u{202e}evil gnp.exe") && !page.text.contains("\u{202E}"), "\(uri)")
            }
            let long = try await browser.get(client, "/teams/payments/loops/pay-long1")
            #expect(long.text.contains(String(repeating: "W", count: 10_000)))
        }
    }

    /// A loop's history marks what was taken back, and a retraction says what it took, as `own show`.
    @Test func theLoopsHistoryMarksWhatWasUndone() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                event(
                    .created,
                    id: "u1",
                    loop: "pay-undo",
                    at: "2026-11-23T09:00:00Z",
                    ["title": "Undo me", "affects": ["lee", "raj"]]
                ),
                event(.noted, id: "u2", loop: "pay-undo", at: "2026-11-23T10:00:00Z", ["note": "wrong loop"]),
                event(.retracted, id: "u3", loop: "pay-undo", at: "2026-11-23T10:01:00Z", ["retracts": "u2"]),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            let page = try await browser.get(client, "/teams/payments/loops/pay-undo")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<span class="note">wrong loop</span> <em>(undone)</em></li>"#), "\(page.text)")
            // Who it affects, who hears of its changes, is among its fields.
            #expect(page.text.contains("<dt>Affects</dt><dd>lee, raj</dd>"), "\(page.text)")
            #expect(
                page.text.contains(
                    #"<strong>retracted</strong> by ana: <span class="note">takes back the noted</span></li>"#
                )
            )
        }
    }

    /// The loop page says what `own show` says: to whom a hand-off went, what an edit changed (and cleared),
    /// a done's outcome, who delegated it and its estimate.
    @Test func theLoopPageSaysWhatOwnShowSays() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                event(.created, id: "h1", loop: "pay-hand", ["title": "Fix deploy", "estimateHours": 6]),
                event(
                    .edited,
                    id: "h2",
                    loop: "pay-hand",
                    at: "2026-11-23T09:30:00Z",
                    ["kind": "bug", "ifItFails": "roll back <fast>", "affects": .null]
                ),
                event(
                    .handedOff,
                    id: "h3",
                    loop: "pay-hand",
                    at: "2026-11-23T10:00:00Z",
                    ["to": "raj", "note": "you know runner 3"]
                ),
                event(
                    .done,
                    id: "h4",
                    loop: "pay-hand",
                    at: "2026-11-24T10:00:00Z",
                    by: "raj",
                    ["outcome": "fixed in PR 42"]
                ),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var browser = Browser()
            _ = try await browser.signIn(client, token: team.tokens["lee"]!)
            let page = try await browser.get(client, "/teams/payments/loops/pay-hand").text
            for said in [
                #"<strong>handedOff</strong> by ana: <span class="note">to raj; you know runner 3</span>"#,
                #"<strong>edited</strong> by ana: <span class="note">affects cleared; if-it-fails &quot;roll back &lt;fast&gt;&quot;; kind bug</span>"#,
                #"<strong>done</strong> by raj: <span class="note">fixed in PR 42</span>"#,
                "<dt>Delegated by</dt><dd>ana</dd>", "<dt>Estimate</dt><dd>6h</dd>",
                "<dt>Outcome</dt><dd>fixed in PR 42</dd>",
            ] {
                #expect(page.contains(said), "\(said)\n\(page)")
            }
        }
    }

    @Test func anotherTeamsPagesAre404AndShowNothingOfIt() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var sam = Browser()
            _ = try await sam.signIn(client, token: team.tokens["sam"]!)
            for uri in [
                "/teams/payments/", "/teams/payments/loops/pay-dark1", "/teams/payments/people/ana",
                "/teams/payments/approvals", "/teams/nowhere/",
            ] {
                let page = try await sam.get(client, uri)
                #expect(page.status == .notFound, "\(uri)")
                #expect(!page.text.contains("Retry failed payouts"))
            }
            let approve = try await sam.post(
                client,
                "/teams/payments/loops/pay-prop1/approve",
                ["csrf": TokenSecret.hash("own-dashboard-csrf:" + team.tokens["sam"]!)]
            )
            #expect(approve.status == .notFound)
            // Their own team's loops do not reach a key of another team either.
            let own = try await sam.get(client, "/teams/search/loops/pay-dark1")
            #expect(own.status == .notFound)
        }
    }

    @Test func aReaderSeesNoApproveButtonAndCannotApprove() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var wall = Browser()
            _ = try await wall.signIn(client, token: team.tokens["wall"]!)
            let page = try await wall.get(client, "/teams/payments/loops/pay-prop1")
            #expect(page.status == .ok)
            #expect(!page.text.contains("Approve this loop"))
            let approve = try await wall.post(
                client,
                "/teams/payments/loops/pay-prop1/approve",
                ["csrf": csrf(in: page.text) ?? ""]
            )
            #expect(approve.status == .forbidden)
            let loop = try #require(try await team.store.loop(team: "payments", key: "pay-prop1", asOf: nil))
            #expect(loop.state == .proposed)
        }
    }

    @Test func aLeadApprovesAProposedLoopWithAnEventStampedWithTheLead() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let waiting = try await lee.get(client, "/teams/payments/approvals")
            #expect(waiting.text.contains("Rotate the card vault keys"))
            let page = try await lee.get(client, "/teams/payments/loops/pay-prop1")
            #expect(page.text.contains("Approve this loop"))
            let approve = try await lee.post(
                client,
                "/teams/payments/loops/pay-prop1/approve",
                ["csrf": csrf(in: page.text) ?? ""]
            )
            #expect(approve.status == .seeOther)
            #expect(approve.headers[.location] == "/teams/payments/loops/pay-prop1")

            let loop = try #require(try await team.store.loop(team: "payments", key: "pay-prop1", asOf: nil))
            #expect(loop.state == .open)
            #expect(loop.approvedBy == "lee")
            let events = try await team.store.events(team: "payments", ofLoops: ["pay-prop1"], since: nil, asOf: nil)
            let approved = try #require(events.last)
            #expect(approved.type == .approved)
            #expect(approved.by == "lee")
            #expect(approved.at == TestTeam.now)
            // A version 7 id, as the CLI makes: it sorts in the order events were recorded.
            #expect(Array(approved.id).count == 36 && Array(approved.id)[14] == "7", "\(approved.id)")
            let after = try await lee.get(client, "/teams/payments/approvals")
            #expect(after.text.contains("No loop is waiting for approval."))
            #expect(!after.text.contains("Rotate the card vault keys"))
        }
    }

    /// A loop its owner started before approval is active and waits all the same: listed, with the
    /// button, and approved (the form answered 400 "active, not proposed").
    @Test func aLoopStartedBeforeApprovalIsApprovedToo() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        let started = Event(
            id: "started-early",
            loop: "pay-prop1",
            at: TestTeam.now.addingTimeInterval(-60),
            by: try #require(try await team.store.loop(team: "payments", key: "pay-prop1", asOf: nil)).owner,
            type: .started
        )
        _ = try await team.store.append([started], team: "payments")
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            #expect(try await lee.get(client, "/teams/payments/approvals").text.contains("Rotate the card vault keys"))
            let page = try await lee.get(client, "/teams/payments/loops/pay-prop1")
            #expect(page.text.contains("Approve this loop"))
            let approve = try await lee.post(
                client,
                "/teams/payments/loops/pay-prop1/approve",
                ["csrf": csrf(in: page.text) ?? ""]
            )
            #expect(approve.status == .seeOther, "\(approve.text)")
            let loop = try #require(try await team.store.loop(team: "payments", key: "pay-prop1", asOf: nil))
            #expect(loop.state == .active && loop.approvedBy == "lee")
        }
    }

    /// A loop's page has every finding on it, as the board lists them under it: its delegator's
    /// `unaccepted-handoff` too (only the owner's were kept), now and as of an instant.
    @Test func aLoopsPageHasItsDelegatorsFollowUp() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        func event(_ type: EventType, _ id: String, _ days: Double, _ fields: EventFields) -> Event {
            Event(
                id: id,
                loop: "pay-given",
                at: TestTeam.now.addingTimeInterval(-days * 86_400),
                by: "ana",
                type: type,
                fields: fields
            )
        }
        _ = try await team.store.append(
            [
                event(.created, "g1", 10, ["title": "Given away", "stakes": "low", "doneWhen": "x"]),
                event(.handedOff, "g2", 7, ["to": "raj", "note": "yours"]),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            for path in [
                "/teams/payments/loops/pay-given",
                "/teams/payments/loops/pay-given?at=\(Timestamp.format(TestTeam.now))",
            ] {
                let page = try await lee.get(client, path)
                #expect(page.text.contains("unaccepted-handoff"), "\(path)")
            }
        }
    }

    @Test func aLoopCreatedAheadOfTheServersClockIsApprovedNotRefusedAsJSON() async throws {
        // A laptop five minutes fast: the push takes it (ten are allowed), and the approval is dated
        // with the loop's creation, not before it.
        let team = try await TestTeam.make()
        defer { team.discard() }
        let ahead = Timestamp.format(TestTeam.now.addingTimeInterval(300))
        _ = try await team.store.append(
            [event(.created, id: "f1", loop: "pay-fast", at: ahead, ["title": "Fast clock", "stakes": "high"])],
            team: "payments"
        )
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let page = try await lee.get(client, "/teams/payments/loops/pay-fast")
            let approve = try await lee.post(
                client,
                "/teams/payments/loops/pay-fast/approve",
                ["csrf": csrf(in: page.text) ?? ""]
            )
            #expect(approve.status == .seeOther, "\(approve.text)")
            let loop = try #require(try await team.store.loop(team: "payments", key: "pay-fast", asOf: nil))
            #expect(loop.approvedBy == "lee")
            #expect(loop.approvedAt == Timestamp.parse(ahead))
        }
    }

    @Test func theOwnerCannotApproveTheirOwnLoopEvenAsALead() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                event(.created, id: "r1", loop: "pay-raj1", by: "raj", ["title": "Raj's own", "stakes": "high"])
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var raj = Browser()
            _ = try await raj.signIn(client, token: team.tokens["raj"]!)
            let page = try await raj.get(client, "/teams/payments/loops/pay-raj1")
            #expect(!page.text.contains("Approve this loop"))
            let approve = try await raj.post(
                client,
                "/teams/payments/loops/pay-raj1/approve",
                ["csrf": csrf(in: page.text) ?? ""]
            )
            #expect(approve.status == .forbidden)
            #expect(approve.text.contains("cannot approve it"))
            #expect(!approve.text.contains("line 1"), "no line of a push to name on the dashboard")
        }
    }

    @Test func theBoardShowsTeamFindingsPeopleAndLiveLoopsMostUrgentFirst() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let board = try await lee.get(client, "/teams/payments/")
            let text = board.text
            let top = try #require(text.range(of: "At risk across the team"))
            let people = try #require(text.range(of: #"<h2 id="people">"#))
            let dark = try #require(text.range(of: "going-dark"))
            #expect(dark.lowerBound > top.upperBound && dark.lowerBound < people.lowerBound)
            #expect(text.contains("Local time: Fri 12:00 UTC, at work"))
            // High stakes before medium: the proposed key rotation heads ana's list.
            let rotate = try #require(
                text.range(of: "Rotate the card vault keys", range: people.upperBound..<text.endIndex)
            )
            let retry = try #require(text.range(of: "Retry failed payouts", range: people.upperBound..<text.endIndex))
            #expect(rotate.lowerBound < retry.lowerBound)
            for person in ["ana", "lee", "raj"] {
                #expect(text.contains(#"<a href="/teams/payments/people/\#(person)">"#))
            }
            // A due date reads as the CLI writes it, on the board and on the loop's page.
            #expect(text.contains("due 2026-12-04"))
            let page = try await lee.get(client, "/teams/payments/loops/pay-prop1").text
            #expect(page.contains("2026-12-04"))
            for html in [text, page] { #expect(!html.contains("day(")) }
        }
    }

    @Test func atShowsTheTeamAsItStoodAndEveryLinkKeepsIt() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let then = try await lee.get(client, "/teams/payments/?at=2026-11-23T10:00:00Z")
            #expect(then.text.contains("Retry failed payouts"))
            #expect(!then.text.contains("Rotate the card vault keys"))
            #expect(then.text.contains("/teams/payments/loops/pay-dark1?at=2026-11-23T10:00:00Z"))
            #expect(!then.text.contains("going-dark"))
            let loop = try await lee.get(client, "/teams/payments/loops/pay-prop1?at=2026-11-23T10:00:00Z")
            #expect(loop.status == .notFound)
            let past = try await lee.get(client, "/teams/payments/loops/pay-prop1?at=2026-11-24T10:00:00Z")
            #expect(past.status == .ok)
            #expect(!past.text.contains("Approve this loop"))
            let bad = try await lee.get(client, "/teams/payments/?at=yesterday")
            #expect(bad.status == .badRequest)
            // Past Foundation's distant future (4001), a person's page trapped and took the server
            // down; out of the years a ledger holds, every page and the API say so instead.
            for uri in [
                "/teams/payments/people/ana?at=4001-01-28T00:00:00Z", "/teams/payments/?at=9999-12-31T00:00:00Z",
                "/teams/payments/people/ana?at=1969-12-31T23:59:59Z",
            ] {
                let far = try await lee.get(client, uri)
                #expect(far.status == .badRequest, "\(uri)")
                #expect(far.text.contains("must be from 1970 to 3999"), "\(uri)")
            }
            let api = try await client.execute(
                uri: "/api/v1/loops?at=4001-01-28T00:00:00Z",
                method: .get,
                headers: team.auth("lee")
            )
            #expect(api.status == .badRequest)
            let edge = try await lee.get(client, "/teams/payments/people/ana?at=3999-12-31T23:00:00Z")
            #expect(edge.status == .ok)
        }
    }

    /// "Back to now" on a page as of an instant leads to the same page now: its address without `?at=`.
    @Test func backToNowDropsTheInstant() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            for path in ["/teams/payments/", "/teams/payments/people/ana", "/teams/payments/loops/pay-dark1"] {
                let then = try await lee.get(client, path + "?at=2026-11-25T10:00:00Z")
                #expect(then.status == .ok)
                #expect(then.text.contains(#"<a href="\#(path)">Back to now</a>"#), "\(path)")
                #expect(!then.text.contains(#"?at=2026-11-25T10:00:00Z">Back to now"#), "\(path)")
                let now = try await lee.get(client, path)
                #expect(!now.text.contains("Back to now"), "\(path)")
            }
        }
    }

    /// A key prefix that begins several loops' keys answers a page that lists them, each a link
    /// (keeping `?at=`), with 300 Multiple Choices: HTML, as every page, not the API's JSON.
    @Test func anAmbiguousKeyPrefixListsTheLoopsItCouldMean() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            for query in ["", "?at=2026-11-27T10:00:00Z"] {
                let page = try await lee.get(client, "/teams/payments/loops/pay-" + query)
                #expect(page.status == .multipleChoices)
                #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(page.text.contains("Which loop?"))
                for key in ["pay-dark1", "pay-evil1", "pay-long1", "pay-prop1"] {
                    #expect(page.text.contains(#"href="/teams/payments/loops/\#(key)\#(query)""#), "\(key)")
                }
            }
            let approve = try await lee.post(
                client,
                "/teams/payments/loops/pay-/approve",
                ["csrf": csrf(in: try await lee.get(client, "/teams/payments/").text) ?? ""]
            )
            #expect(approve.status == .badRequest)
            #expect(approve.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(approve.text.contains("begins the keys of several loops"))
        }
    }

    /// A prefix that begins more keys than the page lists says so; and as of an instant, the one loop
    /// it named then is found however many loops made later sort before it (only the first six
    /// keys were looked at: 404).
    @Test func aPrefixOfManyKeysSaysThereAreMoreAndFindsTheLoopThereWas() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        var events = [event(.created, id: "z9", loop: "zeta-9", at: "2026-11-20T09:00:00Z", ["title": "Nine"])]
        for index in 1...6 {
            events.append(
                event(.created, id: "z\(index)", loop: "zeta-\(index)", at: "2026-11-25T09:00:00Z", ["title": "Later"])
            )
        }
        _ = try await team.store.append(events, team: "payments")
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let then = try await lee.get(client, "/teams/payments/loops/zeta?at=2026-11-21T00:00:00Z")
            #expect(then.status == .ok && then.text.contains("Nine"), "\(then.status)")
            let now = try await lee.get(client, "/teams/payments/loops/zeta")
            #expect(now.status == .multipleChoices)
            #expect(now.text.contains("give more of the key"), "\(now.text)")
        }
    }

    @Test func thePersonPageShowsTheStandupAndWeeklyDraftsAndLoopsByState() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let page = try await lee.get(client, "/teams/payments/people/ana")
            #expect(page.status == .ok)
            #expect(page.text.contains("Standup draft"))
            #expect(page.text.contains("Weekly draft"))
            #expect(page.text.contains("<h3>proposed (1)</h3>"))
            #expect(page.text.contains("<h3>active (1)</h3>"))
            #expect(page.text.contains("<h3>open (2)</h3>"))
            // This week (from Mon 23 Nov): one loop started, none finished.
            #expect(page.text.contains("<tr><th scope=\"row\">2026-11-23</th><td>0</td><td>0</td><td>1</td></tr>"))
        }
    }

    @Test func eachPersonIsShownInTheirOwnZoneFromTheirSettingsOnBoardAndPersonPage() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.store.setPerson(try PersonSettings(name: "ana", zone: "Asia/Tokyo"), team: "payments")
        try await team.store.setPerson(
            try PersonSettings(name: "lee", zone: "America/New_York", hours: "06:30-15:00"),
            team: "payments"
        )
        // raj is away today, recorded in the ledger as time off.
        let away = TimeOff(
            id: "away-raj",
            person: "raj",
            first: CivilDate(iso: "2026-11-26")!,
            last: CivilDate(iso: "2026-11-30")!,
            backup: "lee",
            recordedAt: Timestamp.parse("2026-11-20T09:00:00Z")!
        )
        _ = try await team.store.append([away.event], team: "payments")
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            // Friday 27 November, 12:00 UTC.
            let board = try await lee.get(client, "/teams/payments/")
            #expect(board.text.contains("Local time: Fri 21:00 Asia/Tokyo, off hours"))
            #expect(board.text.contains("Local time: Fri 07:00 America/New_York, at work"))
            #expect(board.text.contains("Local time: Fri 12:00 UTC, away"))
            let ana = try await lee.get(client, "/teams/payments/people/ana")
            #expect(ana.text.contains("Local time: Fri 21:00 Asia/Tokyo, off hours"))
            // As of an instant, the clock is that instant's: Monday 09:30 in Tokyo.
            let then = try await lee.get(client, "/teams/payments/people/ana?at=2026-11-23T00:30:00Z")
            #expect(then.text.contains("Local time: Mon 09:30 Asia/Tokyo, at work"))
        }
    }

    @Test func pagesAndDraftsNameLoopsByKeyNotByTheServersNumber() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let stored = try #require(try await team.store.loop(team: "payments", key: "pay-dark1", asOf: nil))
            #expect(stored.number > 0)
            for uri in ["/teams/payments/", "/teams/payments/people/ana", "/teams/payments/loops/pay-dark1"] {
                let page = try await lee.get(client, uri)
                #expect(page.status == .ok)
                #expect(!page.text.contains("#\(stored.number)"), "\(uri)")
                #expect(page.text.contains("pay-dark1"), "\(uri)")
            }
            let person = try await lee.get(client, "/teams/payments/people/ana")
            // The standup draft lists the gone-dark loop by its key.
            let standup = try #require(person.text.range(of: "Standup draft"))
            let weekly = try #require(person.text.range(of: "Weekly draft"))
            #expect(person.text[standup.upperBound..<weekly.lowerBound].contains("pay-dark1 Retry failed payouts"))
        }
    }

    @Test func theBoardFollowsEventsPushedAfterItWasReadNowAndAsOfAnInstant() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let before = try await lee.get(client, "/teams/payments/")
            #expect(before.text.contains("Retry failed payouts"))
            let pastBefore = try await lee.get(client, "/teams/payments/?at=2026-11-26T12:00:00Z")
            #expect(!pastBefore.text.contains("Backfill the ledger"))

            // A new loop, one that ends, and a late event from a laptop that changes the past.
            _ = try await team.store.append(
                [
                    event(
                        .created,
                        id: "n1",
                        loop: "pay-new1",
                        at: "2026-11-27T10:00:00Z",
                        ["title": "Ship the refunds"]
                    ),
                    event(.dropped, id: "d3", loop: "pay-dark1", at: "2026-11-27T11:00:00Z", ["reason": "not needed"]),
                    event(
                        .created,
                        id: "b1",
                        loop: "pay-back1",
                        at: "2026-11-25T10:00:00Z",
                        ["title": "Backfill the ledger"]
                    ),
                ],
                team: "payments"
            )
            let after = try await lee.get(client, "/teams/payments/")
            #expect(after.text.contains("Ship the refunds"))
            #expect(!after.text.contains("Retry failed payouts"))
            let pastAfter = try await lee.get(client, "/teams/payments/?at=2026-11-26T12:00:00Z")
            #expect(pastAfter.text.contains("Backfill the ledger"))
            #expect(pastAfter.text.contains("Retry failed payouts"))
            #expect(!pastAfter.text.contains("Ship the refunds"))

            // More events than the board follows one by one: it reads the loops again.
            let many = (0..<2_100).map { index in
                event(
                    .noted,
                    id: "m\(index)",
                    loop: "pay-new1",
                    at: "2026-11-27T10:30:00Z",
                    ["note": .string("step \(index)")]
                )
            }
            _ = try await team.store.append(
                many + [event(.created, id: "n2", loop: "pay-new2", at: "2026-11-27T11:30:00Z", ["title": "Close Q4"])],
                team: "payments"
            )
            let later = try await lee.get(client, "/teams/payments/")
            #expect(later.text.contains("Ship the refunds"))
            #expect(later.text.contains("Close Q4"))

            // New settings, no new event: the board judges by them at once.
            try await team.store.setPerson(try PersonSettings(name: "ana", zone: "Asia/Tokyo"), team: "payments")
            let settled = try await lee.get(client, "/teams/payments/")
            #expect(settled.text.contains("Local time: Fri 21:00 Asia/Tokyo, off hours"))
        }
    }

    @Test func theMonitorsPageShowsStatusPingsRunDurationsAndTheOpenIncident() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let uuid = "5b6b1d3e-2f8a-4c1e-9a51-0d8c3e0f7a11"
        var monitor = try await team.store.addMonitor(
            MonitorRecord(
                uuid: uuid,
                team: "payments",
                name: "Nightly <b>export</b>",
                slug: "nightly-export",
                owner: "ana",
                stakes: .high,
                timeout: 86_400,
                cron: nil,
                grace: 3600,
                createdAt: TestTeam.now
            )
        )
        // Three runs of 2, 4 and 30 seconds, a start, then a failure that took it down.
        let pings: [(String, MonitorPing.Kind, TimeInterval?)] = [
            ("2026-11-24T02:00:02Z", .success, 2), ("2026-11-25T02:00:04Z", .success, 4),
            ("2026-11-26T02:00:30Z", .exitStatus(0), 30), ("2026-11-27T02:00:00Z", .start, 30),
            ("2026-11-27T02:00:09Z", .fail, 9),
        ]
        for (at, kind, duration) in pings {
            let record = MonitorPingRecord(
                at: Timestamp.parse(at)!,
                kind: kind,
                method: "POST",
                duration: duration
            )
            monitor = try #require(try await team.store.save(monitor, ping: record, flips: []))
        }
        let incident = try MonitorIncident(monitor: monitor.name, owner: "ana", stakes: .high, loop: "pay-inc1")
        _ = try await team.store.append(
            [
                incident.created(
                    .failed(exitStatus: nil),
                    at: Timestamp.parse("2026-11-27T02:00:09Z")!,
                    id: "i1",
                    by: "own-server"
                )
            ],
            team: "payments"
        )
        // As the driver leaves it after those pings: down, its last ping the failure.
        monitor.state.status = .down
        monitor.state.lastPing = Timestamp.parse("2026-11-27T02:00:09Z")
        monitor.state.incidentOpen = true
        monitor.incidentLoop = "pay-inc1"
        monitor = try #require(try await team.store.save(monitor, ping: nil, flips: []))
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let page = try await lee.get(client, "/teams/payments/monitors")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("Nightly &lt;b&gt;export&lt;/b&gt;"))
            #expect(!text.contains("<b>export"))
            #expect(text.contains(#"<span class="status down">down</span>"#))
            #expect(text.contains("every 1 day, grace 1 h"))
            #expect(text.contains("last ping 2026-11-27T02:00:09Z"))
            // The runs: four bars (the start is no run), the failed one marked, oldest first.
            #expect(text.components(separatedBy: "<rect ").count - 1 == 4)
            #expect(text.contains(#"<rect class="run failed""#))
            #expect(text.contains("4 runs, median 6.5 s, longest 30.0 s"))
            let two = try #require(text.range(of: "2026-11-24T02:00:02Z: 2.0 s"))
            let thirty = try #require(text.range(of: "2026-11-26T02:00:30Z: 30.0 s"))
            #expect(two.lowerBound < thirty.lowerBound)
            #expect(text.contains(#"role="img""#))
            // The open incident: linked by key, under the monitor and at the top.
            #expect(text.contains(#"href="/teams/payments/loops/pay-inc1""#))
            #expect(text.contains("Nightly &lt;b&gt;export&lt;/b&gt; is down"))
            #expect(!text.contains("No incident is open."))
            let other = try await lee.get(client, "/teams/search/monitors")
            #expect(other.status == .notFound)
            // Its monitor deleted, the incident loop stays open, and on the page, as in `own list --kind incident`.
            #expect(try await team.store.deleteMonitor(team: "payments", uuid: uuid))
            let after = try await lee.get(client, "/teams/payments/monitors").text
            #expect(!after.contains(#"<span class="status down">down</span>"#), "the monitor is gone")
            #expect(
                after.contains(#"href="/teams/payments/loops/pay-inc1""#) && !after.contains("No incident is open.")
            )
        }
    }
}
