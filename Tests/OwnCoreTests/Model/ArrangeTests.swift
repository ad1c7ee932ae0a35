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
