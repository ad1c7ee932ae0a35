import Foundation
import OwnCore
import Testing

@Suite("Taskwarrior exports: recurring templates, kept dates")
struct TaskwarriorTasksTests {
    static let template =
        #"{"uuid":"t0","description":"Weekly backup check","entry":"20261101T090000Z","status":"recurring","recur":"weekly","due":"20261106T170000Z","mask":"--"}"#
    static let instance =
        #"{"uuid":"i1","description":"Weekly backup check","entry":"20261101T090000Z","status":"pending","parent":"t0","imask":2,"due":"20261120T170000Z","wait":"20261118T090000Z","scheduled":"20261119T090000Z","until":"20261127T170000Z"}"#

    @Test func aRecurringTemplateIsNotALoopButItsInstancesAre() throws {
        let events = try TaskwarriorTasks.events(fromExport: "[\(Self.template),\(Self.instance)]", by: "ana")
        #expect(Set(events.map(\.loop)) == ["tw-i1"])
    }

    @Test func waitScheduledAndUntilAreKept() throws {
        let events = try TaskwarriorTasks.events(fromExport: Self.instance, by: "ana")
        let created = try #require(events.first { $0.type == .created })
        #expect(created.fields["wait"] == "2026-11-18T09:00:00Z")
        #expect(created.fields["scheduled"] == "2026-11-19T09:00:00Z")
        #expect(created.fields["until"] == "2026-11-27T17:00:00Z")
        #expect(created.fields["due"] == "2026-11-20T17:00:00Z")
    }

    /// A blank tag names nothing, and no filter can find it (`own list --tag ""` is refused): left out.
    @Test func blankTagsAreLeftOut() throws {
        let task =
            #"{"uuid":"g1","description":"Tagged","entry":"20261101T090000Z","status":"pending","tags":["bug","","  ","docs"]}"#
        let created = try #require(
            try TaskwarriorTasks.events(fromExport: task, by: "ana").first { $0.type == .created }
        )
        #expect(created.fields["tags"] == .array(["bug", "docs"]))
        #expect(created.fields["kind"] == "bug")
    }

    /// Blanks around a uuid, a tag, a project or a dependency are no part of them: a padded uuid made
    /// a second loop of a task imported again with a clean one, and a padded tag one no filter found.
    @Test func blanksAroundNamesAreTrimmedAndATagGivenTwiceIsKeptOnce() throws {
        let task =
            #"{"uuid":" u1 ","description":"Padded","entry":"20261101T090000Z","status":"pending","#
            + #""tags":[" a ","b","b","a"],"project":"  billing ","depends":[" u2"]}"#
        let events = try TaskwarriorTasks.events(fromExport: task, by: "ana")
        let created = try #require(events.first { $0.type == .created })
        #expect(created.loop == "tw-u1")
        #expect(created.fields["tags"] == .array(["a", "b"]))
        #expect(created.fields["project"] == "billing")
        #expect(created.fields["dependsOn"] == .array(["tw-u2"]))
        let clean = #"{"uuid":"u1","description":"Padded","entry":"20261101T090000Z","status":"pending"}"#
        #expect(try TaskwarriorTasks.events(fromExport: clean, by: "ana").first?.loop == created.loop)
    }

    /// A priority with blanks around it is that priority, and a blank annotation says nothing (a blank
    /// note is refused everywhere else): it is left out.
    @Test func aPaddedPriorityIsReadAndABlankAnnotationLeftOut() throws {
        let task =
            #"{"uuid":"p1","description":"Padded","entry":"20261101T090000Z","status":"pending","#
            + #""priority":" M ","annotations":[{"entry":"20261102T090000Z","description":"  "},"#
            + #"{"entry":"20261103T090000Z","description":"called them"}]}"#
        let events = try TaskwarriorTasks.events(fromExport: task, by: "ana")
        #expect(events.first { $0.type == .created }?.fields["stakes"] == "medium")
        #expect(events.filter { $0.type == .noted }.map { $0.string("note") } == ["called them"])
    }

    /// `task export` with `json.array=off` writes a task a line, each but the last ending with a comma.
    @Test func anExportOfATaskALineIsRead() throws {
        let text =
            #"{"uuid":"l1","description":"One","entry":"20261101T090000Z","status":"pending"},"# + "\r\n"
            + #"{"uuid":"l2","description":"Two","entry":"20261101T090000Z","status":"pending"}"# + "\n"
        let events = try TaskwarriorTasks.events(fromExport: text, by: "ana")
        #expect(events.map(\.loop) == ["tw-l1", "tw-l2"])
    }

    @Test func aBlankDescriptionIsRefused() {
        #expect(throws: CoreError.self) {
            try TaskwarriorTasks.events(
                fromExport: #"{"uuid":"b","description":"  ","entry":"20261101T090000Z","status":"pending"}"#,
                by: "ana"
            )
        }
    }
}
