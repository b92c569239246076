import CodexAppServer
import CodexProtocol
import Testing

/// Requests to declared methods whose params are valid ones with one member replaced by hostile JSON
/// (wrong types, numbers beyond every range, deep values): each is answered with its own id, by a result
/// or by -32600 with a message that names the member.
@Suite struct ParamsFuzzTests {
    /// The typed handlers answer a fixed response, so only the decoding of params is exercised.
    static var handlers: AppServerHandlers {
        var handlers = AppServerHandlers()
        handlers.register(AppServerV2.ClientRequests.threadLoadedList) { _, _ in
            AppServerV2.ThreadLoadedListResponse(data: [], nextCursor: nil)
        }
        handlers.register(AppServerV2.ClientRequests.turnStart) { params, _ in
            AppServerV2.TurnStartResponse(
                turn: AppServerV2.Turn(id: params.threadId, items: [], status: .inProgress, itemsView: .notLoaded))
        }
        handlers.register(AppServerV2.ClientRequests.commandExec) { _, _ in
            AppServerV2.CommandExecResponse(exitCode: 0, stdout: "", stderr: "")
        }
        return handlers
    }

    /// Valid params per method, as raw JSON text members.
    static let validParams: [(method: String, members: [(String, String)])] = [
        ("thread/loaded/list", [("cursor", #""c""#), ("limit", "5")]),
        (
            "turn/start",
            [
                ("threadId", #""t""#), ("input", #"[{"type":"text","text":"hi"}]"#),
                ("approvalPolicy", #""never""#), ("effort", #""low""#),
            ]
        ),
        ("command/exec", [("command", #"["ls"]"#), ("timeoutMs", "100"), ("cwd", #""/""#)]),
    ]

    static let hostileValues = [
        "1e400", "-1e400", "18446744073709551616", "123456789012345678901234567890", "1.5", "-1", "null", "true",
        #""x""#, "[]", "{}", #"[{"type":"nope"}]"#, #"[{"type":"text","text":5}]"#, #"{"a":[1e400]}"#, #"[[[[[[]]]]]]"#,
    ]

    @Test(arguments: [UInt64(7), 0xFEED_F00D])
    func everyRequestIsAnsweredWithItsIDAndANamedField(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        var lines: [String] = []
        for index in 0..<600 {
            let (method, valid) = Self.validParams[Int.random(in: 0..<Self.validParams.count, using: &random)]
            var members = valid
            let victim = Int.random(in: 0..<members.count, using: &random)
            let hostile = Self.hostileValues[Int.random(in: 0..<Self.hostileValues.count, using: &random)]
            if Bool.random(using: &random) {
                members[victim].1 = hostile
            } else {
                members.append(("extra\(index)", hostile))
            }
            let params = "{" + members.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
            lines.append(#"{"id":"r\#(index)","method":"\#(method)","params":\#(params)}"#)
        }
        let sent = lines
        try await withConnection(handlers: Self.handlers) { client, _ in
            try await client.initialize()
            // Chunks below the connection's in-flight limit, so no request is shed as "overloaded".
            for chunkStart in stride(from: 0, to: sent.count, by: 40) {
                let chunk = chunkStart..<min(chunkStart + 40, sent.count)
                await client.sendBytes(Array(sent[chunk].joined(separator: "\n").utf8) + [0x0A])
                for index in chunk {
                    let reply = try await client.response(id: .string("r\(index)"))
                    if reply["result"] != nil { continue }
                    let error = try #require(errorOf(reply), "no result and no error for \(sent[index])")
                    #expect(error.code == -32600, "\(sent[index])")
                    #expect(error.message.hasPrefix("Invalid request: "), "\(sent[index])")
                    // A rejected member is named: its path, or the missing field.
                    let named =
                        error.message.contains(": invalid") || error.message.contains("unknown variant")
                        || error.message.contains("missing field") || error.message.contains("number out of range")
                    #expect(named, "\(error.message) for \(sent[index])")
                }
            }
            let final = try await client.request("thread/loaded/list", id: "final", params: [:])
            #expect(final["result"] != nil)
        }
    }

    @Test func numbersBeyondEveryRangeNameTheirField() async throws {
        try await withConnection(handlers: Self.handlers) { client, _ in
            try await client.initialize()
            for (id, literal) in ["1e400", "18446744073709551616", "123456789012345678901234567890"].enumerated() {
                await client.send(#"{"id":\#(id),"method":"thread/loaded/list","params":{"limit":\#(literal)}}"#)
                let reply = try await client.response(id: .int(Int64(id)))
                #expect(errorOf(reply)?.message == "Invalid request: limit: number out of range", "\(literal)")
            }
            await client.send(
                #"{"id":9,"method":"turn/start","params":{"threadId":"t","input":[],"approvalPolicy":"sometimes"}}"#)
            let variant = try await client.response(id: 9)
            #expect(
                errorOf(variant)?.message
                    == "Invalid request: approvalPolicy: unknown variant `sometimes`, expected one of `untrusted`, `on-request`, `never`, `granular`"
            )
            await client.send(
                #"{"id":10,"method":"turn/start","params":{"threadId":"t","input":[{"type":"text","text":5}]}}"#)
            let nested = try await client.response(id: 10)
            #expect(errorOf(nested)?.message == "Invalid request: input[0].text: invalid type: integer `5`, expected a string")
        }
    }
}
