import CodexConfig
import CodexCore
import Testing

@Suite("shell_environment_policy")
struct CommandEnvironmentPolicyTests {
    static let parent: [String: String] = [
        "PATH": "/usr/bin",
        "HOME": "/home/u",
        "USER": "u",
        "TMPDIR": "/tmp",
        "LANG": "C.UTF-8",
        "MY_X_KEY": "k",
        "X_SECRET_Y": "s",
        "X_TOKEN": "t",
        "github_token": "g",
        "CARGO_HOME": "/c",
        "NODE_ENV": "dev",
        "VAR1": "1",
        "VARA": "a",
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let policy: ShellEnvironmentPolicy
        let networkDisabled: Bool
        let expectedKeys: Set<String>
        var testDescription: String { name }
    }

    static let all = Set(parent.keys)

    static let cases: [Case] = [
        Case(name: "default inherits everything, secrets included (0.163.0)", policy: .init(), networkDisabled: false, expectedKeys: all),
        Case(name: "ignore_default_excludes = true keeps secrets", policy: .init(ignoreDefaultExcludes: true), networkDisabled: false, expectedKeys: all),
        Case(
            name: "ignore_default_excludes = false drops KEY/SECRET/TOKEN case-insensitively",
            policy: .init(ignoreDefaultExcludes: false),
            networkDisabled: false,
            expectedKeys: all.subtracting(["MY_X_KEY", "X_SECRET_Y", "X_TOKEN", "github_token"])
        ),
        Case(name: "inherit core", policy: .init(inherit: .core), networkDisabled: false, expectedKeys: ["PATH", "HOME", "USER", "TMPDIR"]),
        Case(name: "inherit none", policy: .init(inherit: .none), networkDisabled: false, expectedKeys: []),
        Case(
            name: "exclude globs",
            policy: .init(exclude: ["cargo_*", "node?env"]),
            networkDisabled: false,
            expectedKeys: all.subtracting(["CARGO_HOME", "NODE_ENV"])
        ),
        Case(name: "character classes", policy: .init(exclude: ["VAR[0-9]"]), networkDisabled: false, expectedKeys: all.subtracting(["VAR1"])),
        Case(name: "negated classes", policy: .init(exclude: ["VAR[^0-9]"]), networkDisabled: false, expectedKeys: all.subtracting(["VARA"])),
        Case(name: "bang negation", policy: .init(exclude: ["VAR[!a-z]"]), networkDisabled: false, expectedKeys: all.subtracting(["VAR1"])),
        Case(
            name: "set adds and overrides",
            policy: .init(inherit: .none, set: ["FOO": "bar", "PATH": "/x"]),
            networkDisabled: false,
            expectedKeys: ["FOO", "PATH"]
        ),
        Case(
            name: "include_only applies after set",
            policy: .init(set: ["EXTRA": "1"], includeOnly: ["PATH", "h*"]),
            networkDisabled: false,
            expectedKeys: ["PATH", "HOME"]
        ),
        Case(
            name: "network disabled marker survives include_only",
            policy: .init(includeOnly: ["PATH"]),
            networkDisabled: true,
            expectedKeys: ["PATH", "CODEX_SANDBOX_NETWORK_DISABLED"]
        ),
    ]

    @Test(arguments: cases)
    func builtEnvironment(_ example: Case) {
        let environment = example.policy.apply(to: Self.parent, networkDisabled: example.networkDisabled)
        #expect(Set(environment.keys) == example.expectedKeys)
    }

    @Test func setValuesWinAndMarkerIsOne() {
        let policy = ShellEnvironmentPolicy(set: ["PATH": "/x"])
        let environment = policy.apply(to: Self.parent, networkDisabled: true)
        #expect(environment["PATH"] == "/x")
        #expect(environment["HOME"] == "/home/u")
        #expect(environment["CODEX_SANDBOX_NETWORK_DISABLED"] == "1")
    }

    @Test(arguments: [
        ("*KEY*", "my_api_key", true),
        ("*KEY*", "MONKEY", true),
        ("*KEY*", "KY", false),
        ("a?c", "ABC", true),
        ("a?c", "ac", false),
        ("*", "", true),
        ("", "", true),
        ("", "x", false),
        ("a*b*c", "aXXbYYc", true),
        ("a*b*c", "aXXbYY", false),
        ("[A-Z]_1", "q_1", true),
        ("[^0-9]x", "1x", false),
        ("[]]x", "]x", true),
        ("[abc", "[abc", true),
        ("**x", "yyx", true),
    ])
    func globMatching(_ pattern: String, _ name: String, _ matches: Bool) {
        #expect(EnvironmentNameGlob(pattern).matches(name) == matches)
    }
}
