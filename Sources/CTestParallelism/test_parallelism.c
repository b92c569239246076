// Caps how many test cases the test bundle runs at once, before Swift Testing reads its configuration.
//
// Swift Testing starts every test case at the same time by default. On a 2-core machine the first
// job of each of the ~1,000 cases queues on the two cooperative threads, so a test whose child
// process exited after 50 ms is not resumed until that backlog drains (15-30 s): its deadlines (a
// command's 10 s timeout, a "killed within 10 s" check) fire first. With at most a few cases in
// flight, a resumed test waits behind a handful of others, not behind the whole suite.
//
// Swift Testing (6.3 and later) reads the cap from SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH
// when its entry point builds the run's configuration, in main. A constructor runs before main, so
// plain `swift test` gets the cap; a value already in the environment wins. Older toolchains ignore
// the variable and run uncapped.
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

__attribute__((constructor)) static void ctestparallelism_cap_width(void) {
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    long width = processors > 0 ? processors * 4 : 8;
    if (width < 8) width = 8;
    char text[32];
    snprintf(text, sizeof text, "%ld", width);
    setenv("SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH", text, 0);
}
