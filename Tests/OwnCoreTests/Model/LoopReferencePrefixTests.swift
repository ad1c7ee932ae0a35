import OwnCore
import Testing

@Suite("A key prefix of four or more characters names a loop")
struct LoopReferencePrefixTests {
    @Test func aPrefixThatStartsOneKeyNamesIt() throws {
        #expect(try LoopReference.key(byPrefix: "pay-b", among: ["pay-b1"]) == "pay-b1")
        #expect(try LoopReference.key(byPrefix: "pay-", among: ["pay-b1"]) == "pay-b1")
    }

    @Test func fewerThanFourCharactersNameNothing() throws {
        #expect(try LoopReference.key(byPrefix: "pay", among: ["pay-b1"]) == nil)
        #expect(try LoopReference.key(byPrefix: "", among: ["pay-b1"]) == nil)
    }

    @Test func aPrefixThatStartsNoKeyNamesNothing() throws {
        #expect(try LoopReference.key(byPrefix: "refu", among: []) == nil)
        // Keys a store returned that do not start with it are not taken for a match.
        #expect(try LoopReference.key(byPrefix: "refu", among: ["pay-b1"]) == nil)
    }

    @Test func aPrefixOfSeveralKeysIsRefusedWithWhatToDo() {
        #expect(throws: CoreError.ambiguousLoop(prefix: "pay-")) {
            try LoopReference.key(byPrefix: "pay-", among: ["pay-b1", "pay-c2"])
        }
        #expect(
            CoreError.ambiguousLoop(prefix: "pay-").description
                == "\"pay-\" starts the keys of several loops; give more of the key"
        )
    }
}
