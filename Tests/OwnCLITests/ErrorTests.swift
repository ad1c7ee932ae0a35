import Foundation
import OwnCore
import Testing

@Suite("Errors: one line, the right exit code, the ledger untouched")
struct ErrorTests {
    func exported(_ own: OwnBinary) -> String {
        own("export").stdout
    }

    @Test(arguments: [
        (["note", "9", "x"], "there is no loop \"9\""),
        (["add", "x", "--stakes", "huge"], "--stakes \"huge\" is not one of: routine, low, medium, high, critical"),
        (["add", "x", "--due", "someday"], "use YYYY-MM-DD"),
        (["add", "x", "--estimate", "lots"], "cannot read the estimate"),
        (["add", "x", "--autonomy", "9"], "from 1 to 5"),
        (["add", ""], "needs a title"),
        (["done", "1"], "already done"),
        (["unblock", "1"], "not blocked"),
        (["start", "1"], "cannot start"),
        (["block", "1", "r"], "cannot block"),
        (["stage", "1", "shipping"], "stage \"shipping\" is not one of"),
        (["list", "--state", "sleeping"], "--state \"sleeping\""),
        (["edit", "1"], "nothing to change"),
        (["add", "x", "--now", "last tuesday"], "--now"),
        (["frobnicate"], "Unexpected argument"),
    ])
    func usageAndInputErrorsExitTwo(arguments: [String], message: String) {
        let own = OwnBinary()
        own("add", "Closed loop")
        own("done", "1")
        let before = exported(own)
        let run = own.run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.contains(message), "\(run.stderr)")
        #expect(!run.stderr.contains("Fatal error"))
        #expect(exported(own) == before, "a failed command leaves the ledger as it was")
    }

    @Test func aFileThatIsNotALedgerIsAStorageErrorAndIsNotOverwritten() throws {
        let own = OwnBinary()
        let path = own.file("notes.txt", "not a database, just notes\n")
        let run = own("list", "--db", path)
        #expect(run.code == 3)
        #expect(run.stderr.hasPrefix("own: ") && run.stderr.contains("is not an own ledger"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a database, just notes\n")
    }

    @Test func aMissingFolderForTheLedgerIsAStorageError() {
        let own = OwnBinary()
        let run = own("add", "x", "--db", own.folder + "/no/such/folder/ledger.sqlite")
        #expect(run.code == 3)
        #expect(run.stderr.contains("cannot open the ledger"))
    }

    @Test func aBadFlagNamesTheCommandAsPeopleTypeIt() {
        let own = OwnBinary()
        let run = own("show", "1", "--colour")
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("Error: Unknown option '--colour'\nUsage: own show <loop>"), "\(run.stderr)")
        #expect(run.stderr.hasSuffix("  See 'own show --help' for more information.\n"), "\(run.stderr)")
        #expect(own("show", "--help").stdout.contains("USAGE: own show <loop>"))
    }

    @Test func helpIsNotAnError() {
        let own = OwnBinary()
        let run = own("--help")
        #expect(run.code == 0)
        #expect(run.stdout.contains("SUBCOMMANDS"))
        #expect(own("add", "--help").stdout.contains("--done-when"))
    }
}
