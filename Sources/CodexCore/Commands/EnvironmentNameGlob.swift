/// A case-insensitive shell-style glob for environment variable names: `*`, `?`, `[A-Z]`, `[!0-9]`/`[^0-9]`.
public struct EnvironmentNameGlob: Sendable, Hashable {
    public let pattern: String
    private let elements: [Element]

    /// One piece of a compiled pattern.
    private enum Element: Sendable, Hashable {
        case literal(Character)
        case anyOne
        case anyRun
        case set(ranges: [ClosedRange<Character>], negated: Bool)
    }

    public init(_ pattern: String) {
        self.pattern = pattern
        self.elements = Self.compile(Array(pattern.lowercased()))
    }

    /// Whether the whole name matches, ignoring case.
    public func matches(_ name: String) -> Bool {
        let text = Array(name.lowercased())
        // Iterative wildcard matching with backtracking to the last `*`.
        var textIndex = 0
        var elementIndex = 0
        var starElement: Int?
        var starText = 0
        while textIndex < text.count {
            if elementIndex < elements.count, Self.matchesOne(elements[elementIndex], text[textIndex]) {
                textIndex += 1
                elementIndex += 1
            } else if elementIndex < elements.count, elements[elementIndex] == .anyRun {
                starElement = elementIndex
                starText = textIndex
                elementIndex += 1
            } else if let star = starElement {
                elementIndex = star + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while elementIndex < elements.count, elements[elementIndex] == .anyRun { elementIndex += 1 }
        return elementIndex == elements.count
    }

    private static func matchesOne(_ element: Element, _ character: Character) -> Bool {
        switch element {
        case .literal(let expected): return expected == character
        case .anyOne: return true
        case .anyRun: return false
        case .set(let ranges, let negated): return ranges.contains { $0.contains(character) } != negated
        }
    }

    private static func compile(_ characters: [Character]) -> [Element] {
        var elements: [Element] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if elements.last != .anyRun { elements.append(.anyRun) }
                index += 1
            case "?":
                elements.append(.anyOne)
                index += 1
            case "[":
                if let (set, next) = compileSet(characters, openingAt: index) {
                    elements.append(set)
                    index = next
                } else {
                    elements.append(.literal("["))
                    index += 1
                }
            default:
                elements.append(.literal(character))
                index += 1
            }
        }
        return elements
    }

    /// A bracket expression starting at `start`, or nil when it is unterminated (then `[` is literal).
    private static func compileSet(_ characters: [Character], openingAt start: Int) -> (Element, Int)? {
        var index = start + 1
        var negated = false
        if index < characters.count, characters[index] == "!" || characters[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<Character>] = []
        var first = true
        while index < characters.count {
            let character = characters[index]
            if character == "]" && !first {
                return (.set(ranges: ranges, negated: negated), index + 1)
            }
            first = false
            if index + 2 < characters.count, characters[index + 1] == "-", characters[index + 2] != "]" {
                let upper = characters[index + 2]
                if character <= upper { ranges.append(character...upper) }
                index += 3
            } else {
                ranges.append(character...character)
                index += 1
            }
        }
        return nil
    }
}
