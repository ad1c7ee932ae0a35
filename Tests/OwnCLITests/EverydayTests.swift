import ArgumentParser
import Testing

@testable import OwnCLI

/// Every property of a parsed command and its option groups, with its value, as text.
private func dumped(_ command: any ParsableCommand) -> String {
    var text = ""
    dump(command, to: &text)
    return text
}

/// The everyday reading of these arguments beside the parser's: equal, or nil where it leaves them
/// to the parser.
private func bothWays<Command: EverydayCommand>(
    _ type: Command.Type,
    _ arguments: [String]
) throws -> (
    everyday: String?, parser: String
) {
    (Command.everyday(arguments).map(dumped), dumped(try Command.parse(arguments)))
}

@Suite("The everyday forms of the commands typed most, read without the argument parser")
struct EverydayTests {
    static let global = ["--db", "/tmp/l.sqlite", "--now", "2026-11-27T16:00:00Z", "--as", "ann"]
    static let files = ["--config", "c.toml", "--policy", "p.toml"]

    @Test(arguments: [
        [], ["--json"], ["--format", "md"], ["--format", "json", "--json"], ["--json", "--format", "json"],
        ["--owner", "all", "--all"], ["--owner", "bob", "--delegated"],
        ["@payments", "--tag", "urgent", "--tag", "a,b", "--grep", "login"],
        ["--project", "search", "--affects", "ops", "--as", "ann"], global + files, ["--owner", " ALL "],
        ["--state", "open,active"], ["--kind", "bug,debt", "--stakes", "high"], ["--due-before", "fri"],
        ["payments"], ["help"], [""],
    ])
    func listReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.List.self, arguments)
        #expect(everyday == parser)
        // What `own list` runs, read without the command's property wrappers, is the request the
        // parsed command makes.
        var (read, parsed) = ("", "")
        let given = try EverydayArguments(arguments, Own.List.everydayGrammar)
        dump(try ListRequest(everyday: given), to: &read)
        dump(ListRequest(try Own.List.parse(arguments)), to: &parsed)
        #expect(read == parsed)
    }

    @Test(arguments: [
        ["3"], ["#3"], ["k7f2"], ["3", "--json"], ["--format", "md", "3"], ["3"] + global + files, ["help"], [""],
    ])
    func showReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.Show.self, arguments)
        #expect(everyday == parser)
    }

    @Test(arguments: [
        ["Fix the login timeout"],
        ["Fix it", "--due", "fri", "--done-when", "p99 < 1s", "--stakes", "high", "--kind", "bug"],
        ["--autonomy", "2", "Ship", "--stage", "none", "--estimate", "6h", "--owner", "bob", "--project", "x"],
        ["Ship", "--stage", "deploy", "--tag", "a", "--tag", "b,c", "--affects", "ops", "--affects", "support"],
        ["Ship", "--origin", "1:1", "--ux", "none", "--touches", "db", "--if-it-fails", "rollback", "--key", "k1"],
        ["Ship"] + global,
    ])
    func addReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.Add.self, arguments)
        #expect(everyday == parser)
    }

    @Test(arguments: [["3"], ["3", "halfway"], ["3", "--note", "halfway"], ["#3", "a note"] + global])
    func noteReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.Note.self, arguments)
        #expect(everyday == parser)
    }

    @Test(arguments: [["3"], ["3"] + global])
    func startReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.Start.self, arguments)
        #expect(everyday == parser)
    }

    @Test(arguments: [
        ["3"], ["3", "--outcome", "shipped", "--verified", "--monitored-by", "alert", "--guard", "a test"],
        ["3"] + global,
    ])
    func doneReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.Done.self, arguments)
        #expect(everyday == parser)
    }

    @Test(arguments: [
        [], ["--json"], ["--format", "slack"], ["--owner", "all", "--format", "md"],
        ["--mark", "--post", "team", "--post-timeout", "2.5"], global + files,
    ])
    func standupReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.StandupCommand.self, arguments)
        #expect(everyday == parser)
    }

    @Test(arguments: [
        [], ["--since", "mon", "--until", "2026-11-27"], ["--project", "search", "--json"],
        ["--owner", "bob"] + global,
    ])
    func weeklyReadsAsTheParserDoes(_ arguments: [String]) throws {
        let (everyday, parser) = try bothWays(Own.WeeklyCommand.self, arguments)
        #expect(everyday == parser)
    }

    /// What the parser reads alone: help, its own spellings, mistakes, and values it would refuse.
    @Test(arguments: [
        ["--help"], ["-h"], ["--version"], ["--generate-completion-script", "bash"], ["--owner=bob"], ["--owner"],
        ["--owner", "-x"], ["--owner", "a", "--owner", "b"], ["--json", "--json"], ["--format", "yaml"],
        ["@a", "@b"], ["--", "@a"], ["--jsn"], ["--state", "opn"], ["--kind", ""], ["--due-before", "-1d"],
    ])
    func listLeavesTheRestToTheParser(_ arguments: [String]) {
        #expect(Own.List.everyday(arguments) == nil)
    }

    @Test(arguments: [
        [], ["3", "4"], ["-3"], ["3", "--help"], ["3", "--json", "--json"], ["3", "--format", "yaml"],
    ])
    func showLeavesTheRestToTheParser(_ arguments: [String]) {
        #expect(Own.Show.everyday(arguments) == nil)
    }

    @Test(arguments: [
        [], ["Ship", "--stakes", "huge"], ["Ship", "--autonomy", "two"], ["Ship", "--stage", "nowhere"],
        ["Ship", "--tag", "-old"], ["Ship", "--due", "-1d"], ["Ship", "--due", "fri", "--due", "mon"], ["a", "b"],
    ])
    func addLeavesTheRestToTheParser(_ arguments: [String]) {
        #expect(Own.Add.everyday(arguments) == nil)
    }

    @Test(arguments: [["--post-timeout", "0"], ["--post-timeout", "soon"], ["--format", "pdf"], ["today"]])
    func standupLeavesTheRestToTheParser(_ arguments: [String]) {
        #expect(Own.StandupCommand.everyday(arguments) == nil)
    }
}
