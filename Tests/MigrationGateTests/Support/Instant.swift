import FoundationEssentials

/// An ISO 8601 instant as a date.
func instant(_ text: String) -> Date {
    (try? Date(text, strategy: .iso8601)) ?? Date(timeIntervalSince1970: 0)
}
