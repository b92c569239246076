import CodexConfig
import CodexProtocol
import Testing

@Suite struct ConfigOverrideParserTests {
    @Test(arguments: [
        ("model=o3", ["model"], JSONValue.string("o3")),
        ("model='\"o3\"'", ["model"], .string("\"o3\"")),
        ("model=\"o3\"", ["model"], .string("o3")),
        ("model='o3'", ["model"], .string("o3")),
        (" model = o3 ", ["model"], .string("o3")),
        ("x=42", ["x"], .int(42)),
        ("x=-1.5", ["x"], .double(-1.5)),
        ("x=true", ["x"], .bool(true)),
        ("x=false", ["x"], .bool(false)),
        ("a=[1,2]", ["a"], .array([.int(1), .int(2)])),
        ("p={a=1}", ["p"], .object(JSONObject([("a", .int(1))]))),
        ("shell_environment_policy.include_only=[\"PATH\",\"HOME\"]", ["shell_environment_policy", "include_only"],
         .array(["PATH", "HOME"])),
        ("x=[1,", ["x"], .string("[1,")),
        ("x=a = b", ["x"], .string("a = b")),
        ("x=", ["x"], .string("")),
        ("a.b.c=1", ["a", "b", "c"], .int(1)),
        ("url=http://h:1/v1?a=b", ["url"], .string("http://h:1/v1?a=b")),
    ])
    func parsesKeyAndValue(raw: String, keyPath: [String], value: JSONValue) throws {
        let parsed = try ConfigOverride.parse(raw)
        #expect(parsed == ConfigOverride(keyPath: keyPath, value: value))
    }

    @Test func missingEqualsIsAnError() {
        #expect(throws: ConfigError(kind: .invalidOverride, message: "Invalid override (missing '='): model")) {
            try ConfigOverride.parse("model")
        }
        let error = ConfigError(kind: .invalidOverride, message: "Invalid override (missing '='): model")
        #expect(error.description == "Error parsing -c overrides: Invalid override (missing '='): model")
    }

    @Test func emptyKeyIsAnError() {
        #expect(throws: ConfigError(kind: .invalidOverride, message: "Empty key in override:  =x")) {
            try ConfigOverride.parse(" =x")
        }
    }

    @Test func loaderReportsOverrideErrorsFirst() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        try fixture.writeUser("model = [")
        let error = fixture.loadError(fixture.options(overrides: ["nokey"]))
        #expect(error?.description == "Error parsing -c overrides: Invalid override (missing '='): nokey")
    }

    @Test func laterOverridesWinAndTablesAreCreated() throws {
        let fixture = try ConfigTestFixture()
        defer { fixture.remove() }
        let loaded = try fixture.load(
            fixture.options(overrides: ["model=a", "model=b", "sandbox_workspace_write.network_access=true", "x=1", "x.y=2"]))
        #expect(loaded.config.model == "b")
        #expect(loaded.config.sandboxWorkspaceWrite.networkAccess)
        #expect(loaded.merged["x"] == .object(JSONObject([("y", .int(2))])))
        #expect(loaded.origin(of: "model") == .sessionFlags)
    }
}
