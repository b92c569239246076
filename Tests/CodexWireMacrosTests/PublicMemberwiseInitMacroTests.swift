import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacrosGenericTestSupport
import Testing

@testable import CodexWireMacros

/// Expands `@PublicMemberwiseInit` in `source` and records a test issue where the result differs.
private func expectExpansion(
    _ source: String, expandedSource: String, diagnostics: [DiagnosticSpec] = [],
    sourceLocation: SourceLocation = #_sourceLocation
) {
    assertMacroExpansion(
        source, expandedSource: expandedSource, diagnostics: diagnostics,
        macroSpecs: ["PublicMemberwiseInit": MacroSpec(type: PublicMemberwiseInitMacro.self)],
        failureHandler: { Issue.record(Comment(rawValue: $0.message), sourceLocation: sourceLocation) }
    )
}

@Suite struct PublicMemberwiseInitMacroTests {
    @Test func optionalsDefaultToNil() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S {
                public var id: String
                public var name: String?
                public var count: Optional<Int>
                public var flags: [Bool]?
            }
            """,
            expandedSource: """
                public struct S {
                    public var id: String
                    public var name: String?
                    public var count: Optional<Int>
                    public var flags: [Bool]?

                    public init(id: String, name: String? = nil, count: Optional<Int> = nil, flags: [Bool]? = nil) {
                        self.id = id
                        self.name = name
                        self.count = count
                        self.flags = flags
                    }
                }
                """)
    }

    @Test func propertyInitializersBecomeDefaults() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S {
                public var kind: Kind = .command
                public var roots: [String] = []
                public var note: String? = "x"
                public let fixed = 3
                public let constant: Int = 4
            }
            """,
            expandedSource: """
                public struct S {
                    public var kind: Kind = .command
                    public var roots: [String] = []
                    public var note: String? = "x"
                    public let fixed = 3
                    public let constant: Int = 4

                    public init(kind: Kind = .command, roots: [String] = [], note: String? = "x") {
                        self.kind = kind
                        self.roots = roots
                        self.note = note
                    }
                }
                """)
    }

    @Test func wrappersTakeTheWrappedType() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S {
                @OmitWhenNil public var tty: Bool?
                @DefaultWhenAbsent public var flag: Bool = false
                @DefaultedTo<TextAndImage> public var inputModalities: [InputModality] = [.text, .image]
                @RequiredNullable public var email: String?
            }
            """,
            expandedSource: """
                public struct S {
                    @OmitWhenNil public var tty: Bool?
                    @DefaultWhenAbsent public var flag: Bool = false
                    @DefaultedTo<TextAndImage> public var inputModalities: [InputModality] = [.text, .image]
                    @RequiredNullable public var email: String?

                    public init(tty: Bool? = nil, flag: Bool = false, inputModalities: [InputModality] = [.text, .image], email: String? = nil) {
                        self.tty = tty
                        self.flag = flag
                        self.inputModalities = inputModalities
                        self.email = email
                    }
                }
                """)
    }

    @Test func backtickedNamesKeepTheirBackticks() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S {
                public var host: String
                public var `protocol`: NetworkProtocol
            }
            """,
            expandedSource: """
                public struct S {
                    public var host: String
                    public var `protocol`: NetworkProtocol

                    public init(host: String, `protocol`: NetworkProtocol) {
                        self.host = host
                        self.`protocol` = `protocol`
                    }
                }
                """)
    }

    @Test func staticComputedAndNestedMembersAreSkipped() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S<M> {
                public static var schemaName: String { "S" }
                static let shared = 1
                public var id: String
                public var upper: String { id.uppercased() }
                public var observed: Int { didSet { print(oldValue) } }
                public var a, b: Int
                public var handler: @Sendable () -> Void
                private enum CodingKeys: CodingKey {}
                func helper() {}
            }
            """,
            expandedSource: """
                public struct S<M> {
                    public static var schemaName: String { "S" }
                    static let shared = 1
                    public var id: String
                    public var upper: String { id.uppercased() }
                    public var observed: Int { didSet { print(oldValue) } }
                    public var a, b: Int
                    public var handler: @Sendable () -> Void
                    private enum CodingKeys: CodingKey {}
                    func helper() {}

                    public init(id: String, observed: Int, a: Int, b: Int, handler: @escaping @Sendable () -> Void) {
                        self.id = id
                        self.observed = observed
                        self.a = a
                        self.b = b
                        self.handler = handler
                    }
                }
                """)
    }

    /// The empty body keeps the blank line the generated source has; only formatting, not behaviour.
    @Test func emptyStructGetsAnEmptyInit() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct Empty {
            }
            """,
            expandedSource: """
                public struct Empty {

                    public init() {

                    }
                }
                """)
    }

    @Test func nonStructIsDiagnosed() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public enum E {
                case a
            }
            """,
            expandedSource: """
                public enum E {
                    case a
                }
                """,
            diagnostics: [DiagnosticSpec(message: "@PublicMemberwiseInit applies to a struct only", line: 1, column: 1)])
    }

    @Test func missingTypeAnnotationIsDiagnosed() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S {
                public var count = 0
            }
            """,
            expandedSource: """
                public struct S {
                    public var count = 0
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@PublicMemberwiseInit needs a type annotation on stored property 'count'", line: 3,
                    column: 16)
            ])
    }

    @Test func tuplePatternIsDiagnosed() {
        expectExpansion(
            """
            @PublicMemberwiseInit
            public struct S {
                public var (x, y): (Int, Int)
            }
            """,
            expandedSource: """
                public struct S {
                    public var (x, y): (Int, Int)
                }
                """,
            diagnostics: [
                DiagnosticSpec(
                    message: "@PublicMemberwiseInit supports only one named property per binding, not a tuple pattern",
                    line: 3, column: 16)
            ])
    }
}
