import CodexCore
import CodexProtocol
import Testing

/// The review result as 0.163.0 reads and renders it, and the prompts and hints of each target.
@Suite struct ReviewOutputTests {
    static let oneFinding = """
        {"findings":[{"title":"[P1] Off-by-one in loop","body":"The loop skips the last element.","confidence_score":0.8,\
        "priority":1,"code_location":{"absolute_file_path":"/repo/a.txt","line_range":{"start":2,"end":3}}}],\
        "overall_correctness":"patch is incorrect","overall_explanation":"One bug found.","overall_confidence_score":0.7}
        """

    @Test func parsesTheStructuredResultAndRendersItAsTheReference() {
        let output = ReviewOutput.parse(Self.oneFinding)
        #expect(output.findings.count == 1)
        let finding = output.findings[0]
        #expect(finding.title == "[P1] Off-by-one in loop")
        #expect(finding.priority == 1)
        #expect(finding.confidenceScore == 0.8)
        #expect(finding.codeLocation == ReviewCodeLocation(absoluteFilePath: "/repo/a.txt", startLine: 2, endLine: 3))
        #expect(output.overallCorrectness == "patch is incorrect")
        #expect(output.overallConfidenceScore == 0.7)
        // The text 0.163.0 printed for this very result (captured from `codex exec review`).
        #expect(
            output.renderedText
                == "One bug found.\n\nReview comment:\n\n- [P1] Off-by-one in loop — /repo/a.txt:2-3\n  The loop skips the last element.")
    }

    @Test func findsTheJSONInsideProseAndFallsBackToTheText() {
        let wrapped = ReviewOutput.parse("Here is my review:\n```json\n\(Self.oneFinding)\n```\nThanks")
        #expect(wrapped.findings.count == 1)
        let prose = ReviewOutput.parse("Looks fine to me.")
        #expect(prose.findings.isEmpty)
        #expect(prose.overallExplanation == "Looks fine to me.")
        #expect(prose.renderedText == "Looks fine to me.")
        // A finding without a location is not the structured shape: the whole text is the explanation.
        let broken = #"{"findings":[{"title":"t","body":"b"}],"overall_explanation":"x"}"#
        #expect(ReviewOutput.parse(broken).overallExplanation == broken)
        #expect(ReviewOutput.parse("   ").renderedText == "Reviewer failed to output a response.")
        #expect(ReviewOutput.reviewText(nil) == "Reviewer failed to output a response.")
    }

    @Test func severalFindingsGetTheFullHeaderAndIndentedBodies() {
        let location = ReviewCodeLocation(absoluteFilePath: "/r/x.swift", startLine: 4, endLine: 4)
        let output = ReviewOutput(
            findings: [
                ReviewFinding(title: "A", body: "line one\r\nline two\n", confidenceScore: 0.5, priority: nil, codeLocation: location),
                ReviewFinding(title: "B", body: "only", confidenceScore: 0.1, priority: 3, codeLocation: location),
            ], overallCorrectness: "patch is correct", overallExplanation: "  ", overallConfidenceScore: 0.9)
        #expect(
            output.renderedText
                == "Full review comments:\n\n- A — /r/x.swift:4-4\n  line one\n  line two\n\n- B — /r/x.swift:4-4\n  only")
        // The JSON form round-trips (it is what rollouts record as `review_output`).
        #expect(ReviewOutput(json: output.json) == output)
    }

    @Test func promptsAndHintsOfEachTarget() async throws {
        let environment = ["PATH": "/usr/bin:/bin"]
        let uncommitted = try await ReviewRequest.resolve(.uncommittedChanges, cwd: "/", environment: environment)
        #expect(
            uncommitted.prompt
                == "Review the current code changes (staged, unstaged, and untracked files) and provide prioritized findings.")
        #expect(uncommitted.userFacingHint == "current changes")
        let commit = try await ReviewRequest.resolve(
            .commit(sha: "1d70114d5c2a69c9abd7846409b36cc27eb113e5", title: "second change"), cwd: "/", environment: environment)
        #expect(
            commit.prompt
                == #"Review the code changes introduced by commit 1d70114d5c2a69c9abd7846409b36cc27eb113e5 ("second change"). Provide prioritized, actionable findings."#
        )
        #expect(commit.userFacingHint == "commit 1d70114: second change")
        #expect(ReviewRequest.userFacingHint(for: .commit(sha: "HEAD", title: nil)) == "commit HEAD")
        let custom = try await ReviewRequest.resolve(.custom(instructions: "  look at security  \n"), cwd: "/", environment: environment)
        #expect(custom.prompt == "look at security")
        #expect(custom.userFacingHint == "look at security")
        await #expect(throws: ReviewRequestError.emptyPrompt) {
            try await ReviewRequest.resolve(.custom(instructions: " \n "), cwd: "/", environment: environment)
        }
        // Outside a repository git finds no merge base: the prompt tells the model how to find it.
        let base = try await ReviewRequest.resolve(.baseBranch("main"), cwd: "/", environment: environment)
        #expect(base.prompt.hasPrefix("Review the code changes against the base branch 'main'. Start by finding the merge diff"))
        #expect(base.userFacingHint == "changes against 'main'")
    }
}
