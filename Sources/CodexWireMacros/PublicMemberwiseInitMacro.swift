// `@PublicMemberwiseInit`: the public memberwise initializer Swift synthesizes only as internal.

import SwiftDiagnostics
import SwiftSyntax
import SwiftSyntaxBuilder
import SwiftSyntaxMacros

/// Adds `public init(...)` with one parameter per stored instance property, in declaration order.
///
/// A parameter's default is the property's own initializer expression, else `nil` for an optional type,
/// else none. Property wrappers need nothing special: the annotation is the wrapped type, and
/// `self.x = x` initializes the wrapper through its `init(wrappedValue:)`.
struct PublicMemberwiseInitMacro: MemberMacro {
    static func expansion(
        of node: AttributeSyntax,
        providingMembersOf declaration: some DeclGroupSyntax,
        conformingTo protocols: [TypeSyntax],
        in context: some MacroExpansionContext
    ) throws -> [DeclSyntax] {
        guard declaration.is(StructDeclSyntax.self) else {
            context.diagnose(Diagnostic(node: node, message: MemberwiseInitDiagnostic.notAStruct))
            return []
        }
        var fields: [StoredField] = []
        var valid = true
        for member in declaration.memberBlock.members {
            guard let variable = member.decl.as(VariableDeclSyntax.self) else { continue }
            switch StoredField.fields(of: variable) {
            case .success(let found): fields += found
            case .failure(let problem):
                context.diagnose(Diagnostic(node: problem.node, message: problem.message))
                valid = false
            }
        }
        guard valid else { return [] }
        let parameters = fields.map(\.parameter).joined(separator: ", ")
        let body = fields.map { "self.\($0.name) = \($0.name)" }.joined(separator: "\n")
        return ["public init(\(raw: parameters)) {\n\(raw: body)\n}"]
    }
}

/// One stored property as it becomes an initializer parameter.
struct StoredField {
    /// The property's name as written, backticks kept (`` `protocol` ``).
    var name: String
    var type: TypeSyntax
    var defaultValue: ExprSyntax?

    /// `name: Type = default`; function types are marked `@escaping`, as a stored closure escapes.
    var parameter: String {
        let typeText = Self.isFunction(type) ? "@escaping \(type.trimmedDescription)" : type.trimmedDescription
        guard let defaultValue else { return "\(name): \(typeText)" }
        return "\(name): \(typeText) = \(defaultValue.trimmedDescription)"
    }

    /// The stored instance properties a declaration introduces (none for static, computed, or
    /// initialized `let` properties), or the binding that cannot become a parameter.
    static func fields(of variable: VariableDeclSyntax) -> Result<[StoredField], FieldProblem> {
        let isStatic = variable.modifiers.contains {
            $0.name.tokenKind == .keyword(.static) || $0.name.tokenKind == .keyword(.class)
        }
        if isStatic { return .success([]) }
        let isLet = variable.bindingSpecifier.tokenKind == .keyword(.let)
        var found: [StoredField] = []
        let bindings = Array(variable.bindings)
        for (index, binding) in bindings.enumerated() {
            if isComputed(binding) { continue }
            if isLet, binding.initializer != nil { continue }
            guard let identifier = binding.pattern.as(IdentifierPatternSyntax.self) else {
                return .failure(FieldProblem(node: Syntax(binding.pattern), message: .unsupportedPattern))
            }
            guard let type = annotatedType(of: index, in: bindings) else {
                return .failure(FieldProblem(node: Syntax(binding), message: .missingType(identifier.identifier.text)))
            }
            var defaultValue = binding.initializer?.value.trimmed
            if defaultValue == nil, isOptional(type) { defaultValue = ExprSyntax(NilLiteralExprSyntax()) }
            found.append(StoredField(name: identifier.identifier.text, type: type, defaultValue: defaultValue))
        }
        return .success(found)
    }

    /// The binding's type; in `var a, b: Int` the annotation of `b` also types `a`.
    static func annotatedType(of index: Int, in bindings: [PatternBindingSyntax]) -> TypeSyntax? {
        if let type = bindings[index].typeAnnotation?.type { return type.trimmed }
        guard bindings[index].initializer == nil, bindings[index].accessorBlock == nil else { return nil }
        for later in bindings[(index + 1)...] {
            if let type = later.typeAnnotation?.type { return type.trimmed }
            if later.initializer != nil || later.accessorBlock != nil { return nil }
        }
        return nil
    }

    /// Whether a binding has a getter (observers alone, `willSet`/`didSet`, keep it stored).
    static func isComputed(_ binding: PatternBindingSyntax) -> Bool {
        switch binding.accessorBlock?.accessors {
        case .none: false
        case .getter: true
        case .accessors(let accessors):
            accessors.contains {
                switch $0.accessorSpecifier.tokenKind {
                case .keyword(.willSet), .keyword(.didSet): false
                default: true
                }
            }
        }
    }

    /// `T?`, `T!`, `Optional<T>` or `Swift.Optional<T>`.
    static func isOptional(_ type: TypeSyntax) -> Bool {
        if type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self) { return true }
        if let identifier = type.as(IdentifierTypeSyntax.self) {
            return identifier.name.text == "Optional" && identifier.genericArgumentClause != nil
        }
        if let member = type.as(MemberTypeSyntax.self) {
            return member.name.text == "Optional" && member.baseType.trimmedDescription == "Swift"
                && member.genericArgumentClause != nil
        }
        return false
    }

    /// A function type, possibly parenthesized or attributed (`@Sendable () -> Void`).
    static func isFunction(_ type: TypeSyntax) -> Bool {
        if type.is(FunctionTypeSyntax.self) { return true }
        if let attributed = type.as(AttributedTypeSyntax.self) {
            let escaping = attributed.attributes.contains {
                $0.as(AttributeSyntax.self)?.attributeName.trimmedDescription == "escaping"
            }
            return !escaping && isFunction(attributed.baseType)
        }
        if let tuple = type.as(TupleTypeSyntax.self), tuple.elements.count == 1, let only = tuple.elements.first,
            only.firstName == nil
        {
            return isFunction(only.type)
        }
        return false
    }
}

/// A binding the macro cannot turn into a parameter, and why.
struct FieldProblem: Error {
    var node: Syntax
    var message: MemberwiseInitDiagnostic
}

/// The errors `@PublicMemberwiseInit` reports instead of expanding.
enum MemberwiseInitDiagnostic: DiagnosticMessage {
    case notAStruct
    case missingType(String)
    case unsupportedPattern

    var message: String {
        switch self {
        case .notAStruct:
            "@PublicMemberwiseInit applies to a struct only"
        case .missingType(let name):
            "@PublicMemberwiseInit needs a type annotation on stored property '\(name)'"
        case .unsupportedPattern:
            "@PublicMemberwiseInit supports only one named property per binding, not a tuple pattern"
        }
    }

    var diagnosticID: MessageID {
        switch self {
        case .notAStruct: MessageID(domain: "CodexWireMacros", id: "notAStruct")
        case .missingType: MessageID(domain: "CodexWireMacros", id: "missingType")
        case .unsupportedPattern: MessageID(domain: "CodexWireMacros", id: "unsupportedPattern")
        }
    }

    var severity: DiagnosticSeverity { .error }
}
