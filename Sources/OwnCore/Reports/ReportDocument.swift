/// A report laid out for people: a title, a line under it, sections of entries. Text, Markdown and
/// Slack all render this one shape, so the three always say the same thing.
public struct ReportDocument: Sendable, Equatable {
    /// The heading: "Standup: alice".
    public var title: String
    /// The line under it: the date and the window.
    public var subtitle: String?
    /// Lines before the sections (a notice's addressees).
    public var lead: [String]
    /// The sections; empty ones are left out when rendered.
    public var sections: [Section]
    /// The one line said when every section is empty.
    public var empty: String

    /// A document from its parts.
    public init(title: String, subtitle: String? = nil, lead: [String] = [], sections: [Section], empty: String) {
        self.title = title
        self.subtitle = subtitle
        self.lead = lead
        self.sections = sections
        self.empty = empty
    }

    /// A titled list of entries.
    public struct Section: Sendable, Equatable {
        /// The heading: "Done", "Blockers".
        public var heading: String
        /// The entries, in order.
        public var entries: [Entry]

        /// A section.
        public init(heading: String, entries: [Entry]) {
            self.heading = heading
            self.entries = entries
        }
    }

    /// One entry: a loop (reference and title) or a plain line (title only), with details under it.
    public struct Entry: Sendable, Equatable {
        /// `#12`, when the entry is about a loop.
        public var reference: String?
        /// Where the loop can be seen, when known.
        public var link: String?
        /// The main text.
        public var title: String
        /// What follows the title.
        public var summary: String?
        /// Lines under the entry.
        public var details: [String]

        /// An entry.
        public init(
            reference: String? = nil,
            link: String? = nil,
            title: String,
            summary: String? = nil,
            details: [String] = []
        ) {
            self.reference = reference
            self.link = link
            self.title = title
            self.summary = summary
            self.details = details
        }
    }

    /// The sections that have something to say.
    public var filledSections: [Section] { sections.filter { !$0.entries.isEmpty } }

    /// Whether there is nothing to report.
    public var isEmpty: Bool { filledSections.isEmpty }
}
