import Foundation
import OwnCore
import Testing

@Suite("Trimming takes the same blanks from a text's ends as Foundation's character sets")
struct TrimmingTests {
    /// Every scalar of the Basic Multilingual Plane, alone, at both ends of a word and inside one:
    /// `trimming` keeps or drops it as Foundation does, for each of the three sets commands use.
    @Test(arguments: [
        (Blank.spaces, CharacterSet.whitespaces), (.newlines, .newlines),
        (.spacesAndNewlines, .whitespacesAndNewlines),
    ])
    func everyScalarIsTrimmedAsFoundationTrimsIt(blank: Blank, set: CharacterSet) {
        var differences: [String] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(Character(scalar))
            for text in [character, character + "own" + character, "o" + character + "wn", " " + character] {
                let ours = text.trimming(blank)
                if ours != text.trimmingCharacters(in: set) { differences.append(String(value, radix: 16)) }
                #expect(blank.contains(scalar) == set.contains(scalar), "U+\(String(value, radix: 16))")
            }
        }
        #expect(differences.isEmpty, "U+\(differences.prefix(10).joined(separator: ", U+"))")
    }

    /// Blank is what trimming leaves nothing of: Unicode's white space, and the zero-width space,
    /// which shows nothing (a title of one was stored and listed as an empty column).
    @Test func blankTextIsWhatTrimmingLeavesNothingOf() {
        for value in UInt32(0)...0x3000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar)) + String(Character(scalar))
            #expect(TextEscaping.isBlank(text) == text.trimming(.spacesAndNewlines).isEmpty, "U+\(value)")
            if scalar.properties.isWhitespace { #expect(TextEscaping.isBlank(text), "U+\(value)") }
        }
        #expect(TextEscaping.isBlank("\u{200B}") && TextEscaping.isBlank("") && !TextEscaping.isBlank(" a "))
    }

    @Test func aSubstringIsTrimmedToAString() {
        let line = "  name = carl \t"
        #expect(line.split(separator: "=")[0].trimming(.spaces) == "name")
        #expect(line.split(separator: "=")[1].trimming(.spaces) == "carl")
        #expect(" \n\u{2028}".trimming(.spacesAndNewlines) == "")
        #expect("\ncarl\n".trimming(.spaces) == "\ncarl\n")
    }
}
