import Foundation
import Testing

@Suite("Keys: a unique prefix of four or more characters names a loop in every command")
struct KeyPrefixCommandTests {
    @Test func aUniquePrefixNamesTheLoopAndAnAmbiguousOneListsTheCandidates() throws {
        let own = OwnBinary()
        own.succeeds("add", "First", "--key", "i0ofa1b2c3", "--stakes", "high")
        own.succeeds("add", "Second", "--key", "i0ofz9y8x7", "--stakes", "low")
        let approve = own("approve", "i0ofa", "--as", "lee")
        #expect(approve.code == 0, "\(approve.stderr)")
        #expect(own("show", "i0ofa1").stdout.contains("approved"))
        #expect(own("note", "i0ofz", "progress").code == 0)
        #expect(own("done", "i0ofz9").code == 0)
        #expect(
            own("show", "2").stdout.split(separator: "\n").contains {
                $0.hasPrefix("  state:") && $0.hasSuffix(" done")
            }
        )
        let ambiguous = own("show", "i0of")
        #expect(ambiguous.code == 2)
        #expect(
            ambiguous.stderr
                == "own: \"i0of\" starts the keys of several loops (i0ofa1b2c3, i0ofz9y8x7); give more of the key\n"
        )
        let before = own("export").stdout
        #expect(own("note", "i0of", "which one?").code == 2, "an ambiguous prefix writes nothing")
        #expect(own("export").stdout == before)
        let short = own("show", "i0o")
        #expect(short.code == 2)
        #expect(short.stderr.contains("there is no loop \"i0o\""), "three characters name nothing")
    }

    /// Digits name the loop of that number first; with no loop of that number they start a key as any
    /// other text does (a key made by `own add` may begin with digits).
    @Test func digitsWithNoLoopOfThatNumberStartAKey() {
        let own = OwnBinary()
        own.succeeds("add", "First", "--key", "7777wxyz")
        own.succeeds("add", "Second", "--key", "1234abcd")
        own.succeeds("add", "Third", "--key", "1234abce")
        #expect(own("show", "7777").stdout.hasPrefix("#1 First"), "\(own("show", "7777").stderr)")
        #expect(own("note", "7777", "found by its start").code == 0)
        let ambiguous = own("show", "1234")
        #expect(ambiguous.code == 2)
        #expect(
            ambiguous.stderr.contains("starts the keys of several loops (1234abcd, 1234abce)"),
            "\(ambiguous.stderr)"
        )
        // A number a loop has is that loop, whatever key starts with it.
        #expect(own("show", "0002").stdout.hasPrefix("#2 Second"))
        #expect(own("show", "123").stderr.contains("there is no loop"))
    }

    /// Fewer than four characters of a key name no loop; the refusal says why, not only that there
    /// is no such loop.
    @Test func aKeyStartTooShortSaysHowLongOneMustBe() {
        let own = OwnBinary()
        own.succeeds("add", "A", "--key", "xyzw-unique")
        let run = own("show", "xyz")
        #expect(run.code == 2, "\(run.stderr)")
        #expect(
            run.stderr.contains("there is no loop \"xyz\" (a key's start names a loop from 4 characters)"),
            "\(run.stderr)"
        )
        #expect(!own("show", "#9").stderr.contains("characters"), "a number is no key's start")
        #expect(own("show", "xyzw").code == 0)
    }
}
