// What a user sends into a turn.
// Codable and schema are kept side by side; AppServerSchemaValidationTests check one against the other.

extension AppServerV2 {
    /// A byte range inside a text input.
    public struct ByteRange: AppServerType {
        public var start: Int64
        public var end: Int64

        public init(start: Int64, end: Int64) {
            self.start = start
            self.end = end
        }

        private enum CodingKeys: String, CodingKey {
            case start
            case end
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            start = try c.decode(Int64.self, forKey: .start)
            end = try c.decode(Int64.self, forKey: .end)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(start, forKey: .start)
            try c.encode(end, forKey: .end)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("start", .integer, required: true),
                SchemaProperty("end", .integer, required: true),
            ])
        }
    }

    /// A marked span inside a text input.
    public struct TextElement: AppServerType {
        public var byteRange: ByteRange
        public var placeholder: String?

        public init(byteRange: ByteRange, placeholder: String? = nil) {
            self.byteRange = byteRange
            self.placeholder = placeholder
        }

        private enum CodingKeys: String, CodingKey {
            case byteRange
            case placeholder
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            byteRange = try c.decode(ByteRange.self, forKey: .byteRange)
            placeholder = try c.decodeIfPresent(String.self, forKey: .placeholder)
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(byteRange, forKey: .byteRange)
            try c.encode(placeholder, forKey: .placeholder)
        }

        public static var schema: SchemaNode {
            .object([
                SchemaProperty("byteRange", .ref("ByteRange"), required: true),
                SchemaProperty("placeholder", .nullable(.string)),
            ])
        }
    }

    /// One piece of user input, tagged by `type`; unknown kinds (audio, ...) are kept verbatim.
    public enum UserInput: AppServerType {
        case text(text: String, textElements: [TextElement])
        case image(url: String?, fileId: String?, detail: ImageDetail?)
        case localImage(path: String, detail: ImageDetail?)
        case skill(name: String, path: String)
        case mention(name: String, path: String)
        /// A variant this build does not know, kept verbatim so it can be passed on.
        case unknown(JSONValue)

        private enum TagKey: String, CodingKey { case type }
        private enum FieldKey: String, CodingKey {
            case text
            case textElements = "text_elements"
            case url
            case fileId
            case detail
            case path
            case name
        }

        public init(from decoder: any Decoder) throws {
            let tag = try decoder.container(keyedBy: TagKey.self).decode(String.self, forKey: .type)
            switch tag {
            case "text":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .text(
                    text: try c.decode(String.self, forKey: .text),
                    textElements: try c.decodeIfPresent([TextElement].self, forKey: .textElements) ?? [])
            case "image":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .image(
                    url: try c.decodeIfPresent(String.self, forKey: .url),
                    fileId: try c.decodeIfPresent(String.self, forKey: .fileId),
                    detail: try c.decodeIfPresent(ImageDetail.self, forKey: .detail))
            case "localImage":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .localImage(
                    path: try c.decode(String.self, forKey: .path),
                    detail: try c.decodeIfPresent(ImageDetail.self, forKey: .detail))
            case "skill":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .skill(
                    name: try c.decode(String.self, forKey: .name), path: try c.decode(String.self, forKey: .path))
            case "mention":
                let c = try decoder.container(keyedBy: FieldKey.self)
                self = .mention(
                    name: try c.decode(String.self, forKey: .name), path: try c.decode(String.self, forKey: .path))
            default:
                self = .unknown(try JSONValue(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .text(let text, let textElements):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(text, forKey: .text)
                try c.encode(textElements, forKey: .textElements)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("text", forKey: .type)
            case .image(let url, let fileId, let detail):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encodeIfPresent(url, forKey: .url)
                try c.encodeIfPresent(fileId, forKey: .fileId)
                try c.encodeIfPresent(detail, forKey: .detail)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("image", forKey: .type)
            case .localImage(let path, let detail):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(path, forKey: .path)
                try c.encodeIfPresent(detail, forKey: .detail)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("localImage", forKey: .type)
            case .skill(let name, let path):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(name, forKey: .name)
                try c.encode(path, forKey: .path)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("skill", forKey: .type)
            case .mention(let name, let path):
                var c = encoder.container(keyedBy: FieldKey.self)
                try c.encode(name, forKey: .name)
                try c.encode(path, forKey: .path)
                var tagContainer = encoder.container(keyedBy: TagKey.self)
                try tagContainer.encode("mention", forKey: .type)
            case .unknown(let raw):
                try raw.encode(to: encoder)
            }
        }

        public static var schema: SchemaNode {
            .oneOf([
                .taggedObject(
                    "text",
                    [
                        SchemaProperty("text", .string, required: true),
                        SchemaProperty("text_elements", .array(.ref("TextElement"))),
                    ]),
                .taggedObject(
                    "image",
                    [
                        SchemaProperty("url", .string), SchemaProperty("fileId", .string),
                        SchemaProperty("detail", .ref("ImageDetail")),
                    ]),
                .taggedObject(
                    "localImage",
                    [SchemaProperty("path", .string, required: true), SchemaProperty("detail", .ref("ImageDetail"))]),
                .taggedObject(
                    "skill",
                    [SchemaProperty("name", .string, required: true), SchemaProperty("path", .string, required: true)]),
                .taggedObject(
                    "mention",
                    [SchemaProperty("name", .string, required: true), SchemaProperty("path", .string, required: true)]),
            ])
        }
    }
}
