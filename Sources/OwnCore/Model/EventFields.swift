/// The members of an event beyond the five every event has (`Event.fields`), known or not, in the
/// order they were read or given. An event holds a few (a `created` one up to sixteen known ones),
/// so a name is found by comparing names in turn: a dictionary hashed every name as a line was read
/// and again at each look-up, allocated a table sized for growth, and took a tenth of an import's
/// reading thread. Equal whatever the order of the members, as a dictionary is.
public struct EventFields: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (key: String, value: JSONValue)

    /// Each name once.
    private var members: [Element]

    /// No members.
    public init() {
        members = []
    }

    /// The members of a dictionary, in name order.
    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// Members given as a literal: a name given twice is a mistake, as in a dictionary literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = []
        members.reserveCapacity(elements.count)
        for (name, value) in elements {
            precondition(self[name] == nil, "the field \"\(name)\" is given twice")
            members.append((name, value))
        }
    }

    /// No members, with room for `capacity` of them.
    init(capacity: Int) {
        members = []
        members.reserveCapacity(capacity)
    }

    /// The value of the member with this name; setting nil removes the member, a value replaces
    /// it or adds it last.
    public subscript(name: String) -> JSONValue? {
        get {
            index(of: name).map { members[$0].value }
        }
        set {
            switch (index(of: name), newValue) {
            case (let index?, let value?): members[index].value = value
            case (let index?, nil): members.remove(at: index)
            case (nil, let value?): members.append((name, value))
            case (nil, nil): break
            }
        }
    }

    /// Names of another length are told apart by it: comparing two different strings called into
    /// the standard library, for most members of every line an import reads.
    private func index(of name: String) -> Int? {
        let length = name.utf8.count
        return members.firstIndex { $0.key.utf8.count == length && $0.key == name }
    }

    /// Adds a member with a name not yet among them; false, and nothing added, when it is.
    /// `names`, when given, holds the names already added (a line with many members is read
    /// without comparing each new name with every one before it).
    /// Both are moved in: borrowed, they were copied into the members (retained once more, and the
    /// caller's released), for every member of every line of an import.
    mutating func add(_ name: consuming String, _ value: consuming JSONValue, names: inout Set<String>?) -> Bool {
        if members.count == Self.compared, names == nil { names = Set(members.lazy.map(\.key)) }
        if names != nil {
            guard names!.insert(copy name).inserted else { return false }
        } else if index(of: name) != nil {
            return false
        }
        members.append((name, value))
        return true
    }

    /// Members past which a new name is looked up in a set, not compared with each (`add`).
    private static let compared = 32

    public var count: Int { members.count }
    public var isEmpty: Bool { members.isEmpty }
    public var keys: [String] { members.map(\.key) }
    public var values: [JSONValue] { members.map(\.value) }

    /// The members as a dictionary (an object of the interchange format).
    public var dictionary: [String: JSONValue] {
        Dictionary(members.lazy.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// The members that pass `isIncluded`, in their order.
    public func filter(_ isIncluded: (Element) throws -> Bool) rethrows -> EventFields {
        var kept = self
        kept.members = try members.filter(isIncluded)
        return kept
    }

    public func makeIterator() -> IndexingIterator<[Element]> {
        members.makeIterator()
    }

    public static func == (left: EventFields, right: EventFields) -> Bool {
        left.count == right.count && left.members.allSatisfy { right[$0.key] == $0.value }
    }

    /// Whatever the order of the members, as `==` is.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in members {
            var one = Hasher()
            one.combine(member.key)
            one.combine(member.value)
            combined ^= one.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(combined)
    }
}
