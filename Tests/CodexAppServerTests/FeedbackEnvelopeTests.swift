@testable import CodexAppServer
import CodexProtocol
import FoundationEssentials
import Testing

/// The pieces of a feedback report: DSN, envelope framing, event, tags and generated attachments,
/// with the reference's test vectors where it has them.
@Suite struct FeedbackEnvelopeTests {
    @Test func theReferenceDSNPostsToItsProjectsEnvelopeEndpoint() throws {
        let dsn = try SentryDSN(parsing: SentryDSN.reference)
        #expect(dsn.envelopeURL == "https://o33249.ingest.us.sentry.io/api/4510195390611458/envelope/")
        #expect(dsn.publicKey == "ae32ed50620d7a7792c1ce5df38b3e3e")
        #expect(
            dsn.authorization(client: "swiftcodex/1", timestamp: 12.5)
                == "Sentry sentry_key=ae32ed50620d7a7792c1ce5df38b3e3e, sentry_version=7, sentry_timestamp=12.5, sentry_client=swiftcodex/1")
    }

    @Test func aDSNKeepsItsPortPathPrefixAndSecret() throws {
        let dsn = try SentryDSN(parsing: "http://public:secret@127.0.0.1:8080/sub/dir/42")
        #expect(dsn.envelopeURL == "http://127.0.0.1:8080/sub/dir/api/42/envelope/")
        #expect(dsn.authorization(client: "c", timestamp: 1).hasSuffix(", sentry_client=c, sentry_secret=secret"))
        let environment = [SentryDSN.environmentVariable: "http://k@127.0.0.1:9/7"]
        #expect(try SentryDSN.configured(environment: environment).envelopeURL == "http://127.0.0.1:9/api/7/envelope/")
        #expect(try SentryDSN.configured(environment: [:]).envelopeURL.hasPrefix("https://o33249.ingest.us.sentry.io/"))
    }

    @Test(arguments: ["127.0.0.1/42", "ftp://k@host/1", "http://host/1", "http://k@/1", "http://k@host/"])
    func aMalformedDSNIsRefused(text: String) {
        #expect(throws: FeedbackUploadError.self) { try SentryDSN(parsing: text) }
    }

    @Test func anEnvelopeFramesEachItemWithItsLength() throws {
        var envelope = SentryEnvelope(eventID: "0b8c6e4c-0000-4000-8000-000000000001")
        envelope.items.append(SentryEnvelope.eventItem(["message": "hi"]))
        let attachment = FeedbackAttachment(filename: "a b.log", contentType: "text/plain", bytes: Array("line 1\nline 2\n".utf8))
        envelope.items.append(SentryEnvelope.attachmentItem(attachment))
        let read = try SentryEnvelopeReader(envelope.serialized())
        #expect(read.header == ["event_id": "0b8c6e4c-0000-4000-8000-000000000001"])
        #expect(read.items.count == 2)
        #expect(read.items[0].header == ["type": "event", "length": 16])
        #expect(read.items[0].json == ["message": "hi"])
        #expect(
            read.items[1].header == [
                "type": "attachment", "length": 14, "filename": "a b.log", "attachment_type": "event.attachment",
                "content_type": "text/plain",
            ])
        #expect(read.items[1].text == "line 1\nline 2\n")
    }

    @Test func reservedTagsComeFromTheServerAndClientTagsFillTheRest() {
        let tags = FeedbackEvent.tags(
            threadID: "t1", classification: "bad_result", reason: "wrong", cliVersion: "0.163.0", sessionSource: "vscode",
            extra: ["thread_id": "spoofed", "reason": "spoofed", "custom": "kept"])
        #expect(
            tags == [
                "thread_id": "t1", "classification": "bad_result", "cli_version": "0.163.0", "session_source": "vscode",
                "reason": "wrong", "custom": "kept",
            ])
    }

    @Test func theEventCarriesTitleLevelTagsAndReason() throws {
        let id = try #require(UUID(uuidString: "0B8C6E4C-1111-4000-8000-000000000002"))
        var event = FeedbackEvent(
            eventID: id, classification: "bug", reason: "it hung", threadID: "t1", tags: ["thread_id": "t1"], timestamp: 5)
        var json = event.json()
        #expect(json["event_id"] == "0b8c6e4c111140008000000000000002")
        #expect(json["level"] == "error")
        #expect(json["message"] == "[Bug]: Codex session t1")
        #expect(json["exception"]?["values"] == [["type": "[Bug]: Codex session t1", "value": "it hung"]])
        #expect(json["fingerprint"] == nil)
        event.classification = "something"
        event.reason = nil
        event.tags["feedback_title"] = "  My title "
        json = event.json()
        #expect(json["level"] == "info")
        #expect(json["message"] == "My title")
        #expect(json["exception"] == nil)
        #expect(json["fingerprint"] == ["0b8c6e4c111140008000000000000002"])
        #expect(
            ["bug", "bad_result", "good_result", "safety_check", "x"].map(FeedbackEvent.displayName)
                == ["Bug", "Bad result", "Good result", "Safety check", "Other"])
    }

    /// The reference's own vector for its whitespace-normalized prompt hash.
    @Test func thePromptHashNormalizesWhitespace() {
        #expect(
            FeedbackTurnMetadata.normalizedPromptHash("actual  developer\r\nprompt\t")
                == "9ae77301cc2a30e729c28661b7a0f9490c80a72e7d23277e7e74f0ac81779541")
    }

    /// A rollout 0.163.0 wrote (two turns, base instructions "You are a mock.").
    @Test func turnMetadataComesFromTheReportedOrTheLastTurn() throws {
        let fixture = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appending(path: "CodexCoreTests/Fixtures/rollout-formats/reference-paginated.jsonl").path
        let hash = FeedbackTurnMetadata.normalizedPromptHash("You are a mock.")
        let last = try #require(FeedbackTurnMetadata.read(rolloutPath: fixture, turnID: nil))
        #expect(last == FeedbackTurnMetadata(model: "mock-model", effort: last.effort, promptHash: hash))
        #expect(FeedbackTurnMetadata.read(rolloutPath: fixture, turnID: "01a2440d-9a79-7c61-906a-90dab3a93a8c")?.model == "mock-model")
        #expect(FeedbackTurnMetadata.read(rolloutPath: fixture, turnID: "missing-turn") == nil)
        #expect(FeedbackTurnMetadata.read(rolloutPath: "/nonexistent.jsonl", turnID: nil) == nil)
    }

    @Test func turnMetadataReplacesClientPromptTags() {
        var tags = ["prompt_hash": "client", "prompt_version": "client", "custom": "kept"]
        FeedbackTurnMetadata.apply(nil, to: &tags)
        #expect(tags == ["custom": "kept"])
        FeedbackTurnMetadata.apply(FeedbackTurnMetadata(model: "m", effort: "xhigh", promptHash: "h"), to: &tags)
        #expect(tags == ["custom": "kept", "model": "m", "effort": "Some(XHigh)", "prompt_hash": "h"])
        #expect(FeedbackTurnMetadata(model: "m", effort: nil, promptHash: nil).effortTag == "None")
    }

    /// The reference's vector: proxy variables in its order, values verbatim.
    @Test func proxyVariablesBecomeConnectivityDiagnostics() throws {
        #expect(FeedbackDiagnostics.connectivity(environment: ["PATH": "/bin"]) == nil)
        let attachment = try #require(
            FeedbackDiagnostics.connectivity(environment: [
                "HTTPS_PROXY": "https://user:password@secure-proxy.example.com:443?secret=1",
                "http_proxy": "proxy.example.com:8080", "all_proxy": "socks5h://all-proxy.example.com:1080",
            ]))
        #expect(attachment.filename == "codex-connectivity-diagnostics.txt")
        #expect(
            String(decoding: attachment.bytes, as: UTF8.self)
                == "Connectivity diagnostics\n\n- Proxy environment variables are set and may affect connectivity.\n"
                + "  - http_proxy = proxy.example.com:8080\n"
                + "  - HTTPS_PROXY = https://user:password@secure-proxy.example.com:443?secret=1\n"
                + "  - all_proxy = socks5h://all-proxy.example.com:1080")
    }

    @Test func theLogBufferKeepsTheNewestBytes() {
        let buffer = FeedbackLogBuffer(capacity: 64)
        for index in 0..<10 { buffer.append("line \(index)") }
        let text = String(decoding: buffer.snapshot(), as: UTF8.self)
        #expect(buffer.snapshot().count <= 64)
        #expect(text.hasSuffix(" line 9\n"))
        #expect(!text.contains("line 0"))
    }

    @Test func atMostThreeUploadsRunAtOnce() {
        let slots = UploadSlots(limit: 3)
        #expect([slots.acquire(), slots.acquire(), slots.acquire(), slots.acquire()] == [true, true, true, false])
        slots.release()
        #expect(slots.acquire())
    }

    @Test func attachmentTypesFollowTheExtension() {
        #expect(FeedbackAttachment.contentType(of: "rollout-x.jsonl") == "text/plain")
        #expect(FeedbackAttachment.contentType(of: "doctor.json") == "application/json")
        #expect(FeedbackAttachment.contentType(of: "blob") == "application/octet-stream")
        #expect(FeedbackAttachment.read(path: "/nonexistent/file.log") == nil)
        #expect(FeedbackAttachment.read(path: "/") == nil)
    }

    /// Thread ids with the wrong shape get the uuid parser's wording, as 0.163.0 answers (checked against it).
    @Test func aMisshapenThreadIDIsDescribedAsTheReferenceDoes() {
        let cases = [
            ("", "invalid length: expected length 32 for simple format, found 0"),
            ("abc", "invalid length: expected length 32 for simple format, found 3"),
            ("ab-c", "invalid group count: expected 5, found 2"),
            ("0199a213-81c0-7800-8aa1-bbab2a035a5", "invalid group length in group 4: expected 12, found 11"),
            ("0199a21-381c0-7800-8aa1-bbab2a035a5", "invalid group length in group 0: expected 8, found 7"),
        ]
        for (text, message) in cases {
            #expect(throws: JSONRPCErrorObject.invalidRequest("invalid thread id: \(message)")) {
                try ThreadStorageService.threadID(text)
            }
        }
    }
}
