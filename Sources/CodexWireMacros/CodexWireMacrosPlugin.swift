// The compiler plugin entry point for the wire-type macros.

import SwiftCompilerPlugin
import SwiftSyntaxMacros

/// Lists the macros this plugin provides to the compiler.
@main
struct CodexWireMacrosPlugin: CompilerPlugin {
    let providingMacros: [any Macro.Type] = [PublicMemberwiseInitMacro.self]
}
