import OwnCore
import Testing

@Suite("A unique prefix of four or more characters names a loop; an ambiguous one lists the candidates")
struct KeyPrefixTests {
    let keys = ["i0ofa1b2c3", "i0ofz9y8x7", "k2mmq0p9rr"]

    @Test func aWholeKeyNamesItsLoopWhateverItsLength() throws {
        #expect(try KeyPrefix.resolve("k2m", among: ["k2m", "k2mmq0p9rr"]) == "k2m")
        #expect(try KeyPrefix.resolve("i0ofa1b2c3", among: keys) == "i0ofa1b2c3")
    }

    @Test(arguments: [("i0ofa", "i0ofa1b2c3"), ("i0ofz", "i0ofz9y8x7"), ("k2mm", "k2mmq0p9rr")])
    func aUniquePrefixOfFourOrMoreNamesItsLoop(prefix: String, key: String) throws {
        #expect(try KeyPrefix.resolve(prefix, among: keys.filter { $0.hasPrefix(prefix) }) == key)
    }

    @Test func threeCharactersNameNothingEvenWhenUnique() throws {
        #expect(try KeyPrefix.resolve("k2m", among: ["k2mmq0p9rr"]) == nil)
        #expect(try KeyPrefix.resolve("k2mm", among: ["k2mmq0p9rr"]) == "k2mmq0p9rr")
    }

    @Test func aPrefixOfNoKeyNamesNothing() throws {
        #expect(try KeyPrefix.resolve("zzzz", among: []) == nil)
        #expect(try KeyPrefix.resolve("zzzz", among: ["k2mmq0p9rr"]) == nil, "keys it does not start are no match")
    }

    @Test func anAmbiguousPrefixListsTheCandidates() {
        #expect(throws: CoreError.ambiguousKey(prefix: "i0of", keys: ["i0ofa1b2c3", "i0ofz9y8x7"])) {
            try KeyPrefix.resolve("i0of", among: keys)
        }
        let error = CoreError.ambiguousKey(prefix: "i0of", keys: ["i0ofa1b2c3", "i0ofz9y8x7"])
        #expect(
            error.description
                == "\"i0of\" starts the keys of several loops (i0ofa1b2c3, i0ofz9y8x7); give more of the key"
        )
        let many = CoreError.ambiguousKey(prefix: "aaaa", keys: (1...6).map { "aaaa\($0)" })
        #expect(many.description.contains("aaaa5, …)"))
        #expect(!many.description.contains("aaaa6"))
    }
}
