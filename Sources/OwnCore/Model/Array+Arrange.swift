extension Array {
    /// Puts the elements in `order` in place: `order[i]` is the index, before, of the element that
    /// goes to `i` (a permutation of the indices). The elements are swapped, never copied: a copy of
    /// a large value (a `Loop`) retains every string and array it holds, and its original is then
    /// released, which is most of what sorting hundreds of them would cost.
    public mutating func arrange(_ order: [Int]) {
        precondition(order.count == count, "an arrangement names every element once")
        // `original[i]`: which element is at `i` now; `position[k]`: where element `k` is now.
        var original = [Int](indices)
        var position = original
        // Swapped through the buffer, which moves the two values; `Array.swapAt` copies them.
        withUnsafeMutableBufferPointer { elements in
            for target in elements.indices {
                let element = order[target]
                let from = position[element]
                guard from != target else { continue }
                elements.swapAt(target, from)
                let displaced = original[target]
                (original[from], position[displaced]) = (displaced, from)
                (original[target], position[element]) = (element, target)
            }
        }
    }
}

extension Array {
    /// The indices of the elements in the order `areInIncreasingOrder` puts them, equal elements in
    /// the order they are in: what `indices.sorted { … }` gives, for `arrange`.
    ///
    /// A merge sort of its own, since the standard library's keeps its runs in a `[Range<Int>]`.
    /// That array's type is made, the first time, from its mangled name, which scans every protocol
    /// conformance in the binary for `Int: Comparable`: 0.28M instructions, a tenth of what `own list`
    /// costs over the floor, paid by the first sort of each command. Like the standard library's, it
    /// merges the runs already in order, so a list read nearly in order (100,000 loops by number) costs
    /// one pass. Inlinable, so that each caller has it made for its elements and its comparison.
    @inlinable
    public func stableOrder(by areInIncreasingOrder: (Element, Element) -> Bool) -> [Int] {
        var order = [Int](indices)
        guard count > 1 else { return order }
        // Where each run already in order starts, then the end.
        var bounds = [0]
        for index in 1..<count where areInIncreasingOrder(self[index], self[index - 1]) { bounds.append(index) }
        bounds.append(count)
        var merged = order
        while bounds.count > 2 {
            // Each two neighbouring runs merged into one; an odd last run copied as it is.
            var joined = [0]
            var run = 0
            while run + 1 < bounds.count {
                let (start, middle) = (bounds[run], bounds[run + 1])
                let end = run + 2 < bounds.count ? bounds[run + 2] : middle
                var (left, right, next) = (start, middle, start)
                while left < middle || right < end {
                    // The left run's element first unless the right one is strictly before it.
                    let takeRight =
                        left == middle || (right < end && areInIncreasingOrder(self[order[right]], self[order[left]]))
                    if takeRight {
                        merged[next] = order[right]
                        right += 1
                    } else {
                        merged[next] = order[left]
                        left += 1
                    }
                    next += 1
                }
                joined.append(end)
                run += 2
            }
            swap(&order, &merged)
            bounds = joined
        }
        return order
    }
}
