import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import TeamStore
import Testing

/// healthchecks' Management API v3 over the team's monitors, and slug pings with `?create=1`.
@Suite("The Management API v3 and slug pings")
struct CheckRoutesTests {
    private static func key(_ team: TestTeam, _ person: String) -> HTTPFields {
        [HTTPField.Name("X-Api-Key")!: team.tokens[person] ?? "none", .contentType: "application/json"]
    }

    /// A GET with the key of `person`.
    private static func get(
        _ client: any TestClientProtocol,
        _ team: TestTeam,
        _ uri: String,
        as person: String
    ) async throws -> TestResponse {
        try await client.execute(uri: uri, method: .get, headers: key(team, person))
    }

    private static func object(_ response: TestResponse) -> [String: JSONValue] {
        (try? JSONParser.parse(response.text))?.objectValue ?? [:]
    }

    private static func withTeam(
        _ body: @Sendable (TestTeam, any TestClientProtocol) async throws -> Void
    )
        async throws
    {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in try await body(team, client) }
    }

    /// A check's URLs start with `--public-url` when the server has one, else with the scheme and host
    /// the request came with: https behind a proxy that says so.
    @Test func aChecksURLsAreThePublicOnesOrThoseTheClientReached() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let body = ByteBuffer(string: #"{"name": "Backup", "timeout": 3600}"#)
        try await team.withClient(publicURL: "https://own.example.com/team") { client in
            let created = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "lee"),
                body: body
            )
            let check = Self.object(created)
            let uuid = try #require(check["uuid"]?.stringValue)
            #expect(check["ping_url"]?.stringValue == "https://own.example.com/team/ping/\(uuid)")
            #expect(check["update_url"]?.stringValue == "https://own.example.com/team/api/v3/checks/\(uuid)")
        }
        try await team.withClient { client in
            var headers = Self.key(team, "lee")
            // Through two proxies: the client's protocol comes first.
            headers[HTTPField.Name("X-Forwarded-Proto")!] = "https, http"
            let listed = Self.object(try await client.execute(uri: "/api/v3/checks/", method: .get, headers: headers))
            let check = try #require(listed["checks"]?.arrayValue?.first?.objectValue)
            let uuid = try #require(check["uuid"]?.stringValue)
            // The test client reaches the server as localhost.
            #expect(check["ping_url"]?.stringValue == "https://localhost/ping/\(uuid)")
        }
    }

    /// A second check of a name, given no slug, is made (as healthchecks makes it), its slug the
    /// name's with the start of its uuid; a slug given that another check has is a conflict.
    @Test func aSecondCheckOfANameGetsASlugOfItsOwn() async throws {
        try await Self.withTeam { team, client in
            func create(_ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: "/api/v3/checks/",
                    method: .post,
                    headers: Self.key(team, "lee"),
                    body: ByteBuffer(string: body)
                )
            }
            let first = try await create(#"{"name": "Backups", "timeout": 3600}"#)
            #expect(first.status == .created && Self.object(first)["slug"]?.stringValue == "backups")
            let second = try await create(#"{"name": "Backups", "timeout": 3600}"#)
            #expect(second.status == .created, "\(second.text)")
            let uuid = try #require(Self.object(second)["uuid"]?.stringValue)
            #expect(Self.object(second)["slug"]?.stringValue == "backups-" + uuid.prefix(8))
            let given = try await create(#"{"name": "Other", "slug": "backups"}"#)
            #expect(given.status == .conflict, "\(given.text)")
            #expect(try await team.store.monitors(team: "payments").count == 2)
        }
    }

    /// A parent is named by slug or uuid, on creation and on update, and must be another check of
    /// the team; a body that names none leaves the parent as it is, and `null` clears it.
    @Test func aParentIsFoundBySlugOrUuidAmongTheTeamsChecks() async throws {
        try await Self.withTeam { team, client in
            func send(_ uri: String, _ body: String) async throws -> TestResponse {
                try await client.execute(
                    uri: uri,
                    method: .post,
                    headers: Self.key(team, "lee"),
                    body: ByteBuffer(string: body)
                )
            }
            let parent = Self.object(try await send("/api/v3/checks/", #"{"name": "Backups"}"#))
            let parentUUID = try #require(parent["uuid"]?.stringValue)
            let child = try await send("/api/v3/checks/", #"{"name": "Nightly", "parent": "backups"}"#)
            #expect(child.status == .created)
            let childUUID = try #require(Self.object(child)["uuid"]?.stringValue)
            #expect(Self.object(child)["parent"]?.stringValue == parentUUID)

            let renamed = try await send("/api/v3/checks/\(childUUID)", #"{"desc": "no parent named"}"#)
            #expect(Self.object(renamed)["parent"]?.stringValue == parentUUID)
            let cleared = try await send("/api/v3/checks/\(childUUID)", #"{"parent": null}"#)
            #expect(Self.object(cleared)["parent"] == .null)
            let byUUID = try await send("/api/v3/checks/\(childUUID)", #"{"parent": "\#(parentUUID.uppercased())"}"#)
            #expect(Self.object(byUUID)["parent"]?.stringValue == parentUUID)

            let unknown = try await send("/api/v3/checks/", #"{"name": "Orphan", "parent": "no-such-check"}"#)
            #expect(unknown.status == .badRequest)
            #expect(
                Self.object(unknown)["error"]?.stringValue?.hasSuffix(
                    "parent \"no-such-check\" is not another check of this team"
                ) == true
            )
            let itself = try await send("/api/v3/checks/\(childUUID)", #"{"parent": "nightly"}"#)
            #expect(itself.status == .badRequest)
            // A ring is refused: Backups under Nightly, which is under Backups.
            let ring = try await send("/api/v3/checks/\(parentUUID)", #"{"parent": "nightly"}"#)
            #expect(ring.status == .badRequest)
            #expect(
                Self.object(ring)["error"]?.stringValue?.hasSuffix(
                    "parent \"nightly\" is below this check; a check cannot be its own parent's parent"
                ) == true,
                "\(ring.text)"
            )
            // Both down, the parent first: the child's incident waits for the parent.
            #expect(try await client.execute(uri: "/ping/\(parentUUID)/fail", method: .get).status == .ok)
            #expect(try await client.execute(uri: "/ping/\(childUUID)/fail", method: .get).status == .ok)
            let held = try await Self.get(client, team, "/api/v3/checks/\(childUUID)", as: "lee")
            #expect(Self.object(held)["status"]?.stringValue == "down")
            #expect(Self.object(held)["loop"] == .null, "\(held.text)")
            // A deleted parent leaves its children with none, not a uuid that names nothing, and what
            // a child held for it is an incident now.
            let deleted = try await client.execute(
                uri: "/api/v3/checks/\(parentUUID)",
                method: .delete,
                headers: Self.key(team, "lee")
            )
            #expect(deleted.status == .ok)
            let orphan = try await Self.get(client, team, "/api/v3/checks/\(childUUID)", as: "lee")
            #expect(Self.object(orphan)["parent"] == .null, "\(orphan.text)")
            #expect(Self.object(orphan)["loop"]?.stringValue?.hasPrefix("inc-") == true, "\(orphan.text)")
        }
    }

    /// The hold follows the parent a check has now: taken off a down parent, a child's held failure
    /// is an incident (it stayed down with no loop for good); put under a down parent, on creation or
    /// by an update, a child's failure is held (it alerted).
    @Test func aChildTakenOffADownParentAlertsAndOnePutUnderOneIsHeld() async throws {
        try await Self.withTeam { team, client in
            func send(_ uri: String, _ body: String) async throws -> [String: JSONValue] {
                Self.object(
                    try await client.execute(
                        uri: uri,
                        method: .post,
                        headers: Self.key(team, "lee"),
                        body: ByteBuffer(string: body)
                    )
                )
            }
            func fail(_ uuid: String) async throws {
                #expect(try await client.execute(uri: "/ping/\(uuid)/fail", method: .get).status == .ok)
            }
            let parent = try #require(try await send("/api/v3/checks/", #"{"name": "Backups"}"#)["uuid"]?.stringValue)
            let child = try #require(
                try await send("/api/v3/checks/", #"{"name": "Nightly", "parent": "backups"}"#)["uuid"]?.stringValue
            )
            let moved = try #require(try await send("/api/v3/checks/", #"{"name": "Reports"}"#)["uuid"]?.stringValue)
            try await fail(parent)
            try await fail(child)
            #expect(try await send("/api/v3/checks/\(child)", "{}")["loop"] == .null, "held for its parent")
            let freed = try await send("/api/v3/checks/\(child)", #"{"parent": null}"#)
            #expect(freed["status"]?.stringValue == "down")
            #expect(freed["loop"]?.stringValue?.hasPrefix("inc-") == true, "\(freed)")

            let late = try #require(
                try await send("/api/v3/checks/", #"{"name": "Late", "parent": "backups"}"#)["uuid"]?.stringValue
            )
            #expect(
                try await send("/api/v3/checks/\(moved)", #"{"parent": "backups"}"#)["parent"]?.stringValue == parent
            )
            for uuid in [late, moved] {
                try await fail(uuid)
                let held = try await send("/api/v3/checks/\(uuid)", "{}")
                #expect(held["status"]?.stringValue == "down")
                #expect(held["loop"] == .null, "held under a parent already down: \(held)")
            }
        }
    }

    @Test func aCheckIsCreatedListedUpdatedPausedResumedAndDeleted() async throws {
        try await Self.withTeam { team, client in
            let body =
                #"{"name": "Nightly export", "tags": "prod export", "schedule": "0 2 * * *", "tz": "Europe/Berlin", "grace": 1800, "stakes": "high", "owner": "ana"}"#
            let created = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "lee"),
                body: ByteBuffer(string: body)
            )
            #expect(created.status == .created)
            let check = Self.object(created)
            let uuid = try #require(check["uuid"]?.stringValue)
            #expect(check["slug"]?.stringValue == "nightly-export")
            #expect(check["status"]?.stringValue == "new")
            #expect(check["schedule"]?.stringValue == "0 2 * * *")
            #expect(check["tz"]?.stringValue == "Europe/Berlin")
            #expect(check["grace"]?.numberValue == 1800)
            #expect(check["owner"]?.stringValue == "ana")
            #expect(check["stakes"]?.stringValue == "high")
            #expect(check["tags"]?.stringValue == "prod export")
            #expect(check["n_pings"]?.numberValue == 0)
            #expect(check["ping_url"]?.stringValue?.hasSuffix("/ping/\(uuid)") == true)

            let listed = try await Self.get(client, team, "/api/v3/checks/?tag=prod&slug=nightly-export", as: "wall")
            #expect(Self.object(listed)["checks"]?.arrayValue?.count == 1)
            let none = try await Self.get(client, team, "/api/v3/checks/?tag=staging", as: "wall")
            #expect(Self.object(none)["checks"]?.arrayValue?.count == 0)

            let updated = try await client.execute(
                uri: "/api/v3/checks/\(uuid)",
                method: .post,
                headers: Self.key(team, "lee"),
                body: ByteBuffer(string: #"{"grace": 3600.7, "desc": "customer exports"}"#)
            )
            #expect(updated.status == .ok)
            // In whole seconds, as healthchecks keeps them (a client typing it as an integer failed).
            #expect(Self.object(updated)["grace"] == .number(3600), "\(updated.text)")
            #expect(Self.object(updated)["desc"]?.stringValue == "customer exports")

            // Pinged, it expects the next ping; paused, nothing (as healthchecks: next_ping null).
            #expect(try await client.execute(uri: "/ping/\(uuid)", method: .get).status == .ok)
            let pinged = try await Self.get(client, team, "/api/v3/checks/\(uuid)", as: "lee")
            #expect(Self.object(pinged)["next_ping"]?.stringValue != nil, "\(pinged.text)")
            let paused = try await client.execute(
                uri: "/api/v3/checks/\(uuid)/pause",
                method: .post,
                headers: Self.key(team, "lee")
            )
            #expect(Self.object(paused)["status"]?.stringValue == "paused")
            #expect(Self.object(paused)["next_ping"] == .null, "\(paused.text)")
            let resumed = try await client.execute(
                uri: "/api/v3/checks/\(uuid)/resume",
                method: .post,
                headers: Self.key(team, "lee")
            )
            #expect(Self.object(resumed)["status"]?.stringValue == "new")
            let again = try await client.execute(
                uri: "/api/v3/checks/\(uuid)/resume",
                method: .post,
                headers: Self.key(team, "lee")
            )
            #expect(again.status == .conflict)
            #expect(again.error == "check is not paused")
            let flips = try await Self.get(client, team, "/api/v3/checks/\(uuid)/flips/", as: "lee")
            // Up (the ping), paused, new again (resumed).
            #expect((try JSONParser.parse(flips.text)).arrayValue?.count == 3, "\(flips.text)")
            // healthchecks' filters: `seconds` back from now, `start` at or after, `end` before (UNIX times).
            let now = Int(TestTeam.now.timeIntervalSince1970)
            for (query, count) in [
                ("end=1", 0), ("start=\(now)", 3), ("start=\(now + 1)", 0), ("seconds=0", 3), ("end=\(now)", 0),
                ("end=\(now + 1)", 3), ("seconds=60&start=\(now + 1)", 0),
            ] {
                let filtered = try await Self.get(client, team, "/api/v3/checks/\(uuid)/flips/?\(query)", as: "lee")
                #expect((try JSONParser.parse(filtered.text)).arrayValue?.count == count, "\(query): \(filtered.text)")
            }
            // A value that is no whole number in range is refused, as healthchecks refuses it (it listed
            // every flip to a script asking for a month).
            for query in ["seconds=abc", "seconds=-1", "seconds=31536001", "start=1.5"] {
                let refused = try await Self.get(client, team, "/api/v3/checks/\(uuid)/flips/?\(query)", as: "lee")
                #expect(refused.status == .badRequest, "\(query): \(refused.text)")
            }

            let deleted = try await client.execute(
                uri: "/api/v3/checks/\(uuid)",
                method: .delete,
                headers: Self.key(team, "lee")
            )
            #expect(deleted.status == .ok)
            #expect(Self.object(deleted)["uuid"]?.stringValue == uuid)
            let gone = try await Self.get(client, team, "/api/v3/checks/\(uuid)", as: "lee")
            #expect(gone.status == .notFound)
        }
    }

    /// Accents come off a name's letters in its slug; a name with no Latin letter or digit gets a
    /// slug from its uuid, so a team may have many (the first took the empty slug, and every other
    /// was refused as a duplicate of it).
    @Test func everyNameGetsASlugAndNamesWithoutLatinLettersDoNotCollide() async throws {
        try await Self.withTeam { team, client in
            var slugs: [String] = []
            for name in ["日本語ジョブ", "///", "ünïcode job"] {
                let created = try await client.execute(
                    uri: "/api/v3/checks/",
                    method: .post,
                    headers: Self.key(team, "ana"),
                    body: ByteBuffer(string: JSONWriter.string(.object(["name": .string(name), "timeout": 3600])))
                )
                #expect(created.status == .created, "\(name): \(created.text)")
                let check = Self.object(created)
                let uuid = try #require(check["uuid"]?.stringValue)
                let slug = try #require(check["slug"]?.stringValue)
                #expect(name.hasPrefix("ü") ? slug == "unicode-job" : slug == "check-" + uuid.prefix(8), "\(slug)")
                slugs.append(slug)
            }
            #expect(Set(slugs).count == 3)
            // No name at all, as healthchecks allows: its name stays empty and its slug comes from its uuid.
            for body in [#"{"timeout": 120}"#, "{}", #"{"name": ""}"#] {
                let unnamed = try await client.execute(
                    uri: "/api/v3/checks/",
                    method: .post,
                    headers: Self.key(team, "ana"),
                    body: ByteBuffer(string: body)
                )
                #expect(unnamed.status == .created, "\(body): \(unnamed.text)")
                let check = Self.object(unnamed)
                let uuid = try #require(check["uuid"]?.stringValue)
                #expect(check["name"]?.stringValue == "" && check["slug"]?.stringValue == "check-" + uuid.prefix(8))
            }
        }
    }

    @Test func theOwnerDefaultsToTheKeysPersonAndUniqueUpdatesInsteadOfAdding() async throws {
        try await Self.withTeam { team, client in
            let body = ByteBuffer(string: #"{"name": "Backups", "timeout": 3600, "grace": 60, "unique": ["name"]}"#)
            let first = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "ana"),
                body: body
            )
            #expect(first.status == .created)
            #expect(Self.object(first)["owner"]?.stringValue == "ana")
            let second = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "ana"),
                body: body
            )
            #expect(second.status == .ok)
            #expect(Self.object(second)["uuid"] == Self.object(first)["uuid"])
            #expect(try await team.store.monitors(team: "payments").count == 1)
        }
    }

    /// `unique` updates the check whose fields all equal the body's, found by slug, by name or among
    /// all the team's checks for the other fields; with none, it creates one.
    @Test(arguments: [
        (#"{"name": "Other", "slug": "backups", "unique": ["slug"]}"#, HTTPResponse.Status.ok, 1),
        (#"{"name": "Backups", "slug": "hourly", "timeout": 60, "unique": ["name", "timeout"]}"#, .created, 2),
        (#"{"name": "Backups", "timeout": 3600, "unique": ["name", "timeout"]}"#, .ok, 1),
        (#"{"name": "Zed", "tags": "db prod", "unique": ["tags"]}"#, .ok, 1),
        (#"{"name": "Zed", "grace": 60, "unique": ["grace"]}"#, .ok, 1),
        (#"{"name": "Nightly", "unique": ["slug"]}"#, .created, 2),
        (#"{"name": "Backups", "slug": "other", "unique": ["slug"]}"#, .created, 2),
    ])
    func uniqueMatchesByEachField(_ body: String, _ status: HTTPResponse.Status, _ count: Int) async throws {
        try await Self.withTeam { team, client in
            let first = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "ana"),
                body: ByteBuffer(string: #"{"name": "Backups", "timeout": 3600, "grace": 60, "tags": "db prod"}"#)
            )
            #expect(first.status == .created)
            let reply = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "ana"),
                body: ByteBuffer(string: body)
            )
            #expect(reply.status == status, "\(reply.text)")
            #expect((Self.object(reply)["uuid"] == Self.object(first)["uuid"]) == (status == .ok))
            #expect(try await team.store.monitors(team: "payments").count == count)
        }
    }

    /// A name typed with a combining accent is the composed name (as every name of own's is): the
    /// upsert by name updates the check, where it made a second "Café job".
    @Test func aNameIsOneNameWhateverItsUnicodeForm() async throws {
        try await Self.withTeam { team, client in
            var replies: [TestResponse] = []
            for name in [#"Caf\u00e9 job"#, #"Cafe\u0301 job"#] {
                replies.append(
                    try await client.execute(
                        uri: "/api/v3/checks/",
                        method: .post,
                        headers: Self.key(team, "ana"),
                        body: ByteBuffer(string: #"{"name": "\#(name)", "timeout": 3600, "unique": ["name"]}"#)
                    )
                )
            }
            #expect(replies.map(\.status) == [.created, .ok], "\(replies.map(\.text))")
            #expect(try await team.store.monitors(team: "payments").map(\.name) == ["Caf\u{e9} job"])
        }
    }

    /// A check's owner is a person of its team (settings on the server, or a live member or lead
    /// token): a typo owned every incident loop unseen. An owner is never taken away by null.
    @Test func theOwnerIsAPersonOfTheTeam() async throws {
        try await Self.withTeam { team, client in
            func post(_ path: String, _ body: String) async throws -> (status: HTTPResponse.Status, error: String?) {
                let reply = try await client.execute(
                    uri: path,
                    method: .post,
                    headers: Self.key(team, "lee"),
                    body: ByteBuffer(string: body)
                )
                return (reply.status, reply.error)
            }
            // A typo, a reader's name, a revoked member's, another team's person: none is a person here.
            for owner in ["kenjj", "wall", "old", "sam"] {
                let refused = try await post("/api/v3/checks/", #"{"name": "x", "owner": "\#(owner)"}"#)
                #expect(refused.status == .badRequest, "\(owner)")
                #expect(
                    refused.error == "json validation error: owner \"\(owner)\" is no person of team payments (no "
                        + "member or lead token, no settings on the server); name the person whose loop an incident "
                        + "becomes",
                    "\(refused.error ?? "")"
                )
            }
            #expect(try await team.store.monitors(team: "payments").isEmpty)
            // Someone with settings on the server and no token yet is one of the team.
            try await team.store.setPerson(try PersonSettings(name: "kenji"), team: "payments")
            let made = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "lee"),
                body: ByteBuffer(string: #"{"name": "Export", "owner": "kenji"}"#)
            )
            #expect(made.status == .created, "\(made.text)")
            let uuid = try #require(Self.object(made)["uuid"]?.stringValue)
            let typo = try await post("/api/v3/checks/\(uuid)", #"{"owner": "kenjj"}"#)
            #expect(typo.status == .badRequest)
            let none = try await post("/api/v3/checks/\(uuid)", #"{"owner": null}"#)
            #expect(none.status == .badRequest)
            #expect(none.error?.hasPrefix("json validation error: owner cannot be null") == true, "\(none.error ?? "")")
            // A change that leaves the owner as it is does not ask again.
            #expect(try await post("/api/v3/checks/\(uuid)", #"{"grace": 600}"#).status == .ok)
            #expect(try await team.store.monitors(team: "payments").map(\.owner) == ["kenji"])
        }
    }

    /// Each bad body gets healthchecks' 400 and nothing is written.
    @Test(arguments: [
        (#"{"name": "x", "schedule": "0 25 * * *"}"#, "json validation error: cannot read the cron expression"),
        (#"{"name": "x", "schedule": "0 2 * * *", "tz": "Mars/Olympus"}"#, "json validation error: unknown time zone"),
        // A zone is checked whatever the schedule, not first on a later change that makes it a cron one.
        (#"{"name": "x", "timeout": 600, "tz": "Mars/Base"}"#, "json validation error: unknown time zone"),
        // Foundation reads GMT+5 as UTC+05:00, IANA's Etc/GMT+5 is UTC-05:00: a schedule 10 hours off.
        (
            #"{"name": "x", "schedule": "0 2 * * *", "tz": "GMT+5"}"#,
            "json validation error: unknown time zone \"GMT+5\": it is an offset, not a zone"
        ),
        (#"{"name": "x", "schedule": "0 2 * * *", "tz": "PST"}"#, "json validation error: unknown time zone \"PST\""),
        (
            #"{"name": "x", "timeout": 600, "owner": "Nobody"}"#,
            "json validation error: owner \"Nobody\" is no person's"
        ),
        (#"{"name": "x", "grace": 10}"#, "json validation error: the grace time 10s is out of range"),
        // SQLite cut a text at its NUL, while the reply showed it whole.
        (#"{"name": "a\u0000b"}"#, "json validation error: name holds U+0000 (NUL), which no store keeps; remove it"),
        (#"{"name": "x", "desc": "x\u0000y"}"#, "json validation error: desc holds U+0000 (NUL)"),
        // A name titles the check's incidents, as `own monitor add` refuses it.
        (#"{"name": "   "}"#, "json validation error: name is blank or holds a control character"),
        (#"{"name": "line1\nline2"}"#, "json validation error: name is blank or holds a control character"),
        // healthchecks' lengths: a name goes into every event of the check's incident loop.
        (#"{"name": "\#(String(repeating: "n", count: 101))"}"#, "json validation error: name is too long"),
        (
            #"{"name": "x", "tags": "\#(String(repeating: "t", count: 501))"}"#,
            "json validation error: tags is too long"
        ),
        (#"{"name": "x", "timeout": 31622400}"#, "json validation error: the period 366d is out of range"),
        (#"{"name": "x", "grace": 1e20}"#, "json validation error: the grace time 1e+20s is out of range"),
        (#"{"name": "x", "grace": -5}"#, "json validation error: the grace time -5s is out of range"),
        (#"{"name": "x", "failure_tolerance": 1e20}"#, "json validation error: failure_tolerance must be a whole"),
        (#"{"name": "x", "timeout": "daily"}"#, "json validation error: timeout is not a number"),
        // A null clears nothing: refused, as healthchecks refuses it, not answered 200.
        (#"{"name": "x", "desc": null}"#, "json validation error: desc is not a string"),
        (#"{"name": null}"#, "json validation error: name is not a string"),
        (#"{"name": "x", "grace": null}"#, "json validation error: grace is not a number"),
        (#"{"name": "x", "owner": " "}"#, "json validation error: the check \"x\" has no owner"),
        (#"{"name": "x", "stakes": "huge"}"#, "json validation error: stakes must be one of"),
        ("{\"name\": ", "could not parse request body"),
    ])
    func aBadBodyIsRefusedAndNothingIsWritten(_ body: String, _ error: String) async throws {
        try await Self.withTeam { team, client in
            let reply = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "lee"),
                body: ByteBuffer(string: body)
            )
            #expect(reply.status == .badRequest)
            #expect(reply.error?.hasPrefix(error) == true, "\(reply.text)")
            #expect(try await team.store.monitors(team: "payments").isEmpty)
        }
    }

    /// A client pinned to healthchecks' older API, or calling routes own has not, is told what own
    /// serves: "no route" alone left the one who migrated to guess.
    @Test func olderVersionsAndRoutesOwnHasNotSayWhatItServes() async throws {
        try await Self.withTeam { team, client in
            for path in ["/api/v1/checks/", "/api/v2/checks/", "/api/v3/channels/", "/api/v3/badges/"] {
                let reply = try await Self.get(client, team, path, as: "ana")
                #expect(reply.status == .notFound)
                #expect(
                    reply.error?.contains("own serves healthchecks' Management API v3 checks only") == true,
                    "\(path): \(reply.text)"
                )
            }
            let other = try await Self.get(client, team, "/api/v1/nothing", as: "ana")
            #expect(other.error?.contains("Management API") == false, "\(other.text)")
        }
    }

    @Test func keysRolesAndTeamsAreChecked() async throws {
        try await Self.withTeam { team, client in
            let missing = try await client.execute(uri: "/api/v3/checks/", method: .get)
            #expect(missing.status == .unauthorized)
            #expect(missing.error == "missing api key")
            let wrong = try await client.execute(
                uri: "/api/v3/checks/",
                method: .get,
                headers: [HTTPField.Name("X-Api-Key")!: "own_nope"]
            )
            #expect(wrong.error == "wrong api key")
            // healthchecks' other way: an `api_key` member in a POST's JSON body, the body read after it.
            let inBody = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                body: ByteBuffer(
                    string: JSONWriter.string(
                        .object(["api_key": .string(team.tokens["ana"] ?? ""), "name": "Via body", "timeout": 3600])
                    )
                )
            )
            #expect(inBody.status == .created, "\(inBody.text)")
            #expect(Self.object(inBody)["name"] == "Via body" && Self.object(inBody)["owner"] == "ana")
            let wrongInBody = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                body: ByteBuffer(string: #"{"api_key": "own_nope", "name": "x"}"#)
            )
            #expect(wrongInBody.error == "wrong api key")
            let noKeyInBody = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                body: ByteBuffer(string: #"{"name": "x"}"#)
            )
            #expect(noKeyInBody.error == "missing api key")
            let revoked = try await client.execute(uri: "/api/v3/checks/", method: .get, headers: Self.key(team, "old"))
            #expect(revoked.status == .unauthorized)
            let body = ByteBuffer(string: #"{"name": "Export", "owner": "ana"}"#)
            let reader = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "wall"),
                body: body
            )
            #expect(reader.status == .forbidden)
            // A member manages only the checks they own.
            let forOther = ByteBuffer(string: #"{"name": "Export", "owner": "lee"}"#)
            let member = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "ana"),
                body: forOther
            )
            #expect(member.status == .forbidden)
            #expect(member.error == "ana may not make someone else a check's owner; a lead can", "\(member.text)")
            let own = try await client.execute(
                uri: "/api/v3/checks/",
                method: .post,
                headers: Self.key(team, "ana"),
                body: body
            )
            #expect(own.status == .created)
            let uuid = try #require(Self.object(own)["uuid"]?.stringValue)
            // Nor may she give away one she owns; the message says so, not that it is not hers.
            let givenAway = try await client.execute(
                uri: "/api/v3/checks/\(uuid)",
                method: .post,
                headers: Self.key(team, "ana"),
                body: ByteBuffer(string: #"{"owner": "lee"}"#)
            )
            #expect(givenAway.status == .forbidden)
            #expect(givenAway.error == "ana may not make someone else a check's owner; a lead can", "\(givenAway.text)")
            // Another team's key: not found, never a hint that it exists.
            let other = try await Self.get(client, team, "/api/v3/checks/\(uuid)", as: "sam")
            #expect(other.status == .notFound)
            let otherList = try await Self.get(client, team, "/api/v3/checks/", as: "sam")
            #expect(Self.object(otherList)["checks"]?.arrayValue?.count == 0)
            // Bearer works as well as X-Api-Key.
            let bearer = try await client.execute(
                uri: "/api/v3/checks/\(uuid)",
                method: .get,
                headers: team.auth("ana")
            )
            #expect(bearer.status == .ok)
        }
    }

    @Test func slugPingsFindTheTeamsCheckAndCreateOneOnlyWhenAsked() async throws {
        try await Self.withTeam { team, client in
            let key = try #require(team.tokens["ana"])
            let unknown = try await client.execute(uri: "/ping/\(key)/backups", method: .get)
            #expect(unknown.status == .notFound)
            #expect(unknown.text == "not found")
            let upper = try await client.execute(uri: "/ping/\(key)/Backups?create=1", method: .get)
            #expect(upper.status == .badRequest)
            #expect(upper.text.hasPrefix("invalid slug: to create a check, use 1 to 100 of lowercase"), "\(upper.text)")
            // A slug longer than the API takes, or a ping refused for its run id, creates nothing.
            let long = try await client.execute(
                uri: "/ping/\(key)/\(String(repeating: "y", count: 101))?create=1",
                method: .get
            )
            #expect(long.status == .badRequest)
            #expect(long.text.hasPrefix("invalid slug"), "\(long.text)")
            let badRID = try await client.execute(uri: "/ping/\(key)/ridbad?create=1&rid=not-a-uuid", method: .get)
            #expect(badRID.status == .badRequest)
            #expect(badRID.text == "invalid uuid format")
            #expect(try await team.store.monitor(team: "payments", slug: "ridbad") == nil)
            #expect(try await team.store.monitor(team: "payments", slug: String(repeating: "y", count: 101)) == nil)
            let created = try await client.execute(uri: "/ping/\(key)/backups?create=1", method: .post)
            #expect(created.status == .created)
            #expect(created.text == "Created")
            #expect(created.headers[HTTPField.Name("Ping-Body-Limit")!] == "10000")
            let monitor = try #require(try await team.store.monitor(team: "payments", slug: "backups"))
            #expect(monitor.owner == "ana")
            #expect(monitor.state.status == .up)
            let again = try await client.execute(uri: "/ping/\(key)/backups?create=1", method: .get)
            #expect(again.status == .ok)
            // Through a proxy: the address it names first is the sender's.
            let failed = try await client.execute(
                uri: "/ping/\(key)/backups/fail",
                method: .get,
                headers: [HTTPField.Name("X-Forwarded-For")!: "203.0.113.7, 10.0.0.1"]
            )
            #expect(failed.status == .ok)
            let exit = try await client.execute(uri: "/ping/\(key)/backups/256", method: .get)
            #expect(exit.status == .badRequest)
            #expect(exit.text == "invalid url format")
            let pings = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)/pings/", as: "ana")
            let types = Self.object(pings)["pings"]?.arrayValue?.compactMap { $0.objectValue?["type"]?.stringValue }
            #expect(types == ["fail", "success", "success"])
            let sender = Self.object(pings)["pings"]?.arrayValue?.first?.objectValue?["remote_addr"]
            #expect(sender == "203.0.113.7")
            // A ping's body (`own run` sends its output) is read back by its number.
            let logged = try await client.execute(
                uri: "/ping/\(key)/backups/log",
                method: .post,
                body: ByteBuffer(string: "exported 1,204 rows\nwarning: slow disk")
            )
            #expect(logged.status == .ok)
            let body = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)/pings/4/body", as: "ana")
            #expect(body.status == .ok)
            #expect(body.text == "exported 1,204 rows\nwarning: slow disk")
            // Bytes as they came: not UTF-8 ones too, not made text (each would become three bytes).
            let raw: [UInt8] = Array("line1\nline2".utf8) + [0xFF, 0xFE, 0x0A]
            let rawPing = try await client.execute(
                uri: "/ping/\(key)/backups/log",
                method: .post,
                body: ByteBuffer(bytes: raw)
            )
            #expect(rawPing.status == .ok)
            let rawBody = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)/pings/5/body", as: "ana")
            #expect(Array(rawBody.body.readableBytesView) == raw)
            let none = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)/pings/99/body", as: "ana")
            #expect(none.status == .notFound)
            // A ping that carried no body has none to give (it answered 200 with nothing), as in healthchecks.
            let empty = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)/pings/1/body", as: "ana")
            #expect(empty.status == .notFound)
            // The fail took it down: its incident loop is named on the check.
            let check = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)", as: "ana")
            #expect(Self.object(check)["status"]?.stringValue == "down")
            let incident = try #require(Self.object(check)["loop"]?.stringValue)
            #expect(incident.hasPrefix("inc-"))
            // The key goes to every channel and ledger: it never shows the uuid, the ping URL's secret.
            #expect(!incident.contains(monitor.uuid.prefix(8)), "\(incident)")
            // Its owner closes the loop while the job still fails: the check names no loop from then
            // on, and the next failure opens a new one.
            let done =
                #"{"id":"close-early","loop":"\#(incident)","at":"2026-11-27T12:05:00Z","by":"ana","type":"done","outcome":"closed early"}"#
            let pushed = try await client.execute(
                uri: "/api/v1/events",
                method: .post,
                headers: [.authorization: "Bearer " + key],
                body: ByteBuffer(string: done)
            )
            #expect(pushed.status == .ok, "\(pushed.text)")
            let closed = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)", as: "ana")
            #expect(Self.object(closed)["loop"] == .null, "\(closed.text)")
            #expect(try await client.execute(uri: "/ping/\(key)/backups/fail", method: .get).status == .ok)
            let reopened = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)", as: "ana")
            let next = try #require(Self.object(reopened)["loop"]?.stringValue, "\(reopened.text)")
            #expect(next.hasPrefix("inc-") && next != incident)
            // A reader's key pings but does not create; another team's key does not see the check.
            let reader = try #require(team.tokens["wall"])
            #expect(try await client.execute(uri: "/ping/\(reader)/backups", method: .get).status == .ok)
            let cannot = try await client.execute(uri: "/ping/\(reader)/nightly?create=1", method: .get)
            #expect(cannot.status == .forbidden)
            #expect(cannot.text.contains("cannot create"), "\(cannot.text)")
            #expect(try await team.store.monitor(team: "payments", slug: "nightly") == nil)
            // An exit status above 255 is a 400 however long it is, and creates nothing.
            for code in ["256", "4294967296", "99999999999"] {
                let refused = try await client.execute(uri: "/ping/\(key)/made-by-exit/\(code)?create=1", method: .get)
                #expect(refused.status == .badRequest, "\(code)")
                let byUUID = try await client.execute(uri: "/ping/\(monitor.uuid)/\(code)", method: .get)
                #expect(byUUID.status == .badRequest, "\(code)")
            }
            #expect(try await team.store.monitor(team: "payments", slug: "made-by-exit") == nil)
            let sam = try #require(team.tokens["sam"])
            #expect(try await client.execute(uri: "/ping/\(sam)/backups", method: .get).status == .notFound)
            #expect(try await client.execute(uri: "/ping/own_nope/backups", method: .get).status == .notFound)
            // Text that is no address is not taken for one.
            let forged = try await client.execute(
                uri: "/ping/\(key)/backups",
                method: .get,
                headers: [HTTPField.Name("X-Forwarded-For")!: "<b>1.2.3.4</b>, 5.6.7.8"]
            )
            #expect(forged.status == .ok)
            let after = try await Self.get(client, team, "/api/v3/checks/\(monitor.uuid)/pings/", as: "ana")
            let latest = Self.object(after)["pings"]?.arrayValue?.first?.objectValue?["remote_addr"]?.stringValue
            #expect(latest?.contains("<b>") == false, "\(latest ?? "nil")")
        }
    }
}
