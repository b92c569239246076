import CodexAppServer
import CodexProtocol
import Testing

/// Deterministic pseudo-random numbers (SplitMix64), so a failing fuzz run can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Produces hostile input lines: random bytes, broken JSON, deep nesting, well-formed messages of the
/// wrong shape, and valid requests with random ids, methods and params.
struct MalformedLineFactory {
    var random: SeededGenerator
    let methods = ["test/echo", "thread/read", "initialize", "no/such", "", "thread/read/", "INITIALIZE"]

    mutating func line() -> [UInt8] {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return randomBytes()
        case 1: return Array(randomPrintable().utf8)
        case 2:
            let full = Array(message().serialized().utf8)
            return Array(full.prefix(Int.random(in: 0...max(0, full.count - 1), using: &random)))
        case 3: return Array(value(depth: 0).serialized().utf8)
        case 4, 5, 6: return Array(message().serialized().utf8)
        case 7:
            let depth = Int.random(in: 100...3000, using: &random)
            let open = Bool.random(using: &random) ? "[" : "{\"k\":"
            return Array(String(repeating: open, count: depth).utf8)
        case 8:
            let tricky = [
                #"{"id":1,"method":"test/echo","params":{"s":"\ud800"}}"#, #"{"id":1e400,"method":"test/echo"}"#,
                #"{"id":-0,"method":"test/echo","params":{}}"#, #"{"id":9223372036854775808,"method":"x"}"#,
                #"{"id":1,"method":"test/echo","params":{"a":1,"a":2}}"#, "\u{FEFF}{}", "{\"id\":1,\"method\":\"test/echo\"\0}",
                #"{"id":{"nested":1},"method":"test/echo"}"#, #"{"result":null}"#, #"{"error":{"code":1.5,"message":"x"}}"#,
                #"{"id":0,"result":{"decision":"accept"}}"#, #"{"id":"0","error":{"code":-1,"message":"m"}}"#,
                "nul", "tru", "\"unterminated", "{\"a\":}", "[1,]", "01", "-", "1.e5", "\t \r",
            ]
            return Array(tricky[Int.random(in: 0..<tricky.count, using: &random)].utf8)
        default:
            var bytes = Array(message().serialized().utf8)
            if !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...0xFF, using: &random)
            }
            return bytes.map { $0 == 0x0A ? 0x20 : $0 }
        }
    }

    private mutating func randomBytes() -> [UInt8] {
        (0..<Int.random(in: 0...300, using: &random)).map { _ in
            let byte = UInt8.random(in: 0...0xFF, using: &random)
            return byte == 0x0A ? 0x00 : byte
        }
    }

    private mutating func randomPrintable() -> String {
        let alphabet = Array("{}[]\":,0123456789.eE+-truefalsnl \\/abcxyz")
        return String((0..<Int.random(in: 0...120, using: &random)).map { _ in alphabet.randomElement(using: &random) ?? " " })
    }

    private mutating func message() -> JSONValue {
        var object = JSONObject()
        if Int.random(in: 0..<5, using: &random) > 0 { object["id"] = randomID() }
        if Int.random(in: 0..<6, using: &random) > 0 {
            object["method"] = Bool.random(using: &random) ? .string(methods.randomElement(using: &random) ?? "") : value(depth: 3)
        }
        if Bool.random(using: &random) { object["params"] = value(depth: 0) }
        if Int.random(in: 0..<8, using: &random) == 0 { object["result"] = value(depth: 2) }
        if Int.random(in: 0..<8, using: &random) == 0 { object["error"] = value(depth: 2) }
        return .object(object)
    }

    private mutating func randomID() -> JSONValue {
        switch Int.random(in: 0..<6, using: &random) {
        case 0: return .int(Int64.random(in: -5...5, using: &random))
        case 1: return .string("fuzz-\(Int.random(in: 0..<100, using: &random))")
        case 2: return .null
        case 3: return .double(Double.random(in: -10...10, using: &random))
        case 4: return .bool(Bool.random(using: &random))
        default: return .int(Int64.random(in: Int64.min...Int64.max, using: &random))
        }
    }

    private mutating func value(depth: Int) -> JSONValue {
        let leafOnly = depth >= 5
        switch Int.random(in: 0..<(leafOnly ? 5 : 7), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &random))
        case 3: return .double(Double.random(in: -1e9...1e9, using: &random))
        case 4: return .string(randomPrintable())
        case 5:
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let key = ["threadId", "clientInfo", "name", "version", "text", randomPrintable()].randomElement(using: &random) ?? "k"
                object[key] = value(depth: depth + 1)
            }
            return .object(object)
        }
    }
}

@Suite struct ConnectionFuzzTests {
    @Test(arguments: [UInt64(1), 0xC0DE_C0DE])
    func thousandsOfMalformedLinesLeaveTheServerServing(seed: UInt64) async throws {
        var handlers = AppServerHandlers()
        handlers.register("test/echo") { params, _ in params ?? .null }
        handlers.register("thread/read", scope: .threadID) { params, _ throws(JSONRPCErrorObject) in
            ["threadId": .string(try TestParams.decode(TestParams.ThreadID.self, params).threadId)]
        }
        let configuration = AppServerConnection.Configuration(maxLineBytes: 64 << 10)
        var factory = MalformedLineFactory(random: SeededGenerator(seed: seed))
        var batch: [UInt8] = []
        for _ in 0..<3000 { batch += factory.line() + [0x0A] }
        let input = batch
        try await withConnection(handlers: handlers, configuration: configuration) { client, connection in
            try await client.initialize(id: "fuzz-init")
            await client.sendBytes(input)
            let final = try await client.request("test/echo", id: "fuzz-final", params: ["alive": true])
            #expect(final["result"] == ["alive": true])
            #expect(connection.lifecycle.isInitialized)
            // Everything the server wrote was a well-formed message object.
            let written = client.inbox.pending
            #expect(!written.isEmpty)
            #expect(written.allSatisfy { $0.objectValue != nil })
        }
    }
}
