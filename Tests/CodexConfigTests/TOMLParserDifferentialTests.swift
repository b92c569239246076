import CodexConfig
import CodexProtocol
import TOMLKit
import Testing

/// Valid documents beyond the editor samples, covering every construct TOMLKit and our parser must agree on.
enum TOMLParserSamples {
    static let documents: [(name: String, text: String)] = [
        ("keys", "bare = 1\n\"quoted key\" = 2\n'lit' = 3\na . b . 'c.d' = 4\n\"\" = 5\n1234 = 6\n"),
        ("tables", "[a.b.c]\nx = 1\n[a]\ny = 2\n[ \"q\" . 'r' ]\nz = 3\n[fruit]\napple.color = 'red'\n[fruit.apple.texture]\nsmooth = true\n"),
        ("tableArrays", "[[p]]\nname = 'h'\n[[p]]\n[[p]]\nname = 'n'\n[[p.parts]]\nid = 1\n[p.extra]\nk = 'v'\n[[q.r]]\ns = 1\n"),
        ("inline", "point = { x = 1, y = 2, sub.deep = 'd' }\nempty = {}\nnested = { a = { b = [1, { c = 2 }] } }\n"),
        ("arrays", "mixed = [ 1, 'two', 3.5, [4], { five = 5 }, true, ]\nlong = [\n  1, # one\n  # comment\n  2,\n]\nnone = []\n"),
        ("strings", #"b = "tab\tnl\nq\"bs\\b\bf\fr\r \u00E9 \U0001F600""# + "\n" + #"l = 'C:\Users "q"'"# + "\n"),
        ("multiline", "a = \"\"\"\nline one\nline two\"\"\"\nb = \"\"\"\\\n  quick \\\n\n  fox.\\\n  \"\"\"\nc = \"\"\"\"\"q\"\"\"\"\"\nd = '''\nraw \\n ''two'' '''\n"),
        ("integers", "a = 42\nb = +17\nc = -17\nd = 0\nf = 1_000\ng = 0xDEAD_beef\nh = 0o755\ni = 0b1101\nj = 9223372036854775807\nk = -9223372036854775808\n"),
        ("floats", "a = 3.1415\nb = -0.01\nc = 5e+22\nd = 1e06\ne = -2E-2\nf = 6.626e-34\ng = 224_617.445_991\nh = inf\ni = -inf\nm = 0e0\n"),
        ("dates", "odt = 1979-05-27T07:32:00Z\nodt2 = 1979-05-27T07:32:00-07:00\nld = 1979-05-27\nlt = 07:32:00\n"),
        ("crlf", "a = 1\r\n[t]\r\nb = 'x'\r\n"),
        ("config", "model = \"o3\"\napproval_policy = \"on-request\"\n[mcp_servers.docs]\ncommand = \"npx\"\nargs = [\"-y\", \"docs\"]\nenv = { \"API_KEY\" = \"k\" }\n[profiles.fast]\nmodel = \"gpt-5\"\n[[skills.config]]\npath = \"/a\"\nenabled = false\n"),
    ]

    static var all: [(name: String, text: String)] { TOMLEditorSamples.all + documents }
}

@Suite("TOML parser: agrees with TOMLKit")
struct TOMLParserDifferentialTests {
    @Test("every sample document parses to the same JSON with both parsers")
    func samplesAgree() throws {
        for sample in TOMLParserSamples.all {
            let ours = try TOMLDocument.parse(sample.text)
            let theirs = jsonValue(try TOMLTable(string: sample.text))
            #expect(JSONValue.object(ours) == theirs, "\(sample.name)")
            #expect(ours.keys == theirs.objectValue?.keys, "key order of \(sample.name)")
        }
    }

    @Test("a local date-time stays local; TOMLKit's debugDescription appended a Z")
    func localDateTimeDiffers() throws {
        let text = "ldt = 1979-05-27T07:32:00\n"
        #expect(try TOMLDocument.parse(text)["ldt"] == "1979-05-27T07:32:00")
        #expect(jsonValue(try TOMLTable(string: text))["ldt"] == "1979-05-27T07:32:00Z")
    }

    @Test("seeded mutations of the samples never crash the parser, and errors have sane positions",
        arguments: 0..<6)
    func mutationsNeverCrash(round: Int) {
        var generator = SeededGenerator(seed: 0x70AA_0000 + UInt64(round))
        let samples = TOMLParserSamples.all
        let fragments = [
            "[", "]", "[[", "]]", "{", "}", "=", ".", ",", "\"", "'", "\"\"\"", "'''", "#", "\n", "\r\n", " ", "\\",
            "\\u", "a", "1", "_", "-", "+", "e", "0x", "inf", "nan", "T", "Z", ":", "1979-05-27", "07:32:00", "\t",
            "\u{0}", "\u{1}", "é", "😀", "\u{7F}", "\r", "= {", "[a.b]\n", "[[a]]\n", "a.b = 1\n", "true",
        ]
        for _ in 0..<500 {
            let sample = samples[Int(generator.next() % UInt64(samples.count))].text
            var scalars = Array(sample.unicodeScalars)
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                let position = scalars.isEmpty ? 0 : Int(generator.next() % UInt64(scalars.count + 1))
                switch generator.next() % 4 {
                case 0:
                    let fragment = fragments[Int(generator.next() % UInt64(fragments.count))]
                    scalars.insert(contentsOf: fragment.unicodeScalars, at: position)
                case 1:
                    let length = min(Int(generator.next() % 6), scalars.count - position)
                    scalars.removeSubrange(position..<position + length)
                case 2:
                    let length = min(Int(generator.next() % 12), scalars.count - position)
                    scalars.insert(contentsOf: scalars[position..<position + length], at: position)
                default:
                    if position < scalars.count {
                        scalars[position] = fragments[Int(generator.next() % UInt64(fragments.count))]
                            .unicodeScalars.first ?? " "
                    }
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            do {
                _ = try TOMLDocument.parse(text)
            } catch {
                let lineCount = text.utf8.count { $0 == UInt8(ascii: "\n") } + 1
                #expect(error.line >= 1 && error.line <= lineCount, "\(text.debugDescription)")
                #expect(error.column >= 1 && error.column <= text.unicodeScalars.count + 1, "\(text.debugDescription)")
                #expect(!error.message.isEmpty)
            }
        }
    }
}
