import ArgumentParser
import OwnCore

// The everyday forms of the commands typed most (see `EverydayCommand`), each beside the options
// its declaration has. A command or option group is filled as the parser fills it: every property
// set, a missing option to its declared default. `EverydayTests` holds each to the parser.

extension Own.List: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(
        flags: ["--all", "--delegated"],
        options: [
            "--owner", "--state", "--kind", "--stakes", "--due-before", "--grep", "--project", "--tag", "--affects",
        ],
        repeatable: ["--tag"],
        positionals: 0...1
    ).with(FormatOptions.everydayGrammar).with(GlobalOptions.everydayGrammar)

    /// The command as `ListRequest(everyday:)` reads it, which is what `own list` runs.
    init(everyday given: EverydayArguments) throws {
        let request = try ListRequest(everyday: given)
        self.init()
        (contextName, owner, state, kind, stakes) = (
            request.contextName, request.owner, request.state, request.kind, request.stakes
        )
        (dueBefore, grep, project, tags, affects) = (
            request.dueBefore, request.grep, request.project, request.tags, request.affects
        )
        (all, delegated) = (request.all, request.delegated)
        output = try FormatOptions(everyday: given)
        global = GlobalOptions(everyday: given)
    }
}

extension ListRequest {
    /// The everyday form of `own list`, read into plain values: no property wrapper is made.
    init(everyday given: EverydayArguments) throws {
        contextName = given.positional(0)
        // A value the option's transform refuses is left to the parser, which says why.
        owner = try given.text("--owner").map(OwnerOption.parse)
        state = try given.value("--state")
        kind = try given.value("--kind")
        stakes = try given.value("--stakes")
        dueBefore = given.text("--due-before")
        grep = given.text("--grep")
        project = given.text("--project")
        tags = given.texts("--tag")
        affects = given.text("--affects")
        all = given.flag("--all")
        delegated = given.flag("--delegated")
        format = try FormatOptions.resolved(format: try given.value("--format"), json: given.flag("--json"))
        global = GlobalOptions.Values(everyday: given)
    }

    /// Runs `own list`'s everyday form (`Own.List.everydayGrammar`); false leaves the arguments to
    /// the parser.
    static func runEveryday(_ arguments: [String]) throws -> Bool {
        try EverydayArguments.refuseRepeats(arguments, Own.List.everydayGrammar)
        guard let given = try? EverydayArguments(arguments, Own.List.everydayGrammar),
            let request = try? ListRequest(everyday: given)
        else { return false }
        try request.run()
        return true
    }
}

extension Own.Show: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(positionals: 1...1)
        .with(FormatOptions.everydayGrammar).with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        loop = given.positionals[0]
        output = try FormatOptions(everyday: given)
        global = GlobalOptions(everyday: given)
    }
}

extension Own.Add: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(options: ["--key"], positionals: 1...1)
        .with(LoopFields.everydayGrammar).with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        title = given.positionals[0]
        fields = try LoopFields(everyday: given)
        key = given.text("--key")
        global = GlobalOptions(everyday: given)
    }
}

extension Own.Start: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(positionals: 1...1).with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        loop = given.positionals[0]
        global = GlobalOptions(everyday: given)
    }
}

extension Own.Note: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(options: ["--note"], positionals: 1...2)
        .with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        loop = given.positionals[0]
        text = given.positional(1)
        note = given.text("--note")
        global = GlobalOptions(everyday: given)
    }
}

extension Own.Done: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(
        flags: ["--verified"],
        options: ["--outcome", "--monitored-by", "--guard"],
        positionals: 1...1
    ).with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        loop = given.positionals[0]
        outcome = given.text("--outcome")
        verified = given.flag("--verified")
        monitoredBy = given.text("--monitored-by")
        guardText = given.text("--guard")
        global = GlobalOptions(everyday: given)
    }
}

extension Own.StandupCommand: EverydayCommand {
    static let everydayGrammar = ReportOwner.everydayGrammar.with(ReportOptions.everydayGrammar)
        .with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        whose = try ReportOwner(everyday: given)
        report = try ReportOptions(everyday: given)
        global = GlobalOptions(everyday: given)
    }
}

extension Own.WeeklyCommand: EverydayCommand {
    static let everydayGrammar = EverydayGrammar(options: ["--since", "--project", "--until"])
        .with(ReportOwner.everydayGrammar).with(ReportOptions.everydayGrammar).with(GlobalOptions.everydayGrammar)

    init(everyday given: EverydayArguments) throws {
        self.init()
        since = given.text("--since")
        project = given.text("--project")
        until = given.text("--until")
        whose = try ReportOwner(everyday: given)
        report = try ReportOptions(everyday: given)
        global = GlobalOptions(everyday: given)
    }
}

extension LoopFields {
    static let everydayGrammar = EverydayGrammar(
        options: [
            "--done-when", "--due", "--stakes", "--kind", "--autonomy", "--stage", "--affects", "--estimate", "--owner",
            "--project", "--tag", "--origin", "--ux", "--touches", "--if-it-fails",
        ],
        repeatable: ["--affects", "--tag"]
    )

    init(everyday given: EverydayArguments) throws {
        self.init()
        doneWhen = given.text("--done-when")
        due = given.text("--due")
        stakes = try given.value("--stakes")
        kind = try given.value("--kind")
        autonomy = try given.value("--autonomy")
        stage = try given.value("--stage")
        affects = given.texts("--affects")
        estimate = given.text("--estimate")
        owner = given.text("--owner")
        project = given.text("--project")
        tags = given.texts("--tag")
        origin = given.text("--origin")
        ux = given.text("--ux")
        touches = given.text("--touches")
        ifItFails = given.text("--if-it-fails")
    }
}

extension ReportOwner {
    static let everydayGrammar = EverydayGrammar(options: ["--owner"])

    init(everyday given: EverydayArguments) throws {
        self.init()
        owner = try given.text("--owner").map(OwnerOption.parse)
    }
}

extension ReportOptions {
    static let everydayGrammar = EverydayGrammar(
        flags: ["--json", "--mark"],
        options: ["--format", "--post", "--post-timeout"]
    )

    /// Checked as the parser checks it (`validate()`).
    init(everyday given: EverydayArguments) throws {
        self.init()
        format = try given.value("--format")
        json = given.flag("--json")
        mark = given.flag("--mark")
        post = given.text("--post")
        postSeconds = try given.value("--post-timeout") ?? Amount(10)
        try validate()
    }
}

extension GlobalOptions {
    static let everydayGrammar = EverydayGrammar(options: ["--db", "--now", "--as", "--config", "--policy"])

    init(everyday given: EverydayArguments) {
        self.init()
        let values = Values(everyday: given)
        (db, now, actor, config, policy) = (values.db, values.now, values.actor, values.config, values.policy)
    }
}

extension GlobalOptions.Values {
    init(everyday given: EverydayArguments) {
        db = given.text("--db")
        now = given.text("--now")
        actor = given.text("--as")
        config = given.text("--config")
        policy = given.text("--policy")
    }
}

extension FormatOptions {
    static let everydayGrammar = EverydayGrammar(flags: ["--json"], options: ["--format"])

    /// Checked as the parser checks it (`validate()`).
    init(everyday given: EverydayArguments) throws {
        self.init()
        format = try given.value("--format")
        json = given.flag("--json")
        try validate()
    }
}
