import OwnCore
import Testing

@Suite("Putting an array's elements in an order in place")
struct ArrangeTests {
    @Test func everyPermutationOfFourPutsEachElementWhereItsOrderSays() {
        let elements = ["a", "b", "c", "d"]
        func permutations(_ rest: [Int]) -> [[Int]] {
            guard !rest.isEmpty else { return [[]] }
            return rest.flatMap { first in permutations(rest.filter { $0 != first }).map { [first] + $0 } }
        }
        let orders = permutations(Array(elements.indices))
        #expect(orders.count == 24)
        for order in orders {
            var arranged = elements
            arranged.arrange(order)
            #expect(arranged == order.map { elements[$0] })
        }
    }

    /// The same order as the standard library's stable sort, ties in their first order: every size
    /// up to 70, keys at random with many ties and with none, already in order, reversed, and two
    /// runs in order one after the other (a list decoded on two threads).
    @Test func stableOrderIsTheStandardLibrarysStableSort() {
        var random = SeededRandom(state: 11)
        for count in 0...70 {
            var keyings: [[Int]] = [1, 3, count + 1].map { spread in
                (0..<count).map { _ in Int.random(in: 0..<spread, using: &random) }
            }
            keyings += [Array(0..<count), Array((0..<count).reversed())]
            keyings.append((0..<count).map { $0 < count / 3 ? 2 * $0 : 2 * ($0 - count / 3) + 1 })
            for keys in keyings {
                // Each element a key and its first position, so a tie broken the wrong way shows.
                let elements = keys.enumerated().map { (key: $0.element, at: $0.offset) }
                let order = elements.stableOrder { $0.key < $1.key }
                let expected = elements.indices.sorted { elements[$0].key < elements[$1].key }
                #expect(order == expected, "keys \(keys)")
            }
        }
        #expect([3, 1, 2].stableOrder(by: >) == [0, 2, 1])
    }

    @Test func loopsAreSortedByUrgencyWithTheirFieldsIntact() {
        // Large values with strings: moved by swaps, they keep every field.
        let now = Timestamp.parse("2026-11-27T16:00:00Z")!
        var loops = (1...5).map { number in
            var loop = Loop.fold([
                event(
                    .created,
                    "2026-11-2\(number)T09:00:00Z",
                    loop: "L\(number)",
                    ["title": .string("loop \(number) of five")]
                )
            ])!
            loop.number = number
            return loop
        }
        loops[3].stakes = .critical
        let sorted = Loop.byUrgency(loops, now: now, calendars: Calendars())
        #expect(sorted.map(\.number) == [4, 1, 2, 3, 5])
        #expect(
            sorted.map(\.title) == [
                "loop 4 of five", "loop 1 of five", "loop 2 of five", "loop 3 of five", "loop 5 of five",
            ]
        )
    }
}
