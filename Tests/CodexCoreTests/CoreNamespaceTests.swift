import CodexCore
import Testing
