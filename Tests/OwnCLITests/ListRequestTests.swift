import ArgumentParser
import Testing

@testable import OwnCLI

@Suite("`own list` read without the argument parser")
struct ListRequestTests {
    @Test(arguments: [
        [],
        ["--json"],
        ["--format", "md"],
        ["--format", "md", "--json"],
        ["--json", "--format", "text"],
        ["--owner", "all", "--all"],
        ["--owner", "bob", "--delegated"],
        ["@payments", "--tag", "urgent", "--tag", "a,b", "--grep", "login"],
        ["--project", "search", "--affects", "ops", "--as", "ann"],
        ["--db", "/tmp/ledger.sqlite", "--now", "2026-11-27T16:00:00Z", "--config", "c.toml", "--policy", "p.toml"],
        ["--owner", ""],
    ])
    func readsAsTheParserDoes(_ arguments: [String]) throws {
        let fast = try #require(ListRequest(arguments: arguments))
        #expect(fast == ListRequest(try Own.List.parse(arguments)))
    }

    @Test(arguments: [
        ["--help"], ["-h"], ["help"], ["--state", "open"], ["--kind", "bug"], ["--stakes", "high"],
        ["--due-before", "fri"], ["--owner=bob"], ["--owner"], ["--owner", "-x"], ["--owner", "a", "--owner", "b"],
        ["--json", "--json"], ["--format", "yaml"], ["payments"], ["@a", "@b"], ["--", "@a"], ["--version"],
        ["--generate-completion-script", "bash"], ["--jsn"],
    ])
    func leavesTheRestToTheParser(_ arguments: [String]) {
        #expect(ListRequest(arguments: arguments) == nil)
    }
}
