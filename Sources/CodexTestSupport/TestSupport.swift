/// Namespace for helpers shared by the test targets.
public enum CodexTestSupport {}
