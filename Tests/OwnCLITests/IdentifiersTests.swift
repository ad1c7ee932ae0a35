import OwnCore
import Testing

@testable import OwnCLI

@Suite("New loop keys")
struct IdentifiersTests {
    /// A key of digits only reads as a loop number, and `own add` refused the key it had made itself
    /// (a full test run hit it once): every new key starts with a letter, and so never does.
    @Test func aNewKeyNeverReadsAsALoopNumber() throws {
        for _ in 0..<10_000 {
            let key = Identifiers.loop()
            #expect(key.count == 10)
            #expect(key.first?.isLetter == true, "\(key)")
            try LoopReference.checkKey(key)
        }
    }
}
