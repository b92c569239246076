// codex-schema-gen: writes the app-server JSON Schema bundle and TypeScript bindings from our protocol types,
// the same output as `codex app-server generate-json-schema` / `generate-ts`. Used by `just schema` and
// scripts/check-schema.sh. Usage:
//   codex-schema-gen [--json DIR] [--ts DIR]     (at least one)
import CodexProtocol
import Foundation

/// Prints `message` on stderr and exits with `code`.
func fail(_ message: String, code: Int32 = 2) -> Never {
    FileHandle.standardError.write(Data("codex-schema-gen: \(message)\n".utf8))
    exit(code)
}

let usage = "usage: codex-schema-gen [--json DIR] [--ts DIR]"
var jsonDirectory: String?
var typeScriptDirectory: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--json", "--ts":
        guard let directory = arguments.next(), !directory.isEmpty else { fail("\(argument) needs a directory\n\(usage)") }
        if argument == "--json" { jsonDirectory = directory } else { typeScriptDirectory = directory }
    case "-h", "--help":
        print(usage)
        exit(0)
    default:
        fail("unknown argument \(argument)\n\(usage)")
    }
}
if jsonDirectory == nil && typeScriptDirectory == nil { fail("nothing to do\n\(usage)") }

if let jsonDirectory {
    do {
        try AppServerSchema.write(jsonSchemaTo: jsonDirectory)
    } catch {
        fail("cannot write the JSON Schema into \(jsonDirectory): \(error)", code: 1)
    }
}
if let typeScriptDirectory {
    do {
        try AppServerSchema.write(typeScriptTo: typeScriptDirectory)
    } catch {
        fail("cannot write the TypeScript bindings into \(typeScriptDirectory): \(error)", code: 1)
    }
}
