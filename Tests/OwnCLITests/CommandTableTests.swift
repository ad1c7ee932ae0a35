import ArgumentParser
import Testing

@testable import OwnCLI

@Suite("The command table `own NAME` is found in")
struct CommandTableTests {
    @Test func everyNameIsItsCommandsName() {
        for command in Own.commands {
            let (name, configuration) = (command.name, command.type.configuration)
            #expect(configuration.commandName == name)
            #expect(configuration._superCommandName == "own", "\(name): usage should say `own \(name)`")
        }
        #expect(Set(Own.commands.map(\.name)).count == Own.commands.count)
        #expect(ObjectIdentifier(Own.named(["list", "--all"])) == ObjectIdentifier(Own.List.self))
        #expect(ObjectIdentifier(Own.named(["--help"])) == ObjectIdentifier(Own.self))
    }

    /// The table, not a cast at run time, says which commands read their everyday forms: exactly
    /// those that conform to `EverydayCommand`.
    @Test func theCommandsWithAnEverydayReadingAreTheEverydayCommands() {
        for command in Own.commands {
            #expect((command.everydayReading != nil) == (command.type is any EverydayCommand.Type), "\(command.name)")
        }
        let everyday = Own.commands.filter { $0.everydayReading != nil }.map(\.name)
        #expect(everyday == ["add", "list", "show", "start", "note", "done", "standup", "weekly"])
        let show = Own.subcommand(["show", "3", "--json"])?.everydayReading?(["3", "--json"]) as? Own.Show
        #expect(show?.loop == "3")
        #expect(show?.output.resolved == .json)
    }
}
