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
