import Testing

@testable import OwnCore

@Suite("Sorting report items by a key")
struct StableSortTests {
    @Test func ordersByTheKeyAndKeepsTiesInTheirOrder() {
        let words = ["pear", "fig", "apple", "kiwi", "date", "plum"]
        #expect(words.stablySorted { $0.count } == ["fig", "pear", "kiwi", "date", "plum", "apple"])
        #expect([String]().stablySorted { $0.count }.isEmpty)
    }
}
