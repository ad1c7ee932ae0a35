import Foundation
import OwnCore
import Testing

/// `own remote` and `own sync` against a real `own-server` on loopback.
@Suite("Sync with the team server", .serialized)
struct SyncTests {
    /// `own list --all --json` without the loop numbers, which are local to each ledger (keys are global).
    static func loops(_ own: OwnBinary) throws -> [JSONValue] {
        let run = own("list", "--all", "--json")
        #expect(run.code == 0, "\(run.stderr)")
        let value = try JSONParser.parse(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        return (value.arrayValue ?? []).map { loop in
            var members = loop.objectValue ?? [:]
            members["number"] = nil
            return .object(members)
        }.sorted { JSONWriter.string($0) < JSONWriter.string($1) }
    }

    static func events(_ own: OwnBinary) -> [String] {
        own("export").stdout.split(separator: "\n").map(String.init).sorted()
    }

    @Test(arguments: [true, false])
    func twoLedgersWorkingOfflineConvergeWhateverOrderTheySyncIn(anaFirst: Bool) throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana")
        let lee = OwnBinary(user: "lee")
        #expect(ana("remote", server.url, "--token-file", server.tokenFile(person: "ana", role: "member")).code == 0)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)

        // Given a loop of ana's that both ledgers hold,
        let added = ana(
            "add",
            "Charge in euros",
            "--stakes",
            "high",
            "--due",
            "2026-12-04",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        #expect(added.code == 0, "\(added.stderr)")
        #expect(ana("sync").code == 0)
        let first = lee("sync")
        #expect(first.stdout.contains("pulled 1 (1 new here)"), "\(first.stdout)\(first.stderr)")
        let key = try #require(try Self.loops(lee).first?.objectValue?["key"]?.stringValue)

        // when each works offline on it, lee's approval written before ana's later events,
        #expect(lee("approve", "1", "--now", "2026-11-23T10:00:00Z").code == 0)
        #expect(lee("add", "Rotate the bank keys", "--now", "2026-11-23T10:30:00Z").code == 0)
        #expect(ana("note", "1", "draft ready", "--now", "2026-11-23T11:00:00Z").code == 0)
        #expect(ana("block", "1", "waiting on the bank", "--now", "2026-11-23T12:00:00Z").code == 0)

        // and they sync, one order or the other, then the first again,
        let order = anaFirst ? [ana, lee, ana] : [lee, ana, lee]
        for own in order {
            let run = own("sync")
            #expect(run.code == 0, "\(run.stderr)")
        }

        // then both ledgers hold the same events and show the same loops.
        #expect(Self.events(ana) == Self.events(lee))
        #expect(Self.events(ana).count == 5)
        let anaLoops = try Self.loops(ana)
        #expect(anaLoops == (try Self.loops(lee)))
        let charge = try #require(anaLoops.first { $0.objectValue?["key"]?.stringValue == key }?.objectValue)
        #expect(charge["state"] == "blocked")
        #expect(anaLoops.count == 2)
        #expect(server.stop() == 0)
    }

    @Test func theServerRefusesAnEventWrittenAsSomeoneElseAndSaysWhy() throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana")
        #expect(ana("remote", server.url, "--token-file", server.tokenFile(person: "ana", role: "member")).code == 0)
        #expect(ana("add", "Charge in euros", "--as", "lee").code == 0)
        let run = ana("sync")
        #expect(run.code == 1)
        #expect(run.stderr.contains("answered HTTP 403"), "\(run.stderr)")
        #expect(run.stderr.contains("the token speaks for ana"))
    }

    @Test func syncWithoutARemoteSaysHowToSetOne() {
        let ana = OwnBinary(user: "ana")
        let run = ana("sync")
        #expect(run.code == 2)
        #expect(run.stderr == "own: no remote for this ledger; set one with `own remote URL --token-file FILE`\n")
    }
}
