import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own project`: each project's health, derived from its loops.
    struct ProjectCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "project",
            _superCommandName: "own",
            abstract: "Show projects' health: own project list, own project show NAME.",
            discussion: """
                A loop names its project with --project (own add, own edit; Taskwarrior imports keep theirs). \
                A project is off track when a loop is overdue or its estimated hours left exceed its owners' \
                capacity to the latest due date; at risk when a loop is blocked with no help asked, going dark, \
                or the hours left pass 80 % of that capacity; on track otherwise. Every status comes with its \
                reasons. A dot makes a sub-project: own project list judges each project as it is named; own project \
                show web judges web with its sub-projects (web.auth), as own list --project and own weekly --project \
                take them in.
                """
        )

        /// What `own project` does.
        enum Action: String, NamedValues {
            /// Every project's health.
            case list
            /// One project's health and its live loops.
            case show
        }

        @Argument(help: "List every project, or show one.") var action: Action
        @Argument(help: "The project, for show.") var name: String?
        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            switch action {
            case .list: if name != nil { throw ValidationError("own project list takes no name") }
            case .show: if name == nil { throw ValidationError("own project show needs a project name") }
            }
        }

        func run() throws {
            let context = try global.readingContext().withTimeOff()
            let policy = try PolicySources.policy(context)
            let projects: [ProjectHealth]
            if let name {
                // One project with its sub-projects, found as `own list --project` finds them.
                let within = try context.ledger.loops(LoopQuery(projects: [name]), asOf: context.now)
                guard !within.isEmpty else {
                    throw CLIError("no loop names the project \"\(name)\"; `own project list` shows the projects")
                }
                projects = [
                    ProjectHealth(
                        name: name,
                        loops: within,
                        policy: policy,
                        calendars: context.calendars,
                        now: context.now
                    )
                ]
            } else {
                let loops = try context.ledger.loops(LoopQuery(), asOf: context.now)
                projects = ProjectHealth.all(in: loops, policy: policy, calendars: context.calendars, now: context.now)
            }
            if output.resolved == .json {
                print(JSONWriter.string(.array(projects.map(\.json))))
                return
            }
            var lines: [String] = []
            // Each line holds titles and names from the ledger: escaped, as every listing shows them.
            func emit(_ line: String) { lines.append(TextEscaping.escaped(line)) }
            if projects.isEmpty { emit("no projects: give loops one with --project") }
            for project in projects {
                emit("\(project.name): \(project.status.rawValue)")
                for reason in project.reasons { emit("  \(reason)") }
                if name != nil {
                    for loop in project.live {
                        let due =
                            loop.due.map { " due " + Draft.due($0, on: context.calendars.calendar(for: loop.owner)) }
                            ?? ""
                        emit("  #\(loop.number) \(loop.title) (\(loop.owner), \(loop.state.rawValue)\(due))")
                    }
                }
            }
            let markdown = ReadFormat.markdown(lines, everyHeading: !projects.isEmpty)
            print(output.resolved == .md ? markdown : lines.joined(separator: "\n"))
        }
    }
}
