// What a user sends into a turn.

extension AppServerV2 {
    /// A byte range inside a text input.
    @PublicMemberwiseInit
    public struct ByteRange: AppServerType {
        public var start: Int64
        public var end: Int64
    }

    /// A marked span inside a text input.
    @PublicMemberwiseInit
    public struct TextElement: AppServerType {
        public var byteRange: ByteRange
        public var placeholder: String?
    }

    /// One piece of user input, tagged by `type`; unknown kinds (audio, ...) are kept verbatim.
    public enum UserInput: AppServerType, OpenTaggedWireUnion {
        case text(text: String, textElements: [TextElement])
        case image(url: String?, fileId: String?, detail: ImageDetail?)
        case localImage(path: String, detail: ImageDetail?)
        case skill(name: String, path: String)
        case mention(name: String, path: String)
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        public enum CodingKeys: CodingKey, CaseIterable { case text, image, localImage, skill, mention, unknown }
        enum TextCodingKeys: String, CodingKey {
            case text
            case textElements = "text_elements"
        }

        /// Nil image members are left out; `text_elements` may be absent.
        public static var omitsNilMembers: Bool { true }
        public static var absentMemberDefaults: [String: [String: JSONValue]] { ["text": ["text_elements": []]] }

        public init(unknownVariant raw: JSONValue) { self = .unknown(raw) }

        public var unknownVariantPayload: JSONValue? {
            if case .unknown(let raw) = self { return raw }
            return nil
        }
    }
}
