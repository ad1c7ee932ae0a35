public import ArgumentParser
public import OwnCore

// The fixed sets an option's value comes from. Conforming them here lets the argument parser list
// the values in `--help` and refuse any other value with the list, before a command runs; OwnCore
// stays free of the argument parser.

extension Stakes: ExpressibleByArgument {}
extension Kind: ExpressibleByArgument {}
extension Stage: ExpressibleByArgument {}
extension LoopState: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
extension RuleName: ExpressibleByArgument {}
extension ReportFormat: ExpressibleByArgument {}
extension FindingFormat: ExpressibleByArgument {}
