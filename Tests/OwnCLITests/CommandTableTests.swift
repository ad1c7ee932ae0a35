import ArgumentParser
import Testing

@testable import OwnCLI

@Suite("The command table `own NAME` is found in")
struct CommandTableTests {
    @Test func everyNameIsItsCommandsName() {
        for (name, type) in Own.commands {
            #expect(type.configuration.commandName == name)
            #expect(type.configuration._superCommandName == "own", "\(name): usage should say `own \(name)`")
        }
        #expect(Set(Own.commands.map(\.name)).count == Own.commands.count)
        #expect(ObjectIdentifier(Own.named(["list", "--all"])) == ObjectIdentifier(Own.List.self))
        #expect(ObjectIdentifier(Own.named(["--help"])) == ObjectIdentifier(Own.self))
    }
}
