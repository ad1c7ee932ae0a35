import OwnCore
import Testing

@Suite("A PostgreSQL URL reads as libpq reads it")
struct PostgresURLTests {
    @Test func everyPartIsReadAndDecoded() throws {
        let url = try #require(
            PostgresURL("postgresql://own%40team:p%3Ass@db.example:6432/own_server?sslmode=require&x")
        )
        #expect(url.user == "own@team")
        #expect(url.password == "p:ss")
        #expect(url.host == "db.example")
        #expect(url.port == 6432)
        #expect(url.database == "own_server")
        #expect(url.options == [.init(name: "sslmode", value: "require"), .init(name: "x", value: "")])
    }

    @Test func whatItLeavesOutTakesLibpqsDefaults() throws {
        let url = try #require(PostgresURL("postgres://"))
        #expect(url == PostgresURL("postgres://postgres@localhost:5432"))
        #expect(url.database == nil)
        #expect(url.password == nil)
    }

    @Test func aBracketedIPv6HostKeepsItsColons() throws {
        let url = try #require(PostgresURL("postgres://[::1]:5433/own"))
        #expect(url.host == "::1")
        #expect(url.port == 5433)
    }

    @Test(arguments: [
        "mysql://localhost/own", "postgres://localhost:port/own", "postgres://localhost:70000/own",
        "postgres://localhost:0/own", "postgres://[::1]x/own", "postgres://:pw@localhost/own",
    ])
    func aURLThatIsNotOneIsRefused(url: String) {
        #expect(PostgresURL(url) == nil)
    }
}
