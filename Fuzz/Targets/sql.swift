// libFuzzer target: the SQL lexer, statement splitter and statement parser must finish on any
// bytes, never crash or hang, and every statement must lie inside the source.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let lexed = SQLLexer.tokens(of: bytes)
    let statements = StatementSplitter.statements(in: lexed.tokens, source: bytes)
    for statement in statements {
        _ = StatementParser.parse(statement, source: bytes)
    }
    return 0
}
