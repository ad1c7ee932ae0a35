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
        // In the tables the commands read: a misspelt key, or a value of the wrong type.
        ("[people.kim]\nhour = \"10:00-12:00\"\n", "[people.kim] has no setting \"hour\""),
        ("[people.kim]\ntz = 5\n", "[people.kim] tz must be"), ("[people]\nkim = 3\n", "people.kim must be a table"),
        ("[calendar]\nworkday = \"Sun-Thu\"\n", "[calendar] has no setting \"workday\""),
        // A zone no calendar has: `own policy` showed its thresholds while every other command refused it.
        ("[calendar]\ntz = \"Mars/Base\"\n", "[calendar] tz \"Mars/Base\""),
        ("[people.kim]\ntz = \"Mars/Base\"\n", "[people.kim] tz \"Mars/Base\""),
        ("[team]\nlead-duties = \"release\"\n", "[team] lead-duties must be"),
        ("[team]\nlead-duties = [\"\", \"  \"]\n", "[team] lead-duties must be"),
        ("[team]\nlead-duties = [\"Release\", \"release\"]\n", "[team] lead-duties must be"),
        ("[team]\nlead-duties = [\"release\", \"release \"]\n", "[team] lead-duties must be"),
        ("[contexts.mine]\nowner = \"ana\"\n", "[contexts.mine] owner is not a filter"),
        // A blank filter, which `own list @mine` refused as a --grep nobody gave.
        ("[contexts.mine]\ngrep = \"  \"\n", "[contexts.mine] grep must be one text, not blank"),
        ("[contexts.mine]\ntag = [\"urgent\", \"\"]\n", "tag must be a text or a list of texts, not empty, none blank"),
        // `none` stands alone, as on the command line: a context mixing it with names could never be used.
        ("[contexts.mix]\ntag = [\"none\", \"urgent\"]\n", "[contexts.mix] tag: none stands alone"),
        ("[contexts.mix]\nproject = [\"none\", \"web\"]\n", "[contexts.mix] project: none stands alone"),
        // Read from wherever the command ran: a blank folder, or a relative one.
        ("repos = [\"\"]\n", "repos must be a list of folders in quotes, each a full path or under ~"),
        ("repos = [\"src/app\"]\n", "repos must be"),
        // No one's settings: `all` and `none` are no person.
        ("[people.all]\ntz = \"UTC\"\n", "[people.all]: the name all is no one's name"),
        ("[links]\nloop = \"https://x/{nmber}\"\n", "[links] loop must be"),
        ("[post]\nstandup = 5\n", "[post] standup must be"),
        (
            "[remote]\nurl = \"http://127.0.0.1:1\"\ntoken-file = \"/tmp/x\"\ntokenfile = \"/tmp/y\"\n",
            "[remote] has no setting \"tokenfile\"; it takes token-file, url"
        ),
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

    /// A user that is no one's name is refused naming the file, as every other bad value is.
    @Test func aUserThatIsNoOnesNameIsRefusedNamingTheFile() throws {
        let own = OwnBinary(user: "")
        let path = own.file("config.toml", "user = \"all\"\n")
        let run = own("list", "--config", path)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: \(path): user = all is no one's name"), "\(run.stderr)")
    }

    /// TOML is UTF-8: a byte that is not became U+FFFD in the acting person's name, recorded so.
    @Test func aConfigurationThatIsNotUTF8IsRefused() throws {
        let own = OwnBinary(user: "")
        let path = own.folder + "/config.toml"
        try Data([0x75, 0x73, 0x65, 0x72, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0xFE, 0x22, 0x0A]).write(
            to: URL(fileURLWithPath: path)
        )
        let run = own("list", "--config", path)
        #expect(run.code == 2)
        #expect(run.stderr.contains("\(path) is not valid UTF-8, as TOML must be"), "\(run.stderr)")
    }

    /// A file given with --config that is not there is said so, not "cannot read".
    @Test func aConfigurationFileGivenThatIsNotThereIsSaidSo() {
        let own = OwnBinary()
        let run = own("list", "--config", own.folder + "/new.toml")
        #expect(run.code == 2)
        #expect(run.stderr.contains("new.toml does not exist; check the path, or create it"), "\(run.stderr)")
        let folder = own("list", "--config", own.folder)
        #expect(folder.code == 2)
        #expect(folder.stderr.contains("is a folder; give the configuration file"), "\(folder.stderr)")
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
        _ = own.file(
            "config/own/config.toml",
            "user = \"kim\"\nrepos = []\n[policy]\ncapacity = 5\n[post]\nweekly = \"https://hooks.example/w\"\n"
                + "[calendar]\ntz = \"UTC\"\n[people.kim]\ntz = \"Europe/Berlin\"\nhours = \"09:00-17:00\"\n"
                + "git = \"kim@example.com\"\n[team]\nlead-duties = [\"release\"]\n[links]\nloop = \"https://t.example/{key}\"\n"
        )
        for command in Self.commands {
            let run = own.run(command)
            #expect(run.code == 0, "own \(command.joined(separator: " ")): \(run.stderr)")
        }
    }
}
