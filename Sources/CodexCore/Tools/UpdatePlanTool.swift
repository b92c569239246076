import CodexProtocol

/// `update_plan`: records the agent's step list and reports it as a plan update.
enum UpdatePlanTool {
    static func run(arguments: String, context: ToolCallContext) async -> ToolResult {
        let parsed: JSONValue
        do {
            parsed = try JSONParser.parse(arguments)
        } catch {
            return ToolResult(output: "failed to parse function arguments: \(error)")
        }
        guard let entries = parsed["plan"]?.arrayValue else {
            return ToolResult(output: "failed to parse function arguments: missing field `plan`")
        }
        var plan: [PlanStep] = []
        for (index, entry) in entries.enumerated() {
            guard let step = entry["step"]?.stringValue, let statusText = entry["status"]?.stringValue,
                let status = PlanStep.Status(rawValue: statusText)
            else {
                return ToolResult(
                    output: "failed to parse function arguments: plan[\(index)] needs `step` and a `status` of pending, in_progress or completed")
            }
            plan.append(PlanStep(step: step, status: status))
        }
        let explanation = parsed["explanation"]?.stringValue
        await context.emit(.planUpdated(turnID: context.turnID, explanation: explanation, plan: plan))
        return ToolResult(output: "Plan updated")
    }
}
