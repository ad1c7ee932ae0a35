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
    @Test func theCommandsWithAnEverydayReadingAreTheEverydayCommands() throws {
        for command in Own.commands {
            #expect((command.everydayReading != nil) == (command.type is any EverydayCommand.Type), "\(command.name)")
        }
        let everyday = Own.commands.filter { $0.everydayReading != nil }.map(\.name)
        #expect(everyday == ["add", "list", "show", "start", "note", "done", "standup", "weekly"])
        // What the table runs for a form the parser must read: nothing, and false.
        #expect(try Own.subcommand(["show", "--help"])?.everydayReading?(["--help"]) == false)
        #expect(try Own.subcommand(["list", "--owner=bob"])?.everydayReading?(["--owner=bob"]) == false)
    }
}
