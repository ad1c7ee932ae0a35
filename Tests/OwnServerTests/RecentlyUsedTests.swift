import Testing

@testable import OwnServer

@Suite("The dashboard's caches hold a bounded number of entries")
struct RecentlyUsedTests {
    @Test func addingPastTheCapacityDropsTheLeastRecentlyUsedEntry() {
        var cache = RecentlyUsed<String, Int>(capacity: 2)
        cache.set("payments", 1)
        cache.set("search", 2)
        #expect(cache.get("payments") == 1)  // payments is now the more recent
        cache.set("billing", 3)
        #expect(cache.count == 2)
        #expect(cache.get("search") == nil)
        #expect(cache.get("payments") == 1)
        #expect(cache.get("billing") == 3)
        cache.set("billing", 4)  // replacing keeps the count
        #expect(cache.count == 2)
        #expect(cache.get("billing") == 4)
        #expect(cache.remove("billing") == 4)
        #expect(cache.count == 1)
        #expect(cache.get("billing") == nil)
        #expect(cache.remove("billing") == nil)
    }
}
