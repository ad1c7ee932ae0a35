import Foundation
import Testing

@Suite("A bad configuration is an error naming the key, in every command that reads it")
struct ConfigurationCheckTests {
    static let commands: [[String]] = [
        ["list"], ["add", "x"], ["standup"], ["weekly"], ["doctor"], ["policy"], ["ics"], ["export"],
    ]

    @Test(arguments: [
        ("[policy]\ncapacity = \"six\"\n", "capacity"), ("[policy]\ncapacity = -5\n", "capacity"),
        ("[policy]\ncapacty = 6\n", "capacty"), ("[polcy]\ncapacity = 6\n", "polcy"), ("user = 42\n", "user"),
        ("repos = \"~/src\"\n", "repos"),
    ])
    func everyCommandRefusesIt(toml: String, key: String) throws {
        let own = OwnBinary()
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file("config/own/config.toml", toml)
        for command in Self.commands {
            let run = own.run(command)
            #expect(run.code == 2, "own \(command.joined(separator: " ")): \(run.stderr)")
            #expect(run.stderr.hasPrefix("own: ") && run.stderr.contains(key), "\(run.stderr)")
        }
    }

    /// The value is quoted as it was written, once, and the message says what the key takes.
    @Test(arguments: [
        (
            "capacity = \"six\"",
            "config.toml [policy]: capacity = \"six\" cannot be used: it takes hours of work per working day"
        ),
        ("capacity = -5", "config.toml [policy]: capacity = -5 cannot be used: it takes hours of work per working day"),
    ])
    func aBadValueSaysWhatTheKeyTakes(line: String, message: String) throws {
        let own = OwnBinary()
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file("config/own/config.toml", "[policy]\n" + line + "\n")
        let run = own.run(["doctor"])
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: ") && run.stderr.contains(message), "\(run.stderr)")
    }

    @Test func aGoodConfigurationIsAccepted() throws {
        let own = OwnBinary()
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        _ = own.file("config/own/config.toml", "user = \"kim\"\nrepos = []\n[policy]\ncapacity = 5\n[post]\n")
        for command in Self.commands {
            let run = own.run(command)
            #expect(run.code == 0, "own \(command.joined(separator: " ")): \(run.stderr)")
        }
    }
}
